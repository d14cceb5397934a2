import GradSession

extension CompareView {
    /// Which form of the title and of the bottom line every tile uses: one for the
    /// whole grid, the longest that fits every tile.
    struct Wording {
        var titleLevel: Int
        var footerLevel: Int

        init(tiles: [CompareModel.Tile], rects: [Rect], glyphs: GlyphSet) {
            titleLevel = CompareTileText.level(tiles.map { tile in tile.labels(glyphs) }, fitting: rects.map(CompareView.titleRoom))
            let shown = zip(tiles, rects).compactMap { tile, rect in tile.snapshot.map { (snapshot: $0, rect: rect) } }
            footerLevel = CompareTileText.level(shown.map { CompareView.footers($0.snapshot).map(\.text) },
                                                fitting: shown.map { CompareView.footerRoom($0.rect) })
        }
    }

    /// drawPanel shows a title in width - 6 cells: corners, rules and padding.
    static func titleRoom(_ tile: Rect) -> Int { tile.width - 6 }
    /// The bottom line starts one cell in from the left border.
    static func footerRoom(_ tile: Rect) -> Int { tile.width - 3 }

    static func footers(_ snapshot: TrainingSnapshot) -> [(text: String, showsLoss: Bool)] {
        CompareTileText.footers(verdict: GradientFlowVerdict(snapshot), loss: NiceTicks.label(Double(snapshot.loss)))
    }

    /// One tile: its configuration in the top border, the violins (and the loss
    /// chart when tall enough), the gradient-flow line, and the step (plus the loss
    /// when the line had no room, or the run's alarm) in the bottom border.
    func renderTile(_ tile: CompareModel.Tile, extent: ViolinExtent?, model: CompareModel, wording: Wording, in rect: Rect,
                    into grid: inout Grid, context: RenderContext) {
        let theme = context.theme, g = context.glyphs
        let title = g.truncate(tile.labels(g)[wording.titleLevel], to: CompareView.titleRoom(rect))
        let inner = grid.drawPanel(rect, title: title, context: context)
        guard let snapshot = tile.snapshot else {
            grid.putCentered("waiting", in: inner, y: inner.y + inner.height / 2, style: theme.mutedText, glyphs: g)
            return
        }
        let showsLoss = inner.height >= 12
        let lossRows = showsLoss ? 4 : 0
        let violins = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1 - lossRows)
        ViolinWidget(layers: snapshot.layers, mode: model.axisMode, extent: extent, statistics: tile.statistics)
            .render(in: violins, into: &grid, context: context)
        if showsLoss {
            LossChart(history: snapshot.lossHistory, logScale: false)
                .render(in: Rect(x: inner.x, y: violins.maxY, width: inner.width, height: lossRows), into: &grid, context: context)
        }
        let flow = GradientFlowVerdict(snapshot)
        let footer = CompareView.footers(snapshot)[wording.footerLevel]
        grid.put(g.truncate(footer.text, to: CompareView.footerRoom(rect)), x: inner.x + 1, y: inner.maxY - 1,
                 style: flow.isWarning ? theme.warningStyle : theme.text)
        let note = CompareTileText.borderNote(step: snapshot.step, trouble: snapshot.trouble,
                                              loss: footer.showsLoss ? nil : NiceTicks.label(Double(snapshot.loss)),
                                              fitting: CompareView.titleRoom(rect))
        if !note.isEmpty {
            grid.put(" \(note) ", x: rect.x + 2, y: rect.maxY - 1,
                     style: snapshot.trouble == nil ? theme.mutedText : theme.warningStyle)
        }
    }
}
