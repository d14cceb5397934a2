import ArgumentParser
import GradNet
import GradSession
import GradUI

struct TourCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tour",
        abstract: "A guided tour: the notebook's Part 2 stop by stop, then a few steps beyond it, with captions.",
        discussion: "Move with > and < (or . and ,); every dashboard key works at every stop. "
            + "Each stop sets its own activation and initializer, so --activation and --init are not accepted here.")

    @OptionGroup var model: ModelOptions
    @OptionGroup var data: DataOptions
    @OptionGroup var optimizer: OptimizerOptions
    @OptionGroup var screenOptions: ScreenOptions
    @Option(help: "Move to the next stop automatically every this many seconds (default: only on > and <).")
    var interval: Double?
    @Option(help: "Start at this stop (1 to \(Tour.stops.count)).")
    var start = 1

    func validate() throws {
        if let file = model.model {
            let file = InputError.printable(file)
            throw ValidationError("--model does not apply to tour: every stop builds its own network; open \(file) in the dashboard: gradtop --model \(file)")
        }
        if model.activation != nil || model.initializer != nil {
            throw ValidationError("--activation and --init do not apply to tour: every stop sets its own; "
                + "--start N begins at stop N (1 to \(Tour.stops.count))")
        }
        if let interval, !(interval > 0 && interval.isFinite) {
            throw ValidationError("--interval must be a positive number of seconds, got \(interval)")
        }
        guard (1...Tour.stops.count).contains(start) else {
            throw ValidationError("--start must be between 1 and \(Tour.stops.count), got \(start)")
        }
    }

    func run() throws {
        let tour = try reportingInputErrors { () throws(InputError) in
            let tour = Tour(base: try RunConfig(model: model, data: data, optimizer: optimizer), index: start - 1)
            _ = try tour.config.makeRun()
            return tour
        }
        try runScreen(screenOptions, from: .tour(tour, interval: interval), title: "gradtop tour")
    }
}
