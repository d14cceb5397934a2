/// What every widget needs besides its data: colours and glyphs.
public struct RenderContext: Sendable {
    public var theme: Theme
    public var glyphs: GlyphSet
    public init(theme: Theme = .dark, glyphs: GlyphSet = .unicode) {
        self.theme = theme
        self.glyphs = glyphs
    }
}

extension Grid {
    /// Draws a rounded frame around `rect` with `title` in its top edge
    /// ("╭─ title ───── trailing ─╮") and clears the inside. Returns the
    /// inner rectangle. Titles that do not fit are cut with an ellipsis.
    @discardableResult
    public mutating func drawPanel(_ rect: Rect, title: String, trailing: String = "",
                                   context: RenderContext, highlighted: Bool = false) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let g = context.glyphs, theme = context.theme
        let border = highlighted ? theme.accentStyle : theme.borderStyle
        fill(rect, with: theme.blankCell)
        for x in rect.x..<rect.maxX {
            self[x, rect.y] = Cell(g.horizontal, style: border)
            self[x, rect.maxY - 1] = Cell(g.horizontal, style: border)
        }
        for y in rect.y..<rect.maxY {
            self[rect.x, y] = Cell(g.vertical, style: border)
            self[rect.maxX - 1, y] = Cell(g.vertical, style: border)
        }
        self[rect.x, rect.y] = Cell(g.topLeft, style: border)
        self[rect.maxX - 1, rect.y] = Cell(g.topRight, style: border)
        self[rect.x, rect.maxY - 1] = Cell(g.bottomLeft, style: border)
        self[rect.maxX - 1, rect.maxY - 1] = Cell(g.bottomRight, style: border)
        let room = rect.width - 4
        let shownTitle = g.truncate(title, to: room - 2)
        if !shownTitle.isEmpty {
            put(" " + shownTitle + " ", x: rect.x + 2, y: rect.y, style: theme.titleStyle)
        }
        let spare = room - shownTitle.count - 3
        // The trailing note is a key hint: shown whole or not at all.
        if !trailing.isEmpty, spare >= trailing.count + 2 {
            put(" " + trailing + " ", x: rect.maxX - 2 - trailing.count - 2, y: rect.y, style: theme.mutedText)
        }
        return Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 2)
    }

    /// Writes `text` so it ends at `maxX` (exclusive), clipped on the left to `minX`.
    @discardableResult
    public mutating func putRight(_ text: String, maxX: Int, y: Int, minX: Int = 0, style: Style) -> Int {
        let shown = String(text.suffix(max(0, maxX - minX)))
        return put(shown, x: maxX - shown.count, y: y, style: style)
    }

    /// Writes `text` centred in `rect`'s row `y`, cut to the width.
    public mutating func putCentered(_ text: String, in rect: Rect, y: Int, style: Style, glyphs: GlyphSet) {
        let shown = glyphs.truncate(text, to: rect.width)
        put(shown, x: rect.x + (rect.width - shown.count) / 2, y: y, style: style)
    }
}
