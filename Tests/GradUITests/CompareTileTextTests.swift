import GradNet
import GradTensor
import Testing
import GradSession
@testable import GradUI

/// Nine configurations with every verdict: vanishing, ok, dead, exploding and a 7-character ratio.
private let nineConfigs = "sigmoid:random_uniform,tanh:random_uniform,relu:random_uniform,sigmoid:glorot_normal,"
    + "tanh:glorot_normal,relu:glorot_normal,leaky_relu:glorot_uniform,softplus:lecun_uniform,relu:he_normal"
private let nineScales: [[Double]] = [[6e-3, 1.4e-2, 8.6e-2, 4.2e-1], [9.6e-2, 0.15, 0.16, 0.18], [0, 0, 0, 0],
                                      [4e-2, 7.1e-2, 0.16, 0.39], [0.4, 0.26, 0.39, 0.4], [5.5, 2.3, 2.2, 2.4],
                                      [1e-5, 1e-3, 0.1, 1.2], [0.3, 0.2, 0.1, 0.01], [1, 1, 1, 1]]

private func model(tiles: Int, glyphs: GlyphSet) throws -> CompareModel {
    let pairs = nineConfigs.split(separator: ",").prefix(tiles).joined(separator: ",")
    let configs = try RunConfig.list(parsing: pairs, base: RunConfig())
    var model = CompareModel(configs: configs)
    model.glyphs = glyphs
    model.show(configs.enumerated().map { index, config in
        (index, makeSnapshot(scales: nineScales[index], activation: config.activation, initializer: config.initializer))
    })
    return model
}

/// The text inside tile `index`'s frame, row by row (border rows included).
func tileRows(_ lines: [String], tile index: Int, of count: Int) -> [String] {
    let width = lines[0].count, area = Rect(x: 0, y: 1, width: width, height: lines.count - 2)
    let (columns, rows) = CompareView.arrangement(tiles: count, in: area)!
    let rect = CompareView.tileRect(index, columns: columns, rows: rows, in: area)
    return lines[rect.y..<rect.maxY].map { String(Array($0)[rect.x..<rect.maxX]) }
}

@Suite struct CompareViewAt80ColumnsTests {
    static let cases: [(Int, Int, GlyphSet)] = [6, 9].flatMap { tiles in
        [23, 24].flatMap { height in [GlyphSet.unicode, .ascii].map { (tiles, height, $0) } }
    }

    @Test(arguments: cases)
    func every_tile_shows_its_ratio_verdict_loss_and_configuration_whole(tiles: Int, height: Int, glyphs: GlyphSet) throws {
        let model = try model(tiles: tiles, glyphs: glyphs)
        let lines = render(width: 80, height: height) { CompareView().render(model: model, into: &$0) }
        #expect(!lines.joined().contains("X"), "a cell was left undrawn")
        for (index, tile) in model.tiles.enumerated() {
            let rows = tileRows(lines, tile: index, of: tiles), snapshot = tile.snapshot!
            let text = rows.joined(separator: "\n")
            let verdict = GradientFlowVerdict(snapshot).text
            #expect(rows[rows.count - 2].contains(verdict), "tile \(index): '\(rows[rows.count - 2])' lacks '\(verdict)'")
            #expect(text.contains("loss \(NiceTicks.label(Double(snapshot.loss)))"), "tile \(index) lacks its loss:\n\(text)")
            #expect(!text.contains(glyphs.ellipsis), "tile \(index) cuts a word:\n\(text)")
            let initializerWord = String(tile.config.initializer.name.prefix { $0 != "_" })
            #expect(rows[0].contains(initializerWord), "tile \(index) title: \(rows[0])")
        }
        #expect(lines[0].contains("axis symlog"), "the header must keep the axis: \(lines[0])")
    }

    @Test func every_tile_uses_the_same_wording_even_where_a_wider_tile_has_room() throws {
        // At 80 columns the first column is one cell narrower than the others.
        let lines = render(width: 80, height: 24) { CompareView().render(model: try! model(tiles: 6, glyphs: .ascii), into: &$0) }
        #expect(lines[1].contains("tanh | random_u "), "\(lines[1])")
        #expect(!lines.joined().contains("1st/last"))
    }

    @Test func at_120_columns_nothing_is_abbreviated() throws {
        let model = try model(tiles: 9, glyphs: .unicode)
        let text = render(width: 120, height: 40) { CompareView().render(model: model, into: &$0) }.joined(separator: "\n")
        for tile in model.tiles { #expect(text.contains(tile.label(.unicode)), "\(tile.label(.unicode))") }
        #expect(text.components(separatedBy: "1st/last").count - 1 == 8 && text.contains("gradients all zero (dead)"))
        #expect(text.contains("same data and seed 100"))
    }

    @Test func nine_tiles_fit_three_by_three_in_80x23_and_all_tiles_are_equally_tall() {
        #expect(CompareView.arrangement(tiles: 9, in: Rect(x: 0, y: 1, width: 80, height: 21))! == (3, 3))
        let area = Rect(x: 0, y: 1, width: 80, height: 22)
        let heights = Set((0..<9).map { CompareView.tileRect($0, columns: 3, rows: 3, in: area).height })
        #expect(heights == [7])
        // The spare row under the tiles belongs to no tile.
        #expect(CompareView.tile(atX: 10, y: 22, tiles: 9, width: 80, height: 24) == nil)
        #expect(CompareView.tile(atX: 79, y: 21, tiles: 9, width: 80, height: 24) == 8)
    }

    @Test func a_diverged_tile_says_so_in_its_bottom_border() throws {
        var model = try model(tiles: 6, glyphs: .ascii)
        var snapshot = model.tiles[5].snapshot!
        snapshot.divergedAtStep = 42
        model.show([(5, snapshot)])
        let rows = tileRows(render(width: 80, height: 24) { CompareView().render(model: model, into: &$0) }, tile: 5, of: 6)
        #expect(rows.last!.contains("DIVERGED at step 42"), "\(rows.last!)")
    }
}

@Suite struct CompareTileTextTests {
    @Test func labels_shorten_the_last_word_of_each_name_to_its_initial() {
        let forms = CompareTileText.labels(activation: "leaky_relu", initializer: "glorot_uniform", glyphs: .unicode)
        #expect(forms == ["leaky_relu · glorot_uniform", "leaky_relu · glorot_u", "leaky_r · glorot_u"])
        #expect(CompareTileText.labels(activation: "tanh", initializer: "zeros", glyphs: .ascii) == ["tanh | zeros", "tanh | zeros", "tanh | zeros"])
    }

    @Test func the_footer_gives_up_the_loss_before_the_label_and_the_label_before_the_verdict() {
        let forms = CompareTileText.footers(verdict: .vanishing(0.0147), loss: "0.366")
        #expect(forms.map(\.text) == ["loss 0.366  1st/last 0.0147 vanishing", "1st/last 0.0147 vanishing",
                                      "g1/gL 0.0147 vanishing", "0.0147 vanishing"])
        #expect(forms.map(\.showsLoss) == [true, false, false, false])
        #expect(CompareTileText.footers(verdict: .allZero, loss: "1")[2].text == "grads all zero (dead)")
    }

    @Test func the_level_is_the_longest_form_that_fits_every_tile() {
        let forms = [["aaaa", "aa", "a"], ["bbbbbb", "bbb", "b"]]
        #expect(CompareTileText.level(forms, fitting: [4, 6]) == 0)
        #expect(CompareTileText.level(forms, fitting: [4, 5]) == 1)
        #expect(CompareTileText.level(forms, fitting: [0, 0]) == 2, "nothing fits: the shortest, for the caller to cut")
        #expect(CompareTileText.level([], fitting: []) == 0)
    }

    @Test func the_border_note_keeps_the_alarm_then_the_loss_then_the_step() {
        #expect(CompareTileText.borderNote(step: 240, trouble: nil, loss: "0.366", fitting: 20) == "loss 0.366  step 240")
        #expect(CompareTileText.borderNote(step: 240, trouble: nil, loss: "0.366", fitting: 19) == "loss 0.366")
        #expect(CompareTileText.borderNote(step: 240, trouble: nil, loss: nil, fitting: 19) == "step 240")
        #expect(CompareTileText.borderNote(step: 240, trouble: .diverged(atStep: 7), loss: "nan", fitting: 12) == "DIVERGED 7")
        #expect(CompareTileText.borderNote(step: 240, trouble: .health(.exploded(atStep: 12)), loss: "3e+04", fitting: 20)
                    == "EXPLODED at step 12")
        #expect(CompareTileText.borderNote(step: 240, trouble: .health(.dead(atStep: 31)), loss: "0.5", fitting: 20)
                    == "GRADIENTS DEAD 31", "the alarm's words stay whole; 'at step' gives way first")
        #expect(CompareTileText.borderNote(step: 240, trouble: .health(.dead(atStep: 31)), loss: "0.5", fitting: 15) == "GRADIENTS DEAD")
        #expect(CompareTileText.borderNote(step: 240, trouble: nil, loss: nil, fitting: 3) == "")
    }

    @Test func the_header_drops_whole_phrases_and_keeps_the_axis() {
        let full = CompareView.headerDetail(runs: 6, seed: 100, axis: .symlog, fitting: 80, glyphs: .ascii)
        #expect(full == "  6 runs, same data and seed 100  axis symlog, shared")
        #expect(CompareView.headerDetail(runs: 6, seed: 100, axis: .symlog, fitting: 40, glyphs: .ascii) == "  axis symlog, shared  seed 100")
        #expect(CompareView.headerDetail(runs: 6, seed: 100, axis: .perLayer, fitting: 12, glyphs: .ascii) == "  axis per-~")
    }
}
