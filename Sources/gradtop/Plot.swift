import ArgumentParser
import Foundation
import GradNet
import GradSession
import GradUI

struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the per-layer gradient violins (and the loss curve after training) as a standalone SVG figure.",
        discussion: """
            With --steps 0 (the default) the figure is the notebook's plot_grad: the gradients of the initial weights. \
            --compare draws the notebook's six configurations (sigmoid, tanh, relu x random_uniform, glorot_normal) \
            side by side on one y axis, on the same data and seed; --configs picks others (up to 9).
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
    @Flag(help: "Compare configurations in a grid with a shared y axis (the notebook's six by default).")
    var compare = false
    @Option(help: ArgumentHelp("Configurations to compare, e.g. sigmoid:random_uniform,relu:he_normal (implies --compare).",
                               valueName: "activation:init,..."))
    var configs: String?

    func validate() throws {
        guard steps >= 0 else { throw ValidationError("--steps must be zero or more, got \(steps)") }
        guard out.lowercased().hasSuffix(".svg") else {
            throw ValidationError("--out must name an .svg file, got \(out)")
        }
        if (compare || configs != nil) && model.model != nil {
            throw ValidationError("--compare builds each network from its activation and initializer; it cannot use --model")
        }
    }

    func run() throws {
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
        if compare || configs != nil {
            let runs = try reportingInputErrors { () throws(InputError) in try RunConfig.list(parsing: configs ?? RunConfig.notebookExperiments, base: base) }
            let snapshots = try reportingInputErrors { () throws(InputError) in
                try runs.map { config throws(InputError) in try HeadlessTraining.snapshot(config: config, steps: steps) }
            }
            svg = ComparePlotSVG.figure(snapshots: snapshots, theme: chosenTheme)
        } else {
            let snapshot = try reportingInputErrors { () throws(InputError) in try HeadlessTraining.snapshot(config: base, steps: steps) }
            if let step = snapshot.divergedAtStep { printError("gradtop: training diverged at step \(step); the figure shows that step") }
            svg = ViolinPlotSVG.figure(snapshot: snapshot, theme: chosenTheme)
        }
        try writeAtomically(svg, to: out)
    }
}

/// Writes `text` to a temporary file next to `path`, then renames it over
/// `path`, so a reader never sees half a file and a failed write leaves any
/// old file intact. Failures are one-line errors naming `path`.
func writeAtomically(_ text: String, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
        throw CommandFailure("\(path): cannot write: no such directory \(folder)")
    }
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
        throw CommandFailure("\(path): cannot write: it is a directory")
    }
    let temporary = folder + "/." + url.lastPathComponent + ".\(getpid()).tmp"
    guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
        throw CommandFailure("\(path): cannot write: \(String(cString: strerror(errno)))")
    }
    guard rename(temporary, path) == 0 else {
        let reason = String(cString: strerror(errno))
        unlink(temporary)
        throw CommandFailure("\(path): cannot write: \(reason)")
    }
}
