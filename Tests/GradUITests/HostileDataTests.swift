import Foundation
import Testing
import GradSession
@testable import GradUI

/// The whole dashboard drawn from training gone wrong: NaN, ±Inf, all-zero
/// gradients (a dead network), one distinct value, the extremes of float32,
/// and mixes of them, in every axis mode, linear and log loss, Unicode and
/// ASCII, at the smallest and a large size. Nothing may trap, leave a cell
/// undrawn, or print "nan"/"inf" on an axis.
@Suite struct HostileTrainingData {
    static let kinds: [(name: String, value: @Sendable (Int) -> Float)] = [
        ("nan", { _ in .nan }),
        ("inf", { $0 % 2 == 0 ? .infinity : -.infinity }),
        ("zero", { _ in 0 }),
        ("single", { _ in 0.25 }),
        ("extremes", { $0 % 2 == 0 ? .greatestFiniteMagnitude : -.greatestFiniteMagnitude }),
        ("subnormal", { Float.leastNonzeroMagnitude * Float($0 % 7) }),
        ("mixed", { [Float.nan, .infinity, 0, 1e-30, -3e38, 3e38, -.infinity, 0.5][$0 % 8] }),
    ]

    static func snapshot(layers kind: Int, loss lossKind: Int, diverged: Bool) -> TrainingSnapshot {
        let value = kinds[kind].value, lossValue = kinds[lossKind].value
        let layers = (0..<4).map { l in
            let values = (0..<400).map { value($0 + l) }
            return LayerGradientSummary(name: l == 0 ? "dense" : "dense_\(l)", kernelShape: [2, 2], values: values,
                                        totalCount: values.count, meanAbs: value(l), meanAbsHistory: (0..<60).map(value))
        }
        let history = (0...200).map { LossPoint(step: $0, loss: lossValue($0)) }
        var config = RunConfig()
        config.hidden = [2, 2, 2]
        return TrainingSnapshot(config: config, step: 200, loss: lossValue(200), lossHistory: history, layers: layers,
                                stepsPerSecond: .nan, deadUnits: 6, divergedAtStep: diverged ? 57 : nil)
    }

    @Test(arguments: 0..<kinds.count)
    func the_dashboard_draws_every_cell_without_numbers_like_nan(layerKind: Int) {
        for lossKind in 0..<HostileTrainingData.kinds.count {
            for mode in ViolinAxisMode.allCases {
                for (glyphs, log, width, height) in [(GlyphSet.unicode, false, 80, 24), (.ascii, true, 160, 50), (.unicode, true, 110, 34)] {
                    var model = DashboardModel(snapshot: HostileTrainingData.snapshot(layers: layerKind, loss: lossKind, diverged: lossKind == 0))
                    model.axisMode = mode
                    model.lossLogScale = log
                    model.glyphs = glyphs
                    var grid = sentinelGrid(width: width, height: height)
                    _ = DashboardView().render(model: model, into: &grid)
                    let text = grid.lines.joined(separator: "\n")
                    let label = "layers \(HostileTrainingData.kinds[layerKind].name), loss \(HostileTrainingData.kinds[lossKind].name), \(mode), log \(log), \(width)x\(height)"
                    let undrawn = grid.lines.contains { $0.contains("X") }
                    #expect(!undrawn, "undrawn cells: \(label)\n\(text)")
                    let lower = text.lowercased()
                    // Values may say "inf" or "NaN" (the loss, a layer's mean |g|); axis ticks never.
                    let ticks = lower.split(separator: "\n").flatMap { $0.components(separatedBy: glyphs == .ascii ? "+" : "┤").dropLast().map { $0.suffix(6) } }
                    let badTicks = ticks.filter { $0.contains("inf") || $0.contains("nan") }
                    #expect(!lower.contains("-nan") && badTicks.isEmpty, "\(label)\n\(text)")
                    // An unknown rate reads "-", not "NaN steps/s".
                    #expect(!lower.contains("nan steps/s"), "\(label)\n\(text)")
                    let printable = text.unicodeScalars.allSatisfy { $0 == "\n" || $0.value >= 0x20 }
                    #expect(printable, "control character drawn: \(label)")
                    let ascii = text.allSatisfy { $0.isASCII }
                    if glyphs == .ascii { #expect(ascii, "non-ASCII in ASCII mode: \(label)") }
                }
            }
        }
    }

    @Test func a_diverged_snapshot_says_so_with_its_step() {
        var grid = sentinelGrid(width: 120, height: 40)
        _ = DashboardView().render(model: DashboardModel(snapshot: HostileTrainingData.snapshot(layers: 0, loss: 0, diverged: true)), into: &grid)
        #expect(grid.lines.joined().contains("DIVERGED at step 57"))
    }
}
