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
            let runs = try RunConfig.list(parsing: configs ?? RunConfig.notebookExperiments, base: base)
            for run in runs { _ = try run.makeRun() }
            return runs
        }
        try runScreen(screenOptions, from: .compare(runs), title: "gradtop compare " + (configs ?? RunConfig.notebookExperiments))
    }
}
