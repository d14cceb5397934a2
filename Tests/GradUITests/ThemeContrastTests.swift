import Foundation
import Testing
@testable import GradUI

/// WCAG 2 contrast ratio of two colours, nil when either is the terminal's default.
private func contrast(_ a: Color, _ b: Color) -> Double? {
    func luminance(_ c: Color) -> Double? {
        guard case let .rgb(r, g, b) = c else { return nil }
        let linear = [r, g, b].map { byte -> Double in
            let x = Double(byte) / 255
            return x <= 0.03928 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    }
    guard let la = luminance(a), let lb = luminance(b) else { return nil }
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

/// Themes are read from the back of a lecture room through a projector, which
/// loses contrast: text must reach WCAG AA (4.5:1) on the colour it is drawn on,
/// and marks and areas (violins, loss line, median) the 3:1 of non-text graphics.
@Suite struct ThemeContrastTests {
    static let text = 4.5, graphics = 3.0

    @Test(arguments: ThemeCatalog(userDirectory: nil).names)
    func everyTextColourOfABuiltinThemeReadsOnItsBackground(name: String) throws {
        let theme = try ThemeCatalog(userDirectory: nil).load(named: name).theme
        // Axis values and the run panel's keys are muted: they carry the numbers the lecture is about.
        let onBackground: [(String, Color)] = [("foreground", theme.foreground), ("muted", theme.muted), ("title", theme.title),
                                               ("accent", theme.accent), ("warning", theme.warning), ("good", theme.good),
                                               ("selection", theme.selection)]
        for (role, colour) in onBackground {
            guard let ratio = contrast(colour, theme.background) else { continue }
            #expect(ratio >= Self.text, "\(name): \(role) on background is \(String(format: "%.2f", ratio)):1")
        }
        // The header and hint bars draw the program name, run state and every hinted key on status_bg.
        let onStatusBar: [(String, Color)] = [("status_fg", theme.statusForeground), ("title", theme.title),
                                              ("accent (keys)", theme.accent), ("good (running)", theme.good)]
        for (role, colour) in onStatusBar {
            guard let ratio = contrast(colour, theme.statusBackground) else { continue }
            #expect(ratio >= Self.text, "\(name): \(role) on status_bg is \(String(format: "%.2f", ratio)):1")
        }
        if let alarm = contrast(theme.warning, theme.statusBackground) {
            #expect(alarm >= Self.graphics, "\(name): the reversed DIVERGED alarm is \(String(format: "%.2f", alarm)):1")
        }
    }

    @Test(arguments: ThemeCatalog(userDirectory: nil).names)
    func everyDataMarkOfABuiltinThemeStandsOutFromItsBackground(name: String) throws {
        let theme = try ThemeCatalog(userDirectory: nil).load(named: name).theme
        let marks = [("median", theme.median), ("quartile", theme.quartile), ("loss", theme.loss)]
            + theme.violins.enumerated().map { ("violin \($0.offset + 1)", $0.element) }
        for (role, colour) in marks {
            guard let ratio = contrast(colour, theme.background) else { continue }
            #expect(ratio >= Self.graphics, "\(name): \(role) on background is \(String(format: "%.2f", ratio)):1")
        }
    }
}
