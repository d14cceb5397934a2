#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GradSession
import GradTerminal
import GradUI

/// One full-screen session: the dashboard and the compare grid take turns on
/// the same terminal (`c` switches), until the user quits or a signal arrives.
struct ScreenSession {
    enum Mode {
        case dashboard(RunConfig)
        case compare([RunConfig])
        /// The dashboard with tour captions, moving on by itself every `interval` seconds when set.
        case tour(Tour, interval: Double?)
    }

    let screen: TerminalScreen
    let options: ScreenOptions
    let catalog: ThemeCatalog
    var theme: Theme
    var themeName: String
    var message: String?
    let recorder: AsciicastRecorder?

    /// The screen the user left, for the exit line: the compare grid's line when
    /// they quit from the grid (even one opened from the dashboard with `c`).
    enum LastScreen {
        case dashboard(RunConfig)
        case compare([RunConfig])

        func commandLine(options: ScreenOptions) -> String {
            switch self {
            case .dashboard(let config): "gradtop " + config.commandLine
            case .compare(let configs): Compare.commandLine(configs, options: options)
            }
        }
    }

    /// Runs from `mode`; returns the screen the user left and the terminating signal, if any.
    mutating func run(from mode: Mode) -> (last: LastScreen, signal: Int32?) {
        var mode = mode
        // The dashboard's configuration when it opened the compare grid: `c` there returns to it.
        var openedFrom: RunConfig?
        var paused = options.paused
        var speed = options.stepsPerSecond
        let glyphs: GlyphSet = screen.isUnicode ? .unicode : .ascii
        let loop = ScreenLoop(terminal: screen, fps: options.fps, recorder: recorder)
        while true {
            switch mode {
            case .dashboard, .tour:
                var model = DashboardModel()
                (model.theme, model.glyphs, model.paused, model.speed, model.message) = (theme, glyphs, paused, speed, message)
                model.picturesInColour = screen.colorDepth >= .palette256
                var config = RunConfig()
                var interval: Double?
                switch mode {
                case .dashboard(let start): config = start
                case .tour(let tour, let every): (model.tour, config, interval) = (tour, tour.config, every)
                case .compare: break
                }
                var dashboard = DashboardScreen(controller: DashboardController(
                    config: config, model: model, themeName: themeName, catalog: catalog, tourInterval: interval, now: ScreenClock.now))
                let signal = loop.run(&dashboard)
                let controller = dashboard.controller
                (theme, themeName, paused, speed, message) = (controller.model.theme, controller.themeName,
                                                              controller.model.paused, controller.model.speed, nil)
                if let signal { return (.dashboard(controller.shownConfig), signal) }
                guard controller.wantsCompare else { return (.dashboard(controller.shownConfig), nil) }
                openedFrom = controller.config
                mode = .compare(RunConfig.notebookComparison(controller.config))
            case .compare(let configs):
                var model = CompareModel(configs: configs)
                (model.theme, model.glyphs, model.paused, model.speed, model.message) = (theme, glyphs, paused, speed, message)
                var compare = CompareScreen(controller: CompareController(model: model, themeName: themeName, catalog: catalog))
                let signal = loop.run(&compare)
                let controller = compare.controller
                (theme, themeName, paused, speed, message) = (controller.model.theme, controller.themeName,
                                                              controller.model.paused, controller.model.speed, nil)
                if let signal { return (.compare(configs), signal) }
                switch compare.outcome {
                case .quit, nil: return (.compare(configs), nil)
                case .dashboard(let config): mode = .dashboard(config)
                case .back: mode = .dashboard(openedFrom ?? configs[0])
                }
            }
        }
    }
}
