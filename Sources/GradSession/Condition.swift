#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc
import GradTensor

/// A mutex with one condition variable, with NSCondition's methods: the trainer waits on it
/// for commands or for its next step. pthread, not NSCondition, which brings Foundation and
/// ICU's data (about 44 MB) into a static binary.
public final class Condition: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    public init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    public func lock() { pthread_mutex_lock(mutex) }
    public func unlock() { pthread_mutex_unlock(mutex) }
    /// Wakes one waiting thread; call it holding the lock.
    public func signal() { pthread_cond_signal(condition) }
    /// Releases the lock until signalled (or woken spuriously: wait in a loop), then holds it again.
    public func wait() { pthread_cond_wait(condition, mutex) }

    /// `wait()`, but at most until `deadline` (wall clock); false when the deadline passed.
    @discardableResult
    public func wait(until deadline: Date) -> Bool {
        let seconds = deadline.timeIntervalSince1970
        let whole = seconds.rounded(.down)
        var time = timespec(tv_sec: Int(whole), tv_nsec: Int((seconds - whole) * 1e9))
        return pthread_cond_timedwait(condition, mutex, &time) == 0
    }
}

/// Runs `body` on a new detached thread, as Foundation's `Thread.detachNewThread`, without
/// Foundation; named `name` first when given (`ThreadName`: at most 15 bytes show).
public func startThread(named name: String? = nil, _ body: @escaping @Sendable () -> Void) {
    final class Box {
        let name: String?, body: @Sendable () -> Void
        init(_ name: String?, _ body: @escaping @Sendable () -> Void) { (self.name, self.body) = (name, body) }
    }
    var thread = pthread_t()
    let context = Unmanaged.passRetained(Box(name, body)).toOpaque()
    let status = pthread_create(&thread, nil, { context in
        let box = Unmanaged<Box>.fromOpaque(context!).takeRetainedValue()
        if let name = box.name { ThreadName.setCurrent(name) }
        box.body()
        return nil
    }, context)
    precondition(status == 0, "pthread_create failed: \(status)")
    pthread_detach(thread)
}
