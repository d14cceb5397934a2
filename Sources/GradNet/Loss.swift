/// Keras' `MeanSquaredError`: an example's loss is the mean over its outputs of
/// the squared error; a batch's loss is the mean over its examples.
public enum MeanSquaredError {
    /// Writes each example's loss into `perExample` (batch) and dL_n/d(prediction)
    /// (batch x outputs) into `gradient`, where L_n is example n's OWN loss
    /// (so the gradient is 2 (p - y) / outputs, not divided by the batch size).
    /// Returns the batch loss. Summation is in Double, in index order.
    static func evaluate(predictions p: UnsafePointer<Float>, targets y: UnsafePointer<Float>,
                         batch: Int, outputs: Int,
                         perExample: UnsafeMutablePointer<Float>, gradient: UnsafeMutablePointer<Float>) -> Float {
        var total = 0.0
        let scale = 2 / Float(outputs)
        for r in 0..<batch {
            var sum = 0.0
            for j in 0..<outputs {
                let e = p[r * outputs + j] - y[r * outputs + j]
                sum += Double(e) * Double(e)
                gradient[r * outputs + j] = scale * e
            }
            let loss = sum / Double(outputs)
            perExample[r] = Float(loss)
            total += loss
        }
        return Float(total / Double(max(1, batch)))
    }
}
