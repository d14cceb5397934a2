/// A problem with something a user handed to gradtop: a CSV data file, a model
/// file, a path. Every loader in GradNet throws only this for bad input and
/// never traps, so the executable can print `description` and exit.
///
/// `description` is one line that names the file and the place, in the form
/// compilers use so editors and terminals can jump to it:
///
///     data.csv:7:3: x2: expected a number, found "abc"
///     model.json: layers[1].kernel: expected 2 rows (the previous layer's units), found 3
///     data.csv: no such file
public struct InputError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The path as the user gave it (not made absolute, so messages stay short).
    public var file: String
    /// Where in the file: `"7:3"` (1-based line and column) or `"7"` (a whole line)
    /// in text files, a field path such as `"layers[1].kernel[0][2]"` in JSON,
    /// or nil when the problem is the file as a whole.
    public var location: String?
    /// What is wrong, and where it helps, what would be right. One line.
    public var message: String

    public init(file: String, location: String? = nil, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    /// An error at a line and, optionally, a column of a text file (both 1-based).
    public init(file: String, line: Int, column: Int? = nil, message: String) {
        self.init(file: file, location: column.map { "\(line):\($0)" } ?? "\(line)", message: message)
    }

    /// Always one line without control characters, whatever the file name,
    /// field path or quoted text held (see `printable(_:)`).
    public var description: String {
        let file = InputError.printable(file), message = InputError.printable(message)
        guard let location = location.map(InputError.printable) else { return "\(file): \(message)" }
        // Line numbers attach with a colon (file:7:3:), field paths after a space.
        let isLineColumn = location.first?.isNumber ?? false
        return isLineColumn ? "\(file):\(location): \(message)" : "\(file): \(location): \(message)"
    }
}

extension InputError {
    /// `text` safe to print on one line of a terminal: control characters
    /// (C0, DEL, C1), line and paragraph separators and bidirectional
    /// overrides are written as escapes such as `\u{1B}`, so text taken from a
    /// file or a file name can neither break the line nor inject an escape
    /// sequence. Other text is unchanged.
    public static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where needsEscape(scalar): out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
            || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }
}

extension InputError {
    /// `text` in double quotes, shortened to `limit` characters with an ellipsis,
    /// with control characters escaped, so a bad field can be quoted on one line.
    static func quoted(_ text: Substring, limit: Int = 40) -> String {
        var shown = ""
        for character in text.prefix(limit) {
            switch character {
            case "\"": shown += "\\\""
            case "\t": shown += "\\t"
            case "\r": shown += "\\r"
            case "\n": shown += "\\n"
            default: shown.append(character)
            }
        }
        return "\"" + shown + (text.count > limit ? "..." : "") + "\""
    }

    static func quoted(_ text: String, limit: Int = 40) -> String { quoted(text[...], limit: limit) }
}
