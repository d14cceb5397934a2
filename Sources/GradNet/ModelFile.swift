#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GradTensor

/// One Dense layer as stored in a model file: `units` outputs, an activation,
/// a kernel of shape `inputs x units` (row i holds the weights from input i,
/// as Keras' `get_weights()` returns it) and a bias of `units` values.
public struct LayerSpec: Sendable, Equatable {
    public var units: Int
    public var activation: Activation
    /// inputs x units.
    public var kernel: Tensor
    /// units.
    public var bias: Tensor

    public init(units: Int, activation: Activation, kernel: Tensor, bias: Tensor) {
        precondition(units > 0 && kernel.rank == 2 && kernel.shape[1] == units && bias.shape == [units],
                     "layer of \(units) units needs kernel (inputs, \(units)) and bias (\(units),), got kernel \(Tensor.shapeText(kernel.shape)) and bias \(Tensor.shapeText(bias.shape))")
        self.units = units
        self.activation = activation
        self.kernel = kernel
        self.bias = bias
    }

    /// Number of inputs the layer takes (the kernel's rows).
    public var inputCount: Int { kernel.shape[0] }
}

/// A whole Sequential model of Dense layers with its weights: what
/// `gradtop` saves after training and loads to continue or to inspect.
///
/// The file is JSON, the same for every platform and stable under
/// save -> load -> save (same bytes):
///
///     {
///       "format": "gradtop-model/1",
///       "inputs": 2,
///       "layers": [
///         {
///           "units": 2,
///           "activation": "tanh",
///           "kernel": [[0.5, -1.25], [0.75, 2.0]],
///           "bias": [0.0, 0.125]
///         }
///       ]
///     }
///
/// Loading (`load(path:)`, `decode(_:file:)`) checks everything and reports
/// the first problem as an `InputError` naming the field, such as
/// `model.json: layers[1].kernel: expected 2 rows (the previous layer's units), found 3`.
public struct ModelSpec: Sendable, Equatable {
    /// The value of the "format" key this version reads and writes.
    public static let formatName = "gradtop-model/1"

    public var inputs: Int
    public var layers: [LayerSpec]

    /// A model whose layers chain: each kernel has as many rows as the layer before has units.
    public init(inputs: Int, layers: [LayerSpec]) {
        precondition(inputs > 0 && !layers.isEmpty, "a model needs inputs > 0 and at least one layer")
        var previous = inputs
        for (i, layer) in layers.enumerated() {
            precondition(layer.inputCount == previous,
                         "layer \(i) kernel has \(layer.inputCount) rows but receives \(previous) values")
            previous = layer.units
        }
        self.inputs = inputs
        self.layers = layers
    }

    /// Number of values the model outputs (the last layer's units).
    public var outputs: Int { layers.last?.units ?? inputs }

    /// Layer sizes as the dashboard names them: "2-(2,2,2)-2".
    public var shapeName: String {
        let hidden = layers.dropLast().map { String($0.units) }.joined(separator: ",")
        return layers.count > 1 ? "\(inputs)-(\(hidden))-\(outputs)" : "\(inputs)-\(outputs)"
    }

    /// Reads and checks a model file; every problem is an `InputError`.
    public static func load(path: String) throws(InputError) -> ModelSpec {
        try decode(try InputFile.read(path), file: path)
    }

    /// Writes the model to `path` atomically: readers see the old file or the new
    /// one, never a half-written file (temporary file in the same directory, then rename).
    public func save(to path: String) throws(InputError) {
        try InputFile.writeAtomically(encoded(), to: path)
    }

    /// The model as pretty-printed UTF-8 JSON with keys in a fixed order and one
    /// kernel row per line. Every float reads back bit-identically through
    /// `decode` (which parses a Double and rounds it to Float).
    public func encoded() -> Data {
        var text = "{\n"
        text += "  \"format\": \"\(ModelSpec.formatName)\",\n"
        text += "  \"inputs\": \(inputs),\n"
        text += "  \"layers\": [\n"
        for (i, layer) in layers.enumerated() {
            text += "    {\n"
            text += "      \"units\": \(layer.units),\n"
            text += "      \"activation\": \"\(layer.activation.name)\",\n"
            text += "      \"kernel\": [\n"
            let rows = layer.kernel.rows
            for (r, row) in rows.enumerated() {
                text += "        " + ModelSpec.numberList(row) + (r + 1 < rows.count ? ",\n" : "\n")
            }
            text += "      ],\n"
            text += "      \"bias\": " + ModelSpec.numberList(layer.bias.scalars) + "\n"
            text += "    }" + (i + 1 < layers.count ? ",\n" : "\n")
        }
        text += "  ]\n}\n"
        return Data(text.utf8)
    }

    private static func numberList(_ values: [Float]) -> String {
        "[" + values.map(exactText).joined(separator: ", ") + "]"
    }

    /// The shortest Float text ("0.1") when a Double parse rounded to Float gives the
    /// same bits back, which is almost always; otherwise the exact Double text of the
    /// float, which always does. Double rounding (text -> Double -> Float) can only
    /// go wrong for decimals lying extremely close to halfway between two floats.
    static func exactText(_ value: Float) -> String {
        let short = value.description
        if let parsed = Double(short), Float(parsed).bitPattern == value.bitPattern { return short }
        return Double(value).description
    }
}
