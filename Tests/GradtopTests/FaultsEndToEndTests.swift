import Foundation
import Testing

/// Hostile conditions in a real terminal (tmux): a diverging run, resize
/// storms, tiny and huge windows, odd terminals, SIGHUP at full speed, file
/// names carrying escape sequences. Each ends with the shell usable.
@Suite(.serialized) struct FaultsInTmux {
    /// Starts `gradtop arguments` in `tmux` through a shell that first writes its PID to a file.
    static func start(_ tmux: TmuxSession, _ arguments: String, prefix: String = "") -> URL {
        let pidFile = Gradtop.temporaryFolder().appendingPathComponent("pid")
        tmux.type("\(prefix)bash -c 'echo $$ > \(pidFile.path); exec \"$0\" \"$@\"' \(Gradtop.binary.path) \(arguments); echo status=$?", enter: true)
        return pidFile
    }

    static func pid(_ file: URL) -> pid_t? {
        for _ in 0..<50 {
            if let text = try? String(contentsOf: file, encoding: .utf8), let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) { return pid }
            usleep(100_000)
        }
        return nil
    }

    /// Checks the shell runs commands and the terminal has echo back on.
    static func expectUsableShell(_ tmux: TmuxSession, _ label: String) {
        tmux.type("echo shell-$((40+2)); stty -a | grep -o -- ' echo ' | head -1", enter: true)
        #expect(tmux.waitFor { $0.contains("shell-42") && $0.contains(" echo ") } != nil, "\(label): shell not usable: \(tmux.screen)")
    }

    @Test func divergence_shows_the_step_keeps_responding_and_reset_recovers() throws {
        let tmux = try TmuxSession(width: 120, height: 40)
        tmux.type("\(Gradtop.binary.path) --optimizer sgd --lr 1e6 --activation relu --init he_normal --speed 30", enter: true)
        let diverged = try #require(tmux.waitFor { $0.contains("DIVERGED at step") }, "no divergence shown: \(tmux.screen)")
        let step = diverged.firstMatch(of: /DIVERGED at step (\d+)/).flatMap { Int($0.1) }
        #expect(step != nil && step! >= 1)
        // Still responding: the help opens and closes.
        tmux.type("?")
        #expect(tmux.waitFor { $0.contains("pause / resume") } != nil, "help did not open after divergence")
        tmux.type("?")
        // Reset: back to step 0 without the alarm.
        tmux.type("r")
        #expect(tmux.waitFor { !$0.contains("DIVERGED") && DashboardInTmux.step($0) == 0 } != nil, "r did not reset: \(tmux.screen)")
        // Halve the learning rate 30 times (1e6 -> about 0.001), resume: it trains without diverging.
        tmux.type(String(repeating: "[", count: 30))
        #expect(tmux.waitFor { $0.contains("lr 0.0009") } != nil, "learning rate not lowered: \(tmux.screen)")
        if tmux.screen.contains("paused") { tmux.key("Space") }
        let trained = tmux.waitFor(timeout: 30) { (DashboardInTmux.step($0) ?? 0) > 20 }
        #expect(trained != nil && !(trained ?? "").contains("DIVERGED"), "did not recover: \(tmux.screen)")
        tmux.type("q")
        FaultsInTmux.expectUsableShell(tmux, "after divergence")
    }

    @Test func a_resize_storm_then_tiny_and_huge_windows_keep_it_drawing() throws {
        let tmux = try TmuxSession(width: 120, height: 40)
        tmux.type("\(Gradtop.binary.path) --speed max", enter: true)
        #expect(tmux.waitFor { $0.contains("gradients per layer") } != nil)
        for i in 0..<60 { tmux.resize(width: 40 + (i * 37) % 200, height: 10 + (i * 13) % 60) }
        tmux.resize(width: 20, height: 5)
        #expect(tmux.waitFor { $0.contains("too") && $0.contains("small") } != nil, "no too-small notice at 20x5: \(tmux.screen)")
        tmux.resize(width: 300, height: 100)
        let huge = tmux.waitFor { $0.contains("gradients per layer") && $0.split(separator: "\n", omittingEmptySubsequences: false).count >= 99 }
        #expect(huge != nil, "nothing drawn at 300x100: \(tmux.screen.prefix(400))")
        tmux.type("?")
        #expect(tmux.waitFor { $0.contains("pause / resume") } != nil, "no help after the storm")
        tmux.type("?")
        tmux.type("q")
        #expect(tmux.waitFor { $0.contains("gradtop --activation") } != nil, "no reproduce line after q")
        FaultsInTmux.expectUsableShell(tmux, "after the storm")
    }

    @Test func dumb_terminals_and_redirected_input_get_one_line_and_a_usable_shell() throws {
        let tmux = try TmuxSession(width: 160, height: 30)
        tmux.type("TERM=dumb \(Gradtop.binary.path); echo status=$?", enter: true)
        #expect(tmux.waitFor { $0.contains("status=1") && $0.contains("TERM=dumb") } != nil, "TERM=dumb: \(tmux.screen)")
        tmux.type("clear; \(Gradtop.binary.path) < /dev/null; echo status=$?", enter: true)
        #expect(tmux.waitFor { $0.contains("status=1") && $0.contains("gradtop train") } != nil, "stdin /dev/null: \(tmux.screen)")
        tmux.type("clear; echo q | LANG=C LC_ALL=C TERM=vt100 \(Gradtop.binary.path); echo status=$?", enter: true)
        #expect(tmux.waitFor { $0.contains("status=1") } != nil, "piped stdin: \(tmux.screen)")
        FaultsInTmux.expectUsableShell(tmux, "after refusals")
    }

    @Test func sighup_at_full_speed_on_a_huge_window_restores_the_terminal() throws {
        let tmux = try TmuxSession(width: 300, height: 100)
        for round in 0..<3 {
            tmux.type("clear", enter: true)
            let pidFile = FaultsInTmux.start(tmux, "--speed max --fps 120")
            #expect(tmux.waitFor { $0.contains("gradients per layer") } != nil, "round \(round): not drawn")
            let pid = try #require(FaultsInTmux.pid(pidFile))
            usleep(useconds_t(100_000 * round))  // a different moment of the frame each round
            kill(pid, SIGHUP)
            #expect(tmux.waitFor { $0.contains("status=129") } != nil, "round \(round): SIGHUP: \(tmux.screen.suffix(300))")
            FaultsInTmux.expectUsableShell(tmux, "after SIGHUP round \(round)")
        }
    }

    /// A parent may hand down a signal mask with SIGTERM blocked (a thread of a Dispatch pool,
    /// say): the dashboard unblocks what it handles, so SIGTERM still restores the terminal.
    @Test func sigterm_restores_the_terminal_even_when_started_with_it_blocked() throws {
        let tmux = try TmuxSession(width: 100, height: 30)
        let blockThenExec = "python3 -c 'import os, signal, sys; signal.pthread_sigmask(signal.SIG_BLOCK, "
            + "{signal.SIGTERM, signal.SIGINT}); os.execvp(sys.argv[1], sys.argv[1:])' "
        let pidFile = FaultsInTmux.start(tmux, "--speed 30", prefix: blockThenExec)
        #expect(tmux.waitFor { $0.contains("gradients per layer") } != nil, "not drawn: \(tmux.screen)")
        let pid = try #require(FaultsInTmux.pid(pidFile))
        kill(pid, SIGTERM)
        #expect(tmux.waitFor { $0.contains("status=143") } != nil, "SIGTERM: \(tmux.screen.suffix(300))")
        FaultsInTmux.expectUsableShell(tmux, "after SIGTERM")
    }

    @Test func file_names_with_escape_sequences_cannot_reach_the_terminal() throws {
        let tmux = try TmuxSession(width: 120, height: 40)
        let folder = Gradtop.temporaryFolder()
        let themes = folder.appendingPathComponent("gradtop/themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        // OSC 2 sets the pane title: if any of these bytes reach tmux, the title becomes PWNED.
        let osc = "\u{1B}]2;PWNED\u{7}"
        try "name = \"x\"\n".write(to: themes.appendingPathComponent("evil\(osc).toml"), atomically: true, encoding: .utf8)
        let csv = folder.appendingPathComponent("data\(osc).csv")
        try "x1,x2,y1,y2\n1,2,3,4\n0.5,0.25,1,2\n".write(to: csv, atomically: true, encoding: .utf8)
        tmux.type("P=\"$(printf '\(folder.path)/data\\033]2;PWNED\\007.csv')\"; ls \"$P\" >/dev/null && echo found-it", enter: true)
        #expect(tmux.waitFor { $0.contains("found-it") } != nil, "the shell did not find the CSV: \(tmux.screen)")
        tmux.type("XDG_CONFIG_HOME=\(folder.path) \(Gradtop.binary.path) --data \"$P\" --speed 30; echo status=$?", enter: true)
        #expect(tmux.waitFor { $0.contains("gradients per layer") } != nil, "dashboard did not start: \(tmux.screen)")
        // Cycle through every theme, the one named with the escape sequence included.
        for _ in 0..<10 { tmux.type("t"); usleep(200_000) }
        tmux.type("q")
        #expect(tmux.waitFor { $0.contains("status=0") } != nil, "did not quit: \(tmux.screen)")
        #expect(tmux.screen.contains("--data $'"), "the reproduce line should quote the path: \(tmux.screen)")
        let title = try tmux.tmux(["display", "-p", "-t", tmux.name, "#{pane_title}"])
        #expect(!title.contains("PWNED"), "an escape sequence from a file name reached the terminal")
    }
}
