#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GradNet
import GradSession
import GradTerminal
import GradUI

/// What one full screen does between the loop's waits: the dashboard or the compare grid.
/// The loop owns the terminal, the trainers (one per configuration) and the clock; the
/// screen owns what is shown and turns actions into each trainer's commands.
protocol LoopScreen {
    /// One trainer each, in this order, started paused or at `speed` steps per second.
    var trainerConfigs: [RunConfig] { get }
    var paused: Bool { get }
    var speed: Int? { get }
    /// Whether the loop should end (a quit, or a switch to the other screen).
    var isDone: Bool { get }
    /// The recording's chapter for this screen, marked when it opens.
    var openingChapter: String { get }
    /// Applies a key's action; returns each trainer's commands, in trainer order.
    mutating func handle(_ action: DashboardAction) -> [[TrainerCommand]]
    /// A click at a cell of the last drawn `grid`.
    mutating func click(x: Int, y: Int, in grid: Grid) -> [[TrainerCommand]]
    /// When `tick` has something to do, in `ScreenClock` seconds; nil: never.
    var tickDue: Double? { get }
    mutating func tick(now: Double) -> [[TrainerCommand]]
    /// Trainer `index` published `snapshot`; returns a recording chapter when it starts one.
    mutating func receive(_ snapshot: TrainingSnapshot, from index: Int) -> String?
    /// Trainer `index` refused a configuration (or could not build its first one).
    mutating func refuse(_ reason: InputError, from index: Int)
    /// Trainer `index` has answered every restart sent to it and trains `running`.
    mutating func settle(on running: RunConfig, from index: Int)
    /// Shows a one-line message (the terminal's own news, e.g. output stalled).
    mutating func show(message: String?)
    /// Draws into `grid`, which has the terminal's size.
    mutating func render(into grid: inout Grid)
}

/// The one clock of the screens: monotonic seconds, so a wall-clock change can neither
/// stall the frames nor fire the tour early.
enum ScreenClock {
    private static let origin = ContinuousClock.now
    static var now: Double { (ContinuousClock.now - origin).seconds }
}

/// The UI thread's loop (ratatui's `App::run`): draw when something changed, at most
/// `fps` frames per second; wait for input, a trainer's wake-up, the next frame slot or the
/// screen's tick; never for a training step. Blocks without a timeout when nothing can
/// change (paused), so a paused screen uses no CPU.
struct ScreenLoop {
    let terminal: TerminalScreen
    let fps: Int
    /// Receives every drawn frame and the screen's chapters, when recording.
    let recorder: AsciicastRecorder?

    /// Runs `screen` until it is done; returns the termination signal if one ended it.
    func run<Screen: LoopScreen>(_ screen: inout Screen) -> Int32? {
        let waker = terminal.waker
        let trainers = screen.trainerConfigs.map { _ in Trainer(publishInterval: 1 / Double(fps)) { waker.wake() } }
        for (config, trainer) in zip(screen.trainerConfigs, trainers) {
            trainer.start(config, paused: screen.paused, stepsPerSecond: screen.speed.map(Double.init))
        }
        defer { for trainer in trainers { trainer.send(.quit) } }
        // Marked now, not when a trainer first publishes: a signal right after the first frame
        // must still leave a recording with its chapter.
        recorder?.marker(screen.openingChapter)
        var grid = Grid(width: 0, height: 0)
        var seen = [Int](repeating: 0, count: trainers.count)
        var restartsSent = [Int](repeating: 0, count: trainers.count)
        var dirty = true
        var lastFrame = -Double.infinity
        let frameInterval = 1 / Double(fps)
        func send(_ commands: [[TrainerCommand]]) {
            for (index, list) in commands.enumerated() where trainers.indices.contains(index) {
                for command in list {
                    if case .restart = command { restartsSent[index] += 1 }
                    trainers[index].send(command)
                }
            }
        }

        while !screen.isDone {
            let ticked = screen.tick(now: ScreenClock.now)
            if ticked.contains(where: { !$0.isEmpty }) { send(ticked); dirty = true }
            if dirty && ScreenClock.now - lastFrame >= frameInterval {
                let (width, height) = terminal.size
                if grid.width != width || grid.height != height { grid = Grid(width: width, height: height) }
                screen.render(into: &grid)
                terminal.draw(grid)
                recorder?.record(frame: grid)
                lastFrame = ScreenClock.now
                dirty = false
            }
            var wait: Double? = dirty ? frameInterval - (ScreenClock.now - lastFrame) : nil
            if let due = screen.tickDue { wait = min(wait ?? .infinity, due - ScreenClock.now) }
            guard let event = terminal.nextEvent(timeout: wait.map { .milliseconds(max(1, Int($0 * 1000))) }) else { continue }
            switch event {
            case .key(let key):
                guard let action = KeyBindings.action(for: key) else { continue }
                send(screen.handle(action))
                dirty = true
            case .mouse(let x, let y):
                send(screen.click(x: x, y: y, in: grid))
                dirty = true
            case .resize:
                dirty = true
            case .wake:
                for (index, trainer) in trainers.enumerated() {
                    let news = trainer.take()
                    if let failure = news.failure { screen.refuse(failure, from: index); dirty = true }
                    if news.version != seen[index], let snapshot = news.snapshot {
                        seen[index] = news.version
                        if let chapter = screen.receive(snapshot, from: index) { recorder?.marker(chapter) }
                        dirty = true
                    }
                    if news.restartsAnswered == restartsSent[index], let running = news.snapshot?.config {
                        screen.settle(on: running, from: index)
                    }
                }
            case .signal(let number):
                return number
            case .outputStalled:
                for trainer in trainers { trainer.send(.pause) }  // a terminal nobody reads must not cost a core
                screen.show(message: event.outputMessage)
            case .outputDrained(let afterStall):
                if afterStall && !screen.paused { for trainer in trainers { trainer.send(.resume) } }
                if afterStall { screen.show(message: event.outputMessage) }
                dirty = true
            }
        }
        return nil
    }
}
