/// A pre-check of theme text for the malformed TOML that makes toml++ (the
/// C++ parser inside TOMLKit 0.6.0) fail an `assert` and abort the whole
/// program instead of reporting an error; found by fuzzing, in release builds
/// too. Such text is refused here with a position, before it reaches TOMLKit:
///
/// - a table header ("[" or "[[" at the start of a line) not followed by a
///   name: `[=]`, `[é]`, `[[#]]`, `[[` alone;
/// - a closing bracket that does not match the innermost open one, such as
///   `}` where an array value is expected: `x = [}`, `x = [1, }`;
/// - a non-ASCII or control character outside strings and comments, which
///   toml++ may take for whitespace where a value must start (`x = [\u{85}1]`).
///
/// Both are invalid TOML, so no valid theme is refused. Strings (basic,
/// literal, multi-line) and comments are skipped, so their contents never
/// count. Cost: one pass over the text.
enum TOMLGuard {
    struct Hazard: Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    static func hazard(in text: String) -> Hazard? {
        let chars = Array(text.unicodeScalars)
        var i = 0, line = 1, lineStart = 0
        var open: [Unicode.Scalar] = []  // the brackets of values, innermost last
        var atLineStart = true
        func here(_ message: String) -> Hazard { Hazard(line: line, column: i - lineStart + 1, message: message) }
        func at(_ k: Int) -> Unicode.Scalar? { k < chars.count ? chars[k] : nil }
        func newline(_ k: Int) { line += 1; lineStart = k + 1 }

        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\n":
                newline(i)
                atLineStart = true
                i += 1
                continue
            case " ", "\t", "\r":
                i += 1
                continue
            case "\u{FEFF}" where i == 0:
                i += 1
                continue
            case "#":
                while i < chars.count && chars[i] != "\n" { i += 1 }
                continue
            case "\"", "'":
                let triple = at(i + 1) == c && at(i + 2) == c
                i += triple ? 3 : 1
                while i < chars.count {
                    if c == "\"" && chars[i] == "\\" { i += 2; continue }
                    if chars[i] == "\n" { if !triple { break }; newline(i) }
                    if chars[i] == c && (!triple || (at(i + 1) == c && at(i + 2) == c)) { i += triple ? 3 : 1; break }
                    i += 1
                }
            case "[" where atLineStart && open.isEmpty:
                // A table header: a name must follow "[" or "[[".
                var k = i + 1
                if at(k) == "[" { k += 1 }
                while at(k) == " " || at(k) == "\t" { k += 1 }
                let startsName = at(k).map(isNameStart) ?? false
                if !startsName { i = k; return here("expected a table name after '[' or '[['") }
                while i < chars.count && chars[i] != "\n" && chars[i] != "#" { i += 1 }
            case "[", "{":
                open.append(c)
                i += 1
            case "]", "}":
                let expected: Unicode.Scalar = c == "]" ? "[" : "{"
                if let innermost = open.last, innermost != expected {
                    return here(c == "}" ? "expected a value or ']' in an array, found '}'" : "expected '}' to close an inline table, found ']'")
                }
                if !open.isEmpty { open.removeLast() }
                i += 1
            case _ where c.value >= 0x80 || c.value < 0x20 || c.value == 0x7F:
                // Outside strings and comments TOML is ASCII; toml++ takes U+0085, U+2028,
                // U+00A0 and others for whitespace and then asserts where a value should start.
                return here("unexpected character U+\(String(c.value, radix: 16, uppercase: true)) outside a string")
            default:
                i += 1
            }
            atLineStart = false
        }
        return nil
    }

    /// A bare key character, a quote starting a quoted key, or "]" (an empty header, which toml++ reports itself).
    private static func isNameStart(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || "_-\"']".unicodeScalars.contains(c)
    }
}
