import Foundation
import GradTensor

/// Reads the reference files in Tests/Reference, which scripts/make_reference.py
/// made with TensorFlow/Keras (an independent implementation).
public enum Reference {
    /// The repository's Tests/Reference folder, found from this source file.
    public static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Reference")

    /// The parsed JSON of `name` (e.g. "ops.json").
    public static func json(_ name: String) -> [String: Any] {
        let url = folder.appendingPathComponent(name)
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            fatalError("cannot read reference file \(url.path)")
        }
        return object
    }

    /// The "cases" array of a reference file.
    public static func cases(_ name: String) -> [[String: Any]] {
        json(name)["cases"] as? [[String: Any]] ?? []
    }

    public static func text(_ name: String) -> String {
        (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }

    /// Decodes `{"shape": [...], "data": [...]}`.
    public static func tensor(_ any: Any?) -> Tensor {
        guard let object = any as? [String: Any],
              let shape = object["shape"] as? [Int],
              let data = object["data"] as? [Double] ?? (object["data"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.doubleValue }) else {
            fatalError("not a reference tensor: \(String(describing: any))")
        }
        return Tensor(shape: shape, scalars: data.map { Float($0) })
    }
}

/// One case of ops.json, decoded into Sendable values.
public struct OpCase: Sendable, CustomStringConvertible {
    public let name: String
    public let op: String
    public let axes: [Int]?
    public let keepDims: Bool
    public let activation: String?
    public let inputs: [Tensor]
    public let output: Tensor
    public let cotangent: Tensor
    public let grads: [Tensor]
    public var description: String { name }

    public static let all: [OpCase] = Reference.cases("ops.json").map { c in
        let args = c["args"] as? [String: Any] ?? [:]
        return OpCase(
            name: c["name"] as? String ?? "?", op: c["op"] as? String ?? "?",
            axes: args["axes"] as? [Int], keepDims: args["keepdims"] as? Bool ?? false,
            activation: args["name"] as? String,
            inputs: (c["inputs"] as? [Any] ?? []).map(Reference.tensor),
            output: Reference.tensor(c["output"]), cotangent: Reference.tensor(c["cotangent"]),
            grads: (c["grads"] as? [Any] ?? []).map(Reference.tensor))
    }
}

/// One case of networks.json: a Keras network, a batch, and what TensorFlow computed.
public struct NetworkCase: Sendable, CustomStringConvertible {
    public struct Layer: Sendable {
        public let activation: String
        public let kernel: Tensor
        public let bias: Tensor
    }
    public let name: String
    public let inputs: Int
    public let layers: [Layer]
    public let x: Tensor, y: Tensor, predictions: Tensor, perExampleLoss: Tensor, loss: Tensor
    /// Per layer: (kernel N x in x units, bias N x units).
    public let perExampleGrads: [(kernel: Tensor, bias: Tensor)]
    public let batchGrads: [(kernel: Tensor, bias: Tensor)]
    public var description: String { name }

    public static let all = load("networks.json")
    /// Categorical cross-entropy on logits (Keras `from_logits=True`), one-hot targets.
    public static let classification = load("classification.json")

    static func load(_ file: String) -> [NetworkCase] { Reference.cases(file).map { c in
        func pairs(_ any: Any?) -> [(kernel: Tensor, bias: Tensor)] {
            (any as? [[String: Any]] ?? []).map { (Reference.tensor($0["kernel"]), Reference.tensor($0["bias"])) }
        }
        return NetworkCase(
            name: c["name"] as? String ?? "?", inputs: c["inputs"] as? Int ?? 0,
            layers: (c["layers"] as? [[String: Any]] ?? []).map {
                Layer(activation: $0["activation"] as? String ?? "?", kernel: Reference.tensor($0["kernel"]),
                      bias: Reference.tensor($0["bias"]))
            },
            x: Reference.tensor(c["x"]), y: Reference.tensor(c["y"]), predictions: Reference.tensor(c["predictions"]),
            perExampleLoss: Reference.tensor(c["per_example_loss"]), loss: Reference.tensor(c["loss"]),
            perExampleGrads: pairs(c["per_example_grads"]), batchGrads: pairs(c["batch_grads"]))
    } }
}

/// One case of optimizers.json: a parameter, four gradients, and Keras' value after each step.
public struct OptimizerCase: Sendable, CustomStringConvertible {
    public let name: String
    public let optimizer: String
    public let config: [String: Double]
    public let nesterov: Bool
    public let initial: Tensor
    public let grads: [Tensor]
    public let after: [Tensor]
    public var description: String { name }

    public static let all: [OptimizerCase] = Reference.cases("optimizers.json").map { c in
        let config = c["config"] as? [String: Any] ?? [:]
        return OptimizerCase(
            name: c["name"] as? String ?? "?", optimizer: c["optimizer"] as? String ?? "?",
            config: config.compactMapValues { ($0 as? NSNumber)?.doubleValue }, nesterov: config["nesterov"] as? Bool ?? false,
            initial: Reference.tensor(c["initial"]), grads: (c["grads"] as? [Any] ?? []).map(Reference.tensor),
            after: (c["after"] as? [Any] ?? []).map(Reference.tensor))
    }
}
