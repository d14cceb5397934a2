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

    @Test func the_tour_shows_captions_and_moves_between_stops() throws {
        let tmux = try TmuxSession(width: 120, height: 40)
        tmux.type("\(Gradtop.binary.path) tour --speed 30", enter: true)
        #expect(tmux.waitFor { $0.contains("1. Sigmoid, weights uniform on [-1, 1]") && $0.contains("1/10") } != nil,
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
        #expect(tmux.waitFor { $0.contains("2/10") } != nil, "no automatic move: \(tmux.screen)")
        tmux.type("q")
    }
}
