import Testing
import GradTensor
import GradNet
import GradTestSupport
import GradAutodiff

/// Networks, batches and per-example gradients computed by TensorFlow/Keras
/// (one GradientTape per example, as the course's plot_grad does).
@Suite struct NetworksAgainstKeras {
    static func model(_ c: NetworkCase) throws -> Sequential {
        let layers = try c.layers.enumerated().map { l, layer in
            Dense(name: Sequential.layerName(l), kernel: layer.kernel, bias: layer.bias,
                  activation: try #require(Activation(rawValue: layer.activation)))
        }
        return Sequential(inputs: c.inputs, layers: layers)
    }

    @Test func the_reference_covers_every_activation() {
        let used = Set(NetworkCase.all.flatMap { $0.layers.map(\.activation) })
        #expect(used.isSuperset(of: Activation.allCases.map(\.name)))
    }

    @Test(arguments: NetworkCase.all)
    func predictions_losses_and_per_example_gradients_match_keras(_ c: NetworkCase) throws {
        try NetworksAgainstKeras.check(c, loss: .meanSquaredError)
    }

    @Test(arguments: NetworkCase.classification)
    func categorical_crossentropy_on_logits_matches_keras_up_to_logits_of_50(_ c: NetworkCase) throws {
        try NetworksAgainstKeras.check(c, loss: .categoricalCrossentropy)
    }

    @Test func the_classification_reference_reaches_logits_of_50() {
        let peaks = NetworkCase.classification.map { $0.predictions.scalars.map(abs).max() ?? 0 }
        #expect(peaks.filter { $0 >= 49.99 }.count >= 2, "\(peaks)")
    }

    static func check(_ c: NetworkCase, loss: Loss) throws {
        let model = try NetworksAgainstKeras.model(c)
        let workspace = Workspace(model: model, batch: c.x.shape[0])
        workspace.computeGradients(model, inputs: c.x, targets: c.y, loss: loss)
        let prediction = closeness(workspace.outputTensor, c.predictions, rtol: 1e-5, atol: 1e-6)
        #expect(prediction.matches, "predictions: \(prediction)")
        let losses = closeness(Tensor(workspace.perExampleLoss), c.perExampleLoss, rtol: 1e-5, atol: 1e-6)
        #expect(losses.matches, "per-example loss: \(losses)")
        #expect(abs(workspace.loss - c.loss.scalar) <= 1e-5 * abs(c.loss.scalar) + 1e-7)
        for (l, expected) in c.perExampleGrads.enumerated() {
            let kernel = Tensor(shape: expected.kernel.shape, scalars: workspace.kernelGradients[l])
            let k = closeness(kernel, expected.kernel, rtol: 1e-4, atol: 1e-6)
            #expect(k.matches, "layer \(l) per-example kernel: \(k)")
            let bias = Tensor(shape: expected.bias.shape, scalars: workspace.biasGradients[l])
            let b = closeness(bias, expected.bias, rtol: 1e-4, atol: 1e-6)
            #expect(b.matches, "layer \(l) per-example bias: \(b)")
        }
        for (l, expected) in c.batchGrads.enumerated() {
            let k = closeness(Tensor(shape: expected.kernel.shape, scalars: workspace.batchKernelGradients[l]),
                              expected.kernel, rtol: 1e-4, atol: 1e-6)
            #expect(k.matches, "layer \(l) batch kernel: \(k)")
            let b = closeness(Tensor(shape: expected.bias.shape, scalars: workspace.batchBiasGradients[l]),
                              expected.bias, rtol: 1e-4, atol: 1e-6)
            #expect(b.matches, "layer \(l) batch bias: \(b)")
        }
    }

    @Test func summary_matches_keras_model_summary() {
        let model = Sequential.build(activation: .sigmoid, initializer: .randomUniform, seed: 100)
        let keras = Reference.text("summary.txt").split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.replacing(/\s+$/, with: "") }.filter { !$0.isEmpty }
        let ours = model.summary().split(separator: "\n").map { $0.replacing(/\s+$/, with: "") }
        #expect(ours == keras)
        let ascii = model.summary(ascii: true)
        #expect(ascii.allSatisfy { $0.isASCII })
    }
}

@Suite struct OptimizersAgainstKeras {
    @Test(arguments: OptimizerCase.all)
    func four_steps_match_keras(_ c: OptimizerCase) {
        let lr = Float(c.config["learning_rate"] ?? 0.01)
        let config: OptimizerConfig = c.optimizer == "adam"
            ? .adam(learningRate: lr, beta1: c.config["beta_1"] ?? 0.9, beta2: c.config["beta_2"] ?? 0.999,
                    epsilon: Float(c.config["epsilon"] ?? 1e-7))
            : .sgd(learningRate: lr, momentum: Float(c.config["momentum"] ?? 0), nesterov: c.nesterov)
        let optimizer = Optimizer(config)
        let variable = Variable(c.initial)
        for (step, g) in c.grads.enumerated() {
            optimizer.apply([g], to: [variable])
            let check = closeness(variable.value, c.after[step], rtol: 1e-6, atol: 1e-7)
            #expect(check.matches, "step \(step + 1): \(check)")
        }
    }

    @Test func sgd_without_momentum_is_w_minus_lr_g() {
        let optimizer = Optimizer(.sgd(learningRate: 0.5))
        var w: [Float] = [1, 2]
        optimizer.beginStep()
        optimizer.update(&w, gradient: [0.5, -1], slot: 0)
        #expect(w == [0.75, 2.5])
    }

    @Test func adam_first_step_moves_each_weight_by_about_lr() {
        // With m and v from one gradient, alpha*m/sqrt(v) = lr * sign(g) (up to epsilon).
        let optimizer = Optimizer(.adam(learningRate: 0.1))
        var w: [Float] = [0, 0]
        optimizer.beginStep()
        optimizer.update(&w, gradient: [3, -0.002], slot: 0)
        #expect(abs(w[0] + 0.1) < 1e-5 && abs(w[1] - 0.1) < 1e-3)
    }
}
