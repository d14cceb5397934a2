#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc
import GradSession

/// Gradient flow over time: one row per layer (input side at the top), each
/// cell the layer's mean |gradient| over a bin of history points, on one log
/// scale shared by all layers. Colour comes from the theme's heat gradient
/// and the glyph from the shade ramp, so a fading first row (vanishing
/// gradients) reads with or without colour. Zero and non-finite values are
/// blank. The right edge shows each layer's latest value; the bottom row (when
/// there are three or more) is the key: the scale's colours between its end values.
///
/// Bins hold a power-of-two number of points and the strip fills from the
/// left, so a new step changes only the last column; the scale's ends snap
/// outward to half decades. Both change rarely (when the strip is full, when
/// a value leaves the range), which keeps the cells, and so the bytes sent to
/// the terminal, steady from step to step.
public struct HeatStrip: Sendable {
    public var layers: [LayerGradientSummary]

    public init(layers: [LayerGradientSummary]) { self.layers = layers }

    /// The shared log10 range of all positive finite history values, its ends moved outward to
    /// multiples of 0.5 (half decades); nil when there is no such value.
    public var logRange: ClosedRange<Double>? {
        let logs = layers.flatMap(\.meanAbsHistory).filter { $0.isFinite && $0 > 0 }.map { log10(Double($0)) }
        guard let low = logs.min(), let high = logs.max() else { return nil }
        let snappedLow = (low * 2).rounded(.down) / 2
        return snappedLow...max((high * 2).rounded(.up) / 2, snappedLow + 0.5)
    }

    /// History points per column: the smallest power of two that fits `count` points into `columns`.
    static func binSize(count: Int, columns: Int) -> Int {
        var size = 1
        while size * columns < count { size *= 2 }
        return size
    }

    /// Which layers get a row when there are more layers than rows: evenly
    /// spread, always the first and the last.
    static func shownLayers(count: Int, rows: Int) -> [Int] {
        guard count > rows else { return Array(0..<count) }
        guard rows > 1 else { return rows == 1 ? [0] : [] }
        return (0..<rows).map { Int((Double($0) * Double(count - 1) / Double(rows - 1)).rounded()) }
    }

    public func render(in rect: Rect, into grid: inout Grid, context: RenderContext) {
        let theme = context.theme, g = context.glyphs
        grid.fill(rect, with: theme.blankCell)
        guard !layers.isEmpty, rect.height > 0 else {
            grid.putCentered("no layers", in: rect, y: rect.y + rect.height / 2, style: theme.mutedText, glyphs: g)
            return
        }
        let hasKey = rect.height >= 3
        let shown = HeatStrip.shownLayers(count: layers.count, rows: rect.height - (hasKey ? 1 : 0))
        let labelWidth = "\(layers.count)".count + 1
        let valueWidth = rect.width >= 20 ? 8 : 0
        let stripWidth = rect.width - labelWidth - valueWidth
        guard stripWidth >= 2 else { return }
        let range = logRange
        if hasKey, let range {
            drawKey(range, x: rect.x + labelWidth, y: rect.maxY - 1, width: stripWidth + valueWidth, into: &grid, context: context)
        }
        for (row, layerIndex) in shown.enumerated() {
            let layer = layers[layerIndex], y = rect.y + row
            grid.putRight("\(layerIndex + 1)", maxX: rect.x + labelWidth - 1, y: y, minX: rect.x, style: theme.mutedText)
            let history = layer.meanAbsHistory
            let bin = HeatStrip.binSize(count: history.count, columns: stripWidth)
            for column in 0..<stripWidth where column * bin < history.count {
                let slice = history[(column * bin)..<min((column + 1) * bin, history.count)].filter { $0.isFinite }
                guard !slice.isEmpty else { continue }
                let mean = Double(slice.reduce(0, +)) / Double(slice.count)
                grid[rect.x + labelWidth + column, y] = cell(for: mean, range: range, context: context)
            }
            if valueWidth > 0 {
                let latest = Double(layer.meanAbs)
                grid.putRight(NiceTicks.scientific(latest), maxX: rect.maxX, y: y, minX: rect.maxX - valueWidth + 1,
                              style: latest.isFinite ? theme.text : theme.warningStyle)
            }
        }
    }

    /// A shade glyph and heat colour for `value` on the shared log range.
    func cell(for value: Double, range: ClosedRange<Double>?, context: RenderContext) -> Cell {
        let shades = context.glyphs.shades
        guard value > 0, value.isFinite, let range else { return context.theme.blankCell }
        let span = range.upperBound - range.lowerBound
        let fraction = span > 0 ? (log10(value) - range.lowerBound) / span : 1
        let level = 1 + min(shades.count - 2, Int(fraction * Double(shades.count - 1)))
        let style = Style(foreground: context.theme.heatColor(at: fraction), background: context.theme.background)
        return Cell(shades[level], style: style)
    }

    /// "3.2e-3 ░▒▓█ 3.2e-1": the scale's colour ramp between its end values (mean |g|), as wide
    /// as fits up to 16 cells; nothing when even a 2-cell ramp does not fit.
    func drawKey(_ range: ClosedRange<Double>, x: Int, y: Int, width: Int, into grid: inout Grid, context: RenderContext) {
        let low = NiceTicks.scientific(pow(10, range.lowerBound)), high = NiceTicks.scientific(pow(10, range.upperBound))
        let ramp = min(16, width - low.count - high.count - 2)
        guard ramp >= 2 else { return }
        var column = x + grid.put(low + " ", x: x, y: y, style: context.theme.mutedText)
        for i in 0..<ramp {
            let fraction = (Double(i) + 0.5) / Double(ramp)
            grid[column, y] = cell(for: pow(10, range.lowerBound + fraction * (range.upperBound - range.lowerBound)),
                                   range: range, context: context)
            column += 1
        }
        grid.put(" " + high, x: column, y: y, style: context.theme.mutedText)
    }
}
