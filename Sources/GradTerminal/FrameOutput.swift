import Glibc

/// How frames reach the terminal without the UI thread ever blocking on one
/// that stopped reading.
///
/// A frozen SSH client (SIGSTOP, a laptop lid) stops draining the pty; after
/// about 20 KB every write(2) blocks, and ncurses retries a blocked or
/// `EAGAIN` write forever, so the UI thread would hang inside `doupdate` while
/// the trainer burns a core. Neither kernel signal helps in advance: TIOCOUTQ
/// reads 0 on a Linux pty slave, and POLLOUT turns off only with under 1 KB
/// of room left, less than many frames. So ncurses writes each frame into a
/// scratch file (its descriptor is pointed there with dup2 for the length of
/// `doupdate`), and the bytes go on to the terminal through a non-blocking
/// descriptor of our own. Bytes the terminal does not take wait in `pending`;
/// while they wait, new frames are held back (the next frame after the
/// output drains carries every change, since ncurses diffs against what it
/// wrote), so memory stays bounded by one frame.
///
/// `event(now:)` turns this into `.outputStalled` (no byte taken for
/// `stallTimeout`) and `.outputDrained` (the waiting bytes went out, after a
/// stall or a held frame). Cost per frame: two dup2, one pread and one write.
/// Leaving goes the same way (`TerminalScreen.close`): endwin's bytes and the
/// exit line, waited for until a deadline (`finish(by:)`), never for good.
struct FrameOutput {
    /// The descriptor ncurses writes to.
    private let outputFD: Int32
    /// `outputFD`'s terminal, duplicated: put back after each capture.
    private let terminal: Int32
    /// The same terminal opened anew with O_NONBLOCK (its own open file
    /// description, so the shell's stdin and stdout stay blocking).
    private let nonBlocking: Int32
    private let scratch: UnsafeMutablePointer<FILE>
    let stallTimeout: Duration
    private var pending: [UInt8] = []
    /// When the terminal last took a byte, or when bytes started waiting.
    private var lastTaken = ContinuousClock.now
    private var stallReported = false
    private var frameHeld = false

    /// Nil when the terminal cannot be reopened or no scratch file can be made;
    /// the screen then lets ncurses write directly, as blocking as before.
    init?(outputFD: Int32, stallTimeout: Duration) {
        guard let scratch = tmpfile() else { return nil }
        let terminal = dup(outputFD)
        let nonBlocking = open("/proc/self/fd/\(outputFD)", O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard terminal >= 0, nonBlocking >= 0, isatty(nonBlocking) == 1 else {
            fclose(scratch)
            if terminal >= 0 { close(terminal) }
            if nonBlocking >= 0 { close(nonBlocking) }
            return nil
        }
        _ = fcntl(terminal, F_SETFD, FD_CLOEXEC)
        _ = fcntl(fileno(scratch), F_SETFD, FD_CLOEXEC)
        self.outputFD = outputFD
        self.terminal = terminal
        self.nonBlocking = nonBlocking
        self.scratch = scratch
        self.stallTimeout = stallTimeout
    }

    /// True while bytes wait for the terminal: `draw` must hold frames back.
    var isWaiting: Bool { !pending.isEmpty }

    /// Notes that a frame was not drawn, so `.outputDrained` will ask for one.
    mutating func holdFrame() { frameHeld = true }

    /// Runs `write` (ncurses calls that write) with the output going to the
    /// scratch file, then sends what it wrote as far as the terminal takes it.
    mutating func capture(_ write: () -> Void) {
        let scratchFD = fileno(scratch)
        guard dup2(scratchFD, outputFD) >= 0 else { return write() }
        write()
        _ = dup2(terminal, outputFD)
        let count = Int(lseek(scratchFD, 0, SEEK_CUR))
        if count > 0 {
            let start = pending.count
            pending += [UInt8](repeating: 0, count: count)
            let read = pending.withUnsafeMutableBytes { pread(scratchFD, $0.baseAddress! + start, count, 0) }
            pending.removeLast(count - max(0, read))
            _ = ftruncate(scratchFD, 0)
            _ = lseek(scratchFD, 0, SEEK_SET)
            if start == 0 { lastTaken = .now }
        }
        send()
    }

    /// Writes waiting bytes until the terminal would block. A terminal that is
    /// gone (EIO after a hangup) drops them: the input side reports the hangup.
    mutating func send() {
        var sent = 0
        while sent < pending.count {
            let count = pending[sent...].withUnsafeBytes { write(nonBlocking, $0.baseAddress, $0.count) }
            if count > 0 { sent += count; continue }
            if count < 0 && errno == EINTR { continue }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { break }
            sent = pending.count
        }
        if sent > 0 {
            pending.removeFirst(sent)
            lastTaken = .now
        }
    }

    /// `.outputStalled` once the waiting bytes have gone untaken for
    /// `stallTimeout`; `.outputDrained` once they are all out after a stall
    /// or a held frame; otherwise nil.
    mutating func event(now: ContinuousClock.Instant) -> TerminalEvent? {
        if pending.isEmpty {
            guard stallReported || frameHeld else { return nil }
            defer { stallReported = false; frameHeld = false }
            return .outputDrained(afterStall: stallReported)
        }
        guard !stallReported, now - lastTaken >= stallTimeout else { return nil }
        stallReported = true
        return .outputStalled
    }

    /// How long `nextEvent` may sleep before `event(now:)` could report a stall.
    func untilStall(now: ContinuousClock.Instant) -> Duration? {
        pending.isEmpty || stallReported ? nil : max(.zero, lastTaken + stallTimeout - now)
    }

    /// What `nextEvent` polls for room while bytes wait.
    var pollDescriptor: pollfd? { pending.isEmpty ? nil : pollfd(fd: nonBlocking, events: Int16(POLLOUT), revents: 0) }

    /// Adds `bytes` (the line printed after leaving) to what waits, and sends what the terminal takes.
    mutating func enqueue(_ bytes: [UInt8]) {
        if pending.isEmpty { lastTaken = .now }
        pending += bytes
        send()
    }

    /// Sends the waiting bytes, waiting for room until `deadline` (past it: one
    /// try that never waits). Returns whether every byte went out.
    ///
    /// A terminal that has not taken them by then is given up on: the waiting
    /// bytes are dropped, and so is the output it took but nobody has read
    /// (tcflush TCOFLUSH; on a pty, all but the 4 KB its reader's line
    /// discipline holds), so the few bytes written next (the restoring sequence)
    /// fit and reach a frozen SSH client, after what sshd holds, when it wakes.
    @discardableResult
    mutating func finish(by deadline: ContinuousClock.Instant) -> Bool {
        send()
        while !pending.isEmpty {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else {
                pending.removeAll()
                _ = tcflush(nonBlocking, TCOFLUSH)
                return false
            }
            var fd = pollfd(fd: nonBlocking, events: Int16(POLLOUT), revents: 0)
            _ = poll(&fd, 1, TerminalScreen.milliseconds(roundingUp: remaining))
            send()
        }
        return true
    }

    /// Closes what `init` opened.
    func release() {
        fclose(scratch)
        close(terminal)
        close(nonBlocking)
    }
}
