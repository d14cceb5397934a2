import GradTensor

extension Workspace {
    /// One forward and ONE batched backward pass that yield, for every example n,
    /// the gradient of its own loss L_n (Keras' MSE of that example) with respect
    /// to every kernel and bias, plus the gradient of the batch loss (their mean).
    ///
    /// How (as BackPACK and Opacus do it): backpropagating the per-example output
    /// error through the batch gives dL_n/dz_n for every layer at once, because
    /// example n's loss only depends on row n. Example n's kernel gradient is then
    /// the outer product of the layer's input row and that error row.
    ///
    /// Cost: forward + backward ≈ 3x the forward multiply-adds, plus
    /// batch*inputs*units for the outer products. Allocates nothing.
    /// `model` must have the layer shapes this workspace was laid out for (a precondition:
    /// other widths would read and write past the buffers).
    public func computeGradients(_ model: Sequential, inputs x: Tensor, targets y: Tensor) {
        precondition(fits(model, batch: batch), "model \(model.inputs) -> \(model.layers.map(\.units)) does not fit the workspace laid out for \(shapes.first?.inputs ?? 0) -> \(shapes.map(\.units))")
        precondition(y.shape == [batch, model.outputs],
                     "targets shape \(Tensor.shapeText(y.shape)) does not match (\(batch), \(model.outputs))")
        forward(model, inputs: x)
        y.scalars.withUnsafeBufferPointer { targets.update(from: $0.baseAddress!, count: $0.count) }
        let last = model.layers.count - 1
        loss = MeanSquaredError.evaluate(predictions: a[last], targets: targets, batch: batch, outputs: outputs,
                                         perExample: lossPerExample, gradient: delta[last])
        for l in stride(from: last, through: 0, by: -1) {
            model.layers[l].backward(preActivation: z[l], output: a[l], outputGrad: delta[l], batch: batch,
                                     inputGrad: l > 0 ? delta[l - 1] : nil)
            if keepsPerExampleGradients { outerProducts(l) }
            batchMeans(l)
        }
    }

    /// perExampleKernel[l][n, i, j] = input[n, i] * delta[n, j]; each example written by one thread.
    private func outerProducts(_ l: Int) {
        let (k, units) = shapes[l]
        Parallel.forEachRange(batch, workPerItem: k * units,
                              OuterProducts(x: l == 0 ? input : a[l - 1], delta: delta[l], out: perExampleKernel[l], k: k, units: units))
    }

    /// Gradient of the batch loss: dW = inputᵀ·delta / batch, db = mean of delta rows.
    private func batchMeans(_ l: Int) {
        let (k, units) = shapes[l]
        let scale = 1 / Float(max(1, batch))
        let x = l == 0 ? input : a[l - 1]
        let gw = meanKernel[l], gb = meanBias[l], d = delta[l]
        Kernels.matmulTransposedA(x, d, gw, m: k, k: batch, n: units)
        for i in 0..<(k * units) { gw[i] *= scale }
        // Row by row (contiguous), each column still summed in increasing n from 0: the same bits
        // as a per-column loop, without striding through delta once per unit.
        gb.update(repeating: 0, count: units)
        for n in 0..<batch {
            let row = d + n &* units
            for j in 0..<units { gb[j] += row[j] }
        }
        for j in 0..<units { gb[j] *= scale }
    }
}

/// Examples' kernel gradients, x[n]ᵀ·δ[n], one example per row.
struct OuterProducts: RowWork, @unchecked Sendable {
    let x: UnsafePointer<Float>, delta: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>
    let k: Int, units: Int

    func run(_ rows: Range<Int>) {
        // Wrapping index arithmetic: the offsets are bounded by the workspace's own layout.
        var out = self.out + rows.lowerBound &* k &* units
        for n in rows {
            let dRow = delta + n &* units, xRow = x + n &* k
            for i in 0..<k {
                let xi = xRow[i]
                for j in 0..<units { out[j] = xi * dRow[j] }
                out += units
            }
        }
    }
}
