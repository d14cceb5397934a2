import Testing
import GradTensor
import GradNet

@Suite struct RunHealthChecks {
    static func run(_ activation: Activation, _ initializer: Initializer, _ optimizer: OptimizerConfig) -> TrainingRun {
        TrainingRun(model: Sequential.build(activation: activation, initializer: initializer, seed: 100),
                    data: .notebook(examples: 100, seed: 100), optimizer: optimizer)
    }

    @Test func a_loss_that_leaps_by_orders_of_magnitude_is_an_explosion_though_finite() {
        let run = RunHealthChecks.run(.relu, .heNormal, .adam(learningRate: 1e6))
        var first: Float = .nan, worst: Float = 0
        for step in 1...20 {
            let loss = run.step().loss
            if step == 1 { first = loss }
            worst = max(worst, loss)
        }
        #expect(run.divergedAtStep == nil)
        #expect(worst >= first * RunHealth.explosionFactor, "first loss \(first), worst \(worst): the case no longer explodes")
        #expect(run.health.explodedAtStep != nil)
        #expect(run.health.alarm != nil)
    }

    @Test func kernel_gradients_that_all_go_to_zero_after_being_non_zero_are_dead() {
        let run = RunHealthChecks.run(.relu, .heNormal, .adam(learningRate: 1e6))
        var reports: [StepReport] = []
        for _ in 1...20 { reports.append(run.step()) }
        let dead = try? #require(run.health.deadAtStep)
        let before = reports[0..<((dead ?? 1) - 1)], after = reports[((dead ?? 1) - 1)...]
        #expect(before.allSatisfy { $0.kernelStats.contains { $0.meanAbs > 0 } })
        #expect(after.first?.kernelStats.allSatisfy { $0.meanAbs == 0 } == true)
    }

    @Test func a_run_that_learns_raises_no_alarm() {
        let run = RunHealthChecks.run(.tanh, .glorotNormal, .adam(learningRate: 0.01))
        for _ in 0..<200 { run.step() }
        #expect(run.health.explodedAtStep == nil && run.health.deadAtStep == nil)
        #expect(run.health.alarm == nil)
    }

    @Test func zero_weights_that_never_had_a_gradient_are_not_called_dead() {
        // Zero weights and tanh: every activation is 0, so every kernel gradient is zero from the first step on.
        let run = RunHealthChecks.run(.tanh, .zeros, .sgd(learningRate: 0))
        for _ in 0..<5 { run.step() }
        #expect(run.health.deadAtStep == nil)
    }
}
