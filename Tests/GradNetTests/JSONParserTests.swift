import Foundation
import Testing
@testable import GradNet

/// The model files' JSON parser: RFC 8259 exactly, every failure with its byte offset.
@Suite struct JSONParserTests {
    func failure(_ text: String) -> JSONParser.Failure? {
        do { _ = try JSONParser.parse(Data(text.utf8)); return nil } catch { return error }
    }

    @Test func it_reads_nested_values_escapes_and_surrogate_pairs() throws {
        let value = try JSONParser.parse(Data(#" {"a": [1, -2.5e3, true, false, null], "b": "x\"\\\/\n\u00e9\ud83d\ude00"} "#.utf8))
        let object = try #require(value as? [String: Any])
        let array = try #require(object["a"] as? [Any])
        #expect(array.count == 5)
        #expect(array[0] as? Double == 1 && array[1] as? Double == -2500)
        #expect(array[2] as? Bool == true && array[3] as? Bool == false && array[4] is JSONNull)
        #expect(array[0] as? Bool == nil, "a number is not a Bool")
        #expect(object["b"] as? String == "x\"\\/\né😀")
    }

    @Test func it_refuses_what_json_does_not_allow_at_the_offending_byte() {
        let cases: [(String, Int, String)] = [
            ("[01]", 1, "invalid number"), ("[+1]", 1, "invalid value"), ("[1.]", 1, "invalid number"),
            ("[.5]", 1, "invalid value"), ("[1e]", 1, "invalid number"), ("[1,]", 3, "invalid value"),
            ("{\"a\": 1,}", 8, "expected a key in double quotes"), ("[1] 2", 4, "unexpected text after the value"),
            ("\"a\tb\"", 2, "control character in a string (write it as \\u00XX)"), ("\"\\x\"", 2, "invalid escape in a string"),
            ("\"\\ud800\"", 7, "unpaired surrogate in \\u escape"), ("\"\\u12g4\"", 3, "expected four hex digits after \\u"),
            ("[tru]", 1, "invalid value"), ("[1", 2, "expected ',' or ']'"), ("\"abc", 4, "unterminated string"),
            ("[1e999]", 1, "number 1e999 is not finite; weights must be finite float32 numbers"),
        ]
        for (text, offset, message) in cases {
            let found = failure(text)
            #expect(found?.offset == offset && found?.message == message,
                    "\(text.debugDescription): \(found.map { "\($0.offset): \($0.message)" } ?? "accepted")")
        }
    }

    @Test func deep_nesting_is_refused_without_recursing_into_it() {
        let found = failure(String(repeating: "[", count: 100_000))
        #expect(found?.offset == JSONParser.maximumDepth && found?.message == "nested deeper than 512 levels")
        #expect(failure(String(repeating: "[", count: 511) + String(repeating: "]", count: 511)) == nil)
    }
}

/// The formatting helpers that stand in for Foundation's NSString methods.
@Suite struct TextFormatTests {
    @Test func cFormat_gives_printfs_digits_also_beyond_its_first_buffer() {
        #expect(String(cFormat: "%.2f", 3.14159) == "3.14")
        #expect(String(cFormat: "%.3g", 0.000123456) == "0.000123")
        #expect(String(cFormat: "%.1e", 12345.0) == "1.2e+04")
        #expect(String(cFormat: "%.0fx", 2.5) == "2x")
        #expect(String(cFormat: "%.100f", 1.0) == "1." + String(repeating: "0", count: 100))
    }

    @Test func padding_cuts_or_fills_to_a_length_and_trimming_keeps_line_breaks() {
        #expect("abc".padded(toLength: 5) == "abc  ")
        #expect("abcdef".padded(toLength: 3) == "abc")
        #expect("\t a b \u{00A0}".trimmingSpaces() == "a b")
        #expect(" x\n".trimmingSpaces() == "x\n")
        #expect("  ".trimmingSpaces() == "")
    }
}
