import GradNet

/// Turns the trainer's private state after a step into an immutable snapshot.
/// Owned by the trainer thread.
struct SnapshotBuilder {
    /// Per-layer values kept for the violins; above this the values are an even sample.
    static let sampleLimit = 4096

    var lossHistory = History<LossPoint>()
    var meanAbsHistory: [History<Float>] = []

    mutating func reset() {
        lossHistory.removeAll()
        meanAbsHistory = []
    }

    /// Records a step's loss and gradient sizes in the histories: every step, published or not.
    mutating func record(run: TrainingRun, workspace: Workspace) {
        if meanAbsHistory.count != run.model.layers.count {
            meanAbsHistory = Array(repeating: History<Float>(), count: run.model.layers.count)
        }
        lossHistory.append(LossPoint(step: run.stepsTaken, loss: workspace.loss))
        for l in meanAbsHistory.indices {
            meanAbsHistory[l].append(SnapshotBuilder.meanAbs(workspace.perExampleKernelGradients(layer: l)))
        }
    }

    /// The snapshot of `run` as it stands: `workspace` holds its last step's gradients (or the
    /// step-0 preview's), the histories what `record` kept. Records nothing.
    /// Cost: one pass over every layer's per-example gradients, and a sample of them.
    func snapshot(config: RunConfig, run: TrainingRun, workspace: Workspace, stepsPerSecond: Double) -> TrainingSnapshot {
        let model = run.model
        let layers = model.layers.enumerated().map { l, layer in
            let all = workspace.perExampleKernelGradients(layer: l)
            return LayerGradientSummary(
                name: layer.name, kernelShape: layer.kernel.shape, values: SnapshotBuilder.sample(all),
                totalCount: all.count, meanAbs: SnapshotBuilder.meanAbs(all),
                meanAbsHistory: meanAbsHistory.indices.contains(l) ? meanAbsHistory[l].values : [])
        }
        return TrainingSnapshot(
            config: config, step: run.stepsTaken, loss: workspace.loss, lossHistory: lossHistory.values, layers: layers,
            stepsPerSecond: stepsPerSecond, deadUnits: workspace.deadUnits(hiddenLayers: model.layers.count - 1),
            divergedAtStep: run.divergedAtStep, health: run.health)
    }

    /// Mean |v|, summed in Double; 0 for no values.
    static func meanAbs(_ values: UnsafeBufferPointer<Float>) -> Float {
        var total = 0.0
        for v in values { total += Double(abs(v)) }
        return Float(total / Double(max(1, values.count)))
    }

    /// At most `sampleLimit` values, evenly strided so every example and weight is represented.
    static func sample(_ values: UnsafeBufferPointer<Float>) -> [Float] {
        guard values.count > sampleLimit else { return Array(values) }
        return (0..<sampleLimit).map { values[$0 * values.count / sampleLimit] }
    }
}
