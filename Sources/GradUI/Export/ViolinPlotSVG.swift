import Foundation
import GradSession

/// The outline of one violin: the Gaussian KDE (Scott's rule, from
/// `ViolinStatistics`) evaluated between the smallest and largest value, as
/// matplotlib's `violinplot` does, scaled so the widest point is 1.
struct ViolinShape {
    static let pointCount = 100
    let statistics: ViolinStatistics
    /// (value, relative half-width in 0...1), from the smallest value up; one
    /// point of width 1 when the values do not spread (all equal).
    let outline: [(value: Double, width: Double)]
    private let peak: Double

    /// nil when no value is finite.
    init?(values: [Float]) {
        let stats = ViolinStatistics(values: values)
        guard let low = stats.min, let high = stats.max else { return nil }
        statistics = stats
        guard stats.scottBandwidth > 0, high > low else {
            outline = [(low, 1)]
            peak = 0
            return
        }
        let densities = (0..<Self.pointCount).map { i -> (Double, Double) in
            let value = low + (high - low) * Double(i) / Double(Self.pointCount - 1)
            return (value, stats.density(at: value))
        }
        let top = densities.map(\.1).max() ?? 0
        peak = top
        outline = densities.map { ($0.0, top > 0 ? $0.1 / top : 0) }
    }

    var isFlat: Bool { outline.count == 1 }

    /// The relative half-width at `value` (for the median and quartile marks).
    func width(at value: Double) -> Double {
        isFlat || peak <= 0 ? 1 : statistics.density(at: value) / peak
    }
}

/// Per-layer gradient violins as SVG, the notebook's `plot_grad` figure.
public enum ViolinPlotSVG {
    /// Each violin's widest point as a fraction of its layer's slot (matplotlib's default `widths=0.5`, a little wider).
    static let slotFill = 0.7

    /// The smallest and largest finite value over `layers`, nil when there is none.
    static func valueRange(_ layers: [LayerGradientSummary]) -> (low: Double, high: Double)? {
        var low = Double.infinity, high = -Double.infinity
        for layer in layers {
            for value in layer.values where value.isFinite {
                low = min(low, Double(value))
                high = max(high, Double(value))
            }
        }
        return low <= high ? (low, high) : nil
    }

    /// A shared axis for every layer of every snapshot.
    static func sharedAxis(_ snapshots: [TrainingSnapshot], maxTicks: Int = 8) -> SVGValueAxis {
        let ranges = snapshots.compactMap { valueRange($0.layers) }
        let low = ranges.map(\.low).min() ?? -1, high = ranges.map(\.high).max() ?? 1
        return SVGValueAxis.padded(low: low, high: high, maxTicks: maxTicks)
    }

    /// Draws one violin per layer in `outer` against `axis`: each a group
    /// `<g class="violin" data-layer="n">` (1-based) holding the outline, the
    /// quartile marks (dashed) and the median mark; then the axes.
    static func drawPanel(_ doc: inout SVGDocument, in outer: SVGRect, layers: [LayerGradientSummary], axis: SVGValueAxis,
                          title: String?, yLabel: String?, xLabel: String?, palette: SVGPalette) {
        let showShapes = layers.count <= 12
        let area = SVGAxes.plotArea(in: outer, yLabels: axis.labels, hasTitle: title != nil, xLabelLines: showShapes ? 2 : 1)
        let n = SVGDocument.number
        if let title { SVGAxes.drawTitle(&doc, title, over: area, palette: palette) }
        SVGAxes.drawYAxis(&doc, area: area, axis: axis, label: yLabel, palette: palette)
        let slot = area.width / Double(max(1, layers.count))
        let maxHalf = slot * slotFill / 2
        var ticks: [(x: Double, label: String, detail: String?)] = []
        for (index, layer) in layers.enumerated() {
            let centre = area.x + slot * (Double(index) + 0.5)
            let y = { (value: Double) in axis.position(value, from: area.maxY, to: area.y) }
            let colour = palette.violin(index)
            doc.open("g", ["class": "violin", "data-layer": "\(index + 1)", "data-name": layer.name])
            if let shape = ViolinShape(values: layer.values) {
                if shape.isFlat {
                    let v = y(shape.outline[0].value)
                    doc.add("line", ["class": "body", "x1": n(centre - maxHalf), "y1": n(v), "x2": n(centre + maxHalf), "y2": n(v),
                                     "stroke": colour, "stroke-width": "2"])
                } else {
                    let right = shape.outline.map { (x: centre + maxHalf * $0.width, y: y($0.value)) }
                    let left = shape.outline.reversed().map { (x: centre - maxHalf * $0.width, y: y($0.value)) }
                    doc.add("path", ["class": "body", "d": SVGDocument.path(right + left, closed: true), "fill": colour,
                                     "fill-opacity": "0.45", "stroke": colour, "stroke-width": "1.2", "stroke-linejoin": "round"])
                }
                for (q, mark) in [(0.25, "quartile"), (0.75, "quartile"), (0.5, "median")] {
                    guard let value = shape.statistics.quantile(q) else { continue }
                    let half = max(maxHalf * shape.width(at: value), 3)
                    var attributes: KeyValuePairs<String, String> = ["class": mark, "x1": n(centre - half), "y1": n(y(value)),
                        "x2": n(centre + half), "y2": n(y(value)), "stroke": palette.quartile, "stroke-width": "1",
                        "stroke-dasharray": "4 3"]
                    if mark == "median" {
                        attributes = ["class": mark, "x1": n(centre - half), "y1": n(y(value)), "x2": n(centre + half),
                                      "y2": n(y(value)), "stroke": palette.median, "stroke-width": "2"]
                    }
                    doc.add("line", attributes)
                }
            }
            doc.close()
            let shapeText = layer.kernelShape.map(String.init).joined(separator: "×")
            ticks.append((centre, "\(index + 1)", showShapes ? shapeText : nil))
        }
        SVGAxes.drawSpines(&doc, area: area, palette: palette)
        SVGAxes.drawXAxis(&doc, area: area, ticks: ticks, label: xLabel, palette: palette)
    }

    /// A standalone figure of `snapshot`: the violins, and beside them the
    /// loss curve when the snapshot is after a step. Pure: same input, same text.
    public static func figure(snapshot: TrainingSnapshot, theme: Theme) -> String {
        let palette = SVGPalette(theme: theme)
        let withLoss = snapshot.step > 0
        let violinWidth = max(560.0, 110 + 70 * Double(snapshot.layers.count))
        let width = violinWidth + (withLoss ? 420 : 0), height = 500.0
        let title = SVGFigureText.title(snapshot.config, step: snapshot.step)
        var doc = SVGDocument(width: width, height: height, title: title,
                              background: palette.background, foreground: palette.foreground)
        let top = SVGFigureText.drawHeader(&doc, title: title, subtitle: SVGFigureText.subtitle(snapshot), palette: palette)
        let footnotes = SVGFigureText.packed(SVGFigureText.footnotes([snapshot]), width: width - 32)
        let bottom = height - 8 - Double(footnotes.count) * 14
        doc.open("g", ["class": "gradients"])
        drawPanel(&doc, in: SVGRect(x: 8, y: top, width: violinWidth - 8, height: bottom - top),
                  layers: snapshot.layers, axis: sharedAxis([snapshot]), title: "Gradients",
                  yLabel: "Gradient values", xLabel: "Layer", palette: palette)
        doc.close()
        if withLoss {
            doc.open("g", ["class": "loss"])
            LossPlotSVG.drawPanel(&doc, in: SVGRect(x: violinWidth + 10, y: top, width: width - violinWidth - 18, height: bottom - top),
                                  series: [.init(label: nil, history: snapshot.lossHistory, colour: palette.loss)], palette: palette)
            doc.close()
        }
        SVGFigureText.drawFootnotes(&doc, footnotes, bottom: height - 8, palette: palette)
        return doc.text()
    }
}
