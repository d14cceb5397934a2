import Foundation
import Testing
import GradTensor
@testable import GradNet

@Suite struct ModelFileTests {
    /// The notebook's 2-(2,2,2)-2 network with Glorot normal kernels and small biases.
    func notebookModel(seed: UInt64 = 100) -> ModelSpec {
        var generator = SeededGenerator(seed: seed)
        var previous = 2
        var layers: [LayerSpec] = []
        for (units, activation) in [(2, Activation.tanh), (2, .tanh), (2, .tanh), (2, .linear)] {
            // A seed per layer, so the kernels differ (one seed gives same-shaped layers one kernel).
            let kernel = Initializer.glorotNormal.kernel(fanIn: previous, fanOut: units, seed: seed + UInt64(layers.count))
            let bias = Tensor((0..<units).map { _ in Float(generator.uniform(-0.1, 0.1)) })
            layers.append(LayerSpec(units: units, activation: activation, kernel: kernel, bias: bias))
            previous = units
        }
        return ModelSpec(inputs: 2, layers: layers)
    }

    /// The error `decode` throws for `json`, as its one-line description.
    func decodeError(_ json: String) -> String {
        do {
            let model = try ModelSpec.decode(Data(json.utf8), file: "model.json")
            return "no error; decoded \(model.layers.count) layers"
        } catch {
            return error.description
        }
    }

    /// A valid one-layer model file with `layer` spliced in as its only layer.
    func oneLayer(_ layer: String, inputs: String = "2") -> String {
        #"{"format": "gradtop-model/1", "inputs": \#(inputs), "layers": [\#(layer)]}"#
    }

    let goodLayer = #"{"units": 2, "activation": "tanh", "kernel": [[1, 2], [3, 4]], "bias": [0, 0.5]}"#

    @Test func aModelRoundTripsBitExactlyAndReEncodesToTheSameBytes() throws {
        let model = notebookModel()
        let data = model.encoded()
        let back = try ModelSpec.decode(data, file: "model.json")
        #expect(back == model)
        for (a, b) in zip(back.layers, model.layers) {
            #expect(a.kernel.scalars.map(\.bitPattern) == b.kernel.scalars.map(\.bitPattern))
            #expect(a.bias.scalars.map(\.bitPattern) == b.bias.scalars.map(\.bitPattern))
        }
        #expect(back.encoded() == data)
        #expect(model.shapeName == "2-(2,2,2)-2")
    }

    @Test func encodedJSONIsPrettyWithKeysInAFixedOrder() throws {
        let model = try ModelSpec.decode(Data(oneLayer(goodLayer).utf8), file: "m.json")
        let text = String(decoding: model.encoded(), as: UTF8.self)
        #expect(text == """
            {
              "format": "gradtop-model/1",
              "inputs": 2,
              "layers": [
                {
                  "units": 2,
                  "activation": "tanh",
                  "kernel": [
                    [1.0, 2.0],
                    [3.0, 4.0]
                  ],
                  "bias": [0.0, 0.5]
                }
              ]
            }

            """)
    }

    @Test func everyFloatTextReadsBackThroughADoubleBitExactly() {
        var generator = SeededGenerator(seed: 21)
        var failures: [Float] = []
        for _ in 0..<200_000 {
            let value = Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()))
            guard value.isFinite else { continue }
            let text = ModelSpec.exactText(value)
            if let parsed = Double(text), Float(parsed).bitPattern == value.bitPattern { continue }
            failures.append(value)
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test func saveWritesAFileThatLoadsBackAndLeavesNoTemporaryFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gradnet-model-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/model.json"
        try notebookModel(seed: 1).save(to: path)
        try notebookModel(seed: 2).save(to: path)  // replaces the first
        #expect(try ModelSpec.load(path: path) == notebookModel(seed: 2))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["model.json"])
        #expect(throws: InputError.self) { try notebookModel().save(to: directory + "/missing/model.json") }
    }

    @Test func aMissingFileIsNamed() {
        #expect(throws: InputError(file: "no/model.json", message: "no such file")) {
            try ModelSpec.load(path: "no/model.json")
        }
    }

    @Test func malformedJSONGivesFoundationsReasonOnOneLineWithItsPlace() {
        #expect(decodeError("{\n  \"inputs\": 2,,\n}") == "model.json:2:15: not valid JSON: expected a key in double quotes")
        #expect(decodeError("") == #"model.json: empty file: expected a gradtop model (JSON with "format": "gradtop-model/1")"#)
        #expect(decodeError("[1, 2]") == #"model.json: expected a JSON object {"format": ...} at the top level, found an array"#)
    }

    @Test func theFormatStringMustBePresentAndKnown() {
        #expect(decodeError(#"{"inputs": 2}"#) == #"model.json: format: missing; a gradtop model file has "format": "gradtop-model/1""#)
        #expect(decodeError(#"{"format": "keras", "inputs": 2}"#)
            == #"model.json: format: unknown format the string "keras"; this gradtop reads "gradtop-model/1""#)
    }

    @Test func missingAndUnknownKeysAreNamedByPath() {
        #expect(decodeError(#"{"format": "gradtop-model/1", "layers": []}"#) == "model.json: inputs: missing")
        #expect(decodeError(#"{"format": "gradtop-model/1", "inputs": 2}"#) == "model.json: layers: missing")
        #expect(decodeError(oneLayer(#"{"units": 2, "activation": "tanh", "kernel": [[1, 2], [3, 4]]}"#))
            == "model.json: layers[0].bias: missing")
        #expect(decodeError(oneLayer(goodLayer.replacingOccurrences(of: "\"activation\"", with: "\"activaton\"")))
            == "model.json: layers[0].activaton: unknown key; expected units, activation, kernel, bias")
    }

    @Test func wrongTypesSayWhatWasExpectedAndFound() {
        #expect(decodeError(oneLayer(goodLayer, inputs: "\"2\""))
            == #"model.json: inputs: expected a whole number, found the string "2""#)
        #expect(decodeError(oneLayer(goodLayer, inputs: "true")) == "model.json: inputs: expected a whole number, found true")
        #expect(decodeError(oneLayer(goodLayer, inputs: "2.5")) == "model.json: inputs: expected a whole number, found 2.5")
        #expect(decodeError(oneLayer(goodLayer.replacingOccurrences(of: "[0, 0.5]", with: "[0, null]")))
            == "model.json: layers[0].bias[1]: expected a number, found null")
        #expect(decodeError(#"{"format": "gradtop-model/1", "inputs": 2, "layers": {}}"#)
            == "model.json: layers: expected an array of layers, found an object")
    }

    @Test func countsMustBePositive() {
        #expect(decodeError(oneLayer(goodLayer, inputs: "0")) == "model.json: inputs: must be at least 1, found 0")
        #expect(decodeError(oneLayer(goodLayer.replacingOccurrences(of: "\"units\": 2", with: "\"units\": -1")))
            == "model.json: layers[0].units: must be at least 1, found -1")
    }

    @Test func anUnknownActivationListsTheValidNames() {
        #expect(decodeError(oneLayer(goodLayer.replacingOccurrences(of: "tanh", with: "tanhh")))
            == "model.json: layers[0].activation: unknown activation \"tanhh\"; valid: \(Activation.validNames)")
    }

    @Test func kernelRowsMustMatchThePreviousLayersUnits() {
        #expect(decodeError(oneLayer(goodLayer, inputs: "3"))
            == "model.json: layers[0].kernel: expected 3 rows (the model's inputs), found 2")
        let second = #"{"units": 1, "activation": "linear", "kernel": [[1], [2], [3]], "bias": [0]}"#
        #expect(decodeError(oneLayer(goodLayer + ", " + second))
            == "model.json: layers[1].kernel: expected 2 rows (the previous layer's units), found 3")
    }

    @Test func raggedKernelRowsAndShortBiasesAreNamed() {
        #expect(decodeError(oneLayer(goodLayer.replacingOccurrences(of: "[3, 4]", with: "[3]")))
            == "model.json: layers[0].kernel[1]: expected 2 numbers (the layer's units), found 1")
        #expect(decodeError(oneLayer(goodLayer.replacingOccurrences(of: "[0, 0.5]", with: "[0]")))
            == "model.json: layers[0].bias: expected 2 numbers (the layer's units), found 1")
    }

    @Test func nonFiniteWeightsAreRejected() {
        #expect(decodeError(oneLayer(goodLayer.replacingOccurrences(of: "[3, 4]", with: "[3, 1e300]")))
            == "model.json: layers[0].kernel[1][1]: 1e+300 is not a finite float32 number (largest is about 3.4e38)")
        let beyondDouble = decodeError(oneLayer(goodLayer.replacingOccurrences(of: "[3, 4]", with: "[3, 1e999]")))
        #expect(beyondDouble.hasPrefix("model.json:1:") && beyondDouble.contains("1e999 is not finite"), "\(beyondDouble)")
    }

    @Test func aModelWithoutLayersIsRejected() {
        #expect(decodeError(#"{"format": "gradtop-model/1", "inputs": 2, "layers": []}"#)
            == "model.json: layers: no layers; a model needs at least one")
    }
}

extension ModelFileTests {
    @Test func absurdUnitCountsAreReportedNotAllocated() {
        let huge = #"{"units": 100000000000000, "activation": "tanh", "kernel": [[1, 2], [3, 4]], "bias": [0, 0.5]}"#
        #expect(decodeError(oneLayer(huge))
            == "model.json: layers[0].kernel[0]: expected 100000000000000 numbers (the layer's units), found 2")
        #expect(decodeError(oneLayer(goodLayer, inputs: "1e20")) == "model.json: inputs: 1e+20 is far too large")
    }
}
