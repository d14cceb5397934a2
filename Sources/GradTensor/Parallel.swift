/// Splits loops over output elements across cores.
///
/// Guarantee: every output element is computed by exactly one thread, with the
/// same summation order whatever the partition, so results are bit-identical
/// for 1 thread and for many. Work below `minimumWork` stays on the calling
/// thread, where the cost of waking other cores would exceed the gain. Threads come from
/// `WorkerPool`; a threaded call with a `RowWork` value allocates nothing.
public enum Parallel {
    /// Number of threads work started from the calling thread may use: the count
    /// `withThreadCount` set on this thread, else the number of active cores. A setting of one
    /// thread never changes another's, so tests running side by side each get what they asked for.
    public static var threadCount: Int { ThreadSetting.threadCount.value ?? ProcessInfoCores.active }

    /// Runs `body` with work started from this thread split over at most `threads` threads.
    public static func withThreadCount<Result>(_ threads: Int, _ body: () throws -> Result) rethrows -> Result {
        try ThreadSetting.threadCount.with(max(1, threads), body)
    }

    /// Multiply-adds (or comparable element operations) below which a kernel runs on one thread.
    public static let minimumWork = 1 << 15

    /// Calls `work.run` on disjoint, contiguous sub-ranges that together cover `0..<count`, on
    /// up to `threads` threads. `workPerItem` estimates the cost of one item, to decide whether
    /// threads pay off. Threaded, it allocates nothing: the pool is handed a pointer to `work`
    /// and a function specialised for `Work`.
    @inlinable
    public static func forEachRange<Work: RowWork>(_ count: Int, workPerItem: Int = 1, threads: Int = threadCount, _ work: Work) {
        guard threads > 1, count > 1, count * max(1, workPerItem) >= minimumWork else {
            if count > 0 { work.run(0..<count) }
            return
        }
        var work = work
        forEachChunk(count, threads: threads, &work)
    }

    /// Splits `0..<count` into `min(threads, count)` contiguous chunks (the same boundaries for
    /// any caller) and runs them on the pool, or in turn when the pool is busy (a concurrent or
    /// nested job).
    @inlinable
    static func forEachChunk<Work: RowWork>(_ count: Int, threads: Int, _ work: inout Work) {
        let chunks = min(threads, count)
        var job = ChunkedWork(work: work, count: count, chunks: chunks)
        let ran = withUnsafePointer(to: &job) { pointer in
            runOnPool(chunks: chunks, threads: threads, context: UnsafeRawPointer(pointer)) { context, chunk in
                context.assumingMemoryBound(to: ChunkedWork<Work>.self).pointee.run(chunk: chunk)
            }
        }
        if !ran {
            for chunk in 0..<chunks { job.run(chunk: chunk) }
        }
    }

    @usableFromInline
    static func runOnPool(chunks: Int, threads: Int, context: UnsafeRawPointer,
                          _ invoke: @escaping (UnsafeRawPointer, Int) -> Void) -> Bool {
        WorkerPool.shared.run(chunks: chunks, threads: threads, context: context, invoke: invoke)
    }
}

/// A loop body that `Parallel.forEachRange` splits by rows: `run(rows)` must write only the
/// outputs of `rows`, so that any partition gives the same bits. A struct holding addresses and
/// sizes (`@unchecked Sendable`: its rows are disjoint), not a closure, so that no context is
/// allocated per call.
public protocol RowWork: Sendable {
    func run(_ rows: Range<Int>)
}

/// One work value and the chunk boundaries of its loop.
@usableFromInline
struct ChunkedWork<Work: RowWork> {
    @usableFromInline let work: Work
    @usableFromInline let count: Int
    @usableFromInline let chunks: Int

    @inlinable init(work: Work, count: Int, chunks: Int) {
        (self.work, self.count, self.chunks) = (work, count, chunks)
    }

    @inlinable func run(chunk: Int) {
        let start = count * chunk / chunks, end = count * (chunk + 1) / chunks
        if start < end { work.run(start..<end) }
    }
}

/// The number of cores this process may run on.
enum ProcessInfoCores {
    static let active: Int = {
        #if canImport(Glibc)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 1
        #endif
    }()
}

#if canImport(Glibc)
import Glibc
#endif
