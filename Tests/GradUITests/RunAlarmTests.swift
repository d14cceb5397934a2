import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GradNet
import GradSession
import Testing
@testable import GradUI

/// Real runs that go wrong each way, on the notebook's 2-(2,2,2)-2 and data at weight seed 9.
enum TroubledRuns {
    /// At --lr 10 (Adam): relu with random uniform weights dies at step 2 (every ReLU switched
    /// off), tanh with Glorot normal weights explodes at step 2 (loss 0.71 -> 914), sigmoid with
    /// random uniform weights learns. `gradtop train` exits 5, 4 and 0 on them.
    static let configs = "relu:random_uniform,tanh:glorot_normal,sigmoid:random_uniform"

    static func snapshots(steps: Int = 20) throws -> [TrainingSnapshot] {
        var base = RunConfig()
        base.seed = 9
        base.learningRate = 10
        return try RunConfig.list(parsing: configs, base: base).map { try HeadlessTraining.snapshot(config: $0, steps: steps) }
    }

    /// The notebook's six configurations at seed 9 and its learning rate: relu with random
    /// uniform weights dies at step 5, the others learn.
    static func notebookSix(steps: Int = 20) throws -> [TrainingSnapshot] {
        var base = RunConfig()
        base.seed = 9
        return try RunConfig.notebookComparison(base).map { try HeadlessTraining.snapshot(config: $0, steps: steps) }
    }
}

@Suite struct CompareTileAlarmTests {
    @Test func the_runs_really_go_wrong_each_way_and_none_diverges() throws {
        let snapshots = try TroubledRuns.snapshots()
        #expect(snapshots.map(\.trouble) == [.health(.dead(atStep: 2)), .health(.exploded(atStep: 2)), nil])
        #expect(snapshots.allSatisfy { $0.divergedAtStep == nil && $0.step == 20 }, "training goes on after either trouble")
        let six = try TroubledRuns.notebookSix()
        #expect(six.map(\.trouble) == [nil, nil, .health(.dead(atStep: 5)), nil, nil, nil], "\(six.map(\.alarm))")
    }

    @Test(arguments: [GlyphSet.unicode, .ascii])
    func an_exploded_or_dead_tile_says_so_in_the_status_lines_words(glyphs: GlyphSet) throws {
        let snapshots = try TroubledRuns.snapshots()
        var model = CompareModel(configs: snapshots.map(\.config))
        model.glyphs = glyphs
        model.show(snapshots.enumerated().map { ($0.offset, $0.element) })
        let lines = render(width: 80, height: 24) { CompareView().render(model: model, into: &$0) }
        for (index, snapshot) in snapshots.enumerated() {
            let border = tileRows(lines, tile: index, of: snapshots.count).last!
            if let alarm = snapshot.alarm {
                // The status line's alarm, "at step" given way first when the tile is narrow.
                let shown = [alarm, "\(snapshot.trouble!.name) \(snapshot.trouble!.step)"].contains { border.contains($0) }
                #expect(shown, "tile \(index): '\(border)' lacks '\(alarm)'")
            } else {
                #expect(border.contains("step 20") && !border.contains("EXPLODED") && !border.contains("DEAD"), "\(border)")
            }
        }
    }

    @Test func the_tour_names_the_alarm_before_the_numbers() throws {
        let dead = try TroubledRuns.snapshots()[0]
        #expect(TourCaption.borderNote(dead, fitting: 70).hasPrefix("GRADIENTS DEAD at step 2  g1/gL"))
    }
}

extension SVGExport {
    @Test func a_compare_figure_names_an_exploded_or_dead_run_in_its_tile_and_a_footnote() throws {
        let snapshots = try TroubledRuns.snapshots()
        let document = try parse(ComparePlotSVG.figure(snapshots: snapshots, theme: Self.light, axis: .perPanel))
        let details = try texts(document, class: "tile-detail")
        #expect(details.count == 3)
        #expect(details[0].hasPrefix("GRADIENTS DEAD at step 2 · "), "\(details[0])")
        #expect(details[1].hasPrefix("EXPLODED at step 2 · "), "\(details[1])")
        #expect(details[2].hasPrefix("first/last layer mean |g|: ") && !details[2].contains("step"), "\(details[2])")
        for (detail, snapshot) in zip(details, snapshots) {
            #expect(detail.contains("loss \(NiceTicks.label(Double(snapshot.loss)))"), "\(detail)")
            #expect(SVGAxes.textWidth(detail, fontSize: ComparePlotSVG.detailFont) <= 330, "'\(detail)' spills out of its tile")
        }
        let warning = SVGPalette(theme: Self.light).warning
        #expect(try values(document, "//*[@class='tile-detail']/@fill") == [warning, warning, SVGPalette(theme: Self.light).muted])
        let notes = try texts(document, class: "footnote").joined(separator: "  ")
        #expect(notes.contains("relu / random_uniform: gradients dead (every kernel gradient exactly zero) at step 2."), "\(notes)")
        #expect(notes.contains("tanh / glorot_normal: the loss exploded (1000x the first step's or more) at step 2."), "\(notes)")
        #expect(!notes.contains("sigmoid / random_uniform:"), "\(notes)")
    }

    @Test func a_single_run_figure_footnotes_its_alarm() throws {
        let exploded = try TroubledRuns.snapshots()[1]
        let notes = try texts(try parse(ViolinPlotSVG.figure(snapshot: exploded, theme: Self.light)), class: "footnote")
        #expect(notes.joined(separator: "  ").contains("the loss exploded (1000x the first step's or more) at step 2."), "\(notes)")
    }

    @Test func a_diverged_run_keeps_its_words_in_the_figure() throws {
        var snapshot = makeSnapshot()
        snapshot.divergedAtStep = 7
        let document = try parse(ComparePlotSVG.figure(snapshots: [snapshot], theme: Self.light, axis: .perPanel))
        #expect(try texts(document, class: "tile-detail").first?.hasPrefix("DIVERGED at step 7 · ") == true)
        #expect(try texts(document, class: "footnote").joined().contains("training diverged (NaN or Inf) at step 7."))
    }
}
