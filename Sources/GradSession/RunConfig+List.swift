import GradNet
import GradTensor
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension RunConfig {
    /// The notebook's six experiments, in its order: uniform [-1, 1] weights, then Glorot normal.
    public static let notebookExperiments = "sigmoid:random_uniform,tanh:random_uniform,relu:random_uniform,"
        + "sigmoid:glorot_normal,tanh:glorot_normal,relu:glorot_normal"
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
            guard Activation(rawValue: parts[0]) != nil else {
                throw InputError(file: "--configs", message: "entry \"\(entry)\": unknown activation \"\(parts[0])\"; valid: \(Activation.validNames)")
            }
            guard Initializer(rawValue: parts[1]) != nil else {
                throw InputError(file: "--configs", message: "entry \"\(entry)\": unknown initializer \"\(parts[1])\"; valid: \(Initializer.validNames)")
            }
            var config = base
            config.activation = parts[0]
            config.initializer = parts[1]
            config.modelFile = nil
            configs.append(config)
        }
        return configs
    }

    /// The notebook's six experiments around `base`.
    public static func notebookComparison(_ base: RunConfig) -> [RunConfig] {
        // The built-in list always parses.
        (try? list(parsing: notebookExperiments, base: base)) ?? [base]
    }
}
