import GradUI

/// Turns frames into the ANSI escape text a VT100-style terminal needs to show
/// them: what a recording stores so a player reproduces the screen. Pure (no
/// terminal, no ncurses), so it is tested by replaying its output.
///
/// Output uses only: clear screen (`ESC[2J`), cursor position (`ESC[row;colH`),
/// cursor forward (`ESC[nC`), hide/show cursor (`ESC[?25l`/`h`), SGR with
/// bold, underline, reverse and 24-bit colours (`38;2;r;g;b`, `48;2;r;g;b`,
/// `39`, `49`), and the glyphs. Auto-wrap is never relied on.
public enum AnsiFrameEncoder {
    static let escape = "\u{1b}["

    /// The text that turns a screen showing `previous` into `next`.
    ///
    /// Without a previous frame, or when the size changed, the screen is reset
    /// (attributes off, cursor hidden, cleared) and every cell that is not a
    /// plain blank is drawn. Otherwise only the changed cells are written, in
    /// row-major order; an unchanged frame gives "". Neither the cursor
    /// position nor the pen is assumed at entry, so frames can be encoded
    /// independently. Cost: one comparison per cell; output proportional to
    /// the changed cells.
    public static func encode(from previous: Grid?, to next: Grid) -> String {
        var output = ""
        let baseline: Grid
        var pen: Style?
        var cursor: (x: Int, y: Int)?
        if let previous, previous.width == next.width, previous.height == next.height {
            baseline = previous
        } else {
            output += escape + "0m" + escape + "?25l" + escape + "H" + escape + "2J"
            baseline = Grid(width: next.width, height: next.height)
            pen = .plain
            cursor = (0, 0)
        }
        for index in GridDiff.changedIndices(from: baseline, to: next) {
            let x = index % next.width, y = index / next.width
            let cell = next.cells[index]
            output += move(from: cursor, toX: x, y: y)
            output += sgr(from: pen, to: cell.style)
            pen = cell.style
            output += glyphText(cell.glyph)
            // After the last column the cursor waits to wrap; re-position instead.
            cursor = x + 1 < next.width ? (x + 1, y) : nil
        }
        return output
    }

    /// The text that hands the screen back after the last frame of a
    /// `height`-row grid: attributes off, cursor shown, on the bottom row, as
    /// a terminal is left when the dashboard quits.
    public static func leaving(height: Int) -> String {
        escape + "0m" + escape + "?25h" + escape + "\(max(1, height));1H"
    }

    /// The shortest move this encoder knows from `cursor` to (x, y): nothing,
    /// cursor-forward on the same row, else an absolute position (1-based).
    static func move(from cursor: (x: Int, y: Int)?, toX x: Int, y: Int) -> String {
        if let cursor, cursor.y == y {
            if cursor.x == x { return "" }
            if cursor.x < x { return escape + (x - cursor.x == 1 ? "" : "\(x - cursor.x)") + "C" }
        }
        return escape + "\(y + 1);\(x + 1)H"
    }

    /// SGR text that changes the pen from `current` (nil: unknown) to `style`.
    /// Turning an attribute off starts from a reset (`0`), which old terminals
    /// understand better than the individual "off" codes.
    static func sgr(from current: Style?, to style: Style) -> String {
        var codes: [String] = []
        var base: Style
        if let current, !(current.bold && !style.bold), !(current.underline && !style.underline),
           !(current.reverse && !style.reverse) {
            base = current
        } else {
            codes.append("0")
            base = .plain
        }
        if style.bold && !base.bold { codes.append("1") }
        if style.underline && !base.underline { codes.append("4") }
        if style.reverse && !base.reverse { codes.append("7") }
        if style.foreground != base.foreground { codes.append(colorCode(style.foreground, layer: 38)) }
        if style.background != base.background { codes.append(colorCode(style.background, layer: 48)) }
        return codes.isEmpty ? "" : escape + codes.joined(separator: ";") + "m"
    }

    /// `38;2;r;g;b` / `48;2;r;g;b`, or `39` / `49` for the terminal default.
    static func colorCode(_ color: Color, layer: Int) -> String {
        switch color {
        case .terminalDefault: return "\(layer + 1)"
        case let .rgb(r, g, b): return "\(layer);2;\(r);\(g);\(b)"
        }
    }

    /// The glyph as written: "?" for anything that would not occupy exactly
    /// one cell (control characters, wide or zero-width glyphs), since that
    /// would shift the rest of the row in the player. Same rule as the screen.
    static func glyphText(_ glyph: Character) -> String {
        let scalars = GlyphEncoding.scalars(for: glyph, unicode: true, width: columnWidth)
        var text = ""
        for value in scalars { if let scalar = Unicode.Scalar(value) { text.unicodeScalars.append(scalar) } }
        return text
    }

    /// A locale-independent stand-in for wcwidth(3): 0 for combining and
    /// format characters, 2 for East Asian wide and emoji-presentation
    /// characters, 1 otherwise. Players differ at the edges; these are the
    /// ranges they agree on.
    static func columnWidth(_ value: UInt32) -> Int32 {
        guard let scalar = Unicode.Scalar(value) else { return -1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if scalar.properties.isEmojiPresentation { return 2 }
        let wideRanges: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD,
        ]
        return wideRanges.contains { $0.contains(value) } ? 2 : 1
    }
}
