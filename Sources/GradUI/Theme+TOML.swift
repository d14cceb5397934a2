import GradNet

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
    /// The file is not a theme file (see `ThemeFile` for the part of TOML it may use).
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

    /// Parses a theme file. Unknown keys and tables and bad colours keep
    /// `Theme.dark`'s value and add a warning naming `file` and the line, in
    /// file order; text outside the part of TOML that `ThemeFile` reads throws
    /// with the line and column. `fallbackName` names the theme when the file has no `name`.
    public static func parse(toml text: String, file: String, fallbackName: String) throws(ThemeError)
        -> (theme: Theme, warnings: [ThemeWarning])
    {
        let document: ThemeFile
        do {
            document = try ThemeFile(parsing: text)
        } catch {
            throw .parse(file: file, line: error.line, column: error.column, message: error.message)
        }
        var theme = Theme.dark
        theme.name = fallbackName
        var warnings: [ThemeWarning] = []
        func warn(_ line: Int, _ message: String) { warnings.append(ThemeWarning(file: file, line: line, message: message)) }
        func unknown(_ key: String) -> String { "unknown key '\(key)' (expected 'name' or '[colors]')" }
        for entry in document.topLevel {
            switch (entry.key, entry.value) {
            case let ("name", .string(name)) where !name.isEmpty && InputError.printable(name) == name: theme.name = name
            case ("name", _): warn(entry.line, "'name' must be a non-empty string without control characters")
            case ("colors", _): warn(entry.line, "'colors' must be a table")
            default: warn(entry.line, unknown(entry.key))
            }
        }
        for table in document.tables {
            guard table.name == "colors" else {
                warn(table.line, unknown(table.name))
                continue
            }
            for entry in table.entries {
                if let problem = theme.set(entry.key, to: entry.value) { warn(entry.line, problem) }
            }
        }
        return (theme, warnings)
    }

    /// Sets one colour key; returns what was wrong, or nil when it was set.
    mutating func set(_ key: String, to value: ThemeFile.Value) -> String? {
        if key == "violin" || key == "heat" {
            guard case let .strings(texts) = value, !texts.isEmpty else {
                return "'\(key)' must be a non-empty array of colours; using the default"
            }
            var parsed: [Color] = []
            for text in texts {
                guard let color = Color(themeValue: text) else {
                    return "bad colour in '\(key)': \(ThemeFile.Value.string(text)) (want \"#rrggbb\" or \"default\"); using the default"
                }
                parsed.append(color)
            }
            if key == "violin" { violins = parsed } else { heat = parsed }
            return nil
        }
        guard Theme.colorKeys.contains(key) else {
            return "unknown colour key '\(key)'; valid keys: \(Theme.colorKeys.joined(separator: ", "))"
        }
        guard case let .string(text) = value, let color = Color(themeValue: text) else {
            return "bad colour for '\(key)': \(value) (want \"#rrggbb\" or \"default\"); using the default"
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
