#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc
import GradTensor

/// The generated data sets: the notebook's regression and TensorFlow Playground's six.
///
/// Playground's geometry and its meaning of noise (Playground's slider 0..50 is
/// `noise` 0..0.5 here): points lie in the square [-6, 6]²; for `circle`, `xor`,
/// `plane` and `multigauss` the label is that of the point moved by a uniform
/// offset of up to `noise` times the data's scale in each coordinate (so noisy
/// labels cross the boundary while the points stay put); `spiral` moves the points
/// themselves by up to `noise` (uniform) in each coordinate; `gauss` widens its two
/// clusters, variance 0.5 at noise 0 to 4 at noise 0.5. Classification sets have
/// two classes as one-hot targets y1, y2 (y1 = 1 for Playground's positive class);
/// regression sets one target y1 in [-1, 1]. The draws come from `SeededGenerator`,
/// so a seed gives the same data on every machine (not Playground's numbers).
public enum DatasetKind: String, CaseIterable, Sendable {
    case notebook, circle, xor, gauss, spiral, plane, multigauss

    public var name: String { rawValue }
    public static var validNames: String { allCases.map(\.name).joined(separator: ", ") }

    /// Whether the targets are one-hot classes (categorical cross-entropy by default).
    public var isClassification: Bool { [.circle, .xor, .gauss, .spiral].contains(self) }

    /// Examples drawn when not told: the notebook's 100, Playground's 500.
    public var defaultExamples: Int { self == .notebook ? 100 : 500 }

    /// Half the side of the square the Playground sets' inputs lie in (and the picture shows).
    public static let playgroundRadius = 6.0

    /// The most noise a Playground set takes (Playground's slider at 50).
    public static let maximumNoise = 0.5

    /// `examples` examples drawn from `seed`; `noise` in 0...0.5 (ignored by the notebook's data,
    /// which has its own N(0, 0.05) error). Cost: a few generator draws per example.
    public func generate(examples: Int, noise: Double, seed: UInt64) -> Dataset {
        precondition(examples >= 0 && (0...DatasetKind.maximumNoise).contains(noise),
                     "examples \(examples) must not be negative and noise \(noise) must be in 0...0.5")
        if self == .notebook { return Dataset.notebook(examples: examples, seed: seed) }
        var g = SeededGenerator(seed: seed)
        var inputs: [Float] = [], targets: [Float] = []
        for i in 0..<examples {
            let (x, y, target) = example(i, of: examples, noise: noise, using: &g)
            inputs += [Float(x), Float(y)]
            targets += isClassification ? (target > 0 ? [1, 0] : [0, 1]) : [Float(target)]
        }
        let noiseText = noise == 0 ? "" : ", noise \(noise)"
        return Dataset(inputs: Tensor(shape: [examples, 2], scalars: inputs),
                       targets: Tensor(shape: [examples, isClassification ? 2 : 1], scalars: targets),
                       source: "\(name) data, seed \(seed), \(examples) examples\(noiseText)")
    }

    /// Example `i` of `n`: its two inputs and its label (±1 for classes, [-1, 1] for regression).
    /// The classification sets give the first half of the examples to one class, as Playground does.
    private func example(_ i: Int, of n: Int, noise: Double, using g: inout SeededGenerator) -> (Double, Double, Double) {
        let firstHalf = i < (n + 1) / 2
        switch self {
        case .notebook:
            preconditionFailure("the notebook's data is drawn column by column")
        case .circle:
            // Inside: radius up to 2.5; outside: 3.5 to 5. The label is that of the jittered point.
            let r = firstHalf ? g.uniform(0, 2.5) : g.uniform(3.5, 5)
            let angle = g.uniform(0, 2 * .pi)
            let (x, y) = (r * sin(angle), r * cos(angle))
            let (jx, jy) = (g.uniform(-5, 5) * noise, g.uniform(-5, 5) * noise)
            return (x, y, ((x + jx) * (x + jx) + (y + jy) * (y + jy)).squareRoot() < 2.5 ? 1 : -1)
        case .xor:
            // Uniform on [-5, 5]², pushed 0.3 away from the axes.
            var x = g.uniform(-5, 5), y = g.uniform(-5, 5)
            x += x > 0 ? 0.3 : -0.3
            y += y > 0 ? 0.3 : -0.3
            let (jx, jy) = (g.uniform(-5, 5) * noise, g.uniform(-5, 5) * noise)
            return (x, y, (x + jx) * (y + jy) >= 0 ? 1 : -1)
        case .gauss:
            let sd = (0.5 + 7 * noise).squareRoot()
            let centre = firstHalf ? 2.0 : -2.0
            return (g.normal(mean: centre, stddev: sd), g.normal(mean: centre, stddev: sd), firstHalf ? 1 : -1)
        case .spiral:
            // Two arms of 1.75 turns out to radius 5, the second turned by half a turn.
            let half = (n + 1) / 2
            let (k, count) = firstHalf ? (i, half) : (i - half, max(1, n - half))
            let r = Double(k) / Double(count) * 5
            let t = 1.75 * Double(k) / Double(count) * 2 * .pi + (firstHalf ? 0 : .pi)
            let x = r * sin(t) + g.uniform(-1, 1) * noise
            let y = r * cos(t) + g.uniform(-1, 1) * noise
            return (x, y, firstHalf ? 1 : -1)
        case .plane, .multigauss:
            let radius = DatasetKind.playgroundRadius
            let x = g.uniform(-radius, radius), y = g.uniform(-radius, radius)
            let (jx, jy) = (g.uniform(-radius, radius) * noise, g.uniform(-radius, radius) * noise)
            return (x, y, self == .plane ? (x + jx + y + jy) / 10 : DatasetKind.multigaussLabel(x + jx, y + jy))
        }
    }

    /// Six bumps on a 3x2 grid, alternating in sign; a point takes the strongest one's value,
    /// which falls linearly from ±1 at the centre to 0 at distance 2.
    static func multigaussLabel(_ x: Double, _ y: Double) -> Double {
        let bumps: [(Double, Double, Double)] = [(-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1)]
        var label = 0.0
        for (cx, cy, sign) in bumps {
            let distance = ((x - cx) * (x - cx) + (y - cy) * (y - cy)).squareRoot()
            let value = sign * Swift.min(1, Swift.max(0, 1 - distance / 2))
            if abs(value) > abs(label) { label = value }
        }
        return label
    }
}

extension Dataset {
    /// The examples split into a training set and a held-out test set of `testRatio` of them
    /// (rounded down, as Playground does), after a shuffle drawn from `seed`; nil test set at ratio 0,
    /// where the data is returned unchanged and unshuffled.
    public func split(testRatio: Double, seed: UInt64) -> (train: Dataset, test: Dataset?) {
        precondition((0..<1).contains(testRatio), "test ratio must be in [0, 1), got \(testRatio)")
        let testCount = Int(Double(count) * testRatio)
        guard testCount > 0 else { return (self, nil) }
        // A stream of its own, so the split does not depend on how many draws made the data.
        var g = SeededGenerator(seed: seed ^ 0x7E57_5E7)
        let shuffled = examples(at: shuffledOrder(using: &g))
        return (shuffled.batch(testCount..<count), shuffled.batch(0..<testCount))
    }
}
