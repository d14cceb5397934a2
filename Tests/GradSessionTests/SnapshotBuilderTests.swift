import Testing
import GradNet
@testable import GradSession

/// The snapshot takes each layer's mean |g| from `record` for the step it recorded, instead of
/// computing it a second time: the same bits, and nothing else in the snapshot changes.
@Suite struct SnapshotBuilderTests {
    /// The notebook's network, and one whose 128 x 128 layer has more than 65536 per-example
    /// values (mean |g| from the input and error rows, not from kept values).
    static let configs: [RunConfig] = [RunConfig(), {
        var wide = RunConfig()
        wide.hidden = [128, 128]
        wide.activation = .tanh
        return wide
    }()]

    @Test(arguments: configs)
    func each_step_s_snapshot_carries_the_mean_abs_its_record_computed_and_what_it_carried_before(config: RunConfig) throws {
        let run = try config.makeRun()
        var builder = SnapshotBuilder()
        var history: [[Float]] = Array(repeating: [], count: run.model.layers.count)
        let preview = builder.snapshot(config: config, run: run, workspace: run.inspect(), stepsPerSecond: 0)
        #expect(preview.layers.allSatisfy { $0.meanAbs > 0 }, "the step-0 preview, recorded by no one, computes its own")
        for step in 1...12 {
            let workspace = run.advance()
            builder.record(run: run, workspace: workspace)
            let snapshot = builder.snapshot(config: config, run: run, workspace: workspace, stepsPerSecond: 0)
            #expect(snapshot.step == step && snapshot.loss == workspace.loss && snapshot.lossHistory.count == step)
            for (l, layer) in snapshot.layers.enumerated() {
                // What the snapshot computed before it took the recorded value, each compared as bits.
                let meanAbs = workspace.kernelGradientMeanAbs(layer: l)
                history[l].append(meanAbs)
                #expect(layer.meanAbs.bitPattern == meanAbs.bitPattern, "step \(step) layer \(l): \(layer.meanAbs) != \(meanAbs)")
                #expect(layer.meanAbs.bitPattern == layer.meanAbsHistory.last?.bitPattern, "the history's value for this step")
                #expect(layer.meanAbsHistory.map(\.bitPattern) == history[l].map(\.bitPattern))
                #expect(layer.values.map(\.bitPattern)
                            == workspace.kernelGradientSample(layer: l, limit: SnapshotBuilder.sampleLimit).map(\.bitPattern))
                #expect(layer.totalCount == workspace.kernelGradientCount(layer: l))
            }
        }
    }

    @Test func a_snapshot_of_another_run_at_the_same_step_computes_its_own() throws {
        var other = RunConfig()
        other.activation = .tanh
        let (recordedRun, otherRun) = (try RunConfig().makeRun(), try other.makeRun())
        var builder = SnapshotBuilder()
        builder.record(run: recordedRun, workspace: recordedRun.advance())
        let workspace = otherRun.advance()
        let snapshot = builder.snapshot(config: other, run: otherRun, workspace: workspace, stepsPerSecond: 0)
        #expect(snapshot.layers.indices.allSatisfy { snapshot.layers[$0].meanAbs == workspace.kernelGradientMeanAbs(layer: $0) })
        #expect(snapshot.layers[0].meanAbs != recordedRun.lastWorkspace!.kernelGradientMeanAbs(layer: 0), "the runs differ")
    }
}
