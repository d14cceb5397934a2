import Testing
@testable import GradUI

@Suite struct CellTests {
    @Test(arguments: [Character(" "), "a", "█", "⣿", "▟", "é", "e\u{301}", "中", "\u{0}"])
    func aCellGivesBackTheGlyphItWasGiven(glyph: Character) {
        #expect(Cell(glyph).glyph == glyph)
        var cell = Cell("x")
        cell.glyph = glyph
        #expect(cell.glyph == glyph && cell == Cell(glyph))
    }

    @Test func cellsAreEqualExactlyWhenGlyphAndStyleAre() {
        #expect(Cell("▘") != Cell("▝"))
        #expect(Cell("a", style: Style(bold: true)) != Cell("a"))
        #expect(_isPOD(Cell.self), "a cell copies as plain bits")
    }

    @Test func aClusterLongerThanEightBytesKeepsTheScalarsThatFit() {
        let cluster = Character("e\u{301}\u{302}\u{303}\u{304}")  // 1 + 4 x 2 bytes
        #expect(Cell(cluster).glyph == Character("e\u{301}\u{302}\u{303}"))
    }
}
