import GradAutodiff
import GradTensor

/// The `f` overlay: the current activation f(x) on [-10, 10] and its
/// derivative, the closed form drawn as a line and the autodiff tape's value as
/// dots on it (the notebook's Exercise 1.3: "the dots should be on top of the
/// line"), with the largest difference between the two.
public struct ActivationView: Sendable {
    public var activation: Activation
    public init(activation: Activation) { self.activation = activation }

    public static let range: ClosedRange<Float> = -10...10
    /// Cells left of each plot for its value labels and axis line.
    static let axisWidth = 8

    /// x, f(x), f'(x) in closed form, and f'(x) from the GradientTape, at `count` points.
    public static func samples(_ activation: Activation, count: Int) -> (x: [Float], f: [Float], closed: [Float], tape: [Float]) {
        let xs = Tensor.linspace(range.lowerBound, range.upperBound, count: max(2, count))
        let tape = GradientTape()
        let x = tape.watch(xs)
        let y = x.applying(activation)
        let derivative = tape.gradient(of: y, wrt: x)
        return (xs.scalars, y.value.scalars, xs.scalars.map(activation.derivative), derivative.scalars)
    }

    public func render(in area: Rect, into grid: inout Grid, context: RenderContext) {
        let theme = context.theme, g = context.glyphs
        let width = min(area.width, 76), height = min(area.height, 22)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        let inner = grid.drawPanel(box, title: "activation \(activation.name) on [-10, 10]", trailing: "f or esc closes",
                                   context: context, highlighted: true)
        guard inner.width >= 20, inner.height >= 8 else { return }
        let plotHeight = (inner.height - 3) / 2
        let columns = inner.width - ActivationView.axisWidth - 2
        let s = ActivationView.samples(activation, count: columns * 2)
        let worst = zip(s.closed, s.tape).map { abs($0 - $1) }.max() ?? 0
        let top = Rect(x: inner.x, y: inner.y, width: inner.width, height: plotHeight)
        let bottom = Rect(x: inner.x, y: inner.y + plotHeight + 1, width: inner.width, height: plotHeight)
        plot(s.f, label: "f(x)", in: top, style: theme.violinStyle(layer: 0), into: &grid, context: context)
        let rows = plot(s.closed, label: "f'(x)", in: bottom, style: theme.violinStyle(layer: 1), into: &grid, context: context)
        // Tape values as dots on every fourth cell column, on the row where they fall.
        if let (low, high) = rows {
            for column in stride(from: 1, to: columns, by: 4) {
                let value = Double(s.tape[min(s.tape.count - 1, column * 2)])
                // The braille dot row the line uses for this value, then its cell.
                let row = Int(((high - value) / (high - low) * Double(bottom.height * 4 - 1)).rounded()) / 4
                grid[bottom.x + ActivationView.axisWidth + 1 + column, bottom.y + min(bottom.height - 1, max(0, row))] = Cell(g.marker, style: theme.accentStyle)
            }
        }
        let plotX = inner.x + ActivationView.axisWidth + 1
        grid.put("-10", x: plotX, y: bottom.maxY, style: theme.mutedText)
        grid.putRight("10", maxX: plotX + columns, y: bottom.maxY, style: theme.mutedText)
        grid.putCentered("0", in: Rect(x: plotX, y: bottom.maxY, width: columns, height: 1), y: bottom.maxY,
                         style: theme.mutedText, glyphs: g)
        let note = "line: closed form   \(g.marker): GradientTape   max |difference| \(NiceTicks.label(Double(worst)))"
        grid.put(g.truncate(note, to: inner.width - 2), x: inner.x + 1, y: inner.maxY - 1, style: theme.mutedText)
    }

    /// A line plot of `values` over the x range, with the extremes labelled; returns the value range drawn.
    @discardableResult
    func plot(_ values: [Float], label: String, in rect: Rect, style: Style, into grid: inout Grid,
              context: RenderContext) -> (low: Double, high: Double)? {
        let finite = values.filter(\.isFinite).map(Double.init)
        guard let minValue = finite.min(), let maxValue = finite.max(), rect.height >= 2 else { return nil }
        let (low, high) = ViolinAxis.widened(low: minValue, high: maxValue)
        let theme = context.theme, g = context.glyphs
        let axisX = rect.x + ActivationView.axisWidth
        grid.putRight(g.truncate(NiceTicks.label(high), to: ActivationView.axisWidth - 1), maxX: axisX, y: rect.y, style: theme.mutedText)
        grid.putRight(g.truncate(NiceTicks.label(low), to: ActivationView.axisWidth - 1), maxX: axisX, y: rect.maxY - 1, style: theme.mutedText)
        grid.put(label, x: rect.x + 1, y: rect.y + rect.height / 2, style: theme.accentStyle)
        for row in 0..<rect.height { grid[axisX, rect.y + row] = Cell(g.axisLine, style: theme.borderStyle) }
        var canvas = BrailleCanvas(columns: rect.width - ActivationView.axisWidth - 2, rows: rect.height)
        var previous: Int?
        for x in 0..<canvas.dotWidth {
            let value = Double(values[min(values.count - 1, x * values.count / canvas.dotWidth)])
            guard value.isFinite else { previous = nil; continue }
            let y = Int(((high - value) / (high - low) * Double(canvas.dotHeight - 1)).rounded())
            canvas.vertical(x: x, from: previous ?? y, to: y)
            previous = y
        }
        canvas.draw(into: &grid, x: axisX + 1, y: rect.y, style: style, glyphs: g)
        return (low, high)
    }
}
