import GradTensor

/// Records differentiable operations in execution order and walks them
/// backwards: TensorFlow's `GradientTape`, in the micrograd manner.
///
/// Every op is defined once, in an extension of `Traced`, with its forward
/// value and its backward rule side by side (see `Traced+*.swift`). The tape
/// only orders nodes and adds up the gradients flowing into each one, so a
/// value used twice receives the sum of both contributions.
///
/// Cost: one node per op; `gradient` visits the nodes once, in reverse.
/// A tape is single-threaded (the kernels it calls may use threads).
public final class GradientTape {
    /// Maps the gradient of an op's output to the gradients of its inputs, in input order.
    public typealias Backward = (Tensor) -> [Tensor]

    struct Node {
        let inputs: [Int]
        let backward: Backward?
    }

    private(set) var nodes: [Node] = []

    public init() {}

    /// Starts tracing `value` (a constant or input tensor) so gradients can be taken with respect to it.
    public func watch(_ value: Tensor) -> Traced {
        nodes.append(Node(inputs: [], backward: nil))
        return Traced(value: value, id: nodes.count - 1, tape: self)
    }

    /// Starts tracing the current value of `variable`.
    public func watch(_ variable: Variable) -> Traced { watch(variable.value) }

    /// Adds an op's result to the tape. `backward` receives d(target)/d(value) and returns
    /// d(target)/d(input) for each input, each with that input's shape. `backward` must capture
    /// tensors and shapes, not `Traced` values: a `Traced` holds its tape, and the tape holds
    /// `backward`, so such a capture is a reference cycle that leaks the tape.
    public func record(_ value: Tensor, inputs: [Traced], backward: @escaping Backward) -> Traced {
        for input in inputs {
            precondition(input.tape === self, "an op mixed values from two different tapes")
        }
        nodes.append(Node(inputs: inputs.map(\.id), backward: backward))
        return Traced(value: value, id: nodes.count - 1, tape: self)
    }

    /// d(sum of `target`)/d(source) for each source; a non-scalar target is summed
    /// first, as TensorFlow does. A source the target does not depend on gets zeros.
    public func gradient(of target: Traced, wrt sources: [Traced]) -> [Tensor] {
        precondition(target.tape === self, "target was recorded on another tape")
        var grads = [Tensor?](repeating: nil, count: target.id + 1)
        grads[target.id] = Tensor.ones(target.shape)
        // Nodes are appended in execution order, so descending ids is a reverse topological order.
        for id in stride(from: target.id, through: 0, by: -1) {
            guard let upstream = grads[id], let backward = nodes[id].backward else { continue }
            let inputGrads = backward(upstream)
            let inputs = nodes[id].inputs
            precondition(inputGrads.count == inputs.count, "backward rule returned \(inputGrads.count) gradients for \(inputs.count) inputs")
            for (input, g) in zip(inputs, inputGrads) {
                grads[input] = grads[input].map { $0 + g } ?? g
            }
        }
        return sources.map { source in
            precondition(source.tape === self, "source was recorded on another tape")
            return (source.id < grads.count ? grads[source.id] : nil) ?? Tensor.zeros(source.shape)
        }
    }

    /// Convenience for one source.
    public func gradient(of target: Traced, wrt source: Traced) -> Tensor {
        gradient(of: target, wrt: [source])[0]
    }
}

/// A tensor value on a tape: the result of a watched input or of a recorded op.
public struct Traced {
    public let value: Tensor
    let id: Int
    let tape: GradientTape

    public var shape: [Int] { value.shape }

    /// A constant on the same tape (gradients never flow into it).
    public func constant(_ value: Tensor) -> Traced { tape.watch(value) }
}

/// A mutable tensor that training updates (TensorFlow's `tf.Variable`).
/// Watch it on a tape to differentiate with respect to its current value.
public final class Variable {
    public private(set) var value: Tensor
    public let name: String

    public init(_ value: Tensor, name: String = "Variable") {
        self.value = value
        self.name = name
    }

    public var shape: [Int] { value.shape }

    /// Replaces the value; the shape must stay the same.
    public func assign(_ newValue: Tensor) {
        precondition(newValue.shape == value.shape,
                     "assign: shape \(Tensor.shapeText(newValue.shape)) does not match variable shape \(Tensor.shapeText(value.shape))")
        value = newValue
    }

    /// Adds `delta` (which must broadcast to the variable's shape without changing it).
    public func assignAdd(_ delta: Tensor) { assign(value + delta) }

    /// Subtracts `delta`.
    public func assignSub(_ delta: Tensor) { assign(value - delta) }
}
