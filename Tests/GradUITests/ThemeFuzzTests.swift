import Foundation
import Testing
import GradTestSupport
@testable import GradUI

/// Seeded mutation fuzzing of the theme parser, starting from
/// `fuzz/corpus/theme`: every input gives a theme (with warnings) or a
/// `ThemeError`, and every message is one clean line naming the file; the
/// theme's name never carries a control character to the screen.
@Suite struct ThemeFuzz {
    @Test func theme_files_give_a_theme_or_one_line_naming_the_file() throws {
        let corpus = fuzzCorpus("theme", anchor: #filePath)
        try #require(corpus.count >= 3, "fuzz/corpus/theme is missing")
        let file = "fuzz/theme.toml"
        var parsed = 0
        let run = fuzz("theme", corpus: corpus, seed: 6, seconds: 2) { bytes in
            do throws(ThemeError) {
                let (theme, warnings) = try Theme.parse(toml: String(decoding: bytes, as: UTF8.self), file: file, fallbackName: "fuzzed")
                parsed += 1
                #expect(isOneCleanLine(theme.name) && !theme.name.isEmpty, "theme name \(theme.name.debugDescription)")
                #expect(!theme.violins.isEmpty && !theme.heat.isEmpty)
                for warning in warnings {
                    #expect(warning.description.hasPrefix(file), "\(warning)")
                    #expect(isOneCleanLine(warning.description), "not one clean line: \(warning.description.debugDescription)")
                }
            } catch {
                #expect(error.description.hasPrefix(file), "\(error.description)")
                #expect(isOneCleanLine(error.description), "not one clean line: \(error.description.debugDescription)")
            }
        }
        #expect(run.slowest < 1, "slowest input took \(run.slowest) s: \(String(decoding: run.slowestInput.prefix(200), as: UTF8.self).debugDescription)")
        #expect(parsed > 0 && run.inputs > 100, "fuzzed \(run.inputs) inputs, \(parsed) parsed")
    }
}

/// Regressions found by fuzzing the theme parser.
@Suite struct ThemeFuzzRegressions {
    /// toml++ inside TOMLKit 0.6.0 aborts the process on these (an assertion), even in release builds.
    @Test(arguments: ["[[=]]", "[[ [", "[[", "a = 1\n  [[#]]", "a = 1\r\n[[é]]", "\u{FEFF}[[.]]", "[=]", "[é]", " [ \u{FFFD}colors]", "[.]", "[#]",
                     "f = [}", "f = [1,}", "f = [[1],}", "f = [ # c\n }", "f = {a = [}]}", "f = [[[[}[[[[+foeg",
                     "v = [\"#000000\",\u{85} \"#ffffff\"]", "v = [\u{2028}1]", "v =\u{A0}1", "a = 1\n\u{FEFF}[[x]]", "v = [1,\u{7}2]"])
    func a_malformed_table_header_is_a_parse_error_not_an_abort(_ text: String) {
        #expect(throws: ThemeError.self) { try Theme.parse(toml: text, file: "bad.toml", fallbackName: "bad") }
        do { _ = try Theme.parse(toml: text, file: "bad.toml", fallbackName: "bad") } catch {
            #expect(error.description.hasPrefix("bad.toml:"), "\(error)")
        }
    }

    @Test func well_formed_headers_arrays_and_strings_still_reach_the_toml_parser() throws {
        let text = "[[extra]]\na = 1\n[colors]\nviolin = [\n  \"#ff0000\", # [} in a comment\n  \"#00ff00\",\n]\n"
            + "heat = ['#000000', \"\"\"#ffffff\"\"\"]\nloss = \"#12345\\\"\"\n"
        let (theme, warnings) = try Theme.parse(toml: text, file: "t.toml", fallbackName: "t")
        #expect(warnings.contains { $0.message.contains("unknown key 'extra'") }, "\(warnings)")
        #expect(theme.violins == [.hex(0xff0000), .hex(0x00ff00)] && theme.heat == [.hex(0), .hex(0xffffff)])
        #expect(warnings.contains { $0.message.contains("'loss'") }, "a bad loss colour warns: \(warnings)")
    }

    @Test func a_theme_name_with_an_escape_sequence_is_refused_with_a_warning() throws {
        let (theme, warnings) = try Theme.parse(toml: "name = \"a\\u001b[31mred\"\n", file: "t.toml", fallbackName: "fallback")
        #expect(theme.name == "fallback")
        #expect(warnings.count == 1 && isOneCleanLine(warnings[0].description), "\(warnings)")
    }

    @Test func a_theme_file_named_with_an_escape_sequence_gets_a_printable_name() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "name = \"x\"\n".write(to: folder.appendingPathComponent("evil\u{1B}[2J.toml"), atomically: true, encoding: .utf8)
        let catalog = ThemeCatalog(userDirectory: folder.path)
        let names = catalog.names.filter { $0.hasPrefix("evil") }
        #expect(names == ["evil\\u{1B}[2J"], "\(catalog.names)")
        #expect(catalog.names.allSatisfy(isOneCleanLine))
        #expect((try? catalog.load(named: "evil\\u{1B}[2J")) != nil)
    }
}

extension ThemeFuzzRegressions {
    @Test func warnings_in_a_crlf_theme_file_name_the_right_line() throws {
        let (_, warnings) = try Theme.parse(toml: "name = \"x\"\r\n[colors]\r\nloss = \"red\"\r\n", file: "t.toml", fallbackName: "t")
        #expect(warnings.map(\.line) == [3], "\(warnings)")
    }
}
