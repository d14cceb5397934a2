import Foundation
import Testing
import GradSession
@testable import GradUI

private func loss(_ history: [LossPoint], log: Bool = false, glyphs: GlyphSet = .unicode, width: Int = 30, height: Int = 8) -> [String] {
    render(width: width, height: height) { grid in
        LossChart(history: history, logScale: log).render(in: grid.bounds, into: &grid, context: RenderContext(glyphs: glyphs))
    }
}

private func decaying(steps: Int = 300) -> [LossPoint] {
    (0...steps).map { LossPoint(step: $0, loss: Float(pow(10, -3 * Double($0) / Double(steps)))) }
}

@Suite struct LossChartTests {
    @Test func linearAndLogCurvesMatchTheirSnapshots() {
        Snapshots.check(loss(decaying()), named: "loss-linear")
        Snapshots.check(loss(decaying(), log: true), named: "loss-log")
        Snapshots.check(loss(decaying(), glyphs: .ascii), named: "loss-ascii")
    }

    @Test func logScaleTicksArePowersOfTen() {
        let text = loss(decaying(), log: true).joined(separator: "\n")
        for label in ["1┤", "0.1┤", "0.01┤", "1e-3┤"] { #expect(text.contains(label), "missing \(label) in\n\(text)") }
    }

    @Test func asciiFallbackUsesStarsOnly() {
        let body = loss(decaying(), glyphs: .ascii).joined()
        #expect(body.allSatisfy { $0.isASCII })
        #expect(body.contains("*"))
        #expect(!loss(decaying()).joined().contains("*"))
    }

    @Test func brailleDotsUseTheTwoByFourLayout() {
        var canvas = BrailleCanvas(columns: 1, rows: 1)
        canvas.set(x: 0, y: 0)
        #expect(canvas.glyph(column: 0, row: 0, glyphs: .unicode) == "⠁")
        canvas.set(x: 1, y: 3)
        #expect(canvas.glyph(column: 0, row: 0, glyphs: .unicode) == "⢁")
        canvas.set(x: 5, y: 9) // outside: ignored
        for y in 0..<4 { canvas.set(x: 0, y: y); canvas.set(x: 1, y: y) }
        #expect(canvas.glyph(column: 0, row: 0, glyphs: .unicode) == "⣿")
    }

    @Test func nonFiniteAndNonPositiveLossesAreLeftOut() {
        var history = decaying(steps: 50)
        history[10].loss = .nan
        history[20].loss = .infinity
        history[30].loss = 0
        let lines = loss(history, log: true)
        #expect(!lines.joined().contains("X"))
        #expect(!lines.joined().contains("nan") && !lines.joined().contains("inf"))
    }

    @Test func anEmptyHistorySaysNoStepsYet() {
        #expect(loss([]).joined().contains("no steps yet"))
        #expect(!loss([]).joined().contains("X"))
    }

    @Test func aConstantLossIsAFlatLineOverAFilledArea() {
        var grid = Grid(width: 30, height: 8)
        let context = RenderContext(glyphs: .unicode)
        LossChart(history: (0...40).map { LossPoint(step: $0, loss: 0.5) }, logScale: false).render(in: grid.bounds, into: &grid, context: context)
        func rows(_ style: Style) -> [Int] {
            (0..<7).filter { y in (0..<30).contains { grid[$0, y].style == style && (0x2801...0x28FF).contains(grid[$0, y].glyph.unicodeScalars.first!.value) } }
        }
        #expect(rows(context.theme.lossStyle).count == 1, "\(grid.text)")
        let fill = rows(LossChart.fillStyle(context.theme))
        #expect(!fill.isEmpty && fill.allSatisfy { $0 > rows(context.theme.lossStyle)[0] }, "\(grid.text)")
        #expect(LossChart.fillStyle(context.theme) != context.theme.lossStyle)
    }

    @Test func aFewPointsAreJoinedIntoAContinuousLine() {
        let lines = loss([LossPoint(step: 0, loss: 1), LossPoint(step: 40, loss: 0.2), LossPoint(step: 80, loss: 0.6)],
                         glyphs: .ascii, width: 40)
        // One star per cell column from the first point to the last: no gaps between the points.
        let columns = Set(lines.dropLast().flatMap { line in Array(line).indices.filter { Array(line)[$0] == "*" } })
        #expect(columns.count > 10 && columns.max()! - columns.min()! + 1 == columns.count, "\(lines.joined(separator: "\n"))")
    }
}

@Suite struct HeatStripTests {
    @Test func vanishingGradientsShowAsAFadedFirstRow() {
        let layers = makeSnapshot().layers
        let lines = render(width: 30, height: 5) { grid in
            HeatStrip(layers: layers).render(in: grid.bounds, into: &grid, context: RenderContext())
        }
        Snapshots.check(lines, named: "heat-strip")
        let shades = GlyphSet.unicode.shades
        func level(_ line: String) -> Int { shades.firstIndex(of: Array(line)[5]) ?? -1 }
        #expect(level(lines[0]) < level(lines[3]), "\(lines.joined(separator: "\n"))")
        #expect(lines[0].hasSuffix("4.7e-3"))
    }

    @Test func theKeyShowsTheScalesEndValuesAroundItsColours() throws {
        let strip = HeatStrip(layers: makeSnapshot().layers)
        var grid = Grid(width: 40, height: 5)
        strip.render(in: grid.bounds, into: &grid, context: RenderContext())
        let range = try #require(strip.logRange)
        let key = grid.lines[4]
        let low = NiceTicks.scientific(pow(10, range.lowerBound)), high = NiceTicks.scientific(pow(10, range.upperBound))
        #expect(key.contains(low + " ") && key.contains(" " + high), "\(grid.text)")
        // The ramp runs from the darkest colour to the brightest, as the strip's cells do.
        let ramp = (0..<40).map { grid[$0, 4] }.filter { GlyphSet.unicode.shades.dropFirst().contains($0.glyph) }
        #expect(ramp.count >= 8 && ramp.first!.glyph != ramp.last!.glyph, "\(grid.text)")
        #expect(ramp.first!.style.foreground == RenderContext().theme.heatColor(at: 0.5 / Double(ramp.count)))
    }

    @Test func moreLayersThanRowsKeepsTheFirstAndLast() {
        #expect(HeatStrip.shownLayers(count: 12, rows: 4) == [0, 4, 7, 11])
        #expect(HeatStrip.shownLayers(count: 3, rows: 5) == [0, 1, 2])
    }

    @Test func zeroAndNaNHistoryValuesAreBlank() {
        let layer = LayerGradientSummary(name: "dense", kernelShape: [2, 2], values: [], totalCount: 0, meanAbs: .nan,
                                         meanAbsHistory: [0, .nan, 0.1, 0.2])
        let lines = render(width: 14, height: 1) { grid in
            HeatStrip(layers: [layer]).render(in: grid.bounds, into: &grid, context: RenderContext(glyphs: .ascii))
        }
        // One column per point while they fit: the zero and the NaN leave their columns blank.
        #expect(lines == ["1   .+        "], "\(lines)")
    }
}
