import Synchronization

/// Splits loops over output elements across cores.
///
/// Guarantee: every output element is computed by exactly one thread, with the
/// same summation order whatever the partition, so results are bit-identical
/// for 1 thread and for many. Work below `minimumWork` stays on the calling
/// thread, where the cost of waking other cores would exceed the gain. Threads come from
/// `WorkerPool`, so a call allocates nothing.
public enum Parallel {
    private static let configuredThreads = Atomic<Int>(0)

    /// Number of threads kernels may use; defaults to the number of active cores.
    public static var threadCount: Int {
        get {
            let configured = configuredThreads.load(ordering: .relaxed)
            return configured > 0 ? configured : ProcessInfoCores.active
        }
        set { configuredThreads.store(max(1, newValue), ordering: .relaxed) }
    }

    /// Multiply-adds (or comparable element operations) below which a kernel runs on one thread.
    public static let minimumWork = 1 << 15

    /// Calls `body` on disjoint, contiguous sub-ranges that together cover `0..<count`.
    /// `workPerItem` estimates the cost of one item, to decide whether threads pay off.
    @inline(__always)
    public static func forEachRange(_ count: Int, workPerItem: Int = 1, _ body: @Sendable (Range<Int>) -> Void) {
        let threads = threadCount
        guard threads > 1, count > 1, count * max(1, workPerItem) >= minimumWork else {
            if count > 0 { body(0..<count) }
            return
        }
        let chunks = min(threads, count)
        func chunk(_ index: Int) {
            let start = count * index / chunks
            let end = count * (index + 1) / chunks
            if start < end { body(start..<end) }
        }
        // A busy pool (a concurrent or nested job) means this call runs its chunks in turn.
        if !WorkerPool.shared.run(chunks: chunks, threads: threads, chunk) {
            for index in 0..<chunks { chunk(index) }
        }
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
