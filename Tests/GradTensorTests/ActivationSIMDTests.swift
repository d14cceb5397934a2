import Testing
import GradTensor

/// The float32 SIMD activations against the Double reference (`value` / `derivative`).
@Suite struct ActivationSIMD {
    /// Inputs every 1/1024 over [-20, 20], plus points near 0 and near the tanh/expm1 switch points.
    static let grid: [Float] = (-20_480...20_480).map { Float($0) / 1024 }
        + [1e-30, -1e-30, 1e-7, -1e-7, 1e-4, -1e-4, 0.349_99, 0.350_01, -0.349_99, -0.350_01, 0.624_99, 0.625_01, -0.625]
    static let extremes: [Float] = [-.greatestFiniteMagnitude, -1e30, -1000, -104, -100, -88, -87, -50, 50, 87, 88, 88.8,
                                    100, 1000, 1e30, .greatestFiniteMagnitude]

    /// Runs `f` over `inputs` eight at a time.
    static func lanes(_ inputs: [Float], _ f: (SIMD8<Float>) -> SIMD8<Float>) -> [Float] {
        var out: [Float] = []
        for start in stride(from: 0, to: inputs.count, by: 8) {
            var x = SIMD8<Float>()
            for i in 0..<min(8, inputs.count - start) { x[i] = inputs[start + i] }
            let y = f(x)
            for i in 0..<min(8, inputs.count - start) { out.append(y[i]) }
        }
        return out
    }

    /// Error in units of the reference's last place, plus an absolute floor of 1e-7 of the
    /// function's scale where it crosses zero (silu', gelu near roots).
    static func worstError(_ observed: [Float], _ expected: [Float], _ inputs: [Float]) -> (ulps: Float, at: Float) {
        var worst: (ulps: Float, at: Float) = (0, .nan)
        for (i, (o, e)) in zip(observed, expected).enumerated() {
            let excess = max(0, abs(o - e) - 1e-7)
            let ulps = excess / max(e.magnitude.ulp, Float.leastNormalMagnitude.ulp)
            if ulps > worst.ulps { worst = (ulps, inputs[i]) }
        }
        return worst
    }

    @Test(arguments: Activation.allCases)
    func fast_values_are_within_four_ulp_of_the_reference(_ activation: Activation) {
        let x = Self.grid
        let error = Self.worstError(Self.lanes(x, activation.fastValue), x.map(activation.value), x)
        #expect(error.ulps <= 4, "\(activation.name): \(error.ulps) ulp at x = \(error.at)")
    }

    @Test(arguments: Activation.allCases)
    func fast_derivatives_are_within_four_ulp_of_the_reference(_ activation: Activation) {
        let x = Self.grid
        let error = Self.worstError(Self.lanes(x, activation.fastDerivative), x.map(activation.derivative), x)
        #expect(error.ulps <= 4, "\(activation.name)': \(error.ulps) ulp at x = \(error.at)")
    }

    /// leaky_relu multiplies by the float32 slope, as TensorFlow does, so it is within one
    /// rounding of the reference's Double product rather than equal to it.
    @Test(arguments: [Activation.linear, .relu])
    func piecewise_linear_activations_are_exact(_ activation: Activation) {
        let x = Self.grid + Self.extremes + [0, -0.0]
        let valuesEqual = Self.lanes(x, activation.fastValue) == x.map(activation.value)
        let derivativesEqual = Self.lanes(x, activation.fastDerivative) == x.map(activation.derivative)
        #expect(valuesEqual && derivativesEqual, "\(activation.name)")
    }

    @Test(arguments: Activation.allCases)
    func saturates_without_nan_or_inf(_ activation: Activation) {
        let x = Self.extremes
        let values = Self.lanes(x, activation.fastValue)
        let derivatives = Self.lanes(x, activation.fastDerivative)
        for (i, input) in x.enumerated() {
            let growsWithX = [.linear, .relu, .leakyRelu, .elu, .selu, .softplus, .gelu, .silu].contains(activation)
            #expect(values[i].isFinite || (growsWithX && abs(input) > 1e30), "\(activation.name)(\(input)) = \(values[i])")
            #expect(derivatives[i].isFinite, "\(activation.name)'(\(input)) = \(derivatives[i])")
        }
        let limit = Self.lanes(x, activation.fastValue)
        switch activation {
        case .tanh: #expect(limit.first == -1 && limit.last == 1)
        case .sigmoid: #expect(limit.first == 0 && limit.last == 1)
        default: break
        }
    }

    @Test func sigmoid_underflows_to_zero_as_tensorflow_does() {
        let y = Self.lanes([-88, -104, -1e30], Activation.sigmoid.fastValue)
        #expect(y[0] >= 0 && y[0] < 1e-38)
        #expect(y[1] == 0 && y[2] == 0)
    }

    @Test func nan_stays_nan() {
        for activation in [Activation.tanh, .sigmoid, .elu, .silu] {
            #expect(Self.lanes([.nan], activation.fastValue)[0].isNaN, "\(activation.name)")
        }
    }

    @Test(arguments: Activation.allCases)
    func buffer_sweeps_give_the_same_bits_however_the_rows_are_split(_ activation: Activation) {
        let (rows, units) = (7, 13)
        let bias = (0..<units).map { Float($0) * 0.25 - 1.5 }
        let z0 = (0..<(rows * units)).map { Float($0 % 17) * 0.7 - 5 + bias[$0 % units] }
        func run(_ splits: [Range<Int>]) -> (a: [Float], delta: [Float]) {
            var (a, delta) = ([Float](repeating: 0, count: z0.count), z0.map { $0 * 0.1 + 0.3 })
            z0.withUnsafeBufferPointer { zp in
                a.withUnsafeMutableBufferPointer { ap in
                    delta.withUnsafeMutableBufferPointer { dp in
                        for range in splits {
                            let elements = (range.lowerBound * units)..<(range.upperBound * units)
                            activation.apply(preActivation: zp.baseAddress!, output: ap.baseAddress!, range: elements)
                            activation.multiplyDerivative(dp.baseAddress!, preActivation: zp.baseAddress!,
                                                          output: ap.baseAddress!, range: elements)
                        }
                    }
                }
            }
            return (a, delta)
        }
        let whole = run([0..<rows]), split = run([0..<3, 3..<4, 4..<7])
        #expect(whole.a == split.a && whole.delta == split.delta)
        let expected = z0.map { activation.value($0) }
        let error = Self.worstError(whole.a, expected, z0)
        #expect(error.ulps <= 4, "\(activation.name): \(error.ulps) ulp")
    }
}
