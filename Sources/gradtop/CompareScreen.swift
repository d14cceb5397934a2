import GradNet
import GradSession
import GradTerminal
import GradUI

/// The compare grid in the screen loop: one trainer per tile, all fed the same commands.
struct CompareScreen: LoopScreen {
    var controller: CompareController
    private let view = CompareView()
    /// Snapshots that arrived since the last frame, newest per tile: handed over once per
    /// frame, so the shared axis is fitted at most `fps` times a second, not at every wake.
    private var arrived: [Int: TrainingSnapshot] = [:]

    /// Where the user goes from the grid.
    enum Outcome {
        case quit
        /// Open this configuration in the dashboard.
        case dashboard(RunConfig)
        /// Back to the dashboard the grid was opened from.
        case back
    }

    init(controller: CompareController) { self.controller = controller }

    var outcome: Outcome? {
        if controller.wantsQuit { return .quit }
        if let tile = controller.wantsDashboard { return .dashboard(controller.model.tiles[tile].config) }
        return controller.wantsBack ? .back : nil
    }

    var trainerConfigs: [RunConfig] { controller.model.tiles.map(\.config) }
    var paused: Bool { controller.model.paused }
    var speed: Int? { controller.model.speed }
    var isDone: Bool { outcome != nil }
    var openingChapter: String { "compare: " + controller.model.tiles.map { $0.label(.ascii) }.joined(separator: ", ") }
    var tickDue: Double? { nil }

    mutating func handle(_ action: DashboardAction) -> [[TrainerCommand]] { controller.handle(action) }

    mutating func click(x: Int, y: Int, in grid: Grid) -> [[TrainerCommand]] {
        let tiles = controller.model.tiles.count
        if let tile = CompareView.tile(atX: x, y: y, tiles: tiles, width: grid.width, height: grid.height) {
            controller.click(tile: tile)
        }
        return []
    }

    mutating func tick(now: Double) -> [[TrainerCommand]] { [] }

    mutating func receive(_ snapshot: TrainingSnapshot, from index: Int) -> String? {
        arrived[index] = snapshot
        return nil
    }

    mutating func refuse(_ reason: InputError, from index: Int) { controller.show(message: reason.description) }

    /// Tiles keep their configurations (a reset restarts each with its own), so nothing to take back.
    mutating func settle(on running: RunConfig, from index: Int) {}

    mutating func show(message: String?) { controller.show(message: message) }

    mutating func render(into grid: inout Grid) {
        if !arrived.isEmpty {
            controller.show(arrived.sorted { $0.key < $1.key }.map { (tile: $0.key, snapshot: $0.value) })
            arrived.removeAll(keepingCapacity: true)
        }
        view.render(model: controller.model, into: &grid)
    }
}
