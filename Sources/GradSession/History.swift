/// A bounded record of a long series: keeps at most `capacity` points by
/// halving its resolution when full (every other point dropped, stride doubled),
/// so a run of any length costs O(capacity) memory and O(1) amortised per add.
/// The newest value is always the last one kept, so a chart ends at the current step.
public struct History<Value: Sendable>: Sendable {
    public let capacity: Int
    /// Every `stride`-th value of the series, oldest first, then the newest value when it is not
    /// one of those (it stands in until the next kept value replaces it): at most capacity + 1.
    public private(set) var values: [Value] = []
    /// How many series values one kept value stands for.
    public private(set) var stride = 1
    private var skipped = 0
    /// Whether `values.last` is the newest value standing in rather than a kept one.
    private var newestStandsIn = false

    public init(capacity: Int = 512) {
        precondition(capacity >= 2, "history capacity must be at least 2, got \(capacity)")
        self.capacity = capacity
        values.reserveCapacity(capacity + 1)
    }

    /// Adds the next value of the series.
    public mutating func append(_ value: Value) {
        if newestStandsIn {
            values.removeLast()
            newestStandsIn = false
        }
        if skipped > 0 {
            skipped -= 1
            values.append(value)
            newestStandsIn = true
            return
        }
        if values.count == capacity {
            values = values.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
            stride *= 2
        }
        values.append(value)
        skipped = stride - 1
    }

    public mutating func removeAll() {
        values.removeAll(keepingCapacity: true)
        stride = 1
        skipped = 0
        newestStandsIn = false
    }
}
