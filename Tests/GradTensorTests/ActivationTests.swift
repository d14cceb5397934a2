import Testing
import GradTensor
import GradTestSupport

@Suite struct Activations {
    static let extremes: [Float] = [-1e30, -1000, -100, -88, -50, -20, 0, 20, 50, 88, 100, 1000, 1e30]

    @Test(arguments: Activation.allCases)
    func stays_finite_at_any_input(_ activation: Activation) {
        for x in Activations.extremes where activation != .linear {
            #expect(activation.value(x).isFinite || abs(x) > 1e29, "f(\(x))")
            #expect(activation.derivative(x).isFinite, "f'(\(x))")
        }
    }

    @Test(arguments: Activation.allCases)
    func derivative_matches_finite_differences(_ activation: Activation) {
        for x in stride(from: -6.0, through: 6.0, by: 0.37) {
            let h = 1e-3
            let numeric = (Double(activation.value(Float(x + h))) - Double(activation.value(Float(x - h)))) / (2 * h)
            #expect(abs(numeric - Double(activation.derivative(Float(x)))) < 5e-3, "\(activation.name) at \(x)")
        }
    }

    @Test func kinks_follow_tensorflow() {
        #expect(Activation.relu.derivative(0) == 0)
        #expect(Activation.leakyRelu.derivative(0) == 0.2)
        #expect(Activation.elu.derivative(0) == 1)
    }

    @Test func names_are_keras_names() {
        #expect(Activation(rawValue: "leaky_relu") == .leakyRelu)
        #expect(Activation.validNames == "linear, sigmoid, tanh, relu, leaky_relu, elu, selu, softplus, gelu, silu")
    }
}
