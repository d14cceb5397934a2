import GradSession

/// The loss curve as SVG: loss against step, on linear axes.
public enum LossPlotSVG {
    /// One curve: its points, colour, and the legend text (nil: no legend).
    struct Series {
        var label: String?
        var history: [LossPoint]
        var colour: String
        /// A dash pattern to tell curves apart when colours repeat (nil: solid).
        var dashes: String? = nil
    }

    /// Draws `series` in `outer` with a "Loss" title, labelled axes, ticks and,
    /// when the series have labels, a legend. Non-finite losses (a diverged
    /// run) are left out; with no finite point the axes are drawn empty.
    static func drawPanel(_ doc: inout SVGDocument, in outer: SVGRect, series: [Series], palette: SVGPalette) {
        let all = series.flatMap(\.history).filter { $0.loss.isFinite }
        let losses = all.map { Double($0.loss) }, steps = all.map { Double($0.step) }
        let yAxis = SVGValueAxis.padded(low: losses.min() ?? 0, high: losses.max() ?? 1, maxTicks: 7)
        let xAxis = SVGValueAxis.padded(low: steps.min() ?? 0, high: steps.max() ?? 1, maxTicks: 6)
        let area = SVGAxes.plotArea(in: outer, yLabels: yAxis.labels, hasTitle: true, xLabelLines: 1)
        let n = SVGDocument.number
        SVGAxes.drawTitle(&doc, "Loss", over: area, palette: palette)
        SVGAxes.drawYAxis(&doc, area: area, axis: yAxis, label: "Loss (MSE)", palette: palette)
        let at = { (point: LossPoint) in
            (x: xAxis.position(Double(point.step), from: area.x, to: area.maxX),
             y: yAxis.position(Double(point.loss), from: area.maxY, to: area.y))
        }
        for curve in series {
            let points = curve.history.filter { $0.loss.isFinite }
            if points.count == 1, let only = points.first {
                let p = at(only)
                doc.add("circle", ["class": "loss-curve", "cx": n(p.x), "cy": n(p.y), "r": "2.5", "fill": curve.colour])
            } else if !points.isEmpty {
                doc.add("path", ["class": "loss-curve", "d": SVGDocument.path(points.map(at)), "fill": "none",
                                 "stroke": curve.colour, "stroke-width": "1.8", "stroke-linejoin": "round",
                                 "stroke-dasharray": curve.dashes ?? "none"])
            }
        }
        SVGAxes.drawSpines(&doc, area: area, palette: palette)
        let ticks = zip(xAxis.ticks, xAxis.labels).map { (x: xAxis.position($0, from: area.x, to: area.maxX), label: $1, detail: String?.none) }
        SVGAxes.drawXAxis(&doc, area: area, ticks: ticks, label: "Step", palette: palette)
        drawLegend(&doc, series.filter { $0.label != nil }, topRight: (area.maxX - 8, area.y + 8), palette: palette)
    }

    /// A boxed legend whose top-right corner is at `topRight`: a line sample and the label per series.
    static func drawLegend(_ doc: inout SVGDocument, _ series: [Series], topRight: (x: Double, y: Double), palette: SVGPalette) {
        guard !series.isEmpty else { return }
        let n = SVGDocument.number, font = SVGAxes.tickFont, rowHeight = font + 5
        let textWidth = series.map { SVGAxes.textWidth($0.label ?? "", fontSize: font) }.max() ?? 0
        let width = 8 + 22 + 6 + textWidth + 8, height = 6 + Double(series.count) * rowHeight + 2
        let left = topRight.x - width
        doc.open("g", ["class": "legend"])
        doc.add("rect", ["x": n(left), "y": n(topRight.y), "width": n(width), "height": n(height), "rx": "3",
                         "fill": palette.background, "fill-opacity": "0.85", "stroke": palette.grid, "stroke-width": "0.8"])
        for (index, curve) in series.enumerated() {
            let y = topRight.y + 6 + (Double(index) + 0.5) * rowHeight
            doc.add("line", ["x1": n(left + 8), "y1": n(y), "x2": n(left + 30), "y2": n(y), "stroke": curve.colour,
                             "stroke-width": "1.8", "stroke-dasharray": curve.dashes ?? "none"])
            doc.add("text", ["x": n(left + 36), "y": n(y + font * 0.35), "font-size": n(font)], text: curve.label ?? "")
        }
        doc.close()
    }
}
