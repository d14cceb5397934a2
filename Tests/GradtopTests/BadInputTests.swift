import Foundation
import Testing

/// Every bad input gets one clear line naming the file (and place) and a
/// non-zero exit, never a crash or a trace.
@Suite struct BadInput {
    struct Case: Sendable, CustomStringConvertible {
        let description: String
        let arguments: [String]
        /// Files to create in the test's folder first: name -> content.
        var files: [String: String] = [:]
        /// Texts the error line must contain ("$DIR" stands for the test's folder).
        let mentions: [String]
    }

    static let goodModel = """
        {"format": "gradtop-model/1", "inputs": 2, "layers": [
          {"units": 2, "activation": "tanh", "kernel": [[0.1, 0.2], [0.3, 0.4]], "bias": [0, 0]},
          {"units": 2, "activation": "linear", "kernel": [[1, 0], [0, 1]], "bias": [0, 0]}]}
        """

    static let cases: [Case] = [
        Case(description: "unknown activation", arguments: ["train", "--activation", "sigmoidd"],
             mentions: ["--activation", "sigmoidd", "leaky_relu"]),
        Case(description: "unknown initializer", arguments: ["grads", "--init", "glorot"],
             mentions: ["--init", "glorot_normal"]),
        Case(description: "malformed JSON", arguments: ["grads", "--model", "$DIR/bad.json"],
             files: ["bad.json": "{\"format\": \"gradtop-model/1\", \"inputs\": 2,,}"], mentions: ["bad.json"]),
        Case(description: "kernels that do not chain", arguments: ["summary", "--model", "$DIR/chain.json"],
             files: ["chain.json": goodModel.replacingOccurrences(of: "[[1, 0], [0, 1]]", with: "[[1, 0], [0, 1], [1, 1]]")],
             mentions: ["chain.json", "layers[1].kernel"]),
        Case(description: "unknown activation in a model file", arguments: ["summary", "--model", "$DIR/act.json"],
             files: ["act.json": goodModel.replacingOccurrences(of: "\"tanh\"", with: "\"tanhh\"")],
             mentions: ["act.json", "layers[0]", "tanhh"]),
        Case(description: "infinite number in a model file", arguments: ["summary", "--model", "$DIR/inf.json"],
             files: ["inf.json": goodModel.replacingOccurrences(of: "0.1, 0.2", with: "1e999, 0.2")], mentions: ["inf.json"]),
        Case(description: "missing model file", arguments: ["grads", "--model", "$DIR/nowhere.json"],
             mentions: ["nowhere.json", "no such file"]),
        Case(description: "missing data file", arguments: ["train", "--data", "$DIR/nowhere.csv"],
             mentions: ["nowhere.csv", "no such file"]),
        Case(description: "NaN in a CSV", arguments: ["train", "--data", "$DIR/nan.csv"],
             files: ["nan.csv": "x1,x2,y1,y2\n1,2,3,4\n1,nan,3,4\n"], mentions: ["nan.csv:3"]),
        Case(description: "Inf in a CSV", arguments: ["train", "--data", "$DIR/inf.csv"],
             files: ["inf.csv": "x1,x2,y1,y2\n1,2,3,inf\n"], mentions: ["inf.csv:2"]),
        Case(description: "ragged CSV row", arguments: ["train", "--data", "$DIR/ragged.csv"],
             files: ["ragged.csv": "x1,x2,y1,y2\n1,2,3,4\n1,2,3\n"], mentions: ["ragged.csv:3"]),
        Case(description: "non-numeric CSV field", arguments: ["grads", "--data", "$DIR/text.csv"],
             files: ["text.csv": "x1,x2,y1,y2\n1,2,abc,4\n"], mentions: ["text.csv:2", "abc"]),
        Case(description: "CSV columns that do not fit the model", arguments: ["grads", "--data", "$DIR/wide.csv", "--model", "$DIR/model.json"],
             files: ["wide.csv": "x1,x2,x3,y1,y2\n1,2,3,4,5\n", "model.json": goodModel], mentions: ["wide.csv", "3 inputs"]),
        Case(description: "zero learning rate", arguments: ["train", "--lr", "0"], mentions: ["--lr"]),
        Case(description: "negative learning rate", arguments: ["train", "--lr", "-1"], mentions: ["--lr", "-1"]),
        Case(description: "negative steps", arguments: ["train", "--steps", "-1"], mentions: ["--steps", "-1"]),
        Case(description: "a negative seed", arguments: ["train", "--seed", "-1"], mentions: ["--seed", "0 to 2147483647", "-1"]),
        Case(description: "a seed beyond int32", arguments: ["summary", "--seed", "2147483648"],
             mentions: ["--seed", "0 to 2147483647", "2147483648"]),
        Case(description: "a misspelt option", arguments: ["train", "--stpes", "3"],
             mentions: ["--stpes", "Did you mean '--steps'", "gradtop train --help"]),
        Case(description: "a value that is not a number", arguments: ["plot", "--steps", "ten", "--out", "x.svg"],
             mentions: ["'ten'", "--steps", "gradtop plot --help"]),
        Case(description: "an unknown theme for plot", arguments: ["plot", "--theme", "solarized", "--out", "$DIR/x.svg"],
             mentions: ["--theme", "solarized", "high-contrast"]),
        Case(description: "a model file for compare, whose tiles build their own networks",
             arguments: ["compare", "--model", "$DIR/m.json"], files: ["m.json": goodModel], mentions: ["--model", "compare", "m.json"]),
        Case(description: "a model file for the tour, whose stops build their own networks",
             arguments: ["tour", "--model", "$DIR/m.json"], files: ["m.json": goodModel], mentions: ["--model", "tour", "m.json"]),
        Case(description: "an unknown output format", arguments: ["train", "--format", "xml"], mentions: ["--format", "xml"]),
        Case(description: "zero examples", arguments: ["train", "--examples", "0"], mentions: ["--examples"]),
        Case(description: "a hidden layer of zero units", arguments: ["train", "--hidden", "2,0,2"], mentions: ["--hidden", "2,0,2"]),
        Case(description: "hidden sizes that are not numbers", arguments: ["summary", "--hidden", "two"], mentions: ["--hidden"]),
        Case(description: "zero batch size", arguments: ["train", "--batch", "0"], mentions: ["--batch"]),
        Case(description: "unknown optimizer", arguments: ["train", "--optimizer", "rmsprop"], mentions: ["--optimizer", "adam"]),
        Case(description: "hidden layers too large to allocate", arguments: ["summary", "--hidden", "100000,100000"],
             mentions: ["--hidden", "weights"]),
        Case(description: "a hidden size that overflows", arguments: ["summary", "--hidden", "9223372036854775807"], mentions: ["--hidden"]),
        Case(description: "a billion generated examples", arguments: ["train", "--examples", "1000000000"], mentions: ["--examples", "at most"]),
        Case(description: "per-example gradients too large for memory", arguments: ["grads", "--hidden", "3000", "--examples", "100000"],
             mentions: ["--examples", "--batch"]),
        Case(description: "a --save-model folder that does not exist", arguments: ["train", "--save-model", "$DIR/missing/m.json"],
             mentions: ["$DIR/missing/m.json", "cannot write", "no such directory"]),
        Case(description: "a --save-model that is a directory", arguments: ["train", "--save-model", "$DIR"],
             mentions: ["$DIR", "cannot write", "directory"]),
        Case(description: "an empty --save-model", arguments: ["train", "--save-model", ""], mentions: ["cannot write", "empty"]),
        Case(description: "a data path with an escape sequence", arguments: ["train", "--data", "$DIR/x\u{1B}[2J.csv"],
             mentions: ["\\u{1B}[2J.csv", "no such file"]),
    ]

    @Test(arguments: cases)
    func gets_one_clear_line_and_a_nonzero_exit(_ c: Case) throws {
        let folder = Gradtop.temporaryFolder()
        for (name, content) in c.files {
            try content.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let arguments = c.arguments.map { $0.replacingOccurrences(of: "$DIR", with: folder.path) }
        let result = try Gradtop.run(arguments)
        #expect(result.status != 0 && result.status < 128, "exit status \(result.status)")
        #expect(result.stdout.isEmpty || c.arguments[0] == "train", "stdout: \(result.stdout.prefix(200))")
        #expect(result.stderrLines.count == 1, "more than one line: \(result.stderr)")
        let line = result.stderrLines.first ?? ""
        #expect(line.hasPrefix("Error: "), "stderr: \(result.stderr)")
        for mention in c.mentions {
            #expect(line.contains(mention.replacingOccurrences(of: "$DIR", with: folder.path)), "\(line) should mention \(mention)")
        }
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Backtrace")
                && !result.stderr.contains("Crash"), "stderr: \(result.stderr)")
    }
}
