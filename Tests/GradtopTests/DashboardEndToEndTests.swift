import Foundation
import Testing

/// Drives the real binary in tmux, as a student would in a lab terminal.
@Suite(.serialized) struct DashboardInTmux {
    /// The step counter shown in the run panel ("step 42").
    static func step(_ screen: String) -> Int? {
        guard let match = screen.firstMatch(of: /step (\d+)  loss/) else { return nil }
        return Int(match.1)
    }

    @Test func it_trains_switches_pauses_resizes_and_quits_to_a_usable_shell() throws {
        let tmux = try TmuxSession(width: 120, height: 40)
        tmux.type("\(Gradtop.binary.path) --speed 30", enter: true)

        let started = try #require(tmux.waitFor { DashboardInTmux.step($0).map { $0 > 0 } ?? false }, "dashboard did not start: \(tmux.screen)")
        #expect(started.contains("sigmoid · random_uniform"))
        #expect(started.contains("gradients per layer"))
        let first = DashboardInTmux.step(started) ?? 0
        let advanced = tmux.waitFor { (DashboardInTmux.step($0) ?? 0) > first + 5 }
        #expect(advanced != nil, "step counter did not advance")

        // Switching activation and initializer rebuilds the network and restarts.
        tmux.type("a")
        tmux.type("i")
        let switched = tmux.waitFor { $0.contains("tanh · glorot_normal") }
        #expect(switched != nil, "activation/initializer switch not shown: \(tmux.screen)")

        // A mouse click on a picker item chooses it (X10 mouse report, as tmux sends it).
        let screen = tmux.screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let row = screen.firstIndex(where: { $0.contains("  relu  ") }),
           let column = screen[row].range(of: "  relu  ").map({ screen[row].distance(from: screen[row].startIndex, to: $0.lowerBound) + 2 }) {
            let press = "\u{1b}[M" + String(UnicodeScalar(32)) + String(UnicodeScalar(UInt8(33 + column))) + String(UnicodeScalar(UInt8(33 + row)))
            tmux.type(press)
            #expect(tmux.waitFor { $0.contains("relu · glorot_normal") } != nil, "click on relu not taken: \(tmux.screen)")
            tmux.type("A")  // back to tanh for the checks below
        } else {
            Issue.record("no relu item in the activation picker: \(tmux.screen)")
        }

        // Pause holds the step counter.
        tmux.key("Space")
        _ = try #require(tmux.waitFor { $0.contains("paused") }, "pause not shown")
        // "paused" shows at the key; the trainer's own last snapshot (its true step) may follow it.
        usleep(500_000)
        let held = DashboardInTmux.step(tmux.screen)
        usleep(700_000)
        #expect(DashboardInTmux.step(tmux.screen) == held)
        tmux.type("s")
        #expect(tmux.waitFor { DashboardInTmux.step($0) == (held ?? 0) + 1 } != nil, "s did not take one step")

        // A resize re-lays out at once; 80x23 (80x24 under tmux's status line) still fits, below it a clear message.
        tmux.resize(width: 80, height: 23)
        let small = tmux.waitFor { $0.split(separator: "\n", omittingEmptySubsequences: false).count <= 24 && $0.contains("controls") }
        #expect(small != nil, "no compact layout at 80x23: \(tmux.screen)")
        tmux.resize(width: 60, height: 20)
        #expect(tmux.waitFor { $0.contains("too small") } != nil)
        tmux.resize(width: 120, height: 40)
        #expect(tmux.waitFor { $0.contains("gradients per layer") } != nil)

        // Help lists the keys; q quits and prints the command that reproduces the run.
        tmux.type("?")
        #expect(tmux.waitFor { $0.contains("pause / resume") } != nil)
        tmux.type("?")
        tmux.type("q")
        let exited = tmux.waitFor { $0.contains("gradtop --activation tanh --init glorot_normal") }
        #expect(exited != nil, "no reproduce line after q: \(tmux.screen)")
        tmux.type("echo shell-$((40+2)); stty -a | grep -o -- ' echo ' | head -1", enter: true)
        #expect(tmux.waitFor { $0.contains("shell-42") && $0.contains(" echo ") } != nil, "shell not usable: \(tmux.screen)")
    }

    @Test func a_pause_at_full_speed_shows_the_last_step_and_s_adds_exactly_one() throws {
        let tmux = try TmuxSession(width: 120, height: 40)
        tmux.type("\(Gradtop.binary.path) --speed max", enter: true)
        #expect(tmux.waitFor { DashboardInTmux.step($0).map { $0 > 100 } ?? false } != nil, "\(tmux.screen)")
        tmux.key("Space")
        let paused = try #require(tmux.waitFor { $0.contains("paused") }, "pause not shown")
        usleep(500_000)
        let held = try #require(DashboardInTmux.step(tmux.screen), "\(paused)")
        tmux.type("s")
        let stepped = tmux.waitFor { DashboardInTmux.step($0) != held }
        #expect(stepped.flatMap(DashboardInTmux.step) == held + 1, "s from step \(held): \(tmux.screen)")
        tmux.type("q")
    }

    /// A change the trainer refuses (here: the data file it would reload is gone; the memory
    /// limit refuses the same way, see DashboardControllerTests) is named on screen, and the exit
    /// line keeps the run on screen, not the refused one.
    @Test func a_refused_change_is_named_on_screen_and_left_out_of_the_exit_line() throws {
        let folder = Gradtop.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("points.csv")
        try "x1,x2,y1,y2\n0.1,0.2,0.3,0.4\n0.5,0.6,0.7,0.8\n-0.1,0.9,0.2,-0.3\n".write(to: data, atomically: true, encoding: .utf8)
        let tmux = try TmuxSession(width: 120, height: 40)
        tmux.type("\(Gradtop.binary.path) --paused --data \(data.path)", enter: true)
        #expect(tmux.waitFor { $0.contains("gradients per layer") } != nil)
        try FileManager.default.removeItem(at: data)
        tmux.type("h")  // 4,4,4: the restart reloads the data, which is no longer there
        #expect(tmux.waitFor(timeout: 60) { $0.contains("not changed") } != nil, "no reason shown: \(tmux.screen)")
        #expect(tmux.screen.contains("· hidden 2,2,2"), "the status bar shows a run that never trained: \(tmux.screen)")
        tmux.type("q")
        let exited = tmux.waitFor { $0.contains("gradtop --activation") }
        #expect(exited != nil && exited?.contains("4,4,4") == false, "the exit line names a run that never trained: \(tmux.screen)")
    }

    @Test func ctrl_c_and_sighup_restore_the_terminal() throws {
        let tmux = try TmuxSession(width: 100, height: 30)
        tmux.type("\(Gradtop.binary.path); echo status=$?", enter: true)
        #expect(tmux.waitFor { $0.contains("gradients per layer") } != nil)
        tmux.key("C-c")
        #expect(tmux.waitFor { $0.contains("status=130") } != nil, "Ctrl-C: \(tmux.screen)")
        // A dropped SSH connection: SIGHUP to the running dashboard (found by a unique seed).
        let seed = Int.random(in: 100_000...999_999)
        tmux.type("\(Gradtop.binary.path) --seed \(seed); echo status=$?", enter: true)
        #expect(tmux.waitFor { $0.contains("gradients per layer") } != nil)
        let pkill = Process()
        pkill.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        pkill.arguments = ["pkill", "-HUP", "-f", "--", "gradtop --seed \(seed)"]
        try pkill.run()
        pkill.waitUntilExit()
        #expect(tmux.waitFor { $0.contains("status=129") } != nil, "SIGHUP: \(tmux.screen)")
        tmux.type("echo alive-$((1+1))", enter: true)
        #expect(tmux.waitFor { $0.contains("alive-2") } != nil)
    }

    @Test func without_utf8_it_draws_ascii_only() throws {
        let tmux = try TmuxSession(width: 100, height: 30, environment: ["LANG": "C", "LC_ALL": "C"])
        tmux.type("\(Gradtop.binary.path) --speed 30", enter: true)
        let screen = try #require(tmux.waitFor { DashboardInTmux.step($0).map { $0 > 2 } ?? false }, "\(tmux.screen)")
        #expect(screen.allSatisfy { $0.isASCII }, "non-ASCII glyphs without a UTF-8 locale")
        tmux.type("q")
        #expect(tmux.waitFor { $0.contains("gradtop --activation sigmoid") } != nil)
    }

    @Test func a_pipe_or_an_unknown_terminal_gets_one_line_suggesting_train() throws {
        let piped = try Gradtop.run([])
        #expect(piped.status != 0)
        #expect(piped.stderrLines.count == 1 && piped.stderr.contains("gradtop train"), "\(piped.stderr)")
        let tmux = try TmuxSession(width: 200, height: 30)
        tmux.type("TERM=nosuchterm \(Gradtop.binary.path); echo status=$?", enter: true)
        let screen = tmux.waitFor { $0.contains("status=1") }
        #expect(screen?.contains("gradtop train") == true && screen?.contains("status=1") == true, "\(tmux.screen)")
    }
}
