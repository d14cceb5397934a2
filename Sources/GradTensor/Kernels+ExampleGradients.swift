import CGradKernels

extension Kernels {
    /// A dense layer's gradients from its input x (batch x k) and its error delta = dL_e/dz
    /// (batch x units), for every example e: the per-example kernel gradients
    /// `perExample[e][i][j] = x[e][i] * delta[e][j]` (when `perExample` is non-nil), and their sums
    /// over the batch, `kernelSum = xᵀ·delta` (k x units) and `biasSum[j]` = sum over e of delta[e][j].
    ///
    /// Every sum runs over e in increasing order from 0 with separate multiply and add, as
    /// `matmulTransposedA` does on the portable path, so the bits do not depend on the kernel path
    /// or the number of threads (a shape that takes `BlockedProduct` sums as that does).
    /// Cost: batch*k*units multiplies and adds (+ as many stores with `perExample`); allocates
    /// nothing. Layers at most 8 units wide with little work run in one C pass on the AVX2 and
    /// AVX-512 paths (one load of each delta row, sums in registers); the rest as outer products
    /// threaded by example, then `matmulTransposedA`, then the column sums of delta.
    public static func exampleGradients(input x: UnsafePointer<Float>, delta: UnsafePointer<Float>, batch: Int,
                                        inputs k: Int, units: Int, perExample: UnsafeMutablePointer<Float>?,
                                        kernelSum: UnsafeMutablePointer<Float>, biasSum: UnsafeMutablePointer<Float>) {
        let work = batch &* k &* units
        if KernelPath.current != .portable, units <= NarrowProduct.Lane.scalarCount, work < Parallel.minimumWork,
           !BlockedProduct.pays(m: k, k: batch, n: units) {
            gk_example_gradients(x, delta, batch, k, units, perExample, kernelSum, biasSum)
            return
        }
        if let perExample {
            Parallel.forEachRange(batch, workPerItem: k &* units, OuterProducts(x: x, delta: delta, out: perExample, k: k, units: units))
        }
        matmulTransposedA(x, delta, kernelSum, m: k, k: batch, n: units)
        columnSums(delta, rows: batch, columns: units, into: biasSum)
    }

    /// `sums[j]` = sum over rows r of m[r][j], in increasing r from 0. Cost: rows*columns adds.
    /// Eight columns at a time in a register, row by row; the last columns (fewer than 8) one at a
    /// time, each in a register (never a sum kept in memory, whose every add would wait for the
    /// previous store).
    static func columnSums(_ m: UnsafePointer<Float>, rows: Int, columns: Int, into sums: UnsafeMutablePointer<Float>) {
        typealias Lane = NarrowProduct.Lane
        var j = 0
        while j + Lane.scalarCount <= columns {
            var acc = Lane()
            for r in 0..<rows { acc += UnsafeRawPointer(m + (r &* columns &+ j)).loadUnaligned(as: Lane.self) }
            UnsafeMutableRawPointer(sums + j).storeBytes(of: acc, as: Lane.self)
            j += Lane.scalarCount
        }
        while j < columns {
            var sum: Float = 0
            for r in 0..<rows { sum += m[r &* columns &+ j] }
            sums[j] = sum
            j += 1
        }
    }

    /// `out[e][i][j] = x[e][i] * delta[e][j]` for the examples e in `examples` (the same bits as
    /// `exampleGradients` writes). Cost: examples.count*k*units multiplies.
    public static func outerProducts(input x: UnsafePointer<Float>, delta: UnsafePointer<Float>, examples: Range<Int>,
                                     inputs k: Int, units: Int, into out: UnsafeMutablePointer<Float>) {
        OuterProducts(x: x, delta: delta, out: out, k: k, units: units).run(examples)
    }
}

/// Examples' kernel gradients, x[e]ᵀ·δ[e], one example per row.
struct OuterProducts: RowWork, @unchecked Sendable {
    let x: UnsafePointer<Float>, delta: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>
    let k: Int, units: Int

    func run(_ rows: Range<Int>) {
        // Wrapping index arithmetic: the offsets are bounded by the caller's own layout.
        var out = self.out + rows.lowerBound &* k &* units
        for n in rows {
            let dRow = delta + n &* units, xRow = x + n &* k
            for i in 0..<k {
                let xi = xRow[i]
                for j in 0..<units { out[j] = xi * dRow[j] }
                out += units
            }
        }
    }
}
