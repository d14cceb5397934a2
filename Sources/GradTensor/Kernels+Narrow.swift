import CGradKernels

/// Matrix products whose output is at most 8 columns wide (the notebook's 2-unit layers, a
/// wide network's output layer), optionally adding a bias to each finished row.
///
/// Portable path: b is copied once into k zero-padded 8-lane rows on the stack, then each row
/// of c is one SIMD8 accumulator over p. AVX2 and AVX-512 paths: the same arithmetic in C
/// (`gk_narrow_rows`), with loads and stores of exactly n floats.
///
/// Summation order: every c[i][j] is `((0 + a[i][0]·b[0][j]) + a[i][1]·b[1][j]) + ...` in
/// increasing p with separate multiply and add (then `+ bias[j]`), exactly as the plain loops
/// and `BlockedProduct` on the portable path, so taking this path, on any `KernelPath`,
/// changes no bit; rows are split across threads whole.
/// Cost: m*k 8-lane multiply-adds plus 8k floats packed; allocates nothing once warmed (the
/// packed copy lives on the stack up to 1 KB, beyond in a `PackingPool` buffer; in C, on the stack).
enum NarrowProduct {
    typealias Lane = SIMD8<Float>
    static let maximumDepth = Int(GK_NARROW_MAX_DEPTH)

    static func pays(m: Int, k: Int, n: Int) -> Bool { n <= Lane.scalarCount && k <= maximumDepth && m > 0 && k > 0 && n > 0 }

    /// Depth whose packed copy (k x 32 bytes) fits the 1 KB that `withUnsafeTemporaryAllocation`
    /// always places on the stack; deeper products borrow a pooled buffer instead of the heap.
    static let stackDepth = 32

    static func multiply(_ a: StridedMatrix, _ b: StridedMatrix, _ c: UnsafeMutablePointer<Float>, m: Int, k: Int, n: Int,
                         addingBias bias: UnsafePointer<Float>? = nil) {
        if KernelPath.current != .portable {
            Parallel.forEachRange(m, workPerItem: k &* n, CRows(a: a, b: b, bias: bias, c: c, k: k, n: n))
        } else if k <= stackDepth {
            withUnsafeTemporaryAllocation(of: Lane.self, capacity: k) { packed in
                multiply(a, b, c, m: m, k: k, n: n, bias: bias, packed: packed.baseAddress!)
            }
        } else {
            let buffer = PackingPool.take()
            defer { PackingPool.give(back: buffer) }
            let lanes = UnsafeMutableRawPointer(buffer).bindMemory(to: Lane.self, capacity: maximumDepth)
            multiply(a, b, c, m: m, k: k, n: n, bias: bias, packed: lanes)
            UnsafeMutableRawPointer(lanes).bindMemory(to: Float.self, capacity: PackingPool.capacity)
        }
    }

    @inline(__always)
    private static func multiply(_ a: StridedMatrix, _ b: StridedMatrix, _ c: UnsafeMutablePointer<Float>,
                                 m: Int, k: Int, n: Int, bias: UnsafePointer<Float>?, packed rows: UnsafeMutablePointer<Lane>) {
        let bBase = b.base
        for p in 0..<k {
            var row = Lane()
            for j in 0..<n { row[j] = bBase[p &* b.rowStride &+ j &* b.columnStride] }
            rows[p] = row
        }
        var offset = Lane()
        if let bias { for j in 0..<n { offset[j] = bias[j] } }
        Parallel.forEachRange(m, workPerItem: k &* n, Rows(a: a, packed: rows, bias: bias == nil ? nil : offset, c: c, k: k, n: n))
    }

    /// Rows of c, each one SIMD8 accumulator over p.
    struct Rows: RowWork, @unchecked Sendable {
        let a: StridedMatrix, packed: UnsafeMutablePointer<Lane>, bias: Lane?, c: UnsafeMutablePointer<Float>
        let k: Int, n: Int

        func run(_ range: Range<Int>) {
            let aBase = a.base, (rs, cs) = (a.rowStride, a.columnStride)
            for i in range {
                var acc = Lane()
                var ap = aBase + i &* rs
                for p in 0..<k {
                    acc += Lane(repeating: ap.pointee) * packed[p]
                    ap += cs
                }
                if let bias { acc += bias }
                let out = c + i &* n
                for j in 0..<n { out[j] = acc[j] }
            }
        }
    }

    /// Rows of c on the AVX2 / AVX-512 paths (each thread packs its own copy of b).
    struct CRows: RowWork, @unchecked Sendable {
        let a: StridedMatrix, b: StridedMatrix, bias: UnsafePointer<Float>?, c: UnsafeMutablePointer<Float>
        let k: Int, n: Int

        func run(_ range: Range<Int>) {
            gk_narrow_rows(a.base, a.rowStride, a.columnStride, b.base, b.rowStride, b.columnStride,
                           bias, c, k, n, range.lowerBound, range.upperBound)
        }
    }
}
