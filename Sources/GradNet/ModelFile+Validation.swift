#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GradTensor

extension ModelSpec {
    /// Parses and checks model JSON; `file` names it in errors. Checks, in order:
    /// valid JSON, the format string, no unknown keys, `inputs` and every layer's
    /// `units` whole numbers >= 1, known activations, kernel rows equal to the
    /// previous layer's units (or `inputs`), every kernel row and the bias
    /// `units` long, and every weight a finite float32. The first problem found
    /// is thrown, with the field path as its location.
    public static func decode(_ data: Data, file: String) throws(InputError) -> ModelSpec {
        let reader = ModelFileReader(file: file)
        let root: Any
        do {
            root = try JSONParser.parse(data)
        } catch {
            throw reader.malformedJSON(error, data)
        }
        guard let object = root as? [String: Any] else {
            throw InputError(file: file, message: "expected a JSON object {\"format\": ...} at the top level, found \(ModelFileReader.kind(of: root))")
        }
        guard let format = object["format"] else {
            throw InputError(file: file, location: "format", message: "missing; a gradtop model file has \"format\": \"\(formatName)\"")
        }
        guard let formatText = format as? String, formatText == formatName else {
            throw InputError(file: file, location: "format", message: "unknown format \(ModelFileReader.kind(of: format)); this gradtop reads \"\(formatName)\"")
        }
        try reader.checkKeys(object, allowed: ["format", "inputs", "layers"], at: nil)
        let inputs = try reader.count(reader.require("inputs", in: object, at: nil), at: "inputs")
        guard let layerValues = try reader.require("layers", in: object, at: nil) as? [Any] else {
            throw reader.wrongType("layers", expected: "an array of layers", found: object["layers"] as Any)
        }
        guard !layerValues.isEmpty else {
            throw InputError(file: file, location: "layers", message: "no layers; a model needs at least one")
        }
        var layers: [LayerSpec] = []
        var previousUnits = inputs
        for (i, value) in layerValues.enumerated() {
            let path = "layers[\(i)]"
            let source = i == 0 ? "the model's inputs" : "the previous layer's units"
            let layer = try reader.layer(value, at: path, expectedRows: previousUnits, rowsSource: source)
            layers.append(layer)
            previousUnits = layer.units
        }
        return ModelSpec(inputs: inputs, layers: layers)
    }
}

/// Typed access to `JSONParser`'s untyped output; every failure is an
/// `InputError` whose location is the JSON path of the offending value.
struct ModelFileReader {
    let file: String

    func layer(_ value: Any, at path: String, expectedRows: Int, rowsSource: String) throws(InputError) -> LayerSpec {
        guard let object = value as? [String: Any] else {
            throw wrongType(path, expected: "a layer object {\"units\": ...}", found: value)
        }
        try checkKeys(object, allowed: ["units", "activation", "kernel", "bias"], at: path)
        let units = try count(require("units", in: object, at: path), at: "\(path).units")
        let activationValue = try require("activation", in: object, at: path)
        guard let name = activationValue as? String else {
            throw wrongType("\(path).activation", expected: "an activation name", found: activationValue)
        }
        guard let activation = Activation(rawValue: name) else {
            throw InputError(file: file, location: "\(path).activation", message:
                "unknown activation \(InputError.quoted(name)); valid: \(Activation.validNames)")
        }
        let kernelPath = "\(path).kernel"
        let rows = try array(require("kernel", in: object, at: path), at: kernelPath, what: "an array of rows")
        guard rows.count == expectedRows else {
            throw InputError(file: file, location: kernelPath, message:
                "expected \(expectedRows) rows (\(rowsSource)), found \(rows.count)")
        }
        // No reserveCapacity(rows * units): units is unchecked input until every row has matched it.
        var kernel: [Float] = []
        for (r, rowValue) in rows.enumerated() {
            kernel += try numbers(rowValue, at: "\(kernelPath)[\(r)]", count: units)
        }
        let bias = try numbers(require("bias", in: object, at: path), at: "\(path).bias", count: units)
        return LayerSpec(units: units, activation: activation,
                         kernel: Tensor(shape: [expectedRows, units], scalars: kernel), bias: Tensor(bias))
    }

    /// `object[key]`, or an error naming the missing key.
    func require(_ key: String, in object: [String: Any], at path: String?) throws(InputError) -> Any {
        guard let value = object[key] else {
            throw InputError(file: file, location: join(path, key), message: "missing")
        }
        return value
    }

    /// Rejects keys outside `allowed`, so a misspelt key is not silently ignored.
    func checkKeys(_ object: [String: Any], allowed: [String], at path: String?) throws(InputError) {
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw InputError(file: file, location: join(path, unknown), message:
                "unknown key; expected \(allowed.joined(separator: ", "))")
        }
    }

    /// A whole number >= 1 (a count of inputs or units).
    func count(_ value: Any, at path: String) throws(InputError) -> Int {
        guard let number = ModelFileReader.number(value) else {
            throw wrongType(path, expected: "a whole number", found: value)
        }
        guard number.rounded() == number else {
            throw InputError(file: file, location: path, message: "expected a whole number, found \(number)")
        }
        guard abs(number) < 1e15 else {
            throw InputError(file: file, location: path, message: "\(number) is far too large")
        }
        guard number >= 1 else {
            throw InputError(file: file, location: path, message: "must be at least 1, found \(Int(number))")
        }
        return Int(number)
    }

    func array(_ value: Any, at path: String, what: String) throws(InputError) -> [Any] {
        guard let array = value as? [Any] else { throw wrongType(path, expected: what, found: value) }
        return array
    }

    /// An array of exactly `count` finite float32 values (a kernel row or a bias).
    func numbers(_ value: Any, at path: String, count: Int) throws(InputError) -> [Float] {
        let values = try array(value, at: path, what: "an array of \(count) numbers")
        guard values.count == count else {
            throw InputError(file: file, location: path, message: "expected \(count) numbers (the layer's units), found \(values.count)")
        }
        var floats: [Float] = []
        floats.reserveCapacity(count)
        for (j, element) in values.enumerated() {
            guard let number = ModelFileReader.number(element) else {
                throw wrongType("\(path)[\(j)]", expected: "a number", found: element)
            }
            let float = Float(number)
            guard float.isFinite else {
                throw InputError(file: file, location: "\(path)[\(j)]", message: "\(number) is not a finite float32 number (largest is about 3.4e38)")
            }
            floats.append(float)
        }
        return floats
    }

    func wrongType(_ path: String, expected: String, found value: Any) -> InputError {
        InputError(file: file, location: path, message: "expected \(expected), found \(ModelFileReader.kind(of: value))")
    }

    private func join(_ path: String?, _ key: String) -> String { path.map { "\($0).\(key)" } ?? key }

    /// The JSON number in `value`; nil for anything else, true and false included.
    static func number(_ value: Any) -> Double? { value as? Double }

    /// A short description of a JSON value for messages: `the string "abc"`, `true`, `an array`.
    static func kind(of value: Any) -> String {
        if let number = number(value) { return "the number \(number)" }
        if let flag = value as? Bool { return flag ? "true" : "false" }
        if let text = value as? String { return "the string \(InputError.quoted(text))" }
        if value is [Any] { return "an array" }
        if value is [String: Any] { return "an object" }
        if value is JSONNull { return "null" }
        return "a \(type(of: value))"
    }

    /// The parser's complaint, at its line:column.
    func malformedJSON(_ failure: JSONParser.Failure, _ data: Data) -> InputError {
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return InputError(file: file, message: "empty file: expected a gradtop model (JSON with \"format\": \"\(ModelSpec.formatName)\")")
        }
        return InputError(file: file, location: ModelFileReader.lineColumn(ofByte: failure.offset, in: data),
                          message: "not valid JSON: \(failure.message)")
    }

    /// "line:column" (both 1-based, column in bytes) of the 0-based byte `offset`.
    static func lineColumn(ofByte offset: Int, in data: Data) -> String {
        var line = 1, column = 1
        for byte in data.prefix(max(0, offset)) {
            if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
        }
        return "\(line):\(column)"
    }
}
