import Foundation
import GradSession
import GradUI
import Testing
@testable import GradTerminal

/// A recording as a reader sees it: the header object and the event arrays.
struct ParsedCast {
    let header: [String: Any]
    let events: [(time: Double, code: String, data: String)]

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.last == "", "the file must end with a newline")
        lines.removeLast()
        let objects = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8), options: [.fragmentsAllowed]) }
        header = try #require(objects.first as? [String: Any], "first line is not a JSON object")
        events = try objects.dropFirst().map { object in
            let array = try #require(object as? [Any], "event is not an array: \(object)")
            try #require(array.count == 3)
            return (try #require((array[0] as? NSNumber)?.doubleValue), try #require(array[1] as? String), try #require(array[2] as? String))
        }
    }
}

@Suite("asciicast recording")
struct AsciicastRecorderTests {
    static func folder() -> String {
        let path = NSTemporaryDirectory() + "gradtop-cast-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func frame(_ text: String, width: Int = 10, height: Int = 3) -> Grid {
        var grid = Grid(width: width, height: height)
        grid.put(text, x: 0, y: 0, style: Style(foreground: .rgb(200, 100, 0)))
        return grid
    }

    @Test func the_file_appears_under_its_name_only_when_finished() throws {
        let folder = Self.folder()
        let path = folder + "/run.cast"
        let recorder = try AsciicastRecorder(path: path, width: 10, height: 3, title: "t")
        recorder.record(frame: Self.frame("one"), at: 0.1)
        #expect(!FileManager.default.fileExists(atPath: path))
        let pending = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(pending.count == 1 && pending[0].hasPrefix(".run.cast.") && pending[0].hasSuffix(".part"), "\(pending)")
        try recorder.finish()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["run.cast"])
        try recorder.finish()  // a second finish changes nothing
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func a_recorder_dropped_without_finishing_leaves_no_file() throws {
        let folder = Self.folder()
        do {
            let recorder = try AsciicastRecorder(path: folder + "/lost.cast", width: 10, height: 3, title: "t")
            recorder.record(frame: Self.frame("x"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func the_header_carries_version_size_time_title_and_environment() throws {
        let path = Self.folder() + "/h.cast"
        let recorder = try AsciicastRecorder(path: path, width: 80, height: 24, title: "gradtop --data 'evil\u{1b}[2J\u{7}.csv'")
        recorder.record(frame: Self.frame("hi", width: 100, height: 30), at: 0)
        try recorder.finish()
        let cast = try ParsedCast(path: path)
        #expect(cast.header["version"] as? Int == 2)
        // The first frame's size wins: the terminal size is what a player must show.
        #expect(cast.header["width"] as? Int == 100 && cast.header["height"] as? Int == 30)
        let timestamp = try #require(cast.header["timestamp"] as? Int)
        #expect(abs(Double(timestamp) - Date().timeIntervalSince1970) < 60)
        #expect(cast.header["title"] as? String == "gradtop --data 'evil[2J.csv'")
        #expect(cast.header["env"] is [String: String])
    }

    @Test func a_marker_before_the_first_frame_leaves_the_header_to_that_frames_size() throws {
        // gradtop compare marks its configurations first: the recording of a 160x45 projector said 80x24.
        let path = Self.folder() + "/early.cast"
        let recorder = try AsciicastRecorder(path: path, width: 80, height: 24, title: "t")
        recorder.marker("compare: sigmoid | random_uniform", at: 0.001)
        recorder.record(frame: Self.frame("hi", width: 160, height: 45), at: 0.01)
        try recorder.finish()
        let cast = try ParsedCast(path: path)
        #expect(cast.header["width"] as? Int == 160 && cast.header["height"] as? Int == 45)
        #expect(cast.events.map(\.code) == ["m", "o", "o"])
        #expect(cast.events.first?.data == "compare: sigmoid | random_uniform")
    }

    @Test func a_marker_without_any_frame_is_still_written() throws {
        let path = Self.folder() + "/marker-only.cast"
        let recorder = try AsciicastRecorder(path: path, width: 81, height: 25, title: "t")
        recorder.marker("m", at: 0.5)
        try recorder.finish()
        let cast = try ParsedCast(path: path)
        #expect(cast.header["width"] as? Int == 81)
        #expect(cast.events.map(\.code) == ["m"])
    }

    @Test func a_recording_without_frames_still_has_a_header_with_the_given_size() throws {
        let path = Self.folder() + "/empty.cast"
        let recorder = try AsciicastRecorder(path: path, width: 81, height: 25, title: "t")
        try recorder.finish()
        let cast = try ParsedCast(path: path)
        #expect(cast.header["width"] as? Int == 81 && cast.header["height"] as? Int == 25)
        #expect(cast.events.isEmpty)
    }

    @Test func events_have_strictly_increasing_times_even_when_the_caller_repeats_or_goes_back() throws {
        let path = Self.folder() + "/t.cast"
        let recorder = try AsciicastRecorder(path: path, width: 10, height: 3, title: "t")
        recorder.record(frame: Self.frame("a"), at: 1.0)
        recorder.marker("m", at: 1.0)
        recorder.record(frame: Self.frame("b"), at: 0.5)
        recorder.record(frame: Self.frame("c"), at: 1.0000004)
        recorder.record(frame: Self.frame("d"))  // the monotonic clock, near 0: also bumped
        try recorder.finish(at: 0.2)
        let times = try ParsedCast(path: path).events.map(\.time)
        #expect(times.count == 6)
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 < $1 }, "\(times)")
        #expect(abs(times[1] - 1.000001) < 1e-9)
    }

    @Test func a_resize_writes_an_r_event_then_a_full_redraw() throws {
        let path = Self.folder() + "/r.cast"
        let recorder = try AsciicastRecorder(path: path, width: 10, height: 3, title: "t")
        recorder.record(frame: Self.frame("a"), at: 0.1)
        recorder.record(frame: Self.frame("a", width: 20, height: 6), at: 0.2)
        recorder.record(frame: Self.frame("a", width: 20, height: 6), at: 0.3)  // unchanged: no event
        try recorder.finish()
        let events = try ParsedCast(path: path).events
        #expect(events.map(\.code) == ["o", "r", "o", "o"])
        #expect(events[1].data == "20x6")
        #expect(events[2].data.hasPrefix("\u{1b}[0m\u{1b}[?25l\u{1b}[H\u{1b}[2J"))
    }

    @Test func markers_carry_their_label_without_control_characters() throws {
        let path = Self.folder() + "/m.cast"
        let recorder = try AsciicastRecorder(path: path, width: 10, height: 3, title: "t")
        recorder.record(frame: Self.frame("a"), at: 0.1)
        recorder.marker("tanh · glorot_normal\u{1b}[31m\n", at: 0.2)
        try recorder.finish()
        let markers = try ParsedCast(path: path).events.filter { $0.code == "m" }
        #expect(markers.map(\.data) == ["tanh · glorot_normal[31m"])
    }

    @Test func the_output_events_replay_to_the_last_frame() throws {
        let path = Self.folder() + "/replay.cast"
        let recorder = try AsciicastRecorder(path: path, width: 10, height: 3, title: "t")
        var frame = Self.frame("step 1 ⣿█")
        recorder.record(frame: frame, at: 0.1)
        frame.put("2 \"q\\\u{e9}", x: 5, y: 0, style: Style(bold: true, reverse: true))
        frame.put("└──", x: 0, y: 2, style: Style(background: .rgb(0, 0, 40), underline: true))
        recorder.record(frame: frame, at: 0.2)
        try recorder.finish()
        var terminal = VirtualTerminal(width: 10, height: 3)
        for event in try ParsedCast(path: path).events where event.code == "o" { terminal.feed(event.data) }
        #expect(terminal.unknown.isEmpty, "\(terminal.unknown)")
        let difference = firstDifference(terminal.screen, frame)
        #expect(difference == nil, "replay differs \(difference ?? "")")
    }

    @Test func the_recording_ends_with_the_cursor_shown_on_the_bottom_row() throws {
        let path = Self.folder() + "/end.cast"
        let recorder = try AsciicastRecorder(path: path, width: 10, height: 3, title: "t")
        recorder.record(frame: Self.frame("a"), at: 0.1)
        try recorder.finish(at: 2.5)
        let last = try #require(try ParsedCast(path: path).events.last)
        #expect(last.code == "o" && last.time == 2.5)
        #expect(last.data == "\u{1b}[0m\u{1b}[?25h\u{1b}[3;1H")
    }

    @Test func a_missing_folder_fails_with_one_line_naming_the_path() {
        let path = Self.folder() + "/no/such/folder/x.cast"
        #expect {
            _ = try AsciicastRecorder(path: path, width: 80, height: 24, title: "t")
        } throws: { error in
            let text = "\(error)"
            return text.contains(path) && !text.contains("\n") && text.contains("No such file")
        }
    }

    @Test func a_folder_as_the_target_is_refused() {
        let folder = Self.folder()
        #expect(throws: RecordingError(path: folder, reason: "is a directory")) {
            _ = try AsciicastRecorder(path: folder, width: 80, height: 24, title: "t")
        }
    }
}

@Suite("asciicast JSON text")
struct AsciicastFormatTests {
    @Test func strings_escape_control_characters_quotes_and_backslashes_and_keep_utf8() throws {
        let original = "\u{1b}[1m\"a\\b\"\t\n\u{7f}\u{85} · ⣿ é"
        let literal = JSONText.string(original)
        #expect(literal == "\"\\u001b[1m\\\"a\\\\b\\\"\\t\\n\\u007f\\u0085 · ⣿ é\"")
        let parsed = try JSONSerialization.jsonObject(with: Data(literal.utf8), options: [.fragmentsAllowed])
        #expect(parsed as? String == original)
    }

    @Test func seconds_print_with_six_exact_decimals() {
        #expect(AsciicastFormat.seconds(microseconds: 0) == "0.000000")
        #expect(AsciicastFormat.seconds(microseconds: 12_000_345) == "12.000345")
        #expect(AsciicastFormat.seconds(microseconds: 999_999) == "0.999999")
    }

    @Test func events_are_json_arrays_of_time_code_and_data() {
        #expect(AsciicastFormat.event(microseconds: 1_500_000, code: "r", data: "80x24") == "[1.500000, \"r\", \"80x24\"]")
    }

    @Test func printable_text_loses_controls_and_bidi_overrides_only() {
        #expect(AsciicastFormat.printable("a\u{1b}b\u{202E}c\u{9b}d · é\n") == "abcd · é")
    }
}
