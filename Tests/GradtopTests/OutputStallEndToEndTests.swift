import Foundation
import Testing
import GradTestSupport

/// `gradtop --speed max` on a pseudo-terminal whose reader stops reading, as a frozen
/// SSH client (SIGSTOP) stops sshd: training pauses (CPU from /proc falls to about
/// nothing) and resumes, saying so, when the reader reads again.
@Suite(.serialized) struct OutputStallEndToEnd {
    /// CPU seconds (user + system) the process has used, from /proc/PID/stat.
    static func cpuSeconds(of pid: pid_t) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let end = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    @Test func a_reader_that_stops_pauses_training_and_reading_again_resumes_it() throws {
        guard let pty = PseudoTerminal.open(width: 160, height: 45) else { return }
        defer { close(pty.master) }
        let process = try GradtopOnPty.start(["--speed", "max"], slave: pty.slave)
        close(pty.slave)
        let pid = process.processIdentifier
        defer { if process.isRunning { kill(pid, SIGKILL) }; process.waitUntilExit() }

        _ = GradtopOnPty.read(pty.master, for: 3)  // started, training at full speed
        let readingStart = try #require(Self.cpuSeconds(of: pid))
        _ = GradtopOnPty.read(pty.master, for: 2)
        let reading = try #require(Self.cpuSeconds(of: pid)) - readingStart

        // The reader freezes: the pty fills (about 20 KB: 5 to 20 s of frames, less on a larger
        // screen, whose frames change more cells), then after 3 s without a byte taken training
        // pauses. CPU is sampled each second until one costs under 5% of a core, then over 3 s.
        var perSecond: [Double] = []
        while perSecond.count < 60 && (perSecond.last ?? 1) >= 0.05 {
            let start = try #require(Self.cpuSeconds(of: pid))
            Thread.sleep(forTimeInterval: 1)
            perSecond.append(try #require(Self.cpuSeconds(of: pid)) - start)
        }
        let frozenStart = try #require(Self.cpuSeconds(of: pid))
        Thread.sleep(forTimeInterval: 3)
        let frozen = try #require(Self.cpuSeconds(of: pid)) - frozenStart

        let resumedStart = try #require(Self.cpuSeconds(of: pid))
        let after = String(decoding: GradtopOnPty.read(pty.master, for: 3), as: UTF8.self)
        let resumed = try #require(Self.cpuSeconds(of: pid)) - resumedStart
        print("gradtop --speed max on a pty, CPU seconds: 2 s reading \(reading); frozen, per second until paused:"
              + " \(perSecond), then 3 s \(frozen); 3 s reading again \(resumed)")

        #expect(frozen < 0.15, "a frozen reader still costs \(frozen / 3 * 100)% of a core after \(perSecond.count + 3) s")
        #expect(reading > 4 * frozen && resumed > 4 * frozen, "reading \(reading) s, frozen \(frozen) s, resumed \(resumed) s")
        let saysResumed = after.contains("resumed: the terminal takes output again")
        #expect(saysResumed, "no message after reading again: \(after.suffix(200).debugDescription)")

        _ = write(pty.master, "q", 1)
        // Read the last output, then leave the master alone: Linux's tty_release sleeps (with
        // a doubling timeout) while anyone waits on the pty, so polling it on after the hang-up
        // would delay gradtop's exit by seconds.
        _ = GradtopOnPty.read(pty.master, for: 1)
        for _ in 0..<150 where process.isRunning { Thread.sleep(forTimeInterval: 0.1) }
        let threads = process.isRunning ? GradtopOnPty.threadStacks(of: pid) : ""
        let quit = !process.isRunning && process.terminationStatus == 0
        #expect(quit, "gradtop did not quit on q with status 0 within 15 s: \(threads)")
    }
}
