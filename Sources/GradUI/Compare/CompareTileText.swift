import GradSession

/// The compare grid's words, in forms from longest to shortest, so narrow tiles
/// (three of about 26 columns at 80) still show what matters most: which
/// configuration, the first/last-layer gradient ratio and its verdict. All tiles
/// use the same form (the longest that fits every tile), so the grid reads alike
/// across tiles. Pure functions; widths count characters (cells).
public enum CompareTileText {
    /// "sigmoid · random_uniform"; then the initializer's last word cut to its
    /// initial ("sigmoid · random_u", "tanh · glorot_n": the initial still tells
    /// uniform from normal); then the activation's likewise ("leaky_r · glorot_u").
    public static func labels(activation: String, initializer: String, glyphs: GlyphSet) -> [String] {
        let joined = { (a: String, i: String) in "\(a) \(glyphs.separator) \(i)" }
        return [joined(activation, initializer),
                joined(activation, initialOfLastWord(initializer)),
                joined(initialOfLastWord(activation), initialOfLastWord(initializer))]
    }

    /// "random_uniform" -> "random_u"; names of one word stay whole.
    static func initialOfLastWord(_ name: String) -> String {
        guard let underscore = name.lastIndex(of: "_"), name.index(after: underscore) < name.endIndex else { return name }
        return String(name[...name.index(after: underscore)])
    }

    /// The tile's bottom text line, each form with whether it includes the loss.
    /// The verdict ("0.0147 vanishing", "all zero (dead)") is kept longest; the loss
    /// goes first (to the bottom border), then the label "1st/last" gives way to
    /// "g1/gL", then to nothing: "loss 0.366  1st/last 0.0147 vanishing",
    /// "1st/last 0.0147 vanishing", "g1/gL 0.0147 vanishing", "0.0147 vanishing".
    public static func footers(verdict: GradientFlowVerdict, loss: String) -> [(text: String, showsLoss: Bool)] {
        let (long, short) = verdict == .allZero ? ("gradients", "grads") : ("1st/last", "g1/gL")
        return [(text: "loss \(loss)  \(long) \(verdict.text)", showsLoss: true), (text: "\(long) \(verdict.text)", showsLoss: false),
                (text: "\(short) \(verdict.text)", showsLoss: false), (text: verdict.text, showsLoss: false)]
    }

    /// The first form index at which every tile's text fits its width (`forms[i][level]`
    /// into `widths[i]`), else the last index: then the caller cuts what still overflows.
    public static func level(_ forms: [[String]], fitting widths: [Int]) -> Int {
        let count = forms.map(\.count).min() ?? 0
        guard count > 0 else { return 0 }
        return (0..<count).first { level in zip(forms, widths).allSatisfy { $0[level].count <= $1 } } ?? count - 1
    }

    /// The tile's bottom border note: the run's alarm in the dashboard's words ("DIVERGED",
    /// "EXPLODED", "GRADIENTS DEAD" and its step), else the loss when the footer had no room
    /// for it and the step, as much as fits in `width`, whole items only; the loss outranks
    /// the step. Empty when nothing fits.
    public static func borderNote(step: Int, trouble: RunTrouble?, loss: String?, fitting width: Int) -> String {
        if let trouble {
            let (name, at) = (trouble.name, trouble.step)
            return ["\(name) at step \(at)", "\(name) \(at)", name].first { $0.count <= width } ?? ""
        }
        let candidates = [loss.map { "loss \($0)  step \(step)" }, loss.map { "loss \($0)" }, "step \(step)"].compactMap { $0 }
        return candidates.first { $0.count <= width } ?? ""
    }
}
