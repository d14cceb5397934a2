import ArgumentParser
import GradNet
import GradTensor
import GradSession

/// The network: a model file, or built from activation, initializer, sizes and seed.
struct ModelOptions: ParsableArguments {
    @Option(help: "Load the network from a gradtop model file (JSON).")
    var model: String?
    // Optional, so commands that set these themselves (compare, tour) can tell whether they were given.
    @Option(help: "Hidden-layer activation: \(Activation.validNames) (default: sigmoid).", transform: parseName)
    var activation: Activation?
    @Option(name: .customLong("init"), help: "Kernel initializer: \(Initializer.validNames) (default: random_uniform).",
            transform: parseName)
    var initializer: Initializer?
    @Option(help: "Hidden-layer sizes, comma separated (the notebook's is 2,2,2).")
    var hidden = "2,2,2"
    // `.unconditional`: "--seed -1" must reach validation and be named there, not read as an option.
    @Option(parsing: .unconditional, help: "Weight seed, 0 to 2147483647 as in TensorFlow (also orders minibatches).")
    var seed: Int64 = 100
}

/// The data: a CSV file, or a generated set; the held-out share and the loss.
struct DataOptions: ParsableArguments {
    @Option(help: "CSV file with a header row: columns x1..xN are inputs, y1..yM targets (default: generated data, below).")
    var data: String?
    @Option(help: "Generated data set: notebook (regression), Playground's circle, xor, gauss, spiral (classification), plane, multigauss (regression).",
            transform: parseName)
    var dataset: DatasetKind = .notebook
    // `.unconditional`: "--examples -5" must reach validation and be named there, not read as an option.
    @Option(parsing: .unconditional, help: "Number of generated examples (default: 100 for notebook, 500 for Playground's sets).")
    var examples: Int?
    @Option(help: "Seed for the generated data (and the test split).")
    var dataSeed: UInt64 = 100
    @Option(parsing: .unconditional, help: "Playground's noise, 0 to 0.5 (its slider's 0 to 50; the notebook's data keeps its own).")
    var noise: Double = 0
    @Option(parsing: .unconditional, help: "Share of the examples held out as a test set, 0 to 0.9.")
    var testRatio: Double = 0
    @Option(help: "Loss: mse or categorical_crossentropy (on logits, one-hot targets). Default: categorical_crossentropy for classification sets, else mse.",
            transform: parseName)
    var loss: Loss?
}

/// How to train.
struct OptimizerOptions: ParsableArguments {
    @Option(help: "Optimizer: sgd or adam.", transform: parseName)
    var optimizer: OptimizerConfig.Kind = .adam
    @Option(parsing: .unconditional, help: "Learning rate (must be > 0).")
    var lr: Float = 0.01
    @Option(parsing: .unconditional, help: "SGD momentum in [0, 1).")
    var momentum: Float = 0
    @Option(help: "Examples per step, or 'full' for the whole data set.")
    var batch = "full"
}

extension RunConfig {
    /// A configuration from the command line; bad values become one-line errors naming the option.
    init(model: ModelOptions, data: DataOptions?, optimizer: OptimizerOptions? = nil) throws(InputError) {
        self.init()
        activation = model.activation ?? activation
        initializer = model.initializer ?? initializer
        guard let seed = UInt64(exactly: model.seed), Initializer.seedRange.contains(seed) else {
            throw InputError(file: "--seed", message: "expected a whole number from \(Initializer.seedRange.lowerBound) to \(Initializer.seedRange.upperBound) (TensorFlow's seeds are int32), got \(model.seed)")
        }
        self.seed = seed
        modelFile = model.model
        let parts = model.hidden.split(separator: ",", omittingEmptySubsequences: false)
        let sizes = parts.map { Int($0.trimmingSpaces()) }
        guard !parts.isEmpty, let hidden = sizes as? [Int], hidden.allSatisfy({ $0 > 0 }) else {
            throw InputError(file: "--hidden", message: "expected positive layer sizes separated by commas (e.g. 2,2,2), got \"\(model.hidden)\"")
        }
        self.hidden = hidden
        if let data {
            dataFile = data.data
            dataset = data.dataset
            examples = data.examples ?? data.dataset.defaultExamples
            dataSeed = data.dataSeed
            noise = data.noise
            testRatio = data.testRatio
            lossChoice = data.loss
        }
        if let optimizer {
            self.optimizer = optimizer.optimizer
            learningRate = optimizer.lr
            momentum = optimizer.momentum
            if optimizer.batch != "full" {
                guard let size = Int(optimizer.batch), size > 0 else {
                    throw InputError(file: "--batch", message: "expected a positive number of examples or \"full\", got \"\(optimizer.batch)\"")
                }
                batchSize = size
            }
        }
    }
}

/// The value named `text` (a Keras name): names are parsed once, here at the edge. A bad one
/// becomes ArgumentParser's one line naming the option and the value, then every valid name.
func parseName<Value: RawRepresentable & CaseIterable>(_ text: String) throws -> Value where Value.RawValue == String {
    guard let value = Value(rawValue: text) else {
        throw ValidationError("valid: " + Value.allCases.map(\.rawValue).joined(separator: ", "))
    }
    return value
}

/// A one-line failure: ArgumentParser prints "Error: <description>" and exits non-zero.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ error: InputError) { description = error.description }
    init(_ message: String) { description = message }
}

/// Runs `body`, turning an InputError into a one-line command failure.
func reportingInputErrors<T>(_ body: () throws(InputError) -> T) throws -> T {
    do { return try body() } catch { throw CommandFailure(error) }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
