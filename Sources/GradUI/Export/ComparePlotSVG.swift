#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GradSession

/// Several runs side by side: one tile of violins per configuration, on the
/// y axes `FigureAxis` says (one shared axis, so a thin violin really is a
/// small gradient; or one per tile, as the notebook's separate figures), and
/// (after training) their loss curves overlaid in one panel.
public enum ComparePlotSVG {
    /// The grid for `count` tiles: up to 3 in a row, 4 as 2 x 2.
    static func grid(count: Int) -> (columns: Int, rows: Int) {
        let columns = count <= 3 ? max(1, count) : count == 4 ? 2 : 3
        return (columns, (count + columns - 1) / columns)
    }

    /// "sigmoid:random_uniform": the tile's `data-config`, as `--configs` spells it.
    static func configKey(_ config: RunConfig) -> String {
        config.modelFile ?? "\(config.activation.name):\(config.initializer.name)"
    }

    /// A standalone figure comparing `snapshots` (same data and step, as
    /// `gradtop plot --compare` makes them). Each tile is
    /// `<g class="tile" data-config="activation:initializer">`. Pure.
    public static func figure(snapshots: [TrainingSnapshot], theme: Theme, axis: FigureAxis) -> String {
        let palette = SVGPalette(theme: theme)
        let (columns, rows) = grid(count: snapshots.count)
        let layerCount = snapshots.map(\.layers.count).max() ?? 1
        let tileWidth = max(330.0, 100 + 48 * Double(layerCount)), tileHeight = 290.0
        let step = snapshots.map(\.step).max() ?? 0
        let withLoss = step > 0
        let lossWidth = withLoss ? 440.0 : 0
        let top = 62.0
        let width = 16 + Double(columns) * tileWidth + lossWidth + 8
        let footnotes = SVGFigureText.packed(SVGFigureText.footnotes(snapshots, axis: axis), width: width - 32)
        let height = top + Double(rows) * tileHeight + 8 + Double(footnotes.count) * 14 + 4
        let title = "Gradients per layer, \(snapshots.count) configurations · step \(step)\(step == 0 ? " (initial weights)" : "")"
        var doc = SVGDocument(width: width, height: height, title: title, background: palette.background, foreground: palette.foreground)
        _ = SVGFigureText.drawHeader(&doc, title: title, subtitle: subtitle(snapshots) + " · " + axis.note, palette: palette)
        let panel = { (outer: SVGRect) in SVGRect(x: outer.x, y: outer.y + 34, width: outer.width, height: outer.height - 34) }
        let length = ViolinPlotSVG.axisLength(panel(SVGRect(x: 0, y: 0, width: tileWidth, height: tileHeight)), hasTitle: false)
        let axes = axis.axes(for: snapshots.map(\.layers), length: length, maxTicks: 7)
        for (index, snapshot) in snapshots.enumerated() {
            let column = index % columns, row = index / columns
            let outer = SVGRect(x: 8 + Double(column) * tileWidth, y: top + Double(row) * tileHeight, width: tileWidth, height: tileHeight)
            doc.open("g", ["class": "tile", "data-config": configKey(snapshot.config)])
            drawTileHeader(&doc, snapshot, in: outer, palette: palette)
            ViolinPlotSVG.drawPanel(&doc, in: panel(outer), layers: snapshot.layers, axis: axes[index], title: nil,
                                    yLabel: column == 0 ? axis.label : nil,
                                    xLabel: row == rows - 1 || index + columns >= snapshots.count ? "Layer" : nil, palette: palette)
            doc.close()
        }
        if withLoss {
            let series = snapshots.enumerated().map { index, snapshot in
                LossPlotSVG.Series(label: SVGFigureText.configName(snapshot.config), history: snapshot.lossHistory,
                                   colour: palette.violin(index), dashes: index < palette.violins.count ? nil : "6 3")
            }
            doc.open("g", ["class": "loss"])
            LossPlotSVG.drawPanel(&doc, in: SVGRect(x: 16 + Double(columns) * tileWidth, y: top + 22,
                                                    width: lossWidth - 16, height: min(Double(rows) * tileHeight, 420) - 22),
                                  series: series, palette: palette)
            doc.close()
        }
        SVGFigureText.drawFootnotes(&doc, footnotes, bottom: height - 8, palette: palette)
        return doc.text()
    }

    /// Network and data, from the first snapshot (every tile uses the same).
    static func subtitle(_ snapshots: [TrainingSnapshot]) -> String {
        guard let first = snapshots.first else { return "" }
        return SVGFigureText.subtitle(first)
    }

    /// The tile's name, and below it, muted: the first/last-layer |g| ratio and the loss; a run
    /// that went wrong leads with the dashboard's alarm ("EXPLODED at step 12"), in the warning colour.
    static func drawTileHeader(_ doc: inout SVGDocument, _ snapshot: TrainingSnapshot, in outer: SVGRect, palette: SVGPalette) {
        let n = SVGDocument.number, centre = outer.x + outer.width / 2 + 20
        doc.add("text", ["class": "panel-title", "x": n(centre), "y": n(outer.y + 16), "font-size": n(SVGAxes.titleFont),
                         "text-anchor": "middle", "fill": palette.title], text: SVGFigureText.configName(snapshot.config))
        doc.add("text", ["class": "tile-detail", "x": n(centre), "y": n(outer.y + 31), "font-size": n(detailFont),
                         "text-anchor": "middle", "fill": snapshot.trouble == nil ? palette.muted : palette.warning],
                text: detail(snapshot, fitting: outer.width))
    }

    static let detailFont = 10.5

    /// "first/last layer mean |g|: 0.0147 · loss 0.366"; after an alarm the loss comes before the
    /// ratio: "EXPLODED at step 12 · loss 3e+04" (the ratio did not fit `width`). Whole parts, the
    /// first always, the others while they fit (`SVGAxes.textWidth`, which errs wide).
    static func detail(_ snapshot: TrainingSnapshot, fitting width: Double) -> String {
        let ratio = SVGFigureText.ratioText(snapshot)
        let loss = snapshot.step > 0 ? ["loss \(NiceTicks.label(Double(snapshot.loss)))"] : []
        let parts = snapshot.alarm.map { [$0] + loss + [ratio] } ?? [ratio] + loss
        var detail = parts[0]
        for part in parts.dropFirst() where SVGAxes.textWidth(detail + " · " + part, fontSize: detailFont) <= width {
            detail += " · " + part
        }
        return detail
    }
}
