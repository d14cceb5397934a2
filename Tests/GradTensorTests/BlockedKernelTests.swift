import Testing
import Dispatch
import Foundation
@testable import GradTensor

/// The blocked SIMD product must give exactly the bits of the plain triple loop (sum over p in
/// increasing order, separate multiply and add) on the portable path, for every thread count and
/// odd shapes that leave partial tiles, partial strips and several k panels. The tests run the
/// portable path whatever GRADTOP_KERNELS says; `KernelPathTests` checks the others.
@Suite("BlockedKernels", .serialized)
struct BlockedKernelTests {
    static let shapes = [(m: 13, k: 300, n: 37), (m: 64, k: 520, n: 270), (m: 7, k: 5, n: 9), (m: 300, k: 17, n: 8),
                         // Narrow outputs (at most 8 columns): the notebook's layers, batch means, a deep k.
                         (m: 100, k: 2, n: 2), (m: 2, k: 100, n: 2), (m: 37, k: 3, n: 7), (m: 5, k: 600, n: 3)]

    static func values(_ count: Int, seed: Int) -> [Float] {
        (0..<count).map { Float(($0 * 7919 + seed * 104_729) % 2003) / 1001 - 1 }
    }

    /// c[i][j] = sum_p A(i, p) * B(p, j), A and B given as element functions.
    static func naive(m: Int, k: Int, n: Int, _ a: (Int, Int) -> Float, _ b: (Int, Int) -> Float) -> [Float] {
        var c = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var acc: Float = 0
                for p in 0..<k { acc += a(i, p) * b(p, j) }
                c[i * n + j] = acc
            }
        }
        return c
    }

    static func run(threads: Int, path: KernelPath = .portable, _ body: (UnsafeMutablePointer<Float>) -> Void, count: Int) -> [Float] {
        var out = [Float](repeating: .nan, count: count)
        KernelPath.with(path) {
            Parallel.withThreadCount(threads) { out.withUnsafeMutableBufferPointer { body($0.baseAddress!) } }
        }
        return out
    }

    @Test func matmulGivesTheBitsOfThePlainLoopOnOneAndTwoThreads() {
        for (m, k, n) in Self.shapes {
            let a = Self.values(m * k, seed: 1), b = Self.values(k * n, seed: 2)
            let expected = Self.naive(m: m, k: k, n: n, { a[$0 * k + $1] }, { b[$0 * n + $1] })
            for threads in [1, 2] {
                let c = Self.run(threads: threads, { Kernels.matmul(a, b, $0, m: m, k: k, n: n) }, count: m * n)
                #expect(c == expected, "matmul (\(m), \(k), \(n)) on \(threads) threads")
            }
        }
    }

    @Test func transposedAGivesTheBitsOfThePlainLoopOnOneAndTwoThreads() {
        for (m, k, n) in Self.shapes {
            let a = Self.values(k * m, seed: 3), b = Self.values(k * n, seed: 4)
            let expected = Self.naive(m: m, k: k, n: n, { a[$1 * m + $0] }, { b[$0 * n + $1] })
            for threads in [1, 2] {
                let c = Self.run(threads: threads, { Kernels.matmulTransposedA(a, b, $0, m: m, k: k, n: n) }, count: m * n)
                #expect(c == expected, "aᵀb (\(m), \(k), \(n)) on \(threads) threads")
            }
        }
    }

    @Test func transposedBGivesTheBitsOfThePlainLoopOnOneAndTwoThreads() {
        for (m, k, n) in Self.shapes {
            let a = Self.values(m * k, seed: 5), b = Self.values(n * k, seed: 6)
            let expected = Self.naive(m: m, k: k, n: n, { a[$0 * k + $1] }, { b[$1 * k + $0] })
            for threads in [1, 2] {
                let c = Self.run(threads: threads, { Kernels.matmulTransposedB(a, b, $0, m: m, k: k, n: n) }, count: m * n)
                #expect(c == expected, "abᵀ (\(m), \(k), \(n)) on \(threads) threads")
            }
        }
    }

    @Test func theBlockedPathIsTakenForTheWideShapesAndNotForTinyOnes() {
        #expect(BlockedProduct.pays(m: 256, k: 256, n: 256))
        #expect(!BlockedProduct.pays(m: 100, k: 2, n: 2))
    }
}

/// `Parallel.forEachRange` on the worker pool: every index exactly once, also when two
/// threads start loops at the same time (one of them then runs its chunks itself).
@Suite(.serialized) struct ParallelLoops {
    /// Adds one to every visited index of its own slice.
    struct Visit: RowWork, @unchecked Sendable {
        let visits: UnsafeMutablePointer<Int32>
        func run(_ rows: Range<Int>) { for i in rows { visits[i] += 1 } }
    }

    @Test func every_index_is_visited_once_even_from_two_threads_at_once() {
        let count = 1 << 12
        let visits = UnsafeMutableBufferPointer<Int32>.allocate(capacity: 2 * count)
        defer { visits.deallocate() }
        visits.initialize(repeating: 0)
        let address = UInt(bitPattern: visits.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: 2) { loop in
            let slice = UnsafeMutablePointer<Int32>(bitPattern: address)! + loop * count
            for _ in 0..<20 {
                Parallel.forEachRange(count, workPerItem: Parallel.minimumWork, threads: 4, Visit(visits: slice))
            }
        }
        #expect(visits.allSatisfy { $0 == 20 })
    }

    @Test func a_thread_count_set_on_one_thread_does_not_reach_another() {
        final class Seen: @unchecked Sendable { var threads = 0 }
        let seen = Seen(), done = DispatchSemaphore(value: 0)
        Parallel.withThreadCount(1) {
            #expect(Parallel.threadCount == 1)
            let thread = Thread {
                seen.threads = Parallel.threadCount
                done.signal()
            }
            thread.start()
            done.wait()
        }
        #expect(seen.threads == ProcessInfoCores.active)
        #expect(Parallel.threadCount == ProcessInfoCores.active)
    }
}
