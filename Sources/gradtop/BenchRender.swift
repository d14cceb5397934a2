import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc
import GradSession
import GradTerminal
import GradUI
import Synchronization

/// The `render` case of `gradtop bench`: building a 120x40 dashboard frame, and the bytes the
/// real terminal backend writes per frame while training, counted on a pseudo-terminal.
enum RenderBench {
    static let width = 120, height = 40
    /// The terminal the backend is told it drives.
    static let term = "xterm-256color"

    struct Result {
        var frameSeconds: Spread
        /// Bytes written per frame after the first (full) one, and their mean; nil when no
        /// pseudo-terminal opens.
        var bytesPerFrame: Spread?
        var meanBytesPerFrame: Double?
        /// "unicode" or "ascii": what the backend drew with.
        var glyphs: String
    }

    /// `snapshotSteps` steps of the default run give the frame-timing snapshot (the dashboard
    /// after `snapshotSteps` steps); `frames` consecutive steps, one frame each, give the bytes.
    static func measure(plan: BenchPlan, snapshotSteps: Int, frames: Int) -> Result? {
        let config = RunConfig()
        guard let snapshot = try? HeadlessTraining.snapshot(config: config, steps: snapshotSteps) else { return nil }
        let view = DashboardView()
        let model = DashboardModel(snapshot: snapshot)
        var grid = Grid(width: width, height: height)
        let frame = plan.secondsPerCall { _ = view.render(model: model, into: &grid) }
        let (counts, glyphs) = bytesPerFrame(config: config, frames: frames)
        return Result(frameSeconds: frame, bytesPerFrame: counts.isEmpty ? nil : Spread(counts),
                      meanBytesPerFrame: counts.isEmpty ? nil : counts.reduce(0, +) / Double(counts.count), glyphs: glyphs)
    }

    /// Draws the step-0 frame (a full paint, not counted), then one frame per training step
    /// through `TerminalScreen` into a 120x40 pseudo-terminal whose master side a thread reads.
    /// Returns the bytes of each counted frame (empty without a pseudo-terminal). Sets LC_ALL to C.UTF-8 when the locale is
    /// not UTF-8 already, and clears LINES and COLUMNS, which would override the pty's size.
    static func bytesPerFrame(config: RunConfig, frames: Int) -> ([Double], String) {
        unsetenv("LINES")
        unsetenv("COLUMNS")
        if !(String(cString: setlocale(LC_CTYPE, "")).lowercased().contains("utf")) { setenv("LC_ALL", "C.UTF-8", 1) }
        guard let pty = PseudoTerminal(width: width, height: height) else { return ([], "unicode") }
        defer { pty.close() }
        guard let screen = try? TerminalScreen.open(TerminalOptions(), input: pty.slave, output: pty.slave, term: term) else {
            return ([], "unicode")
        }
        let glyphs = screen.isUnicode ? "unicode" : "ascii"
        let view = DashboardView()
        var model = DashboardModel()
        model.glyphs = screen.isUnicode ? .unicode : .ascii
        var grid = Grid(width: width, height: height)
        var counts: [Double] = []
        try? HeadlessTraining.run(config: config, steps: frames) { snapshot in
            model.snapshot = snapshot
            _ = view.render(model: model, into: &grid)
            screen.draw(grid)
            // The frame's bytes reach the pty before the marker; otherwise every later draw is held back.
            screen.flushOutput()
            // Step 0 is the first, full paint (plus ncurses' setup); only the frames after it count.
            if let bytes = pty.bytesOfLastFrame(), snapshot.step > 0 { counts.append(Double(bytes)) }
        }
        screen.close()
        return (counts, glyphs)
    }
}

/// A pseudo-terminal of a given size whose master side a background thread drains, splitting
/// what arrives into frames at markers the measuring code writes after each frame.
///
/// Why markers: the kernel moves bytes from the slave to the master asynchronously, so "the
/// reader has seen everything" cannot be told by waiting; a marker written after `draw` returns
/// arrives after the frame's bytes, whatever the scheduling.
final class PseudoTerminal: Sendable {
    let master: Int32
    let slave: Int32
    /// An APC string, which ncurses never writes and terminals ignore.
    static let marker = Array("\u{1B}_gradtop-frame\u{1B}\\".utf8)
    private let frames = Mutex<[Int]>([])
    private let frameArrived = DispatchSemaphore(value: 0)
    private let readerDone = DispatchSemaphore(value: 0)

    /// Linux's ioctls behind unlockpt(3) and ptsname(3), which Swift's Glibc module does not
    /// export (function-like _IOR/_IOW macros); the values are the same on every Linux architecture
    /// gradtop builds for. On Linux's devpts, grantpt(3) has nothing to do.
    private static let getPtyNumber: UInt = 0x8004_5430  // TIOCGPTN
    private static let setPtyLock: UInt = 0x4004_5431  // TIOCSPTLCK

    init?(width: Int, height: Int) {
        let master = Glibc.open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else { return nil }
        var unlock: Int32 = 0, number: UInt32 = 0
        guard ioctl(master, Self.setPtyLock, &unlock) == 0, ioctl(master, Self.getPtyNumber, &number) == 0 else {
            Glibc.close(master)
            return nil
        }
        let slave = Glibc.open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else {
            Glibc.close(master)
            return nil
        }
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)
        self.master = master
        self.slave = slave
        startThread { [self] in drain() }
    }

    private func drain() {
        let marker = Self.marker
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var matched = 0, sinceMarker = 0
        while true {
            let count = read(master, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }  // EIO once the slave side is closed
            for byte in buffer[0..<count] {
                sinceMarker += 1
                matched = byte == marker[matched] ? matched + 1 : (byte == marker[0] ? 1 : 0)
                if matched == marker.count {
                    let frameBytes = sinceMarker - marker.count
                    frames.withLock { $0.append(frameBytes) }
                    frameArrived.signal()
                    (matched, sinceMarker) = (0, 0)
                }
            }
        }
        readerDone.signal()
    }

    /// Call after a frame was written to the slave: writes the marker and returns the bytes that
    /// came before it since the previous marker (nil if they do not arrive within 5 s).
    func bytesOfLastFrame() -> Int? {
        _ = Self.marker.withUnsafeBytes { write(slave, $0.baseAddress, $0.count) }
        guard frameArrived.wait(timeout: .now() + 5) == .success else { return nil }
        return frames.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }

    /// Closes the slave, which ends the reader, then the master.
    func close() {
        Glibc.close(slave)
        readerDone.wait()
        Glibc.close(master)
    }
}
