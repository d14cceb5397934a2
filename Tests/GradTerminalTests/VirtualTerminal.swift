import GradUI

/// A tiny, strict VT100-style terminal for replaying recorded escape text:
/// printing with pending wrap, CUP, CUF, ED 2, SGR (reset, bold, underline,
/// reverse, 24-bit and default colours) and DECTCEM. Anything else is
/// collected in `unknown`, so a test fails when the encoder emits text a
/// player might not understand. Erasing uses the current background, as
/// real terminals do, so a missing reset before a clear shows up.
struct VirtualTerminal {
    private(set) var screen: Grid
    private(set) var unknown: [String] = []
    private(set) var cursorHidden = false
    private var x = 0, y = 0
    private var pendingWrap = false
    private var pen = Style.plain

    init(width: Int, height: Int) { screen = Grid(width: width, height: height) }

    mutating func resize(width: Int, height: Int) {
        screen = Grid(width: width, height: height)
        x = 0; y = 0; pendingWrap = false
    }

    mutating func feed(_ text: String) {
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if scalar == "\u{1b}" {
                guard scalars.popFirst() == "[" else { unknown.append("ESC without ["); continue }
                var parameters = ""
                while let next = scalars.popFirst() {
                    if (0x40...0x7E).contains(next.value) { control(parameters, final: next); break }
                    parameters.unicodeScalars.append(next)
                }
            } else if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                unknown.append("control \(scalar.value)")
            } else if scalar.properties.generalCategory == .nonspacingMark, x > 0 || pendingWrap {
                // A combining mark joins the glyph just printed.
                let column = pendingWrap ? x : x - 1
                var glyph = String(screen[column, y].glyph)
                glyph.unicodeScalars.append(scalar)
                screen[column, y].glyph = Character(glyph)
            } else {
                print(Character(scalar))
            }
        }
    }

    private mutating func print(_ glyph: Character) {
        if pendingWrap {
            pendingWrap = false
            x = 0
            y += 1
            if y >= screen.height { unknown.append("scrolled"); y = screen.height - 1 }
        }
        screen[x, y] = Cell(glyph, style: pen)
        if x + 1 < screen.width { x += 1 } else { pendingWrap = true }
    }

    private mutating func control(_ parameters: String, final: Unicode.Scalar) {
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        switch (final, parameters) {
        case ("H", _):
            y = min(screen.height, max(1, numbers.first.flatMap { $0 } ?? 1)) - 1
            x = min(screen.width, max(1, numbers.count > 1 ? numbers[1] ?? 1 : 1)) - 1
            pendingWrap = false
        case ("C", _):
            x = min(screen.width - 1, x + max(1, numbers.first.flatMap { $0 } ?? 1))
            pendingWrap = false
        case ("J", "2"):
            screen.fill(screen.bounds, with: Cell(" ", style: Style(background: pen.background)))
        case ("l", "?25"): cursorHidden = true
        case ("h", "?25"): cursorHidden = false
        case ("m", _): selectGraphicRendition(numbers.map { $0 ?? 0 })
        default: unknown.append("CSI \(parameters)\(final)")
        }
    }

    private mutating func selectGraphicRendition(_ codes: [Int]) {
        var codes = codes[...]
        while let code = codes.popFirst() {
            switch code {
            case 0: pen = .plain
            case 1: pen.bold = true
            case 4: pen.underline = true
            case 7: pen.reverse = true
            case 39: pen.foreground = .terminalDefault
            case 49: pen.background = .terminalDefault
            case 38, 48:
                guard codes.popFirst() == 2, let r = codes.popFirst(), let g = codes.popFirst(), let b = codes.popFirst()
                else { unknown.append("SGR \(code) without 2;r;g;b"); return }
                let color = Color.rgb(UInt8(r), UInt8(g), UInt8(b))
                if code == 38 { pen.foreground = color } else { pen.background = color }
            default: unknown.append("SGR \(code)")
            }
        }
    }
}

/// The first cell where `replayed` differs from `expected`, described in one
/// line, or nil when they are equal: short failure messages for big grids.
func firstDifference(_ replayed: Grid, _ expected: Grid) -> String? {
    guard replayed.width == expected.width, replayed.height == expected.height else {
        return "size \(replayed.width)x\(replayed.height), expected \(expected.width)x\(expected.height)"
    }
    for y in 0..<expected.height {
        for x in 0..<expected.width where replayed[x, y] != expected[x, y] {
            return "at (\(x), \(y)): \(replayed[x, y]), expected \(expected[x, y])"
        }
    }
    return nil
}
