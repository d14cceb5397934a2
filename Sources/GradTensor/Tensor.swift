/// A dense, row-major, float32 array of any rank.
///
/// `Tensor` is a value type: copies share storage until one of them is written
/// (Swift's copy-on-write arrays), so handing a tensor to another thread is safe
/// and cheap. Shapes are checked on every operation; a mismatch is a programmer
/// error and stops with a message that prints both shapes.
public struct Tensor: Sendable, Equatable {
    /// Extent of each axis, outermost first. A scalar has shape `[]`.
    public private(set) var shape: [Int]
    /// The elements in row-major order; `scalars.count == shape.product`.
    public var scalars: [Float]

    /// A tensor with the given shape and row-major elements.
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative extent in shape \(shape)")
        precondition(
            shape.reduce(1, *) == scalars.count,
            "shape \(shape) needs \(shape.reduce(1, *)) elements, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
    }

    /// A rank-0 tensor.
    public init(_ scalar: Float) { self.init(shape: [], scalars: [scalar]) }

    /// A rank-1 tensor (a vector).
    public init(_ vector: [Float]) { self.init(shape: [vector.count], scalars: vector) }

    /// A rank-2 tensor from rows; all rows must have the same length.
    public init(_ rows: [[Float]]) {
        let width = rows.first?.count ?? 0
        for (i, row) in rows.enumerated() {
            precondition(row.count == width, "ragged rows: row 0 has \(width) elements, row \(i) has \(row.count)")
        }
        self.init(shape: [rows.count, width], scalars: rows.flatMap { $0 })
    }

    /// A tensor of the given shape with every element equal to `value`.
    public init(repeating value: Float, shape: [Int]) {
        self.init(shape: shape, scalars: [Float](repeating: value, count: shape.reduce(1, *)))
    }

    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(repeating: 0, shape: shape) }
    public static func ones(_ shape: [Int]) -> Tensor { Tensor(repeating: 1, shape: shape) }

    /// Evenly spaced values from `start` to `end` inclusive (numpy's `linspace`).
    public static func linspace(_ start: Float, _ end: Float, count: Int) -> Tensor {
        precondition(count >= 1, "linspace needs at least one point")
        if count == 1 { return Tensor([start]) }
        let step = (Double(end) - Double(start)) / Double(count - 1)
        return Tensor((0..<count).map { Float(Double(start) + Double($0) * step) })
    }

    public var rank: Int { shape.count }
    public var count: Int { scalars.count }

    /// The only element of a tensor with one element (any rank).
    public var scalar: Float {
        precondition(count == 1, "scalar of a tensor with shape \(shape)")
        return scalars[0]
    }

    /// Row-major strides in elements.
    public var strides: [Int] { Tensor.strides(of: shape) }

    static func strides(of shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var step = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = step
            step *= shape[axis]
        }
        return strides
    }

    /// Element access by full index; each index is bounds-checked.
    public subscript(_ index: Int...) -> Float {
        get { scalars[offset(of: index)] }
        set { scalars[offset(of: index)] = newValue }
    }

    private func offset(of index: [Int]) -> Int {
        precondition(index.count == rank, "index \(index) does not fit shape \(shape)")
        var offset = 0
        for (axis, i) in index.enumerated() {
            precondition(i >= 0 && i < shape[axis], "index \(index) out of range for shape \(shape)")
            offset = offset * shape[axis] + i
        }
        return offset
    }

    /// The same elements with a new shape of equal element count; `-1` infers one extent.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var resolved = newShape
        if let hole = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != hole }.map(\.element).reduce(1, *)
            precondition(known > 0 && count % known == 0, "cannot reshape \(shape) to \(newShape)")
            resolved[hole] = count / known
        }
        precondition(resolved.reduce(1, *) == count, "cannot reshape \(shape) to \(newShape)")
        return Tensor(shape: resolved, scalars: scalars)
    }

    /// Rows of a rank-2 tensor as Swift arrays (the notebook's `.numpy()`).
    public var rows: [[Float]] {
        precondition(rank == 2, "rows of a tensor with shape \(shape)")
        let width = shape[1]
        return (0..<shape[0]).map { Array(scalars[($0 * width)..<(($0 + 1) * width)]) }
    }

    /// Row `i` of a rank-2 tensor as a rank-1 tensor.
    public func row(_ i: Int) -> Tensor {
        precondition(rank == 2 && i >= 0 && i < shape[0], "row \(i) of a tensor with shape \(shape)")
        let width = shape[1]
        return Tensor(Array(scalars[(i * width)..<((i + 1) * width)]))
    }
}
