/// A dot canvas for line plots: each cell holds 2 x 4 dots, drawn as one
/// Unicode braille character (U+2800 + dot bits), so a plot gets twice the
/// horizontal and four times the vertical resolution of the cells. With
/// ASCII glyphs each cell with any dot set becomes `GlyphSet.plotPoint`.
public struct BrailleCanvas: Sendable {
    public let columns: Int, rows: Int
    /// Dot bits per cell, row-major.
    private var bits: [UInt8]

    /// A canvas of `columns` x `rows` cells (2·columns x 4·rows dots).
    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        bits = [UInt8](repeating: 0, count: self.columns * self.rows)
    }

    public var dotWidth: Int { columns * 2 }
    public var dotHeight: Int { rows * 4 }

    // Braille numbering: dots 1-3 and 7 down the left column, 4-6 and 8 down the right.
    private static let dotBit: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]

    /// Sets the dot at (x, y), y = 0 at the top; outside dots are ignored.
    public mutating func set(x: Int, y: Int) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        bits[(y / 4) * columns + x / 2] |= BrailleCanvas.dotBit[y % 4][x % 2]
    }

    /// Sets every dot on the vertical run between y0 and y1 in column x.
    public mutating func vertical(x: Int, from y0: Int, to y1: Int) {
        for y in min(y0, y1)...max(y0, y1) { set(x: x, y: y) }
    }

    /// Sets every dot below `lowest[x]` in each dot column x (none where it is -1): the area under a curve.
    public mutating func fill(below lowest: [Int]) {
        for (x, y) in lowest.enumerated() where y >= 0 && y + 1 < dotHeight { vertical(x: x, from: y + 1, to: dotHeight - 1) }
    }

    public func isSet(column: Int, row: Int) -> Bool { bits[row * columns + column] != 0 }

    /// The character for cell (column, row): braille, or `point`/" " in ASCII.
    public func glyph(column: Int, row: Int, glyphs: GlyphSet) -> Character {
        BrailleCanvas.glyph(bits: bits[row * columns + column], glyphs: glyphs)
    }

    static func glyph(bits b: UInt8, glyphs: GlyphSet) -> Character {
        guard glyphs.usesBraille else { return b == 0 ? " " : glyphs.plotPoint }
        return Character(Unicode.Scalar(0x2800 + UInt32(b))!)
    }

    /// Clears every cell's right dot column, so a line reads as dotted (one dot, one gap).
    public mutating func keepLeftDotColumns() {
        for i in bits.indices { bits[i] &= 0x47 }
    }

    /// Copies the set cells into `grid` at (x, y) with `style`; unset cells are left alone.
    /// With `other` (the same size), its dots join this canvas' in the cells drawn: a line
    /// over a filled area keeps the area's dots under it.
    public func draw(into grid: inout Grid, x: Int, y: Int, style: Style, glyphs: GlyphSet, adding other: BrailleCanvas? = nil) {
        for row in 0..<rows {
            for column in 0..<columns where bits[row * columns + column] != 0 {
                let index = row * columns + column
                let glyph = BrailleCanvas.glyph(bits: bits[index] | (other?.bits[index] ?? 0), glyphs: glyphs)
                grid[x + column, y + row] = Cell(glyph, style: style)
            }
        }
    }
}
