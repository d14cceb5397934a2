#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A rectangle in SVG user units (y down).
public struct SVGRect: Sendable, Equatable {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
}

/// Sizes and the drawing of axes shared by every exported plot.
enum SVGAxes {
    static let tickFont = 11.0, labelFont = 13.0, titleFont = 14.0
    static let tickLength = 4.0

    /// Roughly how wide `text` is at `fontSize` in a sans-serif font; for margins only.
    static func textWidth(_ text: String, fontSize: Double) -> Double { Double(text.count) * fontSize * 0.6 }

    /// The plot area left inside `outer` after room for a title, tick labels and axis labels.
    static func plotArea(in outer: SVGRect, yLabels: [String], hasTitle: Bool, xLabelLines: Int) -> SVGRect {
        let widest = yLabels.map { textWidth($0, fontSize: tickFont) }.max() ?? 0
        let left = 6 + labelFont + 8 + widest + tickLength + 4
        let top = hasTitle ? titleFont + 14 : 8
        let bottom = tickLength + 4 + Double(xLabelLines) * (tickFont + 3) + labelFont + 10
        return SVGRect(x: outer.x + left, y: outer.y + top,
                       width: max(10, outer.width - left - 12), height: max(10, outer.height - top - bottom))
    }

    /// The vertical axis at the left of `area`: faint grid lines, tick marks,
    /// tick labels (class "y-tick") and the rotated axis label (class "y-label").
    /// The group carries the axis's ends as `data-low` and `data-high`; with no
    /// axis (each layer on its own range) only the label is drawn.
    static func drawYAxis(_ doc: inout SVGDocument, area: SVGRect, axis: SVGValueAxis?, label: String?, palette: SVGPalette) {
        let n = SVGDocument.number
        if let axis {
            doc.open("g", ["class": "y-axis", "data-low": String(axis.low), "data-high": String(axis.high)])
        } else {
            doc.open("g", ["class": "y-axis"])
        }
        let labels = axis?.labels ?? []
        for (value, text) in zip(axis?.ticks ?? [], labels) {
            let y = axis?.position(value, from: area.maxY, to: area.y) ?? area.maxY
            doc.add("line", ["x1": n(area.x), "y1": n(y), "x2": n(area.maxX), "y2": n(y),
                             "stroke": palette.grid, "stroke-width": "0.6", "stroke-opacity": "0.6"])
            doc.add("line", ["x1": n(area.x - tickLength), "y1": n(y), "x2": n(area.x), "y2": n(y),
                             "stroke": palette.foreground, "stroke-width": "0.8"])
            doc.add("text", ["class": "y-tick", "x": n(area.x - tickLength - 3), "y": n(y + tickFont * 0.35),
                             "font-size": n(tickFont), "text-anchor": "end"], text: text)
        }
        if let label {
            let x = area.x - tickLength - 4 - (labels.map { textWidth($0, fontSize: tickFont) }.max() ?? 0) - 8
            let y = area.y + area.height / 2
            doc.add("text", ["class": "y-label", "x": n(x), "y": n(y), "font-size": n(labelFont), "text-anchor": "middle",
                             "transform": "rotate(-90 \(n(x)) \(n(y)))"], text: label)
        }
        doc.close()
    }

    /// Tick marks and labels (class "x-tick") below `area` at the given x
    /// positions, an optional second, muted line per tick, and the axis label (class "x-label").
    static func drawXAxis(_ doc: inout SVGDocument, area: SVGRect, ticks: [(x: Double, label: String, detail: String?)],
                          label: String?, palette: SVGPalette) {
        let n = SVGDocument.number
        doc.open("g", ["class": "x-axis"])
        for tick in ticks {
            doc.add("line", ["x1": n(tick.x), "y1": n(area.maxY), "x2": n(tick.x), "y2": n(area.maxY + tickLength),
                             "stroke": palette.foreground, "stroke-width": "0.8"])
            let y = area.maxY + tickLength + 3 + tickFont
            doc.add("text", ["class": "x-tick", "x": n(tick.x), "y": n(y), "font-size": n(tickFont), "text-anchor": "middle"],
                    text: tick.label)
            if let detail = tick.detail {
                doc.add("text", ["x": n(tick.x), "y": n(y + tickFont + 2), "font-size": n(tickFont - 2),
                                 "text-anchor": "middle", "fill": palette.muted], text: detail)
            }
        }
        if let label {
            let lines = ticks.contains { $0.detail != nil } ? 2.0 : 1.0
            doc.add("text", ["class": "x-label", "x": n(area.x + area.width / 2),
                             "y": n(area.maxY + tickLength + 6 + lines * (tickFont + 3) + labelFont),
                             "font-size": n(labelFont), "text-anchor": "middle"], text: label)
        }
        doc.close()
    }

    /// The left and bottom spines of `area` (matplotlib's frame without the top and right).
    static func drawSpines(_ doc: inout SVGDocument, area: SVGRect, palette: SVGPalette) {
        let n = SVGDocument.number
        doc.add("path", ["d": "M\(n(area.x)) \(n(area.y)) L\(n(area.x)) \(n(area.maxY)) L\(n(area.maxX)) \(n(area.maxY))",
                         "fill": "none", "stroke": palette.foreground, "stroke-width": "0.9"])
    }

    /// A panel title (class "panel-title") centred over `area`.
    static func drawTitle(_ doc: inout SVGDocument, _ title: String, over area: SVGRect, palette: SVGPalette) {
        let n = SVGDocument.number
        doc.add("text", ["class": "panel-title", "x": n(area.x + area.width / 2), "y": n(area.y - 10),
                         "font-size": n(titleFont), "text-anchor": "middle", "fill": palette.title], text: title)
    }
}
