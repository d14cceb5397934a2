/// A deterministic pseudo-random number generator: xoshiro256** (Blackman and
/// Vigna), its 256-bit state filled from the seed by SplitMix64.
///
/// Guarantee: the same seed gives the same numbers, bit for bit, on every
/// machine, operating system and Swift version. Everything here is integer
/// arithmetic or IEEE 754 `+ - * /` and `squareRoot()`, which are correctly
/// rounded everywhere; the normal generator uses its own logarithm
/// (`SeededGenerator.log`) rather than the platform's libm, whose last bits
/// differ between systems. Nothing calls the standard library's own random
/// algorithms (`shuffle`, `random(in:)`), whose output may change between
/// Swift releases.
///
/// Not cryptographically secure. Cost: a few nanoseconds per `next()`;
/// a normal draw costs about 1.3 pairs of uniforms plus one `log`.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)
    /// The second value of the last polar-method pair, handed out by the next `normal` call.
    private var spareNormal: Double?

    /// The seed this generator started from, for reports ("seed 100").
    public let seed: UInt64

    public init(seed: UInt64) {
        self.seed = seed
        var mixer = seed
        func splitMix() -> UInt64 {
            mixer &+= 0x9E37_79B9_7F4A_7C15
            var z = mixer
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, by: 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotateLeft(state.3, by: 45)
        return result
    }

    private func rotateLeft(_ x: UInt64, by k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform Double in [0, 1) with 53 random bits.
    public mutating func unitDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform Double in [lo, hi): `lo + (hi - lo) * u`, rounded once per operation.
    public mutating func uniform(_ lo: Double, _ hi: Double) -> Double {
        lo + (hi - lo) * unitDouble()
    }

    /// A uniform integer in `0..<upperBound` without modulo bias (Lemire's
    /// multiply-and-reject), written out so it never depends on the standard library's version.
    public mutating func integer(below upperBound: Int) -> Int {
        precondition(upperBound > 0, "integer(below:) needs a positive bound, got \(upperBound)")
        let bound = UInt64(upperBound)
        let threshold = (0 &- bound) % bound
        while true {
            let (high, low) = next().multipliedFullWidth(by: bound)
            if low >= threshold { return Int(high) }
        }
    }

    /// A normally distributed Double (Marsaglia's polar method). Draws come in
    /// pairs; the second of a pair is kept and returned by the next call.
    public mutating func normal(mean: Double = 0, stddev: Double = 1) -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return mean + stddev * spare
        }
        while true {
            let u = 2 * unitDouble() - 1
            let v = 2 * unitDouble() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let factor = (-2 * SeededGenerator.log(s) / s).squareRoot()
                spareNormal = v * factor
                return mean + stddev * (u * factor)
            }
        }
    }
}

extension SeededGenerator {
    private static let ln2High = 6.93147180369123816490e-01  // ln 2 to 32 bits: k * ln2High is exact
    private static let ln2Low = 1.90821492927058770002e-10  // ln 2 - ln2High
    private static let sqrtHalf = 0.70710678118654752440

    /// The natural logarithm from IEEE arithmetic only, identical on every machine.
    /// Relative error below 1e-15 for normal and subnormal positive inputs;
    /// `log(0) = -inf`, NaN for negatives and NaN, `+inf` for `+inf`.
    ///
    /// Method: x = m * 2^k with m in [sqrt(1/2), sqrt(2)); ln m = 2 atanh(t) with
    /// t = (m - 1) / (m + 1), |t| < 0.172, summed as an odd series to t^25
    /// (the next term is below 1e-20 of the result).
    static func log(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x == .infinity { return .infinity }
        var m = x.significand  // in [1, 2), exact, also for subnormals
        var k = Double(x.exponent)
        if m > 2 * sqrtHalf {
            m /= 2  // exact: halving a double in [1, 2)
            k += 1
        }
        let t = (m - 1) / (m + 1)  // m - 1 is exact (Sterbenz)
        let t2 = t * t
        // Horner over 1/(2j+1), innermost term first, so small terms are added first.
        var series = 1.0 / 25
        var j = 11
        while j >= 0 {
            series = 1.0 / Double(2 * j + 1) + t2 * series
            j -= 1
        }
        let lnM = 2 * t * series
        return k * ln2High + (k * ln2Low + lnM)
    }
}
