import Glibc
import Testing
import GradUI
import GradTerminal
import GradTestSupport

/// `close` gives the terminal back whether or not anyone reads it: exactly as before with a
/// reader, and within its bound (modes restored, unread bytes dropped) when the reader froze.
/// Part of the serialized `ScreenOnGivenDescriptors`: one process may open one screen at a time.
extension ScreenOnGivenDescriptors {
    @Test func closing_with_a_reader_leaves_the_alternate_screen_puts_the_modes_back_then_writes_the_farewell() throws {
        guard let pty = PseudoTerminal.open(width: 80, height: 24) else { return }
        defer { close(pty.master); close(pty.slave) }
        let shellModes = PseudoTerminal.modeFlags(pty.slave)
        let screen = try TerminalScreen.open(TerminalOptions(forceASCII: true), input: pty.slave, output: pty.slave,
                                             term: "xterm-256color")
        var grid = Grid(width: 80, height: 24)
        _ = grid.put("a frame", x: 0, y: 0)
        screen.draw(grid)
        _ = PseudoTerminal.readAvailable(pty.master, milliseconds: 50)
        #expect(PseudoTerminal.modeFlags(pty.slave) != shellModes, "the screen did not change the modes")

        #expect(screen.close(farewell: "gradtop --seed 7\n"), "a reading terminal took every byte")
        let tail = String(decoding: PseudoTerminal.readAvailable(pty.master), as: UTF8.self)
        let leave = try #require(tail.range(of: "\u{1B}[?1049l"), "no rmcup: \(tail.debugDescription)")
        let farewell = try #require(tail.range(of: "gradtop --seed 7\r\n"), "no farewell: \(tail.debugDescription)")
        #expect(leave.upperBound <= farewell.lowerBound, "the farewell comes after the restore: \(tail.debugDescription)")
        #expect(PseudoTerminal.modeFlags(pty.slave) == shellModes)
    }

    @Test func closing_on_a_reader_that_stopped_gives_up_within_its_bound_with_the_modes_put_back() throws {
        guard let pty = PseudoTerminal.open(width: 80, height: 24) else { return }
        defer { close(pty.master); close(pty.slave) }
        let shellModes = PseudoTerminal.modeFlags(pty.slave)
        let screen = try TerminalScreen.open(TerminalOptions(forceASCII: true), input: pty.slave, output: pty.slave,
                                             term: "xterm-256color")
        // Frames that change every cell until the pty (about 20 KB) is full: the reader froze.
        var grid = Grid(width: 80, height: 24)
        for frame in 0..<100 {
            Self.fill(&grid, with: Character(Unicode.Scalar(UInt8(65 + frame % 26))))
            screen.draw(grid)
        }
        let start = ContinuousClock.now
        let tookEverything = screen.close(farewell: "gradtop --seed 7\n", waitingAtMost: .milliseconds(300))
        let elapsed = ContinuousClock.now - start
        #expect(!tookEverything)
        // 300 ms of waiting for room, and nothing after it may block.
        #expect(elapsed < .seconds(2), "close took \(elapsed)")
        #expect(PseudoTerminal.modeFlags(pty.slave) == shellModes, "echo and line mode are back although nobody reads")
    }
}
