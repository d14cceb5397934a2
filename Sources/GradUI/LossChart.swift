import Foundation
import GradSession

/// The loss over all steps as a braille line (or '*' in ASCII), with y tick
/// labels on the left and the step range along the bottom. In log scale the
/// y axis is log10(loss) with ticks at powers of ten; non-positive and
/// non-finite losses are left out of the plot rather than drawn as garbage.
public struct LossChart: Sendable {
    public var history: [LossPoint]
    public var logScale: Bool

    public init(history: [LossPoint], logScale: Bool) {
        self.history = history
        self.logScale = logScale
    }

    public func render(in rect: Rect, into grid: inout Grid, context: RenderContext) {
        let theme = context.theme, g = context.glyphs
        grid.fill(rect, with: theme.blankCell)
        let points = history.compactMap { point -> (step: Double, y: Double)? in
            guard point.loss.isFinite, !logScale || point.loss > 0 else { return nil }
            return (Double(point.step), logScale ? log10(Double(point.loss)) : Double(point.loss))
        }
        guard !points.isEmpty, rect.height >= 3, rect.width >= 10 else {
            grid.putCentered(history.isEmpty ? "no steps yet" : "no finite loss", in: rect,
                             y: rect.y + rect.height / 2, style: theme.mutedText, glyphs: g)
            return
        }
        let plotRows = rect.height - 1
        var low = points.map(\.y).min()!, high = points.map(\.y).max()!
        (low, high) = ViolinAxis.widened(low: low, high: high)
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

        var canvas = BrailleCanvas(columns: plot.width, rows: plot.height)
        let firstStep = points.first!.step, lastStep = max(points.last!.step, firstStep + 1)
        let dotsX = canvas.dotWidth, dotsY = canvas.dotHeight
        func dotY(_ y: Double) -> Int { Int(((high - y) / (high - low) * Double(dotsY - 1)).rounded()) }
        // Per dot column: the min..max of its points, joined to the previous column.
        var previous: Int?
        var columnLow = [Int?](repeating: nil, count: dotsX), columnHigh = [Int?](repeating: nil, count: dotsX)
        for point in points {
            let x = Int(((point.step - firstStep) / (lastStep - firstStep) * Double(dotsX - 1)).rounded())
            let y = dotY(point.y)
            columnLow[x] = max(columnLow[x] ?? y, y)
            columnHigh[x] = min(columnHigh[x] ?? y, y)
        }
        for x in 0..<dotsX {
            guard let top = columnHigh[x], let bottom = columnLow[x] else { continue }
            canvas.vertical(x: x, from: top, to: bottom)
            if let p = previous { canvas.vertical(x: x, from: p, to: (top + bottom) / 2) }
            previous = (top + bottom) / 2
        }
        canvas.draw(into: &grid, x: plot.x, y: plot.y, style: theme.lossStyle, glyphs: g)

        let startLabel = "\(Int(firstStep))", endLabel = "step \(Int(points.last!.step))"
        grid.put(startLabel, x: plot.x, y: rect.maxY - 1, style: theme.mutedText)
        grid.putRight(endLabel, maxX: rect.maxX, y: rect.maxY - 1, minX: plot.x + startLabel.count + 1, style: theme.mutedText)
        if logScale {
            grid.put("log", x: rect.x, y: rect.maxY - 1, style: theme.mutedText, limit: axisWidth - 1)
        }
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
}
