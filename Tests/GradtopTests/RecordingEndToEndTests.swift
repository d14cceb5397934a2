import Foundation
import Testing

/// Records a real dashboard session in tmux and reads the file back as a player would.
@Suite(.serialized) struct RecordingInTmux {
    /// The header object and the event arrays of an asciicast v2 file.
    static func parse(_ path: String) throws -> (header: [String: Any], events: [[Any]]) {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        let objects = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) }
        let header = try #require(objects.first as? [String: Any], "no header object: \(lines.first ?? "")")
        let events = try objects.dropFirst().map { try #require($0 as? [Any], "event is not an array: \($0)") }
        return (header, events)
    }

    @Test func it_records_frames_and_a_marker_per_configuration_until_q() throws {
        let folder = Gradtop.temporaryFolder()
        let path = folder.appendingPathComponent("lecture.cast").path
        let tmux = try TmuxSession(width: 100, height: 30)
        tmux.type("\(Gradtop.binary.path) --speed 30 --record \(path); echo status=$?", enter: true)
        #expect(tmux.waitFor { $0.contains("sigmoid · random_uniform") && $0.contains("gradients per layer") } != nil,
                "dashboard did not start: \(tmux.screen)")
        // While recording, nothing exists under the target name.
        #expect(!FileManager.default.fileExists(atPath: path))

        tmux.type("a")
        #expect(tmux.waitFor { $0.contains("tanh · random_uniform") } != nil, "activation did not change: \(tmux.screen)")
        usleep(300_000)
        tmux.type("q")
        #expect(tmux.waitFor { $0.contains("status=0") } != nil, "did not quit cleanly: \(tmux.screen)")

        let (header, events) = try Self.parse(path)
        #expect(header["version"] as? Int == 2)
        #expect(header["width"] as? Int == 100 && header["height"] as? Int == 30, "\(header)")
        #expect((header["title"] as? String)?.hasPrefix("gradtop --activation sigmoid") == true)

        let times = events.compactMap { ($0.first as? NSNumber)?.doubleValue }
        #expect(times.count == events.count && !times.isEmpty)
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 < $1 }, "times not strictly increasing")

        let codes = events.compactMap { $0.count == 3 ? $0[1] as? String : nil }
        #expect(codes.count == events.count)
        let markers = events.filter { $0[1] as? String == "m" }.compactMap { $0[2] as? String }
        #expect(markers.contains("tanh · random_uniform"), "markers: \(markers)")
        let output = events.filter { $0[1] as? String == "o" }.compactMap { $0[2] as? String }
        #expect(output.count > 2 && !output.contains(""))
        #expect(output.first?.hasPrefix("\u{1b}[0m\u{1b}[?25l\u{1b}[H\u{1b}[2J") == true, "first frame must clear the screen")
        #expect(output.joined().contains("gradients per layer"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["lecture.cast"], "temporary file left behind")
    }

    @Test func the_markers_after_n_and_d_name_the_new_weight_and_data_seeds() throws {
        let folder = Gradtop.temporaryFolder()
        let path = folder.appendingPathComponent("seeds.cast").path
        let tmux = try TmuxSession(width: 100, height: 30)
        tmux.type("\(Gradtop.binary.path) --speed 30 --record \(path); echo status=$?", enter: true)
        #expect(tmux.waitFor { $0.contains("gradients per layer") } != nil, "dashboard did not start: \(tmux.screen)")
        tmux.type("n")
        #expect(tmux.waitFor { $0.contains("new weight seed") } != nil, "n did not draw a seed: \(tmux.screen)")
        usleep(300_000)
        tmux.type("d")
        #expect(tmux.waitFor { $0.contains("new data draw") } != nil, "d did not draw data: \(tmux.screen)")
        usleep(300_000)
        tmux.type("q")
        let exit = tmux.waitFor { $0.contains("status=0") } ?? ""
        #expect(!exit.isEmpty, "did not quit cleanly: \(tmux.screen)")

        let markers = try Self.parse(path).events.filter { $0[1] as? String == "m" }.compactMap { $0[2] as? String }
        #expect(markers.first == "sigmoid · random_uniform", "markers: \(markers)")
        // The exit line reproduces the run, so its seeds are the ones n and d drew.
        let flat = exit.replacingOccurrences(of: "\n", with: "")
        let seed = try #require(flat.firstMatch(of: /--seed (\d+)/)?.1, "no --seed in \(exit)")
        let dataSeed = try #require(flat.firstMatch(of: /--data-seed (\d+)/)?.1, "no --data-seed in \(exit)")
        #expect(markers.dropFirst().first == "sigmoid · random_uniform · weight seed \(seed)", "markers: \(markers)")
        #expect(markers.dropFirst(2).first == "sigmoid · random_uniform · data seed \(dataSeed)", "markers: \(markers)")
    }

    @Test func a_signal_still_leaves_a_complete_recording() throws {
        let folder = Gradtop.temporaryFolder()
        let path = folder.appendingPathComponent("interrupted.cast").path
        let tmux = try TmuxSession(width: 90, height: 26)
        tmux.type("\(Gradtop.binary.path) --record \(path); echo status=$?", enter: true)
        #expect(tmux.waitFor { $0.contains("gradients per layer") } != nil)
        tmux.key("C-c")
        #expect(tmux.waitFor { $0.contains("status=130") } != nil, "Ctrl-C: \(tmux.screen)")
        let (header, events) = try Self.parse(path)
        #expect(header["width"] as? Int == 90 && header["height"] as? Int == 26)
        #expect(events.contains { $0[1] as? String == "m" })
    }

    /// The CI flake, made certain: 50000 examples make the first snapshot take seconds, so the
    /// Ctrl-C lands after the first frame and before any snapshot. The chapter marker must not
    /// wait for the trainer.
    @Test func a_signal_before_the_first_snapshot_still_leaves_the_chapter_marker() throws {
        let folder = Gradtop.temporaryFolder()
        let path = folder.appendingPathComponent("early.cast").path
        let tmux = try TmuxSession(width: 90, height: 26)
        tmux.type("\(Gradtop.binary.path) --examples 50000 --record \(path); echo status=$?", enter: true)
        #expect(tmux.waitFor { $0.contains("gradients per layer") } != nil)
        tmux.key("C-c")
        #expect(tmux.waitFor { $0.contains("status=130") } != nil, "Ctrl-C: \(tmux.screen)")
        let markers = try Self.parse(path).events.filter { $0[1] as? String == "m" }.compactMap { $0[2] as? String }
        #expect(markers == ["sigmoid · random_uniform"], "markers: \(markers)")
    }

    @Test func an_unwritable_record_path_fails_before_the_screen_opens() throws {
        let result = try Gradtop.run(["--record", "/nonexistent-folder/x.cast"])
        #expect(result.status != 0)
        #expect(result.stderrLines.count == 1 && result.stderr.contains("/nonexistent-folder/x.cast"), "\(result.stderr)")
    }
}
