import GradNet
import GradTensor
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension RunConfig {
    /// The notebook's six experiments, in its order: uniform [-1, 1] weights, then Glorot normal.
    public static let notebookExperiments: [(activation: Activation, initializer: Initializer)] =
        [Initializer.randomUniform, .glorotNormal].flatMap { initializer in
            [Activation.sigmoid, .tanh, .relu].map { (activation: $0, initializer: initializer) }
        }
    /// Most configurations one comparison takes (a 3x3 grid).
    public static let maximumComparisons = 9

    /// One configuration per "activation:initializer" entry of the comma-separated
    /// `text`, each `base` with that pair (and built from the seed, not a model file).
    /// A bad entry is a one-line error naming it and the valid names.
    public static func list(parsing text: String, base: RunConfig) throws(InputError) -> [RunConfig] {
        let entries = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
        guard entries.count <= maximumComparisons else {
            throw InputError(file: "--configs", message: "at most \(maximumComparisons) configurations, got \(entries.count)")
        }
        var configs: [RunConfig] = []
        for entry in entries {
            let parts = entry.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else {
                throw InputError(file: "--configs", message: "entry \"\(entry)\": expected activation:initializer, e.g. relu:he_normal")
            }
            guard let activation = Activation(rawValue: parts[0]) else {
                throw InputError(file: "--configs", message: "entry \"\(entry)\": unknown activation \"\(parts[0])\"; valid: \(Activation.validNames)")
            }
            guard let initializer = Initializer(rawValue: parts[1]) else {
                throw InputError(file: "--configs", message: "entry \"\(entry)\": unknown initializer \"\(parts[1])\"; valid: \(Initializer.validNames)")
            }
            configs.append(base.built(activation: activation, initializer: initializer))
        }
        return configs
    }

    /// The notebook's six experiments around `base`.
    public static func notebookComparison(_ base: RunConfig) -> [RunConfig] {
        notebookExperiments.map { base.built(activation: $0.activation, initializer: $0.initializer) }
    }

    /// This configuration with `activation` and `initializer`, built from the seed (not a model file).
    public func built(activation: Activation, initializer: Initializer) -> RunConfig {
        var config = self
        config.activation = activation
        config.initializer = initializer
        config.modelFile = nil
        return config
    }
}
