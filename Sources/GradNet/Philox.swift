/// TensorFlow's counter-based random number generator, Philox-4x32-10 (Salmon
/// et al., "Parallel Random Numbers: As Easy as 1, 2, 3"), as its CPU kernels
/// run it: a 128-bit counter and a 64-bit key go through ten rounds of two
/// 32x32->64 multiplications, and each call returns four 32-bit words and
/// moves the counter on by one.
///
/// Guarantee: integer arithmetic only, so the same key and counter give the
/// same words on every machine, and the words TensorFlow gets for the same
/// key and counter (checked against `tf.random.stateless_uniform_full_int`
/// in `Tests/Reference/random.json`). Cost: 20 multiplications per 4 words.
public struct Philox: Sendable, Equatable {
    /// The two 32-bit halves of the key, low half first.
    public var key: SIMD2<UInt32>
    /// The 128-bit counter as four 32-bit words, least significant first.
    public var counter: SIMD4<UInt32>

    public init(key: SIMD2<UInt32>, counter: SIMD4<UInt32>) {
        self.key = key
        self.counter = counter
    }

    /// The generator `tf.random.stateless_*(seed=[seed0, seed1])` starts from on
    /// CPU (the default algorithm): the seed pair, each widened to 64 bits
    /// (negative int32 seeds sign-extend, as TensorFlow's kernel does), is the
    /// counter of one Philox block under a fixed key; that block's first two
    /// words become the key, its last two the upper half of the counter.
    public init(seedPair seed0: Int64, _ seed1: Int64) {
        let s0 = UInt64(bitPattern: seed0), s1 = UInt64(bitPattern: seed1)
        let mix = Philox.block(
            counter: SIMD4(UInt32(truncatingIfNeeded: s0), UInt32(truncatingIfNeeded: s0 >> 32),
                           UInt32(truncatingIfNeeded: s1), UInt32(truncatingIfNeeded: s1 >> 32)),
            key: Philox.scrambleKey)
        self.init(key: SIMD2(mix[0], mix[1]), counter: SIMD4(0, 0, mix[2], mix[3]))
    }

    /// The fixed key TensorFlow scrambles a seed pair with (0x02461E293EC8F720).
    static let scrambleKey = SIMD2<UInt32>(0x3EC8_F720, 0x0246_1E29)

    /// The four words for the current counter; the counter then moves on by one.
    public mutating func next() -> SIMD4<UInt32> {
        let words = Philox.block(counter: counter, key: key)
        skip(1)
        return words
    }

    /// Moves the counter on by `count` blocks (128-bit addition, carries included).
    public mutating func skip(_ count: UInt64) {
        var carry = count
        for word in 0..<4 where carry != 0 {
            let sum = UInt64(counter[word]) + (carry & 0xFFFF_FFFF)
            counter[word] = UInt32(truncatingIfNeeded: sum)
            carry = (carry >> 32) + (sum >> 32)
        }
    }

    /// Ten Philox rounds of `counter` under `key`, the key raised between rounds.
    public static func block(counter: SIMD4<UInt32>, key: SIMD2<UInt32>) -> SIMD4<UInt32> {
        var state = counter, roundKey = key
        for round in 0..<10 {
            if round > 0 { roundKey &+= SIMD2(0x9E37_79B9, 0xBB67_AE85) }
            let product0 = UInt64(0xD251_1F53) * UInt64(state[0])
            let product1 = UInt64(0xCD9E_8D57) * UInt64(state[2])
            state = SIMD4(UInt32(truncatingIfNeeded: product1 >> 32) ^ state[1] ^ roundKey[0],
                          UInt32(truncatingIfNeeded: product1),
                          UInt32(truncatingIfNeeded: product0 >> 32) ^ state[3] ^ roundKey[1],
                          UInt32(truncatingIfNeeded: product0))
        }
        return state
    }
}
