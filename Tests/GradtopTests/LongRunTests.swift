import Foundation
import Testing

/// Small, CI-sized versions of the long runs in RELIABILITY.md: memory stays
/// flat over many steps, headless and in the dashboard at full speed. Bounds
/// are generous (they catch growth per step, not noise); nothing is timed.
@Suite(.serialized) struct LongRuns {
    /// Peak resident set size in KiB of `gradtop arguments`, from wait4's rusage
    /// (the child's own peak, not this process's). Output goes to /dev/null.
    static func peakResidentKiB(_ arguments: [String]) throws -> (status: Int32, kib: Int) {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([Gradtop.binary.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, Gradtop.binary.path, &actions, nil, argv, environ)
        try #require(spawned == 0, "posix_spawn failed: \(spawned)")
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        return ((status >> 8) & 0xFF, usage.ru_maxrss)
    }

    static let sanitized = ["ASAN_OPTIONS", "TSAN_OPTIONS"].contains { ProcessInfo.processInfo.environment[$0] != nil }

    /// VmRSS of a running process in KiB, nil once it is gone.
    static func residentKiB(of pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }

    @Test func ten_times_more_headless_steps_need_no_more_memory() throws {
        let short = try LongRuns.peakResidentKiB(["train", "--steps", "300", "--format", "csv"])
        let long = try LongRuns.peakResidentKiB(["train", "--steps", "3000", "--format", "csv"])
        #expect(short.status == 0 && long.status == 0)
        #expect(short.kib > 0 && long.kib > 0)
        // A leak of more than about 1 KiB a step shows here (2700 more steps); not under sanitizers (see below).
        if !LongRuns.sanitized {
            #expect(long.kib - short.kib < 3072, "peak RSS 300 steps: \(short.kib) KiB, 3000 steps: \(long.kib) KiB")
        }
    }

    @Test func ten_seconds_of_dashboard_at_full_speed_keep_memory_flat_and_keys_working() throws {
        let tmux = try TmuxSession(width: 120, height: 40)
        let pidFile = FaultsInTmux.start(tmux, "--speed max")
        #expect(tmux.waitFor { (DashboardInTmux.step($0) ?? 0) > 10 } != nil, "dashboard did not start: \(tmux.screen)")
        let pid = try #require(FaultsInTmux.pid(pidFile))
        sleep(2)  // past start-up allocations
        let early = try #require(LongRuns.residentKiB(of: pid))
        var samples = [early]
        for _ in 0..<8 {
            sleep(1)
            if let rss = LongRuns.residentKiB(of: pid) { samples.append(rss) }
        }
        let late = samples.last ?? early
        // Under AddressSanitizer freed memory waits in a 256 MiB quarantine, so RSS
        // climbs by design; the bounds hold for normal builds only.
        if !LongRuns.sanitized {
            #expect(late < 256 * 1024, "RSS \(late) KiB")
            #expect(late - early < 8 * 1024, "RSS grew from \(early) to \(late) KiB: \(samples)")
        }
        tmux.type("?")
        #expect(tmux.waitFor { $0.contains("pause / resume") } != nil, "no help after 10 s at full speed")
        tmux.type("?")
        tmux.type("q")
        #expect(tmux.waitFor { $0.contains("status=0") } != nil, "did not quit: \(tmux.screen)")
    }
}
