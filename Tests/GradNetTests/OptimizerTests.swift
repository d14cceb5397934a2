import Testing
@testable import GradNet

/// Adam runs eight lanes at a time; every lane must give the bits of Keras' rule applied one
/// value at a time in float32 (`NetworkReference` checks that rule against Keras itself).
@Suite struct AdamLanes {
    @Test func adam_eight_lanes_at_a_time_gives_the_bits_of_the_scalar_rule() {
        for count in [1, 7, 8, 9, 19, 1000] {
            let optimizer = Optimizer(.adam(learningRate: 0.01))
            var weights = (0..<count).map { Float($0) * 0.37 - 1.1 }
            var expected = weights, m = [Float](repeating: 0, count: count), v = m
            for step in 1...5 {
                let gradient = (0..<count).map { Float(($0 * 7919 + step * 104_729) % 2003) / 1001 - 1 }
                optimizer.beginStep()
                optimizer.update(&weights, gradient: gradient, slot: 0)
                let t = Float(step)
                let alpha = Float(0.01) * (1 - powf(Float(0.999), t)).squareRoot() / (1 - powf(Float(0.9), t))
                for i in 0..<count {
                    let g = gradient[i]
                    m[i] = m[i] + (g - m[i]) * Float(1 - 0.9)
                    v[i] = v[i] + (g * g - v[i]) * Float(1 - 0.999)
                    expected[i] -= (m[i] * alpha) / (v[i].squareRoot() + 1e-7)
                }
                #expect(weights.map(\.bitPattern) == expected.map(\.bitPattern), "\(count) values, step \(step)")
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
