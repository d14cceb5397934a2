import ArgumentParser
import GradUI

struct Themes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the colour themes: built-in ones and those in $XDG_CONFIG_HOME/gradtop/themes.")

    func run() throws {
        let catalog = ThemeCatalog()
        for entry in catalog.entries {
            print(entry.name.padding(toLength: 16, withPad: " ", startingAt: 0) + entry.fileLabel)
        }
        for error in catalog.errors { printError("gradtop: \(error)") }
        print("user themes: \(ThemeCatalog.defaultUserDirectory())")
    }
}
