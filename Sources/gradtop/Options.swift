import ArgumentParser
import GradNet
import GradTensor
import GradSession

/// The network: a model file, or built from activation, initializer, sizes and seed.
struct ModelOptions: ParsableArguments {
    @Option(help: "Load the network from a gradtop model file (JSON).")
    var model: String?
    @Option(help: "Hidden-layer activation: \(Activation.validNames).")
    var activation = "sigmoid"
    @Option(name: .customLong("init"), help: "Kernel initializer: \(Initializer.validNames).")
    var initializer = "random_uniform"
    @Option(help: "Hidden-layer sizes, comma separated (the notebook's is 2,2,2).")
    var hidden = "2,2,2"
    @Option(help: "Seed for the weights (and the minibatch order).")
    var seed: UInt64 = 100
}

/// The data: a CSV file, or the notebook's generator.
struct DataOptions: ParsableArguments {
    @Option(help: "CSV file with a header row: columns x1..xN are inputs, y1..yM targets (default: the notebook's generated data).")
    var data: String?
    // `.unconditional`: "--examples -5" must reach validation and be named there, not read as an option.
    @Option(parsing: .unconditional, help: "Number of generated examples (the notebook's data).")
    var examples = 100
    @Option(help: "Seed for the generated data.")
    var dataSeed: UInt64 = 100
}

/// How to train.
struct OptimizerOptions: ParsableArguments {
    @Option(help: "Optimizer: sgd or adam.")
    var optimizer = "adam"
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
        activation = model.activation
        initializer = model.initializer
        seed = model.seed
        modelFile = model.model
        let parts = model.hidden.split(separator: ",", omittingEmptySubsequences: false)
        let sizes = parts.map { Int($0.trimmingSpaces()) }
        guard !parts.isEmpty, let hidden = sizes as? [Int], hidden.allSatisfy({ $0 > 0 }) else {
            throw InputError(file: "--hidden", message: "expected positive layer sizes separated by commas (e.g. 2,2,2), got \"\(model.hidden)\"")
        }
        self.hidden = hidden
        if let data {
            dataFile = data.data
            examples = data.examples
            dataSeed = data.dataSeed
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
