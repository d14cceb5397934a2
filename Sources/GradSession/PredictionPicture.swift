#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc
import GradNet
import GradTensor

/// What the network has learned, over its inputs: the picture of the "prediction" panel and of
/// the SVG figure. Computed by the trainer for 2-input data (the UI never runs the model).
public struct PredictionPicture: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The input plane coloured by the predicted probability of the first class (softmax of the logits).
        case classes
        /// The input plane coloured by the network's single output.
        case plane
        /// Each output over x1 at the data's mean x2, with the examples' targets (the notebook's view).
        case curves
    }

    public var kind: Kind
    /// The horizontal and vertical extents: the input plane (x1, x2), or x1 and the targets' range for curves.
    public var xRange: ClosedRange<Float>
    public var yRange: ClosedRange<Float>
    /// Classes and plane: `side` x `side` values, row-major, row 0 at the top (largest x2).
    /// Curves: one row of `side` values per output, over `xRange`.
    public var side: Int
    public var values: [Float]
    /// The range `values` are coloured over: [0, 1] for classes, the targets' range otherwise.
    public var valueRange: ClosedRange<Float>
    /// The examples: training and held-out ones, at most `pointLimit` of each.
    public var points: [PredictionPoint]
    /// Hidden layer l, unit j: what it computes over the plane (`unitSide` x `unitSide`, row 0
    /// at the top), for networks of at most 8 units a layer; empty otherwise and for curves.
    public var units: [[[Float]]]
    public var unitSide: Int

    /// Picture pixels across (and down, for the plane).
    public static let pixels = 48
    /// Hidden units' pictures are every third pixel of the plane: 16 x 16.
    public static let unitStride = 3
    public static let maximumUnitsForPictures = 8
    public static let pointLimit = 1000

    /// The value of pixel (column, row), row 0 at the top.
    public func value(column: Int, row: Int) -> Float { values[row * side + column] }
}

/// One example as the picture marks it.
public struct PredictionPoint: Sendable, Equatable {
    /// Plane: the inputs; curves: x1 and the target of output `series`.
    public var x: Float, y: Float
    /// Classes: 1 for the first class, 0 otherwise; plane: the target; curves: the target.
    public var value: Float
    /// Curves: which output; 0 otherwise.
    public var series: Int
    public var isTest: Bool
}

/// Computes pictures for one run, reusing its buffers. Owned by the trainer thread.
/// Cost per picture: one forward pass over 48 x 48 inputs (the curves: 48).
final class PredictionProbe {
    private let kind: PredictionPicture.Kind
    private let xRange: ClosedRange<Float>, yRange: ClosedRange<Float>
    private let grid: Tensor
    private let workspace: Workspace
    private let points: [PredictionPoint]
    private let valueRange: ClosedRange<Float>

    /// nil when the data does not have two inputs.
    init?(run: TrainingRun, dataset: DatasetKind, fromFile: Bool) {
        let data = run.data
        guard data.inputCount == 2, run.model.inputs == 2 else { return nil }
        let n = PredictionPicture.pixels
        let classes = run.loss == .categoricalCrossentropy
        kind = classes ? .classes : data.outputCount == 1 ? .plane : .curves
        let all = [(data, false)] + (run.test.map { [($0, true)] } ?? [])
        let r = Float(DatasetKind.playgroundRadius)
        let playground = !fromFile && dataset != .notebook
        let x1 = playground ? -r...r : PredictionProbe.extent(all.map(\.0), column: 0)
        let x2 = playground ? -r...r : PredictionProbe.extent(all.map(\.0), column: 1)
        if kind == .curves {
            // Each output over x1 at the mean x2: the notebook's sin x1 + x2 and cos x1 + x2 at x2 = 0.5.
            let x2 = data.inputs.scalars.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            let meanX2 = x2.reduce(0, +) / Float(max(1, x2.count))
            let xs = (0..<n).map { x1.lowerBound + (x1.upperBound - x1.lowerBound) * Float($0) / Float(n - 1) }
            grid = Tensor(shape: [n, 2], scalars: xs.flatMap { [$0, meanX2] })
        } else {
            var scalars: [Float] = []
            scalars.reserveCapacity(2 * n * n)
            for row in 0..<n {
                let v = x2.upperBound - (x2.upperBound - x2.lowerBound) * Float(row) / Float(n - 1)
                for column in 0..<n { scalars += [x1.lowerBound + (x1.upperBound - x1.lowerBound) * Float(column) / Float(n - 1), v] }
            }
            grid = Tensor(shape: [n * n, 2], scalars: scalars)
        }
        xRange = x1
        var points: [PredictionPoint] = []
        for (set, isTest) in all {
            let m = set.outputCount
            for e in stride(from: 0, to: set.count, by: max(1, set.count / PredictionPicture.pointLimit)) {
                let (a, b) = (set.inputs.scalars[2 * e], set.inputs.scalars[2 * e + 1])
                let t = Array(set.targets.scalars[(e * m)..<((e + 1) * m)])
                switch kind {
                case .classes: points.append(PredictionPoint(x: a, y: b, value: t[0] == 1 ? 1 : 0, series: 0, isTest: isTest))
                case .plane: points.append(PredictionPoint(x: a, y: b, value: t[0], series: 0, isTest: isTest))
                case .curves: points += t.enumerated().map { PredictionPoint(x: a, y: $1, value: $1, series: $0, isTest: isTest) }
                }
            }
        }
        self.points = points
        let targets = all.flatMap { $0.0.targets.scalars }
        let low = targets.min() ?? 0, high = targets.max() ?? 1
        valueRange = classes ? 0...1 : low...(high > low ? high : low + 1)
        yRange = kind == .curves ? valueRange : x2
        workspace = Workspace(model: run.model, batch: grid.shape[0], perExampleGradients: false)
    }

    /// The picture of `model` (the run's network at this step).
    func picture(of model: Sequential) -> PredictionPicture {
        workspace.forward(model, inputs: grid)
        let outputs = workspace.outputTensor.scalars, m = model.outputs, n = PredictionPicture.pixels
        var values: [Float]
        switch kind {
        case .classes:
            // Softmax's first entry, 1 / (1 + sum_k exp(z_k - z_0)), which never overflows to NaN.
            values = (0..<grid.shape[0]).map { p in
                let row = outputs[(p * m)..<((p + 1) * m)]
                let z0 = row.first ?? 0
                return 1 / row.reduce(Float(0)) { $0 + expf(min(80, $1 - z0)) }
            }
        case .plane:
            values = outputs
        case .curves:
            values = (0..<m).flatMap { j in (0..<n).map { outputs[$0 * m + j] } }
        }
        var units: [[[Float]]] = []
        if kind != .curves, model.layers.dropLast().allSatisfy({ $0.units <= PredictionPicture.maximumUnitsForPictures }) {
            let step = PredictionPicture.unitStride
            units = model.layers.indices.dropLast().map { l in
                let a = workspace.activations(layer: l), width = model.layers[l].units
                return (0..<width).map { j in
                    stride(from: 0, to: n, by: step).flatMap { row in
                        stride(from: 0, to: n, by: step).map { column in a[(row * n + column) * width + j] }
                    }
                }
            }
        }
        return PredictionPicture(kind: kind, xRange: xRange, yRange: yRange, side: n, values: values,
                                 valueRange: valueRange, points: points, units: units,
                                 unitSide: (n + PredictionPicture.unitStride - 1) / PredictionPicture.unitStride)
    }

    /// The range of input `column` over `sets`, widened by 5% each side.
    private static func extent(_ sets: [Dataset], column: Int) -> ClosedRange<Float> {
        let values = sets.flatMap { set in (0..<set.count).map { set.inputs.scalars[$0 * set.inputCount + column] } }
        let low = values.min() ?? -1, high = values.max() ?? 1
        let margin = max(1e-3, (high - low) * 0.05)
        return (low - margin)...(high + margin)
    }
}
