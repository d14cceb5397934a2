import GradUI

/// Which cells a frame must write: the heart of "only changed cells go to the
/// terminal". Pure, so it is tested without a terminal.
enum GridDiff {
    /// Row-major indices of the cells of `next` that differ from `previous`.
    /// Every index when there is no previous frame or the size changed,
    /// because then the screen holds nothing we can rely on.
    /// Cost: one `Cell` comparison per cell.
    static func changedIndices(from previous: Grid?, to next: Grid) -> [Int] {
        guard let previous, previous.width == next.width, previous.height == next.height else {
            return Array(next.cells.indices)
        }
        var changed: [Int] = []
        let old = previous.cells, new = next.cells
        for index in new.indices where old[index] != new[index] {
            changed.append(index)
        }
        return changed
    }
}
