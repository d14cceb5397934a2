import GradUI
import Testing
@testable import GradTerminal

@Suite("ANSI frame encoding")
struct AnsiFrameEncoderTests {
    static let red = Style(foreground: .rgb(255, 0, 0), bold: true)
    static let e = "\u{1b}["

    @Test func a_diff_writes_only_the_changed_cells_with_their_position_and_style() {
        let previous = Grid(width: 4, height: 2)
        var next = previous
        next.put("ab", x: 1, y: 0, style: Self.red)
        next.put("c", x: 3, y: 1)
        let e = Self.e
        #expect(AnsiFrameEncoder.encode(from: previous, to: next)
                == "\(e)1;2H\(e)0;1;38;2;255;0;0mab\(e)2;4H\(e)0mc")
    }

    @Test func an_unchanged_frame_encodes_to_nothing() {
        var grid = Grid(width: 5, height: 3)
        grid.put("hello", x: 0, y: 1, style: Self.red)
        #expect(AnsiFrameEncoder.encode(from: grid, to: grid) == "")
    }

    @Test func a_first_frame_resets_clears_and_skips_plain_blanks() {
        var grid = Grid(width: 3, height: 2)
        grid.put("x", x: 2, y: 1, style: Style(background: .rgb(1, 2, 3)))
        let e = Self.e
        #expect(AnsiFrameEncoder.encode(from: nil, to: grid) == "\(e)0m\(e)?25l\(e)H\(e)2J\(e)2;3H\(e)48;2;1;2;3mx")
    }

    @Test func a_size_change_redraws_everything_from_a_cleared_screen() {
        let small = Grid(width: 2, height: 2, filling: Cell("z"))
        let large = Grid(width: 3, height: 2, filling: Cell("z"))
        let text = AnsiFrameEncoder.encode(from: small, to: large)
        #expect(text.hasPrefix("\(Self.e)0m\(Self.e)?25l\(Self.e)H\(Self.e)2J"))
        #expect(text.filter { $0 == "z" }.count == 6)
    }

    @Test func gaps_within_a_row_are_skipped_with_cursor_forward() {
        let previous = Grid(width: 8, height: 1)
        var next = previous
        next.put("a", x: 0, y: 0)
        next.put("b", x: 2, y: 0)
        next.put("c", x: 6, y: 0)
        let e = Self.e
        #expect(AnsiFrameEncoder.encode(from: previous, to: next) == "\(e)1;1H\(e)0ma\(e)Cb\(e)3Cc")
    }

    @Test func after_the_last_column_the_next_cell_is_positioned_absolutely() {
        let previous = Grid(width: 2, height: 2)
        var next = previous
        next.put("ab", x: 0, y: 0)
        next.put("c", x: 0, y: 1)
        let e = Self.e
        // Printing "c" straight after "b" would rely on auto-wrap, which differs between terminals.
        #expect(AnsiFrameEncoder.encode(from: previous, to: next) == "\(e)1;1H\(e)0mab\(e)2;1Hc")
    }

    @Test func turning_an_attribute_off_resets_and_turning_one_on_adds_only_it() {
        let bold = Style(bold: true)
        let boldReverse = Style(bold: true, reverse: true)
        #expect(AnsiFrameEncoder.sgr(from: bold, to: boldReverse) == "\(Self.e)7m")
        #expect(AnsiFrameEncoder.sgr(from: boldReverse, to: Style(reverse: true)) == "\(Self.e)0;7m")
        #expect(AnsiFrameEncoder.sgr(from: Style(foreground: .rgb(1, 1, 1)), to: .plain) == "\(Self.e)39m")
        #expect(AnsiFrameEncoder.sgr(from: bold, to: bold) == "")
    }

    @Test(arguments: [Character("\u{7}"), "\u{1b}", "\u{9b}", "中", "\u{301}"])
    func glyphs_that_are_not_one_cell_wide_are_written_as_a_question_mark(glyph: Character) {
        #expect(AnsiFrameEncoder.glyphText(glyph) == "?")
    }

    @Test func drawing_glyphs_survive_unchanged() {
        for glyph: Character in ["█", "⣿", "·", "é", "│", "▁", "~"] {
            #expect(AnsiFrameEncoder.glyphText(glyph) == String(glyph))
        }
    }

    @Test func replaying_a_sequence_of_frames_reproduces_every_frame_exactly() {
        var random = SplitMix(seed: 42)
        var terminal = VirtualTerminal(width: 1, height: 1)
        var previous: Grid?
        let sizes = [(12, 5), (12, 5), (12, 5), (7, 9), (7, 9), (1, 1), (30, 4), (30, 4)]
        for (width, height) in sizes {
            var frame = previous.flatMap { $0.width == width && $0.height == height ? $0 : nil } ?? Grid(width: width, height: height)
            for _ in 0..<random.next(below: width * height + 1) {
                frame[random.next(below: width), random.next(below: height)] = randomCell(&random)
            }
            if previous.map({ $0.width != width || $0.height != height }) ?? true {
                terminal.resize(width: width, height: height)
            }
            terminal.feed(AnsiFrameEncoder.encode(from: previous, to: frame))
            #expect(terminal.unknown.isEmpty, "unsupported output: \(terminal.unknown)")
            let difference = firstDifference(terminal.screen, frame)
            #expect(difference == nil, "replay differs \(difference ?? "")")
            #expect(terminal.cursorHidden)
            previous = frame
        }
    }

    private func randomCell(_ random: inout SplitMix) -> Cell {
        let glyphs: [Character] = [" ", "a", "Z", "█", "⣿", "·", "é", "│", "e\u{301}", "?"]
        let colors: [Color] = [.terminalDefault, .rgb(255, 0, 0), .rgb(0, 128, 255), .rgb(12, 12, 12)]
        let style = Style(foreground: colors[random.next(below: colors.count)], background: colors[random.next(below: colors.count)],
                          bold: random.next(below: 2) == 1, reverse: random.next(below: 3) == 1, underline: random.next(below: 4) == 1)
        return Cell(glyphs[random.next(below: glyphs.count)], style: style)
    }
}

/// A small deterministic generator, so a failing replay can be reproduced.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(max(1, bound)))
    }
}
