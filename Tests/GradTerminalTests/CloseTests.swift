import Glibc
import Testing
import GradUI
import GradTerminal
import GradTestSupport

/// `close` gives the terminal back whether or not anyone reads it: exactly as before with a
/// reader, and within its bound (modes restored, the restore waiting for the reader) when it froze.
/// Part of the serialized `ScreenOnGivenDescriptors`: one process may open one screen at a time.
extension ScreenOnGivenDescriptors {
    /// A screen on `slave`, and the slave's modes before it opened.
    static func openScreen(on slave: Int32) throws -> (screen: TerminalScreen, shellModes: [UInt32]) {
        let shellModes = PseudoTerminal.modeFlags(slave)
        let screen = try TerminalScreen.open(TerminalOptions(forceASCII: true), input: slave, output: slave,
                                             term: "xterm-256color")
        return (screen, shellModes)
    }

    /// Reads what `master` holds and expects it to leave the alternate screen, then print `farewell`.
    static func expectRestoreThenFarewell(from master: Int32, _ farewell: String) {
        let tail = String(decoding: PseudoTerminal.readAvailable(master), as: UTF8.self)
        let leave = tail.range(of: "\u{1B}[?1049l"), line = tail.range(of: farewell + "\r\n")
        #expect(leave != nil && line != nil && leave!.upperBound <= line!.lowerBound,
                "no rmcup, then \(farewell.debugDescription): \(tail.suffix(300).debugDescription)")
        #expect(tail.utf8.count < 8192, "\(tail.utf8.count) B before the restore")
    }

    @Test func closing_with_a_reader_leaves_the_alternate_screen_puts_the_modes_back_then_writes_the_farewell() throws {
        guard let pty = PseudoTerminal.open(width: 80, height: 24) else { return }
        defer { close(pty.master); close(pty.slave) }
        let (screen, shellModes) = try Self.openScreen(on: pty.slave)
        var grid = Grid(width: 80, height: 24)
        _ = grid.put("a frame", x: 0, y: 0)
        screen.draw(grid)
        _ = PseudoTerminal.readAvailable(pty.master, milliseconds: 50)
        #expect(PseudoTerminal.modeFlags(pty.slave) != shellModes, "the screen did not change the modes")

        #expect(screen.close(farewell: "gradtop --seed 7\n"), "a reading terminal took every byte")
        Self.expectRestoreThenFarewell(from: pty.master, "gradtop --seed 7")
        #expect(PseudoTerminal.modeFlags(pty.slave) == shellModes)
    }

    @Test func closing_on_a_reader_that_stopped_gives_up_within_its_bound_and_the_restore_awaits_the_reader() throws {
        guard let pty = PseudoTerminal.open(width: 80, height: 24) else { return }
        defer { close(pty.master); close(pty.slave) }
        let (screen, shellModes) = try Self.openScreen(on: pty.slave)
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
        // The reader wakes: after the 4 KB its side held (the unread frames were discarded to
        // make room), it gets the screen back and the farewell.
        Self.expectRestoreThenFarewell(from: pty.master, "gradtop --seed 7")
    }
}
