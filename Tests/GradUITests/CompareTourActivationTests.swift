@testable import GradNet
import Foundation
import Testing
import GradSession
import GradTensor
@testable import GradUI

private func compareModel(glyphs: GlyphSet = .unicode) -> CompareModel {
    let configs = RunConfig.notebookComparison(RunConfig())
    var model = CompareModel(configs: configs)
    model.glyphs = glyphs
    let scales: [[Double]] = [[6e-3, 1.4e-2, 8.6e-2, 4.2e-1], [9.6e-2, 0.15, 0.16, 0.18], [0, 0, 0, 0],
                              [4e-2, 7.1e-2, 0.16, 0.39], [0.4, 0.26, 0.39, 0.4], [5.5, 2.3, 2.2, 2.4]]
    model.show(configs.enumerated().map { index, config in
        (index, makeSnapshot(scales: scales[index], activation: config.activation, initializer: config.initializer))
    })
    return model
}

@Suite struct CompareViewTests {
    @Test(arguments: [(80, 23), (80, 24), (120, 40)], [GlyphSet.unicode, .ascii])
    func the_grid_matches_its_snapshot(size: (Int, Int), glyphs: GlyphSet) {
        let lines = render(width: size.0, height: size.1) { CompareView().render(model: compareModel(glyphs: glyphs), into: &$0) }
        Snapshots.check(lines, named: "compare-\(size.0)x\(size.1)-\(glyphs.name)")
        #expect(!lines.joined().contains("X"), "a cell was left undrawn")
        if glyphs == .ascii { #expect(lines.joined().allSatisfy { $0.isASCII }) }
    }

    /// The fixture grid with relu / random_uniform dead at step 31 and relu / glorot_normal
    /// exploded at step 12: their bottom borders carry the alarm, in the warning style.
    @Test(arguments: [GlyphSet.unicode, .ascii])
    func a_grid_with_an_exploded_and_a_dead_tile_matches_its_snapshot(glyphs: GlyphSet) throws {
        var model = compareModel(glyphs: glyphs)
        for (index, trouble) in [(2, RunHealth.Trouble.dead(atStep: 31)), (5, .exploded(atStep: 12))] {
            var snapshot = model.tiles[index].snapshot!
            snapshot.health.observe(step: 1, loss: 1, anyKernelGradient: true)
            switch trouble {
            case .dead(let step): snapshot.health.observe(step: step, loss: 1, anyKernelGradient: false)
            case .exploded(let step): snapshot.health.observe(step: step, loss: 2 * RunHealth.explosionFactor, anyKernelGradient: true)
            }
            model.show([(index, snapshot)])
        }
        var grid = sentinelGrid(width: 80, height: 24)
        CompareView().render(model: model, into: &grid)
        Snapshots.check(grid.lines, named: "compare-alarms-80x24-\(glyphs.name)")
        for (text, y) in [("GRADIENTS DEAD 31", 11), ("EXPLODED at step 12", 22)] {
            let x = try #require(grid.lines[y].range(of: text).map { grid.lines[y].distance(from: grid.lines[y].startIndex, to: $0.lowerBound) },
                                 "row \(y): \(grid.lines[y])")
            #expect(grid[x, y].style == model.theme.warningStyle)
        }
    }

    @Test func six_tiles_are_laid_out_three_by_two_at_both_sizes() {
        #expect(CompareView.arrangement(tiles: 6, in: Rect(x: 0, y: 1, width: 120, height: 38))! == (3, 2))
        #expect(CompareView.arrangement(tiles: 6, in: Rect(x: 0, y: 1, width: 80, height: 22))! == (3, 2))
        #expect(CompareView.arrangement(tiles: 9, in: Rect(x: 0, y: 1, width: 120, height: 38))! == (3, 3))
        #expect(CompareView.arrangement(tiles: 1, in: Rect(x: 0, y: 1, width: 80, height: 22))! == (1, 1))
    }

    @Test func every_tile_shows_the_same_axis_labels() {
        var model = compareModel()
        model.axisMode = .shared
        let lines = render(width: 120, height: 40) { CompareView().render(model: model, into: &$0) }
        // The value labels left of each tile's axis, per row band, are equal across the three columns.
        let topRow = lines[2...19].map { line -> [String] in
            let cells = Array(line)
            return [0, 40, 80].map { String(cells[($0 + 1)..<($0 + 4)]).trimmingCharacters(in: .whitespaces) }
        }
        for labels in topRow { #expect(Set(labels).count == 1, "labels differ: \(labels)") }
    }

    @Test func a_click_finds_its_tile() {
        #expect(CompareView.tile(atX: 5, y: 3, tiles: 6, width: 120, height: 40) == 0)
        #expect(CompareView.tile(atX: 100, y: 30, tiles: 6, width: 120, height: 40) == 5)
        #expect(CompareView.tile(atX: 5, y: 0, tiles: 6, width: 120, height: 40) == nil)
    }

    @Test func a_dead_network_is_called_dead_not_nan() {
        let lines = render(width: 120, height: 40) { CompareView().render(model: compareModel(), into: &$0) }
        #expect(lines.joined().contains("all zero (dead)"))
    }
}

@Suite struct CompareControllerTests {
    static func controller() -> CompareController {
        CompareController(model: CompareModel(configs: RunConfig.notebookComparison(RunConfig())), themeName: "dark",
                          catalog: ThemeCatalog(userDirectory: nil))
    }

    @Test func every_tile_gets_the_same_pause_and_speed() {
        var c = CompareControllerTests.controller()
        #expect(c.handle(.togglePause) == Array(repeating: [.pause], count: 6))
        #expect(c.handle(.speedUp) == Array(repeating: [.speed(30)], count: 6))
    }

    @Test func reset_restarts_each_tile_with_its_own_configuration() {
        var c = CompareControllerTests.controller()
        let commands = c.handle(.reset)
        #expect(commands.map { $0.first } == c.model.tiles.map { .restart($0.config) })
    }

    @Test func c_or_escape_goes_back_and_a_click_opens_that_tile() {
        var c = CompareControllerTests.controller()
        _ = c.handle(.toggleCompare)
        #expect(c.wantsBack && c.wantsDashboard == nil, "c must return to the dashboard's own configuration, not open tile 0")
        var e = CompareControllerTests.controller()
        _ = e.handle(.toggleHelp)
        _ = e.handle(.closeOverlay)
        #expect(!e.wantsBack, "esc closes the help first")
        _ = e.handle(.closeOverlay)
        #expect(e.wantsBack && e.wantsDashboard == nil)
        var d = CompareControllerTests.controller()
        d.click(tile: 4)
        #expect(d.wantsDashboard == 4 && !d.wantsBack)
    }

    @Test func the_notebook_comparison_is_the_notebooks_six_in_order() {
        let pairs = RunConfig.notebookComparison(RunConfig()).map { "\($0.activation.name):\($0.initializer.name)" }
        #expect(pairs.joined(separator: ",") == notebookPairs)
    }
}

@Suite struct ActivationViewTests {
    @Test(arguments: Activation.allCases)
    func the_tape_derivative_lies_on_the_closed_form(_ activation: Activation) {
        let s = ActivationView.samples(activation, count: 200)
        let worst = zip(s.closed, s.tape).map { abs($0 - $1) }.max() ?? 1
        #expect(worst <= 1e-6, "\(activation.name): max |tape - closed| = \(worst)")
        #expect(s.f.allSatisfy { $0.isFinite })
    }

    @Test(arguments: [GlyphSet.unicode, .ascii])
    func the_overlay_names_the_activation_and_the_difference(_ glyphs: GlyphSet) {
        var model = DashboardModel(snapshot: makeSnapshot(activation: .tanh))
        model.glyphs = glyphs
        model.overlay = .activation
        let lines = render(width: 120, height: 40) { _ = DashboardView().render(model: model, into: &$0) }
        let text = lines.joined(separator: "\n")
        #expect(text.contains("activation tanh on [-10, 10]"))
        #expect(text.contains("max |difference| 0"))
        if glyphs == .ascii { #expect(text.allSatisfy { $0.isASCII }) }
        // The tape's points are told apart from the line's glyph, in the legend and on the plot.
        #expect(glyphs.marker != glyphs.plotPoint || glyphs.usesBraille)
        #expect(text.contains("\(glyphs.marker): GradientTape"))
        #expect(lines.filter { $0.contains(glyphs.marker) }.count > 3)
        Snapshots.check(lines, named: "activation-120x40-\(glyphs.name)")
    }
}

@Suite struct TourTests {
    @Test func the_first_six_stops_are_the_notebooks_part_2_in_order() {
        let pairs = Tour.stops.prefix(6).map { "\($0.activation.name):\($0.initializer.name)" }
        #expect(pairs.joined(separator: ",") == notebookPairs)
        #expect(Tour.stops.count >= 9)
        for stop in Tour.stops { #expect((2...3).contains(stop.lines.count), "\(stop.title)") }
    }

    @Test func the_glorot_stop_quotes_the_weight_scales_of_the_notebooks_2_unit_layers() {
        // Glorot normal on a 2x2 kernel is wider than uniform [-1, 1], so the stop must not promise smaller pre-activations.
        let stop = Tour.stops[3]
        #expect(stop.initializer == .glorotNormal && stop.activation == .sigmoid)
        let text = stop.lines.joined(separator: " ")
        let glorot = (2.0 / (2 + 2)).squareRoot(), uniform = 1 / 3.0.squareRoot()
        #expect(text.contains(String(format: "sd %.2f", glorot)) && text.contains(String(format: "%.2f", uniform)), "\(text)")
        #expect(glorot > uniform)
        #expect(!text.contains("stay near zero"))
    }

    @Test func moving_stops_at_both_ends_and_keeps_the_base_data() {
        var base = RunConfig()
        base.dataSeed = 7
        var tour = Tour(base: base)
        let movedBack = tour.move(forward: false)
        #expect(!movedBack)
        for _ in 1..<Tour.stops.count {
            let moved = tour.move(forward: true)
            #expect(moved)
        }
        let movedPast = tour.move(forward: true)
        #expect(!movedPast)
        #expect(tour.config.dataSeed == 7)
        #expect(tour.config.hidden == Array(repeating: 8, count: 6))
        #expect(tour.config.dataset == .spiral && tour.config.examples == 500 && tour.config.loss == .categoricalCrossentropy)
        _ = tour.move(forward: false)
        _ = tour.move(forward: false)
        #expect(tour.config.dataset == .notebook && tour.config.examples == 100 && tour.config.testRatio == 0,
                "stops before the spiral keep the tour's own data")
    }

    @Test func the_spiral_stops_contrast_sigmoid_with_relu_on_the_same_network() {
        let spiral = Tour.stops.filter { $0.dataset == .spiral }
        #expect(spiral.count == 2 && spiral[0].hidden == spiral[1].hidden && spiral[0].testRatio > 0)
        #expect(spiral[0].activation == .sigmoid && spiral[1].activation == .relu && spiral[1].initializer == .heNormal)
    }

    @Test func the_caption_panel_shows_the_stop_and_where_we_are() {
        var model = DashboardModel(snapshot: makeSnapshot())
        model.tour = Tour(base: RunConfig())
        let text = render(width: 120, height: 40) { _ = DashboardView().render(model: model, into: &$0) }.joined(separator: "\n")
        #expect(text.contains("1. Sigmoid, weights uniform on [-1, 1]"))
        #expect(text.contains("1/\(Tour.stops.count)"))
        #expect(text.contains("vanishing gradient"))
    }

    @Test func on_a_projector_sized_screen_the_caption_keeps_the_numbers_it_points_at() {
        // The caption takes the run panel's place; step, loss, the ratio and 'dead units' must stay in view.
        var model = DashboardModel(snapshot: makeSnapshot(step: 240))
        var tour = Tour(base: RunConfig())
        repeat {
            model.tour = tour
            for (width, height) in [(120, 40), (160, 45), (200, 60)] {
                let lines = render(width: width, height: height) { _ = DashboardView().render(model: model, into: &$0) }
                let caption = lines.drop { !$0.contains(tour.position + "  < > move") }.prefix(12).joined(separator: "\n")
                for key in ["step 240", "loss ", "|g| first/last", "dead units"] {
                    #expect(caption.contains(key), "stop \(tour.position) at \(width)x\(height) lacks '\(key)':\n\(caption)")
                }
                for line in tour.stop.lines { #expect(caption.contains(line.prefix(20)), "caption line lost: \(line)") }
            }
        } while tour.move(forward: true)
    }

    @Test func at_80_columns_every_stop_still_says_where_we_are_and_how_to_move() {
        var model = DashboardModel(snapshot: makeSnapshot())
        model.glyphs = .ascii
        var tour = Tour(base: RunConfig())
        repeat {
            model.tour = tour
            let lines = render(width: 80, height: 24) { _ = DashboardView().render(model: model, into: &$0) }
            let title = lines.first { $0.contains(String(tour.stop.title.prefix(8))) } ?? ""
            #expect(title.contains("\(tour.position)  < > move"), "stop \(tour.position): \(title)")
        } while tour.move(forward: true)
    }

    @Test func at_80x24_the_run_numbers_sit_in_the_caption_border() {
        // No rows are left under the caption at 80x24: step, loss, ratio and dead units go in its border.
        var model = DashboardModel(snapshot: makeSnapshot(step: 240))
        var tour = Tour(base: RunConfig())
        repeat {
            model.tour = tour
            for (width, height) in [(80, 24), (80, 23)] {
                let lines = render(width: width, height: height) { _ = DashboardView().render(model: model, into: &$0) }
                let text = lines.joined(separator: "\n")
                let verdict = GradientFlowVerdict(model.snapshot!).text
                #expect(text.contains("g1/gL \(verdict)  step 240  dead 0"), "stop \(tour.position) at \(width)x\(height):\n\(text)")
            }
        } while tour.move(forward: true)
    }

    @Test func at_80x24_every_stops_caption_is_shown_to_its_last_word() {
        var model = DashboardModel(snapshot: makeSnapshot())
        var tour = Tour(base: RunConfig())
        repeat {
            model.tour = tour
            let text = render(width: 80, height: 24) { _ = DashboardView().render(model: model, into: &$0) }.joined(separator: "\n")
            for line in tour.stop.lines {
                let last = String(line.split(separator: " ").last ?? "")
                #expect(text.contains(last), "stop \(tour.position): '\(last)' cut off")
            }
        } while tour.move(forward: true)
    }

    @Test func the_tour_message_uses_the_ascii_separator_in_ascii() {
        var model = DashboardModel()
        model.glyphs = .ascii
        model.tour = Tour(base: RunConfig())
        var c = DashboardController(config: RunConfig(), model: model, themeName: "dark", catalog: ThemeCatalog(userDirectory: nil))
        _ = c.handle(.tourNext)
        let message = c.model.message ?? ""
        #expect(message.contains("tanh") && message.allSatisfy(\.isASCII), "\(message)")
    }

    @Test func the_automatic_tour_moves_when_its_interval_is_due() {
        var model = DashboardModel()
        model.tour = Tour(base: RunConfig())
        var c = DashboardController(config: RunConfig(), model: model, themeName: "dark",
                                    catalog: ThemeCatalog(userDirectory: nil), tourInterval: 5, now: 100)
        #expect(c.tick(now: 104).isEmpty)
        let commands = c.tick(now: 105)
        #expect(c.config.activation == .tanh)
        #expect(commands == [.restart(c.config)])
        #expect(c.tourDue == 110)
    }
}

/// The notebook's six experiments as its Part 2 runs them.
let notebookPairs = "sigmoid:random_uniform,tanh:random_uniform,relu:random_uniform,"
    + "sigmoid:glorot_normal,tanh:glorot_normal,relu:glorot_normal"
