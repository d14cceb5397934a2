import GradTensor
/// Where each panel goes for a grid size. Two shapes: compact (from 80x23:
/// one-line pickers in a "controls" panel) and full (from 110x34: list
/// pickers). Extra space goes to the violins. With the prediction panel it
/// takes the top of the right column: half of it on full layouts (loss and
/// gradient flow share the rest), all but the loss's six rows and the flow strip
/// on projector-sized ones (160x45 and up); on compact ones all but five rows, the loss
/// keeping those five and the gradient-flow strip giving way (`flow` is empty).
public struct DashboardLayout: Sendable, Equatable {
    public var header: Rect
    public var violins: Rect
    public var loss: Rect
    public var flow: Rect
    /// The "prediction" panel, when shown.
    public var prediction: Rect?
    public var status: Rect
    /// Full layout: the activation list; compact: the controls panel.
    public var pickers: Rect
    /// Full layout only: the initializer list.
    public var initializerPicker: Rect?
    public var hints: Rect

    /// 23 rows, not 24: an 80x24 terminal running tmux (or screen with a status line)
    /// leaves 80x23 to the program, and that is the lab machines' usual setup.
    public static let minimumWidth = 80, minimumHeight = 23

    public var isFull: Bool { initializerPicker != nil }

    /// nil when the grid is below 80x23.
    public init?(width: Int, height: Int, layerCount: Int, prediction: Bool = false) {
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else { return nil }
        let full = width >= 110 && height >= 34
        header = Rect(x: 0, y: 0, width: width, height: 1)
        hints = Rect(x: 0, y: height - 1, width: width, height: 1)
        let bottomHeight = full ? 12 : 8
        let topHeight = height - 2 - bottomHeight
        let rightWidth = full ? max(40, width * 36 / 100) : max(30, width * 3 / 8)
        let leftWidth = width - rightWidth
        violins = Rect(x: 0, y: 1, width: leftWidth, height: topHeight)
        let flowHeight = max(4, min(topHeight / 2, layerCount + 3))  // a row per layer, the colour key, the border
        loss = Rect(x: leftWidth, y: 1, width: rightWidth, height: topHeight - flowHeight)
        flow = Rect(x: leftWidth, y: 1 + loss.height, width: rightWidth, height: flowHeight)
        if prediction {
            // Projector-sized screens keep five rows for the loss (under the flow strip's colour key)
            // and give the rest to the picture, so each hidden unit of a layer of 8 gets a picture
            // of its own (two rows, 4x4 pixels) beside it.
            let projector = width >= 160 && height >= 45
            let pictureHeight = !full ? topHeight - 5 : projector ? max(topHeight / 2, topHeight - 5 - flowHeight) : topHeight / 2
            self.prediction = Rect(x: leftWidth, y: 1, width: rightWidth, height: pictureHeight)
            let flowRows = full ? flowHeight : 0
            loss = Rect(x: leftWidth, y: 1 + pictureHeight, width: rightWidth, height: topHeight - pictureHeight - flowRows)
            flow = Rect(x: leftWidth, y: loss.maxY, width: rightWidth, height: flowRows)
        }
        let bottomY = 1 + topHeight
        if full {
            let pickerWidth = 23  // fits "initializer" and its "i I" key hint in the border
            status = Rect(x: 0, y: bottomY, width: width - 2 * pickerWidth, height: bottomHeight)
            pickers = Rect(x: status.maxX, y: bottomY, width: pickerWidth, height: bottomHeight)
            initializerPicker = Rect(x: pickers.maxX, y: bottomY, width: pickerWidth, height: bottomHeight)
        } else {
            status = Rect(x: 0, y: bottomY, width: leftWidth, height: bottomHeight)
            pickers = Rect(x: leftWidth, y: bottomY, width: rightWidth, height: bottomHeight)
            initializerPicker = nil
        }
    }
}

/// The whole dashboard: lays out the panels for the grid's size, draws
/// every cell of the grid, and returns the clickable regions.
public struct DashboardView: Sendable {
    public init() {}

    public func render(model: DashboardModel, into grid: inout Grid) -> [HitRegion] {
        let context = model.context, theme = model.theme, g = model.glyphs
        grid.fill(grid.bounds, with: theme.blankCell)
        let layers = model.snapshot?.layers ?? []
        guard let layout = DashboardLayout(width: grid.width, height: grid.height, layerCount: layers.count,
                                           prediction: model.showsPrediction) else {
            renderTooSmall(into: &grid, context: context)
            return []
        }
        HeaderBar(model: model).render(in: layout.header, into: &grid, context: context)

        let sampled = layers.contains(where: \.isSampled) ? "  * sampled" : ""
        let violinArea = grid.drawPanel(layout.violins, title: "gradients per layer",
                                        trailing: "v " + model.axisMode.label + sampled, context: context)
        let lossArea = grid.drawPanel(layout.loss, title: "loss", trailing: "l " + (model.lossLogScale ? "log" : "linear"), context: context)
        let flowArea = grid.drawPanel(layout.flow, title: "gradient flow", trailing: "log |g|", context: context)
        if let rect = layout.prediction, let picture = model.snapshot?.prediction {
            let area = grid.drawPanel(rect, title: "prediction", trailing: "p", context: context)
            PredictionWidget(picture: picture, inColour: model.picturesInColour).render(in: Rect(x: area.x + 1, y: area.y, width: area.width - 1, height: area.height),
                                                      into: &grid, context: context)
        }
        if let snapshot = model.snapshot {
            ViolinWidget(layers: snapshot.layers, mode: model.axisMode, extent: model.steadyExtents.extent(for: model.axisMode),
                         statistics: model.violinStatistics)
                .render(in: violinArea, into: &grid, context: context)
            LossChart(history: snapshot.lossHistory, logScale: model.lossLogScale, testHistory: snapshot.testLossHistory)
                .render(in: lossArea, into: &grid, context: context)
            if !flowArea.isEmpty { HeatStrip(layers: snapshot.layers).render(in: flowArea, into: &grid, context: context) }
        } else {
            for area in [violinArea, lossArea, flowArea] where !area.isEmpty {
                grid.putCentered("waiting for the first step", in: area, y: area.y + area.height / 2, style: theme.mutedText, glyphs: g)
            }
        }
        let statusArea = grid.drawPanel(layout.status, title: "run", context: context)
        if layout.isFull {
            // Room for the settings column the compact layout shows under the pickers.
            let controlsWidth = 30
            StatusPanel(model: model).render(in: Rect(x: statusArea.x + 1, y: statusArea.y, width: statusArea.width - controlsWidth - 2,
                                                      height: statusArea.height), into: &grid, context: context)
            renderControls(model, in: Rect(x: statusArea.maxX - controlsWidth, y: statusArea.y, width: controlsWidth,
                                           height: statusArea.height), into: &grid, context: context)
        } else {
            StatusPanel(model: model).render(in: Rect(x: statusArea.x + 1, y: statusArea.y, width: statusArea.width - 2,
                                                      height: statusArea.height), into: &grid, context: context)
        }

        var regions: [HitRegion] = []
        let activation = PickerWidget(picker: .activation, items: model.activations.map(\.name),
                                      selected: model.selectedIndex(of: .activation),
                                      focused: model.focusedIndex(of: .activation))
        let initializer = PickerWidget(picker: .initializer, items: model.initializers.map(\.name),
                                       selected: model.selectedIndex(of: .initializer),
                                       focused: model.focusedIndex(of: .initializer))
        if let initializerRect = layout.initializerPicker {
            let a = grid.drawPanel(layout.pickers, title: "activation", trailing: "a A", context: context,
                                   highlighted: model.focus.picker == .activation)
            regions += activation.renderList(in: a, into: &grid, context: context)
            let i = grid.drawPanel(initializerRect, title: "initializer", trailing: "i I", context: context,
                                   highlighted: model.focus.picker == .initializer)
            regions += initializer.renderList(in: i, into: &grid, context: context)
        } else {
            let area = grid.drawPanel(layout.pickers, title: "controls", context: context)
            regions += activation.renderCompact(label: "act ", in: Rect(x: area.x, y: area.y, width: area.width, height: 1),
                                                into: &grid, context: context)
            regions += initializer.renderCompact(label: "init", in: Rect(x: area.x, y: area.y + 1, width: area.width, height: 1),
                                                 into: &grid, context: context)
            renderControls(model, in: Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2),
                           into: &grid, context: context)
        }
        if let tour = model.tour { TourCaption(tour: tour, status: StatusPanel(model: model)).render(in: layout.status, into: &grid, context: context) }
        renderHints(model, in: layout.hints, into: &grid, context: context)

        switch model.overlay {
        case .none: break
        case .help:
            let legend = HelpOverlay.ratioLegend + (model.tour == nil ? [HelpOverlay.tourNote] : [])
            HelpOverlay(legend: legend).render(in: grid.bounds, into: &grid, context: context)
        case .summary: SummaryOverlay(lines: model.summaryLines).render(in: grid.bounds, into: &grid, context: context)
        case .activation:
            ActivationView(activation: model.snapshot?.config.activation ?? .sigmoid).render(in: grid.bounds, into: &grid, context: context)
        }
        // Clicks go to pickers only while nothing covers them.
        return model.overlay == .none ? regions : []
    }

    /// The settings the keys change, each with its keys: "speed 10/s   - +".
    func renderControls(_ model: DashboardModel, in rect: Rect, into grid: inout Grid, context: RenderContext) {
        let theme = context.theme
        var rows: [(String, String, String)] = [
            ("speed", SpeedLadder.label(model.speed), "- +"),
            ("axis", model.axisMode.label, "v"),
            ("loss", model.lossLogScale ? "log" : "linear", "l"),
            ("theme", model.theme.name, "t"),
        ]
        if let config = model.snapshot?.config { rows.append(("data", config.dataFile == nil ? config.dataset.name : "file", "D p")) }
        if let config = model.snapshot?.config {
            rows.insert(("lr", NiceTicks.label(Double(config.learningRate)), "[ ]"), at: 1)
            rows.insert(("hidden", HiddenPresets.describe(config.hidden), "h"), at: 2)
        }
        for (row, (name, value, keys)) in rows.prefix(rect.height).enumerated() {
            let y = rect.y + row
            grid.put(name, x: rect.x + 1, y: y, style: theme.mutedText)
            grid.put(context.glyphs.truncate(value, to: rect.width - 15), x: rect.x + 8, y: y, style: theme.text)
            grid.putRight(keys, maxX: rect.maxX - 1, y: y, style: theme.accentStyle)
        }
    }

    /// The bottom line: the message if there is one, else the hinted keys.
    func renderHints(_ model: DashboardModel, in rect: Rect, into grid: inout Grid, context: RenderContext) {
        grid.drawHintBar(KeyBindings.all, message: model.message, in: rect, context: context)
    }

    func renderTooSmall(into grid: inout Grid, context: RenderContext) {
        grid.drawTooSmall(needWidth: DashboardLayout.minimumWidth, needHeight: DashboardLayout.minimumHeight, context: context)
    }
}
