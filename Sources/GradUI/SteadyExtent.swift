#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc
import GradSession

/// The violins' shared value extents (linear and symlog) held across the
/// snapshots of one run, so the axis does not re-scale every step: each
/// extent snaps outward to nice bounds and is kept while the data stay
/// inside it, shrinking only once a fresh nice extent would be at most half
/// as wide (hysteresis). Why: a re-scaled axis moves every violin cell and
/// tick label, which on a 120x40 screen costs kilobytes per frame; btop and
/// htop keep their scales steady for the same reason.
///
/// Guarantees: every finite value of the latest snapshot lies inside both
/// extents, so nothing is clamped that a fresh axis would not clamp; the
/// extents depend only on the sequence of snapshots given (deterministic);
/// a new run (other configuration, or a step that goes back) starts afresh.
/// Cost per update: O(values log values) for the symlog threshold's medians.
public struct SteadyViolinExtents: Sendable, Equatable {
    public private(set) var linear: ViolinExtent?
    public private(set) var symlog: ViolinExtent?
    /// The runs followed (one in the dashboard, one per tile in compare) and their lowest step.
    private var configs: [RunConfig] = []
    private var step = 0

    public init() {}

    /// The held extent for `mode`; nil for per-layer axes and before any finite value.
    public func extent(for mode: ViolinAxisMode) -> ViolinExtent? {
        switch mode {
        case .shared: linear
        case .symlog: symlog
        case .perLayer: nil
        }
    }

    /// Follows `snapshot`: keeps, grows or shrinks the held extents as the rules above say.
    /// A snapshot without finite values leaves them as they are.
    public mutating func update(with snapshot: TrainingSnapshot?, statistics: [ViolinStatistics]? = nil) {
        guard let snapshot else { return }
        update(with: [snapshot], statistics: statistics.map { [$0] })
    }

    /// Follows several runs drawn on one axis (the compare grid's tiles): the extents cover
    /// them all, and start afresh when the set of runs changes or any of them goes back.
    /// `statistics`: each snapshot's per-layer statistics when the caller holds them
    /// (nil: computed here).
    public mutating func update(with snapshots: [TrainingSnapshot], statistics: [[ViolinStatistics]]? = nil) {
        guard let lowestStep = snapshots.map(\.step).min() else { return }
        let runs = snapshots.map(\.config)
        if runs != configs || lowestStep < step { (linear, symlog) = (nil, nil) }
        (configs, step) = (runs, lowestStep)
        let statistics = statistics ?? snapshots.map { $0.layers.map { ViolinStatistics(values: $0.values) } }
        guard statistics.contains(where: { $0.contains { !$0.isEmpty } }) else { return }
        let data = ViolinExtent(covering: statistics)
        linear = Self.heldLinear(linear, data: data)
        symlog = Self.heldSymlog(symlog, data: data)
    }

    /// `held` when it still covers `data` and a fresh nice extent would be more than half as wide; else the fresh one.
    static func heldLinear(_ held: ViolinExtent?, data: ViolinExtent) -> ViolinExtent {
        let fresh = niceLinear(data)
        guard let held, held.low <= data.low, data.high <= held.high,
              (fresh.high - fresh.low) * 2 > held.high - held.low else { return fresh }
        return held
    }

    /// Like `heldLinear`, widths measured on the symlog scale; the threshold is held while the
    /// data's own one stays within half a decade of its decade.
    static func heldSymlog(_ held: ViolinExtent?, data: ViolinExtent) -> ViolinExtent {
        var fresh = niceSymlog(data)
        guard let held else { return fresh }
        let slack = 10.0.squareRoot()
        if data.linthresh >= held.linthresh / slack && data.linthresh < held.linthresh * 10 * slack {
            fresh.linthresh = held.linthresh
        }
        let scale = AxisScale.symlog(linthresh: fresh.linthresh)
        func width(_ e: ViolinExtent) -> Double { scale.forward(e.high) - scale.forward(e.low) }
        guard held.low <= data.low, data.high <= held.high, width(fresh) * 2 > width(held) else { return fresh }
        return ViolinExtent(low: held.low, high: held.high, linthresh: fresh.linthresh)
    }

    /// The data's range widened to the ticks that cover it (at most 9: fine enough that the
    /// violins fill most of the axis, even at 80x24), so its ends are nice numbers.
    static func niceLinear(_ data: ViolinExtent) -> ViolinExtent {
        let (low, high) = ViolinAxis.widened(low: data.low, high: data.high)
        let values = NiceTicks.covering(low: low, high: high, maxCount: 9).values
        return ViolinExtent(low: min(low, values.first ?? low), high: max(high, values.last ?? high), linthresh: data.linthresh)
    }

    /// Ends moved outward to ±1, 2 or 5 × 10^k; the threshold down to a power of ten.
    static func niceSymlog(_ data: ViolinExtent) -> ViolinExtent {
        let threshold = data.linthresh > 0 && data.linthresh.isFinite ? pow(10, floor(log10(data.linthresh))) : 1
        return ViolinExtent(low: NiceMagnitude.outward(data.low, up: false), high: NiceMagnitude.outward(data.high, up: true),
                            linthresh: threshold)
    }
}

/// Rounding to the 1-2-5 series of magnitudes.
enum NiceMagnitude {
    /// The nearest ±{1, 2, 5}×10^k at or beyond `value` in the direction `up` (larger when
    /// true, smaller when false); zero and non-finite values are returned unchanged.
    static func outward(_ value: Double, up: Bool) -> Double {
        guard value != 0, value.isFinite else { return value }
        // Moving up a positive value or down a negative one grows the magnitude.
        let grow = (value > 0) == up
        let magnitude = abs(value)
        let decade = pow(10, floor(log10(magnitude)))
        let series = [1.0, 2, 5, 10].map { $0 * decade }
        // A relative tolerance keeps a value already in the series (1e-3 read back as 0.00099999...) where it is.
        let picked = grow ? series.first { $0 >= magnitude * (1 - 1e-12) }! : series.last { $0 <= magnitude * (1 + 1e-12) }!
        return value > 0 ? picked : -picked
    }
}
