#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc
import GradNet
import GradSession
import GradTensor

/// Median, min and max of repeated measurements of one quantity.
struct Spread {
    var median: Double
    var min: Double
    var max: Double

    init(_ values: [Double]) {
        let sorted = values.sorted()
        let mid = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        min = sorted.first ?? .nan
        max = sorted.last ?? .nan
    }

    /// The same spread in another unit: `transform` must be monotonic; a decreasing one swaps min and max.
    func converted(_ transform: (Double) -> Double) -> Spread {
        let (a, b) = (transform(min), transform(max))
        var out = self
        (out.median, out.min, out.max) = (transform(median), Swift.min(a, b), Swift.max(a, b))
        return out
    }
}

/// How much measuring to do: the full run, or `--quick` (one short sample each, for tests).
struct BenchPlan {
    var warmupSeconds: Double
    var samples: Int
    /// Each sample runs the body until at least this long has passed (and at least once).
    var sampleSeconds: Double
    /// Batch of the wide and threads cases, and the gemm sizes (256 and 1024 in a full run).
    var wideBatch: Int
    var gemmSizes: [Int]
    /// Steps behind the snapshot whose frame is timed, and frames whose bytes are counted.
    var renderSnapshotSteps = 200
    var renderFrames = 60
    /// Units of each of the big case's 10 hidden layers.
    var bigWidth = 256

    static let full = BenchPlan(warmupSeconds: 0.3, samples: 15, sampleSeconds: 0.05, wideBatch: 256, gemmSizes: [256, 1024])
    /// A smoke test that finishes in about a second even in a debug build (about 300x slower):
    /// one sample each, wide batch 8, gemm 32 and 128. Its numbers are not comparable to a full run.
    static let quick = BenchPlan(warmupSeconds: 0, samples: 1, sampleSeconds: 0, wideBatch: 8, gemmSizes: [32, 128],
                                 renderSnapshotSteps: 20, renderFrames: 5, bigWidth: 16)

    /// Seconds per call of `body` under each of `settings` (e.g. thread counts), taken in turns:
    /// sample 1 of every setting, then sample 2 of every setting, and so on, so that a slow
    /// spell of a shared machine falls on all of them alike instead of on whichever ran then.
    /// `body` runs one call under a setting; each setting is warmed up first.
    func secondsPerCall<Setting>(alternating settings: [Setting], _ body: (Setting) -> Void) -> [Spread] {
        var calls = [Int](repeating: 1, count: settings.count)
        for setting in settings {
            let warmupStart = Clock.seconds()
            repeat { body(setting) } while Clock.seconds() - warmupStart < warmupSeconds
        }
        var results = [[Double]](repeating: [], count: settings.count)
        for _ in 0..<max(1, samples) {
            for (index, setting) in settings.enumerated() {
                let start = Clock.seconds()
                for _ in 0..<calls[index] { body(setting) }
                var elapsed = Clock.seconds() - start
                var done = calls[index]
                while elapsed < sampleSeconds {
                    body(setting)
                    done += 1
                    elapsed = Clock.seconds() - start
                }
                calls[index] = done
                results[index].append(elapsed / Double(done))
            }
        }
        return results.map(Spread.init)
    }

    /// Seconds per call of `body`: warm up, then `samples` timed samples of one or more calls.
    /// The timer is read only between batches of calls, never inside `body`.
    func secondsPerCall(_ body: () -> Void) -> Spread {
        var calls = 1
        let warmupStart = Clock.seconds()
        repeat { body() } while Clock.seconds() - warmupStart < warmupSeconds
        var results: [Double] = []
        for _ in 0..<max(1, samples) {
            let start = Clock.seconds()
            for _ in 0..<calls { body() }
            var elapsed = Clock.seconds() - start
            var done = calls
            while elapsed < sampleSeconds {
                body()
                done += 1
                elapsed = Clock.seconds() - start
            }
            calls = done
            results.append(elapsed / Double(done))
        }
        return Spread(results)
    }
}

/// A monotonic clock that allocates nothing.
enum Clock {
    static func seconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
    }
}

/// The jobs `gradtop bench` times. Each builds its inputs once, outside the timed part.
enum BenchJobs {
    /// The notebook's network, 2-(2,2,2)-2 sigmoid on 100 examples: forward, per-example kernel
    /// and bias gradients of every layer, SGD update (one `TrainingRun.advance()`).
    static func tinyStep() -> () -> Void {
        let model = Sequential.build(hidden: [2, 2, 2], activation: .sigmoid, initializer: .randomUniform, seed: 100)
        let run = TrainingRun(model: model, data: .notebook(examples: 100, seed: 100), optimizer: .sgd())
        return { run.advance() }
    }

    static let wideHidden = [Int](repeating: 256, count: 8)

    /// The dashboard's step at `--speed max` on 2-(width x 10)-2 (its defaults otherwise: sigmoid,
    /// random uniform weights, Adam, 100 examples): `advance()` and the mean |g| history of every
    /// layer (`SnapshotBuilder.record`); and building the snapshot published about 30 times a second.
    static func dashboardStep(width: Int) -> (step: () -> Void, snapshot: () -> Void) {
        var config = RunConfig()
        config.hidden = [Int](repeating: width, count: 10)
        let run = try! config.makeRun()
        let builder = BuilderBox()
        return ({
            let workspace = run.advance()
            builder.value.record(run: run, workspace: workspace)
        }, {
            let workspace = run.lastWorkspace ?? run.inspect()
            _ = builder.value.snapshot(config: config, run: run, workspace: workspace, stepsPerSecond: 0)
        })
    }

    /// 2-(256x8)-2 tanh, batch 256 (in a full run): forward, backward (batch gradients only), SGD update.
    static func wideStep(batch wideBatch: Int) -> () -> Void {
        let model = Sequential.build(hidden: wideHidden, activation: .tanh, initializer: .glorotUniform, seed: 100)
        let data = Dataset.notebook(examples: wideBatch, seed: 100)
        let workspace = Workspace(model: model, batch: wideBatch, perExampleGradients: false)
        let optimizer = Optimizer(.sgd())
        let state = ModelBox(model)
        return {
            workspace.computeGradients(state.model, inputs: data.inputs, targets: data.targets)
            optimizer.apply(workspace, to: &state.model)
        }
    }

    /// Floating-point operations of one wide step, counting each multiply-add of a matrix
    /// product as 2: forward x·W (every layer), weight gradient xᵀ·δ (every layer), input
    /// gradient δ·Wᵀ (every layer but the first, whose input needs none). Elementwise work
    /// (bias, activation and its derivative, loss, SGD update; about 0.1% more) is not counted.
    static func wideFlops(batch wideBatch: Int) -> Double {
        let widths = [2] + wideHidden + [2]
        var multiplyAdds = 0
        for l in 0..<(widths.count - 1) {
            let layer = wideBatch * widths[l] * widths[l + 1]
            multiplyAdds += layer * (l == 0 ? 2 : 3)
        }
        return 2 * Double(multiplyAdds)
    }

    /// One n x n x n matrix product on buffers filled once; 2n³ flops per call.
    static func gemm(_ n: Int) -> (body: () -> Void, release: () -> Void) {
        let a = UnsafeMutablePointer<Float>.allocate(capacity: n * n)
        let b = UnsafeMutablePointer<Float>.allocate(capacity: n * n)
        let c = UnsafeMutablePointer<Float>.allocate(capacity: n * n)
        var generator = SeededGenerator(seed: 1)
        for i in 0..<(n * n) {
            a[i] = Float.random(in: -1...1, using: &generator)
            b[i] = Float.random(in: -1...1, using: &generator)
        }
        c.initialize(repeating: 0, count: n * n)
        return ({ Kernels.matmul(a, b, c, m: n, k: n, n: n) },
                { a.deallocate(); b.deallocate(); c.deallocate() })
    }
}

/// Holds the wide job's model so the timed closure can update it in place.
final class ModelBox {
    var model: Sequential
    init(_ model: Sequential) { self.model = model }
}

/// Holds the big job's snapshot builder so the timed closures can update it.
final class BuilderBox {
    var value = SnapshotBuilder()
}

/// What the results were measured on.
struct MachineInfo {
    var cores: Int
    var cpuModel: String
    var build: String
    /// The matrix-product path the cases ran on (`KernelPath`).
    var kernels = KernelPath.processDefault.description

    static var current: MachineInfo {
        #if DEBUG
        let build = "debug"
        #else
        let build = "release"
        #endif
        return MachineInfo(cores: ProcessInfo.processInfo.activeProcessorCount, cpuModel: cpuModelName(), build: build)
    }

    /// The first "model name" line of /proc/cpuinfo, or "unknown".
    static func cpuModelName() -> String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingSpaces()
            }
        }
        return "unknown"
    }
}
