import GradTensor

extension Sequential {
    /// The layer table Keras' `model.summary()` prints, with the same layout and
    /// totals (float32 parameters, 4 bytes each). `ascii` swaps the box drawing
    /// for + - | so it survives terminals without UTF-8.
    public func summary(name: String = "sequential", ascii: Bool = false) -> String {
        Sequential.summary(layers: layers.map { ($0.name, $0.inputs, $0.units) }, name: name, ascii: ascii)
    }

    /// The same table from layer names and kernel shapes alone (Dense layers with bias).
    public static func summary(layers: [(name: String, inputs: Int, units: Int)], name: String = "sequential",
                               ascii: Bool = false) -> String {
        let widths = [33, 24, 15]
        let box = ascii ? SummaryBox.ascii : SummaryBox.unicode
        func rule(_ left: Character, _ mid: Character, _ right: Character, _ fill: Character) -> String {
            String(left) + widths.map { String(repeating: fill, count: $0) }.joined(separator: String(mid)) + String(right)
        }
        func row(_ cells: [String], _ bar: Character) -> String {
            let name = " " + cells[0].padded(toLength: widths[0] - 1)
            let shape = " " + cells[1].padded(toLength: widths[1] - 1)
            let params = String(repeating: " ", count: max(0, widths[2] - 1 - cells[2].count)) + cells[2] + " "
            return String(bar) + [name, shape, params].joined(separator: String(bar)) + String(bar)
        }
        var lines = ["Model: \"\(name)\""]
        lines.append(rule(box.topLeft, box.topMid, box.topRight, box.heavy))
        lines.append(row(["Layer (type)", "Output Shape", "Param #"], box.heavyBar))
        lines.append(rule(box.headLeft, box.headMid, box.headRight, box.heavy))
        var parameterCount = 0
        for (l, layer) in layers.enumerated() {
            let parameters = (layer.inputs + 1) * layer.units
            parameterCount += parameters
            if l > 0 { lines.append(rule(box.midLeft, box.cross, box.midRight, box.light)) }
            lines.append(row(["\(layer.name) (Dense)", "(None, \(layer.units))", "\(parameters)"], box.lightBar))
        }
        lines.append(rule(box.bottomLeft, box.bottomMid, box.bottomRight, box.light))
        let bytes = Sequential.byteText(parameterCount * 4)
        lines.append(" Total params: \(parameterCount) (\(bytes))")
        lines.append(" Trainable params: \(parameterCount) (\(bytes))")
        lines.append(" Non-trainable params: 0 (0.00 B)")
        return lines.joined(separator: "\n")
    }

    /// What the summary table cannot show about built weights, a few lines of at
    /// most 76 characters (the dashboard's summary overlay at 80 columns): the initializer and seed, and that the ONE seeded
    /// initializer every layer shares, as in the notebook, gives layers of the
    /// same shape the same kernel, naming each such group.
    public static func initializerNote(initializer: Initializer, seed: UInt64,
                                       layers: [(name: String, inputs: Int, units: Int)]) -> [String] {
        guard initializer != .zeros else { return [" Initial kernels and biases: zeros."] }
        var lines = [" Kernels: \(initializer.name)(seed=\(seed)) as TensorFlow draws it; biases 0.",
                     " One seeded initializer for every layer (the notebook's build_model), so"]
        var groups: [String: [String]] = [:], order: [String] = []
        for layer in layers {
            let shape = "\(layer.inputs)x\(layer.units)"
            if groups[shape] == nil { order.append(shape) }
            groups[shape, default: []].append(layer.name)
        }
        let shared = order.filter { (groups[$0]?.count ?? 0) > 1 }
        guard !shared.isEmpty else {
            lines.append(" layers of the same shape would start with the same kernel (none here).")
            return lines
        }
        lines.append(" layers of the same shape start with the same kernel:")
        for shape in shared {
            let names = groups[shape] ?? []
            let listed = names.count <= 4 ? names.joined(separator: ", ")
                : "\(names[0]), \(names[1]), ..., \(names[names.count - 1]) (\(names.count) layers)"
            lines.append("   \(shape): \(listed)")
        }
        return lines
    }

    /// Keras' size text: "96.00 B", "1.50 KB", "2.25 MB".
    static func byteText(_ bytes: Int) -> String {
        let units = ["B", "KB", "MB", "GB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return String(cFormat: "%.2f", value) + " " + units[unit]
    }
}

/// Box-drawing characters for the summary table.
struct SummaryBox {
    let topLeft, topMid, topRight, heavy, heavyBar: Character
    let headLeft, headMid, headRight: Character
    let midLeft, cross, midRight, light, lightBar: Character
    let bottomLeft, bottomMid, bottomRight: Character

    static let unicode = SummaryBox(
        topLeft: "┏", topMid: "┳", topRight: "┓", heavy: "━", heavyBar: "┃",
        headLeft: "┡", headMid: "╇", headRight: "┩",
        midLeft: "├", cross: "┼", midRight: "┤", light: "─", lightBar: "│",
        bottomLeft: "└", bottomMid: "┴", bottomRight: "┘")
    static let ascii = SummaryBox(
        topLeft: "+", topMid: "+", topRight: "+", heavy: "=", heavyBar: "|",
        headLeft: "+", headMid: "+", headRight: "+",
        midLeft: "+", cross: "+", midRight: "+", light: "-", lightBar: "|",
        bottomLeft: "+", bottomMid: "+", bottomRight: "+")
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
