#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The outline of one violin: the Gaussian KDE (Scott's rule, from
/// `ViolinStatistics`) evaluated between the smallest and largest value, as
/// matplotlib's `violinplot` does, scaled so the widest point is 1.
///
/// On a non-linear scale (symlog) the width is the density per unit of the
/// drawn axis (the KDE times dx/dy), so equal areas hold equal shares of the
/// values, as the dashboard's rows (the KDE's mass per row) do; on a linear
/// scale that is the KDE itself. Cost: `pointCount` KDE evaluations.
struct ViolinShape {
    static let pointCount = 100
    let statistics: ViolinStatistics
    let scale: AxisScale
    /// (value, relative half-width in 0...1), from the smallest value up, evenly
    /// spaced on the scale; one point of width 1 when the values do not spread (all equal).
    let outline: [(value: Double, width: Double)]
    private let peak: Double

    /// nil when no value is finite.
    init?(values: [Float], scale: AxisScale = .linear) {
        let stats = ViolinStatistics(values: values)
        guard let low = stats.min, let high = stats.max else { return nil }
        statistics = stats
        self.scale = scale
        guard stats.scottBandwidth > 0, high > low else {
            outline = [(low, 1)]
            peak = 0
            return
        }
        let bottom = scale.forward(low), top = scale.forward(high), last = Self.pointCount - 1
        let densities = (0...last).map { i -> (Double, Double) in
            // The ends exactly: the inverse of the forward map can miss them by a rounding.
            let value = i == 0 ? low : i == last ? high : scale.inverse(bottom + (top - bottom) * Double(i) / Double(last))
            return (value, Self.axisDensity(stats, at: value, scale: scale))
        }
        let widest = densities.map(\.1).max() ?? 0
        peak = widest
        outline = densities.map { ($0.0, widest > 0 ? $0.1 / widest : 0) }
    }

    var isFlat: Bool { outline.count == 1 }

    /// The relative half-width at `value` (for the median and quartile marks).
    func width(at value: Double) -> Double {
        isFlat || peak <= 0 ? 1 : Self.axisDensity(statistics, at: value, scale: scale) / peak
    }

    /// The KDE per unit of `scale`'s coordinate at `value`: density × dx/dy, the
    /// derivative taken numerically so the scale's formula lives only in `AxisScale`.
    static func axisDensity(_ stats: ViolinStatistics, at value: Double, scale: AxisScale) -> Double {
        guard let threshold = scale.linthresh else { return stats.density(at: value) }
        let h = 1e-4 * (abs(value) + threshold)
        let dy = scale.forward(value + h) - scale.forward(value - h)
        return dy > 0 ? stats.density(at: value) * 2 * h / dy : 0
    }
}
