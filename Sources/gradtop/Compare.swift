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
            Click a tile (or press c) to open it in the dashboard. On exit gradtop prints the command line that reproduces the grid.
            """)

    @OptionGroup var model: ModelOptions
    @OptionGroup var data: DataOptions
    @OptionGroup var optimizer: OptimizerOptions
    @OptionGroup var screenOptions: ScreenOptions
    @Option(help: "Configurations as activation:initializer pairs, comma separated (up to 9), e.g. sigmoid:random_uniform,relu:he_normal.")
    var configs: String?

    func validate() throws {
        if let file = model.model {
            let file = InputError.printable(file)
            throw ValidationError("--model does not apply to compare: each tile builds its network from --configs; open \(file) in the dashboard: gradtop --model \(file)")
        }
        // The tiles' pairs come from --configs; silently showing the notebook's six instead would mislead.
        if model.activation != nil || model.initializer != nil {
            let pair = "\((model.activation ?? .sigmoid).name):\((model.initializer ?? .randomUniform).name)"
            throw ValidationError("--activation and --init do not apply to compare: list the runs with --configs, "
                + "e.g. --configs \(pair),sigmoid:random_uniform")
        }
    }

    func run() throws {
        let base = try reportingInputErrors { () throws(InputError) in try RunConfig(model: model, data: data, optimizer: optimizer) }
        let runs = try reportingInputErrors { () throws(InputError) in
            let runs = try configs.map { text throws(InputError) in try RunConfig.list(parsing: text, base: base) }
                ?? RunConfig.notebookComparison(base)
            for run in runs { _ = try run.makeRun() }
            return runs
        }
        try runScreen(screenOptions, from: .compare(runs), title: Compare.commandLine(runs, options: screenOptions))
    }

    /// The command that reproduces a grid of `configs` (which share all but their
    /// activation and initializer) with the speed options as given, quoted for the
    /// shell: "gradtop compare --configs sigmoid:random_uniform,... --hidden 2,2,2
    /// --seed 100 ... --speed 10". Printed on leaving the grid, and a recording's title.
    static func commandLine(_ configs: [RunConfig], options: ScreenOptions) -> String {
        let pairs = configs.map { "\($0.activation.name):\($0.initializer.name)" }.joined(separator: ",")
        let shared = configs.first.map { $0.builtNetworkArguments + $0.trainingArguments } ?? []
        let speed = ["--speed", options.speed] + (options.paused ? ["--paused"] : [])
        return "gradtop " + RunConfig.shellLine(["compare", "--configs", pairs] + shared + speed)
    }
}
