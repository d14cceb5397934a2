import GradTensor

// Linear algebra and shape ops.
extension Traced {
    /// `(m, k) x (k, n)`; backward: dA = G Bᵀ, dB = Aᵀ G.
    public func matmul(_ other: Traced) -> Traced {
        let a = value, b = other.value
        return tape.record(a.matmul(b), inputs: [self, other]) { g in
            [g.matmul(b.transposed), a.transposed.matmul(g)]
        }
    }

    public func matmul(_ other: Tensor) -> Traced { matmul(constant(other)) }

    /// Axes reversed; backward transposes the gradient back.
    public var transposed: Traced {
        tape.record(value.transposed, inputs: [self]) { g in [g.transposed] }
    }

    public func reshaped(_ shape: [Int]) -> Traced {
        let original = self.shape
        return tape.record(value.reshaped(shape), inputs: [self]) { g in [g.reshaped(original)] }
    }

    /// Sum over axes (all when nil); backward broadcasts the gradient back over the summed axes.
    public func sum(alongAxes axes: [Int]? = nil, keepingDims: Bool = false) -> Traced {
        let inputShape = shape
        let kept = Traced.keptShape(inputShape, axes: axes)
        return tape.record(value.sum(alongAxes: axes, keepingDims: keepingDims), inputs: [self]) { g in
            [Tensor.zeros(inputShape) + g.reshaped(kept)]
        }
    }

    /// Mean over axes (all when nil); backward spreads the gradient evenly.
    public func mean(alongAxes axes: [Int]? = nil, keepingDims: Bool = false) -> Traced {
        let inputShape = shape
        let kept = Traced.keptShape(inputShape, axes: axes)
        let n = Float(inputShape.reduce(1, *) / max(1, kept.reduce(1, *)))
        return tape.record(value.mean(alongAxes: axes, keepingDims: keepingDims), inputs: [self]) { g in
            [Tensor.zeros(inputShape) + g.reshaped(kept) * (1 / n)]
        }
    }

    /// The input shape with reduced axes set to 1 (numpy's keepdims shape).
    static func keptShape(_ shape: [Int], axes: [Int]?) -> [Int] {
        var kept = shape
        for axis in axes ?? Array(0..<shape.count) { kept[axis < 0 ? axis + shape.count : axis] = 1 }
        return kept
    }
}
