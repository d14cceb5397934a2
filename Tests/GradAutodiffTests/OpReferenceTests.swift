import Testing
import GradTensor
import GradAutodiff
import GradTestSupport

/// Replays every case of Tests/Reference/ops.json (TensorFlow 2.21, float32) through the tape.
@Suite struct OpsAgainstTensorFlow {
    @Test func the_reference_file_covers_every_op() {
        let ops = Set(OpCase.all.map(\.op))
        #expect(ops.isSuperset(of: ["add", "sub", "mul", "div", "matmul", "transpose", "sum", "mean",
                                    "exp", "log", "tanh", "sigmoid", "maximum", "neg", "activation"]))
        #expect(Set(OpCase.all.compactMap(\.activation)) == Set(Activation.allCases.map(\.name)))
    }

    @Test(arguments: OpCase.all)
    func forward_and_gradient_match_tensorflow(_ testCase: OpCase) throws {
        let tape = GradientTape()
        let traced = testCase.inputs.map(tape.watch)
        let output = try OpsAgainstTensorFlow.apply(testCase, traced)
        let forward = closeness(output.value, testCase.output, rtol: 2e-6, atol: 1e-6)
        #expect(forward.matches, "forward: \(forward)")
        let grads = tape.gradient(of: (output * testCase.cotangent).sum(), wrt: traced)
        for (k, expected) in testCase.grads.enumerated() {
            let check = closeness(grads[k], expected, rtol: 1e-5, atol: 1e-6)
            #expect(check.matches, "gradient of input \(k): \(check)")
        }
    }

    static func apply(_ c: OpCase, _ x: [Traced]) throws -> Traced {
        switch c.op {
        case "add": return x[0] + x[1]
        case "sub": return x[0] - x[1]
        case "mul": return x[0] * x[1]
        case "div": return x[0] / x[1]
        case "neg": return -x[0]
        case "matmul": return x[0].matmul(x[1])
        case "transpose": return x[0].transposed
        case "sum": return x[0].sum(alongAxes: c.axes, keepingDims: c.keepDims)
        case "mean": return x[0].mean(alongAxes: c.axes, keepingDims: c.keepDims)
        case "exp": return x[0].exp
        case "log": return x[0].log
        case "tanh": return x[0].tanh
        case "sigmoid": return x[0].sigmoid
        case "maximum": return Traced.maximum(x[0], x[1])
        case "activation":
            let activation = try #require(Activation(rawValue: c.activation ?? ""))
            return x[0].applying(activation)
        default:
            Issue.record("unknown op \(c.op) in ops.json")
            return x[0]
        }
    }
}
