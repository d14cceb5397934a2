import Foundation
import Testing
@testable import GradNet

@Suite struct SeededGeneratorTests {
    @Test func itMatchesAnIndependentXoshiroImplementationBitForBit() {
        // Reference values from a separate Python implementation of
        // SplitMix64 seeding + xoshiro256**.
        var zero = SeededGenerator(seed: 0)
        #expect([zero.next(), zero.next(), zero.next()] == [0x99ec_5f36_cb75_f2b4, 0xbf6e_1f78_4956_452a, 0x1a5f_849d_4933_e6e0])
        var hundred = SeededGenerator(seed: 100)
        #expect([hundred.next(), hundred.next(), hundred.next()] == [0x0afe_e077_3a0d_8a51, 0x13b0_ca75_9b9b_1735, 0x5c76_d220_f846_1395])
    }

    @Test func theSameSeedGivesTheSameNormalsAndDifferentSeedsDiffer() {
        var a = SeededGenerator(seed: 7), b = SeededGenerator(seed: 7), c = SeededGenerator(seed: 8)
        let drawsA = (0..<1000).map { _ in a.normal().bitPattern }
        let drawsB = (0..<1000).map { _ in b.normal().bitPattern }
        let drawsC = (0..<1000).map { _ in c.normal().bitPattern }
        #expect(drawsA == drawsB)
        #expect(drawsA != drawsC)
    }

    @Test func portableLogAgreesWithFoundationToWithin1e13() {
        var generator = SeededGenerator(seed: 1)
        var worst = 0.0, worstInput = 0.0
        var inputs = [2.0, 0.5, 0.7071067811865476, 1.4142135623730951, 1 + 0x1p-52, 1 - 0x1p-53,
                      Double.leastNormalMagnitude, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, 1e-300, 3e200]
        for _ in 0..<20_000 { inputs.append(generator.unitDouble()) }  // the range the polar method uses
        for _ in 0..<20_000 { inputs.append(Foundation.exp(generator.uniform(-700, 700))) }
        for _ in 0..<5_000 { inputs.append(1 + generator.uniform(-1e-6, 1e-6)) }  // near 1, where ln is tiny
        for x in inputs where x > 0 && x != 1 {
            let expected = Foundation.log(x)
            let error = abs(SeededGenerator.log(x) - expected) / abs(expected)
            if error > worst { (worst, worstInput) = (error, x) }
        }
        #expect(worst < 1e-13, "worst relative error \(worst) at x = \(worstInput)")
        #expect(SeededGenerator.log(1) == 0)
        #expect(SeededGenerator.log(0) == -.infinity)
        #expect(SeededGenerator.log(-1).isNaN)
    }

    @Test func normalDrawsHaveTheRequestedMeanAndSpread() {
        var generator = SeededGenerator(seed: 3)
        let draws = (0..<100_000).map { _ in generator.normal(mean: 2, stddev: 0.5) }
        let (mean, stddev) = meanAndStandardDeviation(draws)
        #expect(abs(mean - 2) < 0.01, "mean \(mean)")
        #expect(abs(stddev - 0.5) / 0.5 < 0.01, "stddev \(stddev)")
    }

    @Test func integerBelowIsUnbiasedAndInRange() {
        var generator = SeededGenerator(seed: 6)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[generator.integer(below: 6)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 400 }, "counts \(counts)")
    }
}

/// Mean and population standard deviation, in Double.
func meanAndStandardDeviation<S: Sequence>(_ values: S) -> (mean: Double, stddev: Double) where S.Element: BinaryFloatingPoint {
    var sum = 0.0, sumSquares = 0.0, n = 0.0
    for value in values {
        let x = Double(value)
        sum += x
        sumSquares += x * x
        n += 1
    }
    let mean = sum / n
    return (mean, max(0, sumSquares / n - mean * mean).squareRoot())
}
