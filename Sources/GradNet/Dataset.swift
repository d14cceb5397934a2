#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc
import GradTensor

/// Examples for a regression problem: one row per example.
///
/// `inputs` is `N x inputCount`, `targets` is `N x outputCount`, and row i of
/// each belongs to example i. A value type; copies share storage.
public struct Dataset: Sendable, Equatable {
    /// N x inputCount.
    public var inputs: Tensor
    /// N x outputCount.
    public var targets: Tensor
    /// Where the examples came from, for reports: a file path or
    /// "notebook data, seed 100, 100 examples".
    public var source: String
    /// The file line of each example when read from a file (for messages), else nil.
    public var lines: [Int]?

    public init(inputs: Tensor, targets: Tensor, source: String, lines: [Int]? = nil) {
        precondition(inputs.rank == 2 && targets.rank == 2 && inputs.shape[0] == targets.shape[0],
                     "inputs \(Tensor.shapeText(inputs.shape)) and targets \(Tensor.shapeText(targets.shape)) must be N x inputs and N x outputs")
        self.inputs = inputs
        self.targets = targets
        self.source = source
        self.lines = lines
    }

    /// Number of examples (N).
    public var count: Int { inputs.shape[0] }
    public var inputCount: Int { inputs.shape[1] }
    public var outputCount: Int { targets.shape[1] }

    /// The course notebook's data (see the seed README): for each example
    /// x1 ~ U(-pi, pi), x2 ~ U(0, 1), e1, e2 ~ N(0, 0.05), and
    /// y1 = sin(x1) + x2 + e1, y2 = cos(x1) + x2 + e2.
    ///
    /// Draw order, as numpy would draw whole columns: all x1, then all x2,
    /// then all e1, then all e2. The draws are bit-identical on every machine;
    /// sin and cos come from the platform's libm, which may differ in the last
    /// bit of a Double, almost never visible after rounding to Float.
    public static func notebook(examples: Int = 100, seed: UInt64) -> Dataset {
        precondition(examples >= 0, "examples must not be negative, got \(examples)")
        var generator = SeededGenerator(seed: seed)
        let x1 = (0..<examples).map { _ in generator.uniform(-Double.pi, Double.pi) }
        let x2 = (0..<examples).map { _ in generator.uniform(0, 1) }
        let e1 = (0..<examples).map { _ in generator.normal(mean: 0, stddev: 0.05) }
        let e2 = (0..<examples).map { _ in generator.normal(mean: 0, stddev: 0.05) }
        var inputs = [Float](), targets = [Float]()
        inputs.reserveCapacity(2 * examples)
        targets.reserveCapacity(2 * examples)
        for i in 0..<examples {
            inputs += [Float(x1[i]), Float(x2[i])]
            targets += [Float(sin(x1[i]) + x2[i] + e1[i]), Float(cos(x1[i]) + x2[i] + e2[i])]
        }
        return Dataset(
            inputs: Tensor(shape: [examples, 2], scalars: inputs),
            targets: Tensor(shape: [examples, 2], scalars: targets),
            source: "notebook data, seed \(seed), \(examples) examples")
    }

    /// The examples in `range` (rows), e.g. one minibatch of an already shuffled set.
    public func batch(_ range: Range<Int>) -> Dataset {
        precondition(range.lowerBound >= 0 && range.upperBound <= count,
                     "batch \(range) out of range for \(count) examples")
        return Dataset(inputs: Dataset.rows(of: inputs, range),
                       targets: Dataset.rows(of: targets, range),
                       source: source, lines: lines.map { Array($0[range]) })
    }

    /// The examples at `indices`, in that order (repeats allowed).
    public func examples(at indices: [Int]) -> Dataset {
        Dataset(inputs: Dataset.gather(inputs, indices), targets: Dataset.gather(targets, indices), source: source,
                lines: lines.map { lines in indices.map { lines[$0] } })
    }

    /// A permutation of `0..<count` (Fisher-Yates with the generator's own
    /// unbiased integers), the same for the same generator state everywhere.
    public func shuffledOrder(using generator: inout SeededGenerator) -> [Int] {
        var order = Array(0..<count)
        var i = order.count - 1
        while i > 0 {
            order.swapAt(i, generator.integer(below: i + 1))
            i -= 1
        }
        return order
    }

    /// The examples in a shuffled order cut into batches of `size`; the last batch
    /// holds the remainder (Keras' `fit(shuffle=True, batch_size=size)`).
    /// Cost: one copy of the data.
    public func minibatches(size: Int, using generator: inout SeededGenerator) -> [Dataset] {
        precondition(size > 0, "batch size must be positive, got \(size)")
        let shuffled = examples(at: shuffledOrder(using: &generator))
        return stride(from: 0, to: count, by: size).map { start in
            shuffled.batch(start..<Swift.min(start + size, count))
        }
    }

    private static func rows(of matrix: Tensor, _ range: Range<Int>) -> Tensor {
        let width = matrix.shape[1]
        return Tensor(shape: [range.count, width],
                      scalars: Array(matrix.scalars[(range.lowerBound * width)..<(range.upperBound * width)]))
    }

    private static func gather(_ matrix: Tensor, _ indices: [Int]) -> Tensor {
        let width = matrix.shape[1]
        var scalars = [Float]()
        scalars.reserveCapacity(indices.count * width)
        for i in indices {
            precondition(i >= 0 && i < matrix.shape[0], "example \(i) out of range for \(matrix.shape[0]) examples")
            scalars += matrix.scalars[(i * width)..<((i + 1) * width)]
        }
        return Tensor(shape: [indices.count, width], scalars: scalars)
    }
}
