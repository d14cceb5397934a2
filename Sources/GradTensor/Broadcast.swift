/// numpy broadcasting: shapes are aligned at their last axis; two extents are
/// compatible when equal or when one of them is 1.
public enum Broadcast {
    /// The broadcast shape of `a` and `b`, or `nil` when they are incompatible.
    public static func shape(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da == db || db == 1 { result[i] = da } else if da == 1 { result[i] = db } else { return nil }
        }
        return result
    }

    /// Strides that read a tensor of `shape` as if it had `target` shape (0 on broadcast axes).
    static func strides(of shape: [Int], broadcastTo target: [Int]) -> [Int] {
        let own = Tensor.strides(of: shape)
        let pad = target.count - shape.count
        return (0..<target.count).map { i in
            i < pad || shape[i - pad] == 1 ? 0 : own[i - pad]
        }
    }
}

extension Tensor {
    /// Applies `op` elementwise to `self` and `other` broadcast together (numpy rules).
    /// Cost: one pass over the output; same-shape and scalar operands take a flat fast path.
    public func zipWith(_ other: Tensor, _ op: (Float, Float) -> Float) -> Tensor {
        if shape == other.shape {
            var out = [Float](repeating: 0, count: count)
            scalars.withUnsafeBufferPointer { a in
                other.scalars.withUnsafeBufferPointer { b in
                    for i in 0..<a.count { out[i] = op(a[i], b[i]) }
                }
            }
            return Tensor(shape: shape, scalars: out)
        }
        guard let outShape = Broadcast.shape(shape, other.shape) else {
            preconditionFailure("shapes \(Tensor.shapeText(shape)) and \(Tensor.shapeText(other.shape)) do not broadcast")
        }
        if other.count == 1 {
            let b = other.scalars[0]
            return Tensor(shape: outShape, scalars: scalars.map { op($0, b) })
        }
        if count == 1 {
            let a = scalars[0]
            return Tensor(shape: outShape, scalars: other.scalars.map { op(a, $0) })
        }
        let sa = Broadcast.strides(of: shape, broadcastTo: outShape)
        let sb = Broadcast.strides(of: other.shape, broadcastTo: outShape)
        let total = outShape.reduce(1, *)
        var out = [Float](repeating: 0, count: total)
        var index = [Int](repeating: 0, count: outShape.count)
        var ia = 0, ib = 0
        for o in 0..<total {
            out[o] = op(scalars[ia], other.scalars[ib])
            // Odometer increment of the multi-index, updating both offsets.
            var axis = outShape.count - 1
            while axis >= 0 {
                index[axis] += 1
                ia += sa[axis]; ib += sb[axis]
                if index[axis] < outShape[axis] { break }
                ia -= sa[axis] * outShape[axis]; ib -= sb[axis] * outShape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return Tensor(shape: outShape, scalars: out)
    }

    /// Sums a broadcast result back down to `target` shape: the adjoint of broadcasting,
    /// used by backward rules of broadcasting ops.
    public func summed(toShape target: [Int]) -> Tensor {
        if shape == target { return self }
        precondition(Broadcast.shape(target, shape) == shape,
                     "cannot reduce \(Tensor.shapeText(shape)) to \(Tensor.shapeText(target))")
        let pad = rank - target.count
        var axes: [Int] = Array(0..<pad)
        for i in 0..<target.count where target[i] == 1 && shape[pad + i] != 1 { axes.append(pad + i) }
        return sum(alongAxes: axes, keepingDims: true).reshaped(target)
    }

    /// Applies `op` to every element.
    public func map(_ op: (Float) -> Float) -> Tensor {
        Tensor(shape: shape, scalars: scalars.map(op))
    }

    public static func + (a: Tensor, b: Tensor) -> Tensor { a.zipWith(b, +) }
    public static func - (a: Tensor, b: Tensor) -> Tensor { a.zipWith(b, -) }
    public static func * (a: Tensor, b: Tensor) -> Tensor { a.zipWith(b, *) }
    public static func / (a: Tensor, b: Tensor) -> Tensor { a.zipWith(b, /) }
    public static prefix func - (a: Tensor) -> Tensor { a.map { -$0 } }
    public static func + (a: Tensor, b: Float) -> Tensor { a.map { $0 + b } }
    public static func * (a: Tensor, b: Float) -> Tensor { a.map { $0 * b } }
    public static func * (a: Float, b: Tensor) -> Tensor { b.map { a * $0 } }
    public static func - (a: Float, b: Tensor) -> Tensor { b.map { a - $0 } }

    /// Elementwise maximum with broadcasting (numpy's `maximum`).
    public static func maximum(_ a: Tensor, _ b: Tensor) -> Tensor { a.zipWith(b) { Swift.max($0, $1) } }
}
