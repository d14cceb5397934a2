import Foundation

/// Seeded, reproducible mutations of parser inputs for fuzz tests: the same
/// seed gives the same sequence of inputs on every machine, so a failure
/// names a seed and an index that reproduce it.
///
/// Each mutation is a byte flip, a random byte, an insertion of a hostile
/// token (NaN, 1e999, huge counts, deep nesting, escapes, unicode, control
/// characters), a deletion, a duplicated range (duplicate keys and lines), a
/// truncation or a splice of another corpus file. Outputs are capped at
/// `maxBytes`, so the cost of one parse stays bounded.
public struct FuzzMutator {
    private var state: UInt64
    public let maxBytes: Int

    public init(seed: UInt64, maxBytes: Int = 64 * 1024) {
        state = seed &+ 0x9E37_79B9_7F4A_7C15
        self.maxBytes = maxBytes
    }

    /// Tokens that tend to break number, string and structure handling.
    public static let tokens: [String] = [
        "NaN", "nan", "-nan", "inf", "-inf", "Infinity", "1e999", "-1e999", "1e-999", "1e308", "3.5e38",
        "-3.5e38", "1e38", "1e15", "1e16", "1000000000", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "18446744073709551616", "99999999999999999999999999999", "-0", "0x1p3",
        "0.0000000000000000000000000000000000000000000001", "1.", ".5", "+1", "--1", "1e", "null", "true",
        "false", "[]", "{}", "\"\"", "[[[[", "]]]]", "{\"a\":", "\"units\": 1000000000", "\"inputs\": 0",
        "\"kernel\": [[1e999]]", ",", ",,", ";", "=", "==", "#", "\"", "'", "\\", "\\u0000", "\\uD800",
        "\"\"\"", "'''", "[colors]", "[[colors]]", "[colors.x]", "name = ", "x1", "y1", "x0", "x01", "y99999999999",
        "\u{0}", "\u{7}", "\u{8}", "\t", "\r", "\n", "\r\n", "\u{1B}", "\u{1B}[2J", "\u{1B}]0;pwned\u{7}",
        "\u{9B}", "\u{7F}", "\u{85}", "\u{2028}", "\u{202E}", "\u{FEFF}", "\u{FFFD}", "é", "e\u{301}",
        "👩‍👩‍👧", "漢字", "\u{10FFFF}",
    ]

    /// A mutated copy of `input` (1 to 4 mutations); `others` supplies splices.
    public mutating func mutate(_ input: [UInt8], others: [[UInt8]] = []) -> [UInt8] {
        var bytes = input
        for _ in 0..<(1 + next(below: 4)) { mutateOnce(&bytes, others: others) }
        if bytes.count > maxBytes { bytes.removeLast(bytes.count - maxBytes) }
        return bytes
    }

    private mutating func mutateOnce(_ bytes: inout [UInt8], others: [[UInt8]]) {
        let position = next(below: bytes.count + 1)
        switch next(below: 10) {
        case 0 where !bytes.isEmpty:
            bytes[min(position, bytes.count - 1)] ^= UInt8(1 << next(below: 8))
        case 1 where !bytes.isEmpty:
            bytes[min(position, bytes.count - 1)] = UInt8(truncatingIfNeeded: next(below: 256))
        case 2, 3:
            let token = FuzzMutator.tokens[next(below: FuzzMutator.tokens.count)]
            bytes.insert(contentsOf: Array(token.utf8), at: position)
        case 4:
            let end = min(bytes.count, position + 1 + next(below: 16))
            bytes.removeSubrange(position..<end)
        case 5:
            // Duplicate a range: repeated keys, lines, rows.
            let end = min(bytes.count, position + 1 + next(below: 80))
            let piece = Array(bytes[position..<end])
            bytes.insert(contentsOf: piece, at: next(below: bytes.count + 1))
        case 6:
            bytes.removeSubrange(position...)
        case 7:
            // Deep nesting: a recursive parser would overflow the stack.
            let opener: [UInt8] = next(below: 2) == 0 ? Array("[".utf8) : Array("{\"a\":".utf8)
            let depth = 1 + next(below: 5000)
            bytes.insert(contentsOf: FuzzMutator.repeated(opener, times: depth), at: position)
        case 8 where !others.isEmpty:
            let other = others[next(below: others.count)]
            let start = next(below: other.count + 1)
            let end = min(other.count, start + next(below: 200))
            bytes.insert(contentsOf: other[start..<end], at: position)
        default:
            // Repeat a line many times (long files, many rows or keys).
            let lineStart = bytes[..<position].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            let lineEnd = bytes[position...].firstIndex(of: 0x0A) ?? bytes.count
            let line = Array(bytes[lineStart..<lineEnd]) + [0x0A]
            let times = 1 + next(below: 500)
            bytes.insert(contentsOf: FuzzMutator.repeated(line, times: times), at: lineEnd)
        }
    }

    /// `piece` `times` times over; plain loops, since generic joins are slow in debug builds.
    private static func repeated(_ piece: [UInt8], times: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: piece.count * times)
        out.withUnsafeMutableBufferPointer { buffer in
            piece.withUnsafeBufferPointer { source in
                for t in 0..<times {
                    UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[(t * piece.count)...])
                        .copyMemory(from: UnsafeRawBufferPointer(source))
                }
            }
        }
        return out
    }

    /// Uniform in 0..<bound (bound >= 1); splitmix64, so the stream is the same everywhere.
    private mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(max(1, bound)))
    }
}

/// Runs `body` on the corpus, then on mutations of it, until `seconds` pass or
/// `maxInputs` inputs were tried. Returns how many inputs ran and the slowest
/// one (its duration and bytes), so callers can assert a per-input bound.
/// With FUZZ_LAST_INPUT=path in the environment, each input is written there
/// before it runs, so the input of a crash is left behind to reproduce it;
/// FUZZ_SECONDS=N replaces `seconds` for longer local runs.
public func fuzz(_ name: String, corpus: [[UInt8]], seed: UInt64, seconds: Double, maxInputs: Int = 1_000_000,
                 _ body: ([UInt8]) -> Void) -> (inputs: Int, slowest: Double, slowestInput: [UInt8]) {
    var mutator = FuzzMutator(seed: seed)
    let seconds = ProcessInfo.processInfo.environment["FUZZ_SECONDS"].flatMap(Double.init) ?? seconds
    let start = Date()
    var count = 0
    var slowest = 0.0
    var slowestInput: [UInt8] = []
    let lastInputPath = ProcessInfo.processInfo.environment["FUZZ_LAST_INPUT"]
    func timed(_ input: [UInt8]) {
        if let lastInputPath { try? Data(input).write(to: URL(fileURLWithPath: lastInputPath)) }
        let began = Date()
        body(input)
        let took = Date().timeIntervalSince(began)
        if took > slowest { (slowest, slowestInput) = (took, input) }
        count += 1
    }
    for input in corpus { timed(input) }
    while count < maxInputs && Date().timeIntervalSince(start) < seconds && !corpus.isEmpty {
        let base = corpus[count % corpus.count]
        timed(mutator.mutate(base, others: corpus))
    }
    print("fuzz \(name), seed \(seed): \(count) inputs in \(Int(Date().timeIntervalSince(start) * 1000)) ms, slowest \(Int(slowest * 1000)) ms")
    return (count, slowest, slowestInput)
}

/// The files of `fuzz/corpus/<kind>/` in the repository, sorted by name.
/// `anchor` is a `#filePath` inside `Tests/`, used to find the repository root.
public func fuzzCorpus(_ kind: String, anchor: String) -> [[UInt8]] {
    var root = URL(fileURLWithPath: anchor)
    while root.lastPathComponent != "Tests" && root.path != "/" { root.deleteLastPathComponent() }
    let folder = root.deletingLastPathComponent().appendingPathComponent("fuzz/corpus/\(kind)")
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    return names.compactMap { try? Data(contentsOf: folder.appendingPathComponent($0)) }.map { Array($0) }
}

/// Resident set size of this process in bytes (Linux /proc/self/statm), 0 elsewhere.
public func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// Whether `text` is one line without control characters: safe to print to a
/// terminal (no escape sequence, no line break, no carriage return).
public func isOneCleanLine(_ text: String) -> Bool {
    !text.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) || $0 == "\u{2028}" || $0 == "\u{2029}" }
}
