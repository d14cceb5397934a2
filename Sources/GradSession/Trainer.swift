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
/// waits for a step and never sees state the trainer is writing. The step
/// sequence does not depend on speed, pauses or thread count: a run is the same
/// run whether watched at 1 step per second or at full speed.
public final class Trainer: @unchecked Sendable {
    // Shared state, guarded by `condition`. The run itself is private to the trainer thread.
    private let condition = Condition()
    private var commands: [TrainerCommand] = []
    private var latest: TrainingSnapshot?
    private var published = 0
    private var failure: InputError?

    /// Called on the trainer thread after each publish (e.g. to wake the UI's input wait).
    private let onPublish: @Sendable () -> Void
    /// Minimum time between snapshots when running flat out.
    private let publishInterval: Double

    public init(publishInterval: Double = 1.0 / 60, onPublish: @escaping @Sendable () -> Void = {}) {
        self.publishInterval = publishInterval
        self.onPublish = onPublish
    }

    /// Starts the trainer thread on `config`, paused or running.
    public func start(_ config: RunConfig, paused: Bool, stepsPerSecond: Double?) {
        startThread { [self] in loop(config, paused: paused, speed: stepsPerSecond) }
    }

    public func send(_ command: TrainerCommand) {
        condition.lock()
        commands.append(command)
        condition.signal()
        condition.unlock()
    }

    /// The newest snapshot and a counter that grows with every publish, so the UI can tell whether it is new.
    public func newest() -> (snapshot: TrainingSnapshot?, version: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (latest, published)
    }

    /// The last configuration error (a restart with a bad configuration keeps the old run).
    public func takeFailure() -> InputError? {
        condition.lock()
        defer { condition.unlock() }
        let f = failure
        failure = nil
        return f
    }

    private func publish(_ snapshot: TrainingSnapshot) {
        condition.lock()
        latest = snapshot
        published += 1
        condition.unlock()
        onPublish()
    }

    private func loop(_ initial: RunConfig, paused startPaused: Bool, speed startSpeed: Double?) {
        var config = initial
        var paused = startPaused
        var speed = startSpeed
        var builder = SnapshotBuilder()
        guard var run = try? config.makeRun() else { return }
        var meter = RateMeter()
        var nextDue = Date()
        var lastPublish = Date.distantPast

        func preview() {
            builder.reset()
            let workspace = run.inspect()
            publish(builder.snapshot(config: config, run: run, workspace: workspace, step: 0,
                                     stepsPerSecond: 0, recordHistory: false))
        }
        preview()

        while true {
            condition.lock()
            while commands.isEmpty && (paused || (speed != nil && Date() < nextDue)) {
                if paused { condition.wait() } else { _ = condition.wait(until: nextDue) }
            }
            let pending = commands
            commands.removeAll()
            condition.unlock()

            var manualSteps = 0
            for command in pending {
                switch command {
                case .pause: paused = true; meter.reset()
                case .resume: paused = false; nextDue = Date(); meter.reset()
                case .step: manualSteps += 1
                case .speed(let s): speed = s; nextDue = Date(); meter.reset()
                case .quit: return
                case .restart(let newConfig):
                    do {
                        run = try newConfig.makeRun()
                        config = newConfig
                        meter.reset()
                        manualSteps = 0
                        preview()
                    } catch {
                        condition.lock(); failure = error; condition.unlock()
                        onPublish()
                    }
                }
            }
            let due = !paused && (speed == nil || Date() >= nextDue)
            guard manualSteps > 0 || due else { continue }
            if run.divergedAtStep != nil { paused = true; continue }

            for remaining in stride(from: max(manualSteps, 1) - 1, through: 0, by: -1) {
                run.advance()
                // Steps taken by hand while paused are not a rate: the meter would show the burst.
                if !paused { meter.tick() }
                let now = Date()
                if let speed { nextDue = max(nextDue.addingTimeInterval(1 / speed), now.addingTimeInterval(-0.5)) }
                let last = remaining == 0 || run.divergedAtStep != nil
                let flatOut = speed == nil && manualSteps == 0 && run.divergedAtStep == nil
                if last && (!flatOut || now.timeIntervalSince(lastPublish) >= publishInterval), let workspace = run.lastWorkspace {
                    lastPublish = now
                    publish(builder.snapshot(config: config, run: run, workspace: workspace, step: run.stepsTaken,
                                             stepsPerSecond: paused ? 0 : meter.rate, recordHistory: true))
                } else if let workspace = run.lastWorkspace {
                    builder.record(run: run, workspace: workspace, step: run.stepsTaken)
                }
                if run.divergedAtStep != nil { break }
            }
        }
    }
}

/// Steps per second over roughly the last second.
struct RateMeter {
    private var times: [Date] = []
    mutating func reset() { times.removeAll(keepingCapacity: true) }
    mutating func tick() {
        let now = Date()
        times.append(now)
        if let first = times.first, now.timeIntervalSince(first) > 1.5 { times.removeFirst(times.count / 2) }
    }
    var rate: Double {
        guard times.count >= 2, let first = times.first, let last = times.last, last > first else { return 0 }
        return Double(times.count - 1) / last.timeIntervalSince(first)
    }
}
