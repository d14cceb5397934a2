import Glibc
import Testing
import GradUI
import GradTerminal
import GradTestSupport

/// A terminal that stops reading (a frozen SSH client): `draw` must never block, the screen
/// reports `.outputStalled`, and `.outputDrained` once the reader takes the output again.
@Suite(.serialized) struct OutputStallOnAPseudoTerminal {
    @Test func frames_to_a_reader_that_stopped_are_held_reported_as_a_stall_and_sent_when_it_reads_again() throws {
        guard let pty = PseudoTerminal.open(width: 80, height: 24) else { return }
        defer { close(pty.master); close(pty.slave) }
        let screen = try TerminalScreen.open(TerminalOptions(forceASCII: true, outputStallTimeout: .milliseconds(300)),
                                             input: pty.slave, output: pty.slave, term: "xterm-256color")
        defer { screen.close() }
        var grid = Grid(width: 80, height: 24)
        func fill(_ letter: Character) {
            for y in 0..<24 { _ = grid.put(String(repeating: letter, count: 80), x: 0, y: y) }
        }
        // 200 frames that change every cell: about 400 KB, of which a pty holds about 20 KB.
        // Before, the UI thread blocked in write(2) inside the first frame that did not fit.
        let start = ContinuousClock.now
        for frame in 0..<200 {
            fill(Character(Unicode.Scalar(UInt8(65 + frame % 26))))
            screen.draw(grid)
        }
        #expect(ContinuousClock.now - start < .seconds(20), "drawing took \(ContinuousClock.now - start)")
        #expect(screen.nextEvent(timeout: .seconds(5)) == .outputStalled)
        #expect(screen.nextEvent(timeout: .milliseconds(100)) == nil, "a stall is reported once")

        var drained: TerminalEvent?
        for _ in 0..<200 where drained == nil {
            _ = PseudoTerminal.readAvailable(pty.master, milliseconds: 20)
            drained = screen.nextEvent(timeout: .milliseconds(20))
        }
        #expect(drained == .outputDrained(afterStall: true))
        fill("z")
        _ = grid.put("the reader is back", x: 5, y: 10)
        screen.draw(grid)
        let after = String(decoding: PseudoTerminal.readAvailable(pty.master), as: UTF8.self)
        #expect(after.contains("the reader is back"), "\(after.suffix(200).debugDescription)")
    }

    @Test func a_reader_that_keeps_up_sees_no_stall_event() throws {
        guard let pty = PseudoTerminal.open(width: 80, height: 24) else { return }
        defer { close(pty.master); close(pty.slave) }
        let screen = try TerminalScreen.open(TerminalOptions(forceASCII: true, outputStallTimeout: .milliseconds(300)),
                                             input: pty.slave, output: pty.slave, term: "xterm-256color")
        defer { screen.close() }
        var grid = Grid(width: 80, height: 24)
        for frame in 0..<20 {
            for y in 0..<24 { _ = grid.put(String(repeating: Character(Unicode.Scalar(UInt8(97 + frame))), count: 80), x: 0, y: y) }
            screen.draw(grid)
            _ = PseudoTerminal.readAvailable(pty.master, milliseconds: 20)
            #expect(screen.nextEvent(timeout: .milliseconds(20)) == nil)
        }
    }
}
