import Glibc

/// The self-pipe that turns signals and cross-thread wakes into bytes the UI
/// thread can poll(2) for, so waiting for input uses no CPU.
///
/// Protocol: each byte is a signal number, or 0 for a wake. The pipe is
/// non-blocking at both ends: a full pipe drops the byte, which is harmless
/// because one pending byte of a kind is as good as many.
///
/// Created once on first use and never closed: signal handlers and wakers on
/// other threads may write to it at any moment, so its descriptors must stay
/// valid for the life of the process.
struct SelfPipe: Sendable {
    let readFD: Int32
    let writeFD: Int32

    static let wakeByte: UInt8 = 0

    /// Reads every pending byte without blocking.
    func drain() -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(readFD, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return bytes
    }
}

let selfPipe: SelfPipe = {
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { fatalError("gradtop: cannot create the self-pipe: errno \(errno)") }
    for fd in fds {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL, 0) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }
    return SelfPipe(readFD: fds[0], writeFD: fds[1])
}()

/// Wakes the UI thread's `nextEvent`, which then returns `.wake`. The only
/// part of the terminal backend that other threads may use.
public struct TerminalWaker: Sendable {
    let writeFD: Int32

    /// Thread-safe and async-signal-safe (one write(2) to a non-blocking
    /// pipe); never blocks. Cheap enough to call after every snapshot.
    public func wake() {
        var byte = SelfPipe.wakeByte
        _ = write(writeFD, &byte, 1)
    }
}

/// Which signals the backend handles, and how.
///
/// Async-signal safety: the handlers installed here only do write(2),
/// tcsetattr(2), tcflush(3), sigaction(2) and raise(3), save and restore errno, and read
/// globals that `Signals.install` initialises before any handler exists (so
/// Swift's lazy global initialisation never runs inside a handler). They
/// never call ncurses, allocate, or take locks. All ncurses work in response
/// to a signal (resize, suspend, redraw) happens later on the UI thread.
enum Signals {
    /// Delivered to the app as `.signal(n)`; it should close and exit 128 + n.
    static let termination: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    /// Handled by the backend itself on the UI thread.
    static let managed: [Int32] = [SIGWINCH, SIGTSTP, SIGCONT]
    /// Fatal faults: restore the terminal, then let the previous handler
    /// (the default, or Swift's backtracer) report the crash on a sane screen.
    static let fatal: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

    /// Installs all handlers. `shellModes` is the terminal state a crash
    /// puts back. Call on the UI thread before ncurses starts, so ncurses sees
    /// our handlers and installs none of its own.
    static func install(shellModes: termios) {
        _ = selfPipe  // initialise the globals before any handler can read them
        _ = crashState
        _ = crashOutput
        crashState.shellModes.pointee = shellModes
        for signal in termination + managed { setHandler(signal, forwardSignalToPipe, restart: true) }
        for signal in fatal { setHandler(signal, restoreTerminalThenCrash, restart: false) }
        // A blocked signal mask survives exec: a parent that spawned us from a thread blocking
        // signals (a Dispatch worker, say) would leave Ctrl-C, SIGTERM and resizes undelivered.
        // Unblock what we handle on this thread; threads started from it inherit that.
        var handled = sigset_t()
        sigemptyset(&handled)
        for signal in termination + managed { sigaddset(&handled, signal) }
        _ = pthread_sigmask(SIG_UNBLOCK, &handled, nil)
    }

    /// The escape sequences a crash writes to leave the alternate screen and
    /// show the cursor; known only once ncurses has loaded terminfo. Blocks
    /// the fatal signals while writing so a handler never sees half of it.
    static func setCrashRestoreBytes(_ bytes: [UInt8]) {
        var blocked = sigset_t(), previous = sigset_t()
        sigemptyset(&blocked)
        for signal in fatal { sigaddset(&blocked, signal) }
        _ = pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        let count = min(bytes.count, CrashState.restoreCapacity)
        for index in 0..<count { crashState.restoreBytes[index] = bytes[index] }
        crashState.restoreCount.pointee = count
        _ = pthread_sigmask(SIG_SETMASK, &previous, nil)
    }

    /// Puts back the handlers that were there before `install`.
    static func uninstall() {
        for signal in termination + managed + fatal {
            _ = sigaction(signal, crashState.previousActions + Int(signal), nil)
        }
    }

    /// Lets the default action (stop) of SIGTSTP happen; see `suspend()`.
    static func setDefaultSuspend() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&action.sa_mask)
        _ = sigaction(SIGTSTP, &action, nil)
    }

    static func restoreSuspendHandler() {
        setHandler(SIGTSTP, forwardSignalToPipe, restart: true, remember: false)
    }

    private static func setHandler(_ signal: Int32, _ handler: @convention(c) (Int32) -> Void,
                                   restart: Bool, remember: Bool = true) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = restart ? SA_RESTART : 0
        var previous = sigaction()
        _ = sigaction(signal, &action, &previous)
        if remember { crashState.previousActions[Int(signal)] = previous }
    }
}

/// What the crash handler needs, in raw storage allocated once, so the
/// handler neither allocates nor goes through Swift's exclusivity checks.
/// Written only by `Signals.install` on the UI thread.
private final class CrashState: @unchecked Sendable {
    static let restoreCapacity = 256
    let shellModes: UnsafeMutablePointer<termios> = {
        let modes = UnsafeMutablePointer<termios>.allocate(capacity: 1)
        modes.initialize(to: termios())
        return modes
    }()
    let restoreBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: restoreCapacity)
    let restoreCount: UnsafeMutablePointer<Int> = {
        let count = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        count.initialize(to: 0)
        return count
    }()
    let previousActions: UnsafeMutablePointer<sigaction> = {
        let actions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
        actions.initialize(repeating: sigaction(), count: 65)
        return actions
    }()
}

private let crashState = CrashState()

/// Where a crash writes the restoring bytes: stdout's terminal opened anew with O_NONBLOCK (its
/// own open file description, so stdout itself stays blocking); stdout itself when it is no
/// terminal (a file keeps its offset) or cannot be reopened. Opened once by `Signals.install` and
/// never closed: a handler may use it at any moment.
private let crashOutput: Int32 = {
    guard isatty(STDOUT_FILENO) == 1 else { return STDOUT_FILENO }
    let fd = open("/proc/self/fd/\(STDOUT_FILENO)", O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
    return fd >= 0 ? fd : STDOUT_FILENO
}()

private func forwardSignalToPipe(_ signal: Int32) {
    let savedErrno = errno
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(selfPipe.writeFD, &byte, 1)
    errno = savedErrno
}

private func restoreTerminalThenCrash(_ signal: Int32) {
    _ = tcsetattr(STDIN_FILENO, TCSANOW, crashState.shellModes)
    // Never blocks: a terminal nobody reads (a frozen SSH client) loses its unread output instead,
    // which makes room for the restoring bytes and the crash report after them.
    let count = crashState.restoreCount.pointee
    if write(crashOutput, crashState.restoreBytes, count) != count {
        _ = tcflush(crashOutput, TCOFLUSH)
        _ = write(crashOutput, crashState.restoreBytes, count)
    }
    // Hand the signal to whoever had it before; a fault re-faults on return.
    _ = sigaction(signal, crashState.previousActions + Int(signal), nil)
    _ = raise(signal)
}
