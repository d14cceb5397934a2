extension Tensor {
    /// Matrix product of rank-2 tensors, `(m, k) x (k, n) -> (m, n)`.
    /// Cost: m*k*n multiply-adds, split by output rows across threads.
    public func matmul(_ other: Tensor) -> Tensor {
        precondition(rank == 2 && other.rank == 2 && shape[1] == other.shape[0],
                     "matmul shapes \(Tensor.shapeText(shape)) and \(Tensor.shapeText(other.shape)) do not chain")
        let (m, k, n) = (shape[0], shape[1], other.shape[1])
        var out = [Float](repeating: 0, count: m * n)
        scalars.withUnsafeBufferPointer { a in
            other.scalars.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { c in
                    Kernels.matmul(a.baseAddress!, b.baseAddress!, c.baseAddress!, m: m, k: k, n: n)
                }
            }
        }
        return Tensor(shape: [m, n], scalars: out)
    }

    /// Axes reversed (numpy's `.T`); for rank 2, the matrix transpose.
    public var transposed: Tensor { permuted(Array((0..<rank).reversed())) }

    /// Axes reordered: output axis i is input axis `order[i]`.
    public func permuted(_ order: [Int]) -> Tensor {
        precondition(order.sorted() == Array(0..<rank), "permutation \(order) does not fit shape \(Tensor.shapeText(shape))")
        let outShape = order.map { shape[$0] }
        let inStrides = strides
        let readStrides = order.map { inStrides[$0] }
        var out = [Float](repeating: 0, count: count)
        var index = [Int](repeating: 0, count: rank)
        var src = 0
        for o in 0..<count {
            out[o] = scalars[src]
            var axis = rank - 1
            while axis >= 0 {
                index[axis] += 1
                src += readStrides[axis]
                if index[axis] < outShape[axis] { break }
                src -= readStrides[axis] * outShape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return Tensor(shape: outShape, scalars: out)
    }
}

/// Raw kernels on contiguous row-major buffers. They allocate nothing, so the
/// training step can call them on buffers it owns and reuses.
public enum Kernels {
    /// `c = a x b` with a (m, k), b (k, n), c (m, n). Output rows are split across
    /// threads; each c[i][j] sums over p in increasing order, so any thread count
    /// gives the same bits.
    public static func matmul(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        m: Int, k: Int, n: Int
    ) {
        let cAddress = UInt(bitPattern: c), aAddress = UInt(bitPattern: a), bAddress = UInt(bitPattern: b)
        Parallel.forEachRange(m, workPerItem: k * n) { rows in
            let c = UnsafeMutablePointer<Float>(bitPattern: cAddress)!
            let a = UnsafePointer<Float>(bitPattern: aAddress)!
            let b = UnsafePointer<Float>(bitPattern: bAddress)!
            for i in rows {
                let cRow = c + i * n
                for j in 0..<n { cRow[j] = 0 }
                for p in 0..<k {
                    let aip = a[i * k + p]
                    let bRow = b + p * n
                    for j in 0..<n { cRow[j] += aip * bRow[j] }
                }
            }
        }
    }

    /// `c = aᵀ x b` with a (k, m), b (k, n), c (m, n): weight gradients (inputsᵀ · deltas)
    /// without materialising the transpose. Split by output rows; fixed order over p.
    public static func matmulTransposedA(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        m: Int, k: Int, n: Int
    ) {
        let cAddress = UInt(bitPattern: c), aAddress = UInt(bitPattern: a), bAddress = UInt(bitPattern: b)
        Parallel.forEachRange(m, workPerItem: k * n) { rows in
            let c = UnsafeMutablePointer<Float>(bitPattern: cAddress)!
            let a = UnsafePointer<Float>(bitPattern: aAddress)!
            let b = UnsafePointer<Float>(bitPattern: bAddress)!
            for i in rows {
                let cRow = c + i * n
                for j in 0..<n { cRow[j] = 0 }
                for p in 0..<k {
                    let api = a[p * m + i]
                    let bRow = b + p * n
                    for j in 0..<n { cRow[j] += api * bRow[j] }
                }
            }
        }
    }

    /// `c = a x bᵀ` with a (m, k), b (n, k), c (m, n): input gradients (deltas · kernelᵀ).
    /// Split by output rows; each element is one dot product in increasing p.
    public static func matmulTransposedB(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        m: Int, k: Int, n: Int
    ) {
        let cAddress = UInt(bitPattern: c), aAddress = UInt(bitPattern: a), bAddress = UInt(bitPattern: b)
        Parallel.forEachRange(m, workPerItem: k * n) { rows in
            let c = UnsafeMutablePointer<Float>(bitPattern: cAddress)!
            let a = UnsafePointer<Float>(bitPattern: aAddress)!
            let b = UnsafePointer<Float>(bitPattern: bAddress)!
            for i in rows {
                let aRow = a + i * k
                for j in 0..<n {
                    let bRow = b + j * k
                    var acc: Float = 0
                    for p in 0..<k { acc += aRow[p] * bRow[p] }
                    c[i * n + j] = acc
                }
            }
        }
    }
}
