import Foundation
import Testing
import GradTestSupport

/// Leaving the dashboard when the terminal has stopped reading (a frozen SSH client: a laptop
/// lid closed, a network gone without a reset): SIGTERM, SIGHUP, SIGINT, a `q` typed ahead and a
/// crash each end `gradtop --speed max` within 3 s with their documented status, the terminal's
/// modes put back, and the restore (and exit line) waiting for the client when it wakes. Before,
/// every one of them blocked in a write(2) to the full pty (endwin's, the crash handler's).
///
/// Swift's own crash reporter is switched off (SWIFT_BACKTRACE=enable=no): on a terminal it waits
/// for a key, then writes a report larger than the room, which is the runtime's business.
@Suite(.serialized) struct ExitOnStalledTerminal {
    enum Ending: String, CaseIterable, Sendable {
        case sigterm, sighup, sigint, q
        /// A crash (a SIGSEGV sent from outside): the crash handler restores, then the signal kills.
        case sigsegv

        /// What gradtop documents: exit status 128 + the signal, 0 for `q`; death by the signal for a crash.
        var expected: (reason: Process.TerminationReason, status: Int32) {
            switch self {
            case .sigterm: (.exit, 128 + SIGTERM)
            case .sighup: (.exit, 128 + SIGHUP)
            case .sigint: (.exit, 128 + SIGINT)
            case .q: (.exit, 0)
            case .sigsegv: (.uncaughtSignal, SIGSEGV)
            }
        }
    }

    /// Swift's crash reporter off (see above), and a sanitizer's (handle_segv=0, when the suite runs
    /// sanitized): the SIGSEGV sent here must meet gradtop's own handler, then the default action.
    static let environment: [String: String] = {
        var environment = ["SWIFT_BACKTRACE": "enable=no"]
        for name in ["ASAN_OPTIONS", "TSAN_OPTIONS"] {
            if let options = ProcessInfo.processInfo.environment[name] { environment[name] = options + ":handle_segv=0" }
        }
        return environment
    }()

    /// Waits until `probe` (the pty's slave, non-blocking) takes no more bytes, writing one NUL
    /// (which a terminal ignores) each 100 ms: gradtop fills the pty at --speed max in a second or
    /// two. After `seconds`, fills the rest itself, so a slow machine still tests a full pty.
    /// Returns the seconds gradtop took, or nil when the test had to finish the filling.
    static func waitUntilFull(_ probe: Int32, seconds: Double) -> Double? {
        let start = Date()
        var byte: UInt8 = 0
        while Date().timeIntervalSince(start) < seconds {
            if write(probe, &byte, 1) < 0 && errno == EAGAIN { return Date().timeIntervalSince(start) }
            usleep(100_000)
        }
        let block = [UInt8](repeating: 0, count: 1024)
        while write(probe, block, block.count) > 0 {}
        return nil
    }

    /// Runs `body` with a 160x45 pty, a non-blocking descriptor of its slave (to fill it and read its
    /// modes once gradtop has the slave) and the modes it had before; closes the master afterwards.
    static func withPty(_ body: (_ master: Int32, _ slave: Int32, _ probe: Int32, _ shellModes: [UInt32]) throws -> Void) throws {
        guard let pty = PseudoTerminal.open(width: 160, height: 45) else { return }
        defer { close(pty.master) }
        let probe = open("/proc/self/fd/\(pty.slave)", O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        try #require(probe >= 0)
        defer { close(probe) }
        try body(pty.master, pty.slave, probe, PseudoTerminal.modeFlags(pty.slave))
    }

    @Test(arguments: Ending.allCases)
    func gradtop_exits_within_3_s_with_its_status_when_the_terminal_stopped_reading(_ ending: Ending) throws {
        try Self.withPty { master, slave, probe, shellModes in
            let process = try GradtopOnPty.start(["--speed", "max"], slave: slave, environment: Self.environment)
            close(slave)
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) }; process.waitUntilExit() }
            let started = String(decoding: GradtopOnPty.read(master, for: 2), as: UTF8.self)
            try #require(started.contains("gradients per layer"), "no dashboard: \(started.suffix(300).debugDescription)")
            // The reader freezes; gradtop's frames fill the pty, and a few more wait in gradtop.
            let filled = Self.waitUntilFull(probe, seconds: 20)
            print("\(ending): pty full after \(filled.map { "\($0) s" } ?? "20 s and a top-up")")
            usleep(500_000)
            try Self.expectPromptExit(process, on: ending, master: master, modes: probe, shellModes: shellModes)
        }
    }

    /// The client froze as gradtop started: the settings sent at the start (keypad mode, cursor,
    /// mouse) and the refresh inside the first key read find the pty full. Before, gradtop blocked
    /// in them, where no signal could reach its loop.
    @Test func gradtop_started_on_a_terminal_that_does_not_read_still_exits_on_sigterm() throws {
        try Self.withPty { master, slave, probe, shellModes in
            _ = Self.waitUntilFull(probe, seconds: 0)
            let process = try GradtopOnPty.start(["--speed", "max"], slave: slave, environment: Self.environment)
            close(slave)
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) }; process.waitUntilExit() }
            usleep(2_000_000)
            try Self.expectPromptExit(process, on: .sigterm, master: master, modes: probe, shellModes: shellModes)
        }
    }

    /// Ends `process` by `ending` and expects it gone within 3 s with the documented status, the
    /// modes of `modes` (the pty) back to `shellModes`, and for a reader that wakes on `master`,
    /// the alternate screen left and then the exit line.
    static func expectPromptExit(_ process: Process, on ending: Ending, master: Int32, modes: Int32,
                                 shellModes: [UInt32]) throws {
        let pid = process.processIdentifier
        let start = Date()
        switch ending {
        case .sigterm: kill(pid, SIGTERM)
        case .sighup: kill(pid, SIGHUP)
        case .sigint: kill(pid, SIGINT)
        case .q: _ = write(master, "q", 1)
        case .sigsegv: kill(pid, SIGSEGV)
        }
        while process.isRunning && Date().timeIntervalSince(start) < 3 { usleep(20_000) }
        let elapsed = Date().timeIntervalSince(start)
        let stacks = process.isRunning ? GradtopOnPty.threadStacks(of: pid) : ""
        print("\(ending): exit after \(elapsed) s")
        try #require(!process.isRunning, "\(ending): gradtop still runs 3 s later: \(stacks)")
        process.waitUntilExit()
        #expect(process.terminationReason == ending.expected.reason && process.terminationStatus == ending.expected.status,
                "\(ending): status \(process.terminationStatus) (\(process.terminationReason)), expected \(ending.expected)")
        #expect(PseudoTerminal.modeFlags(modes) == shellModes, "\(ending): echo and line mode not put back")
        // The client wakes: after what its side held, it gets the alternate screen left and (but
        // for a crash) the exit line.
        let tail = String(decoding: GradtopOnPty.read(master, for: 1), as: UTF8.self)
        let leave = tail.range(of: "\u{1B}[?1049l")
        #expect(leave != nil, "\(ending): no restore for the woken reader: \(tail.suffix(300).debugDescription)")
        if let leave, ending != .sigsegv {
            let exitLine = tail.range(of: "gradtop --activation sigmoid")
            #expect(exitLine.map { leave.upperBound <= $0.lowerBound } == true,
                    "\(ending): no exit line after the restore: \(tail.suffix(300).debugDescription)")
        }
    }
}
