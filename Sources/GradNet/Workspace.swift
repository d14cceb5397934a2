import GradTensor

/// Every buffer one training step needs, laid out once for a model and a batch
/// size and reused step after step, so a warmed-up step allocates nothing.
///
/// Not thread-safe: one workspace per training thread.
public final class Workspace {
    public let batch: Int
    let outputs: Int
    /// Per layer: pre-activations z and activations a, batch x units.
    var z: [[Float]]
    var a: [[Float]]
    /// The input batch, batch x inputs.
    var input: [Float]
    /// dL/da then (in place) dL/dz for each layer, batch x units.
    var delta: [[Float]]
    /// Targets of the current batch, batch x outputs.
    var targets: [Float]
    /// Each example's own loss.
    public internal(set) var perExampleLoss: [Float]
    /// Mean of `perExampleLoss`.
    public internal(set) var loss: Float = 0
    /// Per layer: each example's kernel gradient, batch x inputs x units (row-major).
    public internal(set) var kernelGradients: [[Float]]
    /// Per layer: each example's bias gradient, batch x units (this is dL_n/dz).
    public var biasGradients: [[Float]] { delta }
    /// Per layer: gradient of the batch loss (mean over examples), kernel and bias.
    public internal(set) var batchKernelGradients: [[Float]]
    public internal(set) var batchBiasGradients: [[Float]]
    let shapes: [(inputs: Int, units: Int)]

    public init(model: Sequential, batch: Int) {
        self.batch = batch
        outputs = model.outputs
        shapes = model.layers.map { ($0.inputs, $0.units) }
        z = shapes.map { [Float](repeating: 0, count: batch * $0.units) }
        a = z
        delta = z
        input = [Float](repeating: 0, count: batch * model.inputs)
        targets = [Float](repeating: 0, count: batch * model.outputs)
        perExampleLoss = [Float](repeating: 0, count: batch)
        kernelGradients = shapes.map { [Float](repeating: 0, count: batch * $0.inputs * $0.units) }
        batchKernelGradients = shapes.map { [Float](repeating: 0, count: $0.inputs * $0.units) }
        batchBiasGradients = shapes.map { [Float](repeating: 0, count: $0.units) }
    }

    /// Whether this workspace was laid out for `model`'s layer shapes.
    public func fits(_ model: Sequential, batch: Int) -> Bool {
        batch == self.batch && model.layers.count == shapes.count
            && zip(model.layers, shapes).allSatisfy { $0.inputs == $1.inputs && $0.units == $1.units }
    }

    /// The last forward pass's outputs, batch x outputs.
    public var outputTensor: Tensor { Tensor(shape: [batch, outputs], scalars: a.last ?? input) }

    /// Runs the model forward on `inputs` (batch x model.inputs).
    func forward(_ model: Sequential, inputs x: Tensor) {
        precondition(x.shape == [batch, model.inputs],
                     "inputs shape \(Tensor.shapeText(x.shape)) does not match (\(batch), \(model.inputs))")
        input.withUnsafeMutableBufferPointer { dst in
            x.scalars.withUnsafeBufferPointer { src in dst.baseAddress!.update(from: src.baseAddress!, count: src.count) }
        }
        for l in model.layers.indices {
            let source = l == 0 ? input : a[l - 1]
            source.withUnsafeBufferPointer { src in
                z[l].withUnsafeMutableBufferPointer { zb in
                    a[l].withUnsafeMutableBufferPointer { ab in
                        model.layers[l].forward(input: src.baseAddress!, batch: batch,
                                                preActivation: zb.baseAddress!, output: ab.baseAddress!)
                    }
                }
            }
        }
    }
}
