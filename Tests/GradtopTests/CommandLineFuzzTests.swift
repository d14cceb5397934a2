import Foundation
import Testing

/// Seeded mutations of real command lines, run through the binary under a
/// 2 GiB address-space limit: every one exits by itself (no signal, no
/// crash trace, within the timeout) and a failure starts with "Error:".
/// A size that would need more memory than the limit must be refused up
/// front, not crash halfway through allocating.
@Suite struct CommandLineFuzz {
    static let seeds: [[String]] = [
        ["summary"],
        ["summary", "--hidden", "2,2,2", "--activation", "relu", "--init", "he_normal"],
        ["train", "--steps", "2", "--examples", "10", "--batch", "3", "--optimizer", "sgd", "--lr", "0.1", "--momentum", "0.5"],
        ["train", "--steps", "1", "--format", "csv", "--seed", "7", "--data-seed", "8"],
        ["grads", "--examples", "3", "--hidden", "4"],
    ]

    static let hostile = [
        "", "-", "--", "0", "-1", "nan", "inf", "-inf", "1e999", "1e-45", "1000000000", "99999999999", "9223372036854775807",
        "18446744073709551616", "100000,100000", "1000000,1", "2,,2", ",", "1e6", "full", "sgd", "adam", "relu", "zeros",
        "\u{1B}[31m", "x\u{0}y", "é", "--steps", "--hidden", "--examples", "--batch", "--lr", "--model", "--data", "/dev/null",
        "/nonexistent/\u{1B}]0;t\u{7}.csv", "--format", "--help",
    ]

    /// Replaces, inserts, drops or duplicates words; reproducible from `seed`.
    static func mutate(_ words: [String], seed: UInt64) -> [String] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(1, bound)))
        }
        var out = words
        for _ in 0..<(1 + next(3)) {
            let position = next(out.count + 1)
            switch next(4) {
            case 0 where position < out.count && position > 0: out[position] = hostile[next(hostile.count)]
            case 1: out.insert(hostile[next(hostile.count)], at: max(1, position))
            case 2 where position < out.count && position > 0: out.remove(at: position)
            default: if position < out.count { out.insert(out[position], at: position) }
            }
        }
        // Keep every run short: cap the number of steps a mutation asked for.
        if let i = out.firstIndex(of: "--steps"), i + 1 < out.count, (Int(out[i + 1]) ?? 0) > 3 { out[i + 1] = "3" }
        return out
    }

    /// 2 GiB; none under AddressSanitizer, which reserves terabytes of shadow
    /// memory up front (and reports over-large allocations itself).
    static let addressSpaceLimit: Int? = ProcessInfo.processInfo.environment["ASAN_OPTIONS"] == nil ? 2 << 30 : nil

    @Test func mutated_command_lines_exit_cleanly_with_a_clear_error() throws {
        let inputs = CommandLineFuzz.seeds + (0..<40).map { i in
            CommandLineFuzz.mutate(CommandLineFuzz.seeds[i % CommandLineFuzz.seeds.count], seed: UInt64(i) + 6)
        } + [
            ["summary", "--hidden", "100000,100000"], ["train", "--steps", "1", "--examples", "1000000000"],
            ["train", "--steps", "1", "--hidden", "3000", "--examples", "100000"], ["summary", "--hidden", "9223372036854775807"],
        ]
        for arguments in inputs {
            let quoted = arguments.map { $0.debugDescription }.joined(separator: " ")
            let result = try Gradtop.run(arguments, timeout: 30, addressSpaceLimit: CommandLineFuzz.addressSpaceLimit)
            #expect(!result.signaled && result.status < 128, "\(quoted): status \(result.status), \(result.stderr.prefix(300))")
            #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Backtrace") && !result.stderr.contains("Crash"),
                    "\(quoted): \(result.stderr.prefix(300))")
            if result.status != 0 && !arguments.contains("--help") {
                #expect(result.stderrLines.first?.hasPrefix("Error:") == true, "\(quoted): \(result.stderr.prefix(300))")
            }
        }
    }
}
