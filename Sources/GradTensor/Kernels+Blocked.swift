import CGradKernels
#if canImport(Glibc)
import Glibc
#endif

/// A matrix operand read through strides: element (r, c) is `base[r * rowStride + c * columnStride]`.
/// One view covers `a`, `aᵀ`, `b` and `bᵀ` without copying a transpose.
struct StridedMatrix {
    var address: UInt
    var rowStride: Int
    var columnStride: Int

    init(_ base: UnsafePointer<Float>, rowStride: Int, columnStride: Int) {
        address = UInt(bitPattern: base)
        self.rowStride = rowStride
        self.columnStride = columnStride
    }

    @inline(__always) var base: UnsafePointer<Float> { UnsafePointer(bitPattern: address)! }
}

/// Cache-blocked, register-tiled matrix product `c = a x b` (c row-major m x n).
///
/// Summation order: every c[i][j] is `((0 + a[i][0]·b[0][j]) + a[i][1]·b[1][j]) + ...` in
/// increasing p, with separate multiply and add (no fused multiply-add) on the portable path,
/// exactly as the plain triple loop; on the AVX2 and AVX-512 paths each term is one fused
/// multiply-add, in the same order. k blocks are visited in order and continue from the stored partial
/// sum, so neither blocking nor the thread partition (whole row tiles per thread) changes a
/// bit. Cost: m*n*k multiply-adds plus packing k*n floats per thread; allocates only the
/// per-thread packing buffers, once, kept in a pool for later calls.
enum BlockedProduct {
    /// Rows of c per register tile (6 rows x 8 columns = 12 SSE registers of accumulators).
    static let tileRows = 6
    typealias Lane = SIMD8<Float>
    static let tileColumns = Lane.scalarCount
    /// Depth of one packed panel of b (k direction) and its width (n direction):
    /// 256 x 256 floats = 256 KB, sized to stay in a core's L2 cache.
    static let panelDepth = 256
    static let panelWidth = 256

    /// Whether the blocked path pays off over the plain loops for this shape.
    static func pays(m: Int, k: Int, n: Int) -> Bool {
        m >= tileRows && n >= tileColumns && k >= 4 && m * n * k >= 1 << 14
    }

    /// On the calling thread's `KernelPath`: the Swift tiles below (portable), or the C kernels
    /// of `CGradKernels` (AVX2, AVX-512), which sum with fused multiply-adds in the same order.
    static func multiply(_ a: StridedMatrix, _ b: StridedMatrix, _ c: UnsafeMutablePointer<Float>, m: Int, k: Int, n: Int) {
        let path = KernelPath.current
        let rowsPerTile = path.tileRows
        let tiles = (m + rowsPerTile - 1) / rowsPerTile
        Parallel.forEachRange(tiles, workPerItem: rowsPerTile * k * n,
                              RowTiles(a: a, b: b, c: c, m: m, k: k, n: n, path: path, rowsPerTile: rowsPerTile))
    }

    /// Whole row tiles of one product: a thread's share, with its own packing buffers.
    struct RowTiles: RowWork, @unchecked Sendable {
        let a: StridedMatrix, b: StridedMatrix, c: UnsafeMutablePointer<Float>
        let m: Int, k: Int, n: Int
        let path: KernelPath, rowsPerTile: Int

        func run(_ tileRange: Range<Int>) {
            let rows = (tileRange.lowerBound * rowsPerTile)..<min(m, tileRange.upperBound * rowsPerTile)
            if path != .portable {
                let packed = PackingPool.take()
                defer { PackingPool.give(back: packed) }
                gk_multiply_rows(Int32(path.rawValue), a.base, a.rowStride, a.columnStride, b.base, b.rowStride, b.columnStride,
                                 c, k, n, rows.lowerBound, rows.upperBound, packed)
                return
            }
            let packed = PackingPool.take(), broadcasts = PackingPool.take()
            defer { PackingPool.give(back: packed); PackingPool.give(back: broadcasts) }
            for j0 in stride(from: 0, to: n, by: panelWidth) {
                let width = min(panelWidth, n - j0)
                for p0 in stride(from: 0, to: k, by: panelDepth) {
                    let depth = min(panelDepth, k - p0)
                    pack(b, rows: p0..<(p0 + depth), columns: j0..<(j0 + width), into: packed)
                    multiplyPanel(a, packed, broadcasts, c, n: n, rows: rows, p0: p0, depth: depth, j0: j0, width: width)
                }
            }
        }
    }

    /// Copies b[p0..<p1][j0..<j1] into strips of `tileColumns` columns, each strip p-major
    /// (`strip[p][0..<8]`), zero-padding the last strip.
    @inline(__always)
    static func pack(_ b: StridedMatrix, rows: Range<Int>, columns: Range<Int>, into packed: UnsafeMutablePointer<Float>) {
        let base = b.base, rs = b.rowStride, cs = b.columnStride
        let depth = rows.count
        var strip = packed
        for j in stride(from: columns.lowerBound, to: columns.upperBound, by: tileColumns) {
            let w = min(tileColumns, columns.upperBound - j)
            if w == tileColumns && cs == 1 {
                for (q, p) in rows.enumerated() {
                    UnsafeMutableRawPointer(strip + q * tileColumns)
                        .storeBytes(of: UnsafeRawPointer(base + p * rs + j).loadUnaligned(as: Lane.self), as: Lane.self)
                }
            } else if w == tileColumns && rs == 1 {
                // A transposed operand (δ·Wᵀ): each column is contiguous in memory, so read down
                // columns and write across the strip, with no per-element branch.
                for jj in 0..<tileColumns {
                    let column = base + (rows.lowerBound &+ (j &+ jj) &* cs)
                    for q in 0..<depth { strip[q &* tileColumns &+ jj] = column[q] }
                }
            } else {
                for (q, p) in rows.enumerated() {
                    let out = strip + q * tileColumns
                    for jj in 0..<tileColumns { out[jj] = jj < w ? base[p * rs + (j + jj) * cs] : 0 }
                }
            }
            strip += depth * tileColumns
        }
    }

    /// c[rows][j0..<j0+width] (+)= a[rows][p0..<p0+depth] x packed panel.
    @inline(__always)
    static func multiplyPanel(_ a: StridedMatrix, _ packed: UnsafeMutablePointer<Float>, _ broadcasts: UnsafeMutablePointer<Float>,
                              _ c: UnsafeMutablePointer<Float>, n: Int, rows: Range<Int>, p0: Int, depth: Int, j0: Int, width: Int) {
        let accumulate = p0 > 0
        let aBroadcast = UnsafeMutableRawPointer(broadcasts).assumingMemoryBound(to: Quad.self)
        var i = rows.lowerBound
        while i < rows.upperBound {
            let tile = min(tileRows, rows.upperBound - i)
            if tile == tileRows { packBroadcast(a, row: i, p0: p0, depth: depth, into: aBroadcast) }
            var strip = UnsafePointer(packed)
            for j in stride(from: j0, to: j0 + width, by: tileColumns) {
                let w = min(tileColumns, j0 + width - j)
                let aTile = a.base + i * a.rowStride + p0 * a.columnStride
                if tile == tileRows && w == tileColumns {
                    tile6x8(aBroadcast, strip, depth, c + i * n + j, n, accumulate)
                } else {
                    for r in 0..<tile {
                        row1x8(aTile + r * a.rowStride, a.columnStride, strip, depth, c + (i + r) * n + j, w, accumulate)
                    }
                }
                strip += depth * tileColumns
            }
            i += tile
        }
    }

    /// Four lanes: one SSE register.
    typealias Quad = SIMD4<Float>

    /// Copies a[row..<row+6][p0..<p0+depth] p-major, each element repeated in four lanes
    /// (`broadcast[p][r]`), so the tile multiplies by aligned loads instead of shuffling every
    /// element into place on every one of the panel's strips. Cost: 24 floats per p, once per
    /// row tile and panel, shared by all of the panel's strips.
    @inline(__always)
    static func packBroadcast(_ a: StridedMatrix, row: Int, p0: Int, depth: Int, into broadcast: UnsafeMutablePointer<Quad>) {
        let base = a.base, rs = a.rowStride, cs = a.columnStride
        for r in 0..<tileRows {
            var source = base + ((row &+ r) &* rs &+ p0 &* cs)
            var out = broadcast + r
            for _ in 0..<depth {
                out.pointee = Quad(repeating: source.pointee)
                source += cs
                out += tileRows
            }
        }
    }

    /// The register tile: 6 rows x 8 columns of c (12 SSE registers) kept across the whole depth.
    /// Each step is 2 loads of b, 6 aligned loads of broadcast a, 12 multiplies and 12 adds.
    @inline(__always)
    static func tile6x8(_ a: UnsafePointer<Quad>, _ b: UnsafePointer<Float>, _ depth: Int,
                        _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ accumulate: Bool) {
        @inline(__always) func load(_ r: Int, _ half: Int) -> Quad {
            accumulate ? UnsafeRawPointer(c + (r &* ldc &+ half &* 4)).loadUnaligned(as: Quad.self) : Quad()
        }
        var c0: Quad = load(0, 0), d0: Quad = load(0, 1), c1: Quad = load(1, 0), d1: Quad = load(1, 1)
        var c2: Quad = load(2, 0), d2: Quad = load(2, 1), c3: Quad = load(3, 0), d3: Quad = load(3, 1)
        var c4: Quad = load(4, 0), d4: Quad = load(4, 1), c5: Quad = load(5, 0), d5: Quad = load(5, 1)
        var ap = a, bp = UnsafeRawPointer(b)
        for _ in 0..<depth {
            let low: Quad = bp.loadUnaligned(as: Quad.self), high: Quad = (bp + 16).loadUnaligned(as: Quad.self)
            let a0: Quad = ap[0], a1: Quad = ap[1], a2: Quad = ap[2], a3: Quad = ap[3], a4: Quad = ap[4], a5: Quad = ap[5]
            c0 += a0 * low
            d0 += a0 * high
            c1 += a1 * low
            d1 += a1 * high
            c2 += a2 * low
            d2 += a2 * high
            c3 += a3 * low
            d3 += a3 * high
            c4 += a4 * low
            d4 += a4 * high
            c5 += a5 * low
            d5 += a5 * high
            ap += tileRows
            bp += MemoryLayout<Lane>.stride
        }
        @inline(__always) func store(_ v: Quad, _ r: Int, _ half: Int) {
            UnsafeMutableRawPointer(c + (r &* ldc &+ half &* 4)).storeBytes(of: v, as: Quad.self)
        }
        store(c0, 0, 0)
        store(d0, 0, 1)
        store(c1, 1, 0)
        store(d1, 1, 1)
        store(c2, 2, 0)
        store(d2, 2, 1)
        store(c3, 3, 0)
        store(d3, 3, 1)
        store(c4, 4, 0)
        store(d4, 4, 1)
        store(c5, 5, 0)
        store(d5, 5, 1)
    }

    /// One row of c against one packed strip; `width` <= 8 valid columns. Same arithmetic per element as the tile.
    @inline(__always)
    static func row1x8(_ a: UnsafePointer<Float>, _ cs: Int, _ b: UnsafePointer<Float>, _ depth: Int,
                       _ c: UnsafeMutablePointer<Float>, _ width: Int, _ accumulate: Bool) {
        var acc = Lane()
        if accumulate { for j in 0..<width { acc[j] = c[j] } }
        var a0 = a, bp = UnsafeRawPointer(b)
        for _ in 0..<depth {
            acc += Lane(repeating: a0[0]) * bp.loadUnaligned(as: Lane.self)
            a0 += cs
            bp += MemoryLayout<Lane>.stride
        }
        for j in 0..<width { c[j] = acc[j] }
    }
}

/// Packing buffers reused across calls, one in use per running thread. Taking and giving
/// back allocate nothing once as many buffers exist as threads have run at once.
enum PackingPool {
    /// A pthread mutex rather than Synchronization.Mutex: the latter waits on raw futexes,
    /// which ThreadSanitizer cannot see, so every use would be reported as a race.
    nonisolated(unsafe) private static let lock: UnsafeMutablePointer<pthread_mutex_t> = {
        let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
        return lock
    }()
    nonisolated(unsafe) private static var free: [UInt] = {
        var free: [UInt] = []
        free.reserveCapacity(64)
        return free
    }()
    /// One panel of b, for the Swift tiles and the C kernels alike.
    static let capacity = max(BlockedProduct.panelDepth * BlockedProduct.panelWidth, gk_packing_floats())

    static func take() -> UnsafeMutablePointer<Float> {
        pthread_mutex_lock(lock)
        let address = free.popLast()
        pthread_mutex_unlock(lock)
        if let address { return UnsafeMutablePointer(bitPattern: address)! }
        let bytes = capacity * MemoryLayout<Float>.stride
        return UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64).bindMemory(to: Float.self, capacity: capacity)
    }

    static func give(back buffer: UnsafeMutablePointer<Float>) {
        pthread_mutex_lock(lock)
        free.append(UInt(bitPattern: buffer))
        pthread_mutex_unlock(lock)
    }
}
