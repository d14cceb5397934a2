import Foundation
import Testing
import GradSession
@testable import GradUI

/// Renders violins for `layers` into a 48x14 sentinel grid.
private func violins(_ layers: [LayerGradientSummary], mode: ViolinAxisMode = .shared, glyphs: GlyphSet = .unicode,
                     width: Int = 48, height: Int = 14) -> [String] {
    render(width: width, height: height) { grid in
        ViolinWidget(layers: layers, mode: mode).render(in: grid.bounds, into: &grid, context: RenderContext(glyphs: glyphs))
    }
}

private func layer(_ values: [Float], name: String = "dense", total: Int? = nil) -> LayerGradientSummary {
    LayerGradientSummary(name: name, kernelShape: [2, 2], values: values, totalCount: total ?? values.count,
                         meanAbs: 0, meanAbsHistory: [])
}

private let inkGlyphs: Set<Character> = Set(GlyphSet.unicode.quadrants.dropFirst() + ["━", "╌"])
private func inkRows(_ lines: [String]) -> [Int] {
    lines.indices.filter { lines[$0].contains { inkGlyphs.contains($0) } }
}

@Suite struct ViolinWidgetTests {
    @Test(arguments: ViolinAxisMode.allCases)
    func sigmoidUniformViolinsMatchTheirSnapshot(mode: ViolinAxisMode) {
        Snapshots.check(violins(makeSnapshot().layers, mode: mode), named: "violins-\(mode.rawValue)")
    }

    @Test func asciiViolinsMatchTheirSnapshotAndUseOnlyASCII() {
        let lines = violins(makeSnapshot().layers, glyphs: .ascii)
        Snapshots.check(lines, named: "violins-ascii")
        #expect(lines.joined().allSatisfy { $0.isASCII })
    }

    @Test func theWidgetDrawsEveryCellOfItsArea() {
        for mode in ViolinAxisMode.allCases {
            #expect(!violins(makeSnapshot().layers, mode: mode).joined().contains("X"), "mode \(mode)")
        }
    }

    @Test func allZeroGradientsAreAFlatLineAtZero() {
        let lines = violins([layer([Float](repeating: 0, count: 400)), layer([Float](repeating: 0, count: 400), name: "dense_1")])
        let rows = inkRows(lines)
        #expect(rows.count == 1, "ink on rows \(rows):\n\(lines.joined(separator: "\n"))")
        #expect(rows.first.map { lines[$0].drop { $0 == " " }.hasPrefix("0┤") } == true, "the line is not on the 0 tick")
        let medianCells = rows.first.map { row in lines[row].filter { $0 == "━" }.count } ?? 0
        #expect(medianCells >= 4, "median line missing")
    }

    @Test func allZeroGradientsOnASharedAxisAreOneRowWhereverZeroFalls() {
        // A dead ReLU network on the axis held from a live one: zero sits on a row boundary at some heights.
        let dead = [layer([Float](repeating: 0, count: 400)), layer([Float](repeating: 0, count: 400), name: "dense_1")]
        for height in 8...31 {
            let lines = render(width: 48, height: height) { grid in
                ViolinWidget(layers: dead, mode: .shared, extent: ViolinExtent(low: -1, high: 1, linthresh: 0.01))
                    .render(in: grid.bounds, into: &grid, context: RenderContext())
            }
            let rows = inkRows(lines)
            #expect(rows.count == 1, "height \(height): ink on rows \(rows):\n\(lines.joined(separator: "\n"))")
        }
    }

    @Test func aSingleDistinctValueIsOneRowWithItsMedian() {
        let lines = violins([layer([Float](repeating: 0.02, count: 50))])
        #expect(inkRows(lines).count == 1)
        #expect(lines.joined().contains("━"))
    }

    @Test func emptyValuesDrawNoViolinAndSayEmpty() {
        let lines = violins([layer([]), layer([0.1, -0.1, 0.05], name: "dense_1")])
        #expect(lines.joined().contains("empty"))
        #expect(!lines.joined().contains("X"))
        let firstColumnInk = lines.dropLast(2).contains { line in line.prefix(24).contains { inkGlyphs.contains($0) } }
        #expect(!firstColumnInk, "the empty layer drew ink:\n\(lines.joined(separator: "\n"))")
    }

    @Test func nonFiniteValuesAreIgnoredAndCountedInTheLabel() {
        let lines = violins([layer([0.1, .nan, -0.2, .infinity, 0.05, .nan])])
        #expect(lines.joined().contains("3 NaN/inf"), "\(lines.joined(separator: "\n"))")
        #expect(!inkRows(lines).isEmpty)
    }

    @Test func theLabelSaysWhichKindOfNonFiniteValueWasIgnored() {
        #expect(ViolinWidget.note(for: ViolinStatistics(values: [0.1, .nan] as [Float]), width: 20) == "1 NaN")
        #expect(ViolinWidget.note(for: ViolinStatistics(values: [0.1, .infinity, -.infinity] as [Float]), width: 20) == "2 inf")
        #expect(ViolinWidget.note(for: ViolinStatistics(values: [.nan, .infinity] as [Float]), width: 20) == "2 NaN/inf")
        #expect(ViolinWidget.note(for: ViolinStatistics(values: [0.1] as [Float]), width: 20) == nil)
    }

    @Test func sampledLayersAreMarkedWithAStar() {
        let lines = violins([layer([0.1, 0.2, 0.3], total: 3000), layer([0.1, 0.2], name: "dense_1")])
        let labels = lines.last!
        #expect(labels.contains("1 dense*"), "\(labels)")
        #expect(labels.contains("2 dense_1") && !labels.contains("dense_1*"))
    }

    @Test func twelveLayersFitNarrowColumnsWithEveryLabel() {
        let scales = (0..<12).map { 1e-3 * pow(2.0, Double($0)) }
        let lines = violins(makeLayers(scales: scales))
        let labels = lines.last!.split(separator: " ").map(String.init)
        #expect(labels == (1...12).map(String.init), "labels: \(lines.last!)")
        #expect(!lines.joined().contains("X"))
        Snapshots.check(lines, named: "violins-12-layers")
    }

    @Test func perLayerModeLabelsEachViolinWithItsOwnExtremes() {
        let lines = violins([layer([-0.004, 0.001, 0.002]), layer([-3, 1, 2], name: "dense_1")], mode: .perLayer)
        #expect(lines[0].contains("0.002") && lines[0].contains("2"))
        #expect(lines[lines.count - 2].contains("-0.004") && lines[lines.count - 2].contains("-3"))
        #expect(!lines[0].contains("┤"), "per-layer mode has no shared axis")
    }

    @Test func perLayerModeLabelsASingleValueWithItselfAndCentresIt() {
        let lines = violins([layer([Float](repeating: 0.5, count: 20))], mode: .perLayer)
        #expect(lines[0].contains("0.5") && lines[lines.count - 2].contains("0.5"))
        #expect(inkRows(lines) == [6], "\(lines.joined(separator: "\n"))")
    }

    @Test func symlogShowsTheQuietLayerOnMoreThanOneRow() {
        let snapshot = makeSnapshot()
        let shared = violins([snapshot.layers[0], snapshot.layers[3]], mode: .shared)
        let symlog = violins([snapshot.layers[0], snapshot.layers[3]], mode: .symlog)
        func quietRows(_ lines: [String]) -> Int { lines.dropLast().filter { $0.dropFirst(6).prefix(18).contains { inkGlyphs.contains($0) } }.count }
        #expect(quietRows(shared) == 1)
        #expect(quietRows(symlog) >= 4, "\(symlog.joined(separator: "\n"))")
    }

    @Test func widthsDrawnAgainOnAnotherAxisAreThatAxisWidthsNotTheLastOnes() {
        let layer = makeSnapshot().layers[3]
        let held = ViolinStatistics(values: layer.values)
        let axes = [ViolinAxis.linear(low: -1, high: 1, rows: 12), .linear(low: -2, high: 2, rows: 12),
                    .symlog(low: -1, high: 1, linthresh: 0.01, rows: 12), .linear(low: -1, high: 1, rows: 20)]
        for _ in 0..<2 {
            for axis in axes + axes.reversed() {
                for steps in [1, 2] {
                    let fresh = ViolinStatistics(values: layer.values)
                    #expect(ViolinWidget.halfWidths(held, axis: axis, stepsPerRow: steps, maxHalfCells: 8)
                            == ViolinWidget.halfWidths(fresh, axis: axis, stepsPerRow: steps, maxHalfCells: 8))
                }
            }
        }
        #expect(ViolinWidget.halfWidths(held, axis: axes[0], stepsPerRow: 2, maxHalfCells: 8)
                != ViolinWidget.halfWidths(held, axis: axes[1], stepsPerRow: 2, maxHalfCells: 8))
    }

    @Test func aTooSmallAreaSaysSoInsteadOfDrawing() {
        let lines = violins(makeSnapshot().layers, width: 20, height: 3)
        #expect(lines.joined().contains("too small"))
    }
}

@Suite struct ViolinNoteTests {
    @Test func notesTooWideForNarrowColumnsBecomeOneSummaryLine() {
        var layers = makeLayers(scales: (0..<12).map { 0.01 * Double($0 + 1) })
        layers[3].values[0] = .nan
        layers[6].values = []
        let lines = render(width: 48, height: 14) { grid in
            ViolinWidget(layers: layers, mode: .shared).render(in: grid.bounds, into: &grid, context: RenderContext())
        }
        #expect(lines.last!.hasPrefix("NaN/Inf ignored: 4 (1)  empty: 7"), "\(lines.last!)")
        #expect(!lines.contains { $0.contains("╌") }, "quartiles are left out of one-cell-per-side violins")
    }
}
