import GradSession

/// The compare grid's logic without a terminal: every action applies to all
/// tiles at once, so the runs stay comparable (same pace, same pauses).
public struct CompareController: Sendable {
    public private(set) var model: CompareModel
    public private(set) var wantsQuit = false
    /// Set when the user clicks a tile: the tile to open in the dashboard.
    public private(set) var wantsDashboard: Int?
    /// Set by `c` or esc: back to the dashboard the grid was opened from (the first tile
    /// when there was none), keeping the configuration the user had picked there.
    public private(set) var wantsBack = false
    public private(set) var themeName: String
    private let catalog: ThemeCatalog

    public init(model: CompareModel, themeName: String, catalog: ThemeCatalog) {
        self.model = model
        self.themeName = themeName
        self.catalog = catalog
    }

    public mutating func show(_ snapshot: TrainingSnapshot, tile: Int) { model.show([(tile, snapshot)]) }

    /// Several tiles' new snapshots at once (one wake of the loop): the shared axis moves once.
    public mutating func show(_ updates: [(tile: Int, snapshot: TrainingSnapshot)]) { model.show(updates) }

    public mutating func show(message: String?) { model.message = message }

    /// Applies `action`; returns, for each tile in order, the commands its trainer must receive.
    public mutating func handle(_ action: DashboardAction) -> [[TrainerCommand]] {
        if action == .reset {
            model.message = "all runs reset to step 0"
            return model.tiles.map { [.restart($0.config)] }
        }
        let commands = broadcast(action)
        return model.tiles.map { _ in commands }
    }

    /// The commands every tile receives alike.
    private mutating func broadcast(_ action: DashboardAction) -> [TrainerCommand] {
        model.message = nil
        if let commands = Playback.apply(action, paused: &model.paused, speed: &model.speed, message: &model.message) {
            return commands
        }
        switch action {
        case .quit:
            wantsQuit = true
            return [.quit]
        case .cycleAxisMode:
            model.axisMode = model.axisMode.next
        case .cycleTheme:
            (themeName, model.theme, model.message) = catalog.cycle(from: themeName)
        case .toggleHelp:
            model.showsHelp.toggle()
        case .closeOverlay:
            if model.showsHelp { model.showsHelp = false } else { wantsBack = true }
        case .toggleCompare:
            wantsBack = true
        default:
            break
        }
        return []
    }

    /// A click on a tile opens that configuration in the dashboard.
    public mutating func click(tile: Int) {
        guard !model.showsHelp, model.tiles.indices.contains(tile) else { return }
        wantsDashboard = tile
    }
}
