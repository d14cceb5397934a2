import CNcursesw
import Glibc

extension TerminalScreen {
    /// The next key, click, resize, wake or signal; nil when `timeout`
    /// passes first (or the screen is closed). Blocks in poll(2) on the input
    /// and the self-pipe, so waiting costs no CPU; a nil `timeout` waits
    /// forever, which is what a paused dashboard should do.
    ///
    /// Signals first: a pending Ctrl-C is reported before queued keys.
    /// Resizes are coalesced: a storm of SIGWINCH gives one `.resize` with
    /// the final size. Ctrl-Z is handled here: the terminal is restored, the
    /// process stops, and on `fg` the screen is repainted and `.resize`
    /// returned so the app draws a fresh frame.
    public func nextEvent(timeout: Duration?) -> TerminalEvent? {
        let deadline = timeout.map { ContinuousClock.now + $0 }
        var emptyReads = 0
        while !isClosed {
            if !pendingEvents.isEmpty { return pendingEvents.removeFirst() }
            pendingEvents = eventsFromSignalPipe()
            if !pendingEvents.isEmpty {
                // Keys before wake-ups and resizes (they stay pending): a trainer that publishes
                // faster than the screen draws keeps the pipe full and must not starve the keyboard
                // (at --speed max under a sanitizer, space waited longer than 15 s). Signals go first.
                if !pendingEvents.contains(where: \.isSignal) {
                    let (event, readInput) = readKeyboard()
                    if readInput { emptyReads = 0 }
                    if let event { return event }
                }
                continue
            }
            let (event, readInput) = readKeyboard()
            if let event { return event }
            if readInput { emptyReads = 0 }
            let now = ContinuousClock.now
            if let event = frameOutput?.event(now: now) { return event }

            var waitMilliseconds: Int32 = -1
            if let deadline {
                let remaining = deadline - now
                if remaining <= .zero { return nil }
                waitMilliseconds = Self.milliseconds(roundingUp: remaining)
            }
            if let untilStall = frameOutput?.untilStall(now: now) {
                let milliseconds = Self.milliseconds(roundingUp: untilStall)
                waitMilliseconds = waitMilliseconds < 0 ? milliseconds : min(waitMilliseconds, milliseconds)
            }
            var fds = [pollfd(fd: inputFD, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: selfPipe.readFD, events: Int16(POLLIN), revents: 0)]
            if let output = frameOutput?.pollDescriptor { fds.append(output) }
            let ready = poll(&fds, nfds_t(fds.count), waitMilliseconds)
            if ready < 0 && errno != EINTR { return nil }
            // Room (or an error, which `send` resolves by dropping the bytes): never polled again in vain.
            if fds.count > 2 && fds[2].revents != 0 { frameOutput?.send() }
            // A vanished terminal (dropped SSH without SIGHUP) must not spin:
            // poll would report it readable forever while reads return nothing.
            if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return .signal(SIGHUP) }
            if fds[0].revents & Int16(POLLIN) != 0 {
                emptyReads += 1  // reset above whenever a read yields anything
                if emptyReads > 1000 { return .signal(SIGHUP) }
            }
        }
        return nil
    }

    /// Whole milliseconds, rounded up so a short timeout never becomes 0 (a spin).
    static func milliseconds(roundingUp duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        let ms = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: max(0, ms))
    }

    /// Turns every byte waiting in the self-pipe into events, handling
    /// suspend and resize on the way. Termination wins over everything.
    private func eventsFromSignalPipe() -> [TerminalEvent] {
        var bytes = Set(selfPipe.drain())
        guard !bytes.isEmpty else { return [] }
        if let signal = Signals.termination.first(where: { bytes.contains(UInt8($0)) }) {
            return [.signal(signal)]
        }
        var events: [TerminalEvent] = []
        if bytes.contains(UInt8(SIGTSTP)) {
            suspendUntilForeground()
            // SIGCONT arrived while we were stopped; the repaint is done already.
            bytes.formUnion(selfPipe.drain())
            bytes.remove(UInt8(SIGCONT))
            if let event = synchronizeSize(forceEvent: true) { events.append(event) }
        } else if bytes.contains(UInt8(SIGCONT)) {
            // Continued after a SIGSTOP we did not see coming: the shell may
            // have changed modes and screen, so re-enter curses completely.
            frameOutput?.finish(by: .now + .seconds(1))
            _ = endwin()
            repaintEverything()
            if let event = synchronizeSize(forceEvent: true) { events.append(event) }
        } else if bytes.contains(UInt8(SIGWINCH)), let event = synchronizeSize(forceEvent: false) {
            events.append(event)
        }
        if bytes.contains(SelfPipe.wakeByte) { events.append(.wake) }
        return events
    }

    /// Reads keys until one decodes to an event. `readInput` tells whether
    /// anything at all was read (ignored keys, mouse releases), so that
    /// `nextEvent` can tell a busy terminal from a dead one.
    ///
    /// wget_wch refreshes the screen first when it changed since the last
    /// refresh (before the first frame, after a resize), so it goes through
    /// `writing` too: reading a key never blocks on a terminal that stopped reading.
    private func readKeyboard() -> (event: TerminalEvent?, readInput: Bool) {
        var code: wint_t = 0
        var readInput = false
        while true {
            var status = ERR
            writing { status = wget_wch(gt_stdscr(), &code) }
            if status == ERR { return (nil, readInput) }
            readInput = true
            let isFunctionKey = status == KEY_CODE_YES
            if isFunctionKey && Int32(code) == gt_key_mouse() {
                if let click = readClick() { return (click, true) }
            } else if isFunctionKey && Int32(code) == gt_key_resize() {
                if let event = synchronizeSize(forceEvent: false) { return (event, true) }
            } else if let key = KeyDecoding.key(code: code, isFunctionKey: isFunctionKey) {
                return (.key(key), true)
            }
        }
    }

    private func readClick() -> TerminalEvent? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        guard event.bstate & (gt_button1_pressed() | gt_button1_clicked()) != 0 else { return nil }
        return .mouse(x: Int(event.x), y: Int(event.y))
    }

    /// Tells ncurses the kernel's terminal size. Returns `.resize` when the
    /// size differs from the one last reported (or `forceEvent`); either way
    /// a changed size makes the next `draw` a full repaint.
    private func synchronizeSize(forceEvent: Bool) -> TerminalEvent? {
        var rows: Int32 = 0, columns: Int32 = 0
        if gt_window_size(outputFD, &rows, &columns) == 0,
           rows != gt_lines() || columns != gt_cols() {
            _ = resizeterm(rows, columns)
        }
        let current = size
        guard forceEvent || current != lastReportedSize else { return nil }
        lastReportedSize = current
        forceFullRedraw()
        return .resize(width: current.width, height: current.height)
    }

    /// Ctrl-Z: give the shell a clean terminal, stop, and come back repainted.
    /// All of it runs on the UI thread, never inside the signal handler.
    private func suspendUntilForeground() {
        frameOutput?.finish(by: .now + .seconds(1))
        _ = def_prog_mode()
        _ = endwin()
        Signals.setDefaultSuspend()
        _ = raise(SIGTSTP)  // stops here until `fg`; a no-op for orphaned groups
        Signals.restoreSuspendHandler()
        repaintEverything()
    }

    /// Re-enters curses mode (after endwin) and repaints the whole screen from
    /// ncurses' copy of the last frame. Not captured by `frameOutput` (callers send
    /// what waits first): this `doupdate` also sets the terminal's modes again, on
    /// ncurses' descriptor, so that must be the terminal.
    private func repaintEverything() {
        forceFullRedraw()
        _ = doupdate()
    }
}
