import GradNet
import TOMLKit

/// Something wrong in a theme file that did not stop it loading: the key
/// keeps its default. `line` is 1-based, 0 when unknown.
public struct ThemeWarning: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String
    /// One line without control characters (see `InputError.printable`).
    public var description: String { InputError.printable("\(file):\(line): \(message)") }
}

/// Why a theme could not be loaded at all; the caller falls back to `Theme.dark`.
public enum ThemeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is not valid TOML.
    case parse(file: String, line: Int, column: Int, message: String)
    /// No theme has that name.
    case unknownName(String, valid: [String])
    /// The file could not be read.
    case unreadable(file: String, reason: String)

    /// One line without control characters (see `InputError.printable`).
    public var description: String {
        let text = switch self {
        case let .parse(file, line, column, message): "\(file):\(line):\(column): \(message)"
        case let .unknownName(name, valid): "unknown theme '\(name)'; valid themes: \(valid.joined(separator: ", "))"
        case let .unreadable(file, reason): "\(file): cannot read theme: \(reason)"
        }
        return InputError.printable(text)
    }
}

extension Theme {
    /// The keys of a theme's [colors] table, in documentation order.
    public static let colorKeys = [
        "background", "foreground", "muted", "border", "title", "accent", "selection", "median",
        "quartile", "loss", "warning", "good", "status_bg", "status_fg", "violin", "heat",
    ]

    /// Parses a theme file. Unknown keys and bad values keep `Theme.dark`'s
    /// value and add a warning naming `file` and the line; only text that is
    /// not TOML at all throws. `fallbackName` names the theme when the file has no `name`.
    public static func parse(toml text: String, file: String, fallbackName: String) throws(ThemeError)
        -> (theme: Theme, warnings: [ThemeWarning])
    {
        if let hazard = TOMLGuard.hazard(in: text) {
            throw .parse(file: file, line: hazard.line, column: hazard.column, message: hazard.message)
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .parse(file: file, line: error.source.begin.line, column: error.source.begin.column,
                         message: error.description)
        } catch {
            throw .parse(file: file, line: 0, column: 0, message: "\(error)")
        }
        var theme = Theme.dark
        theme.name = fallbackName
        var warnings: [ThemeWarning] = []
        func warn(_ key: String, _ message: String, inColors: Bool) {
            warnings.append(ThemeWarning(file: file, line: lineOf(key: key, inColors: inColors, text: text), message: message))
        }
        for key in table.keys {
            switch key {
            case "name":
                if let name = table[key]?.string, !name.isEmpty, InputError.printable(name) == name { theme.name = name }
                else { warn(key, "'name' must be a non-empty string without control characters", inColors: false) }
            case "colors":
                guard let colors = table[key]?.table else {
                    warn(key, "'colors' must be a table", inColors: false)
                    continue
                }
                for colorKey in colors.keys {
                    guard let value = colors[colorKey] else { continue }
                    if let problem = theme.set(colorKey, to: value) { warn(colorKey, problem, inColors: true) }
                }
            default:
                warn(key, "unknown key '\(key)' (expected 'name' or '[colors]')", inColors: false)
            }
        }
        return (theme, warnings)
    }

    /// Sets one colour key; returns what was wrong, or nil when it was set.
    mutating func set(_ key: String, to value: any TOMLValueConvertible) -> String? {
        if key == "violin" || key == "heat" {
            guard let array = value.array, !array.isEmpty else {
                return "'\(key)' must be a non-empty array of colours; using the default"
            }
            var parsed: [Color] = []
            for element in array {
                guard let string = element.string, let color = Color(themeValue: string) else {
                    return "bad colour in '\(key)': \(element.debugDescription) (want \"#rrggbb\" or \"default\"); using the default"
                }
                parsed.append(color)
            }
            if key == "violin" { violins = parsed } else { heat = parsed }
            return nil
        }
        guard Theme.colorKeys.contains(key) else {
            return "unknown colour key '\(key)'; valid keys: \(Theme.colorKeys.joined(separator: ", "))"
        }
        guard let string = value.string, let color = Color(themeValue: string) else {
            return "bad colour for '\(key)': \(value.debugDescription) (want \"#rrggbb\" or \"default\"); using the default"
        }
        switch key {
        case "background": background = color
        case "foreground": foreground = color
        case "muted": muted = color
        case "border": border = color
        case "title": title = color
        case "accent": accent = color
        case "selection": selection = color
        case "median": median = color
        case "quartile": quartile = color
        case "loss": loss = color
        case "warning": warning = color
        case "good": good = color
        case "status_bg": statusBackground = color
        default: statusForeground = color
        }
        return nil
    }
}

extension Color {
    /// "#rrggbb" (case-insensitive) or "default"; nil for anything else.
    public init?(themeValue: String) {
        if themeValue == "default" { self = .terminalDefault; return }
        let digits = themeValue.dropFirst()
        guard themeValue.first == "#", digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        self = .hex(value)
    }
}

/// The 1-based line where `key = ...` is written (inside [colors] when
/// `inColors`), found by scanning because TOMLKit reports positions only for
/// parse errors. 0 when not found.
private func lineOf(key: String, inColors: Bool, text: String) -> Int {
    var inColorsTable = false
    // Any newline counts: "\r\n" is one Character, so splitting on "\n" would miss CRLF files.
    for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
        let line = rawLine.trimmingPrefix(while: { $0 == " " || $0 == "\t" })
        if line.hasPrefix("[") {
            inColorsTable = line.hasPrefix("[colors]")
            if !inColors && line.hasPrefix("[\(key)]") { return index + 1 }
            continue
        }
        guard inColorsTable == inColors, line.hasPrefix(key) else { continue }
        let rest = line.dropFirst(key.count).trimmingPrefix(while: { $0 == " " || $0 == "\t" })
        if rest.hasPrefix("=") { return index + 1 }
    }
    return 0
}
