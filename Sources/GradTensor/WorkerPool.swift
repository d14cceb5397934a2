#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Dispatch

/// The threads behind `Parallel.forEachRange`: started once, parked on a condition variable
/// between jobs, so handing out a job allocates nothing (Dispatch's `concurrentPerform`
/// allocates its continuations and a closure box on every call). A job is a context pointer
/// and a function that captures nothing, called with the context and a chunk index.
///
/// One job at a time: a caller that finds the pool busy (another thread's job, or a job
/// started from inside a job) gets `false` from `run` and does the work itself, which gives
/// the same bits since every chunk computes its own outputs whoever runs it.
final class WorkerPool: @unchecked Sendable {
    static let shared = WorkerPool()

    /// Guards every field below; workers wait on `wake`, the caller on `finished`.
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let finished = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Held for a whole job by its caller; `run` only try-locks it.
    private let busy = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// The running job's `Job`, on the caller's stack. Not a stored closure: an optional closure
    /// property holds functions at generic abstraction, and converting to it allocates a thunk.
    private var job: UnsafePointer<Job>?
    private var chunks = 0
    private var nextChunk = 0
    /// Chunks of the running job not yet finished. Changed under `lock`; also read without it
    /// by the caller spinning for the end of its job.
    private let unfinished = Atomic<Int>(0)
    private var workers = 0
    /// Counts jobs, so a worker spinning after its last chunk sees the next job start
    /// without taking the lock.
    private let jobsStarted = Atomic<Int>(0)
    /// How long a thread polls before it sleeps (2 ms): a worker after its chunk, waiting for the
    /// next job, and a caller after its own chunks, waiting for the workers'. A training step
    /// hands out dozens of jobs of about 0.3 ms back to back, and waking a sleeping thread on this
    /// machine takes tens of microseconds. Measured on the wide step (2 cores): workers sleeping
    /// at once, 1.3x on two threads (the caller ran 59% of the chunks); workers polling, 1.55x;
    /// the caller polling too, 1.85x (gemm 256³ 71 -> 88 GFLOP/s). Polling yields the core
    /// (`sched_yield`) between rounds, so on a loaded machine the awaited thread gets to run.
    /// Idle longer, both sleep and use no CPU.
    static let spinNanoseconds: UInt64 = 2_000_000

    private struct Job {
        var context: UnsafeRawPointer
        var invoke: (UnsafeRawPointer, Int) -> Void
    }

    private init() {
        pthread_mutex_init(lock, nil)
        pthread_mutex_init(busy, nil)
        pthread_cond_init(wake, nil)
        pthread_cond_init(finished, nil)
    }

    /// Runs `invoke(context, chunk)` for every chunk in `0..<chunks`, on the calling thread and up
    /// to `threads - 1` workers; returns when all are done. Returns false, having run nothing,
    /// when the pool is busy. `invoke` must capture nothing (a thin function), so that passing it
    /// allocates nothing.
    func run(chunks count: Int, threads: Int, context: UnsafeRawPointer,
             invoke: @escaping (UnsafeRawPointer, Int) -> Void) -> Bool {
        guard pthread_mutex_trylock(busy) == 0 else { return false }
        defer { pthread_mutex_unlock(busy) }
        startWorkers(upTo: threads - 1)
        var current = Job(context: context, invoke: invoke)
        return withUnsafePointer(to: &current) { run(chunks: count, job: $0) }
    }

    private func run(chunks count: Int, job current: UnsafePointer<Job>) -> Bool {
        let (context, invoke) = (current.pointee.context, current.pointee.invoke)
        pthread_mutex_lock(lock)
        (job, chunks, nextChunk) = (current, count, 0)
        unfinished.store(count, ordering: .relaxed)
        jobsStarted.add(1, ordering: .releasing)
        pthread_cond_broadcast(wake)
        // The caller works too, taking chunks like any worker.
        while nextChunk < chunks {
            let chunk = nextChunk
            nextChunk += 1
            pthread_mutex_unlock(lock)
            invoke(context, chunk)
            pthread_mutex_lock(lock)
            unfinished.subtract(1, ordering: .releasing)
        }
        // Spin for the workers' last chunks before sleeping: waking a sleeping thread costs tens
        // of microseconds on this machine, a large share of a 0.3 ms job.
        if unfinished.load(ordering: .acquiring) > 0 {
            pthread_mutex_unlock(lock)
            _ = WorkerPool.spin { unfinished.load(ordering: .acquiring) == 0 }
            pthread_mutex_lock(lock)
        }
        while unfinished.load(ordering: .acquiring) > 0 { pthread_cond_wait(finished, lock) }
        job = nil
        pthread_mutex_unlock(lock)
        return true
    }

    /// Starts workers "gradtop-pool-1", "gradtop-pool-2", ... up to `wanted` of them, each
    /// handed its number (the pool is `shared`).
    private func startWorkers(upTo wanted: Int) {
        pthread_mutex_lock(lock)
        let missing = max(0, wanted - workers)
        let numbers = (workers + 1)..<(workers + 1 + missing)
        workers += missing
        pthread_mutex_unlock(lock)
        for number in numbers {
            var thread = pthread_t()
            pthread_create(&thread, nil, { number in
                ThreadName.setCurrent("gradtop-pool-\(Int(bitPattern: number))")
                WorkerPool.shared.work()
            }, UnsafeMutableRawPointer(bitPattern: number))
            pthread_detach(thread)
        }
    }

    /// A worker's life: wait for a chunk (spinning up to `spinNanoseconds`, then parked), run
    /// it, report it done; never returns.
    private func work() -> Never {
        pthread_mutex_lock(lock)
        while true {
            while nextChunk >= chunks {
                let seen = jobsStarted.load(ordering: .acquiring)
                pthread_mutex_unlock(lock)
                let started = WorkerPool.spin { jobsStarted.load(ordering: .acquiring) != seen }
                pthread_mutex_lock(lock)
                if nextChunk >= chunks && !started { pthread_cond_wait(wake, lock) }
            }
            let chunk = nextChunk
            nextChunk += 1
            let current = job!
            pthread_mutex_unlock(lock)
            current.pointee.invoke(current.pointee.context, chunk)
            pthread_mutex_lock(lock)
            if unfinished.subtract(1, ordering: .releasing).newValue == 0 { pthread_cond_signal(finished) }
        }
    }

    /// Polls `done` for up to `spinNanoseconds`; returns whether it became true.
    @inline(__always)
    private static func spin(until done: () -> Bool) -> Bool {
        let deadline = DispatchTime.now().uptimeNanoseconds + spinNanoseconds
        while true {
            for _ in 0..<256 where done() { return true }
            // Give the core away if another thread is waiting for it (the awaited worker,
            // say, on a loaded machine); returns at once when none is.
            sched_yield()
            if DispatchTime.now().uptimeNanoseconds > deadline { return false }
        }
    }
}
