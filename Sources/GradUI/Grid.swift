/// A colour as widgets ask for it. The terminal backend maps it to what the
/// terminal can show (truecolor, 256, 16 or none).
public enum Color: Sendable, Hashable {
    /// The terminal's own foreground or background.
    case terminalDefault
    case rgb(UInt8, UInt8, UInt8)

    /// The colour a fraction `t` (0...1) of the way from this one to `other`; nil unless both are rgb.
    public func mixed(with other: Color, by t: Double) -> Color? {
        guard case let .rgb(r0, g0, b0) = self, case let .rgb(r1, g1, b1) = other else { return nil }
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded()) }
        return .rgb(mix(r0, r1), mix(g0, g1), mix(b0, b1))
    }
}

/// How a cell is drawn. Attributes survive on terminals without colour.
public struct Style: Sendable, Hashable {
    public var foreground: Color
    public var background: Color
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(foreground: Color = .terminalDefault, background: Color = .terminalDefault,
                bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    public static let plain = Style()
}

/// One terminal cell: a single-width glyph and its style.
///
/// A plain value: the glyph is kept as its UTF-8 bytes in one word, so a cell copies and
/// compares as bits, without the reference counting a `Character` needs; every frame
/// fills, copies and diffs every cell. Eight bytes hold any scalar with a combining mark
/// or two; a longer cluster keeps the scalars that fit.
public struct Cell: Sendable, Hashable {
    private var utf8: UInt64
    public var style: Style

    public init(_ glyph: Character = " ", style: Style = .plain) {
        self.utf8 = Cell.pack(glyph)
        self.style = style
    }

    public var glyph: Character {
        get {
            let text = String(unsafeUninitializedCapacity: 8) { buffer in
                var count = 0
                while count < 8, case let byte = UInt8(truncatingIfNeeded: utf8 >> (8 * UInt64(count))), byte != 0 {
                    buffer[count] = byte
                    count += 1
                }
                return count
            }
            return text.first ?? "\u{0}"
        }
        set { utf8 = Cell.pack(newValue) }
    }

    /// The glyph's UTF-8 bytes, first byte lowest, whole scalars only.
    private static func pack(_ glyph: Character) -> UInt64 {
        var packed: UInt64 = 0, shift: UInt64 = 0
        for scalar in glyph.unicodeScalars {
            let bytes = scalar.utf8
            guard shift / 8 + UInt64(bytes.count) <= 8 else { break }
            for byte in bytes {
                packed |= UInt64(byte) << shift
                shift += 8
            }
        }
        return packed
    }

    public static let blank = Cell()
}

/// A rectangle of cells, in grid coordinates (x to the right, y down).
public struct Rect: Sendable, Hashable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }
}

/// The in-memory screen every widget draws into. Only the terminal backend
/// turns it into output, so any widget or layout can be tested as text.
/// Writes outside the grid are clipped, never a crash.
public struct Grid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, filling cell: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = [Cell](repeating: cell, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { (x >= 0 && y >= 0 && x < width && y < height) ? cells[y * width + x] : .blank }
        set { if x >= 0 && y >= 0 && x < width && y < height { cells[y * width + x] = newValue } }
    }

    /// Writes `text` from (x, y) rightwards, one cell per character, clipped to
    /// the grid and to `limit` cells. Returns the number of cells written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, limit: Int = .max) -> Int {
        var column = x
        var written = 0
        for glyph in text {
            if written >= limit { break }
            self[column, y] = Cell(glyph, style: style)
            column += 1
            written += 1
        }
        return written
    }

    /// Fills `rect` (clipped) with `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) { cells[y * width + x] = cell }
        }
    }

    /// The glyphs row by row, trailing spaces kept: what snapshot tests compare.
    public var lines: [String] {
        (0..<height).map { y in String(cells[(y * width)..<((y + 1) * width)].map(\.glyph)) }
    }

    public var text: String { lines.joined(separator: "\n") }
}
