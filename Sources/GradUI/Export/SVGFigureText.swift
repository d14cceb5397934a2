import GradNet
import GradSession

/// The words around an exported figure: its title, the line saying what
/// was trained on what, and footnotes on how the violins were drawn.
enum SVGFigureText {
    /// "sigmoid / random_uniform · step 0 (initial weights)", or the model file instead of the pair.
    static func title(_ config: RunConfig, step: Int) -> String {
        "\(configName(config)) · step \(step)\(step == 0 ? " (initial weights)" : "")"
    }

    /// "sigmoid / random_uniform", or the model file's path.
    static func configName(_ config: RunConfig) -> String {
        config.modelFile.map { "model \($0)" } ?? "\(config.activation.name) / \(config.initializer.name)"
    }

    /// "2-(2,2,2)-2" from the kernels' shapes (inputs of the first, units of each).
    static func networkShape(_ layers: [LayerGradientSummary]) -> String {
        guard let first = layers.first?.kernelShape.first, let last = layers.last?.kernelShape.last else { return "" }
        let hidden = layers.dropLast().compactMap { $0.kernelShape.last }.map(String.init).joined(separator: ",")
        return "\(first)-(\(hidden))-\(last)"
    }

    /// "notebook data, 100 examples, seed 100", or the CSV file's path.
    static func dataName(_ config: RunConfig) -> String {
        config.dataFile.map { "data \($0)" } ?? "notebook data, \(config.examples) examples, data seed \(config.dataSeed)"
    }

    static func subtitle(_ snapshot: TrainingSnapshot) -> String {
        var parts = ["network \(networkShape(snapshot.layers))", dataName(snapshot.config)]
        if snapshot.config.modelFile == nil { parts.append("weight seed \(snapshot.config.seed)") }
        if snapshot.step > 0 {
            let c = snapshot.config
            parts.append("\(c.optimizer.rawValue), lr \(NiceTicks.label(Double(c.learningRate))), batch \(c.batchSize.map(String.init) ?? "full")")
        }
        return parts.joined(separator: " · ")
    }

    /// What a reader of the figure needs to know about how it was drawn.
    static func footnotes(_ snapshots: [TrainingSnapshot], axis: FigureAxis) -> [String] {
        var notes = ["Per-example kernel gradients; Gaussian KDE, Scott's bandwidth.", "Solid line: median; dashed: quartiles."]
        if let note = axis.footnote(snapshots.map(\.layers)) { notes.append(note) }
        let layers = snapshots.flatMap(\.layers)
        if let biggest = layers.filter(\.isSampled).max(by: { $0.totalCount < $1.totalCount }) {
            notes.append("Sampled: violins of layers with more than \(biggest.values.count) values use an even sample of \(biggest.values.count).")
        }
        let dropped = layers.reduce(0) { $0 + ViolinStatistics(values: $1.values).nonFiniteCount }
        if dropped > 0 { notes.append("\(dropped) NaN or infinite gradient values are not drawn.") }
        for snapshot in snapshots {
            if let trouble = snapshot.trouble { notes.append("\(configName(snapshot.config)): \(troubleNote(trouble)).") }
        }
        return notes
    }

    /// What the alarm means, for a footnote: "training diverged (NaN or Inf) at step 7".
    static func troubleNote(_ trouble: RunTrouble) -> String {
        switch trouble {
        case .diverged(let step): "training diverged (NaN or Inf) at step \(step)"
        case .health(.exploded(let step)):
            "the loss exploded (\(Int(RunHealth.explosionFactor))x the first step's or more) at step \(step)"
        case .health(.dead(let step)): "gradients dead (every kernel gradient exactly zero) at step \(step)"
        }
    }

    /// `notes` joined with "  " into as few lines as fit in `width` units, never splitting a note.
    static func packed(_ notes: [String], width: Double) -> [String] {
        var lines: [String] = []
        for note in notes {
            if let last = lines.last, SVGAxes.textWidth(last + "  " + note, fontSize: footnoteFont) <= width {
                lines[lines.count - 1] = last + "  " + note
            } else {
                lines.append(note)
            }
        }
        return lines
    }

    static let footnoteFont = 10.5

    /// "0.0147", "2.13", "1.2e-5" as the dashboard's status panel prints the ratio (plain from
    /// 1e-4 to 1000); when the last layer's gradients are all zero, says so instead of NaN.
    static func ratioText(_ snapshot: TrainingSnapshot) -> String {
        let ratio = snapshot.firstToLastRatio
        if ratio.isFinite { return "first/last layer mean |g|: \(NiceTicks.label(Double(ratio)))" }
        let dead = snapshot.deadUnits > 0 ? " (\(snapshot.deadUnits) dead units)" : ""
        return "last layer's gradients all zero\(dead)"
    }

    /// Title and subtitle at the top; returns the y where the content can start.
    static func drawHeader(_ doc: inout SVGDocument, title: String, subtitle: String, palette: SVGPalette) -> Double {
        doc.add("text", ["class": "figure-title", "x": "16", "y": "26", "font-size": "17", "font-weight": "bold",
                         "fill": palette.foreground], text: title)
        doc.add("text", ["class": "figure-subtitle", "x": "16", "y": "45", "font-size": "12", "fill": palette.muted], text: subtitle)
        return 62
    }

    /// Footnotes, the last one ending at `bottom`.
    static func drawFootnotes(_ doc: inout SVGDocument, _ notes: [String], bottom: Double, palette: SVGPalette) {
        for (index, note) in notes.enumerated() {
            let y = bottom - Double(notes.count - 1 - index) * 14
            doc.add("text", ["class": "footnote", "x": "16", "y": SVGDocument.number(y), "font-size": SVGDocument.number(footnoteFont),
                             "fill": palette.muted], text: note)
        }
    }
}
