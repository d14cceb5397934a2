import GradNet

/// What the trainer hands to the UI after a step: immutable, self-contained,
/// so the UI never reads state the trainer is writing.
public struct TrainingSnapshot: Sendable {
    /// The configuration that produced this run (also what the status bar shows).
    public var config: RunConfig
    /// Steps taken so far (0 before the first step).
    public var step: Int
    /// Batch loss at this step (mean over examples of Keras' MSE).
    public var loss: Float
    /// Loss over all steps so far, downsampled to bounded memory.
    public var lossHistory: [LossPoint]
    /// One entry per Dense layer, input side first.
    public var layers: [LayerGradientSummary]
    /// Measured training speed, steps per second.
    public var stepsPerSecond: Double
    /// Hidden units whose activation is zero for every example (relu-like activations only).
    public var deadUnits: Int
    /// Set when the loss or a gradient became NaN or Inf; training stops at that step.
    public var divergedAtStep: Int?
    /// With a test set: its loss at this step's weights, and over all steps so far (as `lossHistory`).
    public var testLoss: Float?
    public var testLossHistory: [LossPoint] = []
    /// Classification only: share of the step's batch, and of the test set, classified right.
    public var accuracy: Float?
    public var testAccuracy: Float?
    /// What the network computes over its inputs (2-input data only).
    public var prediction: PredictionPicture?
    /// Finite but wrong: where the loss exploded or the gradients died (training goes on).
    public var health: RunHealth

    public init(config: RunConfig, step: Int, loss: Float, lossHistory: [LossPoint],
                layers: [LayerGradientSummary], stepsPerSecond: Double, deadUnits: Int,
                divergedAtStep: Int? = nil, health: RunHealth = RunHealth()) {
        self.config = config
        self.step = step
        self.loss = loss
        self.lossHistory = lossHistory
        self.layers = layers
        self.stepsPerSecond = stepsPerSecond
        self.deadUnits = deadUnits
        self.divergedAtStep = divergedAtStep
        self.health = health
    }

    /// What went wrong: the divergence (training stopped there), else the first of the
    /// run's health troubles; nil for a healthy run.
    public var trouble: RunTrouble? {
        if let divergedAtStep { return .diverged(atStep: divergedAtStep) }
        return health.firstTrouble.map(RunTrouble.health)
    }

    /// What went wrong, for the status line: "DIVERGED at step 7", "EXPLODED at step 2",
    /// "GRADIENTS DEAD at step 3"; nil for a healthy run.
    public var alarm: String? { trouble.map { "\($0.name) at step \($0.step)" } }

    /// Mean |gradient| of the first layer over that of the last: small means vanishing.
    public var firstToLastRatio: Float {
        guard let first = layers.first?.meanAbs, let last = layers.last?.meanAbs, last > 0 else { return .nan }
        return first / last
    }
}

/// What went wrong in a run, named alike by every view: the dashboard's status line, the
/// compare tiles and the exported figures.
public enum RunTrouble: Sendable, Equatable {
    /// The loss or a gradient became NaN or Inf; training stops at that step.
    case diverged(atStep: Int)
    /// Finite but wrong: the loss exploded or the gradients died (training goes on).
    case health(RunHealth.Trouble)

    /// "DIVERGED", "EXPLODED", "GRADIENTS DEAD".
    public var name: String {
        switch self {
        case .diverged: "DIVERGED"
        case .health(let trouble): trouble.name
        }
    }

    public var step: Int {
        switch self {
        case .diverged(let step): step
        case .health(let trouble): trouble.step
        }
    }
}

/// One point of the loss curve.
public struct LossPoint: Sendable, Equatable {
    public var step: Int
    public var loss: Float
    public init(step: Int, loss: Float) { self.step = step; self.loss = loss }
}

/// The per-example kernel gradients of one Dense layer at one step: the
/// quantity of the notebook's `plot_grad`.
public struct LayerGradientSummary: Sendable {
    /// Layer name as in the model summary ("dense", "dense_1", ...).
    public var name: String
    /// Kernel shape, inputs x units.
    public var kernelShape: [Int]
    /// The per-example kernel gradients, flattened (examples x inputs x units),
    /// or an evenly strided sample of them when there are more than `sampleLimit`.
    public var values: [Float]
    /// How many values there were before sampling (equal to `values.count` when not sampled).
    public var totalCount: Int
    /// Mean |g| over all values (not only the sample).
    public var meanAbs: Float
    /// Mean |g| of this layer at each step so far, downsampled like the loss history.
    public var meanAbsHistory: [Float]

    public init(name: String, kernelShape: [Int], values: [Float], totalCount: Int,
                meanAbs: Float, meanAbsHistory: [Float]) {
        self.name = name
        self.kernelShape = kernelShape
        self.values = values
        self.totalCount = totalCount
        self.meanAbs = meanAbs
        self.meanAbsHistory = meanAbsHistory
    }

    public var isSampled: Bool { values.count < totalCount }
}
