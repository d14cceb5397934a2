import GradSession

/// The compare grid: one tile per configuration, each with its violins on a
/// value axis shared by ALL tiles (so magnitudes compare across tiles), its loss
/// and its first/last-layer gradient ratio. Tiles are laid out to fit.
public struct CompareView: Sendable {
    public init() {}

    /// Smallest tile that still shows four violins and a line of text.
    static let minimumTile = (width: 22, height: 8)

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
        for (index, tile) in model.tiles.enumerated() {
            let column = index % columns, row = index / columns
            let x0 = area.x + area.width * column / columns, x1 = area.x + area.width * (column + 1) / columns
            let y0 = area.y + area.height * row / rows, y1 = area.y + area.height * (row + 1) / rows
            renderTile(tile, extent: extent, model: model, in: Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0),
                       into: &grid, context: context)
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

    /// Which tile (index) covers cell (x, y) in a grid of the given size.
    public static func tile(atX x: Int, y: Int, tiles: Int, width: Int, height: Int) -> Int? {
        let area = Rect(x: 0, y: 1, width: width, height: height - 2)
        guard let (columns, rows) = arrangement(tiles: tiles, in: area), y >= area.y, y < area.maxY, x >= 0, x < width else { return nil }
        let column = min(columns - 1, (x * columns) / area.width), row = min(rows - 1, ((y - area.y) * rows) / area.height)
        let index = row * columns + column
        return index < tiles ? index : nil
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
        let base = model.tiles.first?.config
        let detail = "  \(model.tiles.count) runs, same data and seed \(base.map { "\($0.seed)" } ?? "")  axis \(model.axisMode.label), shared"
        let help = "? help "
        grid.put(g.truncate(detail, to: max(0, grid.width - help.count - 1 - x)), x: x, y: 0, style: theme.statusStyle)
        grid.putRight(help, maxX: grid.width, y: 0, style: theme.statusKeyStyle)
    }

    func renderTile(_ tile: CompareModel.Tile, extent: ViolinExtent?, model: CompareModel, in rect: Rect,
                    into grid: inout Grid, context: RenderContext) {
        let theme = context.theme, g = context.glyphs
        let snapshot = tile.snapshot
        let trailing = snapshot.map { s in s.divergedAtStep.map { "DIVERGED \($0)" } ?? "step \(s.step)" } ?? ""
        let inner = grid.drawPanel(rect, title: tile.label(g), trailing: trailing, context: context)
        guard let snapshot else {
            grid.putCentered("waiting", in: inner, y: inner.y + inner.height / 2, style: theme.mutedText, glyphs: g)
            return
        }
        let showsLoss = inner.height >= 12
        let lossRows = showsLoss ? 4 : 0
        let violins = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1 - lossRows)
        ViolinWidget(layers: snapshot.layers, mode: model.axisMode, extent: extent).render(in: violins, into: &grid, context: context)
        if showsLoss {
            LossChart(history: snapshot.lossHistory, logScale: false)
                .render(in: Rect(x: inner.x, y: violins.maxY, width: inner.width, height: lossRows), into: &grid, context: context)
        }
        let flow = GradientFlowVerdict(snapshot)
        let line = "loss \(NiceTicks.label(Double(snapshot.loss)))  " + (flow == .allZero ? "gradients \(flow.text)" : "1st/last \(flow.text)")
        grid.put(g.truncate(line, to: inner.width - 1), x: inner.x + 1, y: inner.maxY - 1,
                 style: flow.isWarning ? theme.warningStyle : theme.text)
    }
}
