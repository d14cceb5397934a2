import Foundation
import Testing
@testable import GradUI

@Suite struct AxisTests {
    @Test func niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        #expect(NiceTicks.step(span: 10, count: 5) == 2)
        #expect(NiceTicks.step(span: 0.03, count: 4) == 0.01)
        #expect(isClose(NiceTicks.step(span: 7e-3, count: 3), 5e-3))
        for span in [0.0013, 0.7, 3.0, 42.0, 9999.0] {
            let step = NiceTicks.step(span: span, count: 5)
            let mantissa = step / pow(10, floor(log10(step)))
            #expect([1.0, 2.0, 5.0].contains { isClose($0, mantissa, relative: 1e-9) }, "step \(step) for \(span)")
        }
    }

    @Test func ticksStayInsideTheRangeAndIncludeAnExactZero() {
        let (values, step) = NiceTicks.ticks(low: -0.0042, high: 0.0031, maxCount: 6)
        #expect(step == 0.002)
        #expect(values.count <= 6)
        #expect(values.allSatisfy { $0 >= -0.0042 && $0 <= 0.0031 })
        #expect(values.contains(0))
        #expect(!values.contains { $0 == 0 && $0.sign == .minus })
    }

    @Test func ticksUseTheFinestStepThatFits() {
        #expect(NiceTicks.ticks(low: 0.35, high: 1.25, maxCount: 3).values == [0.5, 1.0])
        #expect(NiceTicks.ticks(low: -1, high: 1, maxCount: 5).values == [-1, -0.5, 0, 0.5, 1])
    }

    @Test func coveringTicksEncloseTheRange() {
        let (values, _) = NiceTicks.covering(low: 0.13, high: 0.87, maxCount: 6)
        #expect(values.first! <= 0.13 && values.last! >= 0.87 && values.count <= 6, "\(values)")
    }

    @Test func noLabelOnScreenIsANegativeZero() {
        // A dead ReLU's gradients are -0.0; a tiny negative minimum rounds to zero digits.
        #expect(NiceTicks.label(-0.0) == "0")
        #expect(NiceTicks.label(-0.0, step: 0.5) == "0")
        #expect(NiceTicks.label(-0.0004, step: 0.01) == "0.00")
        #expect(NiceTicks.label(-0.3, step: 1) == "0")
        #expect(NiceTicks.scientific(-0.0) == "0")
        #expect(NiceTicks.label(-0.5) == "-0.5" && NiceTicks.label(-1e-7) == "-1e-7")
    }

    @Test func labelsAreCompact() {
        #expect(NiceTicks.label(-0.002, step: 0.001) == "-2e-3")
        #expect(NiceTicks.label(0.0015, step: 0.0005) == "1.5e-3")
        #expect(NiceTicks.label(0, step: 0.001) == "0")
        #expect(NiceTicks.label(0.25, step: 0.05) == "0.25")
        #expect(NiceTicks.label(150, step: 50) == "150")
        #expect(NiceTicks.label(300_000, step: 100_000) == "3e5")
        #expect(NiceTicks.label(0.00473) == "0.00473")
        #expect(NiceTicks.label(1.5e-7) == "1.5e-7")
        #expect(NiceTicks.scientific(0.00473) == "4.7e-3")
        #expect(NiceTicks.scientific(0.321) == "3.2e-1")
    }

    @Test func symlogIsSignedLogOfOnePlusRatioAndInvertible() {
        let scale = AxisScale.symlog(linthresh: 0.01)
        #expect(isClose(scale.forward(0.09), log10(10)))
        #expect(isClose(scale.forward(-0.99), -2))
        #expect(scale.forward(0) == 0)
        for x in [-3.0, -0.004, 0, 0.02, 7.5] { #expect(isClose(scale.inverse(scale.forward(x)), x, relative: 1e-12, absolute: 1e-15)) }
    }

    @Test func symlogThresholdComesFromTheQuietestLayer() {
        let quiet = [0.001, -0.002, 0.003], loud = [0.5, -0.4, 0.3]
        #expect(AxisScale.symlogThreshold(layers: [quiet, loud]) == 0.002)
        #expect(AxisScale.symlogThreshold(layers: [[0, 0], []]) == 1)
    }

    @Test func axisModesCycleThroughAllThree() {
        #expect(ViolinAxisMode.shared.next == .symlog)
        #expect(ViolinAxisMode.symlog.next == .perLayer)
        #expect(ViolinAxisMode.perLayer.next == .shared)
    }

    @Test func zeroIsTheCentreOfARowAndTheAxisStillCoversTheData() {
        for rows in [3, 4, 6, 7, 10, 11, 16, 31] {
            for (low, high) in [(-1.5, 0.5), (-0.013, 2.7), (-2.0, 2.0), (-1e-4, 3e-3), (-7.0, 0.2)] {
                for axis in [ViolinAxis.linear(low: low, high: high, rows: rows),
                             ViolinAxis.symlog(low: low, high: high, linthresh: 1e-3, rows: rows)] {
                    let zeroRow = axis.row(of: 0)
                    let centre = axis.top - Double(zeroRow) * axis.rowSpan
                    #expect(abs(centre) < 1e-9 * axis.rowSpan, "rows \(rows), \(low)...\(high): zero's row centre \(centre)")
                    #expect(axis.interval(row: 0).upperBound >= high * (1 - 1e-12) && axis.interval(row: rows - 1).lowerBound <= low * (1 + 1e-12),
                            "rows \(rows), \(low)...\(high) not covered: \(axis.bottom)...\(axis.top)")
                    // Values within 0.4 rows of zero, on either side, share its row.
                    let near = axis.scale.inverse(axis.rowSpan * 0.4)
                    #expect(axis.row(of: near) == zeroRow && axis.row(of: -near) == zeroRow, "rows \(rows), \(low)...\(high)")
                }
            }
        }
    }

    @Test func aDegenerateRangeIsWidenedAroundTheValue() {
        let axis = ViolinAxis.linear(low: 0, high: 0, rows: 11)
        #expect(axis.row(of: 0) == 5, "zero should sit mid-axis")
        #expect(axis.ticks.contains { $0.label == "0" && $0.row == 5 })
    }
}
