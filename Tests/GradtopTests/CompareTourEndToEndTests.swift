import Foundation
import Testing

/// The lecture features driven in tmux: the compare grid and the guided tour.
@Suite(.serialized) struct CompareAndTourInTmux {
    static func steps(_ screen: String) -> [Int] {
        screen.matches(of: /step (\d+) ─/).compactMap { Int($0.1) }
    }

    @Test func compare_trains_six_tiles_and_a_click_opens_one_in_the_dashboard() throws {
        let tmux = try TmuxSession(width: 120, height: 40)
        tmux.type("\(Gradtop.binary.path) compare --speed 30", enter: true)
        let grid = try #require(tmux.waitFor { CompareAndTourInTmux.steps($0).count >= 4 && CompareAndTourInTmux.steps($0).allSatisfy { $0 > 3 } },
                                "compare did not train: \(tmux.screen)")
        for label in ["sigmoid · random_uniform", "tanh · random_uniform", "relu · random_uniform",
                      "sigmoid · glorot_normal", "tanh · glorot_normal", "relu · glorot_normal"] {
            #expect(grid.contains(label), "missing tile \(label)")
        }
        // Pause holds every tile.
        tmux.key("Space")
        let paused = try #require(tmux.waitFor { $0.contains("paused") })
        usleep(600_000)
        #expect(CompareAndTourInTmux.steps(tmux.screen) == CompareAndTourInTmux.steps(paused))
        // Clicking the fifth tile (tanh · glorot_normal, middle of the bottom row) opens it in the dashboard.
        let press = "\u{1b}[M" + String(UnicodeScalar(32)) + String(UnicodeScalar(UInt8(33 + 60))) + String(UnicodeScalar(UInt8(33 + 28)))
        tmux.type(press)
        #expect(tmux.waitFor { $0.contains("gradients per layer") && $0.contains("tanh · glorot_normal") } != nil,
                "click did not open the dashboard: \(tmux.screen)")
        tmux.type("c")
        #expect(tmux.waitFor { $0.contains("gradtop compare") } != nil, "c did not return to the grid")
        // c again goes back to the dashboard as it was left, not to the first tile.
        tmux.type("c")
        #expect(tmux.waitFor { $0.contains("gradients per layer") && $0.contains("tanh · glorot_normal") } != nil,
                "c did not return to the dashboard's configuration: \(tmux.screen)")
        tmux.type("q")
        #expect(tmux.waitFor { $0.contains("gradtop --activation tanh --init glorot_normal") } != nil, "\(tmux.screen)")
    }

    /// The screen with wrapped lines joined: an exit line is longer than the terminal is wide.
    static func unwrapped(_ screen: String) -> String { screen.replacingOccurrences(of: "\n", with: "") }

    @Test func quitting_the_grid_prints_the_compare_command_that_reproduces_it() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gradtop compare \(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("my data.csv")
        let rows = (0..<20).map { i in "\(Double(i) / 20),\(Double(i % 3) / 3),\(Double(i % 2))" }
        try (["x1,x2,y1"] + rows).joined(separator: "\n").write(to: data, atomically: true, encoding: .utf8)
        let tmux = try TmuxSession(width: 120, height: 40)
        tmux.type("\(Gradtop.binary.path) compare --configs tanh:he_normal,relu:glorot_uniform --seed 3 --lr 0.05 "
                  + "--data '\(data.path)' --speed 30 --paused", enter: true)
        #expect(tmux.waitFor { $0.contains("tanh · he_normal") && $0.contains("paused") } != nil, "no grid: \(tmux.screen)")
        tmux.type("q")
        let expected = "gradtop compare --configs tanh:he_normal,relu:glorot_uniform --hidden 2,2,2 --seed 3 "
            + "--data '\(data.path)' --optimizer adam --lr 0.05 --batch full --speed 30 --paused"
        #expect(tmux.waitFor { CompareAndTourInTmux.unwrapped($0).contains(expected) } != nil,
                "expected \(expected) in: \(tmux.screen)")
        #expect(!tmux.screen.contains("gradtop --activation"), "the dashboard's line instead of the grid's")
    }

    @Test func quitting_a_grid_opened_from_the_dashboard_prints_the_grids_command() throws {
        let tmux = try TmuxSession(width: 120, height: 40)
        tmux.type("\(Gradtop.binary.path) --activation tanh --seed 5 --speed 30", enter: true)
        #expect(tmux.waitFor { $0.contains("gradients per layer") } != nil, "no dashboard: \(tmux.screen)")
        tmux.type("c")
        #expect(tmux.waitFor { $0.contains("gradtop compare") && $0.contains("relu · glorot_normal") } != nil, "c did not open the grid")
        tmux.type("q")
        let expected = "gradtop compare --configs sigmoid:random_uniform,tanh:random_uniform,relu:random_uniform,"
            + "sigmoid:glorot_normal,tanh:glorot_normal,relu:glorot_normal --hidden 2,2,2 --seed 5 --examples 100"
        let exited = tmux.waitFor { CompareAndTourInTmux.unwrapped($0).contains(expected) }
        #expect(exited.map { CompareAndTourInTmux.unwrapped($0).contains("--batch full --speed 30") } == true,
                "expected \(expected) ... --speed 30 in: \(tmux.screen)")
    }

    @Test func the_tour_shows_captions_and_moves_between_stops() throws {
        let tmux = try TmuxSession(width: 120, height: 40)
        tmux.type("\(Gradtop.binary.path) tour --speed 30", enter: true)
        #expect(tmux.waitFor { $0.contains("1. Sigmoid, weights uniform on [-1, 1]") && $0.contains("1/12") } != nil,
                "tour did not start: \(tmux.screen)")
        tmux.type(">")
        #expect(tmux.waitFor { $0.contains("2. Tanh, same weights") && $0.contains("tanh · random_uniform") } != nil)
        tmux.type("<")
        #expect(tmux.waitFor { $0.contains("1. Sigmoid") && $0.contains("sigmoid · random_uniform") } != nil)
        tmux.type("q")
        #expect(tmux.waitFor { $0.contains("gradtop --activation sigmoid") } != nil)
    }

    @Test func the_automatic_tour_moves_on_by_itself() throws {
        let tmux = try TmuxSession(width: 120, height: 40)
        tmux.type("\(Gradtop.binary.path) tour --interval 1 --speed 30", enter: true)
        #expect(tmux.waitFor { $0.contains("2/12") } != nil, "no automatic move: \(tmux.screen)")
        tmux.type("q")
    }
}
