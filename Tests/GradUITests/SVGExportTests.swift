import GradNet
import GradTensor
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GradSession
import Testing
@testable import GradUI

/// The exported figures parse as XML and carry what a reader of a report needs.
@Suite struct SVGExport {
    static let light = (try? ThemeCatalog(userDirectory: nil).load(named: "light").theme) ?? .dark

    func parse(_ svg: String) throws -> XMLDocument { try XMLDocument(xmlString: svg, options: []) }

    func nodes(_ document: XMLDocument, _ xpath: String) throws -> [XMLNode] { try document.nodes(forXPath: xpath) }

    /// Attribute values through XPath ("//x/@name"): FoundationXML's `attribute(forName:)` misses them in the SVG namespace.
    func values(_ document: XMLDocument, _ xpath: String) throws -> [String] {
        try nodes(document, xpath).compactMap(\.stringValue)
    }

    func texts(_ document: XMLDocument, class name: String) throws -> [String] {
        try nodes(document, "//*[@class='\(name)']").compactMap(\.stringValue)
    }

    @Test func a_figure_is_well_formed_xml_with_size_viewbox_and_title() throws {
        let svg = ViolinPlotSVG.figure(snapshot: makeSnapshot(step: 0), theme: Self.light)
        let document = try parse(svg)
        let root = try #require(document.rootElement())
        #expect(root.localName == "svg")
        #expect(svg.contains(#"<svg xmlns="http://www.w3.org/2000/svg""#))
        let viewBox = try #require(try values(document, "/*/@viewBox").first)
        let width = try #require(try values(document, "/*/@width").first)
        let height = try #require(try values(document, "/*/@height").first)
        #expect(viewBox == "0 0 \(width) \(height)")
        let title = try nodes(document, "/*[local-name()='svg']/*[local-name()='title']").first?.stringValue
        #expect(title == "sigmoid / random_uniform · step 0 (initial weights)")
        #expect(!svg.contains("<script") && !svg.contains("@import") && !svg.contains("url("))
    }

    @Test(arguments: [1, 4, 7])
    func there_is_exactly_one_violin_per_layer(layers: Int) throws {
        let scales = (0..<layers).map { 0.01 * pow(3, Double($0)) }
        let document = try parse(ViolinPlotSVG.figure(snapshot: makeSnapshot(step: 0, scales: scales), theme: Self.light))
        #expect(try nodes(document, "//*[@class='violin']").count == layers)
        #expect(try values(document, "//*[@class='violin']/@data-layer") == (1...layers).map(String.init))
        #expect(try texts(document, class: "x-tick") == (1...layers).map(String.init))
    }

    @Test func the_axes_are_labelled_and_the_value_axis_has_ticks() throws {
        let document = try parse(ViolinPlotSVG.figure(snapshot: makeSnapshot(step: 0), theme: Self.light))
        #expect(try texts(document, class: "y-label") == ["Gradient values"])
        #expect(try texts(document, class: "x-label") == ["Layer"])
        let ticks = try texts(document, class: "y-tick")
        #expect(ticks.count >= 3, "\(ticks)")
        #expect(ticks.contains("0"))
        #expect(try texts(document, class: "panel-title") == ["Gradients"])
    }

    @Test func the_median_mark_lies_between_the_quartile_marks() throws {
        let document = try parse(ViolinPlotSVG.figure(snapshot: makeSnapshot(step: 0), theme: Self.light))
        for layer in 1...4 {
            let y = { (mark: String) throws -> [Double] in
                try self.values(document, "//*[@data-layer='\(layer)']/*[@class='\(mark)']/@y1").compactMap(Double.init)
            }
            let (medians, quartiles) = (try y("median"), try y("quartile"))
            #expect(medians.count == 1 && quartiles.count == 2, "layer \(layer)")
            if let median = medians.first, quartiles.count == 2 {
                #expect(quartiles.min()! <= median && median <= quartiles.max()!, "layer \(layer): \(quartiles) vs \(median)")
            }
        }
    }

    @Test func the_loss_panel_appears_only_after_training() throws {
        let before = try parse(ViolinPlotSVG.figure(snapshot: makeSnapshot(step: 0), theme: Self.light))
        #expect(try nodes(before, "//*[@class='loss-curve']").isEmpty)
        let after = try parse(ViolinPlotSVG.figure(snapshot: makeSnapshot(step: 240), theme: Self.light))
        #expect(try nodes(after, "//*[@class='loss-curve']").count == 1)
        #expect(try texts(after, class: "panel-title") == ["Gradients", "Loss"])
        #expect(try texts(after, class: "x-label") == ["Layer", "Step"])
        #expect(try texts(after, class: "figure-title") == ["sigmoid / random_uniform · step 240"])
    }

    /// Three tiles whose gradients differ by about 1000x from the first layer of the first to the last.
    static let compareSnapshots: [TrainingSnapshot] = [(Activation.sigmoid, Initializer.randomUniform, [6e-3, 1.4e-2, 8.6e-2, 4.2e-1]),
                                   (.tanh, .glorotNormal, [0.4, 0.26, 0.39, 0.4]),
                                   (.relu, .glorotNormal, [5.5, 2.3, 2.2, 2.4])]
        .map { makeSnapshot(step: 0, scales: $0.2, activation: $0.0, initializer: $0.1) }

    /// Each tile's y tick labels, tile by tile.
    func tileTicks(_ document: XMLDocument) throws -> [[String]] {
        try (1...3).map { try nodes(document, "(//*[@class='tile'])[\($0)]//*[@class='y-tick']").compactMap(\.stringValue) }
    }

    /// A tick label as a number: "−0.5" (typographic minus) -> -0.5.
    static func number(_ label: String) -> Double? { Double(label.replacingOccurrences(of: "\u{2212}", with: "-")) }

    @Test func a_compare_grid_has_one_tile_per_config_and_the_same_ticks_in_every_tile() throws {
        let snapshots = Self.compareSnapshots
        let document = try parse(ComparePlotSVG.figure(snapshots: snapshots, theme: Self.light, axis: .linear))
        let tiles = try values(document, "//*[@class='tile']/@data-config")
        #expect(tiles == ["sigmoid:random_uniform", "tanh:glorot_normal", "relu:glorot_normal"])
        var tickSets: [[String]] = []
        for index in 1...max(1, tiles.count) {
            tickSets.append(try nodes(document, "(//*[@class='tile'])[\(index)]//*[@class='y-tick']").compactMap(\.stringValue))
            #expect(try nodes(document, "(//*[@class='tile'])[\(index)]//*[@class='violin']").count == 4)
        }
        #expect(tickSets.count == 3 && tickSets[0].count >= 3)
        #expect(Set(tickSets.map { $0.joined(separator: "|") }).count == 1, "\(tickSets)")
        // The shared axis spans relu's gradients, so it reaches well past sigmoid's ±1.
        let largest = tickSets[0].compactMap(Self.number).max() ?? 0
        #expect(largest >= 5, "\(tickSets[0])")
    }

    @Test func a_symlog_axis_has_ticks_only_at_zero_and_powers_of_ten_shared_by_every_tile() throws {
        let document = try parse(ComparePlotSVG.figure(snapshots: Self.compareSnapshots, theme: Self.light, axis: .symlog))
        let ticks = try tileTicks(document)
        #expect(Set(ticks.map { $0.joined(separator: "|") }).count == 1, "\(ticks)")
        let numbers = ticks[0].compactMap(Self.number)
        #expect(numbers.count == ticks[0].count && numbers.count >= 5, "\(ticks[0])")
        for value in numbers where value != 0 {
            let exponent = log10(abs(value))
            #expect(abs(exponent - exponent.rounded()) < 1e-9, "\(value) is not ±10^k")
        }
        #expect(numbers.contains(0) && numbers.contains { $0 >= 1 } && numbers.contains { $0 <= -1 }, "\(numbers)")
        #expect(try texts(document, class: "y-label") == ["Gradient values (symlog)"])
        // Bottom to top, as the linear axis lists them: values rise as y (down the page) falls.
        let heights = try values(document, "(//*[@class='tile'])[1]//*[@class='y-tick']/@y").compactMap(Double.init)
        #expect(zip(heights, heights.dropFirst()).allSatisfy { $0 > $1 }, "\(heights)")
        #expect(zip(numbers, numbers.dropFirst()).allSatisfy { $0 < $1 }, "\(numbers)")
    }

    @Test func per_layer_ranges_drop_the_value_axis_and_label_each_violins_extremes() throws {
        let snapshot = makeSnapshot(step: 0)
        let document = try parse(ViolinPlotSVG.figure(snapshot: snapshot, theme: Self.light, axis: .perLayer))
        #expect(try texts(document, class: "y-tick").isEmpty)
        for (index, layer) in snapshot.layers.enumerated() {
            let finite = layer.values.map(Double.init)
            let expected = [NiceTicks.label(finite.max()!), NiceTicks.label(finite.min()!)].map(SVGValueAxis.typographic)
            let labels = try nodes(document, "//*[@data-layer='\(index + 1)']/*[@class='layer-extreme']").compactMap(\.stringValue)
            #expect(labels == expected, "layer \(index + 1)")
        }
        #expect(try texts(document, class: "figure-subtitle").first?.hasSuffix("each layer on its own y range") == true)
    }

    @Test func with_per_panel_axes_each_panel_covers_its_own_data_and_no_more() throws {
        let snapshots = Self.compareSnapshots
        let document = try parse(ComparePlotSVG.figure(snapshots: snapshots, theme: Self.light, axis: .perPanel))
        for (index, snapshot) in snapshots.enumerated() {
            let tile = "(//*[@class='tile'])[\(index + 1)]"
            let low = try #require(try values(document, "\(tile)//*[@class='y-axis']/@data-low").first.flatMap(Double.init))
            let high = try #require(try values(document, "\(tile)//*[@class='y-axis']/@data-high").first.flatMap(Double.init))
            let data = snapshot.layers.flatMap(\.values).map(Double.init)
            let (dataLow, dataHigh) = (data.min()!, data.max()!)
            #expect(low <= dataLow && dataHigh <= high, "tile \(index + 1): \(low)...\(high) misses \(dataLow)...\(dataHigh)")
            // Matplotlib's 5% margin on each end, nothing of the other tiles' range.
            #expect(high - low <= (dataHigh - dataLow) * 1.1 + 1e-12, "tile \(index + 1): \(low)...\(high) for \(dataLow)...\(dataHigh)")
            let ticks = try nodes(document, "\(tile)//*[@class='y-tick']").compactMap(\.stringValue).compactMap(Self.number)
            #expect(ticks.count >= 3 && ticks.allSatisfy { low <= $0 && $0 <= high }, "tile \(index + 1): \(ticks)")
        }
        #expect(try texts(document, class: "figure-subtitle").first?.hasSuffix("each panel on its own y axis") == true)
    }

    @Test func the_figures_axis_modes_have_the_dashboards_names() {
        for mode in ViolinAxisMode.allCases { #expect(FigureAxis(mode).rawValue == mode.label) }
        #expect(FigureAxis(rawValue: "per-panel") == .perPanel)
    }

    @Test func the_tile_ratio_prints_as_the_status_panel_does_plainly_between_a_hundredth_and_a_thousand() throws {
        let document = try parse(ComparePlotSVG.figure(snapshots: Self.compareSnapshots, theme: Self.light, axis: .perPanel))
        let details = try texts(document, class: "tile-detail")
        #expect(details.count == 3)
        for (detail, snapshot) in zip(details, Self.compareSnapshots) {
            let ratio = Double(snapshot.firstToLastRatio)
            #expect(detail == "first/last layer mean |g|: \(NiceTicks.label(ratio))")
        }
        // sigmoid's 6e-3 / 0.42 and relu's 5.5 / 2.4: "0.014..", "2.2..", never "1.4e-2" or "2.2e0".
        let numbers = details.map { String($0.split(separator: " ").last ?? "") }
        #expect(numbers[0].hasPrefix("0.01") && numbers[2].hasPrefix("2."), "\(numbers)")
        #expect(!numbers.contains { $0.contains("e") }, "\(numbers)")
    }

    @Test func text_from_user_files_is_escaped() throws {
        var snapshot = makeSnapshot(step: 3)
        let hostile = #"a<b>&"c"'d.csv"#
        snapshot.config.dataFile = hostile
        let svg = ViolinPlotSVG.figure(snapshot: snapshot, theme: Self.light)
        #expect(!svg.contains(hostile))
        let document = try parse(svg)
        #expect(try texts(document, class: "figure-subtitle").first?.contains("data " + hostile) == true)
    }

    @Test func escaping_replaces_markup_and_characters_xml_forbids() {
        #expect(SVGDocument.escape(#"<a href="x">&'"#) == "&lt;a href=&quot;x&quot;&gt;&amp;&apos;")
        #expect(SVGDocument.escape("tab\tbell\u{7}") == "tab\tbell\u{FFFD}")
        #expect(SVGDocument.escape("λ × 2") == "λ × 2")
    }

    @Test func a_footnote_says_when_the_violins_are_sampled() throws {
        var snapshot = makeSnapshot(step: 0)
        #expect(!ViolinPlotSVG.figure(snapshot: snapshot, theme: Self.light).contains("Sampled"))
        snapshot.layers[0].totalCount = 409_600
        let notes = try texts(try parse(ViolinPlotSVG.figure(snapshot: snapshot, theme: Self.light)), class: "footnote")
        #expect(notes.contains { $0.contains("Sampled") }, "\(notes)")
    }

    @Test func a_layer_whose_gradients_are_all_zero_still_gets_its_violin() throws {
        var snapshot = makeSnapshot(step: 0)
        snapshot.layers[1].values = Array(repeating: 0, count: 400)
        let document = try parse(ViolinPlotSVG.figure(snapshot: snapshot, theme: Self.light))
        #expect(try nodes(document, "//*[@data-layer='2']/*[@class='body']").count == 1)
        #expect(try nodes(document, "//*[@class='violin']").count == 4)
    }

    @Test func the_monochrome_theme_becomes_black_on_white() throws {
        let monochrome = try ThemeCatalog(userDirectory: nil).load(named: "monochrome").theme
        let palette = SVGPalette(theme: monochrome)
        #expect(palette.background == "#ffffff" && palette.foreground == "#000000")
        let svg = ViolinPlotSVG.figure(snapshot: makeSnapshot(step: 10), theme: monochrome)
        #expect(!svg.contains("default"))
        #expect(SVGPalette(theme: .dark).background == "#15171c")
    }

    @Test func the_same_snapshot_gives_the_same_text() {
        let snapshot = makeSnapshot(step: 12)
        #expect(ViolinPlotSVG.figure(snapshot: snapshot, theme: .dark) == ViolinPlotSVG.figure(snapshot: snapshot, theme: .dark))
    }
}
