import Foundation
import Testing
import GradNet
import GradTensor
@testable import GradSession

/// Polls the trainer's newest snapshot until `condition` holds (or 10 s pass).
func waitForSnapshot(_ trainer: Trainer, _ condition: (TrainingSnapshot) -> Bool) -> TrainingSnapshot? {
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline {
        if let snapshot = trainer.take().snapshot, condition(snapshot) { return snapshot }
        usleep(2_000)
    }
    return nil
}

/// Polls until the trainer publishes after `version`; returns that snapshot (nil after 10 s).
func waitForVersion(_ trainer: Trainer, after version: Int) -> TrainingSnapshot? {
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline {
        let news = trainer.take()
        if news.version > version { return news.snapshot }
        usleep(2_000)
    }
    return nil
}

@Suite struct TrainerThread {
    @Test func a_paused_trainer_shows_the_initial_gradients_and_holds_step_zero() {
        let trainer = Trainer()
        trainer.start(RunConfig(), paused: true, stepsPerSecond: nil)
        defer { trainer.send(.quit) }
        let first = waitForSnapshot(trainer) { _ in true }
        #expect(first?.step == 0)
        #expect(first?.layers.count == 4)
        #expect(first?.layers.first?.values.count == 100 * 2 * 2)
        usleep(200_000)
        #expect(trainer.take().snapshot?.step == 0)
        trainer.send(.step)
        #expect(waitForSnapshot(trainer) { $0.step == 1 } != nil)
        usleep(200_000)
        #expect(trainer.take().snapshot?.step == 1)
    }

    @Test func steps_queued_together_are_each_taken_and_are_not_shown_as_a_rate() {
        // Queued before the thread starts, so the trainer drains all five in one wake,
        // as it does when a slow link delivers "sssss" in one read.
        let trainer = Trainer()
        for _ in 0..<5 { trainer.send(.step) }
        trainer.start(RunConfig(), paused: true, stepsPerSecond: 10)
        defer { trainer.send(.quit) }
        let stepped = waitForSnapshot(trainer) { $0.step >= 5 }
        usleep(200_000)
        #expect(trainer.take().snapshot?.step == 5)
        #expect(stepped?.lossHistory.map(\.step) == [1, 2, 3, 4, 5])
        #expect(stepped?.stepsPerSecond == 0, "a paused run has no rate, got \(stepped?.stepsPerSecond ?? -1)")
    }

    @Test func the_run_is_the_same_whether_watched_slowly_or_at_full_speed() {
        let config = RunConfig()
        let trainer = Trainer(publishInterval: 0)
        trainer.start(config, paused: false, stepsPerSecond: nil)
        defer { trainer.send(.quit) }
        let watched = waitForSnapshot(trainer) { $0.step >= 30 }
        trainer.send(.pause)
        let snapshot = try? #require(watched)
        let headless = try? config.makeRun()
        var losses: [Float] = []
        for _ in 0..<(snapshot?.step ?? 0) { losses.append(headless?.step().loss ?? .nan) }
        #expect(snapshot?.loss == losses.last)
        #expect(snapshot?.lossHistory.map(\.loss) == Array(losses.prefix(snapshot?.lossHistory.count ?? 0)))
    }

    @Test func a_restart_rebuilds_from_step_zero_with_the_new_configuration() {
        let trainer = Trainer()
        trainer.start(RunConfig(), paused: false, stepsPerSecond: 200)
        defer { trainer.send(.quit) }
        #expect(waitForSnapshot(trainer) { $0.step >= 3 } != nil)
        var config = RunConfig()
        config.activation = .relu
        config.initializer = .heNormal
        trainer.send(.pause)
        trainer.send(.restart(config))
        let restarted = waitForSnapshot(trainer) { $0.config.activation == .relu }
        #expect(restarted?.step == 0)
        #expect(restarted?.lossHistory.isEmpty == true)
    }

    @Test func a_bad_restart_keeps_the_old_run_and_reports_the_problem() {
        let trainer = Trainer()
        trainer.start(RunConfig(), paused: true, stepsPerSecond: nil)
        defer { trainer.send(.quit) }
        _ = waitForSnapshot(trainer) { _ in true }
        var config = RunConfig()
        config.dataFile = "/nonexistent/data.csv"
        trainer.send(.restart(config))
        var failure: InputError?
        let deadline = Date().addingTimeInterval(5)
        while failure == nil && Date() < deadline { failure = trainer.take().failure; usleep(2_000) }
        #expect(failure?.description.contains("no such file") == true)
        #expect(trainer.take().snapshot?.config.dataFile == nil)
    }

    @Test func every_restart_is_answered_by_a_new_run_or_a_refusal() {
        let trainer = Trainer()
        trainer.start(RunConfig(), paused: true, stepsPerSecond: nil)
        defer { trainer.send(.quit) }
        var good = RunConfig()
        good.hidden = [4, 4, 4]
        var bad = RunConfig()
        bad.dataFile = "/nonexistent/data.csv"
        trainer.send(.restart(good))
        trainer.send(.restart(bad))
        var failure: InputError?
        let deadline = Date().addingTimeInterval(10)
        var news = trainer.take()
        while news.restartsAnswered < 2 && Date() < deadline {
            usleep(2_000)
            news = trainer.take()
            failure = failure ?? news.failure
        }
        #expect(news.restartsAnswered == 2)
        #expect(failure != nil)
        #expect(news.snapshot?.config == good, "the refused configuration is not the one training")
    }

    /// ReLU, He weights and a learning rate of a million: SGD diverges to Inf, Adam's bounded
    /// steps explode the loss and stay finite.
    static func hugeStep(_ optimizer: OptimizerConfig.Kind) -> RunConfig {
        var config = RunConfig()
        config.optimizer = optimizer
        config.learningRate = 1e6
        config.activation = .relu
        config.initializer = .heNormal
        return config
    }

    @Test func divergence_stops_training_and_is_in_the_snapshot() {
        let config = TrainerThread.hugeStep(.sgd)
        let trainer = Trainer(publishInterval: 0)
        trainer.start(config, paused: false, stepsPerSecond: nil)
        defer { trainer.send(.quit) }
        let diverged = waitForSnapshot(trainer) { $0.divergedAtStep != nil }
        #expect(diverged != nil)
        let step = trainer.take().snapshot?.step
        usleep(100_000)
        #expect(trainer.take().snapshot?.step == step)
    }

    @Test func a_pause_at_full_speed_shows_the_true_state_and_a_step_adds_exactly_one() {
        // Publishing at most once an hour: every step after the first is one the UI has not seen.
        let trainer = Trainer(publishInterval: 3600)
        trainer.start(RunConfig(), paused: false, stepsPerSecond: nil)
        defer { trainer.send(.quit) }
        #expect(waitForSnapshot(trainer) { _ in true } != nil)
        usleep(200_000)
        let running = trainer.take().version
        trainer.send(.pause)
        let paused = waitForVersion(trainer, after: running)
        #expect(paused != nil, "the pause published nothing: the screen keeps a stale step")
        #expect((paused?.step ?? 0) > 0)
        #expect(paused?.step == paused?.lossHistory.last?.step)
        #expect(paused?.stepsPerSecond == 0)
        let before = trainer.take().version
        trainer.send(.step)
        let stepped = waitForVersion(trainer, after: before)
        #expect(stepped?.step == (paused?.step ?? -1) + 1)
    }

    @Test func a_first_configuration_that_cannot_be_built_is_reported() {
        var config = RunConfig()
        config.dataFile = "/nonexistent/data.csv"
        let trainer = Trainer()
        trainer.start(config, paused: false, stepsPerSecond: nil)
        defer { trainer.send(.quit) }
        var failure: InputError?
        let deadline = Date().addingTimeInterval(5)
        while failure == nil && Date() < deadline { failure = trainer.take().failure; usleep(2_000) }
        #expect(failure?.description.contains("no such file") == true, "the trainer failed without a word")
        trainer.send(.restart(RunConfig()))
        #expect(waitForSnapshot(trainer) { _ in true } != nil, "a good configuration after a bad start still trains")
    }

    @Test func an_exploded_run_says_so_in_its_snapshots_and_keeps_training() {
        let config = TrainerThread.hugeStep(.adam)
        let trainer = Trainer(publishInterval: 0)
        trainer.start(config, paused: false, stepsPerSecond: nil)
        defer { trainer.send(.quit) }
        let flagged = waitForSnapshot(trainer) { $0.health.explodedAtStep != nil }
        #expect(flagged?.alarm?.isEmpty == false)
        #expect(waitForSnapshot(trainer) { $0.step > (flagged?.step ?? 0) + 5 } != nil)
    }

    @Test func wide_layers_are_sampled_for_the_violins() {
        var config = RunConfig()
        config.hidden = [64, 64]
        let trainer = Trainer()
        trainer.start(config, paused: true, stepsPerSecond: nil)
        defer { trainer.send(.quit) }
        let snapshot = waitForSnapshot(trainer) { _ in true }
        let middle = snapshot?.layers[1]
        #expect(middle?.totalCount == 100 * 64 * 64)
        #expect(middle?.values.count == SnapshotBuilder.sampleLimit)
        #expect(middle?.isSampled == true)
    }
}
