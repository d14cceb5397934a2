/// Minimal JSON writing with stable, round-trippable numbers: a Float prints as
/// the shortest text that reads back to the same bits; NaN and Inf, which JSON
/// cannot hold, print as null.
enum JSONText {
    static func number(_ value: Float) -> String {
        guard value.isFinite else { return "null" }
        return "\(value)"
    }

    static func array(_ values: some Sequence<Float>) -> String {
        "[" + values.map(number).joined(separator: ",") + "]"
    }

    /// A flat row-major buffer as nested arrays of the given shape.
    static func nested(_ values: [Float], shape: [Int]) -> String {
        guard shape.count > 1 else { return array(values) }
        let inner = shape.dropFirst().reduce(1, *)
        let parts = (0..<shape[0]).map { i in
            nested(Array(values[(i * inner)..<((i + 1) * inner)]), shape: Array(shape.dropFirst()))
        }
        return "[" + parts.joined(separator: ",") + "]"
    }

    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
