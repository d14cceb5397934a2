/// A theme's colours as SVG "#rrggbb" strings. SVG has no "terminal
/// default", so `.terminalDefault` falls back to print colours: a white page,
/// black ink and greys (the monochrome theme becomes a black-on-white figure).
public struct SVGPalette: Sendable, Equatable {
    public var background: String
    public var foreground: String
    public var muted: String
    /// Faint lines behind the data (tick grid).
    public var grid: String
    public var title: String
    public var median: String
    public var quartile: String
    public var loss: String
    public var warning: String
    /// Layer colours, cycled; never empty.
    public var violins: [String]

    public init(theme: Theme) {
        background = Self.hex(theme.background, fallback: "#ffffff")
        foreground = Self.hex(theme.foreground, fallback: "#000000")
        muted = Self.hex(theme.muted, fallback: "#555555")
        grid = Self.hex(theme.border, fallback: "#b0b0b0")
        title = Self.hex(theme.title, fallback: foreground)
        median = Self.hex(theme.median, fallback: "#000000")
        quartile = Self.hex(theme.quartile, fallback: "#333333")
        loss = Self.hex(theme.loss, fallback: "#000000")
        warning = Self.hex(theme.warning, fallback: "#000000")
        let layers = theme.violins.map { Self.hex($0, fallback: "#404040") }
        violins = layers.isEmpty ? [foreground] : layers
    }

    /// The colour of layer `index` (0-based), cycling.
    public func violin(_ index: Int) -> String { violins[((index % violins.count) + violins.count) % violins.count] }

    /// "#rrggbb", or `fallback` for the terminal's default colour.
    public static func hex(_ color: Color, fallback: String) -> String {
        guard case let .rgb(r, g, b) = color else { return fallback }
        return "#" + [r, g, b].map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
}
