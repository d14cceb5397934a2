import Glibc
import GradSession
import GradUI

/// Why a recording could not be written: one line naming the file.
public struct RecordingError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "cannot record to \(path): \(reason)" }
}

/// Writes what the screen shows to an asciicast v2 file that `asciinema play`
/// replays as seen: output ("o") events with the escape text of each frame's
/// changes, resize ("r") events, and marker ("m") events.
///
/// Guarantees:
/// - Nothing ever exists under the target name until `finish()` succeeds: events
///   go to a hidden temporary file in the same folder, renamed into place at
///   the end (rename(2) is atomic within one file system). A recorder dropped
///   without `finish()` removes its temporary file.
/// - Event times are strictly increasing whole microseconds: a time at or
///   before the previous event's is moved to one microsecond after it.
/// - The header's size is the first frame's (the terminal may have been
///   resized before it was drawn), also when markers came before it; the size
///   given here only when no frame was recorded.
///
/// Not thread-safe: use it from the thread that draws. Writes are buffered
/// (64 KiB), so recording costs one encode per frame and rare system calls.
public final class AsciicastRecorder {
    public let path: String
    private let temporaryPath: String
    private var descriptor: Int32
    private let initialSize: (width: Int, height: Int)
    private let title: String
    private let timestamp: Int
    private let start = ContinuousClock.now
    private var buffer: [UInt8] = []
    private var headerWritten = false
    /// Markers given before the first frame, written after the header that frame sizes.
    private var earlyMarkers: [(label: String, seconds: Double)] = []
    private var previousFrame: Grid?
    private var lastMicroseconds: Int64 = -1
    private var writeError: Int32?
    private var finished = false

    /// Opens the temporary file next to `path`. Throws a `RecordingError`
    /// when the folder is missing or not writable, or `path` is a folder.
    public init(path: String, width: Int, height: Int, title: String) throws(RecordingError) {
        guard !path.isEmpty else { throw RecordingError(path: "\"\"", reason: "empty file name") }
        var status = stat()
        if stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
            throw RecordingError(path: path, reason: "is a directory")
        }
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        temporaryPath = folder + ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).part"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw RecordingError(path: path, reason: String(cString: strerror(errno))) }
        self.path = path
        self.initialSize = (max(1, width), max(1, height))
        self.title = title
        self.timestamp = Int(time(nil))
    }

    deinit {
        if !finished {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    /// Seconds since the recorder was created, on the monotonic clock (a
    /// wall-clock change mid-recording cannot make times go backwards).
    public var elapsed: Double {
        (ContinuousClock.now - start).seconds
    }

    /// Records what changed since the previous frame, at `seconds` (default:
    /// now). A size change first writes an "r" event, then a full redraw. An
    /// unchanged frame writes nothing. Cost: one comparison per cell.
    public func record(frame: Grid, at seconds: Double? = nil) {
        guard !finished else { return }
        let time = seconds ?? elapsed
        writeHeaderIfNeeded(width: frame.width, height: frame.height)
        if let previousFrame, previousFrame.width != frame.width || previousFrame.height != frame.height {
            append(code: "r", data: "\(frame.width)x\(frame.height)", at: time)
        }
        let text = AnsiFrameEncoder.encode(from: previousFrame, to: frame)
        if !text.isEmpty { append(code: "o", data: text, at: time) }
        previousFrame = frame
    }

    /// A marker (chapter point in players) labelled `label`, control characters removed.
    public func marker(_ label: String, at seconds: Double? = nil) {
        guard !finished else { return }
        guard headerWritten else {
            // Compare marks its configurations before it draws; the header must wait for that frame's size.
            earlyMarkers.append((label, seconds ?? elapsed))
            return
        }
        append(code: "m", data: AsciicastFormat.printable(label), at: seconds ?? elapsed)
    }

    /// Ends the recording at `seconds` (default: now) with the cursor shown
    /// and attributes off, so a player leaves the viewer's terminal usable;
    /// writes what is buffered and moves the file to its name. Idempotent.
    /// Throws if any write failed (disk full) or the rename failed; the
    /// temporary file is removed then, so no partial recording remains.
    public func finish(at seconds: Double? = nil) throws(RecordingError) {
        guard !finished else { return }
        finished = true
        writeHeaderIfNeeded(width: initialSize.width, height: initialSize.height)
        if let previousFrame {
            append(code: "o", data: AnsiFrameEncoder.leaving(height: previousFrame.height), at: seconds ?? elapsed)
        }
        flush()
        if writeError == nil && fsync(descriptor) != 0 { writeError = errno }
        if close(descriptor) != 0 && writeError == nil { writeError = errno }
        if writeError == nil && rename(temporaryPath, path) != 0 { writeError = errno }
        if let writeError {
            unlink(temporaryPath)
            throw RecordingError(path: path, reason: String(cString: strerror(writeError)))
        }
    }

    private func writeHeaderIfNeeded(width: Int, height: Int) {
        guard !headerWritten else { return }
        headerWritten = true
        var environment: [String: String] = [:]
        for key in ["TERM", "SHELL"] { if let value = getenv(key) { environment[key] = String(cString: value) } }
        appendLine(AsciicastFormat.header(width: width, height: height, timestamp: timestamp,
                                          title: title, environment: environment))
        for marker in earlyMarkers { append(code: "m", data: AsciicastFormat.printable(marker.label), at: marker.seconds) }
        earlyMarkers = []
    }

    private func append(code: String, data: String, at seconds: Double) {
        var microseconds = seconds.isFinite ? Int64((max(0, seconds) * 1e6).rounded()) : 0
        if microseconds <= lastMicroseconds { microseconds = lastMicroseconds + 1 }
        lastMicroseconds = microseconds
        appendLine(AsciicastFormat.event(microseconds: microseconds, code: code, data: data))
    }

    private func appendLine(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes the whole buffer, retrying short writes; remembers the first error.
    private func flush() {
        guard writeError == nil else { buffer.removeAll(); return }
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                writeError = errno
                break
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
