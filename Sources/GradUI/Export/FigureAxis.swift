import GradSession

/// How an exported figure's violins share their value axis: the dashboard's
/// three modes (`v`, same names), and `perPanel`, which only a figure of
/// several configurations has: each configuration's panel on its own linear
/// axis, shared by its layers, as the notebook's separate `plot_grad` figures are.
public enum FigureAxis: String, CaseIterable, Sendable {
    /// One linear axis for every layer of every panel: heights compare across panels.
    case linear
    /// One symmetric-log axis for every panel: tiny and large gradients both visible.
    case symlog
    /// Each violin on its own range, labelled with its extremes: shapes only.
    case perLayer = "per-layer"
    /// Each panel on its own linear axis: layers compare within a panel, not across.
    case perPanel = "per-panel"

    /// The dashboard's mode of the same name.
    public init(_ mode: ViolinAxisMode) {
        switch mode {
        case .shared: self = .linear
        case .symlog: self = .symlog
        case .perLayer: self = .perLayer
        }
    }

    /// What the figure's subtitle says about the axis, so nobody compares what it does not let compare.
    var note: String {
        switch self {
        case .linear: "shared y axis"
        case .symlog: "shared symlog y axis"
        case .perLayer: "each layer on its own y range"
        case .perPanel: "each panel on its own y axis"
        }
    }

    /// The y axis title.
    var label: String {
        switch self {
        case .linear, .perPanel: "Gradient values"
        case .symlog: "Gradient values (symlog)"
        case .perLayer: "Gradient values (own ranges)"
        }
    }

    /// One axis per panel of `panels` (each panel's layers), nil for per-layer
    /// ranges. `length` is the axis's drawn length, which decides how many
    /// symlog ticks fit; `maxTicks` bounds the linear ticks. Symlog uses the
    /// dashboard's extent (ends at ±1, 2 or 5 × 10^k, threshold a power of ten).
    func axes(for panels: [[LayerGradientSummary]], length: Double, maxTicks: Int) -> [SVGValueAxis?] {
        switch self {
        case .linear:
            let shared = Self.linear(covering: panels, maxTicks: maxTicks)
            return panels.map { _ in shared }
        case .symlog:
            let shared = SVGValueAxis.symlog(Self.symlogExtent(panels), length: length)
            return panels.map { _ in shared }
        case .perLayer:
            return panels.map { _ in nil }
        case .perPanel:
            return panels.map { Self.linear(covering: [$0], maxTicks: maxTicks) }
        }
    }

    /// The dashboard's symlog extent of `panels`: ends at ±1, 2 or 5 × 10^k, threshold a power of ten.
    static func symlogExtent(_ panels: [[LayerGradientSummary]]) -> ViolinExtent {
        SteadyViolinExtents.niceSymlog(ViolinExtent(covering: panels))
    }

    /// What a reader must know to read the axis, nil when nothing (one linear axis).
    func footnote(_ panels: [[LayerGradientSummary]]) -> String? {
        switch self {
        case .linear: nil
        case .symlog:
            "Symlog axis: linear within ±\(NiceTicks.label(Self.symlogExtent(panels).linthresh)), logarithmic beyond; "
                + "violin widths are density per unit of the axis, as in the dashboard."
        case .perLayer: "Each violin on its own range, its extremes labelled: compare shapes, not heights."
        case .perPanel: "Each panel on its own y axis: compare layers within a panel; across panels, read the ticks."
        }
    }

    /// A padded linear axis over every finite value of `panels` (-1...1 when there is none).
    static func linear(covering panels: [[LayerGradientSummary]], maxTicks: Int) -> SVGValueAxis {
        let ranges = panels.compactMap(ViolinPlotSVG.valueRange)
        return SVGValueAxis.padded(low: ranges.map(\.low).min() ?? -1, high: ranges.map(\.high).max() ?? 1, maxTicks: maxTicks)
    }
}
