#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc
import GradSession

/// The loss over all steps as a continuous braille line over the area under
/// it, filled in a dim shade of the line's colour as btop draws its graphs (ASCII:
/// a line of '*', no fill), with y tick labels on the left and the step range
/// along the bottom. A second series (test loss, once a split exists) is one
/// more `plot` call into its own canvas, drawn in another colour without fill. Both axes end at
/// nice values beyond the data, so the curve grows into free space and the
/// chart re-scales only now and then. In log scale the
/// y axis is log10(loss) with ticks at powers of ten; non-positive and
/// non-finite losses are left out of the plot rather than drawn as garbage.
/// With a test set, the test loss is a second, dotted line on the same axes (the theme's
/// accent; 'o' in ASCII), drawn under the training loss, with a "train test" legend.
public struct LossChart: Sendable {
    public var history: [LossPoint]
    public var logScale: Bool
    public var testHistory: [LossPoint]

    public init(history: [LossPoint], logScale: Bool, testHistory: [LossPoint] = []) {
        self.history = history
        self.logScale = logScale
        self.testHistory = testHistory
    }

    public func render(in rect: Rect, into grid: inout Grid, context: RenderContext) {
        let theme = context.theme, g = context.glyphs
        grid.fill(rect, with: theme.blankCell)
        let plotted = { (series: [LossPoint]) in series.compactMap { point -> (step: Double, y: Double)? in
            guard point.loss.isFinite, !logScale || point.loss > 0 else { return nil }
            return (Double(point.step), logScale ? log10(Double(point.loss)) : Double(point.loss))
        } }
        let points = plotted(history), testPoints = plotted(testHistory)
        guard !points.isEmpty, rect.height >= 3, rect.width >= 10 else {
            grid.putCentered(history.isEmpty ? "no steps yet" : "no finite loss", in: rect,
                             y: rect.y + rect.height / 2, style: theme.mutedText, glyphs: g)
            return
        }
        let plotRows = rect.height - 1
        let (low, high) = yRange((points + testPoints).map(\.y).min()!, (points + testPoints).map(\.y).max()!)
        let ticks = yTicks(low: low, high: high, rows: plotRows)
        let axisWidth = (ticks.map(\.label.count).max() ?? 1) + 1
        let plot = Rect(x: rect.x + axisWidth, y: rect.y, width: rect.width - axisWidth, height: plotRows)
        func row(_ y: Double) -> Int { Int(((high - y) / (high - low) * Double(plotRows - 1)).rounded()) }
        for r in 0..<plotRows { grid[plot.x - 1, rect.y + r] = Cell(g.axisLine, style: theme.borderStyle) }
        for tick in ticks {
            let r = row(tick.value)
            guard r >= 0, r < plotRows else { continue }
            grid.putRight(tick.label, maxX: plot.x - 1, y: rect.y + r, minX: rect.x, style: theme.mutedText)
            grid[plot.x - 1, rect.y + r] = Cell(g.axisTick, style: theme.borderStyle)
        }

        var line = BrailleCanvas(columns: plot.width, rows: plot.height), fill = line
        let dotsX = line.dotWidth, dotsY = line.dotHeight
        // At least one dot column per step, so a young run's steps do not each re-scale the x axis.
        let firstStep = points.first!.step
        let endStep = LossChart.steadyRange(low: firstStep, high: max(points.last!.step, firstStep + Double(dotsX - 1))).high
        func dots(_ series: [(step: Double, y: Double)]) -> [(x: Int, y: Int)] {
            series.map { point in
                (x: Int(((point.step - firstStep) / (endStep - firstStep) * Double(dotsX - 1)).rounded()),
                 y: Int(((high - point.y) / (high - low) * Double(dotsY - 1)).rounded()))
            }
        }
        let lowest = LossChart.plot(dots(points), into: &line)
        if g.usesBraille { fill.fill(below: lowest) }
        fill.draw(into: &grid, x: plot.x, y: plot.y, style: LossChart.fillStyle(theme), glyphs: g)
        if !testPoints.isEmpty {
            // The test loss: a dotted line (every other dot column; 'o' in ASCII) in the accent colour, no fill.
            var testLine = BrailleCanvas(columns: plot.width, rows: plot.height)
            _ = LossChart.plot(dots(testPoints), into: &testLine)
            if g.usesBraille { testLine.keepLeftDotColumns() }
            var testGlyphs = g
            testGlyphs.plotPoint = g.marker
            testLine.draw(into: &grid, x: plot.x, y: plot.y, style: LossChart.testStyle(theme), glyphs: testGlyphs)
        }
        line.draw(into: &grid, x: plot.x, y: plot.y, style: theme.lossStyle, glyphs: g, adding: fill)
        if !testPoints.isEmpty && plot.width >= 12 {
            grid.putRight("test", maxX: rect.maxX, y: rect.y, style: LossChart.testStyle(theme))
            grid.putRight("train ", maxX: rect.maxX - 4, y: rect.y, style: theme.lossStyle)
        }

        let startLabel = "\(Int(firstStep))", endLabel = "step \(Int(endStep))"
        grid.put(startLabel, x: plot.x, y: rect.maxY - 1, style: theme.mutedText)
        grid.putRight(endLabel, maxX: rect.maxX, y: rect.maxY - 1, minX: plot.x + startLabel.count + 1, style: theme.mutedText)
        if logScale {
            grid.put("log", x: rect.x, y: rect.maxY - 1, style: theme.mutedText, limit: axisWidth - 1)
        }
    }

    /// The plotted range of `low...high`: widened to the (at most 5) nice ticks that cover it,
    /// so it moves only when the data cross one of them rather than with every new point.
    /// Steady axes keep the curve's cells, and so the bytes sent to the terminal, unchanged
    /// from step to step; the plot is never clamped, since the range always covers the data.
    static func steadyRange(low: Double, high: Double) -> (low: Double, high: Double) {
        let (low, high) = ViolinAxis.widened(low: low, high: high)
        let values = NiceTicks.covering(low: low, high: high, maxCount: 5).values
        return (min(low, values.first ?? low), max(high, values.last ?? high))
    }

    /// The y axis' ends for data in `low...high`. Linear: from zero (or the nice value below a
    /// negative `low`) to the nice value above `high`; log: whole decades around the data. A
    /// falling loss thus never moves the axis; only a value leaving it does.
    func yRange(_ low: Double, _ high: Double) -> (low: Double, high: Double) {
        if logScale {
            let bottom = (low + 1e-5).rounded(.down)
            return (bottom, max((high - 1e-5).rounded(.up), bottom + 1))
        }
        return LossChart.steadyRange(low: min(0, low), high: high)
    }

    /// Linear: nice ticks. Log: powers of ten inside the range, or the
    /// range's ends when it spans less than a decade.
    func yTicks(low: Double, high: Double, rows: Int) -> [(value: Double, label: String)] {
        let maxTicks = max(2, (rows - 1) / 2 + 1)
        if !logScale {
            let (values, step) = NiceTicks.ticks(low: low, high: high, maxCount: maxTicks)
            return values.map { ($0, NiceTicks.label($0, step: step)) }
        }
        // Float losses are not exact powers of ten: 1e-3 logs to -2.9999998.
        let first = Int(ceil(low - 1e-5)), last = Int(floor(high + 1e-5))
        if last - first >= 1 {
            let decades = Array(first...last)
            let every = max(1, (decades.count + maxTicks - 1) / maxTicks)
            return decades.enumerated().filter { $0.offset % every == 0 }.map { (Double($0.element), NiceTicks.label(pow(10, Double($0.element)), step: pow(10, Double($0.element)))) }
        }
        return [(high, NiceTicks.label(pow(10, high))), (low, NiceTicks.label(pow(10, low)))]
    }

    /// Draws `dots` (x ascending) into `line` as one connected curve: each dot column's
    /// points as a vertical run, consecutive columns joined by straight segments, so a few
    /// points read as a line. Returns the curve's lowest dot per dot column (-1: none), where
    /// the filled area starts.
    static func plot(_ dots: [(x: Int, y: Int)], into line: inout BrailleCanvas) -> [Int] {
        var previous: (x: Int, y: Int)?
        var lowest = [Int](repeating: -1, count: line.dotWidth)
        func mark(_ x: Int, _ y0: Int, _ y1: Int) {
            line.vertical(x: x, from: y0, to: y1)
            if x >= 0, x < lowest.count { lowest[x] = max(lowest[x], y0, y1) }
        }
        for dot in dots {
            if let p = previous, dot.x > p.x + 1 {
                // Across the empty columns between two points: the straight segment, column by column.
                var y = p.y
                for x in (p.x + 1)...dot.x {
                    let next = Int((Double(p.y) + Double(dot.y - p.y) * Double(x - p.x) / Double(dot.x - p.x)).rounded())
                    mark(x, y == next ? next : y + (next > y ? 1 : -1), next)
                    y = next
                }
            } else {
                mark(dot.x, previous?.y ?? dot.y, dot.y)
            }
            previous = dot
        }
        return lowest
    }

    /// The test loss' colour: the theme's accent.
    static func testStyle(_ theme: Theme) -> Style { Style(foreground: theme.accent, background: theme.background) }

    /// The area under the curve: the line's colour a third of the way from the background
    /// (the line's own style when the theme has no RGB colours to mix).
    static func fillStyle(_ theme: Theme) -> Style {
        guard let dim = theme.loss.mixed(with: theme.background, by: 0.65) else { return theme.lossStyle }
        return Style(foreground: dim, background: theme.background)
    }
}
