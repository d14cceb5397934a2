#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GradNet

/// Sizes gradtop refuses up front, so that a typo such as `--hidden 100000,100000`
/// or `--examples 1000000000` is a one-line error instead of an allocation
/// that fails (a trap) or swaps a shared lab machine to a halt. The limits are
/// far above anything the dashboard can show and are checked with Double
/// arithmetic, so no product of user-given sizes can overflow an Int.
public enum RunLimits {
    /// Generated examples (`--examples`).
    public static let maxExamples = 1_000_000
    /// Weights and biases of one network (40 MB of float32).
    public static let maxParameters = 10_000_000
    /// Float32 values one training step keeps (activations, errors, per-example
    /// gradients, batch gradients): 1 GiB.
    public static let maxStepFloats = 1 << 28

    /// Weights and biases of a network with these layer widths (inputs first).
    public static func parameters(widths: [Int]) -> Double {
        zip(widths, widths.dropFirst()).reduce(0) { $0 + Double($1.0) * Double($1.1) + Double($1.1) }
    }

    /// The float32 values a `Workspace` for `batch` examples allocates (its layout, counted in
    /// Double): a layer's batch x inputs x units per-example kernel gradients only where it keeps
    /// them (at most `Workspace.keptValueLimit`), or everywhere with `everyValue` (`grads`, which
    /// writes them all).
    public static func stepFloats(widths: [Int], batch: Int, everyValue: Bool = false) -> Double {
        let n = Double(batch)
        let perLayer = zip(widths, widths.dropFirst()).reduce(0.0) { total, layer in
            let (inputs, units) = (Double(layer.0), Double(layer.1))
            let perExample = n * inputs * units
            let kept = everyValue || perExample <= Double(Workspace.keptValueLimit) ? perExample : 0
            return total + 3 * n * units + kept + inputs * units + units
        }
        return n * (Double(widths.first ?? 0) + Double(widths.last ?? 0) + 1) + perLayer
    }

    /// Throws when a network of these widths has more than `maxParameters` weights.
    public static func checkParameters(widths: [Int], source: String) throws(InputError) {
        let count = parameters(widths: widths)
        guard count <= Double(maxParameters) else {
            throw InputError(file: source, message:
                "a network of widths \(widths.map(String.init).joined(separator: "-")) has \(approximate(count)) weights; gradtop allows at most \(approximate(Double(maxParameters)))")
        }
    }

    /// Throws when one training step on `batch` examples (holding every per-example value, with
    /// `everyValue`) would need more than `maxStepFloats` values.
    public static func checkStep(model: Sequential, batch: Int, everyValue: Bool = false, source: String) throws(InputError) {
        let widths = [model.inputs] + model.layers.map(\.units)
        let floats = stepFloats(widths: widths, batch: batch, everyValue: everyValue)
        guard floats <= Double(maxStepFloats) else {
            throw InputError(file: source, message:
                "\(batch) examples x \(approximate(Double(model.parameterCount))) weights need about \(approximate(floats * 4)) bytes per step for per-example gradients; use fewer examples, a smaller --batch or smaller layers")
        }
    }

    /// "1.2e10"-style text for a large count, plain digits below a million.
    static func approximate(_ value: Double) -> String {
        value < 1e6 ? String(Int(value)) : String(cFormat: "%.1e", value)
    }
}
