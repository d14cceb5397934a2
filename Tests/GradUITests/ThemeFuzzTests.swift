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
    /// toml++ inside TOMLKit 0.6.0 (the parser before gradtop had its own) aborted the process on
    /// these (an assertion), even in release builds.
    @Test(arguments: ["[[=]]", "[[ [", "[[", "a = 1\n  [[#]]", "a = 1\r\n[[é]]", "\u{FEFF}[[.]]", "[=]", "[é]", " [ \u{FFFD}colors]", "[.]", "[#]",
                     "f = [}", "f = [1,}", "f = [[1],}", "f = [ # c\n }", "f = {a = [}]}", "f = [[[[}[[[[+foeg",
                     "v = [\"#000000\",\u{85} \"#ffffff\"]", "v = [\u{2028}1]", "v =\u{A0}1", "a = 1\n\u{FEFF}[[x]]", "v = [1,\u{7}2]"])
    func a_malformed_table_header_is_a_parse_error_not_an_abort(_ text: String) {
        #expect(throws: ThemeError.self) { try Theme.parse(toml: text, file: "bad.toml", fallbackName: "bad") }
        do { _ = try Theme.parse(toml: text, file: "bad.toml", fallbackName: "bad") } catch {
            #expect(error.description.hasPrefix("bad.toml:"), "\(error)")
        }
    }

    @Test func well_formed_headers_arrays_and_strings_are_read() throws {
        let text = "[extra]\na = \"1\"\n[colors]\nviolin = [\n  \"#ff0000\", # [} in a comment\n  \"#00ff00\",\n]\n"
            + "heat = [\"#000000\", \"\\u0023ffffff\"]\nloss = \"#12345\\\"\"\n"
        let (theme, warnings) = try Theme.parse(toml: text, file: "t.toml", fallbackName: "t")
        #expect(warnings.contains { $0.message.contains("unknown key 'extra'") && $0.line == 1 }, "\(warnings)")
        #expect(theme.violins == [.hex(0xff0000), .hex(0x00ff00)] && theme.heat == [.hex(0), .hex(0xffffff)])
        #expect(warnings.contains { $0.message.contains("'loss'") && $0.line == 9 }, "a bad loss colour warns: \(warnings)")
    }

    /// TOML that theme files do not use, and text that is not TOML: each is refused with its
    /// line and column and a one-line message starting as given.
    @Test(arguments: [
        ("[[extra]]\n", 1, 2, "arrays of tables"), ("a = 1\n", 1, 5, "expected a string in double quotes"),
        ("[colors]\nloss = '#000000'\n", 2, 8, "expected a string in double quotes or an array of them, found '''"),
        ("[colors]\nloss = \"\"\"#000000\"\"\"\n", 2, 9, "multi-line strings"),
        ("a.b = \"x\"\n", 1, 2, "expected '=' after key 'a', found '.'"), ("\"a\" = \"x\"\n", 1, 1, "expected a key, a [table]"),
        ("[colors.sub]\n", 1, 8, "expected ']' after the table name, found '.'"), ("a = {b = \"c\"}\n", 1, 5, "expected a string"),
        ("a = [[\"x\"]]\n", 1, 6, "expected a string in double quotes or ']'"), ("a = [\"x\" \"y\"]\n", 1, 10, "expected ',' or ']'"),
        ("a = \"x\" b\n", 1, 9, "expected the end of the line, found 'b'"), ("a = \"x\"\na = \"y\"\n", 2, 1, "key 'a' is defined twice (first on line 1)"),
        ("[c]\n[c]\n", 2, 1, "table [c] is defined twice"), ("c = \"x\"\n[c]\n", 2, 1, "'c' is a key (line 1) and a table"),
        ("a = \"x\\q\"\n", 1, 7, "unknown escape"), ("a = \"\\uD800\"\n", 1, 6, "'\\uD800' is not a Unicode scalar value"),
        ("a = \"\\u12\"\n", 1, 6, "'\\u' needs 4 hex digits"), ("a = \"x\n", 1, 7, "unterminated string"),
        ("a = [\"x\",\n", 2, 1, "unterminated array"), ("a = \"x\"\r", 1, 9, "a carriage return must be followed by a line feed"),
        ("a = \"x\u{7}\"\n", 1, 7, "control character U+7 in a string"), ("# \u{1B}[2J\n", 1, 3, "control character U+1B in a comment"),
        ("a =\u{A0}\"x\"\n", 1, 4, "expected a string in double quotes or an array of them, found U+A0"), ("a\n", 1, 2, "expected '=' after key 'a'"),
        ("a = ", 1, 5, "expected a string in double quotes or an array of them, found the end of the file"),
    ] as [(String, Int, Int, String)])
    func text_outside_the_theme_format_is_refused_with_its_place(_ text: String, line: Int, column: Int, message: String) {
        do {
            let result = try Theme.parse(toml: text, file: "t.toml", fallbackName: "t")
            Issue.record("\(text.debugDescription) was accepted: \(result.warnings)")
        } catch {
            guard case let .parse(file, l, c, m) = error else { Issue.record("\(error)"); return }
            #expect(file == "t.toml" && l == line && c == column && m.hasPrefix(message), "\(text.debugDescription): \(l):\(c): \(m)")
            #expect(isOneCleanLine(error.description))
        }
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
