import GradNet
import GradSession
import GradTensor

/// The `--configs` list: "activation:initializer" pairs separated by commas.
enum ConfigList {
    /// The notebook's six experiments, in its order: uniform [-1, 1] weights, then Glorot normal.
    static let notebook = "sigmoid:random_uniform,tanh:random_uniform,relu:random_uniform,"
        + "sigmoid:glorot_normal,tanh:glorot_normal,relu:glorot_normal"
    static let maxCount = 9

    /// One configuration per entry, each `base` with that activation and
    /// initializer. A bad entry is a one-line error naming it and the valid names.
    static func parse(_ text: String, base: RunConfig) throws(InputError) -> [RunConfig] {
        let entries = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard entries.count <= maxCount else {
            throw InputError(file: "--configs", message: "at most \(maxCount) configurations, got \(entries.count)")
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
            configs.append(config)
        }
        return configs
    }
}
