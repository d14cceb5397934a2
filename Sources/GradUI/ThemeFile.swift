/// A theme file read with the part of TOML that themes use, and nothing more:
///
/// - `# comments`, blank lines, a byte-order mark at the very start, LF or CRLF line ends;
/// - table headers `[name]`, the name bare (letters, digits, `_`, `-`);
/// - `key = "text"`: a bare key and a basic string with TOML's escapes
///   (`\"` `\\` `\b` `\t` `\n` `\f` `\r` `\uXXXX` `\UXXXXXXXX`);
/// - `key = ["text", ...]`: an array of such strings, which may span lines and
///   hold comments and a trailing comma.
///
/// Everything else is refused with the line and column where it starts,
/// whether TOML allows it (numbers, booleans, literal and multi-line strings,
/// quoted or dotted keys, inline tables, `[[arrays of tables]]`) or not. So a
/// file accepted here means the same to any TOML reader, and a file that is
/// not is named with its place, never half-read. As in TOML, a key or table
/// defined twice is an error.
///
/// Cost: one pass over the text's Unicode scalars, no recursion (arrays do not
/// nest), so no input can exhaust the stack.
struct ThemeFile: Equatable {
    enum Value: Equatable, CustomStringConvertible {
        case string(String)
        case strings([String])

        /// For warnings, as TOMLKit showed values: `"#12345"`, `[ 'a', 'b' ]`.
        var description: String {
            switch self {
            case let .string(text): "\"" + text + "\""
            case let .strings(texts): texts.isEmpty ? "[]" : "[ " + texts.map { "'" + $0 + "'" }.joined(separator: ", ") + " ]"
            }
        }
    }

    /// `key = value` on `line` (1-based).
    struct Entry: Equatable {
        var key: String
        var value: Value
        var line: Int
    }

    /// `[name]` on `line` and the entries under it.
    struct Table: Equatable {
        var name: String
        var line: Int
        var entries: [Entry]
    }

    /// Where the text stops being a theme file, and why; positions are 1-based,
    /// columns count Unicode scalars.
    struct SyntaxError: Error, Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    /// The entries before the first table header, in file order.
    var topLevel: [Entry] = []
    /// The tables in file order.
    var tables: [Table] = []

    init(parsing text: String) throws(SyntaxError) {
        var scanner = Scanner(text)
        if scanner.peek == "\u{FEFF}" { scanner.advance() }
        while true {
            scanner.skipSpaces()
            guard let c = scanner.peek else { return }
            if c == "[" {
                let table = try scanner.tableHeader()
                if let first = tables.first(where: { $0.name == table.name }) {
                    throw scanner.error(at: table.line, 1, "table [\(table.name)] is defined twice (first on line \(first.line))")
                }
                if let key = topLevel.first(where: { $0.key == table.name }) {
                    throw scanner.error(at: table.line, 1, "'\(table.name)' is a key (line \(key.line)) and a table")
                }
                tables.append(table)
            } else if Scanner.isBareKey(c) {
                let column = scanner.column
                let entry = try scanner.keyValue()
                let siblings = tables.last?.entries ?? topLevel
                if let first = siblings.first(where: { $0.key == entry.key }) {
                    throw scanner.error(at: entry.line, column, "key '\(entry.key)' is defined twice (first on line \(first.line))")
                }
                if tables.isEmpty { topLevel.append(entry) } else { tables[tables.count - 1].entries.append(entry) }
            } else if c != "#" && c != "\n" && c != "\r" {
                throw scanner.error(scanner.unexpected(c, expecting: "a key, a [table] or a comment"))
            }
            try scanner.endOfLine()
        }
    }
}

/// The cursor over the text and the rules of each piece of syntax.
private struct Scanner {
    let scalars: [Unicode.Scalar]
    var index = 0
    var line = 1
    var lineStart = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
    var column: Int { index - lineStart + 1 }

    mutating func advance() { index += 1 }

    func error(_ message: String) -> ThemeFile.SyntaxError { error(at: line, column, message) }
    func error(at line: Int, _ column: Int, _ message: String) -> ThemeFile.SyntaxError {
        ThemeFile.SyntaxError(line: line, column: column, message: message)
    }

    static func isBareKey(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
    }

    /// "found 'x'" for printable characters, "found U+0007" for the rest, with a hint for
    /// TOML that theme files leave out.
    func unexpected(_ c: Unicode.Scalar, expecting what: String) -> String {
        let shown = c.value < 0x20 || (0x7F...0x9F).contains(c.value) || c.properties.isWhitespace
            ? "U+" + String(c.value, radix: 16, uppercase: true) : "'\(c)'"
        let hint = switch c {
        case "'": "; theme strings use double quotes"
        case "{": "; inline tables are not used in theme files"
        case "0"..."9", "+", "-": "; theme values are strings"
        default: ""
        }
        return "expected \(what), found \(shown)\(hint)"
    }

    mutating func skipSpaces() {
        while peek == " " || peek == "\t" { advance() }
    }

    /// Spaces, then an optional comment, then a line end or the end of the text.
    mutating func endOfLine() throws(ThemeFile.SyntaxError) {
        skipSpaces()
        if peek == "#" { try comment() }
        switch peek {
        case nil: return
        case "\n": newline()
        case "\r":
            advance()
            guard peek == "\n" else { throw error("a carriage return must be followed by a line feed") }
            newline()
        case let c?: throw error(unexpected(c, expecting: "the end of the line"))
        }
    }

    /// Steps over the "\n" at `index`.
    private mutating func newline() {
        advance()
        line += 1
        lineStart = index
    }

    /// From "#" to the line end, which is left for the caller. TOML allows tabs but no other
    /// control characters in comments.
    private mutating func comment() throws(ThemeFile.SyntaxError) {
        while let c = peek, c != "\n", c != "\r" {
            if c != "\t" && (c.value < 0x20 || c.value == 0x7F) {
                throw error("control character U+\(String(c.value, radix: 16, uppercase: true)) in a comment")
            }
            advance()
        }
    }

    private mutating func bareKey(_ what: String) throws(ThemeFile.SyntaxError) -> String {
        var key = ""
        while let c = peek, Self.isBareKey(c) {
            key.unicodeScalars.append(c)
            advance()
        }
        guard !key.isEmpty else {
            throw error(peek.map { unexpected($0, expecting: what) } ?? "expected \(what), found the end of the file")
        }
        return key
    }

    /// `[name]` with optional spaces inside the brackets.
    mutating func tableHeader() throws(ThemeFile.SyntaxError) -> ThemeFile.Table {
        let headerLine = line
        advance()
        if peek == "[" { throw error("arrays of tables ('[[') are not used in theme files") }
        skipSpaces()
        let name = try bareKey("a table name (letters, digits, '_' or '-')")
        skipSpaces()
        guard peek == "]" else {
            throw error(peek.map { unexpected($0, expecting: "']' after the table name") } ?? "expected ']', found the end of the file")
        }
        advance()
        return ThemeFile.Table(name: name, line: headerLine, entries: [])
    }

    /// `key = "text"` or `key = ["text", ...]`, up to the end of the value.
    mutating func keyValue() throws(ThemeFile.SyntaxError) -> ThemeFile.Entry {
        let keyLine = line
        let key = try bareKey("a key")
        skipSpaces()
        guard peek == "=" else {
            throw error(peek.map { unexpected($0, expecting: "'=' after key '\(key)'") } ?? "expected '=' after key '\(key)'")
        }
        advance()
        skipSpaces()
        let expected = "a string in double quotes or an array of them"
        switch peek {
        case "\""?: return ThemeFile.Entry(key: key, value: .string(try string()), line: keyLine)
        case "["?: return ThemeFile.Entry(key: key, value: .strings(try array()), line: keyLine)
        case let c?: throw error(unexpected(c, expecting: expected))
        case nil: throw error("expected \(expected), found the end of the file")
        }
    }

    /// `[` strings separated by commas `]`; spaces, line ends and comments between items.
    private mutating func array() throws(ThemeFile.SyntaxError) -> [String] {
        advance()
        var items: [String] = []
        while true {
            try skipBlankLines()
            switch peek {
            case "]"?:
                advance()
                return items
            case "\""?:
                items.append(try string())
                try skipBlankLines()
                switch peek {
                case ","?: advance()
                case "]"?: break
                case let c?: throw error(unexpected(c, expecting: "',' or ']' in an array"))
                case nil: throw error("unterminated array: expected ']'")
                }
            case let c?: throw error(unexpected(c, expecting: "a string in double quotes or ']' in an array"))
            case nil: throw error("unterminated array: expected ']'")
            }
        }
    }

    /// Spaces, comments and line ends inside an array.
    private mutating func skipBlankLines() throws(ThemeFile.SyntaxError) {
        while true {
            skipSpaces()
            guard let c = peek, c == "#" || c == "\n" || c == "\r" else { return }
            try endOfLine()
        }
    }

    /// A basic string, the opening quote at `index`; ends on the same line.
    private mutating func string() throws(ThemeFile.SyntaxError) -> String {
        advance()
        if peek == "\"" && index + 1 < scalars.count && scalars[index + 1] == "\"" {
            throw error("multi-line strings (\"\"\") are not used in theme files")
        }
        var text = ""
        while true {
            guard let c = peek, c != "\n", c != "\r" else { throw error("unterminated string: expected '\"' before the end of the line") }
            advance()
            switch c {
            case "\"": return text
            case "\\": text.unicodeScalars.append(try escape())
            case _ where c != "\t" && (c.value < 0x20 || c.value == 0x7F):
                index -= 1
                throw error("control character U+\(String(c.value, radix: 16, uppercase: true)) in a string (write it as \\u escape)")
            default: text.unicodeScalars.append(c)
            }
        }
    }

    /// The character after a backslash in a string.
    private mutating func escape() throws(ThemeFile.SyntaxError) -> Unicode.Scalar {
        let start = index - 1
        guard let c = peek else { throw error("unterminated string: expected '\"' before the end of the file") }
        advance()
        switch c {
        case "\"": return "\""
        case "\\": return "\\"
        case "b": return "\u{8}"
        case "t": return "\t"
        case "n": return "\n"
        case "f": return "\u{C}"
        case "r": return "\r"
        case "u", "U":
            let count = c == "u" ? 4 : 8
            var value: UInt32 = 0
            for _ in 0..<count {
                guard let digit = peek, digit.isASCII, let nibble = UInt32(String(digit), radix: 16) else {
                    throw error(at: line, start - lineStart + 1, "'\\\(c)' needs \(count) hex digits")
                }
                value = value << 4 | nibble
                advance()
            }
            guard let scalar = Unicode.Scalar(value) else {
                throw error(at: line, start - lineStart + 1, "'\\\(c)\(String(value, radix: 16, uppercase: true))' is not a Unicode scalar value")
            }
            return scalar
        default:
            throw error(at: line, start - lineStart + 1, "unknown escape '\\\(c)' in a string")
        }
    }
}
