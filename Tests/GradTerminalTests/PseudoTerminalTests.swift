import Foundation
import Glibc
import Testing
import GradUI
import GradTerminal
import GradTestSupport

/// `TerminalScreen.open(_:input:output:term:)`: the backend driven on descriptors other than
/// stdin/stdout, as `gradtop bench` does to count the bytes of a frame.
@Suite(.serialized) struct ScreenOnGivenDescriptors {
    @Test func a_screen_on_a_pseudo_terminal_draws_there_with_its_size_and_only_changes_after_the_first_frame() throws {
        guard let pty = PseudoTerminal.open(width: 50, height: 12) else { return }
        defer { close(pty.master); close(pty.slave) }
        let screen = try TerminalScreen.open(TerminalOptions(forceASCII: true), input: pty.slave, output: pty.slave,
                                             term: "xterm-256color")
        #expect(screen.size == (width: 50, height: 12))
        var grid = Grid(width: 50, height: 12)
        _ = grid.put("gradient flow", x: 3, y: 2)
        screen.draw(grid)
        let first = PseudoTerminal.readAvailable(pty.master)
        #expect(String(decoding: first, as: UTF8.self).contains("gradient flow"))
        _ = grid.put("X", x: 10, y: 5)
        screen.draw(grid)
        #expect(screen.cellsWrittenLastFrame == 1)
        let second = PseudoTerminal.readAvailable(pty.master)
        #expect(!second.isEmpty && second.count < first.count / 4, "first frame \(first.count) B, one changed cell \(second.count) B")
        screen.close()
        #expect(fcntl(pty.slave, F_GETFD) != -1, "the caller's descriptor stays open")
    }

    /// A trainer publishing faster than the screen draws keeps a wake-up waiting at every call;
    /// a typed key must still come first, or the keyboard starves (space at --speed max under a
    /// sanitizer once waited longer than 15 s).
    @Test func a_key_comes_before_a_waiting_wake_up() throws {
        guard let pty = PseudoTerminal.open(width: 80, height: 24) else { return }
        defer { close(pty.master); close(pty.slave) }
        let screen = try TerminalScreen.open(TerminalOptions(forceASCII: true), input: pty.slave, output: pty.slave,
                                             term: "xterm-256color")
        defer { screen.close() }
        screen.draw(Grid(width: 80, height: 24))
        _ = PseudoTerminal.readAvailable(pty.master, milliseconds: 50)
        screen.waker.wake()
        _ = write(pty.master, " ", 1)
        usleep(50_000)
        #expect(screen.nextEvent(timeout: .milliseconds(500)) == .key(.character(" ")))
        #expect(screen.nextEvent(timeout: .milliseconds(500)) == .wake)
    }

    @Test func descriptors_that_are_not_terminals_are_refused() {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { return }
        defer { close(pipeEnds[0]); close(pipeEnds[1]) }
        #expect(throws: TerminalError.notATerminal) {
            _ = try TerminalScreen.open(input: pipeEnds[0], output: pipeEnds[1], term: "xterm-256color")
        }
    }

    @Test func an_unknown_term_is_refused_without_taking_the_terminal() {
        guard let pty = PseudoTerminal.open(width: 80, height: 24) else { return }
        defer { close(pty.master); close(pty.slave) }
        #expect(throws: TerminalError.unsupportedTerminal("no-such-terminal-xyz")) {
            _ = try TerminalScreen.open(input: pty.slave, output: pty.slave, term: "no-such-terminal-xyz")
        }
        #expect(throws: TerminalError.unsupportedTerminal("dumb")) {
            _ = try TerminalScreen.open(input: pty.slave, output: pty.slave, term: "dumb")
        }
    }
}
