import Foundation
import Testing
@testable import GradUI

func isClose(_ a: Double, _ b: Double, relative: Double = 1e-9, absolute: Double = 1e-12) -> Bool {
    abs(a - b) <= max(absolute, relative * max(abs(a), abs(b)))
}

@Suite struct DensityTests {
    @Test func scottBandwidthIsNToTheMinusOneFifthTimesSampleStd() {
        let s = ViolinStatistics(values: [1.0, 2.0, 4.0, 7.0])
        // mean 3.5, squares 6.25+2.25+0.25+12.25 = 21, / (n-1) = 7
        let expected = pow(4.0, -0.2) * 7.0.squareRoot()
        #expect(isClose(s.standardDeviation, 7.0.squareRoot()), "std \(s.standardDeviation)")
        #expect(isClose(s.scottBandwidth, expected), "bw \(s.scottBandwidth) vs \(expected)")
    }

    @Test func densityMatchesTheGaussianKernelFormula() {
        let data = [-1.0, 0.0, 0.5, 2.0, 2.5]
        let s = ViolinStatistics(values: data)
        let h = s.scottBandwidth
        for x in [-2.0, 0.0, 0.7, 3.1] {
            let formula = data.map { exp(-0.5 * pow((x - $0) / h, 2)) }.reduce(0, +) / (Double(data.count) * h * (2 * Double.pi).squareRoot())
            #expect(isClose(s.density(at: x), formula, relative: 1e-12), "x=\(x): \(s.density(at: x)) vs \(formula)")
        }
    }

    @Test func massIsTheIntegralOfTheDensity() {
        let s = ViolinStatistics(values: [-1.0, 0.0, 0.5, 2.0, 2.5])
        // Trapezoid rule over [0, 1] against the closed form with erf.
        let steps = 20_000
        var integral = 0.0
        for i in 0..<steps {
            let a = Double(i) / Double(steps), b = Double(i + 1) / Double(steps)
            integral += (s.density(at: a) + s.density(at: b)) / 2 * (b - a)
        }
        #expect(isClose(s.mass(from: 0, to: 1), integral, relative: 1e-6))
        #expect(isClose(s.mass(from: -100, to: 100), 1, relative: 1e-12), "all mass: \(s.mass(from: -100, to: 100))")
    }

    @Test(arguments: [400, 5000])
    func massIsTheDifferenceOfTheCumulativeAtItsEdges(count: Int) {
        var normal = NormalStream(seed: 3)
        let s = ViolinStatistics(values: (0..<count).map { _ in normal.next() * 0.2 })
        let h = s.scottBandwidth
        #expect(isClose(s.cumulative(below: -10, bandwidth: h), 0, relative: 0, absolute: 1e-12))
        #expect(isClose(s.cumulative(below: 10, bandwidth: h), 1, relative: 0, absolute: 1e-12))
        for (low, high) in [(-0.3, -0.1), (-0.05, 0.02), (0.1, 0.6)] {
            let difference = s.cumulative(below: high, bandwidth: h) - s.cumulative(below: low, bandwidth: h)
            #expect(isClose(difference, s.mass(from: low, to: high, bandwidth: h), relative: 1e-9, absolute: 1e-12),
                    "[\(low), \(high)]: \(difference) vs \(s.mass(from: low, to: high, bandwidth: h))")
        }
    }

    @Test func aSingleDistinctValueIsAPointMass() {
        let s = ViolinStatistics(values: [Float](repeating: 0.25, count: 10))
        #expect(s.scottBandwidth == 0)
        #expect(s.density(at: 0.25) == 0)
        #expect(s.mass(from: 0.2, to: 0.3) == 1)
        #expect(s.mass(from: 0.3, to: 0.4) == 0)
    }

    @Test func nonFiniteValuesAreCountedAndIgnored() {
        let s = ViolinStatistics(values: [1, .nan, 3, .infinity, -.infinity, 2] as [Float])
        #expect(s.nonFiniteCount == 3)
        #expect(s.nanCount == 1)
        #expect(s.sorted == [1, 2, 3])
        #expect(s.median == 2)
    }

    @Test func quantilesInterpolateLinearlyAsNumPy() {
        let s = ViolinStatistics(values: [4.0, 1, 3, 2])
        #expect(s.quantile(0.25) == 1.75)
        #expect(s.median == 2.5)
        #expect(s.quantile(0.75) == 3.25)
        #expect(ViolinStatistics(values: [Float]()).median == nil)
    }
}

@Suite struct BinnedDensityTests {
    @Test func binnedMassOfALargeSampleMatchesTheExactSum() {
        var normal = NormalStream(seed: 3)
        let values = (0..<5000).map { _ in normal.next() * 0.01 }
        let s = ViolinStatistics(values: values)
        #expect(s.bins != nil)
        let h = s.scottBandwidth
        for (low, high) in [(-0.01, 0.0), (0.005, 0.006), (0.02, 0.05)] {
            let exact = values.reduce(0.0) { $0 + 0.5 * (erf((high - $1) / (h * 2.0.squareRoot())) - erf((low - $1) / (h * 2.0.squareRoot()))) } / 5000
            #expect(isClose(s.mass(from: low, to: high), exact, relative: 1e-3, absolute: 1e-6), "[\(low), \(high)]: \(s.mass(from: low, to: high)) vs \(exact)")
        }
    }
}
