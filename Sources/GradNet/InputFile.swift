#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc

/// Reading and writing whole user files with every failure turned into an `InputError`.
enum InputFile {
    /// The bytes of the file at `path`. Errors: no such file, a directory, unreadable.
    static func read(_ path: String) throws(InputError) -> Data {
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: path, message: "no such file")
        }
        if isDirectory { throw InputError(file: path, message: "is a directory, not a file") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw InputError(file: path, message: "cannot read: permission denied")
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw InputError(file: path, message: "cannot read: \(oneLine(InputError.systemReason(error)))")
        }
    }

    /// `data` as UTF-8 text without a leading byte-order mark (spreadsheets write one).
    static func text(_ data: Data, file: String) throws(InputError) -> String {
        guard var text = String(data: data, encoding: .utf8) else {
            throw InputError(file: file, message: "not UTF-8 text")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }

    /// Writes `data` so that `path` holds either its old contents or all of
    /// `data`, never a part: the bytes go to a temporary file in the same
    /// directory, are flushed to disk, and the file is renamed over `path`.
    static func writeAtomically(_ data: Data, to path: String) throws(InputError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw InputError(file: path, message: "cannot write: \(systemError())") }
        var failure: String?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let written = write(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = systemError()
                    return
                }
                offset += written
            }
        }
        if failure == nil && fsync(descriptor) != 0 { failure = systemError() }
        if close(descriptor) != 0 && failure == nil { failure = systemError() }
        if failure == nil && rename(temporary, path) != 0 { failure = systemError() }
        if let failure {
            unlink(temporary)
            throw InputError(file: path, message: "cannot write: \(failure)")
        }
    }

    private static func systemError() -> String { String(cString: strerror(errno)) }

    /// `text` on one line: newlines become spaces, long text is cut with an ellipsis.
    static func oneLine(_ text: String, limit: Int = 160) -> String {
        let flat = text.split(whereSeparator: \.isNewline).map { $0.trimmingSpaces() }.joined(separator: " ")
        return flat.count > limit ? String(flat.prefix(limit)) + "..." : flat
    }
}

extension InputError {
    /// The system's words for a failed file read ("Permission denied"), else the error as
    /// Foundation describes it (FoundationEssentials has no `localizedDescription`).
    public static func systemReason(_ error: Error) -> String {
        guard let posix = (error as? CocoaError)?.userInfo["NSUnderlyingError"] as? POSIXError else { return "\(error)" }
        return String(cString: strerror(posix.code.rawValue))
    }
}
