import Synchronization

/// The violin widths last drawn from one `ViolinStatistics`, by the axis they were drawn
/// on: a frame that redraws the same snapshot on the same axis (the compare grid redraws
/// every tile when any one of them steps; a key press redraws the dashboard) copies them
/// instead of evaluating the KDE again. Holds the few most recent axes (one per screen
/// that shows the statistics). Thread-safe; the widths are a pure function of the key,
/// so a hit gives exactly what a recomputation would.
final class ViolinProfileMemo: Sendable {
    struct Key: Equatable {
        var axis: ViolinAxis
        var stepsPerRow: Int
        var maxHalfCells: Int
    }

    private static let capacity = 4
    private let entries = Mutex<[(key: Key, widths: [Int])]>([])

    /// The widths for `key`, from `compute` the first time.
    func widths(for key: Key, compute: () -> [Int]) -> [Int] {
        if let hit = entries.withLock({ $0.first { $0.key == key }?.widths }) { return hit }
        let widths = compute()
        entries.withLock { entries in
            entries.insert((key, widths), at: 0)
            if entries.count > Self.capacity { entries.removeLast() }
        }
        return widths
    }
}
