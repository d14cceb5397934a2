import Foundation
import GradNet
import GradTensor
import GradSession
@testable import GradUI

/// A deterministic stream of standard normal numbers (LCG + Box-Muller), so
/// snapshots never depend on the platform's random generator.
struct NormalStream {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 6364136223846793005 &+ 1442695040888963407 }
    mutating func uniform() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return (Double(state >> 11) + 0.5) / Double(1 << 53)
    }
    mutating func next() -> Double {
        (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
    }
}

/// Layer gradient summaries whose spread is `scales[i]`: 400 values each
/// (100 examples x a 2x2 kernel), like the notebook's 2-(2,2,2)-2 network.
func makeLayers(scales: [Double], count: Int = 400, seed: UInt64 = 7) -> [LayerGradientSummary] {
    var normal = NormalStream(seed: seed)
    return scales.enumerated().map { index, scale in
        let values = (0..<count).map { _ in Float(normal.next() * scale) }
        let meanAbs = values.map(abs).reduce(0, +) / Float(max(1, values.count))
        let history = (0..<60).map { step in meanAbs * Float(1 + 0.5 * exp(-Double(step) / 15)) }
        return LayerGradientSummary(name: index == 0 ? "dense" : "dense_\(index)", kernelShape: [2, 2],
                                    values: values, totalCount: values.count, meanAbs: meanAbs, meanAbsHistory: history)
    }
}

/// A snapshot like sigmoid / random_uniform after `step` steps: the first
/// layer's gradients about 70x smaller than the last's.
func makeSnapshot(step: Int = 240, scales: [Double] = [6.0e-3, 1.4e-2, 8.6e-2, 4.2e-1],
                  activation: Activation = .sigmoid, initializer: Initializer = .randomUniform) -> TrainingSnapshot {
    var config = RunConfig()
    config.activation = activation
    config.initializer = initializer
    config.hidden = Array(repeating: 2, count: max(0, scales.count - 1))
    let losses = (0...step).map { LossPoint(step: $0, loss: Float(0.35 + 0.9 * exp(-Double($0) / 60))) }
    return TrainingSnapshot(config: config, step: step, loss: losses.last?.loss ?? 0, lossHistory: losses,
                            layers: makeLayers(scales: scales), stepsPerSecond: 123.4, deadUnits: 0)
}

/// A grid filled with a sentinel so cells a widget did not touch show up.
func sentinelGrid(width: Int, height: Int) -> Grid {
    Grid(width: width, height: height, filling: Cell("X"))
}

/// `grid`'s text as the lines a snapshot stores.
func render(width: Int, height: Int, _ draw: (inout Grid) -> Void) -> [String] {
    var grid = sentinelGrid(width: width, height: height)
    draw(&grid)
    return grid.lines
}
