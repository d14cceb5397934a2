import Testing
import GradNet
import GradSession
import GradTensor
@testable import GradUI

/// A snapshot of a real (tiny) spiral run, so the picture is what the trainer computes.
private func spiralSnapshot(steps: Int, hidden: [Int] = [2, 2, 2], testRatio: Double = 0.3) throws -> TrainingSnapshot {
    var config = RunConfig()
    config.dataset = .spiral
    config.examples = 200
    config.hidden = hidden
    config.testRatio = testRatio
    config.activation = .tanh
    config.initializer = .glorotNormal
    return try HeadlessTraining.snapshot(config: config, steps: steps)
}

@Suite struct PredictionPanelTests {
    @Test(arguments: [(80, 23), (80, 24), (120, 40), (160, 45)], [GlyphSet.unicode, .ascii])
    func the_panel_fits_and_leaves_no_cell_undrawn(size: (Int, Int), glyphs: GlyphSet) throws {
        var model = DashboardModel(snapshot: try spiralSnapshot(steps: 3))
        model.glyphs = glyphs
        #expect(model.showsPrediction, "shown by default for a Playground set")
        var grid = sentinelGrid(width: size.0, height: size.1)
        _ = DashboardView().render(model: model, into: &grid)
        let text = grid.lines.joined(separator: "\n")
        #expect(!text.contains("X"), "a cell was left undrawn at \(size)")
        #expect(text.contains("prediction") && text.contains("loss") && text.contains("test acc"), "\(size):\n\(text)")
        if glyphs.name == "ascii" { #expect(text.allSatisfy { $0.isASCII }) }
        // Compact layouts give the gradient-flow strip's rows to the picture; full ones keep it.
        #expect(text.contains("gradient flow") == (size.0 >= 110 && size.1 >= 34), "\(size)")
    }

    @Test func the_layout_stacks_prediction_loss_and_flow_without_overlap() throws {
        for (width, height) in [(80, 23), (120, 40), (160, 45), (200, 60)] {
            let layout = try #require(DashboardLayout(width: width, height: height, layerCount: 4, prediction: true))
            let prediction = try #require(layout.prediction)
            #expect(prediction.maxY == layout.loss.y && layout.loss.maxY == layout.flow.y, "\(width)x\(height)")
            #expect(layout.flow.maxY <= layout.status.y && layout.loss.height >= 5 && prediction.height >= 8, "\(width)x\(height)")
        }
        #expect(DashboardLayout(width: 120, height: 40, layerCount: 4)?.prediction == nil)
    }

    @Test func p_toggles_the_panel_and_the_notebook_starts_without_it() throws {
        var model = DashboardModel(snapshot: try spiralSnapshot(steps: 0))
        #expect(model.apply(.togglePrediction) == nil && !model.showsPrediction)
        _ = model.apply(.togglePrediction)
        #expect(model.showsPrediction)
        var notebook = DashboardModel(snapshot: try HeadlessTraining.snapshot(config: RunConfig(), steps: 0))
        #expect(!notebook.showsPrediction && notebook.snapshot?.prediction?.kind == .curves)
        _ = notebook.apply(.togglePrediction)
        #expect(notebook.showsPrediction)
    }

    @Test func the_picture_changes_as_training_goes() throws {
        let before = try #require(try spiralSnapshot(steps: 0).prediction)
        let after = try #require(try spiralSnapshot(steps: 60).prediction)
        #expect(before.kind == .classes && before.values.count == PredictionPicture.pixels * PredictionPicture.pixels)
        #expect(before.values.allSatisfy { (0...1).contains($0) })
        #expect(before.values != after.values)
        #expect(before.points == after.points, "the examples stay where they are")
        #expect(before.points.contains(where: \.isTest) && before.points.contains { !$0.isTest })
        #expect(before.units.count == 3 && before.units.allSatisfy { $0.count == 2 }, "one picture per hidden unit")
        var first = sentinelGrid(width: 44, height: 14), second = first
        PredictionWidget(picture: before).render(in: first.bounds, into: &first, context: RenderContext())
        PredictionWidget(picture: after).render(in: second.bounds, into: &second, context: RenderContext())
        #expect(first != second)
    }

    @Test func wide_networks_get_no_unit_pictures_and_the_notebook_gets_curves() throws {
        #expect(try spiralSnapshot(steps: 0, hidden: [9]).prediction?.units.isEmpty == true)
        let curves = try #require(try HeadlessTraining.snapshot(config: RunConfig(), steps: 0).prediction)
        #expect(curves.kind == .curves && curves.values.count == 2 * PredictionPicture.pixels)
        var grid = sentinelGrid(width: 40, height: 12)
        PredictionWidget(picture: curves).render(in: grid.bounds, into: &grid, context: RenderContext())
        #expect(grid.lines.joined().contains("y1") && !grid.lines.joined().contains("X"))
    }

    @Test func the_loss_chart_draws_the_test_loss_with_a_legend() {
        let train = (0...50).map { LossPoint(step: $0, loss: 1 / Float($0 + 1)) }
        let test = (0...50).map { LossPoint(step: $0, loss: 1.2 / Float($0 + 1)) }
        var with = sentinelGrid(width: 40, height: 8), without = with
        LossChart(history: train, logScale: false, testHistory: test).render(in: with.bounds, into: &with, context: RenderContext())
        LossChart(history: train, logScale: false).render(in: without.bounds, into: &without, context: RenderContext())
        #expect(with.lines.joined().contains("train test") && !without.lines.joined().contains("test"))
    }

    @Test func the_svg_figure_includes_the_prediction_picture_for_playground_sets_only() throws {
        let svg = ViolinPlotSVG.figure(snapshot: try spiralSnapshot(steps: 5), theme: .dark)
        #expect(svg.contains("class=\"prediction\"") && svg.contains("class=\"train-point\"") && svg.contains("class=\"test-point\""))
        #expect(svg.components(separatedBy: "<rect x=").count - 1 >= PredictionPicture.pixels * PredictionPicture.pixels)
        #expect(svg.contains(">test<"), "the loss panel's legend names the test loss")
        let notebook = ViolinPlotSVG.figure(snapshot: try HeadlessTraining.snapshot(config: RunConfig(), steps: 5), theme: .dark)
        #expect(!notebook.contains("class=\"prediction\""))
    }
}

@Suite struct UnitPictureTests {
    @Test func a_projector_screen_shows_a_picture_for_each_of_8_units_a_layer() throws {
        var config = RunConfig()
        (config.dataset, config.examples, config.hidden) = (.circle, 100, [8, 8, 8])
        var model = DashboardModel(snapshot: try HeadlessTraining.snapshot(config: config, steps: 1))
        model.glyphs = .unicode
        let layout = try #require(DashboardLayout(width: 160, height: 45, layerCount: 4, prediction: true))
        let panel = try #require(layout.prediction)
        var grid = sentinelGrid(width: 160, height: 45)
        _ = DashboardView().render(model: model, into: &grid)
        let rows = grid.lines[panel.y..<panel.maxY].map { String($0.dropFirst(panel.x)) }
        #expect(rows.contains { $0.contains("L1") && $0.contains("L2") && $0.contains("L3") }, "\(rows.joined(separator: "\n"))")
        // Every unit's picture is at least two rows of half blocks: 8 units fill 16 rows above the labels.
        let labelRow = try #require(rows.firstIndex { $0.contains("L1") })
        #expect(labelRow - 1 >= 16)
    }
}
