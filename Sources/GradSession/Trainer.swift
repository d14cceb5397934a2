#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GradNet

/// What the UI may ask of the trainer. Commands are queued; the UI never waits.
public enum TrainerCommand: Sendable, Equatable {
    case pause, resume
    /// One step, when paused. Each queued `.step` is one step: keys typed faster than the
    /// trainer wakes (or bundled by a slow link) are not merged.
    case step
    /// Steps per second; nil runs as fast as the machine allows.
    case speed(Double?)
    /// Rebuild the network and restart from step 0 with this configuration.
    case restart(RunConfig)
    case quit
}

/// Runs training on its own thread and hands immutable snapshots to the UI.
///
/// Guarantees: the UI thread only enqueues commands and reads the newest
/// published snapshot (newest wins; older unread ones are dropped), so it never
/// waits for a step and never sees state the trainer is writing. A pause publishes
/// the steps taken since the last snapshot (at full speed most steps are not
/// published), so a paused screen shows the trainer's true state. The step
/// sequence does not depend on speed, pauses or thread count: a run is the same
/// run whether watched at 1 step per second or at full speed.
public final class Trainer: @unchecked Sendable {
    // Shared state, guarded by `condition`. The run itself is private to the trainer thread.
    private let condition = Condition()
    private var commands: [TrainerCommand] = []
    private var latest: TrainingSnapshot?
    private var published = 0
    private var failure: InputError?
    /// `.restart` commands answered so far, by a new run's first snapshot or by a refusal.
    private var restartsAnswered = 0

    /// Called on the trainer thread after each publish (e.g. to wake the UI's input wait).
    private let onPublish: @Sendable () -> Void
    /// Minimum time between snapshots when running flat out.
    private let publishInterval: Double

    public init(publishInterval: Double = 1.0 / 60, onPublish: @escaping @Sendable () -> Void = {}) {
        self.publishInterval = publishInterval
        self.onPublish = onPublish
    }

    /// Starts the trainer thread ("gradtop-trainer" in `top -H`) on `config`, paused or running.
    public func start(_ config: RunConfig, paused: Bool, stepsPerSecond: Double?) {
        startThread(named: "gradtop-trainer") { [self] in loop(config, paused: paused, speed: stepsPerSecond) }
    }

    public func send(_ command: TrainerCommand) {
        condition.lock()
        commands.append(command)
        condition.signal()
        condition.unlock()
    }

    /// What the UI reads after a wake, all under one lock: the newest snapshot and the publish
    /// counter; the last refusal, taken (nil if none since the last call); and how many `.restart`
    /// commands the trainer has answered. When that count equals the restarts sent, the snapshot's
    /// configuration is the one the trainer trains: every change asked for was built or refused.
    public func take() -> (snapshot: TrainingSnapshot?, version: Int, failure: InputError?, restartsAnswered: Int) {
        condition.lock()
        defer { condition.unlock() }
        let f = failure
        failure = nil
        return (latest, published, f, restartsAnswered)
    }

    /// Hands `snapshot` to the UI; `answersRestart` when it is the first of a run a `.restart` asked for.
    private func publish(_ snapshot: TrainingSnapshot, answersRestart: Bool = false) {
        condition.lock()
        latest = snapshot
        published += 1
        if answersRestart { restartsAnswered += 1 }
        condition.unlock()
        onPublish()
    }

    private func report(_ error: InputError, answersRestart: Bool) {
        condition.lock()
        failure = error
        if answersRestart { restartsAnswered += 1 }
        condition.unlock()
        onPublish()
    }

    /// The trainer thread: wait for a command or the next step's time, handle the commands,
    /// take the steps that are due, publish.
    private func loop(_ initial: RunConfig, paused: Bool, speed: Double?) {
        var state = TrainerState(config: initial, paused: paused, speed: speed)
        rebuild(&state, with: initial, answersRestart: false)
        while true {
            let pending = waitForCommands(state)
            guard handle(pending, in: &state) else { return }
            takeDueSteps(&state)
            // Steps taken between two publishes at full speed must not stay hidden behind a pause.
            if state.paused && state.unpublishedSteps { publishSnapshot(&state) }
        }
    }

    /// Blocks until a command arrives or, when running, until the next step is due; returns the commands.
    private func waitForCommands(_ state: TrainerState) -> [TrainerCommand] {
        condition.lock()
        defer { condition.unlock() }
        while commands.isEmpty && !state.stepIsDue(now: .now) {
            if state.isTraining {
                _ = condition.wait(until: Date(timeIntervalSinceNow: ContinuousClock.now.duration(to: state.nextDue).seconds))
            } else {
                condition.wait()
            }
        }
        let pending = commands
        commands.removeAll()
        return pending
    }

    /// Applies `pending` in order; false on `.quit`.
    private func handle(_ pending: [TrainerCommand], in state: inout TrainerState) -> Bool {
        for command in pending {
            switch command {
            case .pause: state.paused = true; state.meter.reset()
            case .resume: state.paused = false; state.nextDue = .now; state.meter.reset()
            case .step: state.manualSteps += 1
            case .speed(let s): state.speed = s; state.nextDue = .now; state.meter.reset()
            case .quit: return false
            case .restart(let config): rebuild(&state, with: config, answersRestart: true)
            }
        }
        return true
    }

    /// Builds a run for `config` and publishes its step-0 preview; on failure reports why and
    /// keeps the run there was (if any).
    private func rebuild(_ state: inout TrainerState, with config: RunConfig, answersRestart: Bool) {
        do {
            state.run = try config.makeRun()
            state.config = config
            state.meter.reset()
            state.manualSteps = 0
            state.builder.reset()
            publishSnapshot(&state, answersRestart: answersRestart)
        } catch {
            report(error, answersRestart: answersRestart)
        }
    }

    /// The steps asked for by hand, else one step when running and due; each recorded in the
    /// histories, the last published (at full speed, at most once per `publishInterval`).
    private func takeDueSteps(_ state: inout TrainerState) {
        guard let run = state.run else { state.manualSteps = 0; return }
        let byHand = state.manualSteps
        state.manualSteps = 0
        let count = byHand > 0 ? byHand : state.stepIsDue(now: .now) ? 1 : 0
        guard count > 0 else { return }
        guard run.divergedAtStep == nil else { state.paused = true; return }
        for _ in 0..<count where run.divergedAtStep == nil {
            state.builder.record(run: run, workspace: run.advance())
            state.unpublishedSteps = true
            // Steps taken by hand while paused are not a rate: the meter would show the burst.
            if !state.paused { state.meter.tick() }
            if let speed = state.speed {
                let now = ContinuousClock.now
                state.nextDue = max(state.nextDue + .seconds(1 / speed), now - .milliseconds(500))
            }
        }
        if run.divergedAtStep != nil { state.paused = true }
        let flatOut = state.speed == nil && byHand == 0 && run.divergedAtStep == nil
        if !flatOut || state.lastPublish.duration(to: .now).seconds >= publishInterval { publishSnapshot(&state) }
    }

    /// Publishes the run as it stands: its last step (or the step-0 preview of a new run).
    private func publishSnapshot(_ state: inout TrainerState, answersRestart: Bool = false) {
        guard let run = state.run else { return }
        let workspace = run.lastWorkspace ?? run.inspect()
        state.lastPublish = .now
        state.unpublishedSteps = false
        publish(state.builder.snapshot(config: state.config, run: run, workspace: workspace,
                                       stepsPerSecond: state.paused ? 0 : state.meter.rate), answersRestart: answersRestart)
    }
}

/// What the trainer thread alone reads and writes.
private struct TrainerState {
    var config: RunConfig
    var paused: Bool
    /// Steps per second; nil is as fast as the machine allows.
    var speed: Double?
    /// Nil until the first configuration builds.
    var run: TrainingRun?
    var builder = SnapshotBuilder()
    var meter = RateMeter()
    var nextDue = ContinuousClock.now
    var lastPublish = ContinuousClock.now - .seconds(3600)
    var manualSteps = 0
    /// Whether steps were taken since the last publish.
    var unpublishedSteps = false

    init(config: RunConfig, paused: Bool, speed: Double?) {
        (self.config, self.paused, self.speed) = (config, paused, speed)
    }

    /// Whether steps come by themselves: running, with a run that has not diverged.
    var isTraining: Bool {
        guard !paused, let run else { return false }
        return run.divergedAtStep == nil
    }

    /// Whether a step is due at `now`: always at full speed, at `nextDue` when paced.
    func stepIsDue(now: ContinuousClock.Instant) -> Bool {
        isTraining && (speed == nil || now >= nextDue)
    }
}

/// Steps per second over roughly the last second.
struct RateMeter {
    private var times: [ContinuousClock.Instant] = []
    mutating func reset() { times.removeAll(keepingCapacity: true) }
    mutating func tick() {
        let now = ContinuousClock.now
        times.append(now)
        if let first = times.first, first.duration(to: now).seconds > 1.5 { times.removeFirst(times.count / 2) }
    }
    var rate: Double {
        guard times.count >= 2, let first = times.first, let last = times.last, last > first else { return 0 }
        return Double(times.count - 1) / first.duration(to: last).seconds
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    public var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) * 1e-18
    }
}
