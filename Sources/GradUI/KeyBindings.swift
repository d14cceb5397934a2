/// Everything the user can ask the dashboard to do. Keys and mouse clicks
/// both become one of these; the executable applies them.
public enum DashboardAction: Sendable, Hashable {
    case quit, togglePause, step, reset
    case speedUp, speedDown
    /// Learning rate x2 / /2.
    case lrUp, lrDown
    case cycleOptimizer, newSeed, newData, cycleHidden
    case nextActivation, prevActivation, nextInitializer, prevInitializer
    case cycleAxisMode, toggleLossLogScale, toggleSummary, toggleHelp, cycleTheme
    /// Switch between the dashboard and the compare grid; show the activation function.
    case toggleCompare, toggleActivationView
    case cycleDataset, togglePrediction
    /// Tour: next and previous stop.
    case tourNext, tourPrevious
    /// Move the picker focus within / between pickers, choose the focused item.
    case focusUp, focusDown, focusSwitch, chooseFocused
    case closeOverlay
    /// A click on a picker item (index into the list shown).
    case pickActivation(Int), pickInitializer(Int)
}

/// A key the user pressed, as the terminal backend decodes it.
public enum Key: Sendable, Hashable {
    /// A printable character, including space.
    case character(Character)
    case enter, escape, tab, backtab, backspace, delete, insert
    case up, down, left, right, home, end, pageUp, pageDown
    /// Ctrl plus a letter or symbol, as its upper-case character: Ctrl-A is
    /// `.ctrl("A")`. Ctrl-C and Ctrl-Z normally arrive as signals instead.
    case ctrl(Character)
    /// F1 is `.function(1)`.
    case function(Int)
}

/// One row of the key table: the keys, how help shows them, what they do.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    /// As shown in help and hints, ASCII only: "space", "up k".
    public var keyLabel: String
    public var summary: String
    public var action: DashboardAction
    /// A short name for the one-line hint bar, nil when it is not hinted there.
    public var hint: String?
}

/// The single key table: input mapping and the help overlay are both derived
/// from `all`, so they cannot disagree.
public enum KeyBindings {
    public static let all: [KeyBinding] = [
        KeyBinding(keys: [.character("q")], keyLabel: "q", summary: "quit", action: .quit, hint: "quit"),
        KeyBinding(keys: [.character(" ")], keyLabel: "space", summary: "pause / resume", action: .togglePause, hint: "pause"),
        KeyBinding(keys: [.character("s")], keyLabel: "s", summary: "one step (when paused)", action: .step, hint: "step"),
        KeyBinding(keys: [.character("r")], keyLabel: "r", summary: "reset weights", action: .reset, hint: "reset"),
        KeyBinding(keys: [.character("+"), .character("=")], keyLabel: "+ =", summary: "faster (steps/s)", action: .speedUp, hint: nil),
        KeyBinding(keys: [.character("-"), .character("_")], keyLabel: "- _", summary: "slower", action: .speedDown, hint: "speed"),
        KeyBinding(keys: [.character("]")], keyLabel: "]", summary: "learning rate x2", action: .lrUp, hint: nil),
        KeyBinding(keys: [.character("[")], keyLabel: "[", summary: "learning rate /2", action: .lrDown, hint: "lr"),
        KeyBinding(keys: [.character("o")], keyLabel: "o", summary: "next optimizer", action: .cycleOptimizer, hint: nil),
        KeyBinding(keys: [.character("a")], keyLabel: "a", summary: "next activation", action: .nextActivation, hint: "act"),
        KeyBinding(keys: [.character("A")], keyLabel: "A", summary: "previous activation", action: .prevActivation, hint: nil),
        KeyBinding(keys: [.character("i")], keyLabel: "i", summary: "next initializer", action: .nextInitializer, hint: "init"),
        KeyBinding(keys: [.character("I")], keyLabel: "I", summary: "previous initializer", action: .prevInitializer, hint: nil),
        KeyBinding(keys: [.character("h")], keyLabel: "h", summary: "next hidden-layer preset", action: .cycleHidden, hint: nil),
        KeyBinding(keys: [.character("n")], keyLabel: "n", summary: "new weight seed", action: .newSeed, hint: nil),
        KeyBinding(keys: [.character("d")], keyLabel: "d", summary: "new data draw", action: .newData, hint: nil),
        KeyBinding(keys: [.character("D")], keyLabel: "D", summary: "next generated data set", action: .cycleDataset, hint: nil),
        KeyBinding(keys: [.character("p")], keyLabel: "p", summary: "prediction panel on/off", action: .togglePrediction, hint: nil),
        KeyBinding(keys: [.character("v")], keyLabel: "v", summary: "violin axis mode", action: .cycleAxisMode, hint: "axis"),
        KeyBinding(keys: [.character("l")], keyLabel: "l", summary: "loss log scale on/off", action: .toggleLossLogScale, hint: nil),
        KeyBinding(keys: [.character("m")], keyLabel: "m", summary: "model summary", action: .toggleSummary, hint: nil),
        KeyBinding(keys: [.character("t")], keyLabel: "t", summary: "next colour theme", action: .cycleTheme, hint: nil),
        KeyBinding(keys: [.character("c")], keyLabel: "c", summary: "compare grid / back", action: .toggleCompare, hint: "compare"),
        KeyBinding(keys: [.character("f")], keyLabel: "f", summary: "activation f and f'", action: .toggleActivationView, hint: nil),
        KeyBinding(keys: [.up, .character("k")], keyLabel: "up k", summary: "picker focus up", action: .focusUp, hint: nil),
        KeyBinding(keys: [.down, .character("j")], keyLabel: "down j", summary: "picker focus down", action: .focusDown, hint: nil),
        KeyBinding(keys: [.tab], keyLabel: "tab", summary: "switch picker", action: .focusSwitch, hint: nil),
        KeyBinding(keys: [.left, .right], keyLabel: "left right", summary: "switch picker", action: .focusSwitch, hint: nil),
        KeyBinding(keys: [.enter], keyLabel: "enter", summary: "choose focused item", action: .chooseFocused, hint: nil),
        KeyBinding(keys: [.character(">"), .character("."), .pageDown], keyLabel: "> .", summary: "tour: next stop", action: .tourNext, hint: nil),
        KeyBinding(keys: [.character("<"), .character(","), .pageUp], keyLabel: "< ,", summary: "tour: previous stop", action: .tourPrevious, hint: nil),
        KeyBinding(keys: [.character("?")], keyLabel: "?", summary: "this help", action: .toggleHelp, hint: "help"),
        KeyBinding(keys: [.escape], keyLabel: "esc", summary: "close help / summary", action: .closeOverlay, hint: nil),
    ]

    /// What `key` does, nil when nothing.
    public static func action(for key: Key) -> DashboardAction? {
        all.first { $0.keys.contains(key) }?.action
    }

    /// The keys of the compare grid: what applies to every tile at once.
    public static let compare: [KeyBinding] = all.filter {
        [.quit, .togglePause, .step, .reset, .speedUp, .speedDown, .cycleAxisMode, .cycleTheme,
         .toggleCompare, .toggleHelp, .closeOverlay].contains($0.action)
    }

    /// The binding label shown for `action` ("space"), nil when unbound.
    public static func keyLabel(for action: DashboardAction) -> String? {
        all.first { $0.action == action }?.keyLabel
    }
}

/// The steps-per-second ladder of + and -; nil is "as fast as possible".
public enum SpeedLadder {
    public static let stepsPerSecond: [Int?] = [1, 2, 5, 10, 30, 100, nil]

    public static func label(_ speed: Int?) -> String { speed.map { "\($0)/s" } ?? "max" }

    /// The neighbour of `speed` on the ladder, clamped at both ends.
    public static func step(from speed: Int?, faster: Bool) -> Int? {
        let index = stepsPerSecond.firstIndex(of: speed) ?? 3
        let next = min(stepsPerSecond.count - 1, max(0, index + (faster ? 1 : -1)))
        return stepsPerSecond[next]
    }
}

/// The hidden-layer layouts the h key cycles through.
public enum HiddenPresets {
    public static let all: [[Int]] = [[2, 2, 2], [4, 4, 4], [8, 8, 8, 8], Array(repeating: 32, count: 6), Array(repeating: 16, count: 10)]

    /// "2,2,2" or "32x6" for repeated sizes of 5 or more layers.
    public static func describe(_ hidden: [Int]) -> String {
        if hidden.count >= 5, let first = hidden.first, hidden.allSatisfy({ $0 == first }) { return "\(first)x\(hidden.count)" }
        return hidden.map(String.init).joined(separator: ",")
    }

    /// The preset after `hidden` (the first when `hidden` is not a preset).
    public static func next(after hidden: [Int]) -> [Int] {
        guard let index = all.firstIndex(of: hidden) else { return all[0] }
        return all[(index + 1) % all.count]
    }
}
