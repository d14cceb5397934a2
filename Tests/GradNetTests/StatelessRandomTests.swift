import Testing
import GradTensor
import GradTestSupport
@testable import GradNet

/// gradtop's Philox draws against TensorFlow 2.21's (Tests/Reference/random.json).
@Suite struct StatelessRandomTests {
    @Test(arguments: RandomReference.philox.map(\.seed))
    func theSeedPairGivesTensorFlowsKeyCounterAndWords(_ seed: Int64) throws {
        let expected = try #require(RandomReference.philox.first { $0.seed == seed })
        var generator = Philox(seedPair: seed, 0)
        #expect(Array(generator.key.indices.map { generator.key[$0] }) == expected.key)
        #expect(Array(generator.counter.indices.map { generator.counter[$0] }) == expected.counter)
        var words: [UInt32] = []
        while words.count < expected.words.count {
            let block = generator.next()
            words += block.indices.map { block[$0] }
        }
        #expect(Array(words.prefix(expected.words.words.count)) == expected.words.words)
        #expect(RandomArray.fnv1a64(words) == expected.words.fnv1a64)
    }

    @Test(arguments: RandomReference.draws)
    func drawsAreTensorFlowsBitForBit(_ reference: RandomReference.DrawCase) {
        let generator = Philox(seedPair: reference.seed, 0)
        let count = reference.values.count
        let values: [Float]
        switch reference.distribution {
        case "uniform": values = StatelessRandom.uniform(count: count, from: generator)
        case "normal": values = StatelessRandom.normal(count: count, from: generator)
        default: values = StatelessRandom.truncatedNormal(count: count, from: generator)
        }
        expectBitEqual(values, reference.values, "\(reference)")
    }

    @Test func skipCarriesAcrossAllFourCounterWords() {
        var generator = Philox(key: .zero, counter: SIMD4(0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF, 7))
        generator.skip(1)
        #expect(generator.counter == SIMD4(0, 0, 0, 8))
        generator.skip(0x1_0000_0002)
        #expect(generator.counter == SIMD4(2, 1, 0, 8))
    }

    @Test func truncationAtTwoShrinksTheSpreadByKerasFactor() {
        let draws = StatelessRandom.truncatedNormal(count: 100_000, from: Philox(seedPair: 4, 0)).map(Double.init)
        let mean = draws.reduce(0, +) / Double(draws.count)
        let stddev = (draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(draws.count)).squareRoot()
        #expect(abs(stddev - Initializer.truncationCorrection) < 0.01, "stddev \(stddev)")
    }

    @Test func truncatedNormalStaysInsideTwoAndUniformInsideZeroOne() {
        let generator = Philox(seedPair: 5, 0)
        #expect(StatelessRandom.truncatedNormal(count: 10_001, from: generator).allSatisfy { abs($0) < 2 })
        #expect(StatelessRandom.uniform(count: 10_001, from: generator).allSatisfy { $0 >= 0 && $0 < 1 })
    }
}

/// Expects `values` to be `reference` bit for bit (all of it through the hash;
/// the stored words name the first element that differs).
func expectBitEqual(_ values: [Float], _ reference: RandomArray, _ label: String,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(values.count == reference.count, "\(label): \(values.count) values", sourceLocation: sourceLocation)
    let expected = reference.floats
    if let i = expected.indices.first(where: { $0 < values.count && values[$0].bitPattern != expected[$0].bitPattern }) {
        Issue.record("\(label): element \(i) is \(values[i]), TensorFlow's \(expected[i])", sourceLocation: sourceLocation)
    }
    #expect(RandomArray.fnv1a64(values) == reference.fnv1a64, "\(label): hash differs", sourceLocation: sourceLocation)
}
