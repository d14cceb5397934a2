import GradTensor
import GradNet
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension RunConfig {
    public func optimizerConfig() throws(InputError) -> OptimizerConfig {
        guard learningRate.isFinite, learningRate > 0 else {
            throw InputError(file: "--lr", message: "learning rate must be a positive number, got \(learningRate)")
        }
        guard momentum.isFinite, momentum >= 0, momentum < 1 else {
            throw InputError(file: "--momentum", message: "momentum must be in [0, 1), got \(momentum)")
        }
        return optimizer == .sgd ? .sgd(learningRate: learningRate, momentum: momentum) : .adam(learningRate: learningRate)
    }

    /// The data: the CSV file when `dataFile` is set, else the generated set, split into training
    /// and test examples by `testRatio`, with targets checked against the loss.
    public func loadData() throws(InputError) -> (train: Dataset, test: Dataset?) {
        guard (0...DatasetKind.maximumNoise).contains(noise) else {
            throw InputError(file: "--noise", message: "noise must be between 0 and \(DatasetKind.maximumNoise) (Playground's 0 to 50), got \(noise)")
        }
        guard (0...RunConfig.maximumTestRatio).contains(testRatio) else {
            throw InputError(file: "--test-ratio", message: "the held-out share must be between 0 and \(RunConfig.maximumTestRatio), got \(testRatio)")
        }
        let data: Dataset
        if let dataFile {
            data = try Dataset.load(csv: dataFile)
        } else {
            guard examples > 0 else { throw InputError(file: "--examples", message: "need at least one example, got \(examples)") }
            guard examples <= RunLimits.maxExamples else {
                throw InputError(file: "--examples", message: "at most \(RunLimits.maxExamples) generated examples, got \(examples)")
            }
            data = dataset.generate(examples: examples, noise: noise, seed: dataSeed)
        }
        try loss.checkTargets(data, source: dataFile ?? (lossChoice == nil ? "--dataset" : "--loss"))
        let split = data.split(testRatio: testRatio, seed: dataSeed)
        guard split.train.count > 0 else {
            throw InputError(file: "--test-ratio", message: "leaves no training examples out of \(data.count)")
        }
        return split
    }

    /// The network: the model file when `modelFile` is set, else built from activation,
    /// initializer, hidden sizes and seed with the data's input and output widths.
    public func buildModel(inputs: Int, outputs: Int) throws(InputError) -> Sequential {
        if let modelFile { return Sequential(try ModelSpec.load(path: modelFile)) }
        guard !hidden.isEmpty, hidden.allSatisfy({ $0 > 0 }) else {
            throw InputError(file: "--hidden", message: "every hidden layer needs at least one unit, got \(hidden.map(String.init).joined(separator: ","))")
        }
        try RunLimits.checkParameters(widths: [inputs] + hidden + [outputs], source: "--hidden")
        return Sequential.build(inputs: inputs, hidden: hidden, outputs: outputs,
                                activation: activation, initializer: initializer, seed: seed)
    }

    /// A ready-to-step training run for this configuration, or the first problem with it.
    public func makeRun() throws(InputError) -> TrainingRun {
        let (data, test) = try loadData()
        let model = try buildModel(inputs: data.inputCount, outputs: data.outputCount)
        guard model.inputs == data.inputCount, model.outputs == data.outputCount else {
            throw InputError(file: dataFile ?? "data", message:
                "has \(data.inputCount) inputs and \(data.outputCount) targets, but the model \(modelFile ?? "") takes \(model.inputs) and gives \(model.outputs)")
        }
        if let batchSize, batchSize <= 0 {
            throw InputError(file: "--batch", message: "batch size must be positive or \"full\", got \(batchSize)")
        }
        // The dashboard also inspects the whole data set at once, so the full count is the bound.
        try RunLimits.checkStep(model: model, batch: data.count, source: dataFile ?? modelFile ?? "--examples")
        return TrainingRun(model: model, data: data, test: test, loss: loss, optimizer: try optimizerConfig(),
                           batchSize: batchSize, shuffleSeed: seed)
    }

    /// The `gradtop` arguments that reproduce this configuration.
    public var commandLine: String {
        let network = modelFile.map { ["--model", $0] } ?? ["--activation", activation.name, "--init", initializer.name] + builtNetworkArguments
        return RunConfig.shellLine(network + trainingArguments)
    }

    /// "--hidden 2,2,2 --seed 100": the built network's sizes and seed, the part a
    /// comparison's configurations share (each adds its activation and initializer).
    public var builtNetworkArguments: [String] {
        ["--hidden", hidden.map(String.init).joined(separator: ","), "--seed", "\(seed)"]
    }

    /// The data, optimizer and batch arguments, unquoted.
    public var trainingArguments: [String] {
        var parts = dataFile.map { ["--data", $0] } ?? ["--examples", "\(examples)", "--data-seed", "\(dataSeed)"]
        if dataFile == nil && dataset != .notebook { parts += ["--dataset", dataset.name] }
        if dataFile == nil && dataset != .notebook && noise != 0 { parts += ["--noise", "\(noise)"] }
        if testRatio != 0 { parts += ["--test-ratio", "\(testRatio)"] }
        if let lossChoice { parts += ["--loss", lossChoice.name] }
        parts += ["--optimizer", optimizer.rawValue, "--lr", "\(learningRate)"]
        if momentum != 0 { parts += ["--momentum", "\(momentum)"] }
        parts += ["--batch", batchSize.map(String.init) ?? "full"]
        return parts
    }

    /// `words` joined with spaces, each quoted as the shell must read it back.
    public static func shellLine(_ words: [String]) -> String { words.map(shellQuoted).joined(separator: " ") }

    /// `word` as the shell reads it back: unchanged when safe, else in single quotes;
    /// a word holding control characters (a file name with an escape sequence)
    /// in bash's `$'...'` form with every one escaped, so printing the command
    /// line cannot send an escape sequence to the terminal.
    static func shellQuoted(_ word: String) -> String {
        let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "-_.,/:=+".contains($0) }
        if safe && !word.isEmpty { return word }
        guard InputError.printable(word) != word else {
            return "'" + word.replacing("'", with: "'\\''") + "'"
        }
        var quoted = "$'"
        for scalar in word.unicodeScalars {
            switch scalar {
            case "\\", "'": quoted += "\\" + String(scalar)
            case _ where InputError.printable(String(scalar)) != String(scalar):
                let hex = String(scalar.value, radix: 16)
                quoted += scalar.value < 0x80 ? "\\x" + (hex.count < 2 ? "0" : "") + hex
                                              : "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "'"
    }
}
