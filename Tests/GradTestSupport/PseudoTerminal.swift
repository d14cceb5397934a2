import Glibc

/// Pseudo-terminal pairs for tests that drive a screen (or the `gradtop` binary) on the slave
/// side and read what it writes on the master side.
public enum PseudoTerminal {
    /// Opens a pair (Linux /dev/ptmx) with the given window size; nil where there is none.
    /// Both ends are close-on-exec, so processes that other tests start meanwhile do not
    /// hold them open (a child started on the slave gets its own copies through dup2).
    public static func open(width: Int, height: Int) -> (master: Int32, slave: Int32)? {
        let master = Glibc.open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { return nil }
        var unlock: Int32 = 0, number: UInt32 = 0
        guard ioctl(master, UInt(0x4004_5431), &unlock) == 0, ioctl(master, UInt(0x8004_5430), &number) == 0 else {
            close(master)
            return nil
        }
        let slave = Glibc.open("/dev/pts/\(number)", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard slave >= 0 else { close(master); return nil }
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)
        return (master, slave)
    }

    /// The input, output and local mode flags of `fd`'s terminal (echo, line mode, newline
    /// translation: what a shell relies on); empty when `fd` is not a terminal.
    public static func modeFlags(_ fd: Int32) -> [UInt32] {
        var modes = termios()
        guard tcgetattr(fd, &modes) == 0 else { return [] }
        return [modes.c_iflag, modes.c_oflag, modes.c_lflag]
    }

    /// Everything readable on `fd` until `milliseconds` pass without a byte.
    public static func readAvailable(_ fd: Int32, milliseconds: Int32 = 200) -> [UInt8] {
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
}
