#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc

/// How the violins' value axis maps gradients to rows.
public enum ViolinAxisMode: String, Sendable, CaseIterable {
    /// One linear axis for all layers: widths and heights compare honestly.
    case shared
    /// One axis, sign(x)·log10(1 + |x|/linthresh): tiny and large layers both visible.
    case symlog
    /// Each violin scaled to its own range, labelled with its own extremes.
    case perLayer

    public var label: String {
        switch self {
        case .shared: "linear"
        case .symlog: "symlog"
        case .perLayer: "per-layer"
        }
    }

    public var next: ViolinAxisMode {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// A monotonic map from data values to a plotting coordinate.
public struct AxisScale: Sendable, Equatable {
    /// nil for linear; the linear threshold for symmetric log.
    public var linthresh: Double?

    public static let linear = AxisScale(linthresh: nil)
    public static func symlog(linthresh: Double) -> AxisScale { AxisScale(linthresh: linthresh) }

    public func forward(_ x: Double) -> Double {
        guard let t = linthresh else { return x }
        return (x < 0 ? -1 : 1) * log10(1 + abs(x) / t)
    }

    public func inverse(_ y: Double) -> Double {
        guard let t = linthresh else { return y }
        return (y < 0 ? -1 : 1) * t * (pow(10, abs(y)) - 1)
    }

    /// A threshold from the data: the smallest per-layer median |x| among
    /// non-zero values, so the quietest layer still spans about a decade.
    /// Never below 1e-6 of the largest |x|; 1 when there is no non-zero value.
    public static func symlogThreshold(layers: [[Double]]) -> Double {
        var smallestMedian = Double.infinity
        var largest = 0.0
        for values in layers {
            let magnitudes = values.map(abs).filter { $0 > 0 }.sorted()
            guard !magnitudes.isEmpty else { continue }
            smallestMedian = min(smallestMedian, magnitudes[magnitudes.count / 2])
            largest = max(largest, magnitudes.last!)
        }
        guard largest > 0 else { return 1 }
        return max(smallestMedian, largest * 1e-6)
    }
}

/// Tick positions and labels: "nice" steps 1, 2 or 5 × 10^k.
public enum NiceTicks {
    /// The nice step for covering `span` with about `count` intervals.
    public static func step(span: Double, count: Int) -> Double {
        guard span > 0, span.isFinite, count > 0 else { return 1 }
        let raw = span / Double(count)
        let magnitude = pow(10, floor(log10(raw)))
        let fraction = raw / magnitude
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * magnitude
    }

    /// Multiples of the finest nice step inside `low...high` that gives at
    /// most `maxCount` of them, plus the step. Zero appears exactly (never -0
    /// or 1e-17).
    public static func ticks(low: Double, high: Double, maxCount: Int) -> (values: [Double], step: Double) {
        guard low.isFinite, high.isFinite, high > low, maxCount >= 1 else { return ([low], 1) }
        var best: (values: [Double], step: Double) = ([], 1)
        for intervals in stride(from: 2 * maxCount, through: 1, by: -1) {
            let step = step(span: high - low, count: intervals)
            let first = (low / step).rounded(.up), last = (high / step).rounded(.down)
            best = (stride(from: first, through: last, by: 1).map { $0 == 0 ? 0 : $0 * step }, step)
            if best.values.count <= maxCount { return best }
        }
        return best
    }

    /// Ticks that cover `low...high`: the first at or below `low`, the last at
    /// or above `high`, at most `maxCount` (at least 2) of them.
    public static func covering(low: Double, high: Double, maxCount: Int) -> (values: [Double], step: Double) {
        guard low.isFinite, high.isFinite, high > low else { return ([low], 1) }
        var best: (values: [Double], step: Double) = ([], 1)
        for intervals in stride(from: 2 * max(2, maxCount), through: 1, by: -1) {
            let step = step(span: high - low, count: intervals)
            let first = (low / step).rounded(.down), last = (high / step).rounded(.up)
            best = (stride(from: first, through: last, by: 1).map { $0 == 0 ? 0 : $0 * step }, step)
            if best.values.count <= max(2, maxCount) { return best }
        }
        return best
    }

    /// A short label: "0", "0.25", "150", "-2e-3", "1.5e-4", "3e5".
    /// Plain decimals for steps between 0.01 and 1000, else scientific,
    /// with as many digits as `step` needs to tell neighbours apart.
    public static func label(_ value: Double, step: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
        if abs(value) < step * 1e-9 || value == 0 { return "0" }
        let stepExponent = Int(floor(log10(abs(step))))
        if (-2...3).contains(stepExponent) {
            return withoutNegativeZero(String(cFormat: "%.\(max(0, -stepExponent))f", value))
        }
        var exponent = Int(floor(log10(abs(value))))
        var digits = max(0, exponent - stepExponent)
        var mantissa = value / pow(10, Double(exponent))
        // Rounding can carry into a new digit: 9.99e-3 -> 1.0e-2.
        if abs((mantissa * pow(10, Double(digits))).rounded()) >= 10 * pow(10, Double(digits)) {
            exponent += 1; mantissa /= 10; digits = max(0, digits - 1)
        }
        let text = String(cFormat: "%.\(min(digits, 3))f", mantissa)
        return "\(text)e\(exponent)"
    }

    /// Scientific with `digits` significant digits, compact exponent:
    /// "4.7e-3", "3.2e-1", "0" — magnitudes compare at a glance.
    public static func scientific(_ value: Double, digits: Int = 2) -> String {
        guard value.isFinite else { return label(value, step: 1) }
        guard value != 0 else { return "0" }
        let text = String(cFormat: "%.\(max(0, digits - 1))e", value)
        return compactExponent(text)
    }

    static func compactExponent(_ text: String) -> String {
        guard let e = text.firstIndex(of: "e") else { return text }
        var exponent = text[text.index(after: e)...]
        let negative = exponent.first == "-"
        exponent = exponent.drop(while: { $0 == "-" || $0 == "+" || $0 == "0" })
        return text[..<e] + "e" + (negative ? "-" : "") + (exponent.isEmpty ? "0" : exponent)
    }

    /// A label for a lone value (no step): three significant digits, compact
    /// exponent: "0.5", "0.0123", "1.23e-5", "4.5e+6" -> "4.5e6".
    public static func label(_ value: Double) -> String {
        guard value.isFinite else { return label(value, step: 1) }
        return withoutNegativeZero(compactExponent(String(cFormat: "%.3g", value)))
    }

    /// "-0", "-0.00" (a negative zero, or a tiny negative value rounded away) -> "0", "0.00":
    /// a minus sign on nothing reads as a bug on screen.
    static func withoutNegativeZero(_ text: String) -> String {
        guard text.first == "-", text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) else { return text }
        return String(text.dropFirst())
    }
}
