import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GradSession
import GradTensor

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time a training step, matrix products and thread scaling; print medians with min and max.",
        // The generated synopsis runs past 80 columns.
        usage: "gradtop bench [--json] [--quick] [--threads <n>] [--kernels <path>]",
        discussion: """
            Cases (each warms up, then reports the median, min and max of repeated
            samples; measure a release build, swift build -c release, as a debug
            build prints a warning):
              tiny     the notebook's 2-(2,2,2)-2 sigmoid net on 100 examples: forward,
                       per-example gradients of every layer, SGD update; microseconds
                       per step
              wide     2-(256x8)-2 tanh, batch 256: forward, backward, SGD update;
                       milliseconds per step and GFLOP/s, counting 2 flops per
                       multiply-add of the forward, weight-gradient and input-gradient
                       matrix products only
              gemm     n x n x n matmul GFLOP/s at n = 256 and 1024
              big      the dashboard's step at --speed max on 2-(256x10)-2 sigmoid,
                       100 examples, Adam: per-example gradients, update, mean |g|
                       of every layer (statistics from factors, no per-example
                       buffers); and building one snapshot; milliseconds
              threads  the wide step on 1 thread and on all cores, sampled in
                       turns so a slow spell of the machine hits both alike
              render   building one 120x40 dashboard frame, and the bytes the terminal
                       backend writes per frame while training

            JSON keys (--json), stable across versions of schema gradtop-bench/1;
            every "spread" is {"median", "min", "max"}:
              schema   "gradtop-bench/1"
              quick    true when --quick: one sample each of smaller jobs, a smoke
                       test only
              machine  {"cores", "cpu", "build" ("release" or "debug"), "threads",
                        "kernels" (the matrix-product path: "portable", "avx2" or
                        "avx512")}
              tiny     {"us_per_step": spread}
              wide     {"batch" (256; 8 with --quick), "ms_per_step": spread,
                        "gflop_per_step", "gflops": spread}
              gemm     {"n256": {"n" (256; 32 with --quick), "ms": spread,
                                 "gflops": spread},
                        "n1024": the same ("n" 1024; 128 with --quick)}
              big      {"width" (256; 16 with --quick), "ms_per_step": spread,
                        "snapshot_ms": spread}
              threads  {"threads", "one_thread_ms": spread, "all_threads_ms": spread,
                        "speedup"}; speedup is the ratio of the medians, one thread
                        over all threads
              render   {"frame_ms": spread, "bytes_per_frame": spread,
                        "bytes_per_frame_mean", "glyphs" ("unicode" or "ascii")}
                frame_ms: building one 120x40 frame into the cell grid
                  (DashboardView.render) from the default run's snapshot after 200
                  steps (20 with --quick)
                bytes_per_frame: what the ncurses backend writes per frame
                  (TERM=xterm-256color, a 120x40 pseudo-terminal, C.UTF-8 unless the
                  locale is UTF-8) over 60 consecutive steps of the default run, one
                  frame per step, after the first full paint (5 steps with --quick);
                  it and bytes_per_frame_mean are null if no pseudo-terminal opens
            """)

    @Flag(help: "Print one JSON object (keys listed above) instead of a table.")
    var json = false
    @Option(help: "Threads for the tiny, wide and gemm cases (default: all cores).")
    var threads: Int?
    @Flag(help: "Smoke test: one sample of each case on smaller jobs (about a second, even in a debug build).")
    var quick = false
    @Option(help: ArgumentHelp("Matrix-product kernels: portable, avx2 or avx512 (default: the best the CPU runs, at most GRADTOP_KERNELS).",
                               valueName: "path"))
    var kernels: String?

    @Option(help: ArgumentHelp("Run this many steps of --profile-case untimed and exit (for valgrind, perf).", visibility: .hidden))
    var profileSteps: Int?
    @Option(help: ArgumentHelp("tiny, wide, big or gemm (1024³) (with --profile-steps).", visibility: .hidden))
    var profileCase = "tiny"

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        if let kernels {
            guard let path = KernelPath(name: kernels) else {
                throw ValidationError("--kernels must be portable, avx2 or avx512, got \(kernels)")
            }
            guard path <= KernelPath.best else { throw ValidationError("--kernels \(kernels): this CPU runs at most \(KernelPath.best)") }
        }
    }

    /// The path the cases run on: --kernels, else the process's.
    var path: KernelPath { kernels.flatMap(KernelPath.init(name:)) ?? KernelPath.processDefault }

    func run() throws {
        try KernelPath.with(path) { try measure() }
    }

    private func measure() throws {
        if let steps = profileSteps {
            let step = switch profileCase {
            case "wide": BenchJobs.wideStep(batch: BenchPlan.full.wideBatch)
            case "big": BenchJobs.dashboardStep(width: BenchPlan.full.bigWidth).step
            case "gemm": BenchJobs.gemm(1024).body
            default: BenchJobs.tinyStep()
            }
            Parallel.withThreadCount(threads ?? Parallel.threadCount) {
                for _ in 0..<steps { step() }
            }
            return
        }
        var machine = MachineInfo.current
        machine.kernels = path.description
        if machine.build == "debug" {
            printError("gradtop: warning: this is a debug build; its timings mean little (use swift build -c release)")
        }
        let allCores = max(1, machine.cores)
        let chosen = threads ?? allCores
        let plan = quick ? BenchPlan.quick : BenchPlan.full
        let report = BenchReport.measure(plan: plan, threads: chosen, allCores: allCores, quick: quick)
        machine.cores = allCores
        print(json ? report.json(machine: machine, threads: chosen) : report.table(machine: machine, threads: chosen))
    }
}

/// The results of one `gradtop bench` run, in seconds.
struct BenchReport {
    var quick: Bool
    var tiny: Spread
    var wide: Spread
    var wideBatch: Int
    var gemm: [(n: Int, seconds: Spread)]
    var big: Spread
    var bigSnapshot: Spread
    var bigWidth: Int
    var oneThread: Spread
    var allThreads: Spread
    var allCores: Int
    /// Seconds to build one 120x40 dashboard frame and bytes the terminal backend writes per
    /// frame; nil (JSON null) only if the run behind the snapshot fails.
    var render: RenderBench.Result?

    static func measure(plan: BenchPlan, threads: Int, allCores: Int, quick: Bool) -> BenchReport {
        let wideStep = BenchJobs.wideStep(batch: plan.wideBatch)
        let (tiny, wide, gemm, big, bigSnapshot) = Parallel.withThreadCount(threads) {
            let tiny = plan.secondsPerCall(BenchJobs.tinyStep())
            let wide = plan.secondsPerCall(wideStep)
            let gemm = plan.gemmSizes.map { n in
                let job = BenchJobs.gemm(n)
                defer { job.release() }
                return (n: n, seconds: plan.secondsPerCall(job.body))
            }
            let bigJob = BenchJobs.dashboardStep(width: plan.bigWidth)
            return (tiny, wide, gemm, plan.secondsPerCall(bigJob.step), plan.secondsPerCall(bigJob.snapshot))
        }
        let spreads = plan.secondsPerCall(alternating: [1, allCores]) { threads in Parallel.withThreadCount(threads, wideStep) }
        let render = Parallel.withThreadCount(threads) {
            RenderBench.measure(plan: plan, snapshotSteps: plan.renderSnapshotSteps, frames: plan.renderFrames)
        }
        return BenchReport(quick: quick, tiny: tiny, wide: wide, wideBatch: plan.wideBatch, gemm: gemm,
                           big: big, bigSnapshot: bigSnapshot, bigWidth: plan.bigWidth,
                           oneThread: spreads[0], allThreads: spreads[1], allCores: allCores, render: render)
    }

    var speedup: Double { oneThread.median / allThreads.median }
    var wideFlops: Double { BenchJobs.wideFlops(batch: wideBatch) }
    /// JSON names of the gemm cases, whatever sizes a quick run measures.
    static let gemmKeys = ["n256", "n1024"]

    static func gflops(_ flops: Double) -> (Double) -> Double { { seconds in flops / seconds / 1e9 } }
    static func gemmFlops(_ n: Int) -> Double { 2 * Double(n) * Double(n) * Double(n) }

    func table(machine: MachineInfo, threads: Int) -> String {
        func row(_ name: String, _ s: Spread, _ unit: String, digits: Int = 1) -> String {
            let f = { (v: Double) in String(cFormat: "%.\(digits)f", v) }
            return name.padded(toLength: 26)
                + "\(f(s.median)) \(unit)  (min \(f(s.min)), max \(f(s.max)))"
        }
        var lines = ["gradtop bench\(quick ? " --quick" : ""): \(machine.cpuModel), \(machine.cores) cores, \(machine.build) build, \(threads) threads, \(machine.kernels) kernels"]
        lines.append(row("tiny step", tiny.converted { $0 * 1e6 }, "us", digits: 2))
        lines.append(row("wide step", wide.converted { $0 * 1e3 }, "ms"))
        lines.append(row("wide", wide.converted(Self.gflops(wideFlops)), "GFLOP/s"))
        if quick { lines.append("(smoke test: wide batch \(wideBatch), gemm \(gemm.map { "\($0.n)" }.joined(separator: " and ")); not comparable)") }
        for (n, seconds) in gemm {
            lines.append(row("gemm \(n)^3", seconds.converted(Self.gflops(Self.gemmFlops(n))), "GFLOP/s"))
        }
        lines.append(row("big step (2-(\(bigWidth)x10)-2)", big.converted { $0 * 1e3 }, "ms", digits: 2))
        lines.append(row("big snapshot", bigSnapshot.converted { $0 * 1e3 }, "ms", digits: 2))
        lines.append(row("wide step, 1 thread", oneThread.converted { $0 * 1e3 }, "ms"))
        lines.append(row("wide step, \(allCores) threads", allThreads.converted { $0 * 1e3 }, "ms"))
        lines.append("speedup".padded(toLength: 26) + String(cFormat: "%.2fx", speedup))
        if let render {
            lines.append(row("render 120x40 frame", render.frameSeconds.converted { $0 * 1e3 }, "ms", digits: 3))
            if let bytes = render.bytesPerFrame {
                lines.append(row("bytes per frame (\(render.glyphs))", bytes, "B", digits: 0)
                             + String(cFormat: ", mean %.0f B", render.meanBytesPerFrame ?? .nan))
            } else {
                lines.append("bytes per frame".padded(toLength: 26) + "(no pseudo-terminal)")
            }
        }
        return lines.joined(separator: "\n")
    }

    func json(machine: MachineInfo, threads: Int) -> String {
        func number(_ v: Double) -> String { v.isFinite ? "\(v)" : "null" }
        func spread(_ s: Spread) -> String {
            "{\"median\":\(number(s.median)),\"min\":\(number(s.min)),\"max\":\(number(s.max))}"
        }
        let ms = { (s: Double) in s * 1e3 }
        let gemmText = zip(Self.gemmKeys, gemm).map { key, entry in
            let (n, seconds) = entry
            return "\"\(key)\":{\"n\":\(n),\"ms\":\(spread(seconds.converted(ms))),\"gflops\":\(spread(seconds.converted(Self.gflops(Self.gemmFlops(n)))))}"
        }.joined(separator: ",")
        let renderText = render.map {
            "{\"frame_ms\":\(spread($0.frameSeconds.converted(ms))),\"bytes_per_frame\":\($0.bytesPerFrame.map(spread) ?? "null"),"
                + "\"bytes_per_frame_mean\":\($0.meanBytesPerFrame.map(number) ?? "null"),"
                + "\"glyphs\":\"\($0.glyphs)\"}"
        } ?? "null"
        return "{\"schema\":\"gradtop-bench/1\",\"quick\":\(quick),"
            + "\"machine\":{\"cores\":\(machine.cores),\"cpu\":\(JSONText.string(machine.cpuModel)),\"build\":\"\(machine.build)\",\"threads\":\(threads),"
            + "\"kernels\":\"\(machine.kernels)\"},"
            + "\"tiny\":{\"us_per_step\":\(spread(tiny.converted { $0 * 1e6 }))},"
            + "\"wide\":{\"batch\":\(wideBatch),\"ms_per_step\":\(spread(wide.converted(ms))),\"gflop_per_step\":\(number(wideFlops / 1e9)),"
            + "\"gflops\":\(spread(wide.converted(Self.gflops(wideFlops))))},"
            + "\"gemm\":{\(gemmText)},"
            + "\"big\":{\"width\":\(bigWidth),\"ms_per_step\":\(spread(big.converted(ms))),\"snapshot_ms\":\(spread(bigSnapshot.converted(ms)))},"
            + "\"threads\":{\"threads\":\(allCores),\"one_thread_ms\":\(spread(oneThread.converted(ms))),"
            + "\"all_threads_ms\":\(spread(allThreads.converted(ms))),\"speedup\":\(number(speedup))},"
            + "\"render\":\(renderText)}"
    }
}
