import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `gradtop plot` writes a figure a report can use, or says in one line why not.
@Suite struct PlotCommand {
    func count(_ xpath: String, in file: URL) throws -> Int {
        let document = try XMLDocument(contentsOf: file, options: [])
        return try document.nodes(forXPath: xpath).count
    }

    @Test func plot_writes_the_notebooks_figure_and_leaves_no_temporary_file() throws {
        let folder = Gradtop.temporaryFolder()
        let out = folder.appendingPathComponent("grads.svg")
        let result = try Gradtop.run(["plot", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try count("//*[@class='violin']", in: out) == 4)
        #expect(try count("//*[@class='loss-curve']", in: out) == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["grads.svg"])
    }

    @Test func after_training_steps_the_figure_has_the_loss_curve() throws {
        let out = Gradtop.temporaryFolder().appendingPathComponent("trained.svg")
        let result = try Gradtop.run(["plot", "--steps", "20", "--hidden", "4,4", "--theme", "dark", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try count("//*[@class='violin']", in: out) == 3)
        #expect(try count("//*[@class='loss-curve']", in: out) == 1)
        #expect(try String(contentsOf: out, encoding: .utf8).contains("#15171c"))
    }

    @Test func a_run_whose_gradients_die_is_named_on_stderr_and_in_the_figure() throws {
        // Seed 9: relu with random uniform weights switches every unit off at step 5.
        let out = Gradtop.temporaryFolder().appendingPathComponent("dead.svg")
        let result = try Gradtop.run(["plot", "--activation", "relu", "--init", "random_uniform", "--seed", "9",
                                      "--steps", "20", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderrLines == ["gradtop: GRADIENTS DEAD at step 5; training went on, the figure shows step 20 and says so"],
                "\(result.stderr)")
        let document = try XMLDocument(contentsOf: out, options: [])
        let notes = try document.nodes(forXPath: "//*[@class='footnote']").compactMap(\.stringValue).joined(separator: "  ")
        #expect(notes.contains("relu / random_uniform: gradients dead (every kernel gradient exactly zero) at step 5."), "\(notes)")
    }

    @Test func compare_draws_the_notebooks_six_configurations() throws {
        let out = Gradtop.temporaryFolder().appendingPathComponent("compare.svg")
        let result = try Gradtop.run(["plot", "--compare", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try XMLDocument(contentsOf: out, options: [])
        let configs = try document.nodes(forXPath: "//*[@class='tile']/@data-config").compactMap(\.stringValue)
        #expect(configs == ["sigmoid:random_uniform", "tanh:random_uniform", "relu:random_uniform",
                            "sigmoid:glorot_normal", "tanh:glorot_normal", "relu:glorot_normal"])
        #expect(try document.nodes(forXPath: "//*[@class='violin']").count == 24)
    }

    @Test func configs_picks_the_tiles() throws {
        let out = Gradtop.temporaryFolder().appendingPathComponent("picked.svg")
        let result = try Gradtop.run(["plot", "--configs", "relu:he_normal,selu:lecun_normal", "--steps", "3", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try XMLDocument(contentsOf: out, options: [])
        let configs = try document.nodes(forXPath: "//*[@class='tile']/@data-config").compactMap(\.stringValue)
        #expect(configs == ["relu:he_normal", "selu:lecun_normal"])
        #expect(try document.nodes(forXPath: "//*[@class='loss-curve']").count == 2)
    }

    /// The y tick labels of each tile of `document`, as numbers ("−0.5" with a typographic minus reads -0.5).
    func tileTicks(_ document: XMLDocument) throws -> [[Double]] {
        let tiles = try document.nodes(forXPath: "//*[@class='tile']").count
        return try (0..<tiles).map { index in
            try document.nodes(forXPath: "(//*[@class='tile'])[\(index + 1)]//*[@class='y-tick']").compactMap(\.stringValue)
                .compactMap { Double($0.replacingOccurrences(of: "\u{2212}", with: "-")) }
        }
    }

    /// At seed 100 (the notebook's weights) relu / glorot_normal's layers reach about 86, far beyond the other five.
    @Test(arguments: ["linear", "symlog", "per-layer", "per-panel"])
    func each_axis_mode_draws_the_default_comparison_with_honest_ticks(mode: String) throws {
        let out = Gradtop.temporaryFolder().appendingPathComponent("\(mode).svg")
        let result = try Gradtop.run(["plot", "--compare", "--axis", mode, "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try XMLDocument(contentsOf: out, options: [])
        #expect(try document.nodes(forXPath: "//*[@class='violin']").count == 24)
        let ticks = try tileTicks(document)
        #expect(ticks.count == 6)
        let distinct = Set(ticks.map { $0.map(String.init(describing:)).joined(separator: "|") }).count
        switch mode {
        case "linear":
            #expect(distinct == 1 && (ticks[0].max() ?? 0) >= 80, "\(ticks)")
        case "symlog":
            #expect(distinct == 1 && ticks[0].contains(0) && (ticks[0].max() ?? 0) >= 100, "\(ticks)")
            #expect(ticks[0].allSatisfy { $0 == 0 || abs(log10(abs($0)).rounded() - log10(abs($0))) < 1e-9 }, "\(ticks[0])")
        case "per-layer":
            #expect(ticks.allSatisfy { $0.isEmpty }, "\(ticks)")
            #expect(try document.nodes(forXPath: "//*[@class='layer-extreme']").count == 48)
        default:
            // sigmoid / random_uniform's panel ends near its own ±1, not at relu's 86
            // (panels of similar range may round to the same ticks, as the two sigmoid ones do).
            #expect(distinct >= 4 && (ticks[0].max() ?? 99) < 2 && (ticks[5].max() ?? 0) >= 80, "\(ticks)")
        }
    }

    @Test func compare_puts_each_panel_on_its_own_axis_unless_asked_otherwise() throws {
        let out = Gradtop.temporaryFolder().appendingPathComponent("default.svg")
        let result = try Gradtop.run(["plot", "--configs", "sigmoid:random_uniform,relu:glorot_normal", "--seed", "4", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try XMLDocument(contentsOf: out, options: [])
        let subtitle = try document.nodes(forXPath: "//*[@class='figure-subtitle']").first?.stringValue ?? ""
        #expect(subtitle.hasSuffix("each panel on its own y axis"), "\(subtitle)")
        let ticks = try tileTicks(document)
        #expect(ticks.count == 2 && ticks[0] != ticks[1], "\(ticks)")
    }

    @Test func a_hostile_data_file_name_is_escaped_in_the_figure() throws {
        let folder = Gradtop.temporaryFolder()
        let csv = folder.appendingPathComponent(#"a<b>&"c".csv"#)
        try "x1,x2,y1,y2\n0.1,0.2,0.3,0.4\n-1,0.5,0.1,0.9\n2,0.9,1.2,0.1\n".write(to: csv, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("hostile.svg")
        let result = try Gradtop.run(["plot", "--data", csv.path, "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try XMLDocument(contentsOf: out, options: [])
        let subtitle = try document.nodes(forXPath: "//*[@class='figure-subtitle']").first?.stringValue ?? ""
        #expect(subtitle.contains(csv.path), "\(subtitle)")
    }

    struct Failure: Sendable, CustomStringConvertible {
        let description: String
        let arguments: [String]
        /// Texts the first stderr line must contain ("$DIR": the test's folder).
        let mentions: [String]
    }

    static let failures: [Failure] = [
        Failure(description: "a config entry without a colon", arguments: ["--configs", "sigmoid:random_uniform,relu"],
                mentions: ["--configs", "\"relu\"", "activation:initializer"]),
        Failure(description: "an unknown activation in --configs", arguments: ["--configs", "sigmoidd:glorot_normal"],
                mentions: ["\"sigmoidd:glorot_normal\"", "leaky_relu"]),
        Failure(description: "an unknown initializer in --configs", arguments: ["--configs", "tanh:glorot"],
                mentions: ["\"tanh:glorot\"", "glorot_normal", "he_uniform"]),
        Failure(description: "ten configs", arguments: ["--configs", Array(repeating: "tanh:zeros", count: 10).joined(separator: ",")],
                mentions: ["--configs", "at most 9"]),
        Failure(description: "an --out folder that does not exist", arguments: ["--out", "$DIR/missing/plot.svg"],
                mentions: ["$DIR/missing/plot.svg"]),
        Failure(description: "an --out that is a folder", arguments: ["--out", "$DIR/folder.svg"], mentions: ["$DIR/folder.svg", "directory"]),
        Failure(description: "an --out that is not .svg", arguments: ["--out", "$DIR/plot.png"], mentions: ["--out", "plot.png"]),
        Failure(description: "an unknown theme", arguments: ["--theme", "neon"], mentions: ["neon", "light", "monochrome"]),
        Failure(description: "negative steps", arguments: ["--steps", "-1"], mentions: ["--steps"]),
        Failure(description: "compare with a model file", arguments: ["--compare", "--model", "$DIR/m.json"], mentions: ["--model"]),
        Failure(description: "a bad network option", arguments: ["--activation", "nope"], mentions: ["--activation", "nope"]),
        Failure(description: "an unknown axis mode", arguments: ["--compare", "--axis", "log"],
                mentions: ["--axis", "'log'", "symlog", "per-layer", "per-panel"]),
        Failure(description: "per-panel axes for one configuration", arguments: ["--axis", "per-panel"],
                mentions: ["--axis per-panel", "--compare", "linear"]),
    ]

    @Test(arguments: failures)
    func a_bad_request_gets_one_clear_line_and_writes_nothing(_ failure: Failure) throws {
        let folder = Gradtop.temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("folder.svg"), withIntermediateDirectories: true)
        var arguments = ["plot"] + failure.arguments.map { $0.replacingOccurrences(of: "$DIR", with: folder.path) }
        if !arguments.contains("--out") { arguments += ["--out", folder.appendingPathComponent("plot.svg").path] }
        let result = try Gradtop.run(arguments)
        #expect(result.status != 0 && result.status < 128, "exit status \(result.status)")
        let line = result.stderrLines.first ?? ""
        #expect(line.hasPrefix("Error: "), "stderr: \(result.stderr)")
        for mention in failure.mentions {
            #expect(line.contains(mention.replacingOccurrences(of: "$DIR", with: folder.path)), "\(line) should mention \(mention)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["folder.svg"])
    }
}
