extension Tensor {
    /// Sum over the given axes (numpy's `sum(axis=..., keepdims=...)`); all axes when `axes` is nil.
    /// Each output element adds its inputs in increasing index order, in Double, then rounds once.
    public func sum(alongAxes axes: [Int]? = nil, keepingDims: Bool = false) -> Tensor {
        let reduceAxes = Set(normalized(axes ?? Array(0..<rank)))
        var keptShape = shape
        for axis in reduceAxes { keptShape[axis] = 1 }
        var acc = [Double](repeating: 0, count: keptShape.reduce(1, *))
        let outStrides = Broadcast.strides(of: keptShape, broadcastTo: shape)
        var index = [Int](repeating: 0, count: rank)
        var o = 0
        for value in scalars {
            acc[o] += Double(value)
            var axis = rank - 1
            while axis >= 0 {
                index[axis] += 1
                o += outStrides[axis]
                if index[axis] < shape[axis] { break }
                o -= outStrides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        let outShape = keepingDims ? keptShape : shape.enumerated().filter { !reduceAxes.contains($0.offset) }.map(\.element)
        return Tensor(shape: outShape, scalars: acc.map { Float($0) })
    }

    /// Mean over the given axes; all axes when `axes` is nil.
    public func mean(alongAxes axes: [Int]? = nil, keepingDims: Bool = false) -> Tensor {
        let reduceAxes = normalized(axes ?? Array(0..<rank))
        let n = Set(reduceAxes).map { shape[$0] }.reduce(1, *)
        let total = sum(alongAxes: reduceAxes, keepingDims: keepingDims)
        return total.map { n == 0 ? .nan : $0 / Float(n) }
    }

    /// Axes with negative values counted from the end, each checked against the rank.
    func normalized(_ axes: [Int]) -> [Int] {
        axes.map { axis in
            let a = axis < 0 ? axis + rank : axis
            precondition(a >= 0 && a < rank, "axis \(axis) out of range for shape \(Tensor.shapeText(shape))")
            return a
        }
    }

    /// Largest element, or -infinity for an empty tensor.
    public var max: Float { scalars.max() ?? -.infinity }
    /// Smallest element, or +infinity for an empty tensor.
    public var min: Float { scalars.min() ?? .infinity }
}
