import GradSession

/// The "prediction" panel: what the network has learned, from the snapshot's picture (the
/// trainer computed it; this only draws). Classes and the regression plane: the input plane
/// in half-block cells (two square pixels a cell), coloured from the theme's title colour
/// (the first class, positive values) through the background to its accent (the second
/// class, negative values), Playground's blue and orange on the dark theme; training
/// examples as ● and held-out ones as ○ in their class's colour. Without UTF-8 or 256 colours,
/// one shade character a cell (`+` side and `-` side, darker when surer) and o / x marks.
/// Curves (the notebook's data): each target over x1 as dots and the network's output at
/// the mean x2 as a line, one colour per output. When the panel is wide enough, a column
/// per hidden layer of small pictures of each unit's activation over the plane (at least
/// 4 x 4 pixels each: on a 120x40 screen for 2 units a layer, on a projector-sized one up
/// to 4; the trainer provides them for networks of at most 8 units a layer).
public struct PredictionWidget: Sendable {
    public var picture: PredictionPicture
    /// False on terminals of fewer than 256 colours, which flatten the blends: shade characters then.
    public var inColour: Bool
    public init(picture: PredictionPicture, inColour: Bool = true) {
        self.picture = picture
        self.inColour = inColour
    }

    public func render(in rect: Rect, into grid: inout Grid, context: RenderContext) {
        grid.fill(rect, with: context.theme.blankCell)
        guard rect.width >= 8, rect.height >= 3 else { return }
        let body = Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - 1)
        if picture.kind == .curves {
            renderCurves(in: body, into: &grid, context: context)
            legend(["x1 \(range(picture.xRange))", "curve at mean x2"], in: rect, into: &grid, context: context)
            return
        }
        // A square plane: `side` cells across, side / 2 rows down (two pixels a row).
        let side = min(body.width, 2 * body.height) / 2 * 2
        let plane = Rect(x: body.x, y: body.y, width: side, height: side / 2)
        renderPlane(picture.values, side: picture.side, range: picture.valueRange, in: plane, into: &grid, context: context)
        renderPoints(in: plane, into: &grid, context: context)
        let x1 = "x1 \(range(picture.xRange))"
        legend(picture.kind == .classes ? [x1, "● train ○ test"] : [x1, "y \(range(picture.valueRange))"],
               in: rect, into: &grid, context: context)
        if !picture.units.isEmpty {
            renderUnits(in: Rect(x: plane.maxX + 1, y: rect.y, width: rect.maxX - plane.maxX - 1, height: rect.height),
                        into: &grid, context: context)
        }
    }

    /// The colour of `value` on `range`: the background at its middle, the title colour at the
    /// top and the accent at the bottom; nil when the theme has no colours to mix.
    static func colour(_ value: Float, range: ClosedRange<Float>, theme: Theme) -> Color? {
        guard case .rgb(let br, let bg, let bb) = theme.background,
              case .rgb(let pr, let pg, let pb) = theme.title, case .rgb(let nr, let ng, let nb) = theme.accent else { return nil }
        let t = signedShare(value, range: range)
        let (r, g, b) = t >= 0 ? (pr, pg, pb) : (nr, ng, nb)
        let w = 0.15 + 0.6 * Double(min(1, abs(t)))
        func mix(_ a: UInt8, _ c: UInt8) -> UInt8 { UInt8((Double(a) * (1 - w) + Double(c) * w).rounded()) }
        return .rgb(mix(br, r), mix(bg, g), mix(bb, b))
    }

    /// `value` as -1 (bottom of `range`) ... 1 (top); 0 for NaN.
    static func signedShare(_ value: Float, range: ClosedRange<Float>) -> Float {
        guard value.isFinite else { return 0 }
        let mid = (range.lowerBound + range.upperBound) / 2, half = max(1e-12, (range.upperBound - range.lowerBound) / 2)
        return max(-1, min(1, (value - mid) / half))
    }

    /// A `side` x `side` picture of values on `range`, sampled to fit `rect` (rect.height = rect.width / 2).
    func renderPlane(_ values: [Float], side: Int, range: ClosedRange<Float>, in rect: Rect, into grid: inout Grid, context: RenderContext) {
        let theme = context.theme
        guard rect.width > 0, rect.height > 0, values.count == side * side else { return }
        func sample(_ column: Int, _ pixelRow: Int) -> Float {
            values[min(side - 1, pixelRow * side / (2 * rect.height)) * side + min(side - 1, column * side / rect.width)]
        }
        let halfBlocks = inColour && context.glyphs.usesBraille && PredictionWidget.colour(0, range: range, theme: theme) != nil
        for row in 0..<rect.height {
            for column in 0..<rect.width {
                let top = sample(column, 2 * row), bottom = sample(column, 2 * row + 1)
                if halfBlocks, let upper = PredictionWidget.colour(top, range: range, theme: theme),
                   let lower = PredictionWidget.colour(bottom, range: range, theme: theme) {
                    grid[rect.x + column, rect.y + row] = Cell("▀", style: Style(foreground: upper, background: lower))
                } else {
                    let t = PredictionWidget.signedShare((top + bottom) / 2, range: range)
                    let glyph: Character = abs(t) < 0.2 ? " " : t > 0 ? (t > 0.6 ? "#" : "+") : (t < -0.6 ? "=" : "-")
                    let colour = PredictionWidget.colour(t > 0 ? range.upperBound : range.lowerBound, range: range, theme: theme)
                    grid[rect.x + column, rect.y + row] = Cell(glyph, style: Style(foreground: colour ?? theme.foreground, background: theme.background))
                }
            }
        }
    }

    /// The examples on the plane: each in the cell under it, in its class's (value's) colour;
    /// an even sample of at most one per three cells, so the picture stays visible under them.
    func renderPoints(in rect: Rect, into grid: inout Grid, context: RenderContext) {
        let theme = context.theme, unicode = context.glyphs.usesBraille
        let every = max(1, picture.points.count * 3 / max(1, rect.width * rect.height))
        for point in picture.points.enumerated().filter({ $0.offset % every == 0 }).map(\.element) {
            guard let (column, row) = cell(x: point.x, y: point.y, in: rect, yRange: picture.yRange) else { continue }
            let strong = PredictionWidget.signedShare(point.value, range: picture.valueRange) >= 0 ? theme.title : theme.accent
            let glyph: Character = point.isTest ? (unicode ? "○" : "x") : (unicode ? "●" : "o")
            let background = grid[column, row].style.background
            grid[column, row] = Cell(glyph, style: Style(foreground: strong, background: background, bold: true))
        }
    }

    /// The cell of (x, y) in `rect` spanning `xRange` x `yRange` (y up), nil outside.
    func cell(x: Float, y: Float, in rect: Rect, yRange: ClosedRange<Float>) -> (Int, Int)? {
        let u = (x - picture.xRange.lowerBound) / (picture.xRange.upperBound - picture.xRange.lowerBound)
        let v = (yRange.upperBound - y) / (yRange.upperBound - yRange.lowerBound)
        guard u.isFinite, v.isFinite, (0...1).contains(u), (0...1).contains(v) else { return nil }
        return (rect.x + min(rect.width - 1, Int(u * Float(rect.width))), rect.y + min(rect.height - 1, Int(v * Float(rect.height))))
    }

    /// Targets as dots and the network's outputs as lines over x1, one colour per output.
    func renderCurves(in rect: Rect, into grid: inout Grid, context: RenderContext) {
        let theme = context.theme, g = context.glyphs
        let colours = theme.violins.isEmpty ? [theme.foreground] : theme.violins
        let outputs = picture.values.count / max(1, picture.side)
        for series in 0..<outputs {
            var dots = BrailleCanvas(columns: rect.width, rows: rect.height)
            func dot(_ x: Float, _ y: Float) -> (Int, Int)? {
                let u = (x - picture.xRange.lowerBound) / (picture.xRange.upperBound - picture.xRange.lowerBound)
                let v = (picture.yRange.upperBound - y) / (picture.yRange.upperBound - picture.yRange.lowerBound)
                guard u.isFinite, v.isFinite, (0...1).contains(u), (0...1).contains(v) else { return nil }
                return (Int(u * Float(dots.dotWidth - 1)), Int(v * Float(dots.dotHeight - 1)))
            }
            for point in picture.points where point.series == series {
                if let (x, y) = dot(point.x, point.y) { dots.vertical(x: x, from: y, to: y) }
            }
            let style = Style(foreground: colours[series % colours.count], background: theme.background)
            dots.draw(into: &grid, x: rect.x, y: rect.y, style: style, glyphs: g)
            var line = BrailleCanvas(columns: rect.width, rows: rect.height)
            var previous: Int?
            for i in 0..<picture.side {
                let x = picture.xRange.lowerBound + (picture.xRange.upperBound - picture.xRange.lowerBound) * Float(i) / Float(max(1, picture.side - 1))
                guard let (column, y) = dot(x, picture.values[series * picture.side + i]) else { previous = nil; continue }
                line.vertical(x: column, from: previous ?? y, to: y)
                previous = y
            }
            var bold = style
            bold.bold = true
            line.draw(into: &grid, x: rect.x, y: rect.y, style: bold, glyphs: g)
            grid.put("y\(series + 1)", x: rect.maxX - 3 * (outputs - series), y: rect.y, style: bold)
        }
    }

    /// One column per hidden layer, one small picture per unit (its activation over the plane,
    /// scaled to its own largest |value|), as large as the rows allow; the layers' names
    /// ("L1", ...) in the bottom row, beside the legend.
    func renderUnits(in rect: Rect, into grid: inout Grid, context: RenderContext) {
        let layers = picture.units.count, units = picture.units.map(\.count).max() ?? 0
        guard layers > 0, units > 0 else { return }
        let rows = min((rect.height - 1) / units, (rect.width / layers - 1) / 2)
        guard rows >= 2 else { return }
        for (l, layer) in picture.units.enumerated() {
            let x = rect.x + l * (2 * rows + 1)
            grid.put("L\(l + 1)", x: x, y: rect.maxY - 1, style: context.theme.mutedText)
            for (j, values) in layer.enumerated() {
                let peak = max(1e-12, values.map(abs).max() ?? 1)
                renderPlane(values, side: picture.unitSide, range: -peak...peak,
                            in: Rect(x: x, y: rect.y + j * rows, width: 2 * rows, height: rows), into: &grid, context: context)
            }
        }
    }

    func legend(_ parts: [String], in rect: Rect, into grid: inout Grid, context: RenderContext) {
        let text = context.glyphs.truncate(parts.joined(separator: "  "), to: rect.width)
        grid.put(context.glyphs.usesBraille ? text : text.replacing("●", with: "o").replacing("○", with: "x"),
                 x: rect.x, y: rect.maxY - 1, style: context.theme.mutedText)
    }

    func range(_ r: ClosedRange<Float>) -> String {
        "\(NiceTicks.label(Double(r.lowerBound)))..\(NiceTicks.label(Double(r.upperBound)))"
    }
}
