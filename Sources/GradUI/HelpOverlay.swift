/// The ? overlay: every key binding, derived from `KeyBindings.all`, in one
/// or two columns depending on the height, then what the screen's figures mean
/// and how the mouse works.
public struct HelpOverlay: Sendable {
    /// The keys to list; each screen passes the table it answers to.
    public var bindings: [KeyBinding]
    public var mouseNote: String
    /// Lines explaining the screen's figures, under the keys.
    public var legend: [String]

    public init(bindings: [KeyBinding] = KeyBindings.all, mouseNote: String = HelpOverlay.mouseNote,
                legend: [String] = HelpOverlay.ratioLegend) {
        self.bindings = bindings
        self.mouseNote = mouseNote
        self.legend = legend
    }

    public static let mouseNote = "click a picker item to choose it"
    /// The gradient ratio the status panel and the compare tiles show ("1st/last", "g1/gL").
    public static let ratioLegend = [
        "1st/last (g1/gL): mean |gradient| of the first layer over the last;",
        "below \(NiceTicks.label(Double(StatusPanel.vanishingRatio))) vanishing, above \(NiceTicks.label(Double(1 / StatusPanel.vanishingRatio))) exploding",
    ]

    /// Under the plain dashboard's keys: where the captions are, for someone who opened `gradtop`
    /// without knowing what a vanishing gradient is (the tour's own help leaves it out).
    public static let tourNote = "new here? quit (q) and run 'gradtop tour': a guided tour with captions"

    public func render(in area: Rect, into grid: inout Grid, context: RenderContext) {
        let theme = context.theme, g = context.glyphs
        let keyWidth = bindings.map(\.keyLabel.count).max() ?? 1
        let summaryWidth = bindings.map(\.summary.count).max() ?? 1
        let entryWidth = keyWidth + 2 + summaryWidth
        let singleColumnHeight = bindings.count + 2 + 2 + legend.count
        let columns = singleColumnHeight <= area.height ? 1 : 2
        let rowsPerColumn = (bindings.count + columns - 1) / columns
        let noteWidth = max(mouseNote.count + 11, (legend.map(\.count).max() ?? 0) + 4)
        var width = min(area.width, max(columns * entryWidth + (columns - 1) * 3 + 4, noteWidth))
        var height = min(area.height, rowsPerColumn + 2 + 2 + legend.count)
        // A sliver of dashboard beside the box looks like a rendering fault.
        if area.width - width < 4 { width = area.width }
        if area.height - height < 3 { height = area.height }
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        let inner = grid.drawPanel(box, title: "keys", trailing: "? or esc closes", context: context, highlighted: true)
        let columnWidth = (inner.width - (columns - 1) * 3 - 2) / columns
        for (index, binding) in bindings.enumerated() {
            let column = index / rowsPerColumn, row = index % rowsPerColumn
            let x = inner.x + 1 + column * (columnWidth + 3), y = inner.y + row
            guard y < inner.maxY - 2 - legend.count || (y < inner.maxY && inner.height <= 2) else { continue }
            grid.put(binding.keyLabel, x: x, y: y, style: theme.accentStyle, limit: keyWidth)
            grid.put(g.truncate(binding.summary, to: columnWidth - keyWidth - 2), x: x + keyWidth + 2, y: y, style: theme.text)
        }
        for (index, line) in legend.enumerated() where inner.height > legend.count + 3 {
            grid.put(g.truncate(line, to: inner.width - 2), x: inner.x + 1, y: inner.maxY - 1 - legend.count + index,
                     style: theme.mutedText)
        }
        grid.put(g.truncate("mouse: " + mouseNote, to: inner.width - 2), x: inner.x + 1, y: inner.maxY - 1,
                 style: theme.mutedText)
    }
}

/// The m overlay: the model summary text (the Keras-like table) in a box,
/// cut to fit with an ellipsis row when it is too tall.
public struct SummaryOverlay: Sendable {
    public var lines: [String]
    public init(lines: [String]) { self.lines = lines }

    public func render(in area: Rect, into grid: inout Grid, context: RenderContext) {
        let theme = context.theme, g = context.glyphs
        let shown = lines.isEmpty ? ["no model yet"] : lines
        let width = min(area.width, (shown.map(\.count).max() ?? 0) + 4)
        let height = min(area.height, shown.count + 2)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        let inner = grid.drawPanel(box, title: "model summary", trailing: "m closes", context: context, highlighted: true)
        for (row, line) in shown.prefix(inner.height).enumerated() {
            let cut = row == inner.height - 1 && shown.count > inner.height ? String(g.ellipsis) : line
            grid.put(asciiIfNeeded(g.truncate(cut, to: inner.width - 2), glyphs: g), x: inner.x + 1, y: inner.y + row,
                     style: theme.text)
        }
    }

    /// With ASCII glyphs, box-drawing in the given text becomes + - | and
    /// any other non-ASCII character '?', so the ASCII promise holds.
    func asciiIfNeeded(_ text: String, glyphs: GlyphSet) -> String {
        guard !glyphs.usesBraille else { return text }
        return String(text.map { ch -> Character in
            if ch.isASCII { return ch }
            guard let scalar = ch.unicodeScalars.first, (0x2500...0x257F).contains(scalar.value) else { return "?" }
            switch scalar.value {
            case 0x2500, 0x2501, 0x2504...0x2505, 0x2508...0x2509, 0x254C...0x254D, 0x2550: return "-"
            case 0x2502, 0x2503, 0x2506...0x2507, 0x250A...0x250B, 0x254E...0x254F, 0x2551: return "|"
            default: return "+"
            }
        })
    }
}
