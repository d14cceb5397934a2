import Glibc

extension String {
    /// Numbers formatted by C's printf rules (`"%.2f"`, `"%.3g"`, `"%.1e"`): what Foundation's
    /// `String(format:)` gives for them, without Foundation's NSString, which brings ICU's data
    /// (about 44 MB) into a static binary. The decimal point is LC_NUMERIC's, which gradtop
    /// leaves at "C" ('.'). Arguments must be what the format reads (Double for %f, Int for %ld).
    public init(cFormat format: String, _ arguments: CVarArg...) {
        var buffer = [CChar](repeating: 0, count: 64)
        var length = Int(withVaList(arguments) { vsnprintf(&buffer, buffer.count, format, $0) })
        if length >= buffer.count {
            buffer = [CChar](repeating: 0, count: length + 1)
            length = Int(withVaList(arguments) { vsnprintf(&buffer, buffer.count, format, $0) })
        }
        self = String(decoding: buffer.prefix(Swift.max(0, length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Cut, or padded with spaces, to `length` characters (Foundation's
    /// `padding(toLength:withPad: " ", startingAt: 0)`, counting characters).
    public func padded(toLength length: Int) -> String {
        count >= length ? String(prefix(length)) : self + String(repeating: " ", count: length - count)
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (Unicode's space separators), as Foundation's
    /// `trimmingCharacters(in: .whitespaces)`; line breaks stay.
    public func trimmingSpaces() -> String {
        func isSpace(_ character: Character) -> Bool {
            character.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
        }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
