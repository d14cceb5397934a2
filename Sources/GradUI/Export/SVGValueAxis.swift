#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A value axis of an exported figure: its limits, its scale and labelled
/// ticks. Sharing one value between plots is what makes their magnitudes
/// comparable. Ticks and scales are the dashboard's (`NiceTicks`,
/// `AxisScale`, `ViolinAxis`), so a figure and the screen it was made from
/// read alike.
public struct SVGValueAxis: Sendable, Equatable {
    /// The values at the bottom and the top of the axis.
    public var low: Double
    public var high: Double
    public var ticks: [Double]
    public var labels: [String]
    public var scale: AxisScale = .linear

    /// `low...high` padded by 5% on both ends (as matplotlib pads), with up to
    /// `maxTicks` nice ticks inside. A degenerate range is widened around its value.
    public static func padded(low: Double, high: Double, maxTicks: Int = 8) -> SVGValueAxis {
        var (lo, hi) = ViolinAxis.widened(low: low, high: high)
        let pad = (hi - lo) * 0.05
        lo -= pad
        hi += pad
        let (values, step) = NiceTicks.ticks(low: lo, high: hi, maxCount: maxTicks)
        return SVGValueAxis(low: lo, high: hi, ticks: values, labels: values.map { typographic(NiceTicks.label($0, step: step)) })
    }

    /// The dashboard's symmetric-log axis over `extent` (linear within ±linthresh,
    /// logarithmic beyond), ticks at 0 and ±10^k, thinned as the dashboard thins
    /// them (zero and the largest magnitudes first) so labels on an axis `length`
    /// units long are at least `labelSpacing` apart.
    public static func symlog(_ extent: ViolinExtent, length: Double, labelSpacing: Double = 16) -> SVGValueAxis {
        let (lo, hi) = ViolinAxis.widened(low: extent.low, high: extent.high)
        // ViolinAxis keeps labels at least two rows apart.
        let rows = max(3, Int(length / (labelSpacing / 2)))
        let terminal = ViolinAxis.symlog(low: lo, high: hi, linthresh: extent.linthresh, rows: rows)
        // The terminal draws each tick on the row holding its value; here it goes at the value itself.
        let ticks = terminal.ticks.reversed()
        return SVGValueAxis(low: lo, high: hi, ticks: ticks.map(\.value), labels: ticks.map { typographic($0.label) },
                            scale: terminal.scale)
    }

    /// A typographic minus, as matplotlib draws it: "−0.5", not "-0.5".
    static func typographic(_ label: String) -> String { label.replacing("-", with: "\u{2212}") }

    /// Where `value` lands on a span from `start` (at `low`) to `end` (at `high`), through the scale.
    public func position(_ value: Double, from start: Double, to end: Double) -> Double {
        let bottom = scale.forward(low), top = scale.forward(high)
        guard top > bottom else { return (start + end) / 2 }
        return start + (scale.forward(value) - bottom) / (top - bottom) * (end - start)
    }
}
