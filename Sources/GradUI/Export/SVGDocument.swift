#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc

/// A tiny SVG writer: elements with attributes and text, escaped as XML
/// requires, nested by `open`/`close`. The result is a standalone file
/// (width, height, viewBox, a <title>, presentation attributes only: no
/// scripts, stylesheets or external fonts), so it opens the same in a
/// browser, Inkscape, LaTeX (via conversion) or a slide program.
public struct SVGDocument: Sendable {
    public let width: Double
    public let height: Double
    private var lines: [String] = []
    private var openElements: [String] = []

    /// A document of `width` x `height` user units (= CSS pixels) whose
    /// <title> is `title`, filled with `background`.
    public init(width: Double, height: Double, title: String, background: String, foreground: String) {
        self.width = width
        self.height = height
        lines.append(#"<?xml version="1.0" encoding="UTF-8"?>"#)
        let size = "width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\""
        lines.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" \(size) "
            + "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" fill=\"\(Self.escape(foreground))\">")
        openElements.append("svg")
        add("title", [:], text: title)
        add("rect", ["x": "0", "y": "0", "width": Self.number(width), "height": Self.number(height), "fill": background])
    }

    /// Appends `<name attributes>text</name>` (or `<name attributes/>` without text).
    public mutating func add(_ name: String, _ attributes: KeyValuePairs<String, String>, text: String? = nil) {
        let start = "<" + name + Self.attributeText(attributes)
        if let text {
            lines.append(indent + start + ">" + Self.escape(text) + "</\(name)>")
        } else {
            lines.append(indent + start + "/>")
        }
    }

    /// Starts `<name attributes>`; everything added until `close()` is inside it.
    public mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        lines.append(indent + "<" + name + Self.attributeText(attributes) + ">")
        openElements.append(name)
    }

    /// Ends the innermost element opened with `open` (never the root).
    public mutating func close() {
        guard openElements.count > 1, let name = openElements.popLast() else { return }
        lines.append(indent + "</\(name)>")
    }

    /// The finished file text: every open element closed, ending in a newline.
    public func text() -> String {
        var copy = self
        while copy.openElements.count > 1 { copy.close() }
        return (copy.lines + ["</svg>", ""]).joined(separator: "\n")
    }

    private var indent: String { String(repeating: "  ", count: openElements.count) }

    private static func attributeText(_ attributes: KeyValuePairs<String, String>) -> String {
        attributes.map { " \($0.key)=\"\(escape($0.value))\"" }.joined()
    }

    /// `text` safe inside XML content and double-quoted attributes: & < > " '
    /// become entities, and characters XML 1.0 forbids (control characters
    /// other than tab, newline and return) become U+FFFD.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                let forbidden = scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value)
                result.unicodeScalars.append(forbidden ? "\u{FFFD}" : scalar)
            }
        }
        return result
    }

    /// A coordinate with at most two decimals and no trailing zeros ("12", "3.5", "-0.25").
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        if abs(rounded) < 1e15, rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(cFormat: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// Points as a path: "M x y L x y ...", optionally closed.
    public static func path(_ points: [(x: Double, y: Double)], closed: Bool = false) -> String {
        var parts: [String] = []
        for (index, point) in points.enumerated() {
            parts.append((index == 0 ? "M" : "L") + number(point.x) + " " + number(point.y))
        }
        if closed && !parts.isEmpty { parts.append("Z") }
        return parts.joined(separator: " ")
    }
}
