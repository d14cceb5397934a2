import GradSession

/// The compare grid: one tile per configuration, each with its violins on a
/// value axis shared by ALL tiles (so magnitudes compare across tiles), its loss
/// and its first/last-layer gradient ratio. Tiles are laid out to fit.
public struct CompareView: Sendable {
    public init() {}

    /// Smallest tile that still shows four violins (three rows high) and a line of text:
    /// nine tiles fit 3x3 in 80x23, an 80x24 terminal under tmux's status line.
    static let minimumTile = (width: 22, height: 7)

    public func render(model: CompareModel, into grid: inout Grid) {
        let context = model.context
        grid.fill(grid.bounds, with: model.theme.blankCell)
        let area = Rect(x: 0, y: 1, width: grid.width, height: grid.height - 2)
        guard let (columns, rows) = CompareView.arrangement(tiles: model.tiles.count, in: area) else {
            grid.drawTooSmall(needWidth: DashboardLayout.minimumWidth, needHeight: DashboardLayout.minimumHeight, context: context)
            return
        }
        renderHeader(model, into: &grid, context: context)
        let extent = model.steadyExtents.extent(for: model.axisMode)
        let rects = model.tiles.indices.map { CompareView.tileRect($0, columns: columns, rows: rows, in: area) }
        let wording = Wording(tiles: model.tiles, rects: rects, glyphs: context.glyphs)
        for (tile, rect) in zip(model.tiles, rects) {
            renderTile(tile, extent: extent, model: model, wording: wording, in: rect, into: &grid, context: context)
        }
        grid.drawHintBar(KeyBindings.compare, message: model.message,
                         in: Rect(x: 0, y: grid.height - 1, width: grid.width, height: 1), context: context)
        if model.showsHelp {
            HelpOverlay(bindings: KeyBindings.compare, mouseNote: "click a tile to open it in the dashboard")
                .render(in: grid.bounds, into: &grid, context: context)
        }
    }

    /// Columns and rows for `tiles` tiles in `area`, favouring tiles about 2.5x as
    /// wide as tall (terminal cells are tall); nil when even one row does not fit.
    static func arrangement(tiles: Int, in area: Rect) -> (columns: Int, rows: Int)? {
        guard tiles > 0, area.width >= DashboardLayout.minimumWidth, area.height + 2 >= DashboardLayout.minimumHeight else { return nil }
        var best: (columns: Int, rows: Int, score: Double)?
        for columns in 1...tiles {
            let rows = (tiles + columns - 1) / columns
            let width = area.width / columns, height = area.height / rows
            guard width >= minimumTile.width, height >= minimumTile.height else { continue }
            let score = min(Double(width) / 2.5, Double(height)) - Double(columns * rows - tiles) * 0.5
            if best == nil || score > best!.score { best = (columns, rows, score) }
        }
        return best.map { ($0.columns, $0.rows) }
    }

    /// Tile `index`'s frame. Every tile is equally tall, so all show the same value
    /// axis labels (a spare row or two stays blank at the bottom); widths share the
    /// columns out, as axis labels do not depend on them.
    static func tileRect(_ index: Int, columns: Int, rows: Int, in area: Rect) -> Rect {
        let column = index % columns, row = index / columns
        let x0 = area.x + area.width * column / columns, x1 = area.x + area.width * (column + 1) / columns
        let height = area.height / rows
        return Rect(x: x0, y: area.y + height * row, width: x1 - x0, height: height)
    }

    /// Which tile (index) covers cell (x, y) in a grid of the given size.
    public static func tile(atX x: Int, y: Int, tiles: Int, width: Int, height: Int) -> Int? {
        let area = Rect(x: 0, y: 1, width: width, height: height - 2)
        guard let (columns, rows) = arrangement(tiles: tiles, in: area) else { return nil }
        return (0..<tiles).first { index in
            let rect = tileRect(index, columns: columns, rows: rows, in: area)
            return x >= rect.x && x < rect.maxX && y >= rect.y && y < rect.maxY
        }
    }

    func renderHeader(_ model: CompareModel, into grid: inout Grid, context: RenderContext) {
        let theme = context.theme, g = context.glyphs
        grid.fill(Rect(x: 0, y: 0, width: grid.width, height: 1), with: Cell(" ", style: theme.statusStyle))
        var x = 1
        x += grid.put("gradtop compare", x: x, y: 0, style: Style(foreground: theme.title, background: theme.statusBackground, bold: true))
        x += 2
        let state = (model.paused ? "\(g.paused) paused" : "\(g.running) running \(SpeedLadder.label(model.speed))")
        x += grid.put(state, x: x, y: 0, style: Style(foreground: model.paused ? theme.accent : theme.good,
                                                      background: theme.statusBackground, bold: true))
        let help = "? help "
        let detail = CompareView.headerDetail(runs: model.tiles.count, seed: model.tiles.first?.config.seed,
                                              axis: model.axisMode, fitting: max(0, grid.width - help.count - 1 - x), glyphs: g)
        grid.put(detail, x: x, y: 0, style: theme.statusStyle)
        grid.putRight(help, maxX: grid.width, y: 0, style: theme.statusKeyStyle)
    }

    /// The header after the run state, dropping whole phrases when narrow: the axis
    /// (needed to read every violin) stays longest, then the seed, then the run count.
    static func headerDetail(runs: Int, seed: UInt64?, axis: ViolinAxisMode, fitting width: Int, glyphs: GlyphSet) -> String {
        let seedText = seed.map { " \($0)" } ?? ""
        let candidates = ["  \(runs) runs, same data and seed\(seedText)  axis \(axis.label), shared",
                          "  axis \(axis.label), shared  same data and seed\(seedText)",
                          "  axis \(axis.label), shared  seed\(seedText)",
                          "  axis \(axis.label), shared",
                          "  axis \(axis.label)"]
        return candidates.first { $0.count <= width } ?? glyphs.truncate(candidates[candidates.count - 1], to: width)
    }
}
