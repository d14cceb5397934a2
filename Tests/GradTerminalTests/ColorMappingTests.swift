import Testing
import GradUI
@testable import GradTerminal

@Suite("Colour mapping")
struct ColorMappingTests {
    @Test func terminalDefaultIsMinusOneAtEveryDepth() {
        for depth in [ColorDepth.none, .ansi8, .ansi16, .palette256, .direct] {
            #expect(ColorMapping.number(for: .terminalDefault, depth: depth) == -1)
        }
    }

    @Test func everyColourIsDroppedWhenTheTerminalHasNone() {
        #expect(ColorMapping.number(for: .rgb(255, 0, 0), depth: .none) == -1)
    }

    @Test func directColourPassesRGBThroughAsOneNumber() {
        #expect(ColorMapping.number(for: .rgb(0x12, 0x34, 0x56), depth: .direct) == 0x123456)
    }

    @Test func directColourNeverUsesTheThemedANSINumbersBelowEight() {
        // (0, 0, 5) would be ANSI magenta on xterm-direct.
        #expect(ColorMapping.number(for: .rgb(0, 0, 5), depth: .direct) == 8)
        #expect(ColorMapping.number(for: .rgb(0, 0, 0), depth: .direct) == 8)
    }

    @Test(arguments: [
        (UInt8(0), UInt8(0), UInt8(0), 16),        // cube black
        (255, 255, 255, 231),                      // cube white
        (255, 0, 0, 196),                          // pure red
        (0, 135, 255, 33),                         // exact cube entry
        (128, 128, 128, 244),                      // mid grey -> grey ramp (128 = 8 + 10 * 12)
        (238, 238, 238, 255),                      // lightest ramp grey
    ])
    func palette256PicksTheNearestCubeOrGreyEntry(r: UInt8, g: UInt8, b: UInt8, expected: Int) {
        #expect(ColorMapping.number(for: .rgb(r, g, b), depth: .palette256) == Int32(expected))
    }

    @Test func palette256NeverReturnsTheThemedFirstSixteen() {
        for value in stride(from: 0, through: 255, by: 17) {
            let v = UInt8(value)
            for color in [Color.rgb(v, 0, 0), .rgb(0, v, 0), .rgb(v, v, v), .rgb(v, 255 - v, 128)] {
                let number = ColorMapping.number(for: color, depth: .palette256)
                #expect((16...255).contains(number), "\(color) -> \(number)")
            }
        }
    }

    @Test func cubeLevelsRoundToTheNearestOfTheSix() {
        #expect(ColorMapping.nearestCubeLevel(47) == 0)
        #expect(ColorMapping.nearestCubeLevel(48) == 1)
        #expect(ColorMapping.nearestCubeLevel(114) == 1)
        #expect(ColorMapping.nearestCubeLevel(115) == 2)
        #expect(ColorMapping.nearestCubeLevel(234) == 4)
        #expect(ColorMapping.nearestCubeLevel(235) == 5)
        #expect(ColorMapping.nearestCubeLevel(255) == 5)
    }

    @Test(arguments: [
        (UInt8(250), UInt8(10), UInt8(10), 9),     // bright red
        (150, 0, 0, 1),                            // dark red
        (0, 0, 0, 0),                              // black
        (250, 250, 250, 15),                       // bright white
        (225, 225, 225, 7),                        // light grey is ANSI white
        (20, 200, 210, 6),                         // cyan
    ])
    func sixteenColoursPickTheNearestANSIColour(r: UInt8, g: UInt8, b: UInt8, expected: Int) {
        #expect(ColorMapping.number(for: .rgb(r, g, b), depth: .ansi16) == Int32(expected))
    }

    @Test func eightColoursNeverUseTheBrightHalf() {
        #expect(ColorMapping.number(for: .rgb(255, 0, 0), depth: .ansi8) == 1)
        #expect(ColorMapping.number(for: .rgb(255, 255, 255), depth: .ansi8) == 7)
    }

    @Test func approximateRGBInvertsThe256Palette() {
        for number: Int32 in [16, 33, 196, 231, 232, 244, 255] {
            let rgb = ColorMapping.approximateRGB(of: number, depth: .palette256)!
            #expect(ColorMapping.nearestXterm256(rgb) == Int(number))
        }
        #expect(ColorMapping.approximateRGB(of: -1, depth: .palette256) == nil)
    }

    @Test func depthFollowsTheTerminalsColourCount() {
        #expect(ColorDepth(terminalColors: 0) == .none)
        #expect(ColorDepth(terminalColors: 8) == .ansi8)
        #expect(ColorDepth(terminalColors: 16) == .ansi16)
        #expect(ColorDepth(terminalColors: 88) == .ansi16)
        #expect(ColorDepth(terminalColors: 256) == .palette256)
        #expect(ColorDepth(terminalColors: 0x100_0000) == .direct)
    }
}

@Suite("Colour pair table")
struct ColorPairTableTests {
    typealias Colors = ColorPairTable.Colors

    @Test func defaultColoursUseTheFixedPairZero() {
        var table = ColorPairTable(capacity: 10, depth: .palette256)
        #expect(table.pair(for: Colors(foreground: -1, background: -1)) == .existing(0))
        #expect(table.definedCount == 0)
    }

    @Test func aNewCombinationIsAllocatedOnceThenCached() {
        var table = ColorPairTable(capacity: 10, depth: .palette256)
        let colors = Colors(foreground: 196, background: -1)
        #expect(table.pair(for: colors) == .new(1))
        #expect(table.pair(for: colors) == .existing(1))
        #expect(table.pair(for: Colors(foreground: 33, background: 16)) == .new(2))
    }

    @Test func aFullTableReusesTheNearestPairInsteadOfFailing() {
        var table = ColorPairTable(capacity: 3, depth: .palette256)  // pairs 1 and 2 only
        #expect(table.pair(for: Colors(foreground: 196, background: -1)) == .new(1))  // red
        #expect(table.pair(for: Colors(foreground: 21, background: -1)) == .new(2))   // blue
        let darkRed = Colors(foreground: 160, background: -1)
        #expect(table.pair(for: darkRed) == .existing(1))
        #expect(table.pair(for: darkRed) == .existing(1))
        #expect(table.definedCount == 2)
    }

    @Test func aFullTableFallsBackToDefaultsWhenNothingIsCloser() {
        var table = ColorPairTable(capacity: 2, depth: .palette256)
        #expect(table.pair(for: Colors(foreground: 196, background: 21)) == .new(1))
        // Default foreground on a grey background: nearer to all-default than to red-on-blue.
        #expect(table.pair(for: Colors(foreground: -1, background: 244)) == .existing(0))
    }
}
