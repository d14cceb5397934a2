import Foundation
import Testing
@testable import GradUI

/// The theme file format as gradtop reads it: every shipped theme and a set of
/// files with warnings must parse to exactly what TOMLKit gave before the
/// parser became gradtop's own (the snapshot `themes-as-parsed.txt` was
/// recorded with TOMLKit 0.6.0).
@Suite struct ThemeFileFormat {
    /// Files inside the supported part of TOML that warn: unknown keys and
    /// tables, bad colours, an empty array, a name with an escape sequence,
    /// CRLF lines, a BOM, multi-line arrays with comments, escapes.
    static let filesWithWarnings: [(label: String, text: String)] = [
        ("unknown-colour-key", "name = \"mine\"\n\n[colors]\nforeground = \"#010203\"\nsparkle = \"#ffffff\"\n"),
        ("bad-colours", "[colors]\nborder = \"#12345\"\nheat = [\"#000000\", \"blue\"]\ntitle = \"#ABCDEF\"\n"),
        ("unknown-keys-and-tables", "name = \"\"\nextra = \"x\"\n[colors]\nviolin = []\nheat = [\"default\", \"#00FF00\"]\nloss = \"red\"\n[other]\nkey = \"v\"\n"),
        ("colors-not-a-table", "colors = \"nope\"\nname = \"a\\u001b[31mred\"\n"),
        ("crlf", "name = \"x\"\r\n[colors]\r\nloss = \"red\"\r\n"),
        ("multi-line-array", "[colors]\nviolin = [\n  \"#ff0000\", # [} in a comment\n  \"#00ff00\",\n]\nloss = \"#12345\\\"\"\n"),
        ("bom", "\u{FEFF}name = \"bom\"\n[colors]\nmuted = \"#0a0B0c\"\n"),
        ("unicode-escapes", "name = \"caf\\u00e9 \\U0001F600 \\t\\\\\"\n"),
        ("whitespace-and-comments", "  name\t=\t\"t\"  # c\n\t[ colors ]  # c\n  accent=\"#102030\"#c\n# end"),
        ("no-final-newline", "[colors]\ngood = \"default\""),
        ("array-for-a-colour", "[colors]\nborder = [\"#000000\", \"x\"]\nviolin = \"#ffffff\"\nheat = [\"#0000001\"]\n"),
    ]

    @Test func shipped_themes_and_files_with_warnings_parse_as_they_did_with_tomlkit() throws {
        var lines: [String] = []
        for (name, text) in builtinThemeFiles {
            lines += try Self.describe(label: "builtin:\(name)", text: text)
        }
        for (label, text) in Self.filesWithWarnings {
            lines += try Self.describe(label: label, text: text)
        }
        Snapshots.check(lines, named: "themes-as-parsed")
    }

    /// The theme's name and every colour, then its warnings sorted by line and message.
    static func describe(label: String, text: String) throws -> [String] {
        let (theme, warnings) = try Theme.parse(toml: text, file: label, fallbackName: "fallback")
        func hex(_ color: Color) -> String {
            guard case let .rgb(r, g, b) = color else { return "default" }
            return "#" + [r, g, b].map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        }
        let roles: [Color] = [theme.background, theme.foreground, theme.muted, theme.border, theme.title, theme.accent,
                              theme.selection, theme.median, theme.quartile, theme.loss, theme.warning, theme.good,
                              theme.statusBackground, theme.statusForeground]
        return ["\(label): name \(theme.name.debugDescription)",
                "  " + roles.map(hex).joined(separator: " "),
                "  violin " + theme.violins.map(hex).joined(separator: " "),
                "  heat " + theme.heat.map(hex).joined(separator: " ")]
            + warnings.sorted { ($0.line, $0.message) < ($1.line, $1.message) }.map { "  warning \($0.description)" }
    }
}
