import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GradNet
import GradSession
import GradUI

struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the per-layer gradient violins (and the loss curve after training) as a standalone SVG figure.",
        discussion: """
            With --steps 0 (the default) the figure is the notebook's plot_grad: the gradients of the initial weights. \
            --compare draws the notebook's six configurations (sigmoid, tanh, relu x random_uniform, glorot_normal) \
            side by side, on the same data and seed; --configs picks others (up to 9).
            --axis picks the value axis, as `v` does in the dashboard: linear (one shared axis: heights compare \
            across panels), symlog (one shared symmetric-log axis, ticks at 0 and +-10^k: small and large gradients \
            both visible), per-layer (each violin on its own range, extremes labelled: shapes only) or, with \
            --compare, per-panel (each configuration on its own axis shared by its layers, as the notebook's separate \
            figures; the default there, so one large configuration does not flatten the others).
            Example: gradtop plot --compare --steps 200 --out figure.svg
            """)

    @OptionGroup var model: ModelOptions
    @OptionGroup var data: DataOptions
    @OptionGroup var optimizer: OptimizerOptions
    @Option(parsing: .unconditional, help: "Training steps before the figure is drawn (0: the initial gradients).")
    var steps = 0
    @Option(help: ArgumentHelp("The SVG file to write.", valueName: "file.svg"))
    var out: String
    @Option(help: "Colour theme (see `gradtop themes`).")
    var theme = "light"
    @Flag(help: "Compare configurations in a grid (the notebook's six by default).")
    var compare = false
    @Option(help: ArgumentHelp("Configurations to compare, e.g. sigmoid:random_uniform,relu:he_normal (implies --compare).",
                               valueName: "activation:init,..."))
    var configs: String?
    @Option(help: ArgumentHelp("Value axis, as the dashboard's `v` (per-panel: --compare only). Default: per-panel with --compare, else linear.",
                               valueName: "mode"))
    var axis: FigureAxis?

    var comparing: Bool { compare || configs != nil }

    func validate() throws {
        guard steps >= 0 else { throw ValidationError("--steps must be zero or more, got \(steps)") }
        guard out.lowercased().hasSuffix(".svg") else {
            throw ValidationError("--out must name an .svg file, got \(out)")
        }
        if comparing && model.model != nil {
            throw ValidationError("--compare builds each network from its activation and initializer; it cannot use --model")
        }
        if axis == .perPanel && !comparing {
            throw ValidationError("--axis per-panel gives each configuration of --compare or --configs its own axis; one configuration has one panel: use linear")
        }
    }

    func run() throws {
        try OutputFile.checkWritable(out)
        let chosenTheme: Theme
        do {
            let (loaded, warnings) = try ThemeCatalog().load(named: theme)
            chosenTheme = loaded
            for warning in warnings { printError("gradtop: \(warning)") }
        } catch {
            throw CommandFailure(ScreenOptions.themeFailure(error))
        }
        let base = try reportingInputErrors { () throws(InputError) in try RunConfig(model: model, data: data, optimizer: optimizer) }
        let svg: String
        if comparing {
            let runs = try reportingInputErrors { () throws(InputError) in
                try configs.map { text throws(InputError) in try RunConfig.list(parsing: text, base: base) } ?? RunConfig.notebookComparison(base)
            }
            let snapshots = try reportingInputErrors { () throws(InputError) in
                try runs.map { config throws(InputError) in try HeadlessTraining.snapshot(config: config, steps: steps) }
            }
            svg = ComparePlotSVG.figure(snapshots: snapshots, theme: chosenTheme, axis: axis ?? .perPanel)
        } else {
            let snapshot = try reportingInputErrors { () throws(InputError) in try HeadlessTraining.snapshot(config: base, steps: steps) }
            switch snapshot.trouble {
            case .diverged(let step)?: printError("gradtop: training diverged at step \(step); the figure shows that step")
            case .health(let trouble)?:
                printError("gradtop: \(trouble.name) at step \(trouble.step); training went on, the figure shows step \(snapshot.step) and says so")
            case nil: break
            }
            svg = ViolinPlotSVG.figure(snapshot: snapshot, theme: chosenTheme, axis: axis ?? .linear)
        }
        try OutputFile.writeAtomically(svg, to: out)
    }
}

/// `--axis linear|symlog|per-layer|per-panel`, the names the dashboard's `v` shows.
extension FigureAxis: ExpressibleByArgument {}
