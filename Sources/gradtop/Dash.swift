import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc
import GradNet
import GradSession
import GradUI

struct Dash: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the live dashboard (the default): train and watch each layer's gradient violin.",
        discussion: """
            Press ? in the dashboard for every key, c for the compare grid; 'gradtop tour' shows the same screen with \
            captions. On exit gradtop prints the command line that reproduces the run.
            """)

    @OptionGroup var model: ModelOptions
    @OptionGroup var data: DataOptions
    @OptionGroup var optimizer: OptimizerOptions
    @OptionGroup var screenOptions: ScreenOptions

    func run() throws {
        let config = try reportingInputErrors { () throws(InputError) in
            let config = try RunConfig(model: model, data: data, optimizer: optimizer)
            _ = try config.makeRun()  // every configuration problem is reported before the screen opens
            return config
        }
        try runScreen(screenOptions, from: .dashboard(config), title: "gradtop " + config.commandLine)
    }
}

/// Opens the terminal, runs the session, restores the terminal, prints the command
/// line that reproduces the screen the user left (dashboard or compare grid); exits 128+n after signal n.
func runScreen(_ options: ScreenOptions, from mode: ScreenSession.Mode, title: String) throws {
    let catalog = ThemeCatalog()
    let (theme, message) = try options.loadTheme(from: catalog)
    let recorder = try options.makeRecorder(title: title)
    let screen = try options.openScreen()
    var session = ScreenSession(screen: screen, options: options, catalog: catalog, theme: theme,
                                themeName: options.theme, message: message, recorder: recorder)
    let (last, signal) = session.run(from: mode)
    // A terminal that stopped reading holds the exit 1 s at most; after a hang-up (nobody is
    // there), a brief try only.
    screen.close(farewell: last.commandLine(options: options) + "\n",
                 waitingAtMost: signal == SIGHUP ? .milliseconds(200) : .seconds(1))
    var recordingFailure: String?
    do { try recorder?.finish() } catch { recordingFailure = "\(error)" }
    if let signal { throw ExitCode(128 + signal) }
    if let recordingFailure { throw CommandFailure(recordingFailure) }
}
