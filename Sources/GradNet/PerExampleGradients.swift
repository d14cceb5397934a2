import GradTensor

extension Workspace {
    /// One forward and ONE batched backward pass that yield, for every example n,
    /// the gradient of its own loss L_n (`loss` of that example) with respect
    /// to every kernel and bias, plus the gradient of the batch loss (their mean).
    ///
    /// How (as BackPACK and Opacus do it): backpropagating the per-example output
    /// error through the batch gives dL_n/dz_n for every layer at once, because
    /// example n's loss only depends on row n. Example n's kernel gradient is then
    /// the outer product of the layer's input row and that error row.
    ///
    /// Cost: forward + backward ≈ 3x the forward multiply-adds, plus
    /// batch*inputs*units for the outer products of the layers that keep them
    /// (`keepsKernelGradients`). Allocates nothing.
    /// `model` must have the layer shapes this workspace was laid out for (a precondition:
    /// other widths would read and write past the buffers).
    public func computeGradients(_ model: Sequential, inputs x: Tensor, targets y: Tensor, loss: Loss = .meanSquaredError) {
        evaluate(model, inputs: x, targets: y, loss: loss)
        let last = model.layers.count - 1
        for l in stride(from: last, through: 0, by: -1) {
            model.layers[l].backward(preActivation: z[l], output: a[l], outputGrad: delta[l], batch: batch,
                                     inputGrad: l > 0 ? delta[l - 1] : nil)
            layerGradients(l)
        }
    }

    /// The forward pass and the loss only (no backward): each example's loss, the batch loss and
    /// dL_n/d(output); `outputTensor` and `accuracy` then describe these examples.
    /// Cost: the forward multiply-adds. Allocates nothing.
    public func evaluate(_ model: Sequential, inputs x: Tensor, targets y: Tensor, loss: Loss = .meanSquaredError) {
        precondition(fits(model, batch: batch), "model \(model.inputs) -> \(model.layers.map(\.units)) does not fit the workspace laid out for \(shapes.first?.inputs ?? 0) -> \(shapes.map(\.units))")
        precondition(y.shape == [batch, model.outputs],
                     "targets shape \(Tensor.shapeText(y.shape)) does not match (\(batch), \(model.outputs))")
        forward(model, inputs: x)
        y.scalars.withUnsafeBufferPointer { targets.update(from: $0.baseAddress!, count: $0.count) }
        let last = model.layers.count - 1
        self.loss = loss.evaluate(predictions: a[last], targets: targets, batch: batch, outputs: outputs,
                                  perExample: lossPerExample, gradient: delta[last])
    }

    /// Share of the last forward pass's examples whose largest output is at their target's
    /// largest value (Keras' categorical accuracy; ties go to the first).
    public var accuracy: Float {
        guard let last = a.last, batch > 0 else { return 0 }
        var correct = 0
        for n in 0..<batch {
            let row = n &* outputs
            var predicted = 0, expected = 0
            for j in 1..<max(1, outputs) {
                if last[row + j] > last[row + predicted] { predicted = j }
                if targets[row + j] > targets[row + expected] { expected = j }
            }
            if predicted == expected { correct += 1 }
        }
        return Float(correct) / Float(batch)
    }

    /// The last forward pass's activations of layer `l`, batch x units (no copy).
    public func activations(layer l: Int) -> UnsafeBufferPointer<Float> {
        UnsafeBufferPointer(start: a[l], count: batch * shapes[l].units)
    }

    /// Layer l's input (the data, or the previous layer's activations), batch x inputs.
    func layerInput(_ l: Int) -> UnsafePointer<Float> { UnsafePointer(l == 0 ? input : a[l - 1]) }

    /// perExampleKernel-layout outer products input[n]ᵀ·delta[n] of layer l for the examples given.
    func outerProducts(_ l: Int, examples: Range<Int>, into out: UnsafeMutablePointer<Float>) {
        Kernels.outerProducts(input: layerInput(l), delta: delta[l], examples: examples, inputs: shapes[l].inputs,
                              units: shapes[l].units, into: out)
    }

    /// Most per-example kernel gradients a layer keeps in a buffer (256 KB); above, its
    /// statistics come from factors and a seeded sample (KernelGradientStatistics.swift).
    public static let keptValueLimit = 1 << 16

    static func keeps(batch: Int, inputs: Int, units: Int) -> Bool {
        Double(batch) * Double(inputs) * Double(units) <= Double(keptValueLimit)
    }

    /// Whether layer l's per-example kernel gradients are kept in a buffer after each step.
    public func keepsKernelGradients(layer l: Int) -> Bool {
        keepsPerExampleGradients && Workspace.keeps(batch: batch, inputs: shapes[l].inputs, units: shapes[l].units)
    }

    /// Layer l's per-example kernel gradients of the last step (batch x inputs x units): a copy of
    /// the kept buffer, or the outer products computed now (the same bits). Allocates them all.
    public func kernelGradients(layer l: Int) -> [Float] {
        let count = batch * shapes[l].inputs * shapes[l].units
        if keepsKernelGradients(layer: l) { return Array(UnsafeBufferPointer(start: perExampleKernel[l], count: count)) }
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            outerProducts(l, examples: 0..<batch, into: buffer.baseAddress!)
            initialized = count
        }
    }

    /// Layer l's per-example kernel gradients (into its kept buffer, when it keeps them) and the
    /// gradient of the batch loss: dW = inputᵀ·delta / batch, db = mean of delta rows.
    private func layerGradients(_ l: Int) {
        let (k, units) = shapes[l]
        let gw = meanKernel[l], gb = meanBias[l]
        Kernels.exampleGradients(input: layerInput(l), delta: delta[l], batch: batch, inputs: k, units: units,
                                 perExample: keepsKernelGradients(layer: l) ? perExampleKernel[l] : nil,
                                 kernelSum: gw, biasSum: gb)
        let scale = 1 / Float(max(1, batch))
        for i in 0..<(k * units) { gw[i] *= scale }
        for j in 0..<units { gb[j] *= scale }
    }
}
