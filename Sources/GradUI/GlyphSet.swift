/// Every character a widget draws that is not plain text. Widgets take their
/// glyphs from here only, so `.ascii` renders every widget in pure 7-bit
/// ASCII (for terminals without a UTF-8 locale) and tests can assert it.
/// All glyphs are single-width.
public struct GlyphSet: Sendable, Equatable {
    public var name: String
    /// Braille dots for line plots; when false, plots use `plotPoint`.
    public var usesBraille: Bool

    // Panel frames.
    public var topLeft: Character, topRight: Character
    public var bottomLeft: Character, bottomRight: Character
    public var horizontal: Character, vertical: Character

    // Violins: centred on a cell boundary, widths in half cells.
    public var violinFull: Character
    /// The outer half cell on the left side (right half of the cell inked).
    public var violinHalfLeft: Character
    /// The outer half cell on the right side (left half of the cell inked).
    public var violinHalfRight: Character
    public var median: Character
    public var quartile: Character
    /// Quadrant blocks indexed by their inked quarters (bit 0 upper left, 1 upper right,
    /// 2 lower left, 3 lower right): violins at two steps per cell across and down.
    /// Empty: violins use whole rows of `violinFull` and the half-cell glyphs.
    public var quadrants: [Character]

    // Axes and plots.
    public var axisLine: Character
    public var axisTick: Character
    public var plotPoint: Character
    /// Single points drawn over a line plot, distinct from the line's own glyph.
    public var marker: Character
    /// Ink density ramp, empty to full; the heat strip's value stays readable without colour.
    public var shades: [Character]

    // Pickers, status and text.
    public var focus: Character
    /// Shown at a list's top / bottom edge when it scrolls on.
    public var scrollUp: Character, scrollDown: Character
    public var chosen: Character
    public var previous: Character, next: Character
    public var ellipsis: Character
    public var separator: Character
    public var running: Character, paused: Character

    public static let unicode = GlyphSet(
        name: "unicode", usesBraille: true,
        topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯", horizontal: "─", vertical: "│",
        violinFull: "█", violinHalfLeft: "▐", violinHalfRight: "▌", median: "━", quartile: "╌",
        quadrants: [" ", "▘", "▝", "▀", "▖", "▌", "▞", "▛", "▗", "▚", "▐", "▜", "▄", "▙", "▟", "█"],
        axisLine: "│", axisTick: "┤", plotPoint: "•", marker: "•", shades: [" ", "░", "▒", "▓", "█"],
        focus: "▶", scrollUp: "▲", scrollDown: "▼", chosen: "●", previous: "◀", next: "▶", ellipsis: "…", separator: "·",
        running: "▶", paused: "‖")

    public static let ascii = GlyphSet(
        name: "ascii", usesBraille: false,
        topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "-", vertical: "|",
        violinFull: "#", violinHalfLeft: "|", violinHalfRight: "|", median: "=", quartile: "-", quadrants: [],
        axisLine: "|", axisTick: "+", plotPoint: "*", marker: "o", shades: [" ", ".", ":", "+", "#"],
        focus: ">", scrollUp: "^", scrollDown: "v", chosen: "*", previous: "<", next: ">", ellipsis: "~", separator: "|",
        running: ">", paused: "=")

    /// Every glyph of the set, for tests and for checking a terminal's font.
    public var allGlyphs: [Character] {
        [topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical, violinFull, violinHalfLeft,
         violinHalfRight, median, quartile, axisLine, axisTick, plotPoint, marker, focus, chosen, previous, next,
         ellipsis, separator, running, paused, scrollUp, scrollDown] + shades + quadrants
    }

    /// `text` cut to `width` cells, ending in the ellipsis glyph when cut.
    public func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        return String(text.prefix(width - 1)) + String(ellipsis)
    }
}
