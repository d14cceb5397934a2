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
/// Seeded draws are TensorFlow's: one seed gives one kernel per shape, the
/// kernel TensorFlow 2.21 / Keras 3 draws for that seed on CPU (see `kernel`),
/// so a network built with one initializer and one seed has the same kernel
/// in every layer of the same shape, as the notebook's `build_model` does.
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

    /// The seeds `--seed` takes: TensorFlow's non-negative int32 seeds.
    public static let seedRange: ClosedRange<UInt64> = 0...UInt64(Int32.max)

    /// A `fanIn x fanOut` kernel (row i holds the weights from input i, as in
    /// Keras' `get_weights()`), TensorFlow's draw for `seed`, filled row-major:
    ///
    /// - `random_uniform`: the notebook's `tf.random_uniform_initializer(-1, 1, seed)`,
    ///   `stateless_uniform` with seed pair [seed, 0], u * 2 + (-1) in Float.
    /// - the Keras 3 classes with `seed=S`: Keras turns S into the pair
    ///   [S mod 2147483646, 0] (so 2147483646 draws as 0 and 2147483647 as 1),
    ///   then `*_normal` is `stateless_truncated_normal` times the Float of
    ///   `sqrt(scale / n) / 0.87962566103423978`, and `*_uniform` is
    ///   `stateless_uniform` on [-limit, limit] with `limit = sqrt(3 * scale / n)`
    ///   (Double, as Python computes them), u * (2 limit) + (-limit) in Float.
    ///
    /// The draw depends on the seed and the number of weights only (and the
    /// fans through the scale), so every call with the same arguments returns
    /// the same kernel. Cost: one Philox block per 4 weights (uniform); half a
    /// block and about half a logarithm and sine-cosine pair per weight (truncated normal).
    public func kernel(fanIn: Int, fanOut: Int, seed: UInt64) -> Tensor {
        precondition(fanIn > 0 && fanOut > 0, "kernel needs positive fans, got \(fanIn) x \(fanOut)")
        precondition(Initializer.seedRange.contains(seed), "seed \(seed) is outside \(Initializer.seedRange)")
        let count = fanIn * fanOut
        let values: [Float]
        switch self {
        case .zeros:
            values = [Float](repeating: 0, count: count)
        case .randomUniform:
            values = Initializer.scaledUniform(count: count, limit: 1, seed: Int64(seed))
        case .glorotNormal, .heNormal, .lecunNormal:
            let stddev = Float(varianceScale(fanIn: fanIn, fanOut: fanOut).squareRoot() / Initializer.truncationCorrection)
            let generator = Philox(seedPair: Initializer.kerasSeed(seed), 0)
            // + 0: TensorFlow adds the mean (0), which turns a -0 into +0.
            values = StatelessRandom.truncatedNormal(count: count, from: generator).map { $0 * stddev + 0 }
        case .glorotUniform, .heUniform, .lecunUniform:
            let limit = Float((3 * varianceScale(fanIn: fanIn, fanOut: fanOut)).squareRoot())
            values = Initializer.scaledUniform(count: count, limit: limit, seed: Initializer.kerasSeed(seed))
        }
        return Tensor(shape: [fanIn, fanOut], scalars: values)
    }

    /// `stateless_uniform` on [-limit, limit] as TensorFlow scales it: u * (max - min) + min in Float.
    private static func scaledUniform(count: Int, limit: Float, seed: Int64) -> [Float] {
        let width = limit - -limit
        return StatelessRandom.uniform(count: count, from: Philox(seedPair: seed, 0)).map { $0 * width + -limit }
    }

    /// The int32 seed Keras 3's TensorFlow backend hands the op for an integer
    /// seed S: `floormod(S, 2^31 - 2)` (its `_cast_seed`).
    static func kerasSeed(_ seed: UInt64) -> Int64 { Int64(seed % 2_147_483_646) }

    /// Keras' `VarianceScaling` scale after dividing by the fan, in Python's
    /// order: `scale /= max(1, n)`.
    private func varianceScale(fanIn: Int, fanOut: Int) -> Double {
        let (scale, n) = varianceScaling(fanIn: fanIn, fanOut: fanOut)
        return scale / max(1, n)
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
