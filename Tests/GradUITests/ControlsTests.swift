import GradNet
import GradTensor
import Testing
import GradSession
@testable import GradUI

@Suite struct PickerTests {
    let names = ["linear", "sigmoid", "tanh", "relu"]

    @Test func theListHighlightsTheChoiceAndMarksTheFocus() {
        var regions: [HitRegion] = []
        var grid = sentinelGrid(width: 12, height: 4)
        regions = PickerWidget(picker: .activation, items: names, selected: 1, focused: 2)
            .renderList(in: grid.bounds, into: &grid, context: RenderContext(glyphs: .ascii))
        #expect(grid.lines == ["  linear    ", " *sigmoid   ", "> tanh      ", "  relu      "])
        #expect(grid[1, 1].style.reverse, "the chosen item is reversed so it shows without colour")
        #expect(!grid[1, 2].style.reverse)
        #expect(regions.count == 4)
        #expect(HitRegion.action(atX: 5, y: 2, in: regions) == .pickActivation(2))
        #expect(HitRegion.action(atX: 5, y: 9, in: regions) == nil)
    }

    @Test func aShortListScrollsToTheFocusAndShowsScrollMarks() {
        var grid = sentinelGrid(width: 12, height: 2)
        let regions = PickerWidget(picker: .initializer, items: names, selected: 0, focused: 3)
            .renderList(in: grid.bounds, into: &grid, context: RenderContext(glyphs: .ascii))
        #expect(grid.lines == ["  tanh     ^", "> relu      "])
        #expect(regions.map(\.action) == [.pickInitializer(2), .pickInitializer(3)])
    }

    @Test func theCompactSelectorStepsWithItsArrows() {
        var grid = sentinelGrid(width: 24, height: 1)
        let regions = PickerWidget(picker: .activation, items: names, selected: 1, focused: nil)
            .renderCompact(label: "act", in: grid.bounds, into: &grid, context: RenderContext(glyphs: .ascii))
        #expect(grid.lines == [" act < sigmoid >        "])
        #expect(HitRegion.action(atX: 5, y: 0, in: regions) == .pickActivation(0))
        #expect(HitRegion.action(atX: 15, y: 0, in: regions) == .pickActivation(2))
        #expect(HitRegion.action(atX: 9, y: 0, in: regions) == .pickActivation(1))
    }
}

@Suite struct KeyBindingTests {
    @Test func noKeyIsBoundTwice() {
        let keys = KeyBindings.all.flatMap(\.keys)
        #expect(Set(keys).count == keys.count)
    }

    @Test func everyKeyboardActionHasAKey() {
        let actions: [DashboardAction] = [
            .quit, .togglePause, .step, .reset, .speedUp, .speedDown, .lrUp, .lrDown, .cycleOptimizer, .newSeed,
            .newData, .cycleHidden, .nextActivation, .prevActivation, .nextInitializer, .prevInitializer,
            .cycleAxisMode, .toggleLossLogScale, .toggleSummary, .toggleHelp, .cycleTheme, .focusUp, .focusDown,
            .focusSwitch, .chooseFocused, .closeOverlay,
        ]
        for action in actions { #expect(KeyBindings.keyLabel(for: action) != nil, "\(action) has no key") }
    }

    @Test func theDocumentedKeysMapToTheirActions() {
        #expect(KeyBindings.action(for: .character("q")) == .quit)
        #expect(KeyBindings.action(for: .character(" ")) == .togglePause)
        #expect(KeyBindings.action(for: .character("+")) == .speedUp)
        #expect(KeyBindings.action(for: .character("]")) == .lrUp)
        #expect(KeyBindings.action(for: .character("A")) == .prevActivation)
        #expect(KeyBindings.action(for: .character("?")) == .toggleHelp)
        #expect(KeyBindings.action(for: .enter) == .chooseFocused)
        #expect(KeyBindings.action(for: .character("Z")) == nil)
    }

    @Test func keyLabelsAreASCIISoHelpRendersOnAnyTerminal() {
        #expect(KeyBindings.all.allSatisfy { ($0.keyLabel + $0.summary).allSatisfy { $0.isASCII } })
    }

    @Test func speedAndHiddenPresetsStepAndClamp() {
        #expect(SpeedLadder.step(from: 10, faster: true) == 30)
        #expect(SpeedLadder.step(from: 100, faster: true) == nil)
        #expect(SpeedLadder.step(from: nil, faster: true) == nil)
        #expect(SpeedLadder.step(from: 1, faster: false) == 1)
        #expect(SpeedLadder.label(nil) == "max")
        #expect(HiddenPresets.next(after: [2, 2, 2]) == [4, 4, 4])
        #expect(HiddenPresets.next(after: [7]) == [2, 2, 2])
        #expect(HiddenPresets.describe(Array(repeating: 32, count: 6)) == "32x6")
    }
}

@Suite struct DashboardModelTests {
    @Test func focusStartsOnTheRunningChoiceAndEnterChoosesIt() {
        var model = DashboardModel(snapshot: makeSnapshot(activation: .tanh))
        #expect(model.focusedIndex(of: .activation) == model.activations.firstIndex(of: .tanh))
        #expect(model.apply(.focusDown) == nil)
        let relu = model.activations.firstIndex(of: .relu)!
        #expect(model.apply(.chooseFocused) == .pickActivation(relu))
        #expect(model.apply(.focusSwitch) == nil)
        #expect(model.focusedIndex(of: .initializer) == 0, "random_uniform is first")
        #expect(model.focusedIndex(of: .activation) == nil)
        #expect(model.apply(.focusUp) == nil)
        #expect(model.apply(.chooseFocused) == .pickInitializer(model.initializers.count - 1))
    }

    @Test func viewActionsAreAppliedAndOthersPassedOn() {
        var model = DashboardModel()
        #expect(model.apply(.cycleAxisMode) == nil && model.axisMode == .symlog)
        #expect(model.apply(.toggleLossLogScale) == nil && model.lossLogScale)
        #expect(model.apply(.toggleHelp) == nil && model.overlay == .help)
        #expect(model.apply(.toggleSummary) == nil && model.overlay == .summary)
        #expect(model.apply(.closeOverlay) == nil && model.overlay == .none)
        #expect(model.apply(.quit) == .quit)
        #expect(model.apply(.pickInitializer(3)) == .pickInitializer(3))
    }
}

@Suite struct StatusTests {
    @Test func theStatusSaysDivergedVanishingAndTheConfiguration() {
        var snapshot = makeSnapshot()
        snapshot.divergedAtStep = 57
        snapshot.deadUnits = 3
        let lines = render(width: 60, height: 6) { grid in
            StatusPanel(model: DashboardModel(snapshot: snapshot)).render(in: grid.bounds, into: &grid, context: RenderContext())
        }
        let text = lines.joined(separator: "\n")
        Snapshots.check(lines, named: "status-diverged")
        for expected in ["DIVERGED at step 57", "step 240", "vanishing", "dead units 3", "act sigmoid", "init random_uniform",
                         "hidden 2,2,2", "opt adam", "lr 0.01", "seed 100", "100 examples"] {
            #expect(text.contains(expected), "missing '\(expected)' in\n\(text)")
        }
    }

    @Test func beforeTheFirstStepTheStatusSaysItIsWaiting() {
        let lines = render(width: 40, height: 2) { grid in
            StatusPanel(model: DashboardModel()).render(in: grid.bounds, into: &grid, context: RenderContext())
        }
        #expect(lines[0].contains("waiting for the first step"))
    }
}
