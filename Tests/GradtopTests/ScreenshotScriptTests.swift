import Foundation
import Testing

/// scripts/screenshot (README's pictures) makes a PNG of the dashboard from a real
/// terminal: xterm on Xvfb. Runs in CI, which installs the X packages (.ci/run), and
/// wherever they are installed.
@Suite struct ScreenshotScript {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let toolsInstalled = ["/usr/bin/Xvfb", "/usr/bin/xterm", "/usr/bin/xwd", "/usr/bin/convert"]
        .allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: toolsInstalled || ProcessInfo.processInfo.environment["CI"] == "true"))
    func it_makes_a_small_png_of_the_dashboard_from_a_real_terminal() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradtop-screenshot-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let png = folder.appendingPathComponent("dashboard.png")
        let process = Process()
        process.executableURL = Self.repository.appendingPathComponent("scripts/screenshot")
        process.arguments = [png.path, "80x24", "2", "--speed", "30"]
        process.environment = ProcessInfo.processInfo.environment.merging(["GRADTOP": Gradtop.binary.path]) { $1 }
        // A file, not a pipe: nothing the script leaves running can hold the test up.
        let log = folder.appendingPathComponent("stderr.txt")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let message = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "scripts/screenshot failed: \(message)")

        let data = try Data(contentsOf: png)
        #expect(data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "not a PNG")
        // README's pictures stay small; a blank window compresses to about a kilobyte.
        #expect(data.count <= 300_000 && data.count > 8_000, "\(data.count) bytes")
        // IHDR: width and height, big-endian, after the signature and the chunk header.
        let size = { (offset: Int) in data[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) } }
        let (width, height) = (size(16), size(20))
        #expect(width >= 80 * 6 && height >= 24 * 10 && width > height, "\(width)x\(height) for 80x24 cells")
    }
}
