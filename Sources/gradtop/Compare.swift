import ArgumentParser
import GradNet
import GradSession
import GradTensor
import GradUI

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train several configurations side by side on the same data and seed, violins on one shared axis.",
        discussion: """
            By default the notebook's six: sigmoid, tanh, relu x random_uniform, glorot_normal. \
            Click a tile (or press c) to open it in the dashboard.
            """)

    @OptionGroup var model: ModelOptions
    @OptionGroup var data: DataOptions
    @OptionGroup var optimizer: OptimizerOptions
    @OptionGroup var screenOptions: ScreenOptions
    @Option(help: "Configurations as activation:initializer pairs, comma separated (up to 9), e.g. sigmoid:random_uniform,relu:he_normal.")
    var configs: String?

    func run() throws {
        let base = try reportingInputErrors { () throws(InputError) in try RunConfig(model: model, data: data, optimizer: optimizer) }
        let runs = try reportingInputErrors { () throws(InputError) in
            var runs = CompareModel.notebookConfigs(base)
            if let configs { runs = try Compare.parse(configs, base: base) }
            for run in runs { _ = try run.makeRun() }
            return runs
        }
        try runScreen(screenOptions, from: .compare(runs))
    }

    /// "sigmoid:random_uniform,relu:he_normal" as configurations, with one-line errors naming the entry.
    static func parse(_ text: String, base: RunConfig) throws(InputError) -> [RunConfig] {
        let entries = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !entries.isEmpty, entries.count <= CompareModel.maximumTiles else {
            throw InputError(file: "--configs", message: "expected 1 to \(CompareModel.maximumTiles) activation:initializer pairs, got \(entries.count)")
        }
        var pairs: [(String, String)] = []
        for entry in entries {
            let parts = entry.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else {
                throw InputError(file: "--configs", message: "\"\(entry)\" is not activation:initializer (e.g. relu:he_normal)")
            }
            guard Activation(rawValue: parts[0]) != nil else {
                throw InputError(file: "--configs", message: "\"\(entry)\": unknown activation \"\(parts[0])\"; valid: \(Activation.validNames)")
            }
            guard Initializer(rawValue: parts[1]) != nil else {
                throw InputError(file: "--configs", message: "\"\(entry)\": unknown initializer \"\(parts[1])\"; valid: \(Initializer.validNames)")
            }
            pairs.append((parts[0], parts[1]))
        }
        return CompareModel.pairs(base, pairs)
    }
}

import Foundation
