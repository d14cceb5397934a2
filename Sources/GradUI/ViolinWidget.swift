import GradSession

/// One vertical violin per layer: the distribution of the layer's
/// per-example kernel gradients at the current step, as matplotlib's
/// `violinplot` draws it (Gaussian KDE, Scott's bandwidth, clipped to the
/// data's extremes, each violin scaled to its own widest row), with the
/// median (━) and quartiles (╌) marked and a value axis on the left.
///
/// Widths are in half cells, mirrored about a cell boundary; with Unicode
/// glyphs each row is two steps down as well, drawn with quadrant blocks, so
/// the outline moves in quarter cells (ASCII: one width per row). Each step's
/// width is the KDE's probability mass in its value interval, so a layer
/// whose gradients all fit in one step still shows as a line. Cost: O(values
/// × steps) per layer.
public struct ViolinWidget: Sendable {
    public var layers: [LayerGradientSummary]
    public var mode: ViolinAxisMode
    /// A value range shared with other widgets (compare mode's tiles), so their
    /// violins are drawn on one scale; nil: the range of these layers.
    public var extent: ViolinExtent?
    /// Each layer's statistics (its values sorted): computed once per snapshot by the
    /// screen models, so a frame does not sort again.
    public var statistics: [ViolinStatistics]

    /// `statistics` nil: computed here from `layers`.
    public init(layers: [LayerGradientSummary], mode: ViolinAxisMode, extent: ViolinExtent? = nil,
                statistics: [ViolinStatistics]? = nil) {
        self.layers = layers
        self.mode = mode
        self.extent = extent
        self.statistics = statistics ?? layers.map { ViolinStatistics(values: $0.values) }
    }

    /// True when a note row below the layer numbers is needed (NaN or empty layers).
    func needsNoteRow(_ stats: [ViolinStatistics]) -> Bool {
        stats.contains { $0.nonFiniteCount > 0 || $0.isEmpty }
    }

    public func render(in rect: Rect, into grid: inout Grid, context: RenderContext) {
        let theme = context.theme, g = context.glyphs
        grid.fill(rect, with: theme.blankCell)
        guard !layers.isEmpty else {
            grid.putCentered("no layers", in: rect, y: rect.y + rect.height / 2, style: theme.mutedText, glyphs: g)
            return
        }
        let stats = statistics
        let labelRows = needsNoteRow(stats) ? 2 : 1
        let plotRows = rect.height - labelRows
        guard plotRows >= 3, rect.width >= layers.count + 2 else {
            grid.putCentered("too small", in: rect, y: rect.y + rect.height / 2, style: theme.mutedText, glyphs: g)
            return
        }

        // Shared axes on the left; per-layer labels go inside the columns.
        var sharedAxis: ViolinAxis?
        let finite = stats.flatMap(\.sorted)
        if mode != .perLayer {
            let own = extent ?? ViolinExtent(low: finite.min() ?? 0, high: finite.max() ?? 0,
                                             linthresh: AxisScale.symlogThreshold(layers: stats.map(\.sorted)))
            sharedAxis = mode == .shared
                ? .linear(low: own.low, high: own.high, rows: plotRows)
                : .symlog(low: own.low, high: own.high, linthresh: own.linthresh, rows: plotRows)
        }
        var axisWidth = 0
        if let axis = sharedAxis {
            axisWidth = (axis.ticks.map(\.label.count).max() ?? 1) + 1
            for row in 0..<plotRows { grid[rect.x + axisWidth - 1, rect.y + row] = Cell(g.axisLine, style: theme.borderStyle) }
            for tick in axis.ticks {
                grid.putRight(tick.label, maxX: rect.x + axisWidth - 1, y: rect.y + tick.row, minX: rect.x, style: theme.mutedText)
                grid[rect.x + axisWidth - 1, rect.y + tick.row] = Cell(g.axisTick, style: theme.borderStyle)
            }
        }

        // Equal columns keep the violins evenly spaced; the remainder becomes margins.
        let available = rect.width - axisWidth
        let columnWidth = available / layers.count
        let margin = (available - columnWidth * layers.count) / 2
        let columns = layers.indices.map {
            Rect(x: rect.x + axisWidth + margin + $0 * columnWidth, y: rect.y, width: columnWidth, height: rect.height)
        }
        for (index, layer) in layers.enumerated() {
            let column = columns[index]
            let s = stats[index]
            var axis: ViolinAxis
            var plot = Rect(x: column.x, y: rect.y, width: column.width, height: plotRows)
            if let shared = sharedAxis {
                axis = shared
            } else {
                // Own range, top and bottom rows of the column labelled with the data's extremes.
                plot = Rect(x: column.x, y: rect.y + 1, width: column.width, height: plotRows - 2)
                let (bottom, top) = ViolinAxis.widened(low: s.min ?? 0, high: s.max ?? 0)
                axis = ViolinAxis(scale: .linear, top: top, bottom: bottom, rows: plot.height, ticks: [])
                if let high = s.max, let low = s.min {
                    let labelWidth = max(1, column.width - 1)
                    for (value, y) in [(high, rect.y), (low, rect.y + plotRows - 1)] {
                        grid.putCentered(g.truncate(NiceTicks.label(value), to: labelWidth), in: column, y: y,
                                         style: theme.mutedText, glyphs: g)
                    }
                }
            }
            drawViolin(s, layer: index, axis: axis, in: plot, into: &grid, context: context)
            drawLabel(layer, number: index + 1, column: column, y: rect.y + plotRows, into: &grid, context: context)
        }
        if labelRows == 2 {
            drawNotes(stats, columns: columns, row: rect.y + plotRows + 1, in: rect, into: &grid, context: context)
        }
    }

    /// The violin body, then quartile and median lines over it.
    func drawViolin(_ s: ViolinStatistics, layer: Int, axis: ViolinAxis, in plot: Rect,
                    into grid: inout Grid, context: RenderContext) {
        guard s.min != nil, plot.height > 0 else { return }
        let theme = context.theme, g = context.glyphs
        let cellsPerSide = max(1, (plot.width - 1) / 2)
        let centre = plot.x + (plot.width - cellsPerSide * 2) / 2 + cellsPerSide
        let stepsDown = g.quadrants.isEmpty ? 1 : 2
        let widths = ViolinWidget.halfWidths(s, axis: axis, stepsPerRow: stepsDown, maxHalfCells: cellsPerSide * 2)
        let body = theme.violinStyle(layer: layer)
        for row in 0..<plot.height {
            let y = plot.y + row
            if stepsDown == 1 {
                drawRow(halfCells: widths[row], centre: centre, y: y, style: body, into: &grid, glyphs: g)
                continue
            }
            let upper = widths[2 * row], lower = widths[2 * row + 1]
            for k in 0..<((max(upper, lower) + 1) / 2) {
                // Quarter bits: inner half of cell k from the centre inked when the width passes 2k, outer when 2k + 1.
                func bits(_ w: Int, inner: Int, outer: Int) -> Int { (w > 2 * k ? inner : 0) | (w > 2 * k + 1 ? outer : 0) }
                let left = bits(upper, inner: 2, outer: 1) | bits(lower, inner: 8, outer: 4)
                let right = bits(upper, inner: 1, outer: 2) | bits(lower, inner: 4, outer: 8)
                grid[centre - 1 - k, y] = Cell(g.quadrants[left], style: body)
                grid[centre + k, y] = Cell(g.quadrants[right], style: body)
            }
        }
        func mark(_ value: Double?, glyph: Character, style: Style) {
            guard let value else { return }
            let row = axis.row(of: value)
            let widest = (0..<stepsDown).map { widths[row * stepsDown + $0] }.max() ?? 0
            let half = max(1, (widest + 1) / 2)
            for k in 0..<half {
                grid[centre - 1 - k, plot.y + row] = Cell(glyph, style: style)
                grid[centre + k, plot.y + row] = Cell(glyph, style: style)
            }
        }
        // One cell per side leaves no room for quartile lines beside the body; the median alone stays readable.
        if cellsPerSide >= 2 {
            mark(s.quantile(0.25), glyph: g.quartile, style: theme.quartileStyle)
            mark(s.quantile(0.75), glyph: g.quartile, style: theme.quartileStyle)
        }
        mark(s.median, glyph: g.median, style: theme.medianStyle)
    }

    /// One row `halfCells` wide from whole and half cells (the ASCII look).
    private func drawRow(halfCells: Int, centre: Int, y: Int, style: Style, into grid: inout Grid, glyphs g: GlyphSet) {
        for k in 0..<(halfCells / 2) {
            grid[centre - 1 - k, y] = Cell(g.violinFull, style: style)
            grid[centre + k, y] = Cell(g.violinFull, style: style)
        }
        if halfCells % 2 == 1 {
            grid[centre - 1 - halfCells / 2, y] = Cell(g.violinHalfLeft, style: style)
            grid[centre + halfCells / 2, y] = Cell(g.violinHalfRight, style: style)
        }
    }

    /// The violin's width on each side of its centre, in half cells, for each of the axis'
    /// rows split into `stepsPerRow` equal steps (top first): the KDE's probability mass in
    /// that step's value interval (clipped to the data's extremes, as matplotlib does),
    /// the widest step `maxHalfCells` wide, every step the data reach at least 1. Mass rather
    /// than the density at the step's centre, so a layer whose gradients all fit in one step
    /// still shows as a line. Cost: O(values near each step) erf evaluations per step.
    /// Computed once per statistics and axis (`ViolinProfileMemo`).
    static func halfWidths(_ s: ViolinStatistics, axis: ViolinAxis, stepsPerRow: Int, maxHalfCells: Int) -> [Int] {
        s.drawnProfiles.widths(for: .init(axis: axis, stepsPerRow: stepsPerRow, maxHalfCells: maxHalfCells)) {
            computeHalfWidths(s, axis: axis, stepsPerRow: stepsPerRow, maxHalfCells: maxHalfCells)
        }
    }

    /// The KDE's largest density per unit of the axis: sampled (9 points a step) across the
    /// fullest step and its neighbours, where the maximum lies; never below the fullest step's
    /// mean. Cost: 27 density evaluations.
    private static func outlinePeak(_ s: ViolinStatistics, axis: ViolinAxis, edges: [Double], masses: [Double],
                                    low: Double, high: Double, span: Double) -> Double {
        guard let fullest = masses.indices.max(by: { masses[$0] < masses[$1] }), masses[fullest] > 0, span > 0 else { return 0 }
        var peak = masses[fullest] / span
        for step in max(0, fullest - 1)...min(masses.count - 1, fullest + 1) {
            let top = axis.scale.forward(edges[step]), bottom = axis.scale.forward(edges[step + 1])
            for i in 0...8 {
                let value = axis.scale.inverse(bottom + (top - bottom) * Double(i) / 8)
                guard value >= low, value <= high else { continue }
                peak = max(peak, ViolinShape.axisDensity(s, at: value, scale: axis.scale))
            }
        }
        return peak
    }

    private static func computeHalfWidths(_ s: ViolinStatistics, axis: ViolinAxis, stepsPerRow: Int, maxHalfCells: Int) -> [Int] {
        var widths = [Int](repeating: 0, count: axis.rows * stepsPerRow)
        guard let low = s.min, let high = s.max else { return widths }
        func stepOf(_ value: Double) -> Int {
            guard stepsPerRow == 2 else { return axis.row(of: value) }
            let halfRow = axis.rowSpan > 0 ? ((axis.top - axis.scale.forward(value)) / axis.rowSpan * 2 + 1).rounded(.down) : 0
            return Int(min(Double(widths.count - 1), max(0, halfRow.isFinite ? halfRow : 0)))
        }
        if low == high {
            // One value (all zeros: a dead network) is one step. On a boundary both neighbours'
            // intervals hold it, and the second one drew as a full-width bar beside the median.
            widths[stepOf(low)] = maxHalfCells
            return widths
        }
        // Mass between the edges of each step, clipped to the data's extremes: top edge first.
        let bandwidth = s.scottBandwidth
        let edges = (0...widths.count).map { step -> Double in
            let row = stepsPerRow == 2 ? axis.interval(halfRow: min(step, widths.count - 1)) : axis.interval(row: min(step, widths.count - 1))
            return step < widths.count ? row.upperBound : row.lowerBound
        }
        let below = edges.map { s.cumulative(below: min(max($0, low), high), bandwidth: bandwidth) }
        let masses: [Double] = widths.indices.map { step in
            guard edges[step] >= low, edges[step + 1] <= high else { return -1 }
            return max(0, below[step] - below[step + 1])
        }
        // Each step's mean density on the axis over the outline's own peak, as the SVG scales its
        // outline (ViolinShape): a peak sharper than a step would otherwise widen every other step.
        // The fullest step, which holds that peak, is drawn full width, as the SVG is at the peak.
        let span = axis.rowSpan / Double(stepsPerRow)
        let peak = outlinePeak(s, axis: axis, edges: edges, masses: masses, low: low, high: high, span: span)
        let fullest = masses.indices.max { masses[$0] < masses[$1] }
        for (step, mass) in masses.enumerated() where mass >= 0 {
            let fraction = peak > 0 && step != fullest ? min(1, mass / span / peak) : 1
            widths[step] = max(1, Int((fraction * Double(maxHalfCells)).rounded()))
        }
        // Values the axis does not reach still leave a mark on its nearest step.
        if widths.allSatisfy({ $0 == 0 }) { widths[stepOf(low)] = maxHalfCells }
        return widths
    }

    /// The note under a layer: "2 NaN", "2 inf" or "2 NaN/inf" (non-finite values ignored) or
    /// "empty", nil when none.
    static func note(for stats: ViolinStatistics, width: Int) -> String? {
        if stats.isEmpty && stats.nonFiniteCount == 0 { return "empty" }
        guard stats.nonFiniteCount > 0 else { return nil }
        let kind = stats.nanCount == stats.nonFiniteCount ? "NaN" : stats.nanCount == 0 ? "inf" : "NaN/inf"
        let spaced = "\(stats.nonFiniteCount) \(kind)"
        return spaced.count < width ? spaced : "\(stats.nonFiniteCount)\(kind)"
    }

    /// "3*" (sampled) under the violin.
    func drawLabel(_ layer: LayerGradientSummary, number: Int, column: Rect, y: Int, into grid: inout Grid, context: RenderContext) {
        var label = "\(number)"
        if column.width - 1 >= label.count + 1 + layer.name.count, !layer.name.isEmpty { label += " " + layer.name }
        if layer.isSampled { label += "*" }
        grid.putCentered(label, in: column, y: y, style: context.theme.text, glyphs: context.glyphs)
    }

    /// Notes under their violins when each fits its column; otherwise one
    /// line for all: "NaN/Inf ignored: 4 (1), 7 (3)  empty: 2".
    func drawNotes(_ stats: [ViolinStatistics], columns: [Rect], row y: Int, in rect: Rect,
                   into grid: inout Grid, context: RenderContext) {
        let notes = zip(stats, columns).map { ViolinWidget.note(for: $0, width: $1.width) }
        let style = context.theme.warningStyle
        if zip(notes, columns).allSatisfy({ ($0 ?? "").count <= $1.width }) {
            for (note, column) in zip(notes, columns) {
                if let note { grid.putCentered(note, in: column, y: y, style: style, glyphs: context.glyphs) }
            }
            return
        }
        let nonFinite = stats.enumerated().filter { $0.element.nonFiniteCount > 0 }
            .map { "\($0.offset + 1) (\($0.element.nonFiniteCount))" }
        let empty = stats.enumerated().filter { $0.element.isEmpty && $0.element.nonFiniteCount == 0 }.map { "\($0.offset + 1)" }
        var parts: [String] = []
        if !nonFinite.isEmpty { parts.append("NaN/Inf ignored: " + nonFinite.joined(separator: ", ")) }
        if !empty.isEmpty { parts.append("empty: " + empty.joined(separator: ", ")) }
        grid.put(context.glyphs.truncate(parts.joined(separator: "  "), to: rect.width), x: rect.x, y: y, style: style)
    }
}

/// The value range (and symlog threshold) of a set of violins: what several
/// widgets share to be drawn on one scale.
public struct ViolinExtent: Sendable, Equatable {
    public var low: Double, high: Double, linthresh: Double

    public init(low: Double, high: Double, linthresh: Double) {
        self.low = low
        self.high = high
        self.linthresh = linthresh
    }

    /// The extent covering every finite value of every layer in `groups`.
    public init(covering groups: [[LayerGradientSummary]]) {
        self.init(covering: groups.map { $0.map { ViolinStatistics(values: $0.values) } })
    }

    /// The extent covering every finite value of every layer's statistics in `groups`.
    public init(covering groups: [[ViolinStatistics]]) {
        let layers = groups.flatMap { $0 }
        self.init(low: layers.compactMap(\.min).min() ?? 0, high: layers.compactMap(\.max).max() ?? 0,
                  linthresh: AxisScale.symlogThreshold(layers: layers.map(\.sorted)))
    }
}
