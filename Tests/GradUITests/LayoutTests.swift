import Testing
import GradSession
@testable import GradUI

private func dashboard(_ model: DashboardModel, width: Int, height: Int) -> (lines: [String], regions: [HitRegion], grid: Grid) {
    var grid = sentinelGrid(width: width, height: height)
    let regions = DashboardView().render(model: model, into: &grid)
    return (grid.lines, regions, grid)
}

private func model(_ snapshot: TrainingSnapshot? = makeSnapshot(), glyphs: GlyphSet = .unicode) -> DashboardModel {
    var model = DashboardModel(snapshot: snapshot)
    model.glyphs = glyphs
    model.summaryLines = ["Model: \"sequential\"", "dense (Dense)   (None, 2)   6", "Total params: 24"]
    return model
}

@Suite struct LayoutTests {
    static let sizes = [(80, 24), (120, 40)]

    @Test(arguments: [(80, 24), (120, 40)], [GlyphSet.unicode, .ascii])
    func theDashboardMatchesItsSnapshot(size: (Int, Int), glyphs: GlyphSet) {
        let (lines, _, _) = dashboard(model(glyphs: glyphs), width: size.0, height: size.1)
        Snapshots.check(lines, named: "dashboard-\(size.0)x\(size.1)-\(glyphs.name)")
        #expect(!lines.joined().contains("X"), "a cell was left undrawn")
    }

    @Test(arguments: [(80, 23), (80, 24), (100, 30), (120, 40), (160, 50)])
    func everyOverlayAndAxisModeRendersInPureASCII(size: (Int, Int)) {
        for overlay in [DashboardOverlay.none, .help, .summary] {
            for mode in ViolinAxisMode.allCases {
                var m = model(glyphs: .ascii)
                m.overlay = overlay
                m.axisMode = mode
                m.lossLogScale = mode == .symlog
                let (lines, _, _) = dashboard(m, width: size.0, height: size.1)
                #expect(lines.joined().allSatisfy { $0.isASCII }, "non-ASCII at \(size) \(overlay) \(mode)")
                #expect(!lines.joined().contains("X"))
            }
        }
    }

    @Test func theFullLayoutUsesListPickersAndTheCompactOneSelectors() {
        #expect(DashboardLayout(width: 120, height: 40, layerCount: 4)?.isFull == true)
        #expect(DashboardLayout(width: 80, height: 24, layerCount: 4)?.isFull == false)
        #expect(DashboardLayout(width: 79, height: 24, layerCount: 4) == nil)
        #expect(DashboardLayout(width: 80, height: 22, layerCount: 4) == nil)
    }

    @Test func clicksOnPickerItemsMapToPicks() {
        let (lines, regions, _) = dashboard(model(), width: 120, height: 40)
        let row = lines.firstIndex { $0.contains(" relu ") }!
        let column = lines[row].distance(from: lines[row].startIndex, to: lines[row].range(of: " relu ")!.lowerBound) + 2
        #expect(HitRegion.action(atX: column, y: row, in: regions) == .pickActivation(3))
        let heRow = lines.firstIndex { $0.contains("he_normal") }!
        let heColumn = lines[heRow].distance(from: lines[heRow].startIndex, to: lines[heRow].range(of: "he_normal")!.lowerBound)
        #expect(HitRegion.action(atX: heColumn, y: heRow, in: regions) == .pickInitializer(3))
    }

    @Test func overlaysSwallowClicks() {
        var m = model()
        m.overlay = .help
        #expect(dashboard(m, width: 120, height: 40).regions.isEmpty)
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func theHelpOverlayListsEveryKey(size: (Int, Int)) {
        var m = model()
        m.overlay = .help
        let (lines, _, _) = dashboard(m, width: size.0, height: size.1)
        let text = lines.joined(separator: "\n")
        for binding in KeyBindings.all {
            #expect(text.contains(binding.keyLabel + " "), "help lacks key \(binding.keyLabel)")
            #expect(text.contains(binding.summary), "help lacks '\(binding.summary)' at \(size)")
        }
        #expect(text.contains(HelpOverlay.mouseNote))
        // What the gradient ratio means, in words.
        for line in HelpOverlay.ratioLegend { #expect(text.contains(line), "help lacks '\(line)' at \(size)") }
        #expect(text.contains(HelpOverlay.tourNote), "the dashboard's help does not name the tour at \(size)")
        if size == (80, 24) { Snapshots.check(lines, named: "help-80x24") }
    }

    @Test func theTourHelpDoesNotSendYouToTheTour() {
        var m = model()
        m.overlay = .help
        m.tour = Tour(base: RunConfig())
        let text = dashboard(m, width: 80, height: 24).lines.joined(separator: "\n")
        #expect(text.contains("tour: next stop") && !text.contains(HelpOverlay.tourNote))
    }

    @Test func bothListPickersShowTheirKeysInTheBorder() {
        for (width, height) in [(110, 34), (120, 40), (200, 60)] {
            let text = dashboard(model(), width: width, height: height).lines.joined(separator: "\n")
            #expect(text.contains("activation ") && text.contains(" a A "), "\(width)x\(height)")
            #expect(text.contains("initializer ") && text.contains(" i I "), "\(width)x\(height)")
        }
    }

    @Test func aProjectorSizedRunPanelListsEachLayersGradientStatistics() {
        let m = model()
        for (width, height) in [(160, 45), (200, 60)] {
            let lines = dashboard(m, width: width, height: height).lines
            let header = try? #require(lines.firstIndex { $0.contains("mean |g|") && $0.contains("median") },
                                       "no layer table at \(width)x\(height)")
            guard let header else { continue }
            for (index, layer) in m.snapshot!.layers.enumerated() {
                let row = lines[header + 1 + index]
                #expect(row.contains("\(index + 1) \(layer.name)") && row.contains(NiceTicks.label(Double(layer.meanAbs))),
                        "\(width)x\(height) row \(index + 1): \(row)")
            }
        }
        // No room at 120x40: the run panel keeps its items and shows no half table.
        #expect(!dashboard(m, width: 120, height: 40).lines.joined().contains("mean |g|"))
    }

    @Test func theSummaryOverlayShowsTheGivenLines() {
        var m = model()
        m.overlay = .summary
        let text = dashboard(m, width: 80, height: 24).lines.joined(separator: "\n")
        #expect(text.contains("Total params: 24") && text.contains("model summary"))
    }

    @Test(arguments: [(79, 24), (80, 22), (40, 10), (20, 5)])
    func aSmallTerminalGetsACentredMessageNotGarbage(size: (Int, Int)) {
        let (lines, regions, _) = dashboard(model(), width: size.0, height: size.1)
        let text = lines.joined(separator: " ")
        #expect(text.contains("terminal too small"))
        #expect(text.contains("have \(size.0)x\(size.1)") && text.contains("need 80x23"))
        #expect(!text.contains("X") && regions.isEmpty)
        #expect(!text.contains("gradients"))
    }

    @Test func anEightyByTwentyFourTerminalUnderTmuxGetsTheDashboard() {
        // tmux's status line takes one of the 24 rows.
        let (lines, _, _) = dashboard(model(glyphs: .ascii), width: 80, height: 23)
        Snapshots.check(lines, named: "dashboard-80x23-ascii")
        #expect(lines[0].contains("gradtop") && lines[1].contains("gradients per layer"))
        #expect(lines.contains { $0.contains("controls") } && lines[22].contains("q quit"))
        #expect(!lines.joined().contains("X") && !lines.joined().contains("too small"))
    }

    @Test func beforeTheFirstStepEveryPanelWaits() {
        let (lines, _, _) = dashboard(model(nil), width: 80, height: 24)
        #expect(lines.filter { $0.contains("waiting for the first step") }.count >= 3)
        #expect(!lines.joined().contains("X"))
    }

    @Test func aDivergedRunSaysSoInTheHeaderAndStatus() {
        var snapshot = makeSnapshot()
        snapshot.divergedAtStep = 99
        let lines = dashboard(model(snapshot), width: 80, height: 24).lines
        #expect(lines[0].contains("DIVERGED at step 99"))
        #expect(lines.dropFirst().contains { $0.contains("DIVERGED at step 99") })
    }

    @Test func twelveLayersFitAt80x24() {
        let scales = (0..<12).map { 0.001 * Double($0 + 1) }
        var snapshot = makeSnapshot(scales: scales)
        snapshot.config.hidden = Array(repeating: 16, count: 11)
        let (lines, _, _) = dashboard(model(snapshot), width: 80, height: 24)
        #expect(!lines.joined().contains("X"))
        #expect(lines.contains { $0.contains("10 11 12") || $0.contains("10  11  12") }, "\(lines.joined(separator: "\n"))")
    }

    @Test func aMessageReplacesTheKeyHints() {
        var m = model()
        m.message = "themes/x.toml:3: bad colour"
        let lines = dashboard(m, width: 80, height: 24).lines
        #expect(lines[23].contains("themes/x.toml:3: bad colour"))
        #expect(dashboard(model(), width: 80, height: 24).lines[23].contains("q quit"))
    }
}
