import ArgumentParser
import GradTerminal
import GradUI

/// Options of the full-screen commands (dashboard, compare, tour).
struct ScreenOptions: ParsableArguments {
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

    /// Requested steps per second; nil is "max".
    var stepsPerSecond: Int? { Int(speed) }

    /// The chosen theme, or a one-line failure for an unknown name; a broken theme file
    /// falls back to the default with a message for the hint bar.
    func loadTheme(from catalog: ThemeCatalog) throws -> (theme: Theme, message: String?) {
        do {
            let (loaded, warnings) = try catalog.load(named: theme)
            return (loaded, warnings.first?.description)
        } catch {
            if case .unknownName = error { throw CommandFailure(ScreenOptions.themeFailure(error)) }
            return (.dark, error.description + "; using the default theme")
        }
    }

    /// A theme error as a one-line failure that names the option: "--theme: unknown theme 'x'; ...".
    /// (A broken file's message names the file and line instead, and the option adds nothing.)
    static func themeFailure(_ error: ThemeError) -> String {
        if case .unknownName = error { return "--theme: " + error.description }
        return error.description
    }

    /// The recorder for `--record`, created before the screen opens so a bad path fails
    /// first; its header takes the size of the first frame.
    func makeRecorder(title: String) throws -> AsciicastRecorder? {
        do {
            return try record.map { try AsciicastRecorder(path: $0, width: 80, height: 24, title: title) }
        } catch {
            throw CommandFailure("\(error)")
        }
    }

    /// Takes over the terminal, or a one-line failure saying why it cannot.
    func openScreen() throws -> TerminalScreen {
        do {
            return try TerminalScreen.open(TerminalOptions(forceASCII: ascii, color: noColor ? .none : .auto))
        } catch {
            throw CommandFailure("\(error)")
        }
    }
}
