import GradTensor

/// What one training step produced: the loss and the per-example gradients it
/// was computed from (before the update), and whether training diverged.
public struct StepReport: Sendable {
    /// 1-based step number.
    public var step: Int
    public var loss: Float
    /// Per layer: statistics of the per-example kernel gradients of this step.
    public var kernelStats: [GradientStats]
    /// Loss on the held-out examples at the same weights as `loss`, when there are any.
    public var testLoss: Float?
    /// Classification (categorical cross-entropy) only: share of the step's batch, and of the
    /// held-out examples, classified right at the step's weights.
    public var accuracy: Float?
    public var testAccuracy: Float?
    /// True when the loss or any gradient is NaN or Inf; the update was not applied.
    public var diverged: Bool
    /// Whether the run exploded or its gradients died, as of this step.
    public var health: RunHealth
}

/// Headless training: a model, its data, an optimizer, and the reused buffers
/// of a step. Deterministic: the same setup gives the same bits on any machine
/// and with any number of threads.
///
/// Each step takes the next minibatch (full batch when `batchSize` is nil; with
/// minibatches, the examples are shuffled for every epoch, the first included, from `shuffleSeed`),
/// computes per-example gradients, then applies the optimizer to the batch gradient.
public final class TrainingRun {
    public private(set) var model: Sequential
    public let data: Dataset
    /// Held-out examples, evaluated at every step's weights but never trained on.
    public let test: Dataset?
    public let loss: Loss
    public let optimizer: Optimizer
    public let batchSize: Int?
    public private(set) var stepsTaken = 0
    /// Set once the loss or a gradient became non-finite; further steps do nothing (they neither
    /// compute nor count).
    public private(set) var divergedAtStep: Int?
    /// Finite but wrong: an exploded loss or gradients that all went to zero.
    public private(set) var health = RunHealth()
    private var workspaces: [Int: Workspace] = [:]
    private var order: [Int]
    private var cursor = 0
    private var shuffler: SeededGenerator
    /// The workspace of the last step: its per-example gradients and activations.
    public private(set) var lastWorkspace: Workspace?
    /// The test set's forward pass at the last step's weights (nil without a test set).
    public private(set) var lastTest: Workspace?

    public init(model: Sequential, data: Dataset, test: Dataset? = nil, loss: Loss = .meanSquaredError,
                optimizer: OptimizerConfig, batchSize: Int? = nil, shuffleSeed: UInt64 = 0) {
        precondition(data.inputs.shape[1] == model.inputs && data.targets.shape[1] == model.outputs,
                     "data \(Tensor.shapeText(data.inputs.shape)) -> \(Tensor.shapeText(data.targets.shape)) does not fit the model \(model.inputs) -> \(model.outputs)")
        self.model = model
        self.data = data
        self.test = test
        self.loss = loss
        self.optimizer = Optimizer(optimizer)
        self.batchSize = batchSize.map { max(1, min($0, data.count)) }
        shuffler = SeededGenerator(seed: shuffleSeed)
        order = data.shuffledOrder(using: &shuffler)
    }

    /// Runs one step and returns its report, with per-layer statistics of the per-example
    /// kernel gradients. After divergence, returns the diverged report again.
    /// Cost: `advance()` plus `Workspace.kernelGradientStats` of every layer (a sorted copy of the
    /// values a layer keeps, else of a sample).
    @discardableResult
    public func step() -> StepReport {
        let workspace = advance()
        let classifies = loss == .categoricalCrossentropy
        return StepReport(step: stepsTaken, loss: workspace.loss,
                          kernelStats: workspace.shapes.indices.map { workspace.kernelGradientStats(layer: $0) },
                          testLoss: lastTest?.loss, accuracy: classifies ? workspace.accuracy : nil,
                          testAccuracy: classifies ? lastTest?.accuracy : nil, diverged: divergedAtStep != nil,
                          health: health)
    }

    /// Runs one step without computing statistics: forward, per-example gradients, update.
    /// Returns the workspace holding this step's gradients (valid until the next step); after
    /// divergence, the diverged step's workspace again, without computing or counting a step.
    /// Once warmed up on full batches it allocates nothing (minibatches copy their examples).
    @discardableResult
    public func advance() -> Workspace {
        if divergedAtStep != nil, let diverged = lastWorkspace { return diverged }
        let (x, y) = nextBatch()
        let n = x.shape[0]
        let workspace: Workspace
        if let reused = workspaces[n] {
            workspace = reused
        } else {
            workspace = Workspace(model: model, batch: n)
            workspaces[n] = workspace
        }
        workspace.computeGradients(model, inputs: x, targets: y, loss: loss)
        lastWorkspace = workspace
        evaluateTest()
        stepsTaken += 1
        guard workspace.isFinite else {
            divergedAtStep = stepsTaken
            return workspace
        }
        health.observe(step: stepsTaken, loss: workspace.loss, anyKernelGradient: workspace.hasNonZeroKernelGradient)
        optimizer.apply(workspace, to: &model)
        return workspace
    }

    /// Per-example gradients of the whole data set at the current weights, without
    /// a step: the notebook's `plot_grad` view of an untrained (or paused) model.
    @discardableResult
    public func inspect() -> Workspace {
        let workspace = workspaces[data.count] ?? Workspace(model: model, batch: data.count)
        workspaces[data.count] = workspace
        workspace.computeGradients(model, inputs: data.inputs, targets: data.targets, loss: loss)
        lastWorkspace = workspace
        evaluateTest()
        return workspace
    }

    /// The test set's loss and outputs at the current weights (before this step's update).
    private func evaluateTest() {
        guard let test else { return }
        let workspace = lastTest ?? Workspace(model: model, batch: test.count, perExampleGradients: false)
        workspace.evaluate(model, inputs: test.inputs, targets: test.targets, loss: loss)
        lastTest = workspace
    }

    private func nextBatch() -> (Tensor, Tensor) {
        guard let size = batchSize, size < data.count else { return (data.inputs, data.targets) }
        if cursor >= order.count {
            cursor = 0
            order = data.shuffledOrder(using: &shuffler)
        }
        let batch = data.examples(at: Array(order[cursor..<min(cursor + size, order.count)]))
        cursor += size
        return (batch.inputs, batch.targets)
    }
}

extension Workspace {
    /// Whether the loss and every gradient of the last step are finite.
    /// Checking the batch gradients suffices: each is a sum of exactly the products that form the
    /// per-example gradients (x[n][i]·δ[n][j]), so a NaN or Inf among those makes the sum NaN or
    /// Inf (a finite sum that overflows counts as divergence too). Cost: one pass over the
    /// parameters, not over batch x parameters.
    public var isFinite: Bool {
        guard loss.isFinite else { return false }
        for l in shapes.indices {
            if !UnsafeBufferPointer(start: meanKernel[l], count: shapes[l].inputs &* shapes[l].units).allFinite { return false }
            if !UnsafeBufferPointer(start: meanBias[l], count: shapes[l].units).allFinite { return false }
        }
        return true
    }

    /// Hidden units whose activation is zero for every example of the last forward pass
    /// (a dead ReLU never passes a gradient back again).
    public func deadUnits(hiddenLayers: Int) -> Int {
        var dead = 0
        for l in 0..<min(hiddenLayers, a.count) {
            let units = shapes[l].units
            let activations = a[l]
            for j in 0..<units where (0..<batch).allSatisfy({ activations[$0 * units + j] == 0 }) { dead += 1 }
        }
        return dead
    }
}

extension UnsafeBufferPointer<Float> {
    /// Whether no element is NaN or Inf (a loop without closures, for the per-step check).
    var allFinite: Bool {
        var finite = true
        for value in self { finite = finite && value.isFinite }
        return finite
    }
}
