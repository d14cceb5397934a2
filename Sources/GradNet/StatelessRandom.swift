#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc

/// TensorFlow's stateless float32 draws on CPU, as `tf.random.stateless_uniform`,
/// `stateless_normal` and `stateless_truncated_normal` make them from a
/// `Philox` generator (`Philox(seedPair:_:)` gives the one a seed pair starts).
///
/// Layout over the counter, as TensorFlow's `FillPhiloxRandom`:
/// - uniform and normal: output e comes from block e / 4 (the counter plus
///   e / 4), word e % 4; a normal pair (e, e + 1) is the Box-Muller transform
///   of words e and e + 1 of one block.
/// - truncated normal: outputs come in groups of 4; group g starts at the
///   counter plus 256 g and takes Box-Muller pairs from consecutive words
///   until 4 values lie strictly inside (-2, 2), each pair's first value first.
///
/// Guarantee: uniform draws are TensorFlow's bit for bit on every machine
/// (integer and exact float operations only). Normal draws also need a
/// logarithm, a sine and a cosine, and take them where TensorFlow does, from
/// the C library (`logf`, `sinf`, `cosf`; TensorFlow calls glibc's `sincosf`,
/// which gives the same bits as `sinf` and `cosf`), so they are TensorFlow's
/// bit for bit on the same machine. These functions are not correctly
/// rounded (glibc 2.36 on x86-64: logf in 0.7%, sinf and cosf in 1.3% of the
/// inputs a draw can give them are 1 ulp from the correctly rounded value), so
/// another C library may move a normal draw by an ulp or two, for TensorFlow
/// and gradtop alike.
public enum StatelessRandom {
    /// `count` floats uniform on [0, 1): 23 random bits as the mantissa of a
    /// float in [1, 2), minus 1. Cost: one Philox block per 4 values.
    public static func uniform(count: Int, from generator: Philox) -> [Float] {
        blockwise(count: count, from: generator) { words in
            SIMD4(unitFloat(words[0]), unitFloat(words[1]), unitFloat(words[2]), unitFloat(words[3]))
        }
    }

    /// `count` standard normal floats (Box-Muller). Cost: one Philox block,
    /// two logarithms and two sine-cosine pairs per 4 values.
    public static func normal(count: Int, from generator: Philox) -> [Float] {
        blockwise(count: count, from: generator) { words in
            let (first, second) = boxMuller(words[0], words[1]), (third, fourth) = boxMuller(words[2], words[3])
            return SIMD4(first, second, third, fourth)
        }
    }

    /// Values e = 4b ..< 4b + 4 from block b (the counter plus b), cut at `count`.
    private static func blockwise(count: Int, from generator: Philox,
                                  _ values: (SIMD4<UInt32>) -> SIMD4<Float>) -> [Float] {
        var generator = generator
        var result: [Float] = []
        result.reserveCapacity(count)
        while result.count < count {
            let block = values(generator.next())
            for lane in 0..<min(4, count - result.count) { result.append(block[lane]) }
        }
        return result
    }

    /// Counter blocks TensorFlow reserves for each group of 4 truncated-normal
    /// values (256 words per value), so a group never reads another's words.
    static let blocksPerTruncatedGroup: UInt64 = 256

    /// `count` standard normal floats strictly inside (-2, 2), the rest thrown
    /// away and drawn again. Cost: about 0.52 Box-Muller pairs (a logarithm
    /// and a sine-cosine pair each) and half a Philox block per value, as 95.4%
    /// of draws lie inside and each group starts a fresh block.
    public static func truncatedNormal(count: Int, from generator: Philox) -> [Float] {
        var values: [Float] = []
        values.reserveCapacity(count)
        var group: UInt64 = 0
        while values.count < count {
            var words = WordStream(generator, skippingBlocks: group * blocksPerTruncatedGroup)
            let wanted = min(4, count - values.count), end = values.count + wanted
            while values.count < end {
                let (first, second) = boxMuller(words.next(), words.next())
                for value in [first, second] where abs(value) < 2 && values.count < end { values.append(value) }
            }
            group += 1
        }
        return values
    }

    /// The float in [0, 1) TensorFlow makes from 32 random bits (`Uint32ToFloat`):
    /// the low 23 bits as the mantissa of a float in [1, 2), minus 1 (exact).
    static func unitFloat(_ bits: UInt32) -> Float {
        Float(bitPattern: (127 << 23) | (bits & 0x7F_FFFF)) - 1
    }

    /// TensorFlow's `BoxMullerFloat`: u = max(unitFloat(x0), 1e-7),
    /// angle = Float(2π · unitFloat(x1)) (the product in Double, as C++'s `M_PI`
    /// makes it), radius = sqrt(-2 · logf(u)) in Float, and the angle's
    /// `sinf` and `cosf`, each multiplied by the radius in Float.
    static func boxMuller(_ x0: UInt32, _ x1: UInt32) -> (Float, Float) {
        let u = max(unitFloat(x0), 1.0e-7 as Float)
        let angle = Float(2 * Double.pi * Double(unitFloat(x1)))
        let radius = (-2 * logf(u)).squareRoot()
        return (sinf(angle) * radius, cosf(angle) * radius)
    }
}

/// A Philox generator read one word at a time (TensorFlow's `SingleSampleAdapter`):
/// each block's four words in order, then the next block's.
struct WordStream {
    private var generator: Philox
    private var block = SIMD4<UInt32>()
    private var used = 4

    init(_ generator: Philox, skippingBlocks blocks: UInt64) {
        self.generator = generator
        self.generator.skip(blocks)
    }

    mutating func next() -> UInt32 {
        if used == 4 {
            block = generator.next()
            used = 0
        }
        defer { used += 1 }
        return block[used]
    }
}
