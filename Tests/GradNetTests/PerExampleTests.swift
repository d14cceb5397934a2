import Testing
import GradTensor
import GradAutodiff
import GradNet
import GradTestSupport

@Suite struct PerExampleGradients {
    static let data = Dataset.notebook(examples: 16, seed: 7)

    static func model(_ activation: Activation) -> Sequential {
        Sequential.build(hidden: [3, 4, 2], activation: activation, initializer: .glorotNormal, seed: 3)
    }

    @Test(arguments: [Activation.sigmoid, .tanh, .relu, .gelu])
    func one_batched_pass_equals_one_pass_per_example(_ activation: Activation) {
        let model = PerExampleGradients.model(activation)
        let data = PerExampleGradients.data
        let batched = Workspace(model: model, batch: data.count)
        batched.computeGradients(model, inputs: data.inputs, targets: data.targets)
        let single = Workspace(model: model, batch: 1)
        for n in 0..<data.count {
            let example = data.examples(at: [n])
            single.computeGradients(model, inputs: example.inputs, targets: example.targets)
            #expect(single.perExampleLoss[0] == batched.perExampleLoss[n])
            for l in model.layers.indices {
                let size = model.layers[l].kernel.count
                let row = Array(batched.kernelGradients[l][(n * size)..<((n + 1) * size)])
                #expect(row == single.kernelGradients[l], "example \(n), layer \(l)")
            }
        }
    }

    @Test func the_mean_of_per_example_gradients_is_the_batch_gradient() {
        let model = PerExampleGradients.model(.tanh)
        let data = PerExampleGradients.data
        let workspace = Workspace(model: model, batch: data.count)
        workspace.computeGradients(model, inputs: data.inputs, targets: data.targets)
        for l in model.layers.indices {
            let shape = [data.count] + model.layers[l].kernel.shape
            let mean = Tensor(shape: shape, scalars: workspace.kernelGradients[l]).mean(alongAxes: [0])
            let batch = Tensor(shape: model.layers[l].kernel.shape, scalars: workspace.batchKernelGradients[l])
            let check = closeness(mean, batch, rtol: 1e-5, atol: 1e-7)
            #expect(check.matches, "layer \(l): \(check)")
        }
    }

    /// The layer's fused backward against the general tape on the same expression.
    @Test(arguments: Activation.allCases)
    func the_dense_backward_agrees_with_the_tape(_ activation: Activation) {
        let model = PerExampleGradients.model(activation)
        let data = PerExampleGradients.data
        let workspace = Workspace(model: model, batch: data.count)
        workspace.computeGradients(model, inputs: data.inputs, targets: data.targets)

        let tape = GradientTape()
        let kernels = model.layers.map { tape.watch($0.kernel) }
        let biases = model.layers.map { tape.watch($0.bias) }
        var a = tape.watch(data.inputs)
        for (l, layer) in model.layers.enumerated() {
            a = (a.matmul(kernels[l]) + biases[l]).applying(layer.activation)
        }
        let error = a - data.targets
        let loss = (error * error).mean()
        #expect(abs(loss.value.scalar - workspace.loss) <= 1e-6 * abs(workspace.loss))
        let grads = tape.gradient(of: loss, wrt: kernels + biases)
        for l in model.layers.indices {
            let k = closeness(Tensor(shape: model.layers[l].kernel.shape, scalars: workspace.batchKernelGradients[l]),
                              grads[l], rtol: 1e-4, atol: 1e-7)
            #expect(k.matches, "kernel \(l): \(k)")
            let b = closeness(Tensor(workspace.batchBiasGradients[l]), grads[model.layers.count + l], rtol: 1e-4, atol: 1e-7)
            #expect(b.matches, "bias \(l): \(b)")
        }
    }

    @Test func one_thread_and_two_give_the_same_bits_on_a_wide_network() {
        let model = Sequential.build(hidden: [256, 256, 256], activation: .tanh, initializer: .glorotUniform, seed: 1)
        let data = Dataset.notebook(examples: 128, seed: 2)
        for path in KernelPath.available {
            let results = [1, 2].map { threads in
                KernelPath.with(path) {
                    Parallel.withThreadCount(threads) {
                        let workspace = Workspace(model: model, batch: data.count)
                        workspace.computeGradients(model, inputs: data.inputs, targets: data.targets)
                        return workspace.kernelGradients + workspace.batchKernelGradients
                    }
                }
            }
            #expect(results[0] == results[1], "\(path) kernels")
        }
    }

    /// The notebook's network runs on the narrow kernels (C on the AVX2 and AVX-512 paths: no fused
    /// multiply-adds) and tanh/sigmoid sweeps that copy the portable arithmetic, so 50 steps of
    /// training give the same bits on every path: gradients, losses and weights.
    @Test(arguments: [Activation.sigmoid, .tanh, .relu])
    func the_notebooks_network_trains_to_the_same_bits_on_every_kernel_path(_ activation: Activation) {
        let results = KernelPath.available.map { path in
            KernelPath.with(path) {
                let run = TrainingRun(model: Sequential.build(hidden: [2, 2, 2], activation: activation, initializer: .randomUniform, seed: 100),
                                      data: .notebook(examples: 100, seed: 100), optimizer: .sgd())
                var trace: [[Float]] = []
                for _ in 0..<50 {
                    let workspace = run.advance()
                    trace.append([workspace.loss] + workspace.kernelGradients.joined() + workspace.batchKernelGradients.joined()
                                 + workspace.batchBiasGradients.joined() + workspace.biasGradients.joined())
                }
                return (trace, run.model)
            }
        }
        for (path, result) in zip(KernelPath.available, results).dropFirst() {
            #expect(result.0 == results[0].0 && result.1 == results[0].1, "\(activation.name) on \(path)")
        }
    }
}

@Suite struct Training {
    static func run(seed: UInt64 = 100, optimizer: OptimizerConfig = .adam(learningRate: 0.01), batch: Int? = nil) -> TrainingRun {
        TrainingRun(model: Sequential.build(activation: .tanh, initializer: .glorotNormal, seed: seed),
                    data: .notebook(examples: 100, seed: seed), optimizer: optimizer, batchSize: batch, shuffleSeed: seed)
    }

    @Test func the_same_setup_gives_the_same_bits() {
        let (a, b) = (Training.run(batch: 32), Training.run(batch: 32))
        for _ in 0..<20 {
            let (ra, rb) = (a.step(), b.step())
            #expect(ra.loss == rb.loss && ra.kernelStats == rb.kernelStats)
        }
        #expect(a.model == b.model)
    }

    @Test func loss_falls_over_two_hundred_steps() {
        let run = Training.run()
        let first = run.step().loss
        var last = first
        for _ in 0..<199 { last = run.step().loss }
        #expect(last < 0.5 * first, "loss went from \(first) to \(last)")
    }

    @Test func a_huge_learning_rate_is_reported_as_divergence() {
        let run = Training.run(optimizer: .sgd(learningRate: 1e6))
        var report = run.step()
        for _ in 0..<50 where !report.diverged { report = run.step() }
        #expect(report.diverged)
        #expect(run.divergedAtStep != nil)
    }

    @Test func steps_after_divergence_neither_compute_nor_count() {
        let run = Training.run(optimizer: .sgd(learningRate: 1e6))
        for _ in 0..<50 where run.divergedAtStep == nil { run.advance() }
        let diverged = try? #require(run.divergedAtStep)
        let model = run.model
        for _ in 0..<3 { run.advance() }
        #expect(run.stepsTaken == diverged)
        #expect(run.model == model)
    }

    @Test func the_first_minibatch_epoch_is_shuffled_like_every_other() {
        let seed: UInt64 = 100
        let run = Training.run(seed: seed, batch: 10)
        run.advance()
        var shuffler = SeededGenerator(seed: seed)
        let expected = Training.run(seed: seed).data.examples(at: Array(run.data.shuffledOrder(using: &shuffler).prefix(10)))
        let inOrder = run.data.batch(0..<10)
        let fresh = Training.run(seed: seed).model
        func losses(_ batch: Dataset) -> [Float] {
            let workspace = Workspace(model: fresh, batch: batch.count)
            workspace.computeGradients(fresh, inputs: batch.inputs, targets: batch.targets)
            return workspace.perExampleLoss
        }
        #expect(run.lastWorkspace?.perExampleLoss == losses(expected))
        #expect(run.lastWorkspace?.perExampleLoss != losses(inOrder), "the first epoch took the examples in file order")
    }

    @Test func a_workspace_refuses_a_model_of_other_widths() async {
        await #expect(processExitsWith: .failure) {
            let data = Dataset.notebook(examples: 4, seed: 1)
            let workspace = Workspace(model: Sequential.build(hidden: [2, 2], activation: .tanh, initializer: .glorotNormal, seed: 1), batch: 4)
            let wider = Sequential.build(hidden: [64, 64], activation: .tanh, initializer: .glorotNormal, seed: 1)
            workspace.computeGradients(wider, inputs: data.inputs, targets: data.targets)
        }
    }

    @Test func sigmoid_with_uniform_weights_shows_the_vanishing_gradient() {
        let model = Sequential.build(activation: .sigmoid, initializer: .randomUniform, seed: 100)
        let data = Dataset.notebook(examples: 100, seed: 100)
        let workspace = Workspace(model: model, batch: 100)
        workspace.computeGradients(model, inputs: data.inputs, targets: data.targets)
        let meanAbs = workspace.kernelGradients.map { GradientStats($0).meanAbs }
        #expect(meanAbs[0] < meanAbs[3] / 5, "mean |g| per layer: \(meanAbs)")
    }
}
