extension Tensor: CustomStringConvertible {
    /// numpy-like text: nested brackets, shape and dtype, e.g.
    /// `tensor([[1, 2], [3, 4]], shape=(2, 2), dtype=float32)`.
    public var description: String {
        "tensor(\(Tensor.nested(scalars[...], shape[...])), shape=\(Tensor.shapeText(shape)), dtype=float32)"
    }

    /// `(2, 3)` for shape `[2, 3]`, `(3,)` for `[3]`, `()` for a scalar.
    public static func shapeText(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    /// Shortest text that reads back as the same float ("1" rather than "1.0").
    public static func format(_ value: Float) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e7 { return String(Int(value)) }
        return "\(value)"
    }

    private static func nested(_ values: ArraySlice<Float>, _ shape: ArraySlice<Int>) -> String {
        guard let extent = shape.first else { return format(values[values.startIndex]) }
        let inner = shape.dropFirst().reduce(1, *)
        let parts = (0..<extent).map { i -> String in
            let start = values.startIndex + i * inner
            return nested(values[start..<(start + inner)], shape.dropFirst())
        }
        return "[" + parts.joined(separator: ", ") + "]"
    }
}
