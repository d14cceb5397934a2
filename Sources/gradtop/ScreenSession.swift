import Foundation
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

    /// Runs from `mode`; returns the configuration last shown in the dashboard
    /// (for the exit line) and the terminating signal, if any.
    mutating func run(from mode: Mode) -> (lastConfig: RunConfig?, signal: Int32?) {
        var mode = mode
        var lastConfig: RunConfig?
        // The dashboard's configuration when it opened the compare grid: `c` there returns to it.
        var openedFrom: RunConfig?
        var paused = options.paused
        var speed = options.stepsPerSecond
        let glyphs: GlyphSet = screen.isUnicode ? .unicode : .ascii
        while true {
            switch mode {
            case .dashboard, .tour:
                var model = DashboardModel()
                (model.theme, model.glyphs, model.paused, model.speed, model.message) = (theme, glyphs, paused, speed, message)
                var config = RunConfig()
                var interval: Double?
                switch mode {
                case .dashboard(let start): config = start
                case .tour(let tour, let every): (model.tour, config, interval) = (tour, tour.config, every)
                case .compare: break
                }
                var loop = DashboardLoop(screen: screen, fps: options.fps,
                                         controller: DashboardController(config: config, model: model, themeName: themeName, catalog: catalog,
                                                                         tourInterval: interval, now: ProcessInfo.processInfo.systemUptime),
                                         recorder: recorder)
                let status = loop.run()
                let controller = status.controller
                lastConfig = controller.config
                (theme, themeName, paused, speed, message) = (controller.model.theme, controller.themeName,
                                                              controller.model.paused, controller.model.speed, nil)
                if let signal = status.signal { return (lastConfig, signal) }
                guard controller.wantsCompare else { return (lastConfig, nil) }
                openedFrom = controller.config
                mode = .compare(RunConfig.notebookComparison(controller.config))
            case .compare(let configs):
                var model = CompareModel(configs: configs)
                (model.theme, model.glyphs, model.paused, model.speed, model.message) = (theme, glyphs, paused, speed, message)
                var loop = CompareLoop(screen: screen, controller: CompareController(model: model, themeName: themeName, catalog: catalog),
                                       fps: options.fps, recorder: recorder)
                let outcome = loop.run()
                (theme, themeName, paused, speed, message) = (loop.controller.model.theme, loop.controller.themeName,
                                                              loop.controller.model.paused, loop.controller.model.speed, nil)
                switch outcome {
                case .quit: return (lastConfig ?? configs.first, nil)
                case .signal(let signal): return (lastConfig ?? configs.first, signal)
                case .dashboard(let config): mode = .dashboard(config)
                case .back: mode = .dashboard(openedFrom ?? configs[0])
                }
            }
        }
    }
}
