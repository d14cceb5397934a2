import Foundation
import GradNet
import GradSession
import GradTerminal
import GradUI

/// The UI thread's loop: waits for input, trainer wake-ups or the next frame
/// slot; never for a training step. Draws only when something changed, at most
/// `fps` frames per second; blocks without a timeout when nothing can change
/// (paused), so a paused dashboard uses no CPU.
struct DashboardLoop {
    let screen: TerminalScreen
    let fps: Int
    var controller: DashboardController
    /// Receives every drawn frame and a marker per configuration, when recording.
    var recorder: AsciicastRecorder? = nil

    /// Runs until the user quits or a termination signal arrives.
    mutating func run() -> (controller: DashboardController, signal: Int32?) {
        let waker = screen.waker
        let trainer = Trainer(publishInterval: 1 / Double(fps)) { waker.wake() }
        trainer.start(controller.config, paused: controller.model.paused,
                      stepsPerSecond: controller.model.speed.map(Double.init))
        defer { trainer.send(.quit) }
        let view = DashboardView()
        var grid = Grid(width: 0, height: 0)
        var regions: [HitRegion] = []
        var seenVersion = 0
        var dirty = true
        var lastFrame = Date.distantPast
        var recordedConfig: RunConfig?
        let frameInterval = 1 / Double(fps)

        while !controller.wantsQuit && !controller.wantsCompare {
            for command in controller.tick(now: ProcessInfo.processInfo.systemUptime) {
                trainer.send(command)
                dirty = true
            }
            let sinceFrame = Date().timeIntervalSince(lastFrame)
            if dirty && sinceFrame >= frameInterval {
                let (width, height) = screen.size
                if grid.width != width || grid.height != height { grid = Grid(width: width, height: height) }
                regions = view.render(model: controller.model, into: &grid)
                screen.draw(grid)
                recorder?.record(frame: grid)
                lastFrame = Date()
                dirty = false
            }
            var wait: Double? = dirty ? frameInterval - Date().timeIntervalSince(lastFrame) : nil
            if let due = controller.tourDue { wait = min(wait ?? .infinity, due - ProcessInfo.processInfo.systemUptime) }
            let timeout: Duration? = wait.map { .milliseconds(max(1, Int($0 * 1000))) }
            guard let event = screen.nextEvent(timeout: timeout) else { continue }
            switch event {
            case .key(let key):
                guard let action = KeyBindings.action(for: key) else { continue }
                for command in controller.handle(action) { trainer.send(command) }
                dirty = true
            case .mouse(let x, let y):
                guard let action = HitRegion.action(atX: x, y: y, in: regions) else { continue }
                for command in controller.handle(action) { trainer.send(command) }
                dirty = true
            case .resize:
                dirty = true
            case .wake:
                if let failure = trainer.takeFailure() { controller.refuse(failure); dirty = true }
                let (snapshot, version) = trainer.newest()
                if version != seenVersion, let snapshot {
                    seenVersion = version
                    if let recorder, snapshot.config != recordedConfig {
                        recorder.marker(DashboardLoop.markerLabel(snapshot.config, after: recordedConfig))
                        recordedConfig = snapshot.config
                    }
                    if snapshot.step == 0 { controller.setSummary(DashboardLoop.summary(of: snapshot, ascii: controller.model.glyphs == .ascii)) }
                    controller.show(snapshot)
                    dirty = true
                }
            case .signal(let number):
                return (controller, number)
            }
        }
        return (controller, nil)
    }

    /// A recording's chapter title for `config`: "relu · random_uniform", then what changed
    /// since `previous` (the last marker's configuration), so the chapters after `n`, `d`, `h`,
    /// `o` or `[` do not all read alike: "relu · random_uniform · weight seed 4821".
    static func markerLabel(_ config: RunConfig, after previous: RunConfig?) -> String {
        var parts = ["\(config.activation) · \(config.initializer)"]
        guard let previous else { return parts[0] }
        if config.seed != previous.seed { parts.append("weight seed \(config.seed)") }
        if config.dataSeed != previous.dataSeed { parts.append("data seed \(config.dataSeed)") }
        if config.hidden != previous.hidden { parts.append("hidden \(HiddenPresets.describe(config.hidden))") }
        if config.optimizer != previous.optimizer { parts.append(config.optimizer) }
        if config.learningRate != previous.learningRate { parts.append("lr \(NiceTicks.label(Double(config.learningRate)))") }
        return parts.joined(separator: " · ")
    }

    /// The Keras-style layer table of the snapshot's network.
    static func summary(of snapshot: TrainingSnapshot, ascii: Bool) -> [String] {
        let layers = snapshot.layers.map { (name: $0.name, inputs: $0.kernelShape[0], units: $0.kernelShape[1]) }
        return Sequential.summary(layers: layers, ascii: ascii).split(separator: "\n").map(String.init)
    }
}
