#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GradTensor

/// CSV data files: a header row naming the columns, then one example per row.
///
///     # comment lines start with '#'; blank lines are skipped
///     x1,x2,y1,y2
///     -2.1,0.37,-0.49,-0.13
///
/// Columns `x1..xN` are inputs and `y1..yM` targets, in any order; names are
/// trimmed and case-insensitive and must be numbered from 1 without gaps.
/// Fields are plain numbers (no quoting); each must be a finite float32.
extension Dataset {
    /// Reads a CSV data file; see the extension's documentation for the format.
    /// Every problem is an `InputError` naming the file, line and column.
    public static func load(csv path: String) throws(InputError) -> Dataset {
        let text = try InputFile.text(try InputFile.read(path), file: path)
        return try parse(csv: text, file: path)
    }

    /// Parses CSV text; `file` names it in errors and becomes `source`.
    public static func parse(csv text: String, file: String) throws(InputError) -> Dataset {
        var header: (line: Int, fields: [CSVField])?
        var roles: [CSVColumnRole] = []
        var inputs: [Float] = [], targets: [Float] = []
        var examples = 0
        var exampleLines: [Int] = []
        // "\r\n" is one Character in Swift, so it must be named as a separator itself.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for (index, line) in lines.enumerated() {
            let lineNumber = index + 1
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = CSVField.split(line)
            guard let header else {
                roles = try columnRoles(fields, line: lineNumber, file: file)
                header = (lineNumber, fields)
                continue
            }
            guard fields.count == header.fields.count else {
                throw InputError(file: file, line: lineNumber, message:
                    "expected \(header.fields.count) fields like the header on line \(header.line), found \(fields.count)")
            }
            for (field, role) in zip(fields, roles) {
                let value = try number(field, column: header.fields[field.index].text, line: lineNumber, file: file)
                switch role {
                case .input: inputs.append(value)
                case .target: targets.append(value)
                }
            }
            examples += 1
            exampleLines.append(lineNumber)
        }
        guard header != nil else {
            throw InputError(file: file, message: "empty file: expected a header row such as x1,x2,y1,y2 and then data rows")
        }
        guard examples > 0 else {
            throw InputError(file: file, message: "no examples: the header is not followed by any data rows")
        }
        // Fields were appended in file column order; put them in x1..xN / y1..yM order.
        let inputOrder = roles.compactMap { if case .input(let i) = $0 { i } else { nil } }
        let targetOrder = roles.compactMap { if case .target(let i) = $0 { i } else { nil } }
        return Dataset(
            inputs: Tensor(shape: [examples, inputOrder.count], scalars: reorder(inputs, inputOrder)),
            targets: Tensor(shape: [examples, targetOrder.count], scalars: reorder(targets, targetOrder)),
            source: file, lines: exampleLines)
    }

    /// The data as CSV text that `parse(csv:file:)` reads back bit-identically:
    /// a header `x1,...,xN,y1,...,yM` and one line per example, numbers in
    /// Swift's shortest round-trip notation.
    public func csvText() -> String {
        let names = (1...Swift.max(inputCount, 1)).prefix(inputCount).map { "x\($0)" }
            + (1...Swift.max(outputCount, 1)).prefix(outputCount).map { "y\($0)" }
        var text = names.joined(separator: ",") + "\n"
        for i in 0..<count {
            let values = inputs.scalars[(i * inputCount)..<((i + 1) * inputCount)]
                + targets.scalars[(i * outputCount)..<((i + 1) * outputCount)]
            text += values.map(\.description).joined(separator: ",") + "\n"
        }
        return text
    }

    /// Which input or target each header field is, after checking the names.
    private static func columnRoles(_ fields: [CSVField], line: Int, file: String) throws(InputError) -> [CSVColumnRole] {
        if let first = fields.first, Double(first.text) != nil {
            throw InputError(file: file, line: line, column: first.column, message:
                "no header row: the first row must name the columns, e.g. x1,x2,y1,y2; found the number \(InputError.quoted(first.text))")
        }
        var roles: [CSVColumnRole] = []
        var seen: [String: Int] = [:]
        for field in fields {
            let name = field.text.lowercased()
            guard let role = CSVColumnRole(name: name) else {
                let shown = field.text.isEmpty ? "a column with no name" : "unknown column \(InputError.quoted(field.text))"
                throw InputError(file: file, line: line, column: field.column, message:
                    "\(shown); name inputs x1, x2, ... and targets y1, y2, ...")
            }
            if let earlier = seen[name] {
                throw InputError(file: file, line: line, column: field.column, message:
                    "duplicate column \(InputError.quoted(field.text)) (also field \(earlier + 1))")
            }
            seen[name] = field.index
            roles.append(role)
        }
        for (prefix, kind) in [("x", "input"), ("y", "target")] {
            let numbers = roles.compactMap { role -> Int? in
                switch role {
                case .input(let i): prefix == "x" ? i + 1 : nil
                case .target(let i): prefix == "y" ? i + 1 : nil
                }
            }.sorted()
            guard let largest = numbers.last else {
                throw InputError(file: file, line: line, message:
                    "no \(kind) columns: name them \(prefix)1, \(prefix)2, ... (the header has \(fields.map(\.text).joined(separator: ",")))")
            }
            if let missing = (1...largest).first(where: { !numbers.contains($0) }) {
                throw InputError(file: file, line: line, message:
                    "\(kind) columns must be \(prefix)1..\(prefix)\(largest) without gaps; \(prefix)\(missing) is missing")
            }
        }
        return roles
    }

    /// The field's value, which must be a finite float32.
    private static func number(_ field: CSVField, column: String, line: Int, file: String) throws(InputError) -> Float {
        guard !field.text.isEmpty else {
            throw InputError(file: file, line: line, column: field.column, message: "\(column): empty field, expected a number")
        }
        guard let value = Float(field.text) else {
            throw InputError(file: file, line: line, column: field.column, message:
                "\(column): expected a number, found \(InputError.quoted(field.text))")
        }
        guard value.isFinite else {
            let problem = value.isNaN ? "NaN is not allowed"
                : "\(InputError.quoted(field.text)) is not a finite float32 number (largest is about 3.4e38)"
            throw InputError(file: file, line: line, column: field.column, message: "\(column): \(problem)")
        }
        return value
    }

    /// Per-example groups of `order.count` values in file order, rearranged so value
    /// `order[k]` of each group lands at position `order[k]`.
    private static func reorder(_ values: [Float], _ order: [Int]) -> [Float] {
        let width = order.count
        var out = values
        for start in stride(from: 0, to: values.count, by: width) {
            for (k, position) in order.enumerated() { out[start + position] = values[start + k] }
        }
        return out
    }
}

/// One comma-separated field: its trimmed text, its place among the fields
/// (0-based) and the 1-based character column where its text starts.
struct CSVField {
    var text: String
    var index: Int
    var column: Int

    static func split(_ line: Substring) -> [CSVField] {
        var fields: [CSVField] = []
        var column = 1
        for (index, part) in line.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
            let leading = part.prefix(while: { $0 == " " || $0 == "\t" }).count
            fields.append(CSVField(text: part.trimmingSpaces(), index: index, column: column + leading))
            column += part.count + 1
        }
        return fields
    }
}

/// A header name: `x3` is `.input(2)`, `y1` is `.target(0)`.
enum CSVColumnRole: Equatable {
    case input(Int)
    case target(Int)

    /// Parses a lowercased name `x<n>` or `y<n>` with n >= 1 and no leading zero.
    init?(name: String) {
        guard let kind = name.first, kind == "x" || kind == "y" else { return nil }
        let digits = name.dropFirst()
        guard let first = digits.first, first != "0", digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
              let number = Int(digits) else { return nil }
        self = kind == "x" ? .input(number - 1) : .target(number - 1)
    }
}
