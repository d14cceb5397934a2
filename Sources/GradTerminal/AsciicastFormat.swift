import GradSession

/// The text of an asciicast v2 file: one JSON header object, then one JSON
/// array per event. Pure string building, so every byte is unit-tested.
/// Spec: https://docs.asciinema.org/manual/asciicast/v2/
enum AsciicastFormat {
    /// `{"version": 2, "width": W, "height": H, "timestamp": T, "title": ..., "env": {...}}`.
    /// The title is passed through `printable` because it may quote file names.
    static func header(width: Int, height: Int, timestamp: Int, title: String?, environment: [String: String]) -> String {
        var fields = ["\"version\": 2", "\"width\": \(width)", "\"height\": \(height)", "\"timestamp\": \(timestamp)"]
        if let title { fields.append("\"title\": " + JSONText.string(printable(title))) }
        let env = environment.sorted { $0.key < $1.key }
            .map { JSONText.string($0.key) + ": " + JSONText.string(printable($0.value)) }
        fields.append("\"env\": {" + env.joined(separator: ", ") + "}")
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// `[seconds, "code", "data"]`, seconds with exactly six decimals.
    static func event(microseconds: Int64, code: String, data: String) -> String {
        "[" + seconds(microseconds: microseconds) + ", " + JSONText.string(code) + ", " + JSONText.string(data) + "]"
    }

    /// Whole microseconds as seconds text ("12.000345"): exact, so times that
    /// differ by a microsecond never print the same.
    static func seconds(microseconds: Int64) -> String {
        let fraction = String(microseconds % 1_000_000)
        return "\(microseconds / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }

    /// `text` without control characters or bidirectional overrides, for text
    /// that comes from outside (file names, labels) and would otherwise reach
    /// a player's terminal as escape sequences or reorder the title.
    static func printable(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x20 || (0x7F...0x9F).contains(value) { continue }
            if (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) { continue }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
