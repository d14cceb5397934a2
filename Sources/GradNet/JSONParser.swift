#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// JSON's `null` in a parsed value (the others are `[String: Any]`, `[Any]`, `String`, `Double`, `Bool`).
struct JSONNull {}

/// A strict JSON parser (RFC 8259) for model files. gradtop has its own because Foundation's
/// JSONSerialization links all of Foundation and ICU's data (about 44 MB) into a static binary;
/// FoundationEssentials' JSONDecoder says neither where nor what is wrong.
/// Guarantees: every failure names its byte offset; nesting deeper than `maximumDepth` is
/// refused rather than recursed into; a repeated key keeps its last value.
/// Cost: one pass over the bytes.
struct JSONParser {
    struct Failure: Error {
        let message: String
        /// 0-based byte offset where the parser stopped.
        let offset: Int
    }

    static let maximumDepth = 512

    private let bytes: [UInt8]
    private var position = 0

    private init(_ data: Data) { bytes = Array(data) }

    /// The value that `data` holds: nothing but whitespace may follow it.
    static func parse(_ data: Data) throws(Failure) -> Any {
        var parser = JSONParser(data)
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.position == parser.bytes.count else { throw parser.failure("unexpected text after the value") }
        return value
    }

    private func failure(_ message: String) -> Failure { Failure(message: message, offset: position) }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    private mutating func value(depth: Int) throws(Failure) -> Any {
        skipWhitespace()
        guard depth < Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth) levels") }
        switch current {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return try string()
        case UInt8(ascii: "t"): return try literal("true", true)
        case UInt8(ascii: "f"): return try literal("false", false)
        case UInt8(ascii: "n"): return try literal("null", JSONNull())
        case .some(UInt8(ascii: "-")), .some(UInt8(ascii: "0")...UInt8(ascii: "9")): return try number()
        case nil: throw failure("unexpected end of file")
        default: throw failure("invalid value")
        }
    }

    private mutating func literal(_ word: String, _ value: Any) throws(Failure) -> Any {
        let end = position + word.utf8.count
        guard end <= bytes.count, bytes[position..<end].elementsEqual(word.utf8) else { throw failure("invalid value") }
        position = end
        return value
    }

    /// Consumes `byte` (after whitespace) if it is next.
    private mutating func take(_ byte: Character) -> Bool {
        skipWhitespace()
        guard current == byte.asciiValue else { return false }
        position += 1
        return true
    }

    private mutating func object(depth: Int) throws(Failure) -> [String: Any] {
        position += 1
        var members: [String: Any] = [:]
        if take("}") { return members }
        repeat {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw failure("expected a key in double quotes") }
            let key = try string()
            guard take(":") else { throw failure("expected ':' after the key") }
            members[key] = try value(depth: depth + 1)
        } while take(",")
        guard take("}") else { throw failure("expected ',' or '}'") }
        return members
    }

    private mutating func array(depth: Int) throws(Failure) -> [Any] {
        position += 1
        var elements: [Any] = []
        if take("]") { return elements }
        repeat {
            elements.append(try value(depth: depth + 1))
        } while take(",")
        guard take("]") else { throw failure("expected ',' or ']'") }
        return elements
    }

    private mutating func string() throws(Failure) -> String {
        position += 1
        var utf8: [UInt8] = []
        while let byte = current {
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: utf8, as: UTF8.self) else { throw failure("a string is not valid UTF-8") }
                return text
            case UInt8(ascii: "\\"):
                utf8 += try escape()
            case 0..<0x20:
                position -= 1
                throw failure("control character in a string (write it as \\u00XX)")
            default:
                utf8.append(byte)
            }
        }
        throw failure("unterminated string")
    }

    /// The UTF-8 bytes of the escape after a backslash.
    private mutating func escape() throws(Failure) -> [UInt8] {
        guard let byte = current else { throw failure("unterminated string") }
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return [byte]
        case UInt8(ascii: "b"): return [0x08]
        case UInt8(ascii: "f"): return [0x0C]
        case UInt8(ascii: "n"): return [0x0A]
        case UInt8(ascii: "r"): return [0x0D]
        case UInt8(ascii: "t"): return [0x09]
        case UInt8(ascii: "u"):
            var code = try hexQuad()
            if (0xD800..<0xDC00).contains(code) {  // a surrogate pair: \uD83D\uDE00
                guard bytes[position...].starts(with: "\\u".utf8) else { throw failure("unpaired surrogate in \\u escape") }
                position += 2
                let low = try hexQuad()
                guard (0xDC00..<0xE000).contains(low) else { throw failure("unpaired surrogate in \\u escape") }
                code = 0x10000 + (code - 0xD800) << 10 + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(code) else { throw failure("unpaired surrogate in \\u escape") }
            return Array(String(Character(scalar)).utf8)
        default:
            position -= 1
            throw failure("invalid escape in a string")
        }
    }

    private mutating func hexQuad() throws(Failure) -> UInt32 {
        let digits = bytes[position..<min(position + 4, bytes.count)]
        guard digits.count == 4, digits.allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }),
              let code = UInt32(String(decoding: digits, as: UTF8.self), radix: 16) else {
            throw failure("expected four hex digits after \\u")
        }
        position += 4
        return code
    }

    /// JSON's number grammar exactly (no leading zeros, no '+', digits after '.' and 'e');
    /// a failure points at the number's first byte.
    private mutating func number() throws(Failure) -> Double {
        let start = position
        func digits(_ parser: inout JSONParser) -> Int {
            let first = parser.position
            while let byte = parser.current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { parser.position += 1 }
            return parser.position - first
        }
        if current == UInt8(ascii: "-") { position += 1 }
        let integer = digits(&self)
        var valid = integer > 0 && (integer == 1 || bytes[position - integer] != UInt8(ascii: "0"))
        if valid && current == UInt8(ascii: ".") {
            position += 1
            valid = digits(&self) > 0
        }
        if valid && (current == UInt8(ascii: "e") || current == UInt8(ascii: "E")) {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            valid = digits(&self) > 0
        }
        let literal = String(decoding: bytes[start..<position], as: UTF8.self)
        let number = valid ? Double(literal) : nil
        guard let number, number.isFinite else {
            position = start
            throw failure(valid ? "number \(literal) is not finite; weights must be finite float32 numbers" : "invalid number")
        }
        return number
    }
}
