#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc

/// The vertical value axis of a violin chart: which value each row stands
/// for and where the tick labels go. Row 0 is the top (largest value) and
/// row `rows - 1` the bottom; row r stands for the interval of width `rowSpan`
/// (in scaled units) centred on its value, so ticks land exactly on rows.
public struct ViolinAxis: Sendable, Equatable {
    public var scale: AxisScale
    /// Scaled coordinate of the top row's centre and of the bottom row's centre.
    public var top: Double, bottom: Double
    public var rows: Int
    /// Ticks top to bottom: the row drawn on, the label, and the value it stands for (which
    /// lies in that row's interval; a figure with finer resolution places it exactly).
    public var ticks: [Tick]
    public typealias Tick = (row: Int, label: String, value: Double)

    public static func == (a: ViolinAxis, b: ViolinAxis) -> Bool {
        a.scale == b.scale && a.top == b.top && a.bottom == b.bottom && a.rows == b.rows
            && a.ticks.map(\.row) == b.ticks.map(\.row) && a.ticks.map(\.label) == b.ticks.map(\.label)
    }

    public var rowSpan: Double { rows > 1 ? (top - bottom) / Double(rows - 1) : max(top - bottom, 1) }

    /// The data interval row `row` stands for.
    public func interval(row: Int) -> ClosedRange<Double> {
        let centre = top - Double(row) * rowSpan
        let low = scale.inverse(centre - rowSpan / 2), high = scale.inverse(centre + rowSpan / 2)
        return min(low, high)...max(low, high)
    }

    /// The data interval half row `halfRow` stands for: the upper half of row
    /// `halfRow / 2` when even, the lower half when odd (violins drawn with quadrant blocks).
    public func interval(halfRow: Int) -> ClosedRange<Double> {
        let upperEdge = top - Double(halfRow - 1) * rowSpan / 2
        let low = scale.inverse(upperEdge - rowSpan / 2), high = scale.inverse(upperEdge)
        return min(low, high)...max(low, high)
    }

    /// The row a data value falls in, clamped to the axis.
    public func row(of value: Double) -> Int {
        guard rowSpan > 0 else { return 0 }
        let r = ((top - scale.forward(value)) / rowSpan).rounded()
        return Int(min(Double(rows - 1), max(0, r.isFinite ? r : 0)))
    }

    /// A linear axis over `low...high` padded by 5% (as matplotlib pads),
    /// with nice ticks inside, at most one label every other row. A
    /// degenerate range (one value, all zeros) is widened around the value
    /// so it sits mid-axis.
    public static func linear(low: Double, high: Double, rows: Int) -> ViolinAxis {
        var (lo, hi) = widened(low: low, high: high)
        let pad = (hi - lo) * 0.05
        lo -= pad
        hi += pad
        var axis = ViolinAxis(scale: .linear, top: hi, bottom: lo, rows: rows, ticks: [])
        axis.centreZeroOnARow()
        let (values, step) = NiceTicks.ticks(low: lo, high: hi, maxCount: max(2, (rows - 1) / 2 + 1))
        var kept: [Tick] = []
        for value in values.reversed() {
            let row = axis.row(of: value)
            if let last = kept.last, row - last.row < 2 { continue }
            kept.append((row, NiceTicks.label(value, step: step), value))
        }
        axis.ticks = kept
        return axis
    }

    /// A symmetric-log axis: ticks at 0 and ±10^k beyond the threshold.
    public static func symlog(low: Double, high: Double, linthresh: Double, rows: Int) -> ViolinAxis {
        let scale = AxisScale.symlog(linthresh: linthresh)
        let (lo, hi) = widened(low: low, high: high)
        var axis = ViolinAxis(scale: scale, top: scale.forward(hi), bottom: scale.forward(lo), rows: rows, ticks: [])
        axis.centreZeroOnARow()
        var candidates: [Double] = lo <= 0 && hi >= 0 ? [0] : []
        var k = floor(log10(linthresh))
        while pow(10, k) <= max(abs(lo), abs(hi)) && k < 40 {
            let v = pow(10, k)
            if v >= linthresh * 0.999 {
                if v <= hi { candidates.append(v) }
                if -v >= lo { candidates.append(-v) }
            }
            k += 1
        }
        // Zero first, then larger magnitudes: those survive when rows are scarce.
        candidates.sort { abs($0) == abs($1) ? $0 > $1 : ($0 == 0 || ($1 != 0 && abs($0) > abs($1))) }
        let labelled: [Tick] = candidates.map { (axis.row(of: $0), NiceTicks.label($0, step: abs($0) == 0 ? 1 : abs($0)), $0) }
        // Keep at most one label every other row, preferring zero and the largest magnitudes.
        var kept: [Tick] = []
        for tick in labelled where !kept.contains(where: { abs($0.row - tick.row) < 2 }) { kept.append(tick) }
        axis.ticks = kept.sorted { $0.row < $1.row }
        if axis.ticks.count < 2 {
            axis.ticks = distinctRows([(0, NiceTicks.label(hi), hi), (rows - 1, NiceTicks.label(lo), lo)])
        }
        return axis
    }

    /// When the axis spans zero, stretches it as little as possible (at most about a row) so
    /// that zero is the centre of a row: values near zero then share zero's row, and a layer
    /// centred on zero is not drawn half a row off its "0" tick. Still covers `bottom...top`.
    /// Picks the number of rows above zero that needs the smallest row span.
    mutating func centreZeroOnARow() {
        guard bottom < 0, top > 0, rows > 2 else { return }
        var best = Double.infinity, rowsAbove = 1
        for above in 1...(rows - 2) {
            let span = max(top / Double(above), -bottom / Double(rows - 1 - above))
            if span < best { (best, rowsAbove) = (span, above) }
        }
        (top, bottom) = (Double(rowsAbove) * best, -Double(rows - 1 - rowsAbove) * best)
    }

    /// A range with room: equal ends become value ± max(|value|/2, 1e-3) (or ±1 for 0).
    static func widened(low: Double, high: Double) -> (Double, Double) {
        guard low.isFinite, high.isFinite else { return (-1, 1) }
        if high > low { return (low, high) }
        let pad = low == 0 ? 1 : max(abs(low) / 2, 1e-12)
        return (low - pad, high + pad)
    }

    private static func distinctRows(_ ticks: [Tick]) -> [Tick] {
        var seen = Set<Int>()
        return ticks.filter { seen.insert($0.row).inserted }
    }
}
