#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc
import GradNet

/// Output files the headless commands write only at the end (`train --save-model`,
/// `plot --out`): checked up front, so a typo in the path fails before a long run
/// rather than after it, then written atomically.
enum OutputFile {
    /// Fails now with the one-line error the write at the end would give when `path`
    /// cannot be written: an empty name, a name ending in "/", a directory, a missing
    /// folder, or a folder that refuses new files (permissions, a read-only file
    /// system). The last is found the way `--record` finds it, by creating a file
    /// there: a hidden probe next to `path`, removed at once. Permission bits alone
    /// would say yes to root on a read-only mount.
    ///
    /// Cost: a few stat calls and one create/unlink. A folder that turns read-only
    /// after the check still fails at the end, with the same kind of message.
    static func checkWritable(_ path: String) throws {
        guard !path.isEmpty else { throw failure("\"\"", "empty file name") }
        var isFolder = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder {
            throw failure(path, "it is a directory")
        }
        guard !path.hasSuffix("/") else { throw failure(path, "it is a directory name (ends in /)") }
        let (folder, name) = parts(of: path)
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder else {
            throw failure(path, "no such directory \(folder)")
        }
        let probe = folder + "/." + name + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).probe"
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure(path, String(cString: strerror(errno))) }
        close(descriptor)
        unlink(probe)
    }

    /// Writes `text` to a temporary file next to `path`, then renames it over
    /// `path`, so a reader never sees half a file and a failed write leaves any
    /// old file intact. Failures are the one-line errors of `checkWritable`.
    static func writeAtomically(_ text: String, to path: String) throws {
        try checkWritable(path)
        let (folder, name) = parts(of: path)
        let temporary = folder + "/." + name + ".\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            throw failure(path, String(cString: strerror(errno)))
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw failure(path, reason)
        }
    }

    /// The folder (absolute, resolved against the working directory) and file name of `path`.
    private static func parts(of path: String) -> (folder: String, name: String) {
        let url = URL(fileURLWithPath: path)
        return (url.deletingLastPathComponent().path, url.lastPathComponent)
    }

    /// "<path>: cannot write: <reason>", the form `ModelSpec.save` uses; the path is
    /// made printable (a control character in it cannot reach the terminal).
    private static func failure(_ path: String, _ reason: String) -> CommandFailure {
        CommandFailure(InputError(file: path, message: "cannot write: " + reason))
    }
}
