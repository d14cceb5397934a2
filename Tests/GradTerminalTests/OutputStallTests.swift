import Glibc
import Testing
import GradUI
import GradTerminal
import GradTestSupport

/// A terminal that stops reading (a frozen SSH client): `draw` must never block, the screen
/// reports `.outputStalled`, and `.outputDrained` once the reader takes the output again.
/// Part of the serialized `ScreenOnGivenDescriptors`: one process may open one screen at a time.
extension ScreenOnGivenDescriptors {
    /// Runs `body` with an 80x24 screen on a fresh pty (stall timeout 300 ms) and the pty's master.
    static func withScreen(_ body: (TerminalScreen, _ master: Int32) throws -> Void) throws {
        guard let pty = PseudoTerminal.open(width: 80, height: 24) else { return }
        defer { close(pty.master); close(pty.slave) }
        let screen = try TerminalScreen.open(TerminalOptions(forceASCII: true, outputStallTimeout: .milliseconds(300)),
                                             input: pty.slave, output: pty.slave, term: "xterm-256color")
        defer { screen.close() }
        try body(screen, pty.master)
    }

    /// Every cell of `grid` set to `letter`.
    static func fill(_ grid: inout Grid, with letter: Character) {
        for y in 0..<grid.height { _ = grid.put(String(repeating: letter, count: grid.width), x: 0, y: y) }
    }

    @Test func frames_to_a_reader_that_stopped_are_held_reported_as_a_stall_and_sent_when_it_reads_again() throws {
        try Self.withScreen { screen, master in
            var grid = Grid(width: 80, height: 24)
            // 200 frames that change every cell: about 400 KB, of which a pty holds about 20 KB.
            // Before, the UI thread blocked in write(2) inside the first frame that did not fit.
            let start = ContinuousClock.now
            for frame in 0..<200 {
                Self.fill(&grid, with: Character(Unicode.Scalar(UInt8(65 + frame % 26))))
                screen.draw(grid)
            }
            #expect(ContinuousClock.now - start < .seconds(20), "drawing took \(ContinuousClock.now - start)")
            #expect(screen.nextEvent(timeout: .seconds(5)) == .outputStalled)
            #expect(screen.nextEvent(timeout: .milliseconds(100)) == nil, "a stall is reported once")

            var drained: TerminalEvent?
            for _ in 0..<200 where drained == nil {
                _ = PseudoTerminal.readAvailable(master, milliseconds: 20)
                drained = screen.nextEvent(timeout: .milliseconds(20))
            }
            #expect(drained == .outputDrained(afterStall: true))
            Self.fill(&grid, with: "z")
            _ = grid.put("the reader is back", x: 5, y: 10)
            screen.draw(grid)
            let after = String(decoding: PseudoTerminal.readAvailable(master), as: UTF8.self)
            #expect(after.contains("the reader is back"), "\(after.suffix(200).debugDescription)")
        }
    }

    @Test func a_reader_that_keeps_up_sees_no_stall_event() throws {
        try Self.withScreen { screen, master in
            var grid = Grid(width: 80, height: 24)
            for frame in 0..<20 {
                Self.fill(&grid, with: Character(Unicode.Scalar(UInt8(97 + frame))))
                screen.draw(grid)
                _ = PseudoTerminal.readAvailable(master, milliseconds: 20)
                #expect(screen.nextEvent(timeout: .milliseconds(20)) == nil)
            }
        }
    }
}
