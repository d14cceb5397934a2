import GradNet

/// Turns the trainer's private state after a step into an immutable snapshot.
/// Owned by the trainer thread (public for `gradtop bench`, which times the dashboard's step).
public struct SnapshotBuilder {
    /// Per-layer values kept for the violins; above this they are a sample (`Workspace.kernelGradientSample`).
    static let sampleLimit = 4096

    public init() {}

    var lossHistory = History<LossPoint>()
    var testLossHistory = History<LossPoint>()
    var meanAbsHistory: [History<Float>] = []
    /// The prediction pictures' buffers, for the run they were made for.
    private var probe: (run: TrainingRun, probe: PredictionProbe?)?

    mutating func reset() {
        lossHistory.removeAll()
        testLossHistory.removeAll()
        meanAbsHistory = []
    }

    /// Records the step's loss and gradient sizes and returns the snapshot.
    /// `recordHistory` is false for the step-0 preview, which is shown but not a step.
    public mutating func snapshot(config: RunConfig, run: TrainingRun, workspace: Workspace, step: Int,
                           stepsPerSecond: Double, recordHistory: Bool) -> TrainingSnapshot {
        let model = run.model
        if meanAbsHistory.count != model.layers.count {
            meanAbsHistory = Array(repeating: History<Float>(), count: model.layers.count)
        }
        var layers: [LayerGradientSummary] = []
        for (l, layer) in model.layers.enumerated() {
            let meanAbs = workspace.kernelGradientMeanAbs(layer: l)
            if recordHistory { meanAbsHistory[l].append(meanAbs) }
            layers.append(LayerGradientSummary(
                name: layer.name, kernelShape: layer.kernel.shape,
                values: workspace.kernelGradientSample(layer: l, limit: SnapshotBuilder.sampleLimit),
                totalCount: workspace.kernelGradientCount(layer: l), meanAbs: meanAbs, meanAbsHistory: meanAbsHistory[l].values))
        }
        if recordHistory { recordLosses(run: run, workspace: workspace, step: step) }
        var snapshot = TrainingSnapshot(
            config: config, step: step, loss: workspace.loss, lossHistory: lossHistory.values, layers: layers,
            stepsPerSecond: stepsPerSecond, deadUnits: workspace.deadUnits(hiddenLayers: model.layers.count - 1),
            divergedAtStep: run.divergedAtStep)
        snapshot.testLoss = run.lastTest?.loss
        snapshot.testLossHistory = testLossHistory.values
        if run.loss == .categoricalCrossentropy {
            snapshot.accuracy = workspace.accuracy
            snapshot.testAccuracy = run.lastTest?.accuracy
        }
        if probe?.run !== run {
            probe = (run, PredictionProbe(run: run, dataset: config.dataset, fromFile: config.dataFile != nil))
        }
        snapshot.prediction = probe?.probe?.picture(of: model)
        return snapshot
    }

    private mutating func recordLosses(run: TrainingRun, workspace: Workspace, step: Int) {
        lossHistory.append(LossPoint(step: step, loss: workspace.loss))
        if let test = run.lastTest { testLossHistory.append(LossPoint(step: step, loss: test.loss)) }
    }

    /// Records a step that is not published (running flat out), so the histories stay complete.
    /// Cost: mean |g| of every layer, O(batch (inputs + units)) for the layers that keep no values.
    public mutating func record(run: TrainingRun, workspace: Workspace, step: Int) {
        recordLosses(run: run, workspace: workspace, step: step)
        for l in meanAbsHistory.indices {
            meanAbsHistory[l].append(workspace.kernelGradientMeanAbs(layer: l))
        }
    }
}
