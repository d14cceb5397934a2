import Foundation
import GradTestSupport

/// The `gradtop` binary on the slave side of a pseudo-terminal, the test reading (or not
/// reading) the master side as an SSH client's sshd would.
enum GradtopOnPty {
    /// Starts `gradtop arguments...` with `slave` as stdin, stdout and stderr (TERM=xterm-256color,
    /// a UTF-8 locale, and `environment`). The child gets only the pty, as from a login shell: bash
    /// closes every other descriptor this process holds for tests running meanwhile (Process passes
    /// them on), then execs.
    static func start(_ arguments: [String], slave: Int32, environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "for fd in $(ls /proc/$$/fd); do [ $fd -gt 2 ] && eval \"exec $fd>&-\"; done; exec \"$0\" \"$@\"",
                             Gradtop.binary.path] + arguments
        process.environment = ProcessInfo.processInfo.environment
            .merging(["TERM": "xterm-256color", "LANG": "C.UTF-8"].merging(environment) { $1 }) { $1 }
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        (process.standardInput, process.standardOutput, process.standardError) = (terminal, terminal, terminal)
        try process.run()
        return process
    }

    /// Reads `fd` for `seconds`, returning what came; stops early at the hang-up (EIO).
    static func read(_ fd: Int32, for seconds: Double) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
            guard poll(&fds, 1, 50) > 0 else { continue }
            let count = Glibc.read(fd, &buffer, buffer.count)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return bytes
    }

    /// The kernel stack of each of `pid`'s threads, for a failure message about a process that hangs.
    static func threadStacks(of pid: pid_t) -> String {
        guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task") else { return "" }
        return tasks.map { task in
            let stack = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/stack", encoding: .utf8)) ?? "?"
            return "[\(task): \(stack.replacingOccurrences(of: "\n", with: " | "))]"
        }.joined(separator: " ")
    }
}
