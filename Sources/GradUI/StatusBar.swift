import GradSession

/// One "key value" pair of the status panel.
public struct StatusItem: Sendable, Equatable {
    public var key: String
    public var value: String
    public var style: Style
}

/// The run's numbers and configuration as key-value items, flowed into as
/// many lines as the panel has, most important first: the step, loss and
/// speed, the gradient ratio that shows vanishing, then the configuration.
/// What the first/last-layer gradient ratio says about a snapshot.
public enum GradientFlowVerdict: Equatable, Sendable {
    case vanishing(Float), exploding(Float), ok(Float)
    /// Every kernel gradient is zero: nothing can learn (dead ReLUs, zero weights).
    case allZero
    case unknown

    public init(_ snapshot: TrainingSnapshot) {
        let ratio = snapshot.firstToLastRatio
        if !snapshot.layers.isEmpty, snapshot.layers.allSatisfy({ $0.meanAbs == 0 }) { self = .allZero }
        else if !ratio.isFinite { self = .unknown }
        else if ratio < StatusPanel.vanishingRatio { self = .vanishing(ratio) }
        else if ratio > 1 / StatusPanel.vanishingRatio { self = .exploding(ratio) }
        else { self = .ok(ratio) }
    }

    /// "0.0147 vanishing", "all zero (dead)", "n/a".
    public var text: String {
        switch self {
        case .vanishing(let r): return NiceTicks.label(Double(r)) + " vanishing"
        case .exploding(let r): return NiceTicks.label(Double(r)) + " exploding"
        case .ok(let r): return NiceTicks.label(Double(r)) + " ok"
        case .allZero: return "all zero (dead)"
        case .unknown: return "n/a"
        }
    }

    public var isGood: Bool {
        if case .ok = self { return true }
        return false
    }

    public var isWarning: Bool {
        switch self {
        case .vanishing, .exploding, .allZero: return true
        case .ok, .unknown: return false
        }
    }
}

public struct StatusPanel: Sendable {
    public var model: DashboardModel

    public init(model: DashboardModel) { self.model = model }

    /// Below this first/last mean |g| ratio gradients are called vanishing; above its inverse, exploding.
    public static let vanishingRatio: Float = 0.1

    public var items: [StatusItem] {
        let theme = model.theme
        guard let s = model.snapshot else {
            return [StatusItem(key: "state", value: "waiting for the first step", style: theme.mutedText)]
        }
        var items: [StatusItem] = []
        if let alarm = s.alarm {
            items.append(StatusItem(key: "", value: alarm, style: theme.warningStyle))
        }
        items.append(StatusItem(key: "step", value: "\(s.step)", style: theme.text))
        items.append(StatusItem(key: "loss", value: NiceTicks.label(Double(s.loss)),
                                style: s.loss.isFinite ? theme.text : theme.warningStyle))
        if let test = s.testLoss { items.append(StatusItem(key: "test loss", value: NiceTicks.label(Double(test)), style: theme.text)) }
        if let accuracy = s.accuracy { items.append(StatusItem(key: "acc", value: StatusPanel.percent(accuracy), style: theme.text)) }
        if let accuracy = s.testAccuracy { items.append(StatusItem(key: "test acc", value: StatusPanel.percent(accuracy), style: theme.text)) }
        let rate = s.stepsPerSecond.isFinite ? NiceTicks.label(s.stepsPerSecond.rounded()) : "-"
        items.append(StatusItem(key: "rate", value: rate + " steps/s", style: theme.text))
        items.append(StatusItem(key: model.paused ? "paused" : "running", value: "at " + SpeedLadder.label(model.speed),
                                style: model.paused ? theme.accentStyle : theme.goodStyle))
        let flow = GradientFlowVerdict(s)
        items.append(StatusItem(key: "|g| first/last", value: flow.text,
                                style: flow.isWarning ? theme.warningStyle : flow.isGood ? theme.goodStyle : theme.mutedText))
        items.append(StatusItem(key: "dead units", value: "\(s.deadUnits)", style: s.deadUnits > 0 ? theme.warningStyle : theme.text))
        let c = s.config
        items.append(StatusItem(key: "act", value: c.activation.name, style: theme.accentStyle))
        items.append(StatusItem(key: "init", value: c.initializer.name, style: theme.accentStyle))
        items.append(StatusItem(key: "hidden", value: HiddenPresets.describe(c.hidden), style: theme.text))
        items.append(StatusItem(key: "opt", value: c.optimizer.rawValue, style: theme.text))
        items.append(StatusItem(key: "lr", value: NiceTicks.label(Double(c.learningRate)), style: theme.text))
        if c.momentum != 0 { items.append(StatusItem(key: "momentum", value: NiceTicks.label(Double(c.momentum)), style: theme.text)) }
        items.append(StatusItem(key: "seed", value: "\(c.seed)", style: theme.text))
        let generated = (c.dataset == .notebook ? "" : c.dataset.name + ", ") + "\(c.examples) examples, seed \(c.dataSeed)"
            + (c.noise == 0 ? "" : ", noise \(NiceTicks.label(c.noise))") + (c.testRatio == 0 ? "" : ", test \(StatusPanel.percent(Float(c.testRatio)))")
        items.append(StatusItem(key: "data", value: c.dataFile ?? generated, style: theme.text))
        if c.loss != .meanSquaredError { items.append(StatusItem(key: "loss fn", value: c.loss.name, style: theme.text)) }
        if let batch = c.batchSize { items.append(StatusItem(key: "batch", value: "\(batch)", style: theme.text)) }
        if let file = c.modelFile { items.append(StatusItem(key: "model", value: file, style: theme.text)) }
        return items
    }

    /// "93.5%": a share as a percentage with one decimal.
    static func percent(_ share: Float) -> String {
        share.isFinite ? "\((Double(share) * 1000).rounded() / 10)%" : "-"
    }

    /// Flows the items left to right, wrapping at the panel's width, two
    /// spaces apart; items that do not fit in the rows left are dropped. When a
    /// blank row and a row per layer are left (a projector-sized screen), a table
    /// of each layer's gradient statistics follows.
    public func render(in rect: Rect, into grid: inout Grid, context: RenderContext) {
        let theme = context.theme, g = context.glyphs
        grid.fill(rect, with: theme.blankCell)
        var x = rect.x, y = rect.y
        for item in items {
            let width = (item.key.isEmpty ? 0 : item.key.count + 1) + item.value.count
            if x > rect.x && x + width > rect.maxX { x = rect.x; y += 1 }
            guard y < rect.maxY else { return }
            if !item.key.isEmpty {
                x += grid.put(item.key + " ", x: x, y: y, style: theme.mutedText, limit: rect.maxX - x)
            }
            x += grid.put(g.truncate(item.value, to: rect.maxX - x), x: x, y: y, style: item.style, limit: rect.maxX - x)
            x += 2
        }
        if let layers = model.snapshot?.layers, !layers.isEmpty {
            let table = Rect(x: rect.x, y: y + 2, width: rect.width, height: rect.maxY - y - 2)
            if table.height >= layers.count + 1 { StatusPanel.renderLayerTable(layers, statistics: model.violinStatistics, in: table, into: &grid, context: context) }
        }
    }

    /// Columns of the per-layer table; widths fit "-1.23e-4" and the layer names.
    static let layerColumns: [(title: String, width: Int)] =
        [("layer", 12), ("mean |g|", 10), ("median", 10), ("q1", 10), ("q3", 10), ("min", 10), ("max", 10)]

    /// One row per layer: mean |g| (the heat strip's quantity), then the violin's
    /// median, quartiles and extremes, as numbers. Columns that do not fit are left out.
    static func renderLayerTable(_ layers: [LayerGradientSummary], statistics: [ViolinStatistics], in rect: Rect,
                                 into grid: inout Grid, context: RenderContext) {
        let theme = context.theme, g = context.glyphs
        var shown = 0, width = 0
        for column in layerColumns where width + column.width <= rect.width { width += column.width; shown += 1 }
        guard shown >= 2 else { return }
        var x = rect.x
        for column in layerColumns.prefix(shown) {
            grid.put(column.title, x: x, y: rect.y, style: theme.mutedText, limit: column.width - 1)
            x += column.width
        }
        for (index, (layer, stats)) in zip(layers, statistics).enumerated() where rect.y + 1 + index < rect.maxY {
            let numbers = [Double(layer.meanAbs), stats.median, stats.quantile(0.25), stats.quantile(0.75), stats.min, stats.max]
            let cells = ["\(index + 1) \(layer.name)\(layer.isSampled ? "*" : "")"] + numbers.map { $0.map { NiceTicks.label($0) } ?? "-" }
            x = rect.x
            for (cell, column) in zip(cells, layerColumns.prefix(shown)) {
                grid.put(g.truncate(cell, to: column.width - 1), x: x, y: rect.y + 1 + index,
                         style: theme.text, limit: column.width - 1)
                x += column.width
            }
        }
    }
}

/// The top line: program name, run state and the headline numbers.
public struct HeaderBar: Sendable {
    public var model: DashboardModel
    public init(model: DashboardModel) { self.model = model }

    public func render(in rect: Rect, into grid: inout Grid, context: RenderContext) {
        let theme = context.theme, g = context.glyphs
        let bar = theme.statusStyle
        grid.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), with: Cell(" ", style: bar))
        var x = rect.x + 1
        x += grid.put("gradtop", x: x, y: rect.y, style: Style(foreground: theme.title, background: theme.statusBackground, bold: true))
        x += 2
        let stateGlyph = model.paused ? g.paused : g.running
        let state = "\(stateGlyph) " + (model.paused ? "paused" : "running \(SpeedLadder.label(model.speed))")
        x += grid.put(state, x: x, y: rect.y, style: Style(foreground: model.paused ? theme.accent : theme.good,
                                                           background: theme.statusBackground, bold: true))
        let help = "? help "
        let end = rect.maxX - help.count - 1
        if let s = model.snapshot {
            // The alarm outranks the configuration for the little room there is.
            if let alarm = s.alarm {
                let style = Style(foreground: theme.warning, background: theme.statusBackground, bold: true, reverse: true)
                x += 2
                x += grid.put(g.truncate(" \(alarm) ", to: max(0, end - x)), x: x, y: rect.y, style: style)
            }
            let c = s.config
            let sep = g.separator
            let text = "  \(c.activation.name) \(sep) \(c.initializer.name) \(sep) hidden \(HiddenPresets.describe(c.hidden))"
            grid.put(g.truncate(text, to: max(0, end - x)), x: x, y: rect.y, style: bar)
        }
        grid.putRight(help, maxX: rect.maxX, y: rect.y, style: theme.statusKeyStyle)
    }
}
