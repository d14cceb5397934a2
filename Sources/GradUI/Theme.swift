/// The semantic colours of the dashboard. Widgets ask for a role (`border`,
/// `median`, ...), never a literal colour, so a theme file can restyle
/// everything. Attributes that carry meaning (bold titles, reversed
/// selection, bold medians) are applied by the style helpers whatever the
/// colours, so the monochrome theme and colourless terminals stay legible.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var background: Color
    public var foreground: Color
    public var muted: Color
    public var border: Color
    public var title: Color
    public var accent: Color
    public var selection: Color
    public var median: Color
    public var quartile: Color
    public var loss: Color
    public var warning: Color
    public var good: Color
    public var statusBackground: Color
    public var statusForeground: Color
    /// Per-layer violin colours, cycled; never empty.
    public var violins: [Color]
    /// Heat-strip gradient stops from low to high; never empty.
    public var heat: [Color]

    /// The built-in default, identical to themes/dark.toml (a test checks it).
    public static let dark = Theme(
        name: "dark", background: .hex(0x15171c), foreground: .hex(0xd6dae3), muted: .hex(0x8a919e),
        border: .hex(0x3d4452), title: .hex(0x8fc1ff), accent: .hex(0xf2b66d), selection: .hex(0x8fc1ff),
        median: .hex(0xffffff), quartile: .hex(0xa9b1c2), loss: .hex(0x7ee0a1), warning: .hex(0xff6b6b),
        good: .hex(0x7ee0a1), statusBackground: .hex(0x242833), statusForeground: .hex(0xd6dae3),
        violins: [.hex(0x6fb3ff), .hex(0xc59bff), .hex(0xff8fb1), .hex(0xffb86b), .hex(0xe6d56a), .hex(0x72d9c9)],
        heat: [.hex(0x1d2230), .hex(0x2f4a7a), .hex(0x3f8fc4), .hex(0x9fe0a0), .hex(0xffe27a)])

    /// The colour of layer `index` (0-based), cycling through `violins`.
    public func violinColor(layer index: Int) -> Color {
        violins.isEmpty ? foreground : violins[((index % violins.count) + violins.count) % violins.count]
    }

    /// The heat gradient at `fraction` in 0...1, linearly between stops.
    /// `.terminalDefault` stops are not interpolated: the nearer stop wins.
    public func heatColor(at fraction: Double) -> Color {
        guard heat.count > 1 else { return heat.first ?? foreground }
        let f = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let position = f * Double(heat.count - 1)
        let lower = min(heat.count - 2, Int(position))
        let t = position - Double(lower)
        return heat[lower].mixed(with: heat[lower + 1], by: t) ?? (t < 0.5 ? heat[lower] : heat[lower + 1])
    }
}

extension Color {
    /// 0xRRGGBB.
    public static func hex(_ value: UInt32) -> Color {
        .rgb(UInt8((value >> 16) & 0xff), UInt8((value >> 8) & 0xff), UInt8(value & 0xff))
    }
}

// MARK: - Styles for each role

extension Theme {
    public var text: Style { Style(foreground: foreground, background: background) }
    public var mutedText: Style { Style(foreground: muted, background: background) }
    public var borderStyle: Style { Style(foreground: border, background: background) }
    public var titleStyle: Style { Style(foreground: title, background: background, bold: true) }
    public var accentStyle: Style { Style(foreground: accent, background: background, bold: true) }
    /// Reversed so the chosen item shows without colour too.
    public var selectionStyle: Style { Style(foreground: selection, background: background, bold: true, reverse: true) }
    public var medianStyle: Style { Style(foreground: median, background: background, bold: true) }
    public var quartileStyle: Style { Style(foreground: quartile, background: background) }
    public var lossStyle: Style { Style(foreground: loss, background: background) }
    public var warningStyle: Style { Style(foreground: warning, background: background, bold: true) }
    public var goodStyle: Style { Style(foreground: good, background: background) }
    public var statusStyle: Style { Style(foreground: statusForeground, background: statusBackground) }
    public var statusKeyStyle: Style { Style(foreground: accent, background: statusBackground, bold: true) }
    public func violinStyle(layer index: Int) -> Style { Style(foreground: violinColor(layer: index), background: background) }
    /// An empty cell in the panel colours: what layouts clear with.
    public var blankCell: Cell { Cell(" ", style: text) }
}
