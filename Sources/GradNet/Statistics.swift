import GradTensor

/// The five-number summary plus mean |g| of a set of gradient values: what
/// `gradtop train` prints per layer and what a violin's marks show.
public struct GradientStats: Sendable, Equatable {
    public var min: Float
    public var q1: Float
    public var median: Float
    public var q3: Float
    public var max: Float
    /// Mean of |g|: the size of the gradient, whatever its sign.
    public var meanAbs: Float
    /// Whether the quartiles come from a sample of the values (min, max and mean |g| never do).
    public var isSampled = false

    /// Quartiles use numpy's default linear interpolation between order statistics.
    /// Cost: one radix sort of a copy, O(n). Non-finite values propagate as NaN.
    public init(_ values: [Float]) {
        guard !values.isEmpty else {
            (min, q1, median, q3, max, meanAbs) = (.nan, .nan, .nan, .nan, .nan, .nan)
            return
        }
        if values.contains(where: { !$0.isFinite }) {
            (min, q1, median, q3, max) = (.nan, .nan, .nan, .nan, .nan)
            meanAbs = .nan
            return
        }
        let sorted = values.radixSorted()
        min = sorted[0]
        max = sorted[sorted.count - 1]
        q1 = GradientStats.percentile(sorted, 0.25)
        median = GradientStats.percentile(sorted, 0.5)
        q3 = GradientStats.percentile(sorted, 0.75)
        var total = 0.0
        for v in values { total += Double(abs(v)) }
        meanAbs = Float(total / Double(values.count))
    }

    /// Exact min, max and mean |g| of a set too large to hold, with quartiles from a sample of it
    /// (`isSampled`). Cost: one sort of the sample.
    public init(min: Float, max: Float, meanAbs: Float, sample: [Float]) {
        self.init(sample)
        (self.min, self.max, self.meanAbs, isSampled) = (min, max, meanAbs, true)
    }

    /// numpy's `percentile(..., method="linear")` of already sorted values, q in [0, 1].
    public static func percentile(_ sorted: [Float], _ q: Double) -> Float {
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return Float(Double(sorted[lower]) + (Double(sorted[upper]) - Double(sorted[lower])) * fraction)
    }
}
