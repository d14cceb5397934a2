import GradNet
import GradTensor

/// Everything that defines a run; enough to print the command line that reproduces it.
/// Typed: names from the command line are parsed once, at the edge, into these values.
public struct RunConfig: Sendable, Equatable {
    public var activation: Activation = .sigmoid
    public var initializer: Initializer = .randomUniform
    public var hidden: [Int] = [2, 2, 2]
    public var seed: UInt64 = 100
    public var dataSeed: UInt64 = 100
    public var examples: Int = 100
    /// Which generated data set (when no `dataFile`).
    public var dataset: DatasetKind = .notebook
    /// Playground's noise, 0...0.5 (Playground sets only).
    public var noise: Double = 0
    /// Share of the examples held out as a test set, 0...0.9.
    public var testRatio: Double = 0
    /// nil: the data's default, categorical cross-entropy for classification sets, else MSE.
    public var lossChoice: Loss? = nil
    public var optimizer: OptimizerConfig.Kind = .adam
    public var learningRate: Float = 0.01
    public var momentum: Float = 0
    /// Examples per step; nil means the full data set.
    public var batchSize: Int? = nil
    /// Where the data came from when not generated, shown in the status bar.
    public var dataFile: String? = nil
    /// Where the model came from when loaded from a file.
    public var modelFile: String? = nil

    public init() {}

    /// The loss this run trains with.
    public var loss: Loss {
        lossChoice ?? (dataFile == nil && dataset.isClassification ? .categoricalCrossentropy : .meanSquaredError)
    }

    /// Most of the examples a test set may take.
    public static let maximumTestRatio = 0.9
}
