import Foundation
import Testing

/// `gradtop bench` is never timed here (CI machines may be slow); these tests check its
/// contract: it runs, and its JSON carries every documented key with numbers in it.
@Suite struct BenchCommand {
    static let spreadKeys: Set<String> = ["median", "min", "max"]

    static func spread(_ object: Any?, _ name: String) throws -> [String: Double] {
        let values = try #require(object as? [String: Double], "\(name) is not an object of numbers")
        #expect(Set(values.keys) == spreadKeys, "\(name) keys \(values.keys.sorted())")
        #expect(values.values.allSatisfy { $0 > 0 }, "\(name) has a non-positive value: \(values)")
        return values
    }

    @Test func bench_quick_json_exits_zero_and_prints_every_documented_key() throws {
        let result = try Gradtop.run(["bench", "--quick", "--json"], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Set(json.keys) == ["schema", "quick", "machine", "tiny", "wide", "gemm", "big", "threads", "render"])
        #expect(json["schema"] as? String == "gradtop-bench/1")
        #expect(json["quick"] as? Bool == true)

        let machine = try #require(json["machine"] as? [String: Any])
        #expect(Set(machine.keys) == ["cores", "cpu", "build", "threads", "kernels"])
        #expect(["portable", "avx2", "avx512"].contains(machine["kernels"] as? String ?? ""))
        #expect((machine["cores"] as? Int ?? 0) >= 1)
        #expect(["debug", "release"].contains(machine["build"] as? String ?? ""))

        let tiny = try #require(json["tiny"] as? [String: Any])
        #expect(Set(tiny.keys) == ["us_per_step"])
        _ = try Self.spread(tiny["us_per_step"], "tiny.us_per_step")

        let wide = try #require(json["wide"] as? [String: Any])
        #expect(Set(wide.keys) == ["batch", "ms_per_step", "gflop_per_step", "gflops"])
        #expect(wide["batch"] as? Int == 8, "--quick runs the wide job on batch 8")
        _ = try Self.spread(wide["ms_per_step"], "wide.ms_per_step")
        _ = try Self.spread(wide["gflops"], "wide.gflops")
        let flop = try #require(wide["gflop_per_step"] as? Double)
        // 3 products per layer but the first (2): 2 * 8 * (2*256*2 + 7*256*256*3 + 256*2*3) flops.
        #expect(abs(flop - 0.022_061_056) < 1e-9, "the quick wide step's matrix products, got \(flop)")

        let gemm = try #require(json["gemm"] as? [String: Any])
        #expect(Set(gemm.keys) == ["n256", "n1024"])
        for size in gemm.keys {
            let entry = try #require(gemm[size] as? [String: Any])
            #expect(Set(entry.keys) == ["n", "ms", "gflops"])
            _ = try Self.spread(entry["ms"], "gemm.\(size).ms")
            _ = try Self.spread(entry["gflops"], "gemm.\(size).gflops")
        }

        let big = try #require(json["big"] as? [String: Any])
        #expect(Set(big.keys) == ["width", "ms_per_step", "snapshot_ms"])
        #expect(big["width"] as? Int == 16, "--quick runs the big job on 16-unit layers")
        _ = try Self.spread(big["ms_per_step"], "big.ms_per_step")
        _ = try Self.spread(big["snapshot_ms"], "big.snapshot_ms")

        let threads = try #require(json["threads"] as? [String: Any])
        #expect(Set(threads.keys) == ["threads", "one_thread_ms", "all_threads_ms", "speedup"])
        _ = try Self.spread(threads["one_thread_ms"], "threads.one_thread_ms")
        _ = try Self.spread(threads["all_threads_ms"], "threads.all_threads_ms")
        #expect((threads["speedup"] as? Double ?? 0) > 0)

        let render = try #require(json["render"] as? [String: Any], "render is an object once the dashboard exists")
        #expect(Set(render.keys) == ["frame_ms", "bytes_per_frame", "bytes_per_frame_mean", "glyphs"])
        _ = try Self.spread(render["frame_ms"], "render.frame_ms")
        #expect(["unicode", "ascii"].contains(render["glyphs"] as? String ?? ""))
        // Counted through the real ncurses backend on a pseudo-terminal: every training step
        // changes the loss and the violins, so each frame writes something, and far less than
        // a full repaint of 120x40 cells with colour escapes would.
        let bytes = try Self.spread(render["bytes_per_frame"], "render.bytes_per_frame")
        #expect(bytes["max"]! < 40_000, "bytes per frame \(bytes)")
        // Training changes the loss and the violins every step: a frame of 0 bytes was never sent
        // (frames held back behind the first one's unsent bytes counted 0).
        #expect(bytes["max"]! > 0, "bytes per frame \(bytes)")
        let mean = try #require(render["bytes_per_frame_mean"] as? Double)
        #expect(mean >= bytes["min"]! && mean <= bytes["max"]!)
    }

    @Test func bench_table_names_every_case_and_a_debug_build_warns_on_stderr() throws {
        let result = try Gradtop.run(["bench", "--quick", "--threads", "1"], timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        for name in ["tiny step", "wide step", "gemm 32^3", "gemm 128^3", "wide step, 1 thread", "speedup", "smoke test",
                     "render 120x40 frame", "bytes per frame", "big step", "big snapshot", "kernels"] {
            #expect(result.stdout.contains(name), "missing \(name) in:\n\(result.stdout)")
        }
        let isDebug = result.stdout.contains("debug build")
        #expect(isDebug == result.stderr.contains("warning: this is a debug build"))
    }

    @Test func bench_rejects_zero_threads() throws {
        let result = try Gradtop.run(["bench", "--threads", "0"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--threads must be at least 1"))
    }

    @Test func bench_names_the_kernel_path_it_was_told_to_use_and_rejects_an_unknown_one() throws {
        let forced = try Gradtop.run(["bench", "--quick", "--json", "--kernels", "portable"], timeout: 120)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.contains("\"kernels\":\"portable\""))
        let capped = try Gradtop.run(["bench", "--quick", "--json"], environment: ["GRADTOP_KERNELS": "portable"], timeout: 120)
        #expect(capped.stdout.contains("\"kernels\":\"portable\""), "GRADTOP_KERNELS caps the path")
        let unknown = try Gradtop.run(["bench", "--kernels", "sse9"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("--kernels must be portable, avx2 or avx512"))
        let badEnvironment = try Gradtop.run(["summary"], environment: ["GRADTOP_KERNELS": "sse9"])
        #expect(badEnvironment.status != 0)
        #expect(badEnvironment.stderr.contains("GRADTOP_KERNELS=sse9 is not a kernel path; use portable, avx2 or avx512"))
    }

    /// Not a bench case, but the same change: a layer too large to keep its per-example values
    /// (2-(40,40)-2 on 50 examples: 80000 in the middle) reports sampled quartiles in `train`.
    @Test func train_marks_the_layers_whose_quartiles_are_sampled() throws {
        let result = try Gradtop.run(["train", "--hidden", "40,40", "--examples", "50", "--steps", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        let line = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let layers = try #require(line["layers"] as? [[String: Any]])
        #expect(layers.map { $0["sampled"] as? Bool ?? false } == [false, true, false])
    }

    @Test func bench_help_fits_an_80_column_terminal_and_lists_every_json_key() throws {
        let result = try Gradtop.run(["bench", "--help"], environment: ["COLUMNS": "80"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count < 80 }, "longest: \(lines.max { $0.count < $1.count } ?? "")")
        // The key list is laid out by hand: no line of it may be re-wrapped by ArgumentParser,
        // which would start a line with a fragment of a sentence or of a JSON object.
        let discussion = lines.prefix { !$0.hasPrefix("USAGE:") }
        #expect(discussion.allSatisfy { $0.count <= 76 }, "a discussion line was re-wrapped")
        let words = Set(discussion.joined(separator: " ").split { !($0.isLetter || $0.isNumber || $0 == "_") })
        for key in ["schema", "quick", "machine", "cores", "cpu", "build", "threads", "tiny", "us_per_step", "wide",
                    "batch", "ms_per_step", "gflop_per_step", "gflops", "gemm", "n256", "n1024", "ms", "one_thread_ms",
                    "all_threads_ms", "speedup", "render", "kernels", "big", "width", "snapshot_ms", "frame_ms", "bytes_per_frame", "bytes_per_frame_mean",
                    "glyphs", "median", "min", "max"] {
            #expect(words.contains(Substring(key)), "bench --help does not list \(key)")
        }
    }
}
