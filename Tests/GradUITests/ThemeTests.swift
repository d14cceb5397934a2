import Foundation
import Testing
@testable import GradUI

@Suite struct ThemeTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes")

    @Test func embeddedThemesEqualTheFilesInThemesByteForByte() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesDirectory.path)
            .filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.sorted()
        #expect(files == builtinThemeFiles.map(\.name).sorted(), "themes/ and BuiltinThemes.swift list different themes")
        for (name, text) in builtinThemeFiles {
            let onDisk = try Data(contentsOf: Self.themesDirectory.appendingPathComponent(name + ".toml"))
            // Regenerate Sources/GradUI/BuiltinThemes.swift from themes/*.toml when this fails.
            #expect(Data(text.utf8) == onDisk, "embedded \(name).toml differs from themes/\(name).toml")
        }
    }

    @Test func atLeastSixBuiltinThemesIncludingTheRequiredOnes() {
        let names = ThemeCatalog(userDirectory: nil).names
        #expect(names.count >= 6)
        for required in ["dark", "light", "high-contrast", "okabe-ito", "monochrome"] { #expect(names.contains(required)) }
        #expect(names.first == "dark")
    }

    @Test func everyBuiltinThemeLoadsWithoutWarnings() throws {
        let catalog = ThemeCatalog(userDirectory: nil)
        for name in catalog.names {
            let (theme, warnings) = try catalog.load(named: name)
            #expect(warnings.isEmpty, "\(name): \(warnings)")
            #expect(theme.name == name)
            #expect(!theme.violins.isEmpty && !theme.heat.isEmpty)
        }
    }

    @Test func darkTomlIsTheBuiltinDefault() throws {
        let (theme, _) = try ThemeCatalog(userDirectory: nil).load(named: "dark")
        #expect(theme == Theme.dark)
    }

    @Test func monochromeUsesNoColourButKeepsMeaningfulAttributes() throws {
        let (theme, _) = try ThemeCatalog(userDirectory: nil).load(named: "monochrome")
        let styles = [theme.text, theme.titleStyle, theme.selectionStyle, theme.medianStyle, theme.borderStyle, theme.violinStyle(layer: 3)]
        #expect(styles.allSatisfy { $0.foreground == .terminalDefault && $0.background == .terminalDefault })
        #expect(theme.selectionStyle.reverse)
        #expect(theme.titleStyle.bold)
    }

    @Test func anUnknownKeyWarnsWithFileAndLineAndKeepsTheDefault() throws {
        let text = "name = \"mine\"\n\n[colors]\nforeground = \"#010203\"\nsparkle = \"#ffffff\"\n"
        let (theme, warnings) = try Theme.parse(toml: text, file: "mine.toml", fallbackName: "mine")
        #expect(theme.foreground == .rgb(1, 2, 3))
        #expect(warnings.count == 1)
        #expect(warnings.first?.line == 5)
        #expect(warnings.first?.description.hasPrefix("mine.toml:5: unknown colour key 'sparkle'") == true)
        #expect(theme.background == Theme.dark.background)
    }

    @Test func aBadColourWarnsAndFallsBackForThatKeyOnly() throws {
        let text = "[colors]\nborder = \"#12345\"\nheat = [\"#000000\", \"blue\"]\ntitle = \"#ABCDEF\"\n"
        let (theme, warnings) = try Theme.parse(toml: text, file: "t.toml", fallbackName: "t")
        #expect(warnings.map(\.line) == [2, 3])
        #expect(theme.border == Theme.dark.border)
        #expect(theme.heat == Theme.dark.heat)
        #expect(theme.title == .rgb(0xab, 0xcd, 0xef))
        #expect(theme.name == "t")
    }

    @Test func aFileThatDoesNotParseIsAnErrorNamingFileAndLine() {
        let text = "name = \"broken\"\n[colors]\nborder = \"#123456\n"
        #expect {
            _ = try Theme.parse(toml: text, file: "broken.toml", fallbackName: "broken")
        } throws: { error in
            guard case let .parse(file, line, _, _) = error as? ThemeError else { return false }
            return file == "broken.toml" && line == 3
        }
    }

    @Test func userThemesOverrideBuiltinsByNameAndBrokenOnesFallBackToDark() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gradtop-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "[colors]\naccent = \"#00ff00\"\n".write(to: directory.appendingPathComponent("light.toml"), atomically: true, encoding: .utf8)
        try "[colors\n".write(to: directory.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
        let catalog = ThemeCatalog(userDirectory: directory.path)
        #expect(catalog.names.filter { $0 == "light" }.count == 1)
        #expect(catalog.names.last == "bad")
        let (light, _) = try catalog.load(named: "light")
        #expect(light.accent == .rgb(0, 255, 0))
        #expect(light.name == "light")
        let (fallback, messages) = catalog.loadOrDefault(named: "bad")
        #expect(fallback == Theme.dark)
        #expect(messages.count == 1 && messages[0].contains("bad.toml:1:") && messages[0].contains("using the default theme"), "\(messages)")
    }

    @Test func anUnknownThemeNameListsTheValidNames() {
        let catalog = ThemeCatalog(userDirectory: nil)
        #expect(throws: ThemeError.unknownName("neon", valid: catalog.names)) { try catalog.load(named: "neon") }
        #expect(ThemeError.unknownName("neon", valid: ["dark", "light"]).description == "unknown theme 'neon'; valid themes: dark, light")
    }

    @Test func theUserDirectoryFollowsXDGConfigHome() {
        #expect(ThemeCatalog.defaultUserDirectory(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/gradtop/themes")
        #expect(ThemeCatalog.defaultUserDirectory(environment: ["HOME": "/h"]) == "/h/.config/gradtop/themes")
    }

    @Test func cyclingThemesWrapsAround() {
        let catalog = ThemeCatalog(userDirectory: nil)
        #expect(catalog.name(after: "dark") == catalog.names[1])
        #expect(catalog.name(after: catalog.names.last!) == "dark")
    }

    @Test func heatColoursInterpolateBetweenStops() {
        var theme = Theme.dark
        theme.heat = [.rgb(0, 0, 0), .rgb(200, 100, 50)]
        #expect(theme.heatColor(at: 0) == .rgb(0, 0, 0))
        #expect(theme.heatColor(at: 0.5) == .rgb(100, 50, 25))
        #expect(theme.heatColor(at: 7) == .rgb(200, 100, 50))
        #expect(theme.heatColor(at: .nan) == .rgb(0, 0, 0))
    }
}

@Suite struct GlyphSetTests {
    @Test func theASCIISetIsSevenBitOnly() {
        #expect(GlyphSet.ascii.allGlyphs.allSatisfy { $0.isASCII })
        #expect(!GlyphSet.ascii.usesBraille)
    }

    @Test func everyUnicodeGlyphIsOneScalar() {
        #expect(GlyphSet.unicode.allGlyphs.allSatisfy { $0.unicodeScalars.count == 1 })
    }

    @Test func truncationEndsInTheEllipsisGlyph() {
        #expect(GlyphSet.ascii.truncate("random_uniform", to: 6) == "rando~")
        #expect(GlyphSet.unicode.truncate("relu", to: 6) == "relu")
        #expect(GlyphSet.unicode.truncate("relu", to: 0) == "")
    }

    @Test func darkTomlDocumentsEveryColourKeyInItsHeader() throws {
        let text = try String(contentsOf: ThemeTests.themesDirectory.appendingPathComponent("dark.toml"), encoding: .utf8)
        let comments = text.split(separator: "\n").filter { $0.hasPrefix("#") }.joined(separator: " ")
        for key in Theme.colorKeys { #expect(comments.contains(key), "dark.toml does not document '\(key)'") }
    }
}
