import GradTensor

/// How a layer's kernel is filled before training, with Keras' names.
///
/// The variance-scaling families follow Keras 3's `VarianceScaling`: with
/// n = fan_in, fan_out or their average, the `*_normal` cases draw a normal
/// truncated at two standard deviations whose standard deviation before
/// truncation is `sqrt(scale / n) / 0.87962566103423978`, so that after
/// truncation it is `sqrt(scale / n)`; the `*_uniform` cases draw from
/// `[-limit, limit]` with `limit = sqrt(3 * scale / n)`, which has the same variance.
///
/// | name | scale | n |
/// |---|---|---|
/// | glorot_* | 1 | (fan_in + fan_out) / 2 |
/// | he_* | 2 | fan_in |
/// | lecun_* | 1 | fan_in |
///
/// Draws are in Double from `SeededGenerator` and rounded once to Float, so
/// a seed gives the same kernel bit for bit everywhere.
public enum Initializer: String, CaseIterable, Sendable {
    /// Uniform on [-1, 1], the notebook's `tf.random_uniform_initializer(minval=-1, maxval=1)`.
    case randomUniform = "random_uniform"
    case glorotNormal = "glorot_normal"
    case glorotUniform = "glorot_uniform"
    case heNormal = "he_normal"
    case heUniform = "he_uniform"
    case lecunNormal = "lecun_normal"
    case lecunUniform = "lecun_uniform"
    case zeros

    /// Keras' name, as in `keras.initializers.get(name)`.
    public var name: String { rawValue }

    /// The accepted names, for error messages: "random_uniform, glorot_normal, ...".
    public static var validNames: String { allCases.map(\.name).joined(separator: ", ") }

    /// Standard deviation of `TruncatedNormal(0, 1)` cut at ±2, by which Keras
    /// divides so the truncated draw has the intended variance.
    public static let truncationCorrection = 0.87962566103423978

    /// The spread the initializer aims for: the standard deviation of the values
    /// it draws (0 for `zeros`, 1/sqrt(3) for `random_uniform`).
    public func targetStandardDeviation(fanIn: Int, fanOut: Int) -> Double {
        switch self {
        case .zeros: return 0
        case .randomUniform: return (1.0 / 3).squareRoot()
        default:
            let (scale, n) = varianceScaling(fanIn: fanIn, fanOut: fanOut)
            return (scale / n).squareRoot()
        }
    }

    /// A `fanIn x fanOut` kernel (row i holds the weights from input i, as in
    /// Keras' `get_weights()`), drawn row-major from `generator`.
    /// Cost: one or two generator draws per element (truncation redraws about 5%).
    public func kernel(fanIn: Int, fanOut: Int, using generator: inout SeededGenerator) -> Tensor {
        precondition(fanIn > 0 && fanOut > 0, "kernel needs positive fans, got \(fanIn) x \(fanOut)")
        let count = fanIn * fanOut
        var values = [Float](repeating: 0, count: count)
        switch self {
        case .zeros:
            break
        case .randomUniform:
            for i in 0..<count { values[i] = generator.uniformFloat(in: -1...1) }
        case .glorotNormal, .heNormal, .lecunNormal:
            let (scale, n) = varianceScaling(fanIn: fanIn, fanOut: fanOut)
            let stddev = (scale / n).squareRoot() / Initializer.truncationCorrection
            for i in 0..<count { values[i] = Float(generator.truncatedNormal(mean: 0, stddev: stddev)) }
        case .glorotUniform, .heUniform, .lecunUniform:
            let (scale, n) = varianceScaling(fanIn: fanIn, fanOut: fanOut)
            let limit = (3 * scale / n).squareRoot()
            for i in 0..<count { values[i] = Float(generator.uniform(-limit, limit)) }
        }
        return Tensor(shape: [fanIn, fanOut], scalars: values)
    }

    /// Keras' `scale` and the fan it divides by.
    private func varianceScaling(fanIn: Int, fanOut: Int) -> (scale: Double, n: Double) {
        switch self {
        case .glorotNormal, .glorotUniform: return (1, Double(fanIn + fanOut) / 2)
        case .heNormal, .heUniform: return (2, Double(fanIn))
        case .lecunNormal, .lecunUniform: return (1, Double(fanIn))
        case .randomUniform, .zeros: return (1, 1)
        }
    }
}
