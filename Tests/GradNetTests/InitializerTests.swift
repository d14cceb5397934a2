import Testing
import GradTensor
@testable import GradNet

@Suite struct InitializerTests {
    @Test(arguments: Initializer.allCases.filter { $0 != .zeros })
    func aLargeDrawHasTheIntendedSpreadAndStaysInRange(_ initializer: Initializer) {
        let (fanIn, fanOut) = (200, 300)
        let kernel = initializer.kernel(fanIn: fanIn, fanOut: fanOut, seed: 42)
        #expect(kernel.shape == [fanIn, fanOut])
        let target = initializer.targetStandardDeviation(fanIn: fanIn, fanOut: fanOut)
        let (mean, stddev) = meanAndStandardDeviation(kernel.scalars)
        #expect(abs(stddev - target) / target < 0.02, "\(initializer.name): stddev \(stddev), intended \(target)")
        #expect(abs(mean) < 0.02 * target, "\(initializer.name): mean \(mean)")
        let largest = kernel.scalars.map { Double(abs($0)) }.max() ?? 0
        let bound = initializer.name.hasSuffix("normal")
            ? 2 * target / Initializer.truncationCorrection  // cut at 2 of the pre-truncation stddev
            : target * 3.0.squareRoot()  // the uniform limit
        #expect(largest <= bound * (1 + 1e-6), "\(initializer.name): largest \(largest) beyond \(bound)")
        #expect(largest > bound * 0.98, "\(initializer.name): draws never come near \(bound)")
    }

    @Test func varianceScalingUsesKerasFans() {
        // glorot: 1 / fan_avg, he: 2 / fan_in, lecun: 1 / fan_in.
        #expect(Initializer.glorotNormal.targetStandardDeviation(fanIn: 10, fanOut: 30) == (1.0 / 20).squareRoot())
        #expect(Initializer.heUniform.targetStandardDeviation(fanIn: 10, fanOut: 30) == (2.0 / 10).squareRoot())
        #expect(Initializer.lecunNormal.targetStandardDeviation(fanIn: 10, fanOut: 30) == (1.0 / 10).squareRoot())
    }

    @Test func randomUniformDrawsFromMinusOneToOne() {
        let kernel = Initializer.randomUniform.kernel(fanIn: 2, fanOut: 2, seed: 100)
        #expect(kernel.shape == [2, 2])
        #expect(kernel.scalars.allSatisfy { $0 >= -1 && $0 <= 1 })
    }

    @Test func zerosGivesAZeroKernel() {
        #expect(Initializer.zeros.kernel(fanIn: 3, fanOut: 2, seed: 1) == Tensor.zeros([3, 2]))
    }

    @Test(arguments: Initializer.allCases.filter { $0 != .zeros })
    func theSameSeedGivesTheSameKernelAndAnotherSeedAnother(_ initializer: Initializer) {
        let first = initializer.kernel(fanIn: 4, fanOut: 5, seed: 9)
        #expect(first == initializer.kernel(fanIn: 4, fanOut: 5, seed: 9))
        #expect(first != initializer.kernel(fanIn: 4, fanOut: 5, seed: 10))
    }

    @Test func namesAreKerasNames() {
        #expect(Initializer(rawValue: "glorot_normal") == .glorotNormal)
        #expect(Initializer(rawValue: "random_uniform") == .randomUniform)
        #expect(Initializer.validNames.hasPrefix("random_uniform, glorot_normal"))
        #expect(Initializer.allCases.count == 8)
    }
}
