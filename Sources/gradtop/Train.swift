import ArgumentParser
import GradNet
import GradSession

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train headless; print one line per step with the loss and per-layer gradient statistics.",
        discussion: """
            Each line holds the step, the batch loss (with --test-ratio also test_loss; for classification also accuracy \
            and test_accuracy, at the same weights), and for every layer the min, q1, median, q3, max and \
            mean |g| of that step's per-example kernel gradients (a layer with more than 65536 of them: min, max and \
            mean |g| exact, quartiles from a fixed sample, "sampled":true in jsonl). The same arguments give byte-identical output. \
            Exit status: 0 trained; 1 bad input (a file, a name, a size); 64 a mistake in the command line; \
            3 diverged (NaN or Inf; training stops); 4 exploded (the loss grew to 1000x its first value or more); \
            5 gradients died (every kernel gradient zero after some were not). The line of the step where \
            it happened says "diverged", "exploded" or "dead": true.
            """)

    @OptionGroup var model: ModelOptions
    @OptionGroup var data: DataOptions
    @OptionGroup var optimizer: OptimizerOptions
    @Option(parsing: .unconditional, help: "Number of training steps.")
    var steps = 100
    @Option(help: "Write the trained network to this model file.")
    var saveModel: String?
    @Option(help: "Output format: jsonl or csv.")
    var format = "jsonl"

    func validate() throws {
        guard steps >= 0 else { throw ValidationError("--steps must be zero or more, got \(steps)") }
        guard ["jsonl", "csv"].contains(format) else { throw ValidationError("--format must be jsonl or csv, got \(format)") }
    }

    func run() throws {
        if let saveModel { try OutputFile.checkWritable(saveModel) }
        let config = try reportingInputErrors { () throws(InputError) in try RunConfig(model: model, data: data, optimizer: optimizer) }
        let run = try reportingInputErrors { () throws(InputError) in try config.makeRun() }
        if format == "csv" {
            print(StepLine.csvHeader(layers: run.model.layers.count, test: run.test != nil, classifies: run.loss == .categoricalCrossentropy))
        }
        for _ in 0..<steps {
            let report = run.step()
            print(format == "csv" ? StepLine.csv(report) : StepLine.json(report))
            if report.diverged {
                printError("gradtop: training diverged at step \(report.step) (loss \(StepLine.number(report.loss))); try a smaller --lr")
                throw ExitCode(3)
            }
        }
        if let saveModel {
            try reportingInputErrors { () throws(InputError) in try run.model.spec.save(to: saveModel) }
        }
        switch run.health.firstTrouble {
        case .exploded(let step):
            printError("gradtop: the loss exploded at step \(step) (\(Int(RunHealth.explosionFactor))x the first step's or more); try a smaller --lr")
            throw ExitCode(4)
        case .dead(let step):
            printError("gradtop: every kernel gradient was zero from step \(step) (dead units); try a smaller --lr or another --activation")
            throw ExitCode(5)
        case nil:
            break
        }
    }
}

/// The text of one step in `train`'s output formats.
enum StepLine {
    /// A loss or gradient statistic as CSV and messages print it: finite numbers as in
    /// the JSON lines (shortest round-trip text, negative zero as "0.0"), NaN as "NaN"
    /// and infinities as "inf" and "-inf", the dashboard's labels, which pandas reads
    /// back. (Swift's own text says "-nan" for a NaN with its sign bit set.)
    static func number(_ value: Float) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return JSONText.number(value)
    }

    static let statNames = ["min", "q1", "median", "q3", "max", "mean_abs"]

    static func values(_ s: GradientStats) -> [Float] { [s.min, s.q1, s.median, s.q3, s.max, s.meanAbs] }

    static func json(_ report: StepReport) -> String {
        // "sampled": the quartiles come from a sample (a layer with more values than it keeps).
        let layers = report.kernelStats.map { stats in
            "{" + zip(statNames, values(stats)).map { "\"\($0)\":\(JSONText.number($1))" }.joined(separator: ",")
                + (stats.isSampled ? ",\"sampled\":true" : "") + "}"
        }
        let scores = zip(scoreNames, scores(report)).map { name, value in value.map { ",\"\(name)\":\(JSONText.number($0))" } ?? "" }
        let flags = [("diverged", report.diverged), ("exploded", report.health.explodedAtStep == report.step),
                     ("dead", report.health.deadAtStep == report.step)]
        let marks = flags.filter(\.1).map { ",\"\($0.0)\":true" }.joined()
        return "{\"step\":\(report.step),\"loss\":\(JSONText.number(report.loss))\(scores.joined())\(marks),\"layers\":[\(layers.joined(separator: ","))]}"
    }

    /// What a step reports beside the loss, each only when the run has it (a test set, classes).
    static let scoreNames = ["test_loss", "accuracy", "test_accuracy"]

    static func scores(_ report: StepReport) -> [Float?] { [report.testLoss, report.accuracy, report.testAccuracy] }

    static func csvHeader(layers: Int, test: Bool = false, classifies: Bool = false) -> String {
        let present = [test, classifies, test && classifies]
        let scores = zip(scoreNames, present).filter(\.1).map(\.0)
        return (["step", "loss"] + scores + (1...max(1, layers)).flatMap { l in statNames.map { "layer\(l)_\($0)" } }).joined(separator: ",")
    }

    static func csv(_ report: StepReport) -> String {
        (["\(report.step)", number(report.loss)] + scores(report).compactMap { $0.map(number) }
            + report.kernelStats.flatMap(values).map(number)).joined(separator: ",")
    }
}

/// Writes one line to standard error.
func printError(_ line: String) {
    Gradtop.writeToStandardError(line + "\n")
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc
