import Foundation

/// The statistics one violin draws, computed from the finite values only.
public struct ViolinStatistics: Sendable, Equatable {
    /// Finite values, sorted ascending.
    public let sorted: [Double]
    /// Values dropped because they were NaN or ±Inf.
    public let nonFiniteCount: Int

    public init<S: Sequence>(values: S) where S.Element: BinaryFloatingPoint {
        var finite: [Double] = []
        var dropped = 0
        for value in values {
            let x = Double(value)
            if x.isFinite { finite.append(x) } else { dropped += 1 }
        }
        sorted = finite.sorted()
        nonFiniteCount = dropped
    }

    public var count: Int { sorted.count }
    public var isEmpty: Bool { sorted.isEmpty }
    public var min: Double? { sorted.first }
    public var max: Double? { sorted.last }
    public var median: Double? { quantile(0.5) }

    /// Linear-interpolated quantile (NumPy's default), nil when empty.
    public func quantile(_ q: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }

    /// Sample standard deviation (ddof = 1, as NumPy's cov), 0 for fewer than two values.
    public var standardDeviation: Double {
        guard sorted.count > 1 else { return 0 }
        let mean = sorted.reduce(0, +) / Double(sorted.count)
        let squares = sorted.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (squares / Double(sorted.count - 1)).squareRoot()
    }

    /// Scott's rule as matplotlib's violinplot uses it: n^(-1/5) · std.
    /// 0 when the values do not spread (a single distinct value).
    public var scottBandwidth: Double {
        guard sorted.count > 1 else { return 0 }
        return pow(Double(sorted.count), -0.2) * standardDeviation
    }

    /// The Gaussian kernel density estimate at `x` with bandwidth `bw`
    /// (nil: Scott's rule). O(n). 0 everywhere when the bandwidth is 0.
    public func density(at x: Double, bandwidth bw: Double? = nil) -> Double {
        let h = bw ?? scottBandwidth
        guard h > 0, !sorted.isEmpty else { return 0 }
        let norm = 1 / (Double(sorted.count) * h * (2 * Double.pi).squareRoot())
        return sorted.reduce(0) { sum, xi in
            let z = (x - xi) / h
            return sum + exp(-0.5 * z * z)
        } * norm
    }

    /// The estimated probability mass in `low...high`: the KDE integrated
    /// over the interval, so a peak narrower than the interval is never
    /// missed (sampling the density at the centre would). With a zero
    /// bandwidth each value is a point mass. O(n).
    public func mass(from low: Double, to high: Double, bandwidth bw: Double? = nil) -> Double {
        guard !sorted.isEmpty, high >= low else { return 0 }
        let h = bw ?? scottBandwidth
        if h <= 0 {
            return Double(sorted.lazy.filter { $0 >= low && $0 <= high }.count) / Double(sorted.count)
        }
        let scale = 1 / (h * 2.0.squareRoot())
        let total = sorted.reduce(0) { sum, xi in
            sum + 0.5 * (erf((high - xi) * scale) - erf((low - xi) * scale))
        }
        return total / Double(sorted.count)
    }
}
