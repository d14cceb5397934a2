#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GradSession

/// Per-layer gradient violins as SVG, the notebook's `plot_grad` figure.
public enum ViolinPlotSVG {
    /// How long the value axis of a panel drawn in `outer` is (what decides how many symlog ticks fit).
    static func axisLength(_ outer: SVGRect, hasTitle: Bool) -> Double {
        SVGAxes.plotArea(in: outer, yLabels: [], hasTitle: hasTitle, xLabelLines: 2).height
    }

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

    /// Draws one violin per layer in `outer` against `axis`, or with a nil axis each
    /// violin on its own range with its extremes labelled at its ends (class
    /// "layer-extreme"). Each violin is a group `<g class="violin" data-layer="n">`
    /// (1-based) holding the outline, the quartile marks (dashed) and the median
    /// mark; then the axes.
    static func drawPanel(_ doc: inout SVGDocument, in outer: SVGRect, layers: [LayerGradientSummary], axis: SVGValueAxis?,
                          title: String?, yLabel: String?, xLabel: String?, palette: SVGPalette) {
        let showShapes = layers.count <= 12
        let area = SVGAxes.plotArea(in: outer, yLabels: axis?.labels ?? [], hasTitle: title != nil, xLabelLines: showShapes ? 2 : 1)
        if let title { SVGAxes.drawTitle(&doc, title, over: area, palette: palette) }
        SVGAxes.drawYAxis(&doc, area: area, axis: axis, label: yLabel, palette: palette)
        let slot = area.width / Double(max(1, layers.count))
        // Own ranges leave a line of room above and below each violin for its extremes.
        let room = axis == nil ? SVGAxes.tickFont + 6 : 0
        var ticks: [(x: Double, label: String, detail: String?)] = []
        for (index, layer) in layers.enumerated() {
            let centre = area.x + slot * (Double(index) + 0.5)
            let own = axis ?? ownRange(layer)
            let y = { (value: Double) in own.position(value, from: area.maxY - room, to: area.y + room) }
            doc.open("g", ["class": "violin", "data-layer": "\(index + 1)", "data-name": layer.name])
            if let shape = ViolinShape(values: layer.values, scale: own.scale) {
                drawViolin(&doc, shape, centre: centre, maxHalf: slot * slotFill / 2, y: y, colour: palette.violin(index), palette: palette)
                if axis == nil { drawExtremes(&doc, shape.statistics, centre: centre, y: y, palette: palette) }
            }
            doc.close()
            let shapeText = layer.kernelShape.map(String.init).joined(separator: "×")
            ticks.append((centre, "\(index + 1)", showShapes ? shapeText : nil))
        }
        SVGAxes.drawSpines(&doc, area: area, palette: palette)
        SVGAxes.drawXAxis(&doc, area: area, ticks: ticks, label: xLabel, palette: palette)
    }

    /// A layer's own linear range, from its smallest to its largest value (widened when they are equal).
    static func ownRange(_ layer: LayerGradientSummary) -> SVGValueAxis {
        let range = valueRange([layer])
        let (low, high) = ViolinAxis.widened(low: range?.low ?? 0, high: range?.high ?? 0)
        return SVGValueAxis(low: low, high: high, ticks: [], labels: [])
    }

    /// The body (a filled outline, or a line when the values do not spread), then the quartile and median marks.
    static func drawViolin(_ doc: inout SVGDocument, _ shape: ViolinShape, centre: Double, maxHalf: Double,
                           y: (Double) -> Double, colour: String, palette: SVGPalette) {
        let n = SVGDocument.number
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
            let half = max(maxHalf * shape.width(at: value), 3), at = n(y(value))
            if mark == "median" {
                doc.add("line", ["class": mark, "x1": n(centre - half), "y1": at, "x2": n(centre + half), "y2": at,
                                 "stroke": palette.median, "stroke-width": "2"])
            } else {
                doc.add("line", ["class": mark, "x1": n(centre - half), "y1": at, "x2": n(centre + half), "y2": at,
                                 "stroke": palette.quartile, "stroke-width": "1", "stroke-dasharray": "4 3"])
            }
        }
    }

    /// The largest value just above the violin's top and the smallest just below its bottom
    /// (one label when they are equal), as the dashboard labels a per-layer column.
    static func drawExtremes(_ doc: inout SVGDocument, _ statistics: ViolinStatistics, centre: Double,
                             y: (Double) -> Double, palette: SVGPalette) {
        guard let low = statistics.min, let high = statistics.max else { return }
        let n = SVGDocument.number, font = SVGAxes.tickFont
        var labels = [(text: NiceTicks.label(high), at: y(high) - 4)]
        if low < high { labels.append((NiceTicks.label(low), y(low) + font + 2)) }
        for label in labels {
            doc.add("text", ["class": "layer-extreme", "x": n(centre), "y": n(label.at), "font-size": n(font),
                             "text-anchor": "middle", "fill": palette.muted], text: SVGValueAxis.typographic(label.text))
        }
    }

    /// A standalone figure of `snapshot`: the violins, beside them the loss curve (and the
    /// test loss) when the snapshot is after a step, and the prediction picture for
    /// Playground's data sets. Pure: same input, same text.
    public static func figure(snapshot: TrainingSnapshot, theme: Theme, axis: FigureAxis = .linear) -> String {
        let palette = SVGPalette(theme: theme)
        let withLoss = snapshot.step > 0
        let c = snapshot.config
        let prediction = c.dataFile == nil && c.dataset != .notebook ? snapshot.prediction : nil
        let violinWidth = max(560.0, 110 + 70 * Double(snapshot.layers.count))
        let predictionWidth = prediction == nil ? 0.0 : 420
        let width = violinWidth + (withLoss ? 420 : 0) + predictionWidth, height = 500.0
        let title = SVGFigureText.title(snapshot.config, step: snapshot.step)
        var doc = SVGDocument(width: width, height: height, title: title,
                              background: palette.background, foreground: palette.foreground)
        var subtitle = SVGFigureText.subtitle(snapshot)
        if axis != .linear { subtitle += " · " + axis.note }
        let top = SVGFigureText.drawHeader(&doc, title: title, subtitle: subtitle, palette: palette)
        let footnotes = SVGFigureText.packed(SVGFigureText.footnotes([snapshot], axis: axis), width: width - 32)
        let bottom = height - 8 - Double(footnotes.count) * 14
        let panel = SVGRect(x: 8, y: top, width: violinWidth - 8, height: bottom - top)
        doc.open("g", ["class": "gradients"])
        drawPanel(&doc, in: panel, layers: snapshot.layers,
                  axis: axis.axes(for: [snapshot.layers], length: axisLength(panel, hasTitle: true), maxTicks: 8)[0],
                  title: "Gradients", yLabel: axis.label, xLabel: "Layer", palette: palette)
        doc.close()
        if withLoss {
            doc.open("g", ["class": "loss"])
            let test = snapshot.testLossHistory.isEmpty ? [] : [LossPlotSVG.Series(label: "test", history: snapshot.testLossHistory, colour: palette.title)]
            LossPlotSVG.drawPanel(&doc, in: SVGRect(x: violinWidth + 10, y: top, width: 420 - 18, height: bottom - top),
                                  series: [.init(label: test.isEmpty ? nil : "training", history: snapshot.lossHistory, colour: palette.loss)] + test,
                                  palette: palette)
            doc.close()
        }
        if let prediction {
            PredictionPlotSVG.drawPanel(&doc, in: SVGRect(x: width - predictionWidth, y: top, width: predictionWidth - 8, height: bottom - top),
                                        picture: prediction, theme: theme, palette: palette)
        }
        SVGFigureText.drawFootnotes(&doc, footnotes, bottom: height - 8, palette: palette)
        return doc.text()
    }
}
