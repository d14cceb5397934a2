#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc

/// Training losses with Keras' names and numbers. An example's loss is computed from
/// its own row; a batch's loss is the mean over its examples (Keras' default reduction).
///
/// - `mse`, Keras' `MeanSquaredError`: L_n = mean_j (p_j - y_j)²,
///   dL_n/dp_j = 2 (p_j - y_j) / outputs.
/// - `categorical_crossentropy`, Keras' `CategoricalCrossentropy(from_logits=True)`:
///   the network's linear outputs z are logits, L_n = -Σ_j y_j log softmax(z)_j
///   = Σ_j y_j (lse(z) - z_j) with lse(z) = m + log Σ_k exp(z_k - m), m = max z
///   (never overflows, whatever the logits), and dL_n/dz_j = softmax(z)_j Σ_k y_k - y_j.
public enum Loss: String, CaseIterable, Sendable {
    case meanSquaredError = "mse"
    case categoricalCrossentropy = "categorical_crossentropy"

    /// Keras' name, as in `model.compile(loss=name)`.
    public var name: String { rawValue }
    public static var validNames: String { allCases.map(\.name).joined(separator: ", ") }

    /// Writes each example's loss into `perExample` (batch) and dL_n/d(output) (batch x outputs)
    /// into `gradient`, where L_n is example n's OWN loss (not divided by the batch size).
    /// Returns the batch loss. Sums are in Double, in index order. Allocates nothing.
    func evaluate(predictions p: UnsafePointer<Float>, targets y: UnsafePointer<Float>, batch: Int, outputs: Int,
                  perExample: UnsafeMutablePointer<Float>, gradient: UnsafeMutablePointer<Float>) -> Float {
        var total = 0.0
        for r in 0..<batch {
            let row = r * outputs
            let loss: Double
            switch self {
            case .meanSquaredError:
                loss = Loss.squaredError(p + row, y + row, outputs: outputs, gradient: gradient + row)
            case .categoricalCrossentropy:
                loss = Loss.crossEntropy(logits: p + row, y + row, outputs: outputs, gradient: gradient + row)
            }
            perExample[r] = Float(loss)
            total += loss
        }
        return Float(total / Double(max(1, batch)))
    }

    private static func squaredError(_ p: UnsafePointer<Float>, _ y: UnsafePointer<Float>, outputs: Int,
                                     gradient: UnsafeMutablePointer<Float>) -> Double {
        var sum = 0.0
        let scale = 2 / Float(outputs)
        for j in 0..<outputs {
            let e = p[j] - y[j]
            sum += Double(e) * Double(e)
            gradient[j] = scale * e
        }
        return sum / Double(outputs)
    }

    private static func crossEntropy(logits z: UnsafePointer<Float>, _ y: UnsafePointer<Float>, outputs: Int,
                                     gradient: UnsafeMutablePointer<Float>) -> Double {
        var m = -Double.infinity
        for j in 0..<outputs { m = Swift.max(m, Double(z[j])) }
        var sumExp = 0.0, sumY = 0.0, sumYZ = 0.0
        for j in 0..<outputs {
            sumExp += exp(Double(z[j]) - m)
            sumY += Double(y[j])
            sumYZ += Double(y[j]) * Double(z[j])
        }
        let lse = m + log(sumExp)
        for j in 0..<outputs { gradient[j] = Float(exp(Double(z[j]) - lse) * sumY - Double(y[j])) }
        return lse * sumY - sumYZ
    }

    /// Checks that `data`'s targets suit this loss: one-hot rows (one 1, the rest 0) with at
    /// least two columns for categorical cross-entropy; anything for MSE. The error names
    /// `source` (the file and the example's line when the data has lines, else the option).
    public func checkTargets(_ data: Dataset, source: String) throws(InputError) {
        guard self == .categoricalCrossentropy else { return }
        let m = data.outputCount
        guard m >= 2 else {
            throw InputError(file: source, message: "categorical_crossentropy needs one-hot targets y1..yM with M >= 2, got \(m) target column")
        }
        let y = data.targets.scalars
        for n in 0..<data.count {
            let row = y[(n * m)..<((n + 1) * m)]
            guard row.allSatisfy({ $0 == 0 || $0 == 1 }), row.filter({ $0 == 1 }).count == 1 else {
                let values = row.map { "\($0)" }.joined(separator: ",")
                let message = "targets \(values) are not one-hot (one 1, the rest 0) as categorical_crossentropy needs; use --loss mse for regression"
                if let line = data.lines?[n] { throw InputError(file: source, line: line, message: message) }
                throw InputError(file: source, message: "example \(n + 1): " + message)
            }
        }
    }
}
