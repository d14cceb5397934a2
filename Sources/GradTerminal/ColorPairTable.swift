/// Hands out ncurses colour pair numbers for (foreground, background) colour
/// numbers, allocating on first use and caching, so a frame costs one
/// dictionary lookup per written cell.
///
/// Pairs are never redefined: ncurses repaints every cell of a redefined
/// pair, which would recolour cells we did not mean to touch. When the
/// terminal's pairs run out, a new combination gets the nearest existing pair
/// instead (a linear scan, once per new combination; the answer is cached).
/// Pure bookkeeping: the caller defines each new pair with ncurses.
struct ColorPairTable {
    struct Colors: Hashable {
        var foreground: Int32
        var background: Int32
    }

    enum Lookup: Equatable {
        /// Already defined (or the fallback for a full table).
        case existing(Int32)
        /// Newly allocated: the caller must define it before use.
        case new(Int32)

        var number: Int32 {
            switch self {
            case .existing(let n), .new(let n): return n
            }
        }
    }

    /// Pair numbers 1..<capacity are ours; pair 0 is ncurses' fixed default pair.
    let capacity: Int
    let depth: ColorDepth
    private var pairs: [Colors: Int32] = [:]
    private var defined: [(colors: Colors, number: Int32)] = []

    init(capacity: Int, depth: ColorDepth) {
        self.capacity = max(1, capacity)
        self.depth = depth
    }

    var definedCount: Int { defined.count }

    mutating func pair(for colors: Colors) -> Lookup {
        if colors.foreground < 0 && colors.background < 0 { return .existing(0) }
        if let number = pairs[colors] { return .existing(number) }
        if defined.count + 1 < capacity {
            let number = Int32(defined.count + 1)
            pairs[colors] = number
            defined.append((colors, number))
            return .new(number)
        }
        let fallback = nearestDefinedPair(to: colors)
        pairs[colors] = fallback
        return .existing(fallback)
    }

    /// The defined pair (or the default pair 0) that looks most like `colors`.
    private func nearestDefinedPair(to colors: Colors) -> Int32 {
        let none = Colors(foreground: -1, background: -1)
        var best: Int32 = 0
        var bestDistance = distance(colors, none)
        for (candidate, number) in defined {
            let d = distance(colors, candidate)
            if d < bestDistance { best = number; bestDistance = d }
        }
        return best
    }

    private func distance(_ a: Colors, _ b: Colors) -> Int {
        colorDistance(a.foreground, b.foreground) + colorDistance(a.background, b.background)
    }

    /// The terminal default only matches itself; against a real colour it
    /// counts as far away (but not infinitely, so something is always chosen).
    private func colorDistance(_ a: Int32, _ b: Int32) -> Int {
        let far = ColorMapping.distance((0, 0, 0), (255, 255, 255))
        switch (ColorMapping.approximateRGB(of: a, depth: depth), ColorMapping.approximateRGB(of: b, depth: depth)) {
        case (nil, nil): return 0
        case let (x?, y?): return ColorMapping.distance(x, y)
        default: return far
        }
    }
}
