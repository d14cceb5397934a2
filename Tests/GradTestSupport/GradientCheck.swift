import GradTensor
import GradAutodiff

/// Central finite differences of `f` (a scalar function of several tensors) with
/// respect to every element of every input, computed in float32 like the op itself.
/// Cost: 2 evaluations of `f` per input element.
public func finiteDifferences(_ inputs: [Tensor], step h: Float = 1e-2, _ f: ([Tensor]) -> Float) -> [Tensor] {
    inputs.indices.map { k in
        var grad = Tensor.zeros(inputs[k].shape)
        for i in 0..<inputs[k].count {
            var plus = inputs, minus = inputs
            plus[k].scalars[i] += h
            minus[k].scalars[i] -= h
            grad.scalars[i] = Float((Double(f(plus)) - Double(f(minus))) / (2 * Double(h)))
        }
        return grad
    }
}

/// Tape gradients and finite differences of `sum(op(inputs) * weights)`, where
/// `weights` is a fixed pseudo-random cotangent so every output element matters.
public func gradientCheck(_ inputs: [Tensor], step h: Float = 1e-2,
                          _ op: ([Traced]) -> Traced) -> (tape: [Tensor], numeric: [Tensor]) {
    let probeTape = GradientTape()
    let outShape = op(inputs.map(probeTape.watch)).shape
    let weights = Tensor(shape: outShape, scalars: (0..<outShape.reduce(1, *)).map { Float(($0 * 7 + 3) % 11) / 5 - 1 })
    let tape = GradientTape()
    let traced = inputs.map(tape.watch)
    let target = (op(traced) * weights).sum()
    let analytic = tape.gradient(of: target, wrt: traced)
    let numeric = finiteDifferences(inputs, step: h) { values in
        let t = GradientTape()
        return (op(values.map(t.watch)) * weights).sum().value.scalar
    }
    return (analytic, numeric)
}
