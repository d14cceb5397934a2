import GradNet
import GradSession
import GradTensor

/// `gradtop tour`: the notebook's Part 2 in order, then a few steps beyond it,
/// each stop a configuration and a short caption saying what to look for.
public struct Tour: Sendable {
    public struct Stop: Sendable, Equatable {
        public var activation: Activation
        public var initializer: Initializer
        /// nil keeps the hidden sizes the tour started with.
        public var hidden: [Int]?
        public var title: String
        public var lines: [String]
        /// A Playground data set, with `testRatio` of it held out; nil keeps the tour's data.
        public var dataset: DatasetKind? = nil
        public var testRatio: Double = 0
    }

    public static let stops: [Stop] = [
        Stop(activation: .sigmoid, initializer: .randomUniform, hidden: nil,
             title: "1. Sigmoid, weights uniform on [-1, 1]",
             lines: ["The vanishing gradient: layer 1's violin is a thin line, layer 4's is wide.",
                     "sigmoid' is at most 0.25, so every layer the error passes back through shrinks it.",
                     "As in the notebook, one seeded initializer gives all four layers the same kernel."]),
        Stop(activation: .tanh, initializer: .randomUniform, hidden: nil,
             title: "2. Tanh, same weights",
             lines: ["tanh' reaches 1 at zero, four times sigmoid's best, and tanh is centred on zero.",
                     "The early layers' violins widen; the first/last ratio moves towards 1.",
                     "Large weights still push units into the flat tails, where tanh' is near 0."]),
        Stop(activation: .relu, initializer: .randomUniform, hidden: nil,
             title: "3. ReLU, same weights",
             lines: ["relu' is 1 for positive inputs; a unit negative for every example passes nothing.",
                     "Seed 100 starts with 2 such dead units, yet live paths carry gradients to layer 1.",
                     "About 1 seed in 5 starts with the whole network dead: press n to look for one."]),
        Stop(activation: .sigmoid, initializer: .glorotNormal, hidden: nil,
             title: "4. Sigmoid, Glorot normal weights",
             lines: ["Glorot: sd = sqrt(2 / (fan_in + fan_out)), here sd 0.71 (uniform [-1, 1]: 0.58).",
                     "At seed 100 first/last starts at 0.083, 7x stop 1's 0.0125, as in the notebook.",
                     "Still vanishing: sigmoid' <= 0.25 stays the problem. Next: tanh, then ReLU."]),
        Stop(activation: .tanh, initializer: .glorotNormal, hidden: nil,
             title: "5. Tanh, Glorot normal",
             lines: ["Glorot's derivation assumes an activation like tanh: linear near zero, symmetric.",
                     "The four layers' mean |g| start out alike (first/last about 1): gradients flow through.",
                     "This is the pairing the notebook's Part 2 is building up to."]),
        Stop(activation: .relu, initializer: .glorotNormal, hidden: nil,
             title: "6. ReLU, Glorot normal",
             lines: ["Gradients are large and alive at the start: no shrinking through relu'.",
                     "Keep watching: as training goes on, units can still die one by one.",
                     "Press v for the symmetric-log axis when one layer dwarfs the others."]),
        Stop(activation: .leakyRelu, initializer: .glorotNormal, hidden: nil,
             title: "7. Beyond the notebook: leaky ReLU",
             lines: ["leaky_relu passes 0.2 of the gradient for negative inputs instead of nothing.",
                     "No unit can die for good; compare 'dead units' with the ReLU stops.",
                     "The cost is a little less sparsity, rarely a problem in practice."]),
        Stop(activation: .selu, initializer: .lecunNormal, hidden: nil,
             title: "8. SELU with LeCun normal weights",
             lines: ["SELU's constants are chosen so activations keep mean 0 and variance 1 by themselves,",
                     "provided the weights are LeCun normal (sd = sqrt(1 / fan_in)).",
                     "A self-normalising network: layer sizes of gradient stay comparable."]),
        Stop(activation: .relu, initializer: .heNormal, hidden: nil,
             title: "9. ReLU with He normal weights",
             lines: ["ReLU zeroes half its inputs, halving the variance at each layer.",
                     "He doubles the weights' variance (sd = sqrt(2 / fan_in)) to make up for it.",
                     "Seed 100 starts alive, yet dies whole near step 440: 2 units a layer leave no spare."]),
        Stop(activation: .sigmoid, initializer: .randomUniform, hidden: [8, 8, 8, 8, 8, 8, 8, 8],
             title: "10. Deeper: eight sigmoid layers",
             lines: ["Each extra layer multiplies in another factor below 0.25: the heat strip's first rows fade.",
                     "One seeded initializer: all seven 8x8 layers start with the same kernel.",
                     "Press a or i to try your own fix on this deep network."]),
        // Measured on this stop's data (500 points, 30% held out) at seeds 100 and 4: sigmoid/Glorot
        // stays under 70% test accuracy after 600 steps with g1/gL below 0.03; ReLU/He passes 90% by step 300.
        Stop(activation: .sigmoid, initializer: .glorotNormal, hidden: Array(repeating: 8, count: 6),
             title: "11. What vanishing costs: six sigmoid layers on a spiral",
             lines: ["Playground's spiral: two arms, one class each. The prediction panel (top right) shows",
                     "what the network answers over the plane: dots are training points, rings held-out ones.",
                     "The first layers' violins stay flat lines and the picture stays a blur: it cannot bend."],
             dataset: .spiral, testRatio: 0.3),
        Stop(activation: .relu, initializer: .heNormal, hidden: Array(repeating: 8, count: 6),
             title: "12. The same spiral with ReLU and He weights",
             lines: ["Gradients reach the first layers, so every layer learns.",
                     "Within a few hundred steps the colours bend into the two arms,",
                     "and test accuracy (run panel) climbs far above the sigmoid network's."],
             dataset: .spiral, testRatio: 0.3),
    ]

    public private(set) var index: Int
    /// The configuration the tour started from (data, optimizer, seed, hidden sizes).
    public let base: RunConfig

    public init(base: RunConfig, index: Int = 0) {
        self.base = base
        self.index = min(max(0, index), Tour.stops.count - 1)
    }

    public var stop: Stop { Tour.stops[index] }
    public var position: String { "\(index + 1)/\(Tour.stops.count)" }

    /// The configuration of the current stop.
    public var config: RunConfig {
        var config = base
        config.activation = stop.activation
        config.initializer = stop.initializer
        config.hidden = stop.hidden ?? base.hidden
        config.modelFile = nil
        if let dataset = stop.dataset, base.dataFile == nil {
            if config.examples == config.dataset.defaultExamples { config.examples = dataset.defaultExamples }
            config.dataset = dataset
            config.testRatio = stop.testRatio
            config.lossChoice = nil
        }
        return config
    }

    /// Moves to the next (or previous) stop; false at either end.
    public mutating func move(forward: Bool) -> Bool {
        let next = index + (forward ? 1 : -1)
        guard Tour.stops.indices.contains(next) else { return false }
        index = next
        return true
    }
}

/// The tour's caption panel: the stop's title, its lines wrapped to the width,
/// and where in the tour we are; below the lines, when rows are left, the run's
/// numbers (step, loss, gradient ratio, dead units) that the captions point at,
/// since the caption takes the run panel's place.
public struct TourCaption: Sendable {
    public var tour: Tour
    public var status: StatusPanel?
    public init(tour: Tour, status: StatusPanel? = nil) {
        self.tour = tour
        self.status = status
    }

    public func render(in rect: Rect, into grid: inout Grid, context: RenderContext) {
        let theme = context.theme, g = context.glyphs
        // The position and the keys that move are what a newcomer needs most: at 80 columns the
        // title gives way to them (drawPanel would drop the hint whole rather than cut it).
        let trailing = "\(tour.position)  < > move"
        let title = g.truncate(tour.stop.title, to: max(0, rect.width - 9 - trailing.count))
        let inner = grid.drawPanel(rect, title: title, trailing: trailing, context: context, highlighted: true)
        var y = inner.y
        for line in tour.stop.lines.flatMap({ TourCaption.wrap($0, width: inner.width - 2) }) where y < inner.maxY {
            grid.put(g.truncate(line, to: inner.width - 2), x: inner.x + 1, y: y, style: theme.text)
            y += 1
        }
        // One blank row between the caption and the numbers keeps them apart.
        if let status, inner.maxY - (y + 1) >= 1 {
            status.render(in: Rect(x: inner.x + 1, y: y + 1, width: inner.width - 2, height: inner.maxY - y - 1),
                          into: &grid, context: context)
        } else if let snapshot = status?.model.snapshot, rect.width > 12 {
            // No rows left (80x24): the numbers the captions point at go in the bottom border.
            let flow = GradientFlowVerdict(snapshot)
            let note = TourCaption.borderNote(snapshot, fitting: rect.width - 6)
            grid.put(" " + g.truncate(note, to: rect.width - 6) + " ", x: rect.x + 2, y: rect.maxY - 1,
                     style: flow.isWarning || snapshot.trouble != nil ? theme.warningStyle : theme.mutedText)
        }
    }

    /// The run's numbers on one line, as many as fit in `width`, most telling first:
    /// "g1/gL 0.0147 vanishing  step 240  dead 0  loss 0.366" (the run's alarm, "DIVERGED at step 7",
    /// "EXPLODED at step 2" or "GRADIENTS DEAD at step 3", before all).
    static func borderNote(_ snapshot: TrainingSnapshot, fitting width: Int) -> String {
        var parts = ["g1/gL \(GradientFlowVerdict(snapshot).text)", "step \(snapshot.step)", "dead \(snapshot.deadUnits)",
                     "loss \(NiceTicks.label(Double(snapshot.loss)))"]
        if let alarm = snapshot.alarm { parts.insert(alarm, at: 0) }
        var note = parts[0]
        for part in parts.dropFirst() where note.count + 2 + part.count <= width { note += "  " + part }
        return note
    }

    /// Words of `text` in lines of at most `width` characters.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty { current = String(word) }
            else if current.count + 1 + word.count <= width { current += " " + word }
            else { lines.append(current); current = String(word) }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
