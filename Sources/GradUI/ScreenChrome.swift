/// The parts every full screen shares: the hint bar at the bottom and the
/// "terminal too small" notice.
extension Grid {
    /// The bottom bar: `message` when set, else the hinted keys of `bindings`
    /// ("q quit  space pause ...") as far as they fit.
    public mutating func drawHintBar(_ bindings: [KeyBinding], message: String?, in rect: Rect, context: RenderContext) {
        let theme = context.theme
        fill(rect, with: Cell(" ", style: theme.statusStyle))
        if let message {
            put(context.glyphs.truncate(message, to: rect.width - 2), x: rect.x + 1, y: rect.y,
                style: Style(foreground: theme.accent, background: theme.statusBackground, bold: true))
            return
        }
        var x = rect.x + 1
        for binding in bindings {
            guard let hint = binding.hint else { continue }
            let key = binding.action == .speedDown ? "- +" : binding.action == .lrDown ? "[ ]" : binding.keyLabel
            guard x + key.count + hint.count + 1 < rect.maxX else { break }
            x += put(key, x: x, y: rect.y, style: theme.statusKeyStyle)
            x += put(" " + hint + "  ", x: x, y: rect.y, style: theme.statusStyle)
        }
    }

    /// A centred "terminal too small (have WxH, need 80x23)", wrapped to the width.
    public mutating func drawTooSmall(needWidth: Int, needHeight: Int, context: RenderContext) {
        let need = "need \(needWidth)x\(needHeight)"
        let have = "have \(width)x\(height)"
        let full = "terminal too small (\(have), \(need))"
        let lines = full.count <= width ? [full] : ["terminal too small", have + ",", need]
        let top = (height - lines.count) / 2
        for (row, line) in lines.enumerated() {
            putCentered(line, in: bounds, y: top + row, style: context.theme.warningStyle, glyphs: context.glyphs)
        }
    }
}
