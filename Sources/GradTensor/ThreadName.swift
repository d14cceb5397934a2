#if canImport(Glibc)
import Glibc
#endif

/// The names gradtop gives its threads, so `top -H`, `ps -L`, perf and gdb tell them apart:
/// "gradtop-trainer" (one per run), "gradtop-pool-1", "gradtop-pool-2", ... (`WorkerPool`).
public enum ThreadName {
    /// The kernel keeps at most 15 bytes of a thread's name (TASK_COMM_LEN - 1) and cuts the rest.
    public static let maximumLength = 15

    /// Names the calling thread `name`, cut to `maximumLength` bytes. Best effort: without /proc
    /// the thread keeps the process's name. Written to /proc/thread-self/comm, which is what
    /// glibc's pthread_setname_np does for another thread: Glibc's Swift module exports neither
    /// it nor prctl (GNU extensions). Cost: an open, a write and a close; call it once, as the
    /// thread starts.
    public static func setCurrent(_ name: String) {
        let file = open("/proc/thread-self/comm", O_WRONLY)
        guard file >= 0 else { return }
        defer { close(file) }
        let bytes = Array(name.utf8.prefix(maximumLength))
        _ = bytes.withUnsafeBytes { write(file, $0.baseAddress, $0.count) }
    }
}
