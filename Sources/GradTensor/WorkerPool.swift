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
    private var unfinished = 0
    private var workers = 0
    /// Counts jobs, so a worker spinning after its last chunk sees the next job start
    /// without taking the lock.
    private let jobsStarted = Atomic<Int>(0)
    /// How long a worker stays awake after a chunk before parking (2 ms). A training step hands
    /// out dozens of jobs back to back with the caller's elementwise work between them, and
    /// waking a parked thread on this machine takes long enough that the caller would run
    /// both chunks itself about one job in five (measured: 59% of chunks on the caller, 1.3x
    /// on two threads; with the spin 50%, 1.55x). Idle longer, it parks and uses no CPU.
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
        (job, chunks, nextChunk, unfinished) = (current, count, 0, count)
        jobsStarted.add(1, ordering: .releasing)
        pthread_cond_broadcast(wake)
        // The caller works too, taking chunks like any worker.
        while nextChunk < chunks {
            let chunk = nextChunk
            nextChunk += 1
            pthread_mutex_unlock(lock)
            invoke(context, chunk)
            pthread_mutex_lock(lock)
            unfinished -= 1
        }
        while unfinished > 0 { pthread_cond_wait(finished, lock) }
        job = nil
        pthread_mutex_unlock(lock)
        return true
    }

    private func startWorkers(upTo wanted: Int) {
        pthread_mutex_lock(lock)
        let missing = max(0, wanted - workers)
        workers += missing
        pthread_mutex_unlock(lock)
        for _ in 0..<missing {
            var thread = pthread_t()
            let pool = Unmanaged.passUnretained(self).toOpaque()
            pthread_create(&thread, nil, { context in
                Unmanaged<WorkerPool>.fromOpaque(context!).takeUnretainedValue().work()
                return nil
            }, pool)
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
                let deadline = DispatchTime.now().uptimeNanoseconds + WorkerPool.spinNanoseconds
                var started = false
                while !started {
                    for _ in 0..<256 {
                        if jobsStarted.load(ordering: .acquiring) != seen { started = true; break }
                    }
                    if DispatchTime.now().uptimeNanoseconds > deadline { break }
                }
                pthread_mutex_lock(lock)
                if nextChunk >= chunks && !started { pthread_cond_wait(wake, lock) }
            }
            let chunk = nextChunk
            nextChunk += 1
            let current = job!
            pthread_mutex_unlock(lock)
            current.pointee.invoke(current.pointee.context, chunk)
            pthread_mutex_lock(lock)
            unfinished -= 1
            if unfinished == 0 { pthread_cond_signal(finished) }
        }
    }
}
