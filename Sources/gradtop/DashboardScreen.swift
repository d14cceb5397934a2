import GradNet
import GradSession
import GradTerminal
import GradUI

/// The dashboard in the screen loop: one trainer, the controller's commands, a recording
/// chapter per configuration the trainer accepted.
struct DashboardScreen: LoopScreen {
    var controller: DashboardController
    private let view = DashboardView()
    private var regions: [HitRegion] = []
    /// The configuration of the last chapter marked.
    private var chapterConfig: RunConfig

    init(controller: DashboardController) {
        self.controller = controller
        chapterConfig = controller.config
    }

    var trainerConfigs: [RunConfig] { [controller.config] }
    var paused: Bool { controller.model.paused }
    var speed: Int? { controller.model.speed }
    var isDone: Bool { controller.wantsQuit || controller.wantsCompare }
    var openingChapter: String { DashboardScreen.chapter(chapterConfig, after: nil) }
    var tickDue: Double? { controller.tourDue }

    mutating func handle(_ action: DashboardAction) -> [[TrainerCommand]] { [controller.handle(action)] }

    mutating func click(x: Int, y: Int, in grid: Grid) -> [[TrainerCommand]] {
        guard let action = HitRegion.action(atX: x, y: y, in: regions) else { return [] }
        return [controller.handle(action)]
    }

    mutating func tick(now: Double) -> [[TrainerCommand]] { [controller.tick(now: now)] }

    mutating func receive(_ snapshot: TrainingSnapshot, from index: Int) -> String? {
        var chapter: String?
        if snapshot.config != chapterConfig {
            chapter = DashboardScreen.chapter(snapshot.config, after: chapterConfig)
            chapterConfig = snapshot.config
        }
        if snapshot.step == 0 { controller.setSummary(DashboardScreen.summary(of: snapshot, ascii: controller.model.glyphs == .ascii)) }
        controller.show(snapshot)
        return chapter
    }

    mutating func refuse(_ reason: InputError, from index: Int) { controller.refuse(reason) }

    mutating func settle(on running: RunConfig, from index: Int) { controller.settle(on: running) }

    mutating func show(message: String?) { controller.show(message: message) }

    mutating func render(into grid: inout Grid) { regions = view.render(model: controller.model, into: &grid) }

    /// A recording's chapter title for `config`: "relu · random_uniform", then what changed
    /// since `previous` (the last chapter's configuration), so the chapters after `n`, `d`, `h`,
    /// `o` or `[` do not all read alike: "relu · random_uniform · weight seed 4821".
    static func chapter(_ config: RunConfig, after previous: RunConfig?) -> String {
        var parts = ["\(config.activation.name) · \(config.initializer.name)"]
        guard let previous else { return parts[0] }
        if config.seed != previous.seed { parts.append("weight seed \(config.seed)") }
        if config.dataSeed != previous.dataSeed { parts.append("data seed \(config.dataSeed)") }
        if config.hidden != previous.hidden { parts.append("hidden \(HiddenPresets.describe(config.hidden))") }
        if config.optimizer != previous.optimizer { parts.append(config.optimizer.rawValue) }
        if config.learningRate != previous.learningRate { parts.append("lr \(NiceTicks.label(Double(config.learningRate)))") }
        return parts.joined(separator: " · ")
    }

    /// The Keras-style layer table of the snapshot's network.
    static func summary(of snapshot: TrainingSnapshot, ascii: Bool) -> [String] {
        let layers = snapshot.layers.map { (name: $0.name, inputs: $0.kernelShape[0], units: $0.kernelShape[1]) }
        let table = Sequential.summary(layers: layers, ascii: ascii).split(separator: "\n").map(String.init)
        guard snapshot.config.modelFile == nil else { return table }
        return table + [""] + Sequential.initializerNote(initializer: snapshot.config.initializer, seed: snapshot.config.seed, layers: layers)
    }
}
