import GradUI

/// Pure colour arithmetic: which terminal colour number shows a `Color` best
/// at a given depth. No ncurses here, so all of it is unit-tested.
///
/// Distances use the "redmean" approximation of perceived difference, which
/// keeps e.g. dark orange from collapsing to grey the way plain RGB distance
/// does, at the cost of a few multiplies per candidate.
enum ColorMapping {
    typealias RGB = (r: Int, g: Int, b: Int)

    /// The terminal's default colour, as ncurses' use_default_colors() spells it.
    static let terminalDefaultNumber: Int32 = -1

    /// The six channel levels of the xterm 6x6x6 colour cube (indices 16...231).
    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// The usual xterm rendering of the 16 ANSI colours. Real terminals theme
    /// these, so they are a best guess, used only at 8/16-colour depth.
    static let ansiPalette: [RGB] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The colour number for `color` at `depth`: -1 for the terminal default
    /// and for everything at depth `.none`.
    static func number(for color: Color, depth: ColorDepth) -> Int32 {
        guard case let .rgb(r, g, b) = color else { return terminalDefaultNumber }
        let rgb = (r: Int(r), g: Int(g), b: Int(b))
        switch depth {
        case .none: return terminalDefaultNumber
        case .ansi8: return Int32(nearestANSI(rgb, count: 8))
        case .ansi16: return Int32(nearestANSI(rgb, count: 16))
        case .palette256: return Int32(nearestXterm256(rgb))
        case .direct: return directNumber(rgb)
        }
    }

    /// 0xRRGGBB, except that values below 8 become 8: direct-colour terminfo
    /// (xterm-direct) sends 0...7 as the themed ANSI colours, so a near-black
    /// blue like (0, 0, 5) would otherwise show as magenta.
    static func directNumber(_ rgb: RGB) -> Int32 {
        max(8, Int32(rgb.r << 16 | rgb.g << 8 | rgb.b))
    }

    /// The nearest entry of the xterm-256 cube (16...231) or grey ramp
    /// (232...255). The 16 ANSI entries are skipped because themes change them.
    static func nearestXterm256(_ rgb: RGB) -> Int {
        let level = (r: nearestCubeLevel(rgb.r), g: nearestCubeLevel(rgb.g), b: nearestCubeLevel(rgb.b))
        let cubeIndex = 16 + 36 * level.r + 6 * level.g + level.b
        let cubeRGB = (r: cubeLevels[level.r], g: cubeLevels[level.g], b: cubeLevels[level.b])

        let mean = (rgb.r + rgb.g + rgb.b) / 3
        let greyStep = min(23, max(0, (mean - 8 + 5) / 10))  // grey step i is level 8 + 10 i
        let greyLevel = 8 + 10 * greyStep
        let greyRGB = (r: greyLevel, g: greyLevel, b: greyLevel)

        return distance(rgb, greyRGB) < distance(rgb, cubeRGB) ? 232 + greyStep : cubeIndex
    }

    /// The nearest of the first `count` (8 or 16) ANSI colours.
    static func nearestANSI(_ rgb: RGB, count: Int) -> Int {
        var best = 0
        var bestDistance = Int.max
        for index in 0..<min(count, ansiPalette.count) {
            let d = distance(rgb, ansiPalette[index])
            if d < bestDistance { best = index; bestDistance = d }
        }
        return best
    }

    /// The colour a terminal colour number stands for, as far as we know it;
    /// nil for the terminal default. Used to find the nearest existing colour
    /// pair when pairs run out.
    static func approximateRGB(of number: Int32, depth: ColorDepth) -> RGB? {
        guard number >= 0 else { return nil }
        let n = Int(number)
        if depth == .direct && n >= 8 { return ((n >> 16) & 0xFF, (n >> 8) & 0xFF, n & 0xFF) }
        if n < 16 { return ansiPalette[n] }
        if n < 232 {
            let cube = n - 16
            return (cubeLevels[cube / 36], cubeLevels[(cube / 6) % 6], cubeLevels[cube % 6])
        }
        let grey = 8 + 10 * min(23, n - 232)
        return (grey, grey, grey)
    }

    /// Index 0...5 of the cube level nearest to `value` (0...255).
    static func nearestCubeLevel(_ value: Int) -> Int {
        // Midpoints: 0|47.5|95|115|135|155|175|195|215|235|255.
        if value < 48 { return 0 }
        if value < 115 { return 1 }
        return min(5, (value - 115) / 40 + 2)
    }

    /// Redmean colour distance (squared, scaled by 256); 0 only for equal colours.
    static func distance(_ a: RGB, _ b: RGB) -> Int {
        let redMean = (a.r + b.r) / 2
        let dr = a.r - b.r, dg = a.g - b.g, db = a.b - b.b
        return (512 + redMean) * dr * dr + 1024 * dg * dg + (767 - redMean) * db * db
    }
}
