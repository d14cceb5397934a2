import Testing
import GradTensor
import GradAutodiff
import GradTestSupport

/// Every op's tape gradient against central finite differences.
@Suite struct FiniteDifferenceChecks {
    static let a = Tensor(shape: [2, 3], scalars: [0.5, -1.2, 0.9, 1.7, -0.3, 0.8])
    static let b = Tensor(shape: [2, 3], scalars: [1.1, 0.7, -0.6, 0.9, 1.3, -1.4])
    static let column = Tensor(shape: [2, 1], scalars: [0.8, -1.3])
    static let row = Tensor(shape: [3], scalars: [1.2, 0.6, -0.9])

    static let ops: [(String, [Tensor], @Sendable ([Traced]) -> Traced)] = [
        ("add", [a, b], { $0[0] + $0[1] }),
        ("add broadcast column", [a, column], { $0[0] + $0[1] }),
        ("sub broadcast row", [a, row], { $0[0] - $0[1] }),
        ("mul broadcast", [a, column], { $0[0] * $0[1] }),
        ("div", [a, b], { $0[0] / $0[1] }),
        ("neg", [a], { -$0[0] }),
        ("matmul", [a, b.transposed], { $0[0].matmul($0[1]) }),
        ("transpose", [a], { $0[0].transposed }),
        ("sum axis 0", [a], { $0[0].sum(alongAxes: [0]) }),
        ("mean keepdims", [a], { $0[0].mean(alongAxes: [1], keepingDims: true) }),
        ("exp", [a], { $0[0].exp }),
        ("log", [b.map(abs)], { $0[0].log }),
        ("sqrt", [b.map(abs)], { $0[0].squareRoot }),
        ("tanh", [a], { $0[0].tanh }),
        ("sigmoid", [a], { $0[0].sigmoid }),
        ("maximum", [a, b], { Traced.maximum($0[0], $0[1]) }),
        ("reshape", [a], { $0[0].reshaped([3, 2]) }),
    ]

    @Test(arguments: ops.indices)
    func tape_gradient_matches_finite_differences(_ index: Int) {
        let (name, inputs, op) = FiniteDifferenceChecks.ops[index]
        let (tape, numeric) = gradientCheck(inputs, step: 1e-2, op)
        for k in inputs.indices {
            let check = closeness(tape[k], numeric[k], rtol: 2e-2, atol: 2e-3)
            #expect(check.matches, "\(name), input \(k): \(check)")
        }
    }

    /// Ordinary inputs away from kinks, and saturating ones where only the finite
    /// gradient (not its digits) can be compared.
    @Test(arguments: Activation.allCases)
    func activation_gradient_matches_finite_differences(_ activation: Activation) {
        let x = Tensor(shape: [8], scalars: [-3.1, -1.7, -0.6, -0.15, 0.2, 0.7, 1.9, 2.8])
        let (tape, numeric) = gradientCheck([x], step: 1e-2) { $0[0].applying(activation) }
        let check = closeness(tape[0], numeric[0], rtol: 2e-2, atol: 2e-3)
        #expect(check.matches, "\(activation.name): \(check)")

        let saturating = Tensor([-1000, -100, -50, -20, 20, 50, 100, 1000])
        let (tapeFar, numericFar) = gradientCheck([saturating], step: 1e-1) { $0[0].applying(activation) }
        let allFinite = tapeFar[0].scalars.allSatisfy { $0.isFinite }
        #expect(allFinite, "\(activation.name) at saturation")
        let far = closeness(tapeFar[0], numericFar[0], rtol: 2e-2, atol: 1e-3)
        #expect(far.matches, "\(activation.name) at saturation: \(far)")
    }
}
