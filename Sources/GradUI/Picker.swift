#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A clickable area of the last rendered frame and what a click there does.
public struct HitRegion: Sendable, Equatable {
    public var rect: Rect
    public var action: DashboardAction
    public init(rect: Rect, action: DashboardAction) {
        self.rect = rect
        self.action = action
    }

    /// The action of the topmost (last drawn) region containing (x, y).
    public static func action(atX x: Int, y: Int, in regions: [HitRegion]) -> DashboardAction? {
        regions.last { x >= $0.rect.x && x < $0.rect.maxX && y >= $0.rect.y && y < $0.rect.maxY }?.action
    }
}

/// A list of names with the running choice highlighted (reversed, so it
/// shows without colour) and a focus marker on the item the arrow keys
/// are on. Two forms: a vertical list, and a one-line "◀ name ▶" selector
/// for small terminals.
public struct PickerWidget: Sendable {
    public var picker: PickerFocus.Picker
    public var items: [String]
    /// The running configuration's item.
    public var selected: Int?
    /// The keyboard focus, nil when another picker has it.
    public var focused: Int?

    public init(picker: PickerFocus.Picker, items: [String], selected: Int?, focused: Int?) {
        self.picker = picker
        self.items = items
        self.selected = selected
        self.focused = focused
    }

    func pickAction(_ index: Int) -> DashboardAction {
        picker == .activation ? .pickActivation(index) : .pickInitializer(index)
    }

    /// One item per row, scrolled so the focused (else selected) item is
    /// visible. Each visible row is a hit region choosing that item.
    public func renderList(in rect: Rect, into grid: inout Grid, context: RenderContext) -> [HitRegion] {
        let theme = context.theme, g = context.glyphs
        grid.fill(rect, with: theme.blankCell)
        guard rect.height > 0, rect.width >= 3, !items.isEmpty else { return [] }
        let anchor = focused ?? selected ?? 0
        let first = min(max(0, anchor - rect.height + 1), max(0, items.count - rect.height))
        var regions: [HitRegion] = []
        for (row, index) in (first..<min(items.count, first + rect.height)).enumerated() {
            let y = rect.y + row
            let isSelected = index == selected
            if index == focused { grid[rect.x, y] = Cell(g.focus, style: theme.accentStyle) }
            let name = g.truncate(items[index], to: rect.width - 2)
            let text = (isSelected ? String(g.chosen) : " ") + name
            let style = isSelected ? theme.selectionStyle : (index == focused ? theme.accentStyle : theme.text)
            grid.put(text.padded(toLength: rect.width - 1), x: rect.x + 1, y: y, style: style)
            regions.append(HitRegion(rect: Rect(x: rect.x, y: y, width: rect.width, height: 1), action: pickAction(index)))
        }
        if first > 0 { grid[rect.maxX - 1, rect.y] = Cell(g.scrollUp, style: theme.mutedText) }
        if first + rect.height < items.count {
            grid[rect.maxX - 1, rect.maxY - 1] = Cell(g.scrollDown, style: theme.mutedText)
        }
        return regions
    }

    /// "label ◀ name ▶" on row `rect.y`; the arrows step to the previous and
    /// next item on click. Shows the focused item when the focus is here.
    public func renderCompact(label: String, in rect: Rect, into grid: inout Grid, context: RenderContext) -> [HitRegion] {
        let theme = context.theme, g = context.glyphs
        grid.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: min(1, rect.height)), with: theme.blankCell)
        guard rect.height > 0, rect.width >= label.count + 6, !items.isEmpty else { return [] }
        let marker: Character = focused != nil ? g.focus : " "
        grid[rect.x, rect.y] = Cell(marker, style: theme.accentStyle)
        grid.put(label, x: rect.x + 1, y: rect.y, style: theme.mutedText)
        let shownIndex = focused ?? selected ?? 0
        let arrowX = rect.x + label.count + 2
        let nameWidth = rect.width - (arrowX - rect.x) - 4
        let name = g.truncate(items[shownIndex], to: nameWidth)
        let style = shownIndex == selected ? theme.selectionStyle : theme.accentStyle
        grid[arrowX, rect.y] = Cell(g.previous, style: theme.accentStyle)
        grid.put(" " + name + " ", x: arrowX + 1, y: rect.y, style: style)
        let nextX = arrowX + name.count + 3
        grid[nextX, rect.y] = Cell(g.next, style: theme.accentStyle)
        let count = items.count, current = selected ?? shownIndex
        return [
            HitRegion(rect: Rect(x: arrowX, y: rect.y, width: 1, height: 1), action: pickAction((current + count - 1) % count)),
            HitRegion(rect: Rect(x: arrowX + 1, y: rect.y, width: name.count + 2, height: 1), action: pickAction(shownIndex)),
            HitRegion(rect: Rect(x: nextX, y: rect.y, width: 1, height: 1), action: pickAction((current + 1) % count)),
        ]
    }
}
