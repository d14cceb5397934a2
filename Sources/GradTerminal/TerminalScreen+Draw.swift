import CNcursesw
import GradUI

extension TerminalScreen {
    /// Puts `grid` on screen, writing only the cells that differ from the
    /// previous frame (all of them after a resize, a resume, or when the grid
    /// size changes), then flushes once. Cells outside the terminal are
    /// clipped. Cost: one comparison per cell plus output proportional to
    /// the changed cells; an unchanged frame writes nothing to the terminal.
    ///
    /// Never blocks: while the terminal has not taken the previous frame,
    /// `grid` is not drawn and `nextEvent` later reports `.outputDrained`
    /// (see `FrameOutput`).
    public func draw(_ grid: Grid) {
        guard !isClosed else { return }
        if frameOutput?.isWaiting == true {
            frameOutput?.holdFrame()
            return
        }
        let window = gt_stdscr()
        let visible = size
        let sizeChanged = previousFrame.map { $0.width != grid.width || $0.height != grid.height } ?? true
        if sizeChanged {
            // Clear what the old frame left outside the new grid.
            _ = werase(window)
        }
        var written = 0
        var glyph = [wchar_t](repeating: 0, count: Int(CCHARW_MAX) + 1)
        for index in GridDiff.changedIndices(from: previousFrame, to: grid) {
            let x = index % grid.width, y = index / grid.width
            guard x < visible.width, y < visible.height else { continue }
            put(grid.cells[index], x: x, y: y, window: window, glyph: &glyph)
            written += 1
        }
        _ = wnoutrefresh(window)
        writing { _ = doupdate() }
        previousFrame = grid
        cellsWrittenLastFrame = written
    }

    /// Waits (up to `limit`) until the terminal has taken every byte drawn so far, so the next
    /// `draw` is not held back: for a caller that draws without waiting in `nextEvent` (the
    /// bench, which counts each frame's bytes).
    public func flushOutput(waitingAtMost limit: Duration = .seconds(5)) {
        frameOutput?.finish(by: .now + limit)
    }

    /// Runs ncurses calls that write (`doupdate`, the settings sent at the start), their output
    /// captured by `frameOutput` when there is one.
    func writing(_ body: () -> Void) {
        if frameOutput == nil { body() } else { frameOutput?.capture(body) }
    }

    /// Makes the next `draw` repaint every cell, and ncurses repaint the whole
    /// physical screen (after a resume, the terminal may show anything).
    func forceFullRedraw() {
        previousFrame = nil
        _ = clearok(gt_curscr(), true)
    }

    private func put(_ cell: Cell, x: Int, y: Int, window: UnsafeMutablePointer<WINDOW>?, glyph: inout [wchar_t]) {
        let scalars = GlyphEncoding.scalars(for: cell.glyph, unicode: isUnicode) { gt_glyph_width(wchar_t($0)) }
        for (index, scalar) in scalars.enumerated() { glyph[index] = wchar_t(scalar) }
        glyph[scalars.count] = 0
        let style = cell.style
        let attributes = gt_attributes(style.bold ? 1 : 0, style.reverse ? 1 : 0, style.underline ? 1 : 0)
        let pair = pairNumber(for: style)
        glyph.withUnsafeBufferPointer { buffer in
            _ = gt_put_cell(window, Int32(y), Int32(x), buffer.baseAddress, attributes, pair)
        }
    }

    /// The colour pair for a style's colours, defining it on first use.
    private func pairNumber(for style: Style) -> Int32 {
        guard colorDepth != .none else { return 0 }
        let colors = ColorPairTable.Colors(
            foreground: ColorMapping.number(for: style.foreground, depth: colorDepth),
            background: ColorMapping.number(for: style.background, depth: colorDepth))
        switch pairs.pair(for: colors) {
        case .existing(let number):
            return number
        case .new(let number):
            // A pair ncurses refuses shows in the default colours, not garbage.
            return init_extended_pair(number, colors.foreground, colors.background) == ERR ? 0 : number
        }
    }
}

/// Pure rules for what a glyph becomes on screen.
enum GlyphEncoding {
    static let replacement: UInt32 = 0x3F  // "?"

    /// The scalars to write for `glyph`: itself when the terminal can show it
    /// in one cell, else "?". ASCII mode allows printable ASCII only; Unicode
    /// mode also rejects control characters and glyphs whose first scalar is
    /// not one column wide according to `width` (wcwidth), since a wide or
    /// zero-width glyph would shift the rest of the row. At most
    /// `CCHARW_MAX` (5) scalars are kept, the limit of one ncurses cell.
    static func scalars(for glyph: Character, unicode: Bool, width: (UInt32) -> Int32) -> [UInt32] {
        if let ascii = glyph.asciiValue {
            return (0x20...0x7E).contains(ascii) ? [UInt32(ascii)] : [replacement]
        }
        guard unicode else { return [replacement] }
        let scalars = glyph.unicodeScalars.prefix(5).map(\.value)
        guard let first = scalars.first, width(first) == 1,
              !scalars.contains(where: { $0 < 0x20 || (0x7F..<0xA0).contains($0) })
        else { return [replacement] }
        return scalars
    }
}
