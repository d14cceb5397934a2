import Foundation
import Testing

/// Text snapshots live in Tests/GradUITests/Snapshots/<name>.txt, found via
/// #filePath so tests run from any directory. To re-record after an
/// intended change, run
///     GRADTOP_RECORD_SNAPSHOTS=1 swift test --filter GradUITests
/// then review the diff with `git diff Tests/GradUITests/Snapshots`.
enum Snapshots {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    static let recording = ProcessInfo.processInfo.environment["GRADTOP_RECORD_SNAPSHOTS"] == "1"

    /// Compares `lines` to the stored snapshot, or stores them when recording.
    static func check(_ lines: [String], named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name + ".txt")
        let actual = lines.joined(separator: "\n") + "\n"
        if recording {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing snapshot \(name).txt; record with GRADTOP_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDiff = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
            Issue.record("""
                snapshot \(name) differs at line \(firstDiff + 1)
                expected: \(firstDiff < e.count ? String(e[firstDiff]) : "<end>")
                actual:   \(firstDiff < a.count ? String(a[firstDiff]) : "<end>")
                full actual:
                \(actual)
                """, sourceLocation: sourceLocation)
        }
    }
}
