import ArgumentParser
import GradUI

struct Themes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the colour themes: built-in ones and those in $XDG_CONFIG_HOME/gradtop/themes.",
        discussion: "Each theme is loaded as --theme would load it: one that does not parse is marked 'broken' "
            + "(the dark theme is used instead), one with bad keys or colours is marked with its warnings; "
            + "the details, with file and line, go to standard error.")

    func run() throws {
        let catalog = ThemeCatalog()
        var problems: [String] = []
        for entry in catalog.entries {
            // Checking here spares a lecturer finding a typo only when the theme is picked in front of the room.
            var state = ""
            do {
                let warnings = try catalog.load(named: entry.name).warnings
                if !warnings.isEmpty {
                    state = "  (\(warnings.count) warning\(warnings.count == 1 ? "" : "s"): defaults used for those keys)"
                    problems += warnings.map(\.description)
                }
            } catch {
                state = "  (broken: the dark theme is used instead)"
                problems.append(error.description)
            }
            print(entry.name.padded(toLength: 16) + entry.fileLabel + state)
        }
        for error in catalog.errors { printError("gradtop: \(error)") }
        for problem in problems { printError("gradtop: \(problem)") }
        print("user themes: \(ThemeCatalog.defaultUserDirectory())")
    }
}
