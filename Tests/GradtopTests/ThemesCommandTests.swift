import Foundation
import Testing

/// `gradtop themes` is where a lecturer checks a hand-written theme before class.
@Suite struct ThemesCommand {
    @Test func a_broken_or_mistyped_user_theme_is_marked_in_the_list_and_explained_with_its_line() throws {
        let folder = Gradtop.temporaryFolder()
        let themes = folder.appendingPathComponent("gradtop/themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        try "name = \"typo\"\n[colors]\nmuted = \"grey\"\n".write(to: themes.appendingPathComponent("typo.toml"),
                                                                   atomically: true, encoding: .utf8)
        try "name = \"broken\"\n[colors]\naccent = \"#9e4f00\n".write(to: themes.appendingPathComponent("broken.toml"),
                                                                      atomically: true, encoding: .utf8)
        try "name = \"fine\"\n[colors]\nmuted = \"#616570\"\n".write(to: themes.appendingPathComponent("fine.toml"),
                                                                     atomically: true, encoding: .utf8)
        let result = try Gradtop.run(["themes"], environment: ["XDG_CONFIG_HOME": folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        func line(_ name: String) -> String { lines.first { $0.hasPrefix(name + " ") } ?? "" }
        #expect(line("typo").contains("1 warning"), "\(result.stdout)")
        #expect(line("broken").contains("broken"), "\(result.stdout)")
        #expect(line("broken").contains("dark theme is used"), "\(result.stdout)")
        #expect(line("fine").hasSuffix("fine.toml"), "\(result.stdout)")
        #expect(line("light").hasSuffix("builtin:light.toml"))
        #expect(result.stderr.contains("typo.toml:3:") && result.stderr.contains("'muted'"), "\(result.stderr)")
        #expect(result.stderr.contains("broken.toml:3"), "\(result.stderr)")
    }
}
