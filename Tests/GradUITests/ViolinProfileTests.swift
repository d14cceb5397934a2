import GradSession
import Testing
@testable import GradUI

/// The terminal's violins follow the same KDE the SVG export draws: for the
/// notebook's six configurations, each half row the quadrant blocks draw is
/// within one quadrant (half a cell) of the SVG outline's width at that height.
///
/// A half row stands for a span of heights, over which the SVG's outline takes a
/// range of widths (from 0 where the span holds the data's end, as the SVG's
/// outline closes there); the drawn width must lie in that range, give or take one
/// quadrant for rounding.
@Suite struct ViolinProfileTests {
    static let configs = RunConfig.notebookComparison(RunConfig())

    @Test(arguments: configs.indices)
    func drawnHalfRowsFollowTheSVGOutline(config index: Int) throws {
        let snapshot = try HeadlessTraining.snapshot(config: Self.configs[index], steps: 60)
        let rows = 18, cellsPerSide = 6
        for layer in snapshot.layers {
            let stats = ViolinStatistics(values: layer.values)
            guard let low = stats.min, let high = stats.max, high > low else { continue }
            let threshold = AxisScale.symlogThreshold(layers: snapshot.layers.map { ViolinStatistics(values: $0.values).sorted })
            let (bottom, top) = ViolinAxis.widened(low: low, high: high)
            let axes = [ViolinAxis(scale: .linear, top: top, bottom: bottom, rows: rows, ticks: []),
                        ViolinAxis.symlog(low: low, high: high, linthresh: threshold, rows: rows)]
            for axis in axes {
                let shape = try #require(ViolinShape(values: layer.values, scale: axis.scale))
                let drawn = drawnHalfWidths(stats, axis: axis, cellsPerSide: cellsPerSide)
                #expect(drawn.compactMap { $0 }.count >= rows, "most half rows are outline, not marks")
                for (halfRow, width) in drawn.enumerated() {
                    guard let width else { continue }
                    let expected = svgWidths(shape, axis: axis, halfRow: halfRow, low: low, high: high, full: 2 * cellsPerSide)
                    #expect(Double(width) >= expected.lowerBound - 1 && Double(width) <= expected.upperBound + 1,
                            "\(Self.configs[index].activation)/\(Self.configs[index].initializer) \(layer.name) \(axis.scale) half row \(halfRow): drawn \(width) half cells, SVG \(expected)")
                }
            }
        }
    }

    /// The right half's inked quarters per half row, read back from the drawn cells; nil on
    /// rows the median and quartile marks cover.
    func drawnHalfWidths(_ stats: ViolinStatistics, axis: ViolinAxis, cellsPerSide: Int) -> [Int?] {
        let plot = Rect(x: 0, y: 0, width: 2 * cellsPerSide + 1, height: axis.rows)
        var grid = Grid(width: plot.width, height: plot.height)
        let widget = ViolinWidget(layers: [], mode: .perLayer)
        widget.drawViolin(stats, layer: 0, axis: axis, in: plot, into: &grid, context: RenderContext(theme: .dark, glyphs: .unicode))
        let quadrants = GlyphSet.unicode.quadrants
        return (0..<(2 * axis.rows)).map { halfRow in
            let y = halfRow / 2
            let cells = (0..<cellsPerSide).map { grid[cellsPerSide + $0, y].glyph }
            guard cells.allSatisfy({ quadrants.contains($0) }) else { return nil }
            let (inner, outer) = halfRow % 2 == 0 ? (1, 2) : (4, 8)
            return cells.reduce(0) { sum, glyph in
                let bits = quadrants.firstIndex(of: glyph)!
                return sum + (bits & inner != 0 ? 1 : 0) + (bits & outer != 0 ? 1 : 0)
            }
        }
    }

    /// The SVG outline's widths (in half cells, `full` at its widest) over the heights of `halfRow`.
    func svgWidths(_ shape: ViolinShape, axis: ViolinAxis, halfRow: Int, low: Double, high: Double, full: Int) -> ClosedRange<Double> {
        let span = axis.interval(halfRow: halfRow)
        guard span.upperBound >= low, span.lowerBound <= high else { return 0...0 }
        let from = axis.scale.forward(max(span.lowerBound, low)), to = axis.scale.forward(min(span.upperBound, high))
        let widths = (0...32).map { shape.width(at: axis.scale.inverse(from + (to - from) * Double($0) / 32)) * Double(full) }
        let holdsAnEnd = span.contains(low) || span.contains(high)
        return (holdsAnEnd ? 0 : widths.min()!)...widths.max()!
    }
}
