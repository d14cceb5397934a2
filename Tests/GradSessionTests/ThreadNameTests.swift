import Foundation
import Testing
import GradTensor
@testable import GradSession

/// The names `top -H`, `ps -L` and perf show: every thread of this process, from /proc.
private func threadNames() -> [String] {
    let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
    return tasks.compactMap { task in
        (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8))?.trimmingCharacters(in: .newlines)
    }
}

/// Waits up to 10 s for `done` to hold on the thread names, doing `poke` before each look.
private func waitForNames(poke: () -> Void = {}, _ done: ([String]) -> Bool) -> [String] {
    let deadline = Date().addingTimeInterval(10)
    var names = threadNames()
    while !done(names) && Date() < deadline {
        poke()
        Thread.sleep(forTimeInterval: 0.01)
        names = threadNames()
    }
    return names
}

/// Writes each index it is given once, so the pool has real work to split.
private struct Fill: RowWork, @unchecked Sendable {
    let out: UnsafeMutablePointer<Int>
    func run(_ rows: Range<Int>) { for i in rows { out[i] = i } }
}

@Suite struct ThreadNameTests {
    @Test func a_running_trainer_shows_as_gradtop_trainer() {
        let trainer = Trainer()
        trainer.start(RunConfig(), paused: false, stepsPerSecond: nil)
        defer { trainer.send(.quit) }
        let names = waitForNames { $0.contains("gradtop-trainer") }
        #expect(names.contains("gradtop-trainer"), "\(names)")
    }

    @Test func the_pool_s_workers_are_numbered_from_1() {
        let count = 4096
        let out = UnsafeMutablePointer<Int>.allocate(capacity: count)
        defer { out.deallocate() }
        // Another test's job may hold the pool: then this one runs on the caller; try again.
        let names = waitForNames(poke: {
            Parallel.forEachRange(count, workPerItem: Parallel.minimumWork, threads: 3, Fill(out: out))
        }) { $0.contains("gradtop-pool-1") && $0.contains("gradtop-pool-2") }
        let workers = names.filter { $0.hasPrefix("gradtop-pool-") }
        #expect(workers.contains("gradtop-pool-1") && workers.contains("gradtop-pool-2"), "\(names)")
        #expect(Set(workers).count == workers.count, "each worker has its own number: \(workers)")
    }

    @Test func a_name_longer_than_the_kernel_keeps_is_cut_not_refused() async throws {
        let name = await withCheckedContinuation { (done: CheckedContinuation<String, Never>) in
            startThread(named: "gradtop-a-very-long-name") {
                done.resume(returning: (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? "")
            }
        }
        #expect(name == "gradtop-a-very-\n", "\(name)")
    }
}
