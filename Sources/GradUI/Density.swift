#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc
import GradTensor

/// The statistics one violin draws, computed from the finite values only.
public struct ViolinStatistics: Sendable, Equatable {
    /// Finite values, sorted ascending.
    public let sorted: [Double]
    /// Values dropped because they were NaN or ±Inf.
    public let nonFiniteCount: Int
    /// Of those, the NaNs (the rest are ±Inf).
    public let nanCount: Int
    /// Widths this sample was drawn with, by axis (see `ViolinWidget.halfWidths`).
    let drawnProfiles = ViolinProfileMemo()

    public init<S: Sequence>(values: S) where S.Element: BinaryFloatingPoint {
        var finite: [Double] = []
        var dropped = 0, nans = 0
        for value in values {
            let x = Double(value)
            if x.isFinite { finite.append(x) } else { dropped += 1; nans += x.isNaN ? 1 : 0 }
        }
        sorted = finite.radixSorted()
        nonFiniteCount = dropped
        nanCount = nans
        bins = ViolinStatistics.makeBins(sorted)
    }

    /// Above this many values the KDE is evaluated on `binCount` equal-width
    /// bins (value -> bin centre), which moves each value by at most half a
    /// bin; it is used only while that is under an eighth of the bandwidth.
    static let binThreshold = 2048, binCount = 1024
    /// (bin width, [(bin centre, count)]) for large samples, else nil.
    let bins: (width: Double, centres: [(Double, Double)])?

    static func makeBins(_ sorted: [Double]) -> (width: Double, centres: [(Double, Double)])? {
        guard sorted.count > binThreshold, let low = sorted.first, let high = sorted.last, high > low else { return nil }
        let width = (high - low) / Double(binCount)
        var counts = [Double](repeating: 0, count: binCount)
        for x in sorted { counts[Swift.min(binCount - 1, Int((x - low) / width))] += 1 }
        let centres = counts.indices.filter { counts[$0] > 0 }.map { (low + (Double($0) + 0.5) * width, counts[$0]) }
        return (width, centres)
    }

    public static func == (a: ViolinStatistics, b: ViolinStatistics) -> Bool {
        a.sorted == b.sorted && a.nonFiniteCount == b.nonFiniteCount
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
    /// bandwidth each value is a point mass. Large samples use the bins. Values more than 9 bandwidths
    /// outside the interval are skipped (their terms are below 1e-35), so
    /// the cost is O(log n + values near the interval).
    public func mass(from low: Double, to high: Double, bandwidth bw: Double? = nil) -> Double {
        guard !sorted.isEmpty, high >= low else { return 0 }
        let h = bw ?? scottBandwidth
        if h <= 0 {
            return Double(index(above: high, inclusive: true) - index(above: low, inclusive: false)) / Double(sorted.count)
        }
        let scale = 1 / (h * 2.0.squareRoot())
        if let bins, bins.width <= h / 8 {
            let total = bins.centres.reduce(0) { sum, bin in
                sum + bin.1 * 0.5 * (erf((high - bin.0) * scale) - erf((low - bin.0) * scale))
            }
            return total / Double(sorted.count)
        }
        let reach = 9 * h
        let start = index(above: low - reach, inclusive: false), end = index(above: high + reach, inclusive: true)
        var total = 0.0
        for xi in sorted[start..<end] {
            total += 0.5 * (erf((high - xi) * scale) - erf((low - xi) * scale))
        }
        return total / Double(sorted.count)
    }

    /// The KDE's probability mass below `x` (its cumulative distribution), bandwidth `bw` > 0:
    /// a row's mass is the difference at its two edges, so a column of rows sharing edges
    /// costs one evaluation per edge instead of two per row. Values more than 9 bandwidths
    /// from `x` count whole or not at all; large samples use the bins. Cost: O(log n +
    /// values near `x`).
    public func cumulative(below x: Double, bandwidth bw: Double) -> Double {
        guard !sorted.isEmpty, bw > 0 else { return 0 }
        let scale = 1 / (bw * 2.0.squareRoot())
        if let bins, bins.width <= bw / 8 {
            return bins.centres.reduce(0) { $0 + $1.1 * 0.5 * erfc(($1.0 - x) * scale) } / Double(sorted.count)
        }
        let reach = 9 * bw
        let start = index(above: x - reach, inclusive: false), end = index(above: x + reach, inclusive: true)
        var total = Double(start)
        for xi in sorted[start..<end] { total += 0.5 * erfc((xi - x) * scale) }
        return total / Double(sorted.count)
    }

    /// The first index whose value is > `x` (or >= `x` when not `inclusive`): a binary search.
    func index(above x: Double, inclusive: Bool) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if inclusive ? sorted[mid] <= x : sorted[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
