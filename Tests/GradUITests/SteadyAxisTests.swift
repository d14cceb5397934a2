import GradNet
import GradTensor
import Foundation
import Testing
import GradSession
@testable import GradUI

/// The default run's snapshots (sigmoid / random_uniform, seed 100), steps 0...`steps`.
private func defaultRun(steps: Int) throws -> [TrainingSnapshot] {
    var snapshots: [TrainingSnapshot] = []
    try HeadlessTraining.run(config: RunConfig(), steps: steps) { snapshots.append($0) }
    return snapshots
}

private func layer(_ values: [Float]) -> LayerGradientSummary {
    LayerGradientSummary(name: "dense", kernelShape: [2, 2], values: values, totalCount: values.count, meanAbs: 0, meanAbsHistory: [])
}

private func snapshot(_ values: [Float], step: Int, config: RunConfig = RunConfig()) -> TrainingSnapshot {
    TrainingSnapshot(config: config, step: step, loss: 0.3, lossHistory: [], layers: [layer(values)], stepsPerSecond: 0, deadUnits: 0)
}

private func covers(_ extent: ViolinExtent?, _ snapshot: TrainingSnapshot) -> Bool {
    let data = ViolinExtent(covering: [snapshot.layers])
    guard let extent else { return false }
    return extent.low <= data.low && data.high <= extent.high
}

@Suite struct SteadyAxisTests {
    @Test func theViolinAxesOfTheDefaultRunChangeRarelyAndAlwaysCoverTheData() throws {
        var held = SteadyViolinExtents()
        var linearChanges = 0, symlogChanges = 0
        for s in try defaultRun(steps: 120) {
            let before = held
            held.update(with: s)
            #expect(covers(held.linear, s), "step \(s.step): \(String(describing: held.linear))")
            #expect(covers(held.symlog, s), "step \(s.step): \(String(describing: held.symlog))")
            if s.step > 0 {
                linearChanges += before.linear == held.linear ? 0 : 1
                symlogChanges += before.symlog == held.symlog ? 0 : 1
            }
        }
        // Unheld, both change on every one of the 120 steps; held, a handful of times while the gradients grow.
        #expect(linearChanges <= 4, "linear axis changed \(linearChanges) times")
        #expect(symlogChanges <= 5, "symlog axis changed \(symlogChanges) times")
    }

    @Test func theLinearExtentStaysWhileTheDataStayInsideAndEndsOnNiceValues() {
        var held = SteadyViolinExtents()
        held.update(with: snapshot([-0.31, 0.12, 0.44], step: 1))
        let first = held.linear
        // The nice values (steps of 0.1 here) just outside the data.
        #expect(first.map { abs($0.low + 0.4) < 1e-12 && abs($0.high - 0.6) < 1e-12 } == true, "\(String(describing: first))")
        for (step, values) in [[-0.2, 0.3], [-0.38, 0.5], [-0.1, 0.33]].enumerated() {
            held.update(with: snapshot(values.map(Float.init), step: step + 2))
            #expect(held.linear == first, "step \(step + 2)")
        }
    }

    @Test func theLinearExtentGrowsWhenDataLeaveItAndShrinksWhenTheyUseLessThanHalf() {
        var held = SteadyViolinExtents()
        held.update(with: snapshot([-0.31, 0.44], step: 1))
        held.update(with: snapshot([-0.31, 0.9], step: 2))
        #expect(held.linear.map { $0.low <= -0.31 && $0.high >= 0.9 } == true, "\(String(describing: held.linear))")
        held.update(with: snapshot([-0.01, 0.02], step: 3))
        #expect(held.linear.map { $0.high - $0.low <= 0.1 } == true, "\(String(describing: held.linear))")
    }

    @Test func aNewRunStartsFromItsOwnData() {
        var held = SteadyViolinExtents()
        held.update(with: snapshot([-4, 4], step: 5))
        held.update(with: snapshot([-0.1, 0.1], step: 0))
        #expect(held.linear.map { $0.high - $0.low <= 0.5 } == true, "\(String(describing: held.linear))")
        var other = RunConfig()
        other.activation = .tanh
        held.update(with: snapshot([-4, 4], step: 6))
        held.update(with: snapshot([-0.1, 0.1], step: 7, config: other))
        #expect(held.linear.map { $0.high - $0.low <= 0.5 } == true, "\(String(describing: held.linear))")
    }

    @Test func theSymlogThresholdIsAPowerOfTenHeldWithinHalfADecade() {
        #expect(SteadyViolinExtents.niceSymlog(ViolinExtent(low: -0.3, high: 0.07, linthresh: 2.7e-3))
                == ViolinExtent(low: -0.5, high: 0.1, linthresh: 1e-3))
        let held = ViolinExtent(low: -0.5, high: 0.1, linthresh: 1e-3)
        let jittered = SteadyViolinExtents.heldSymlog(held, data: ViolinExtent(low: -0.2, high: 0.05, linthresh: 8e-4))
        #expect(jittered == held)
        let quieter = SteadyViolinExtents.heldSymlog(held, data: ViolinExtent(low: -0.2, high: 0.05, linthresh: 2e-4))
        #expect(quieter.linthresh == 1e-4)
    }

    @Test func niceMagnitudesRoundOutwardOnTheOneTwoFiveSeries() {
        #expect(NiceMagnitude.outward(0.37, up: true) == 0.5)
        #expect(NiceMagnitude.outward(-0.37, up: false) == -0.5)
        #expect(NiceMagnitude.outward(0.37, up: false) == 0.2)
        #expect(NiceMagnitude.outward(-0.37, up: true) == -0.2)
        #expect(NiceMagnitude.outward(1e-3, up: true) == 1e-3)
        #expect(NiceMagnitude.outward(0, up: true) == 0)
    }

    @Test func theDashboardModelHoldsTheExtentItsSnapshotsGive() throws {
        let run = try defaultRun(steps: 3)
        var model = DashboardModel()
        var held = SteadyViolinExtents()
        for s in run {
            model.snapshot = s
            held.update(with: s)
        }
        #expect(model.steadyExtents == held)
        #expect(model.steadyExtents.extent(for: .perLayer) == nil)
        #expect(DashboardModel(snapshot: run[0]).steadyExtents.linear != nil)
    }

    @Test func theCompareGridHoldsOneExtentCoveringEveryTileAndStartsAfreshWhenATileGoesBack() {
        var tanh = RunConfig()
        tanh.activation = .tanh
        var model = CompareModel(configs: [RunConfig(), tanh])
        model.show([(0, snapshot([-0.1, 0.2], step: 5)), (1, snapshot([-3, 1], step: 5, config: tanh))])
        let first = model.steadyExtents.linear
        #expect(first.map { $0.low <= -3 && $0.high >= 1 } == true, "\(String(describing: first))")
        // Both tiles move on inside the held range: the axis stays.
        model.show([(0, snapshot([-0.2, 0.1], step: 6)), (1, snapshot([-2.5, 0.9], step: 6, config: tanh))])
        #expect(model.steadyExtents.linear == first)
        // One tile restarts (r): the extent is fitted afresh to what is shown now.
        model.show([(1, snapshot([-0.01, 0.01], step: 0, config: tanh))])
        #expect(model.steadyExtents.linear != first)
        #expect(model.steadyExtents.linear.map { $0.low <= -0.2 && $0.high >= 0.1 } == true)
    }

    /// Frames of the default run redraw only what changed: with steady axes most frames change a
    /// few dozen cells; before, every frame redrew the violin axis, the loss curve and the heat strip.
    @Test func consecutiveDashboardFramesOfTheDefaultRunChangeFewCells() throws {
        let view = DashboardView()
        var model = DashboardModel()
        var previous: Grid?
        var changed: [Int] = []
        for s in try defaultRun(steps: 60) {
            model.snapshot = s
            var grid = Grid(width: 120, height: 40)
            _ = view.render(model: model, into: &grid)
            if let previous { changed.append(zip(previous.cells, grid.cells).filter { $0 != $1 }.count) }
            previous = grid
        }
        let sorted = changed.sorted()
        #expect(sorted[sorted.count / 2] <= 40, "median changed cells \(sorted[sorted.count / 2]); \(changed)")
        #expect(sorted.last! <= 400, "most changed cells \(sorted.last!); \(changed)")
    }
}

@Suite struct SteadyChartTests {
    @Test func aFallingLossKeepsTheLossChartsAxisLabels() {
        func labels(steps: Int) -> [String] {
            let history = (0...steps).map { LossPoint(step: $0, loss: Float(0.3 * exp(-Double($0) / 40))) }
            return render(width: 40, height: 12) { grid in
                LossChart(history: history, logScale: false).render(in: grid.bounds, into: &grid, context: RenderContext())
            }.map { String($0.prefix { $0 != "┤" && $0 != "│" }) }
        }
        let first = labels(steps: 20)
        for steps in 21...60 { #expect(labels(steps: steps) == first, "steps \(steps)") }
    }

    @Test func theLossChartsRangeCoversTheDataWithNiceEnds() {
        let linear = LossChart(history: [], logScale: false), log = LossChart(history: [], logScale: true)
        #expect(linear.yRange(0.12, 0.93) == (0, 1))
        #expect(linear.yRange(-0.3, 0.5) == (-0.5, 0.5))
        #expect(log.yRange(-2.4, -0.6) == (-3, 0))
        #expect(log.yRange(-3, -3) == (-3, -2))
    }

    @Test func aNewHeatStripPointChangesOnlyTheLastColumn() {
        func strip(points: Int) -> [String] {
            // The first two points set the range; the rest wander inside it.
            let history = (0..<points).map { $0 == 0 ? 1.1e-3 : $0 == 1 ? 3e-2 : Float(0.01 * (1 + 0.5 * sin(Double($0)))) }
            let layer = LayerGradientSummary(name: "dense", kernelShape: [2, 2], values: [], totalCount: 0,
                                             meanAbs: 0.01, meanAbsHistory: history)
            return render(width: 14, height: 1) { grid in
                HeatStrip(layers: [layer]).render(in: grid.bounds, into: &grid, context: RenderContext(glyphs: .ascii))
            }
        }
        // 12 columns: one point each until 12, two from 13 to 24.
        for points in [5, 11, 14, 20] {
            let before = Array(strip(points: points)[0]), after = Array(strip(points: points + 1)[0])
            let changed = before.indices.filter { before[$0] != after[$0] }
            #expect(changed.allSatisfy { $0 == 2 + points / HeatStrip.binSize(count: points + 1, columns: 12) }, "\(points): \(changed)")
        }
        #expect(HeatStrip.binSize(count: 12, columns: 12) == 1)
        #expect(HeatStrip.binSize(count: 13, columns: 12) == 2)
        #expect(HeatStrip.binSize(count: 100, columns: 12) == 16)
    }
}
