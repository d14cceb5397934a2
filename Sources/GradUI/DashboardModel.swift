import GradNet
import GradSession
import GradTensor

/// What covers the dashboard, if anything.
public enum DashboardOverlay: Sendable, Equatable {
    case none, help, summary
    /// The current activation and its derivative (tape and closed form).
    case activation
}

/// Which picker has the keyboard focus, and which of its items.
public struct PickerFocus: Sendable, Equatable {
    public enum Picker: Sendable, Equatable { case activation, initializer }
    public var picker: Picker
    /// nil: on the running configuration's item (where the focus starts).
    public var index: Int?
    public init(picker: Picker = .activation, index: Int? = nil) {
        self.picker = picker
        self.index = index
    }
}

/// Everything the dashboard draws: the latest snapshot (nil before the
/// first step) and the UI state around it. A plain value: the executable
/// owns one, applies actions to it, and renders it each frame.
public struct DashboardModel: Sendable {
    /// Setting it also computes `violinStatistics` and moves `steadyExtents` along, so the
    /// violins' axis follows the run steadily.
    public var snapshot: TrainingSnapshot? {
        didSet { followSnapshot() }
    }
    /// The snapshot's per-layer statistics (sorted values), computed once when it is set,
    /// not at every frame.
    public private(set) var violinStatistics: [ViolinStatistics] = []
    /// The violins' shared value extents, held across this run's snapshots.
    public private(set) var steadyExtents = SteadyViolinExtents()
    public var paused: Bool = false
    /// Requested steps per second; nil is "max".
    public var speed: Int? = 10
    public var axisMode: ViolinAxisMode = .shared
    public var lossLogScale: Bool = false
    public var overlay: DashboardOverlay = .none
    public var theme: Theme = .dark
    public var glyphs: GlyphSet = .unicode
    public var focus = PickerFocus()
    /// Activations, in picker order.
    public var activations: [Activation] = Activation.allCases
    /// Initializers, in picker order.
    public var initializers: [Initializer] = Initializer.allCases
    /// The model summary text shown by `m` (the Keras-like table).
    public var summaryLines: [String] = []
    /// Set in `gradtop tour`: the current stop, whose caption is shown.
    public var tour: Tour?
    /// Whether the terminal shows the picture's blended colours (256 colours or more); else shade characters.
    public var picturesInColour = true
    /// The prediction panel: nil shows it for Playground's data sets (`p` decides otherwise).
    public var predictionChoice: Bool?
    /// A one-line notice for the hint bar (theme warnings, "lr 0.02"), nil for the key hints.
    public var message: String?

    public init(snapshot: TrainingSnapshot? = nil) {
        self.snapshot = snapshot
        followSnapshot()
    }

    private mutating func followSnapshot() {
        violinStatistics = snapshot?.layers.map { ViolinStatistics(values: $0.values) } ?? []
        steadyExtents.update(with: snapshot, statistics: violinStatistics)
    }

    public var context: RenderContext { RenderContext(theme: theme, glyphs: glyphs) }

    /// Applies the actions that only change what is shown (overlays, axis
    /// modes, picker focus) and returns nil; returns every other action for
    /// the caller, with `chooseFocused` resolved to the focused pick.
    public mutating func apply(_ action: DashboardAction) -> DashboardAction? {
        switch action {
        case .cycleAxisMode: axisMode = axisMode.next
        case .toggleLossLogScale: lossLogScale.toggle()
        case .toggleHelp: overlay = overlay == .help ? .none : .help
        case .toggleSummary: overlay = overlay == .summary ? .none : .summary
        case .toggleActivationView: overlay = overlay == .activation ? .none : .activation
        case .closeOverlay: overlay = .none
        case .togglePrediction: predictionChoice = !showsPrediction
        case .focusUp, .focusDown:
            let count = focus.picker == .activation ? activations.count : initializers.count
            guard count > 0 else { return nil }
            let current = focusedIndex(of: focus.picker) ?? 0
            focus.index = (current + (action == .focusUp ? count - 1 : 1)) % count
        case .focusSwitch:
            focus.picker = focus.picker == .activation ? .initializer : .activation
            focus.index = nil
        case .chooseFocused:
            guard let index = focusedIndex(of: focus.picker) else { return nil }
            return focus.picker == .activation ? .pickActivation(index) : .pickInitializer(index)
        default:
            return action
        }
        return nil
    }

    /// Whether the prediction panel is shown: there is a picture, and `p` or the data set says so.
    public var showsPrediction: Bool {
        guard let snapshot, snapshot.prediction != nil else { return false }
        return predictionChoice ?? (snapshot.config.dataFile == nil && snapshot.config.dataset != .notebook)
    }

    /// Where the focus is in `picker`, nil when another picker has it.
    public func focusedIndex(of picker: PickerFocus.Picker) -> Int? {
        guard focus.picker == picker else { return nil }
        return focus.index ?? selectedIndex(of: picker) ?? 0
    }

    /// The index of the running configuration's choice in a picker.
    public func selectedIndex(of picker: PickerFocus.Picker) -> Int? {
        guard let config = snapshot?.config else { return nil }
        return picker == .activation
            ? activations.firstIndex(of: config.activation)
            : initializers.firstIndex(of: config.initializer)
    }
}
