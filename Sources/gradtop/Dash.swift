import ArgumentParser
import Foundation
import GradNet
import GradSession
import GradTerminal
import GradUI

struct Dash: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the live dashboard (the default): train and watch each layer's gradient violin.",
        discussion: "Press ? in the dashboard for every key. On exit gradtop prints the command line that reproduces the run.")

    @OptionGroup var model: ModelOptions
    @OptionGroup var data: DataOptions
    @OptionGroup var optimizer: OptimizerOptions
    @Option(help: "Colour theme (see `gradtop themes`).")
    var theme = "dark"
    @Option(help: "Training speed in steps per second (1, 2, 5, 10, 30, 100) or 'max'.")
    var speed = "10"
    @Option(help: "Most frames drawn per second.")
    var fps = 30
    @Option(help: ArgumentHelp("Record the session to an asciicast v2 file (replay with `asciinema play FILE`).", valueName: "file.cast"))
    var record: String?
    @Flag(help: "Start paused.")
    var paused = false
    @Flag(help: "Draw with ASCII characters only (automatic without a UTF-8 locale).")
    var ascii = false
    @Flag(name: .customLong("no-color"), help: "No colours (also when NO_COLOR is set).")
    var noColor = false

    func validate() throws {
        guard (1...240).contains(fps) else { throw ValidationError("--fps must be between 1 and 240, got \(fps)") }
        guard speed == "max" || (Int(speed).map { $0 > 0 } ?? false) else {
            throw ValidationError("--speed must be a positive number of steps per second or 'max', got \(speed)")
        }
    }

    func run() throws {
        let config = try reportingInputErrors { () throws(InputError) in
            let config = try RunConfig(model: model, data: data, optimizer: optimizer)
            _ = try config.makeRun()  // every configuration problem is reported before the screen opens
            return config
        }
        let catalog = ThemeCatalog()
        var startupMessage: String?
        let chosenTheme: Theme
        do {
            let (loaded, warnings) = try catalog.load(named: theme)
            chosenTheme = loaded
            startupMessage = warnings.first?.description
        } catch {
            if case .unknownName = error { throw CommandFailure(error.description) }
            chosenTheme = .dark
            startupMessage = error.description + "; using the default theme"
        }
        // The size is a guess until the first frame, whose size the header takes.
        let recorder: AsciicastRecorder?
        do {
            recorder = try record.map { try AsciicastRecorder(path: $0, width: 80, height: 24, title: "gradtop " + config.commandLine) }
        } catch {
            throw CommandFailure("\(error)")
        }
        let screen: TerminalScreen
        do {
            screen = try TerminalScreen.open(TerminalOptions(forceASCII: ascii, color: noColor ? .none : .auto))
        } catch {
            throw CommandFailure("\(error)")
        }
        var view = DashboardModel()
        view.theme = chosenTheme
        view.glyphs = screen.isUnicode ? .unicode : .ascii
        view.paused = paused
        view.speed = Int(speed)
        view.message = startupMessage
        var loop = DashboardLoop(
            screen: screen, controller: DashboardController(config: config, model: view, themeName: theme, catalog: catalog), fps: fps,
            recorder: recorder)
        let status = loop.run()
        screen.close()
        var recordingFailure: String?
        do { try recorder?.finish() } catch { recordingFailure = "\(error)" }
        print("gradtop " + status.controller.config.commandLine)
        if let signal = status.signal { throw ExitCode(128 + signal) }
        if let recordingFailure { throw CommandFailure(recordingFailure) }
    }
}
