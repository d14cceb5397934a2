#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GradNet

/// Where themes come from: the built-in ones embedded in the binary, then
/// user files `<name>.toml` in the user directory, which override a
/// built-in of the same name. Reading is done once, at `init`.
public struct ThemeCatalog: Sendable {
    public enum Source: Sendable, Equatable {
        case builtin
        case user(path: String)
    }

    public struct Entry: Sendable, Equatable {
        public var name: String
        public var source: Source
        /// The file text; parsed only when loaded.
        public var text: String
        /// How the file is named in messages: "builtin:dark" or its path.
        public var fileLabel: String {
            switch source {
            case .builtin: "builtin:\(name).toml"
            case let .user(path): path
            }
        }
    }

    /// All themes by name, built-ins in display order then user-only themes sorted.
    public private(set) var entries: [Entry]
    /// User theme files that could not be read (the built-ins still work).
    public private(set) var errors: [ThemeError] = []

    /// `$XDG_CONFIG_HOME/gradtop/themes`, or `~/.config/gradtop/themes`.
    public static func defaultUserDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/gradtop/themes" }
        let home = environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        return home + "/.config/gradtop/themes"
    }

    /// Lists built-ins plus the `.toml` files of `userDirectory` (nil: built-ins only).
    /// A missing directory is not an error.
    public init(userDirectory: String? = ThemeCatalog.defaultUserDirectory()) {
        entries = builtinThemeFiles.map { Entry(name: $0.name, source: .builtin, text: $0.text) }
        guard let directory = userDirectory,
              let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for file in files.sorted() where file.hasSuffix(".toml") {
            let path = directory + "/" + file
            // A file name can hold anything, escape sequences included; the name is shown on screen.
            let name = InputError.printable(String(file.dropLast(".toml".count)))
            do {
                let text = try String(contentsOfFile: path, encoding: .utf8)
                let entry = Entry(name: name, source: .user(path: path), text: text)
                if let index = entries.firstIndex(where: { $0.name == name }) { entries[index] = entry }
                else { entries.append(entry) }
            } catch {
                errors.append(.unreadable(file: path, reason: InputError.systemReason(error)))
            }
        }
    }

    public var names: [String] { entries.map(\.name) }

    /// The theme called `name`, with any warnings about its keys.
    /// The theme's name is the catalog name (file stem), whatever `name =` says.
    public func load(named name: String) throws(ThemeError) -> (theme: Theme, warnings: [ThemeWarning]) {
        guard let entry = entries.first(where: { $0.name == name }) else {
            throw .unknownName(name, valid: names)
        }
        var result = try Theme.parse(toml: entry.text, file: entry.fileLabel, fallbackName: entry.name)
        result.theme.name = entry.name
        return result
    }

    /// Never fails: on any error returns `Theme.dark` and the error as a message.
    public func loadOrDefault(named name: String) -> (theme: Theme, messages: [String]) {
        do {
            let (theme, warnings) = try load(named: name)
            return (theme, warnings.map(\.description))
        } catch {
            return (Theme.dark, [error.description + "; using the default theme"])
        }
    }

    /// The theme after `name` in catalog order, wrapping (for the `t` key).
    public func name(after name: String) -> String {
        guard let index = names.firstIndex(of: name) else { return names.first ?? "dark" }
        return names[(index + 1) % names.count]
    }

    /// The next theme for the `t` key: its name, the theme (the default on any
    /// problem) and a line for the hint bar.
    public func cycle(from name: String) -> (name: String, theme: Theme, message: String) {
        let next = self.name(after: name)
        let (theme, messages) = loadOrDefault(named: next)
        return (next, theme, messages.first ?? "theme \(next)")
    }
}
