import Testing
import GradTensor
@testable import GradNet

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
        var health = RunHealth()
        health.observe(step: 1, loss: 1, anyKernelGradient: true)
        health.observe(step: 2, loss: 1, anyKernelGradient: true)
        #expect(health.deadAtStep == nil)
        health.observe(step: 3, loss: 1, anyKernelGradient: false)
        health.observe(step: 4, loss: 1, anyKernelGradient: true)
        #expect(health.deadAtStep == 3, "the first step with no gradient is where they died")
        #expect(health.alarm == "GRADIENTS DEAD at step 3")
    }

    @Test func the_earlier_trouble_is_the_one_named_and_an_explosion_wins_a_tie() {
        var tie = RunHealth()
        tie.observe(step: 1, loss: 1, anyKernelGradient: true)
        tie.observe(step: 2, loss: 2000, anyKernelGradient: false)
        #expect(tie.firstTrouble == .exploded(atStep: 2))
        var deadFirst = RunHealth()
        deadFirst.observe(step: 1, loss: 1, anyKernelGradient: true)
        deadFirst.observe(step: 2, loss: 1, anyKernelGradient: false)
        deadFirst.observe(step: 3, loss: 1e6, anyKernelGradient: false)
        #expect(deadFirst.firstTrouble == .dead(atStep: 2))
    }

    @Test func the_workspace_sees_when_every_kernel_gradient_is_zero() {
        let model = Sequential.build(hidden: [2, 2], activation: .tanh, initializer: .zeros, seed: 1)
        let data = Dataset.notebook(examples: 8, seed: 1)
        let workspace = Workspace(model: model, batch: 8)
        workspace.computeGradients(model, inputs: data.inputs, targets: data.targets)
        #expect(!workspace.hasNonZeroKernelGradient)
        let live = Sequential.build(hidden: [2, 2], activation: .tanh, initializer: .glorotNormal, seed: 1)
        workspace.computeGradients(live, inputs: data.inputs, targets: data.targets)
        #expect(workspace.hasNonZeroKernelGradient)
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
