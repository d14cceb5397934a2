import CNcursesw
import Testing
import GradUI
@testable import GradTerminal

@Suite("Key decoding")
struct KeyDecodingTests {
    @Test(arguments: [
        (UInt32(9), Key.tab), (10, .enter), (13, .enter), (27, .escape),
        (127, .backspace), (8, .backspace), (32, .character(" ")), (113, .character("q")),
        (1, .ctrl("A")), (26, .ctrl("Z")), (0xE9, .character("é")), (0x28FF, .character("⣿")),
    ])
    func charactersDecodeToKeys(code: UInt32, expected: Key) {
        #expect(KeyDecoding.key(code: code, isFunctionKey: false) == expected)
    }

    @Test func c1ControlCharactersAreIgnored() {
        #expect(KeyDecoding.key(code: 0x85, isFunctionKey: false) == nil)
    }

    @Test func cursorAndEditingKeysDecode() {
        let table: [(Int32, Key)] = [
            (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
            (KEY_BTAB, .backtab), (KEY_BACKSPACE, .backspace), (KEY_ENTER, .enter),
            (KEY_HOME, .home), (KEY_END, .end), (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown),
            (KEY_DC, .delete), (KEY_IC, .insert),
        ]
        for (code, key) in table {
            #expect(KeyDecoding.key(code: UInt32(code), isFunctionKey: true) == key)
        }
    }

    @Test func functionKeysCarryTheirNumber() {
        #expect(KeyDecoding.key(code: UInt32(gt_key_f(1)), isFunctionKey: true) == .function(1))
        #expect(KeyDecoding.key(code: UInt32(gt_key_f(12)), isFunctionKey: true) == .function(12))
    }

    @Test func mouseAndResizeCodesAreLeftToTheScreen() {
        #expect(KeyDecoding.key(code: UInt32(gt_key_mouse()), isFunctionKey: true) == nil)
        #expect(KeyDecoding.key(code: UInt32(gt_key_resize()), isFunctionKey: true) == nil)
    }

    @Test func aFunctionKeyCodeIsNotReadAsACharacter() {
        // KEY_UP is 259, which as a character would be "ă".
        #expect(KeyDecoding.key(code: UInt32(KEY_UP), isFunctionKey: false) == .character("ă"))
        #expect(KeyDecoding.key(code: UInt32(KEY_UP), isFunctionKey: true) == .up)
    }

    @Test func timeoutsRoundUpToWholeMilliseconds() {
        #expect(TerminalScreen.milliseconds(roundingUp: .microseconds(1)) == 1)
        #expect(TerminalScreen.milliseconds(roundingUp: .milliseconds(250)) == 250)
        #expect(TerminalScreen.milliseconds(roundingUp: .seconds(2)) == 2000)
        #expect(TerminalScreen.milliseconds(roundingUp: .zero) == 0)
    }
}

@Suite("Grid diff")
struct GridDiffTests {
    @Test func theFirstFrameWritesEveryCell() {
        let grid = Grid(width: 4, height: 3)
        #expect(GridDiff.changedIndices(from: nil, to: grid) == Array(0..<12))
    }

    @Test func anUnchangedFrameWritesNothing() {
        var grid = Grid(width: 4, height: 3)
        grid.put("ab", x: 1, y: 1)
        #expect(GridDiff.changedIndices(from: grid, to: grid).isEmpty)
    }

    @Test func onlyChangedGlyphsAndStylesAreWritten() {
        let before = Grid(width: 4, height: 3)
        var after = before
        after[1, 0] = Cell("x")
        after[3, 2] = Cell(" ", style: Style(bold: true))
        #expect(GridDiff.changedIndices(from: before, to: after) == [1, 11])
    }

    @Test func aSizeChangeRewritesEverything() {
        let before = Grid(width: 4, height: 3)
        let after = Grid(width: 3, height: 4)
        #expect(GridDiff.changedIndices(from: before, to: after).count == 12)
    }
}

@Suite("Glyph encoding")
struct GlyphEncodingTests {
    let oneColumn: (UInt32) -> Int32 = { _ in 1 }

    @Test func printableASCIIPassesThroughInBothModes() {
        #expect(GlyphEncoding.scalars(for: "a", unicode: false, width: oneColumn) == [0x61])
        #expect(GlyphEncoding.scalars(for: "a", unicode: true, width: oneColumn) == [0x61])
    }

    @Test func asciiModeShowsQuestionMarksForEverythingElse() {
        #expect(GlyphEncoding.scalars(for: "⣿", unicode: false, width: oneColumn) == [0x3F])
        #expect(GlyphEncoding.scalars(for: "é", unicode: false, width: oneColumn) == [0x3F])
    }

    @Test func controlCharactersNeverReachTheTerminal() {
        #expect(GlyphEncoding.scalars(for: "\u{1B}", unicode: true, width: oneColumn) == [0x3F])
        #expect(GlyphEncoding.scalars(for: "\n", unicode: true, width: oneColumn) == [0x3F])
        #expect(GlyphEncoding.scalars(for: "\u{85}", unicode: true, width: oneColumn) == [0x3F])
    }

    @Test func wideOrZeroWidthGlyphsAreReplacedSoRowsStayAligned() {
        #expect(GlyphEncoding.scalars(for: "漢", unicode: true, width: { _ in 2 }) == [0x3F])
        #expect(GlyphEncoding.scalars(for: "\u{301}", unicode: true, width: { _ in 0 }) == [0x3F])
    }

    @Test func combiningMarksStayWithTheirBase() {
        let decomposed = Character("e\u{301}")
        #expect(GlyphEncoding.scalars(for: decomposed, unicode: true, width: { $0 == 0x65 ? 1 : 0 }) == [0x65, 0x301])
    }
}

@Suite("Terminal errors")
struct TerminalErrorTests {
    @Test func messagesAreOneLineAndSuggestTrain() {
        for error in [TerminalError.notATerminal, .unsupportedTerminal("dumb"), .unsupportedTerminal("")] {
            #expect(!error.description.contains("\n"))
            #expect(error.description.contains("gradtop train"))
        }
        #expect(TerminalError.unsupportedTerminal("dumb").description.contains("TERM=dumb"))
        #expect(TerminalError.unsupportedTerminal("").description.contains("not set"))
    }

    @Test func openingWithoutATerminalThrowsInsteadOfExiting() {
        // Test runners have no terminal on stdin (CI has none at all).
        guard isatty(STDIN_FILENO) == 0 || isatty(STDOUT_FILENO) == 0 else { return }
        #expect(throws: TerminalError.notATerminal) { _ = try TerminalScreen.open() }
    }
}
