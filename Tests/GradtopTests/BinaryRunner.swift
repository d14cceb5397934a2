import Foundation

/// Runs the built `gradtop` binary as a user would, capturing its output.
enum Gradtop {
    struct Result {
        let status: Int32
        /// True when a signal ended the process (a trap, an abort): `status` is then the signal number.
        let signaled: Bool
        let stdout: String
        let stderr: String
        var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    /// The binary next to the test bundle (SwiftPM builds both into the same folder).
    static let binary: URL = {
        if let override = ProcessInfo.processInfo.environment["GRADTOP_BINARY"] { return URL(fileURLWithPath: override) }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !folder.path.hasSuffix("debug") && !folder.path.hasSuffix("release") && folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("gradtop")
    }()

    /// Runs `gradtop arguments...` with stdin closed (in `directory`, if given); kills it after `timeout` seconds.
    /// With `addressSpaceLimit` (bytes), runs under `ulimit -v`, so an allocation
    /// beyond it fails (and crashes the binary) instead of swapping the machine.
    /// `program` runs another binary instead (a packaged gradtop, a shell).
    static func run(_ arguments: [String], environment: [String: String] = [:], timeout: Double = 60,
                    addressSpaceLimit: Int? = nil, directory: URL? = nil, program: URL = binary) throws -> Result {
        let process = Process()
        if let directory { process.currentDirectoryURL = directory }
        if let limit = addressSpaceLimit {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -v \(limit / 1024) && exec \"$0\" \"$@\"", program.path] + arguments
        } else {
            process.executableURL = program
            process.arguments = arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Drain both pipes concurrently so a large output cannot block the child.
        let outData = LockedData(), errData = LockedData()
        let group = DispatchGroup()
        for (pipe, sink) in [(out, outData), (err, errData)] {
            DispatchQueue.global().async(group: group) { sink.set(pipe.fileHandleForReading.readDataToEndOfFile()) }
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        // SIGKILL, not terminate()'s SIGTERM: a child spawned from a test's thread inherits its
        // signal mask, in which SIGTERM may be blocked.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        group.wait()
        return Result(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
                      stdout: String(decoding: outData.get(), as: UTF8.self),
                      stderr: String(decoding: errData.get(), as: UTF8.self))
    }

    /// A fresh temporary folder for one test's files.
    static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gradtop-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}
