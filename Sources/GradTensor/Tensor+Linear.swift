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

/// Raw kernels on contiguous row-major buffers. They allocate nothing once warmed up (the
/// blocked path keeps its packing buffers), so the training step can call them on buffers it
/// owns and reuses.
///
/// All three compute every c[i][j] as the same sum, over p in increasing order with separate
/// multiply and add, whether the shape takes the blocked SIMD path (`BlockedProduct`), the
/// narrow one for outputs at most 8 columns wide (`NarrowProduct`) or the plain loops below,
/// and however many threads share the rows: 1 and N threads give the same bits. On the AVX2 and
/// AVX-512 `KernelPath`s the blocked path fuses each multiply-add (same order, same bits on
/// both), which the shape alone decides, so 1 and N threads still agree bit for bit.
public enum Kernels {
    /// `c = a x b` with a (m, k), b (k, n), c (m, n); with `bias` (n values), `c = a x b + bias`,
    /// the bias added to each row's finished sums (a Dense layer's pre-activations, in Keras'
    /// order). Cost: m*k*n multiply-adds (+ m*n adds).
    public static func matmul(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        m: Int, k: Int, n: Int, addingBias bias: UnsafePointer<Float>? = nil
    ) {
        let rowMajorA = StridedMatrix(a, rowStride: k, columnStride: 1), rowMajorB = StridedMatrix(b, rowStride: n, columnStride: 1)
        if BlockedProduct.pays(m: m, k: k, n: n) {
            BlockedProduct.multiply(rowMajorA, rowMajorB, c, m: m, k: k, n: n)
        } else if NarrowProduct.pays(m: m, k: k, n: n) {
            NarrowProduct.multiply(rowMajorA, rowMajorB, c, m: m, k: k, n: n, addingBias: bias)
            return
        } else {
            plainRowUpdates(rowMajorA, b, c, m: m, k: k, n: n)
        }
        if let bias { Parallel.forEachRange(m, workPerItem: n, BiasRows(bias: bias, c: c, n: n)) }
    }

    /// Rows of c plus the bias, after the product.
    struct BiasRows: RowWork, @unchecked Sendable {
        let bias: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>
        let n: Int

        func run(_ rows: Range<Int>) {
            for i in rows {
                let row = c + i &* n
                for j in 0..<n { row[j] += bias[j] }
            }
        }
    }

    /// `c = aᵀ x b` with a (k, m), b (k, n), c (m, n): weight gradients (inputsᵀ · deltas)
    /// without materialising the transpose.
    public static func matmulTransposedA(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        m: Int, k: Int, n: Int
    ) {
        let view = StridedMatrix(a, rowStride: 1, columnStride: m)
        if BlockedProduct.pays(m: m, k: k, n: n) {
            BlockedProduct.multiply(view, StridedMatrix(b, rowStride: n, columnStride: 1), c, m: m, k: k, n: n)
            return
        }
        if NarrowProduct.pays(m: m, k: k, n: n) {
            NarrowProduct.multiply(view, StridedMatrix(b, rowStride: n, columnStride: 1), c, m: m, k: k, n: n)
            return
        }
        plainRowUpdates(view, b, c, m: m, k: k, n: n)
    }

    /// `c = a x bᵀ` with a (m, k), b (n, k), c (m, n): input gradients (deltas · kernelᵀ).
    public static func matmulTransposedB(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
        m: Int, k: Int, n: Int
    ) {
        if BlockedProduct.pays(m: m, k: k, n: n) {
            BlockedProduct.multiply(StridedMatrix(a, rowStride: k, columnStride: 1),
                                    StridedMatrix(b, rowStride: 1, columnStride: k), c, m: m, k: k, n: n)
            return
        }
        if NarrowProduct.pays(m: m, k: k, n: n) {
            NarrowProduct.multiply(StridedMatrix(a, rowStride: k, columnStride: 1),
                                   StridedMatrix(b, rowStride: 1, columnStride: k), c, m: m, k: k, n: n)
            return
        }
        Parallel.forEachRange(m, workPerItem: k * n, DotRows(a: a, b: b, c: c, k: k, n: n))
    }

    /// Rows of c = a x bᵀ by dot products (b's rows are bᵀ's columns).
    struct DotRows: RowWork, @unchecked Sendable {
        let a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>
        let k: Int, n: Int

        func run(_ rows: Range<Int>) {
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

    /// Small shapes: c row i = sum over p of A(i, p) * b row p, in increasing p (b row-major k x n).
    private static func plainRowUpdates(
        _ a: StridedMatrix, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, m: Int, k: Int, n: Int
    ) {
        Parallel.forEachRange(m, workPerItem: k * n, PlainRows(a: a, b: b, c: c, k: k, n: n))
    }

    /// Rows of c for `plainRowUpdates`.
    struct PlainRows: RowWork, @unchecked Sendable {
        let a: StridedMatrix, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>
        let k: Int, n: Int

        func run(_ rows: Range<Int>) {
            let aBase = a.base
            for i in rows {
                let cRow = c + i * n
                for j in 0..<n { cRow[j] = 0 }
                for p in 0..<k {
                    let aip = aBase[i * a.rowStride + p * a.columnStride]
                    let bRow = b + p * n
                    for j in 0..<n { cRow[j] += aip * bRow[j] }
                }
            }
        }
    }
}
