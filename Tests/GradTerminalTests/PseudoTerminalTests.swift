import Foundation
import Glibc
import Testing
import GradUI
import GradTerminal

/// `TerminalScreen.open(_:input:output:term:)`: the backend driven on descriptors other than
/// stdin/stdout, as `gradtop bench` does to count the bytes of a frame.
@Suite(.serialized) struct ScreenOnGivenDescriptors {
    /// Opens a pseudo-terminal pair (Linux /dev/ptmx); nil where there is none.
    static func openPseudoTerminal(width: Int, height: Int) -> (master: Int32, slave: Int32)? {
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else { return nil }
        var unlock: Int32 = 0, number: UInt32 = 0
        guard ioctl(master, UInt(0x4004_5431), &unlock) == 0, ioctl(master, UInt(0x8004_5430), &number) == 0 else {
            close(master)
            return nil
        }
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else { close(master); return nil }
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)
        return (master, slave)
    }

    /// Everything readable on `fd` within `milliseconds` of quiet.
    static func readAvailable(_ fd: Int32, milliseconds: Int32 = 200) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
        while poll(&fds, 1, milliseconds) > 0 {
            let count = read(fd, &buffer, buffer.count)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return bytes
    }

    @Test func a_screen_on_a_pseudo_terminal_draws_there_with_its_size_and_only_changes_after_the_first_frame() throws {
        guard let pty = Self.openPseudoTerminal(width: 50, height: 12) else { return }
        defer { close(pty.master); close(pty.slave) }
        let screen = try TerminalScreen.open(TerminalOptions(forceASCII: true), input: pty.slave, output: pty.slave,
                                             term: "xterm-256color")
        #expect(screen.size == (width: 50, height: 12))
        var grid = Grid(width: 50, height: 12)
        _ = grid.put("gradient flow", x: 3, y: 2)
        screen.draw(grid)
        let first = Self.readAvailable(pty.master)
        #expect(String(decoding: first, as: UTF8.self).contains("gradient flow"))
        _ = grid.put("X", x: 10, y: 5)
        screen.draw(grid)
        #expect(screen.cellsWrittenLastFrame == 1)
        let second = Self.readAvailable(pty.master)
        #expect(!second.isEmpty && second.count < first.count / 4, "first frame \(first.count) B, one changed cell \(second.count) B")
        screen.close()
        #expect(fcntl(pty.slave, F_GETFD) != -1, "the caller's descriptor stays open")
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
        guard let pty = Self.openPseudoTerminal(width: 80, height: 24) else { return }
        defer { close(pty.master); close(pty.slave) }
        #expect(throws: TerminalError.unsupportedTerminal("no-such-terminal-xyz")) {
            _ = try TerminalScreen.open(input: pty.slave, output: pty.slave, term: "no-such-terminal-xyz")
        }
        #expect(throws: TerminalError.unsupportedTerminal("dumb")) {
            _ = try TerminalScreen.open(input: pty.slave, output: pty.slave, term: "dumb")
        }
    }
}
