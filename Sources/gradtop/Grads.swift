import ArgumentParser
import Glibc
import GradNet
import GradSession

struct Grads: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the per-example gradients of every layer as JSON (the notebook's plot_grad quantity).",
        // The generated synopsis lists all eight options on one 180-column line.
        usage: "gradtop grads [<options>]",
        discussion: """
            Output: {"loss": L, "per_example_loss": [N], "layers": [{"name", "kernel": N x inputs x units, "bias": N x units}, ...]}. \
            Example n's gradient is that of its own loss (--loss: Keras' mean squared error over the outputs, or categorical cross-entropy on the outputs as logits); with --test-ratio, of the training examples only.
            """)

    @OptionGroup var model: ModelOptions
    @OptionGroup var data: DataOptions

    func run() throws {
        let config = try reportingInputErrors { () throws(InputError) in try RunConfig(model: model, data: data) }
        let (network, dataset) = try reportingInputErrors { () throws(InputError) in
            let dataset = try config.loadData().train
            let network = try config.buildModel(inputs: dataset.inputCount, outputs: dataset.outputCount)
            guard network.inputs == dataset.inputCount, network.outputs == dataset.outputCount else {
                throw InputError(file: config.dataFile ?? "data", message:
                    "has \(dataset.inputCount) inputs and \(dataset.outputCount) targets; the model takes \(network.inputs) and gives \(network.outputs)")
            }
            try RunLimits.checkStep(model: network, batch: dataset.count, everyValue: true, source: config.dataFile ?? config.modelFile ?? "--examples")
            return (network, dataset)
        }
        let workspace = Workspace(model: network, batch: dataset.count)
        workspace.computeGradients(network, inputs: dataset.inputs, targets: dataset.targets, loss: config.loss)
        let layers = network.layers.indices.map { l in
            let layer = network.layers[l]
            let kernel = JSONText.nested(workspace.kernelGradients(layer: l), shape: [dataset.count, layer.inputs, layer.units])
            let bias = JSONText.nested(workspace.biasGradients[l], shape: [dataset.count, layer.units])
            return "{\"name\":\(JSONText.string(layer.name)),\"kernel\":\(kernel),\"bias\":\(bias)}"
        }
        print("{\"loss\":\(JSONText.number(workspace.loss)),\"per_example_loss\":\(JSONText.array(workspace.perExampleLoss)),\"layers\":[\(layers.joined(separator: ","))]}")
        if !workspace.isFinite {
            printError("gradtop: the gradients contain NaN or Inf (printed as null)")
            throw ExitCode(3)
        }
    }
}

struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the network's layer table, like Keras' model.summary().",
        usage: "gradtop summary [<options>]")

    @OptionGroup var model: ModelOptions
    @Flag(help: "Draw the table with ASCII characters only (automatic without a UTF-8 locale).")
    var ascii = false

    func run() throws {
        let config = try reportingInputErrors { () throws(InputError) in try RunConfig(model: model, data: nil) }
        let network = try reportingInputErrors { () throws(InputError) in try config.buildModel(inputs: 2, outputs: 2) }
        print(network.summary(ascii: ascii || !Summary.localeIsUTF8()))
        if config.modelFile == nil {
            let layers = network.layers.map { (name: $0.name, inputs: $0.inputs, units: $0.units) }
            print(Sequential.initializerNote(initializer: config.initializer, seed: config.seed, layers: layers).joined(separator: "\n"))
        }
    }

    /// Whether the user's locale (LC_ALL, LC_CTYPE, LANG) encodes text as UTF-8, as the dashboard
    /// decides it: under LANG=C the box-drawing table would print as mojibake.
    static func localeIsUTF8() -> Bool {
        setlocale(LC_CTYPE, "")
        return String(cString: nl_langinfo(nl_item(CODESET))) == "UTF-8"
    }
}
