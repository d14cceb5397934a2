/// Minimal JSON writing for the headless commands and recordings, with stable,
/// round-trippable numbers: a Float prints as the shortest text that reads back to
/// the same value; NaN and Inf, which JSON cannot hold, print as null.
public enum JSONText {
    /// Negative zero prints as "0.0", like positive zero: it equals 0 and, in losses
    /// and gradient statistics, only records the sign of an underflowed product, so
    /// "-0.0" would be noise to a reader. (Model files keep exact bits; they do not
    /// use this.)
    public static func number(_ value: Float) -> String {
        guard value.isFinite else { return "null" }
        return value == 0 ? "0.0" : "\(value)"
    }

    public static func array(_ values: some Sequence<Float>) -> String {
        "[" + values.map(number).joined(separator: ",") + "]"
    }

    /// A flat row-major buffer as nested arrays of the given shape.
    public static func nested(_ values: [Float], shape: [Int]) -> String {
        guard shape.count > 1 else { return array(values) }
        let inner = shape.dropFirst().reduce(1, *)
        let parts = (0..<shape[0]).map { i in
            nested(Array(values[(i * inner)..<((i + 1) * inner)]), shape: Array(shape.dropFirst()))
        }
        return "[" + parts.joined(separator: ",") + "]"
    }

    /// A JSON string literal: quotes and backslashes escaped, every control
    /// character (C0, DEL, C1) as `\uXXXX` so ESC reads `\u001b`; all other
    /// text, non-ASCII included, stays UTF-8 as JSON allows.
    public static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
