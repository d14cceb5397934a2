import GradNet
import GradSession
import GradTensor

/// The dashboard's logic without a terminal: turns user actions into changes
/// of what is shown and into commands for the trainer. Pure and testable; the
/// executable feeds it keys and clicks and forwards the commands it returns.
///
/// Every change of activation, initializer, sizes, optimizer or learning rate
/// restarts from step 0 with the same seed and data, so comparisons are fair.
public struct DashboardController: Sendable {
    public private(set) var model: DashboardModel
    /// The configuration asked of the trainer; once the trainer has answered every change
    /// (`settle`), the one it trains, which is what the exit line reproduces.
    public private(set) var config: RunConfig
    public private(set) var wantsQuit = false
    /// Set by `c`: the user wants the compare grid built around this configuration.
    public private(set) var wantsCompare = false
    public private(set) var themeName: String
    private let catalog: ThemeCatalog
    /// New seeds for `n` and `d`, deterministic from the starting configuration; the exit line prints them.
    private var seedSource: SeededGenerator

    /// Tour only: seconds between automatic moves to the next stop.
    public let tourInterval: Double?
    /// Tour only: when the next automatic move is due (nil: none).
    public private(set) var tourDue: Double?

    public init(config: RunConfig, model: DashboardModel, themeName: String, catalog: ThemeCatalog,
                tourInterval: Double? = nil, now: Double = 0) {
        self.config = model.tour?.config ?? config
        self.model = model
        self.tourInterval = tourInterval
        tourDue = model.tour == nil ? nil : tourInterval.map { now + $0 }
        self.themeName = themeName
        self.catalog = catalog
        seedSource = SeededGenerator(seed: config.seed &* 31 &+ config.dataSeed)
    }

    /// Shows a newer snapshot.
    public mutating func show(_ snapshot: TrainingSnapshot) {
        model.snapshot = snapshot
        if snapshot.divergedAtStep != nil { model.paused = true }
    }

    public mutating func show(message: String?) { model.message = message }

    /// What the exit line reproduces: the configuration of the run on screen (a change still on
    /// its way to the trainer, or refused, has trained nothing yet).
    public var shownConfig: RunConfig { model.snapshot?.config ?? config }

    /// The trainer has answered every change sent to it and trains `running`: a refused
    /// change is taken back, so the next key and the exit line start from what trains.
    public mutating func settle(on running: RunConfig) { config = running }

    /// The trainer refused a change (or, before anything trained, its first configuration):
    /// the reason goes on screen.
    public mutating func refuse(_ reason: InputError) {
        model.message = (model.snapshot == nil ? "could not start: " : "not changed: ") + reason.description
    }

    public mutating func setSummary(_ lines: [String]) { model.summaryLines = lines }

    /// Applies `action`; returns the commands the trainer must receive, in order.
    public mutating func handle(_ action: DashboardAction) -> [TrainerCommand] {
        guard let action = model.apply(action) else { return [] }
        model.message = nil
        if let commands = Playback.apply(action, paused: &model.paused, speed: &model.speed, message: &model.message) {
            return commands
        }
        switch action {
        case .quit:
            wantsQuit = true
            return [.quit]
        case .toggleCompare:
            wantsCompare = true
            return []
        case .tourNext, .tourPrevious:
            return moveTour(forward: action == .tourNext, now: nil)
        case .reset:
            return restart("reset to step 0")
        case .lrUp, .lrDown:
            config.learningRate = action == .lrUp ? config.learningRate * 2 : config.learningRate / 2
            return restart("learning rate \(config.learningRate)")
        case .cycleOptimizer:
            config.optimizer = config.optimizer == .adam ? .sgd : .adam
            return restart("optimizer \(config.optimizer.rawValue)")
        case .newSeed:
            guard config.modelFile == nil else {
                model.message = "the weights come from \(config.modelFile ?? "a file"); no new weight seed"
                return []
            }
            config.seed = UInt64(seedSource.integer(below: 100_000))
            return restart("new weight seed \(config.seed)")
        case .newData:
            guard config.dataFile == nil else {
                model.message = "data comes from \(config.dataFile ?? "a file"); no new draw"
                return []
            }
            config.dataSeed = UInt64(seedSource.integer(below: 100_000))
            return restart("new data draw (seed \(config.dataSeed))")
        case .cycleDataset:
            guard config.dataFile == nil else {
                model.message = "data comes from \(config.dataFile ?? "a file"); --dataset applies to generated data"
                return []
            }
            let kinds = DatasetKind.allCases
            let next = kinds[(neighbour(of: config.dataset, in: kinds, forward: true))]
            if config.examples == config.dataset.defaultExamples { config.examples = next.defaultExamples }
            config.dataset = next
            config.lossChoice = nil  // the data set's own loss: cross-entropy for classes, MSE otherwise
            return restart("data set \(next.name), loss \(config.loss.name)")
        case .cycleHidden:
            config.hidden = HiddenPresets.next(after: config.hidden)
            config.modelFile = nil
            return restart("hidden layers \(HiddenPresets.describe(config.hidden))")
        case .nextActivation, .prevActivation:
            return pickActivation(neighbour(of: config.activation, in: model.activations, forward: action == .nextActivation))
        case .nextInitializer, .prevInitializer:
            return pickInitializer(neighbour(of: config.initializer, in: model.initializers, forward: action == .nextInitializer))
        case .pickActivation(let index):
            return pickActivation(index)
        case .pickInitializer(let index):
            return pickInitializer(index)
        case .cycleTheme:
            (themeName, model.theme, model.message) = catalog.cycle(from: themeName)
            return []
        default:
            return []
        }
    }

    /// Moves the tour when its automatic interval is due at `now` (seconds on the caller's clock).
    public mutating func tick(now: Double) -> [TrainerCommand] {
        guard let due = tourDue, now >= due else { return [] }
        return moveTour(forward: true, now: now)
    }

    private mutating func moveTour(forward: Bool, now: Double?) -> [TrainerCommand] {
        guard var tour = model.tour else { return [] }
        if let interval = tourInterval, let now { tourDue = now + interval }
        guard tour.move(forward: forward) else {
            if now != nil { tourDue = nil }  // the automatic tour stops at the last stop
            model.message = forward ? "that was the last stop; a, i and h keep working" : "this is the first stop"
            return []
        }
        model.tour = tour
        config = tour.config
        return restart("\(tour.position): \(tour.stop.activation.name) \(model.glyphs.separator) \(tour.stop.initializer.name)")
    }

    private mutating func pickActivation(_ index: Int) -> [TrainerCommand] {
        guard model.activations.indices.contains(index) else { return [] }
        config.activation = model.activations[index]
        config.modelFile = nil
        return restart("activation \(config.activation.name)")
    }

    private mutating func pickInitializer(_ index: Int) -> [TrainerCommand] {
        guard model.initializers.indices.contains(index) else { return [] }
        config.initializer = model.initializers[index]
        config.modelFile = nil
        return restart("initializer \(config.initializer.name)")
    }

    private mutating func restart(_ message: String) -> [TrainerCommand] {
        model.message = message
        model.focus.index = nil
        return [.restart(config)]
    }

    private func neighbour<Item: Equatable>(of item: Item, in list: [Item], forward: Bool) -> Int {
        guard let index = list.firstIndex(of: item), !list.isEmpty else { return 0 }
        return (index + (forward ? 1 : list.count - 1)) % list.count
    }
}
