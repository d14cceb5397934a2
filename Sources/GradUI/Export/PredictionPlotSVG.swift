import GradSession

/// The prediction picture as SVG: the input plane as squares coloured as the dashboard
/// colours them (the theme's title colour for the first class or high values, its accent
/// for the second or low ones, its background in between), training examples as filled
/// dots and held-out ones as rings; for the notebook's data, each target over x1 as dots
/// and the network's output at the mean x2 as a line.
enum PredictionPlotSVG {
    static func drawPanel(_ doc: inout SVGDocument, in outer: SVGRect, picture: PredictionPicture, theme: Theme, palette: SVGPalette) {
        let n = SVGDocument.number
        let side = min(outer.width - 20, outer.height - 40)
        let area = SVGRect(x: outer.x + (outer.width - side) / 2, y: outer.y + 24, width: side, height: side)
        SVGAxes.drawTitle(&doc, "Prediction", over: area, palette: palette)
        func x(_ value: Float) -> Double {
            area.x + area.width * Double((value - picture.xRange.lowerBound) / (picture.xRange.upperBound - picture.xRange.lowerBound))
        }
        func y(_ value: Float) -> Double {
            area.y + area.height * Double((picture.yRange.upperBound - value) / (picture.yRange.upperBound - picture.yRange.lowerBound))
        }
        doc.open("g", ["class": "prediction", "data-kind": "\(picture.kind)"])
        if picture.kind == .curves {
            for series in 0..<(picture.values.count / max(1, picture.side)) {
                let colour = palette.violin(series)
                for point in picture.points where point.series == series {
                    doc.add("circle", ["class": "target", "cx": n(x(point.x)), "cy": n(y(point.y)), "r": "1.8", "fill": colour, "fill-opacity": "0.5"])
                }
                let line = (0..<picture.side).map { i in
                    (x: area.x + area.width * Double(i) / Double(max(1, picture.side - 1)), y: y(picture.values[series * picture.side + i]))
                }
                doc.add("path", ["class": "output", "d": SVGDocument.path(line), "fill": "none", "stroke": colour, "stroke-width": "2"])
            }
        } else {
            let cell = area.width / Double(picture.side)
            for row in 0..<picture.side {
                for column in 0..<picture.side {
                    let colour = PredictionWidget.colour(picture.value(column: column, row: row), range: picture.valueRange, theme: theme)
                    doc.add("rect", ["x": n(area.x + Double(column) * cell), "y": n(area.y + Double(row) * cell),
                                     "width": n(cell + 0.3), "height": n(cell + 0.3),
                                     "fill": SVGPalette.hex(colour ?? theme.background, fallback: palette.background)])
                }
            }
            for point in picture.points {
                let high = PredictionWidget.signedShare(point.value, range: picture.valueRange) >= 0
                let colour = SVGPalette.hex(high ? theme.title : theme.accent, fallback: palette.foreground)
                doc.add("circle", ["class": point.isTest ? "test-point" : "train-point", "cx": n(x(point.x)), "cy": n(y(point.y)),
                                   "r": "2.6", "fill": point.isTest ? "none" : colour, "stroke": point.isTest ? colour : palette.background,
                                   "stroke-width": point.isTest ? "1.2" : "0.6"])
            }
        }
        doc.close()
        doc.add("rect", ["class": "frame", "x": n(area.x), "y": n(area.y), "width": n(area.width), "height": n(area.height),
                         "fill": "none", "stroke": palette.grid])
        let label = "x1 \(NiceTicks.label(Double(picture.xRange.lowerBound)))..\(NiceTicks.label(Double(picture.xRange.upperBound)))"
            + (picture.kind == .curves ? ", outputs at the mean x2" : ", x2 upwards; dots: training, rings: held out")
        doc.add("text", ["class": "x-label", "x": n(area.x + area.width / 2), "y": n(area.maxY + 16), "font-size": n(SVGAxes.tickFont),
                         "text-anchor": "middle", "fill": palette.muted], text: label)
    }
}
