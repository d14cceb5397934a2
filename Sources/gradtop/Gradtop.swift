import ArgumentParser
import GradTensor
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc
import GradUI

@main
struct Gradtop: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradtop",
        abstract: "Watch the vanishing-gradient problem live: per-layer gradient violins of a small network as it trains.",
        discussion: """
            New here? Run 'gradtop tour': \(Tour.stops.count) stops, each with a caption saying what to look at and why. \
            With no subcommand, gradtop opens the dashboard on the notebook's first experiment (sigmoid, random_uniform).
            """,
        version: version,
        subcommands: [Dash.self, Compare.self, TourCommand.self, Train.self, Grads.self, Summary.self, Plot.self, Themes.self, Bench.self],
        defaultSubcommand: Dash.self)

    /// ArgumentParser's `main()`, except that a failure is one line on stderr: "Error: " and the
    /// message, with a pointer to `--help` for mistakes in the command line itself (the usage
    /// block ArgumentParser adds scrolls the one line that matters off an 80x24 screen).
    /// Help, `--version` and exit statuses are ArgumentParser's.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            if let problem = KernelPath.environmentProblem { throw ValidationError(problem) }
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let status = exitCode(for: error)
            guard status != .success else { exit(withError: error) }
            let message = Gradtop.oneLine(message(for: error))
            if !message.isEmpty {
                let hint = status == .validationFailure ? " (see 'gradtop \(commandPath(arguments))--help')" : ""
                writeToStandardError("Error: " + message + hint + "\n")
            }
            Glibc.exit(status.rawValue)
        }
    }

    /// Writes `text` to stderr in one write(2), unbuffered.
    static func writeToStandardError(_ text: String) {
        var bytes = Array(text.utf8)
        _ = write(STDERR_FILENO, &bytes, bytes.count)
    }

    /// The message's first line, without ArgumentParser's "Error: " prefix.
    static func oneLine(_ message: String) -> String {
        let first = message.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
        return first.hasPrefix("Error: ") ? String(first.dropFirst(7)) : first
    }

    /// "train " when the arguments name a subcommand, else "".
    static func commandPath(_ arguments: [String]) -> String {
        guard let first = arguments.first,
              configuration.subcommands.contains(where: { $0._commandName == first }) else { return "" }
        return first + " "
    }
}
