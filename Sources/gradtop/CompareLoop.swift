#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GradNet
import GradSession
import GradTerminal
import GradUI

/// The compare grid's UI loop: one trainer thread per tile, all fed the same
/// commands; the UI thread never waits for any of them. Draws at most `fps`
/// frames per second and blocks without a timeout when nothing can change.
struct CompareLoop {
    let screen: TerminalScreen
    var controller: CompareController
    let fps: Int
    /// Receives every drawn frame, when recording.
    var recorder: AsciicastRecorder? = nil

    enum Outcome {
        case quit
        case signal(Int32)
        /// Open this configuration in the dashboard.
        case dashboard(RunConfig)
        /// Back to the dashboard the grid was opened from.
        case back
    }

    mutating func run() -> Outcome {
        let waker = screen.waker
        let trainers = controller.model.tiles.map { _ in Trainer(publishInterval: 1 / Double(fps)) { waker.wake() } }
        for (tile, trainer) in zip(controller.model.tiles, trainers) {
            trainer.start(tile.config, paused: controller.model.paused, stepsPerSecond: controller.model.speed.map(Double.init))
        }
        defer { for trainer in trainers { trainer.send(.quit) } }
        recorder?.marker("compare: " + controller.model.tiles.map { $0.label(.ascii) }.joined(separator: ", "))
        let view = CompareView()
        var grid = Grid(width: 0, height: 0)
        var seen = [Int](repeating: 0, count: trainers.count)
        // Snapshots that arrived since the last frame, newest per tile: handed over once per
        // frame, so the shared axis is fitted at most `fps` times a second, not at every wake.
        var arrived: [Int: TrainingSnapshot] = [:]
        var dirty = true
        var lastFrame = Date.distantPast
        let frameInterval = 1 / Double(fps)

        while true {
            if controller.wantsQuit { return .quit }
            if let tile = controller.wantsDashboard { return .dashboard(controller.model.tiles[tile].config) }
            if controller.wantsBack { return .back }
            if dirty && Date().timeIntervalSince(lastFrame) >= frameInterval {
                let (width, height) = screen.size
                if grid.width != width || grid.height != height { grid = Grid(width: width, height: height) }
                if !arrived.isEmpty {
                    controller.show(arrived.sorted { $0.key < $1.key }.map { (tile: $0.key, snapshot: $0.value) })
                    arrived.removeAll(keepingCapacity: true)
                }
                view.render(model: controller.model, into: &grid)
                screen.draw(grid)
                recorder?.record(frame: grid)
                lastFrame = Date()
                dirty = false
            }
            let wait = frameInterval - Date().timeIntervalSince(lastFrame)
            guard let event = screen.nextEvent(timeout: dirty ? .milliseconds(max(1, Int(wait * 1000))) : nil) else { continue }
            switch event {
            case .key(let key):
                guard let action = KeyBindings.action(for: key) else { continue }
                for (trainer, commands) in zip(trainers, controller.handle(action)) {
                    for command in commands { trainer.send(command) }
                }
                dirty = true
            case .mouse(let x, let y):
                if let tile = CompareView.tile(atX: x, y: y, tiles: trainers.count, width: grid.width, height: grid.height) {
                    controller.click(tile: tile)
                }
            case .resize:
                dirty = true
            case .wake:
                for (index, trainer) in trainers.enumerated() {
                    if let failure = trainer.takeFailure() { controller.show(message: failure.description); dirty = true }
                    let (snapshot, version) = trainer.newest()
                    if version != seen[index], let snapshot {
                        seen[index] = version
                        arrived[index] = snapshot
                        dirty = true
                    }
                }
            case .signal(let number):
                return .signal(number)
            case .outputStalled:
                for trainer in trainers { trainer.send(.pause) }  // a terminal nobody reads must not cost a core
                controller.show(message: event.outputMessage)
            case .outputDrained(let afterStall):
                if afterStall && !controller.model.paused { for trainer in trainers { trainer.send(.resume) } }
                if afterStall { controller.show(message: event.outputMessage) }
                dirty = true
            }
        }
    }
}
