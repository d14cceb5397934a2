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
    /// The last recorded step's mean |g| per layer (kept whole: the histories may skip it), and
    /// which run and step it was, so that step's snapshot takes it instead of computing it again.
    private var recordedMeanAbs: [Float] = []
    private var recordedStep: (run: ObjectIdentifier, step: Int)?
    /// The prediction pictures' buffers, for the run they were made for.
    private var probe: (run: TrainingRun, probe: PredictionProbe?)?

    mutating func reset() {
        lossHistory.removeAll()
        testLossHistory.removeAll()
        meanAbsHistory = []
        recordedStep = nil
    }

    /// Records a step's losses and gradient sizes in the histories: every step, published or not.
    /// Cost: mean |g| of every layer, O(batch (inputs + units)) for the layers that keep no values.
    public mutating func record(run: TrainingRun, workspace: Workspace) {
        if meanAbsHistory.count != run.model.layers.count {
            meanAbsHistory = Array(repeating: History<Float>(), count: run.model.layers.count)
            recordedMeanAbs = Array(repeating: 0, count: run.model.layers.count)
        }
        lossHistory.append(LossPoint(step: run.stepsTaken, loss: workspace.loss))
        if let test = run.lastTest { testLossHistory.append(LossPoint(step: run.stepsTaken, loss: test.loss)) }
        for l in meanAbsHistory.indices {
            recordedMeanAbs[l] = workspace.kernelGradientMeanAbs(layer: l)
            meanAbsHistory[l].append(recordedMeanAbs[l])
        }
        recordedStep = (ObjectIdentifier(run), run.stepsTaken)
    }

    /// The snapshot of `run` as it stands: `workspace` holds its last step's gradients (or the
    /// step-0 preview's), the histories what `record` kept. Records nothing (mutating only to
    /// keep the prediction picture's buffers for the next snapshot of the same run).
    /// Cost: a sample of every layer's per-example gradients, and the prediction picture. Each
    /// layer's mean |g| is the one `record` computed for this step (same bits); only a step it
    /// did not record (the step-0 preview) computes it.
    public mutating func snapshot(config: RunConfig, run: TrainingRun, workspace: Workspace, stepsPerSecond: Double) -> TrainingSnapshot {
        let model = run.model
        let recorded = recordedStep.map { $0.run == ObjectIdentifier(run) && $0.step == run.stepsTaken } ?? false
        let layers = model.layers.enumerated().map { l, layer in
            LayerGradientSummary(
                name: layer.name, kernelShape: layer.kernel.shape,
                values: workspace.kernelGradientSample(layer: l, limit: SnapshotBuilder.sampleLimit),
                totalCount: workspace.kernelGradientCount(layer: l),
                meanAbs: recorded ? recordedMeanAbs[l] : workspace.kernelGradientMeanAbs(layer: l),
                meanAbsHistory: meanAbsHistory.indices.contains(l) ? meanAbsHistory[l].values : [])
        }
        var snapshot = TrainingSnapshot(
            config: config, step: run.stepsTaken, loss: workspace.loss, lossHistory: lossHistory.values, layers: layers,
            stepsPerSecond: stepsPerSecond, deadUnits: workspace.deadUnits(hiddenLayers: model.layers.count - 1),
            divergedAtStep: run.divergedAtStep, health: run.health)
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
}
