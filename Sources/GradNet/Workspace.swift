import GradTensor

/// Every buffer one training step needs, laid out once in ONE allocation for a
/// model and a batch size and reused step after step, so a warmed-up step
/// allocates nothing (llm.c's layout).
///
/// Not thread-safe: one workspace per training thread.
public final class Workspace {
    public let batch: Int
    /// Whether steps fill `perExampleKernel` (false: batch gradients only, as a framework's plain training step).
    public let keepsPerExampleGradients: Bool
    let outputs: Int
    let shapes: [(inputs: Int, units: Int)]

    private let storage: UnsafeMutableBufferPointer<Float>
    /// The input batch, batch x inputs.
    let input: UnsafeMutablePointer<Float>
    /// Targets of the current batch, batch x outputs.
    let targets: UnsafeMutablePointer<Float>
    /// Per layer: pre-activations z and activations a, batch x units.
    let z: [UnsafeMutablePointer<Float>]
    let a: [UnsafeMutablePointer<Float>]
    /// Per layer: dL/da, turned in place into dL/dz (= each example's bias gradient), batch x units.
    let delta: [UnsafeMutablePointer<Float>]
    /// Per layer: each example's kernel gradient, batch x inputs x units (empty without per-example gradients).
    let perExampleKernel: [UnsafeMutablePointer<Float>]
    /// Per layer: gradient of the batch loss (mean over examples).
    let meanKernel: [UnsafeMutablePointer<Float>]
    let meanBias: [UnsafeMutablePointer<Float>]
    let lossPerExample: UnsafeMutablePointer<Float>
    /// Mean of the per-example losses of the last step.
    public internal(set) var loss: Float = 0

    /// Lays out the buffers for `model` and `batch` examples. With `perExampleGradients` false the
    /// batch x inputs x units per-example kernel buffers are neither allocated nor filled, which
    /// saves their memory traffic when only the batch gradient is wanted.
    public init(model: Sequential, batch: Int, perExampleGradients: Bool = true) {
        self.batch = batch
        keepsPerExampleGradients = perExampleGradients
        let perExampleScale = perExampleGradients ? batch : 0
        outputs = model.outputs
        let shapes = model.layers.map { (inputs: $0.inputs, units: $0.units) }
        self.shapes = shapes
        let perLayer = shapes.map { 3 * batch * $0.units + perExampleScale * $0.inputs * $0.units + $0.inputs * $0.units + $0.units }
        let total = batch * (model.inputs + model.outputs + 1) + perLayer.reduce(0, +)
        storage = .allocate(capacity: max(1, total))
        storage.initialize(repeating: 0)
        var cursor = storage.baseAddress!
        func take(_ count: Int) -> UnsafeMutablePointer<Float> {
            defer { cursor += count }
            return cursor
        }
        input = take(batch * model.inputs)
        targets = take(batch * model.outputs)
        lossPerExample = take(batch)
        z = shapes.map { take(batch * $0.units) }
        a = shapes.map { take(batch * $0.units) }
        delta = shapes.map { take(batch * $0.units) }
        perExampleKernel = shapes.map { take(perExampleScale * $0.inputs * $0.units) }
        meanKernel = shapes.map { take($0.inputs * $0.units) }
        meanBias = shapes.map { take($0.units) }
    }

    deinit { storage.deallocate() }

    /// Whether this workspace was laid out for `model`'s layer shapes and this batch size.
    public func fits(_ model: Sequential, batch: Int) -> Bool {
        batch == self.batch && model.layers.count == shapes.count
            && zip(model.layers, shapes).allSatisfy { $0.inputs == $1.inputs && $0.units == $1.units }
    }

    /// Read-only views of the last step's results (no copy); empty without per-example gradients.
    public func perExampleKernelGradients(layer l: Int) -> UnsafeBufferPointer<Float> {
        let count = keepsPerExampleGradients ? batch * shapes[l].inputs * shapes[l].units : 0
        return UnsafeBufferPointer(start: perExampleKernel[l], count: count)
    }

    // Copies, for tests, snapshots and output (each allocates).
    /// Per layer: each example's kernel gradient, batch x inputs x units (row-major).
    public var kernelGradients: [[Float]] { shapes.indices.map { Array(perExampleKernelGradients(layer: $0)) } }
    /// Per layer: each example's bias gradient, batch x units.
    public var biasGradients: [[Float]] {
        shapes.indices.map { Array(UnsafeBufferPointer(start: delta[$0], count: batch * shapes[$0].units)) }
    }
    /// Per layer: gradient of the batch loss with respect to the kernel (inputs x units) and bias.
    public var batchKernelGradients: [[Float]] {
        shapes.indices.map { Array(UnsafeBufferPointer(start: meanKernel[$0], count: shapes[$0].inputs * shapes[$0].units)) }
    }
    public var batchBiasGradients: [[Float]] {
        shapes.indices.map { Array(UnsafeBufferPointer(start: meanBias[$0], count: shapes[$0].units)) }
    }
    /// Each example's own loss.
    public var perExampleLoss: [Float] { Array(UnsafeBufferPointer(start: lossPerExample, count: batch)) }

    /// The last forward pass's outputs, batch x outputs.
    public var outputTensor: Tensor {
        let last = a.last ?? input
        return Tensor(shape: [batch, outputs], scalars: Array(UnsafeBufferPointer(start: last, count: batch * outputs)))
    }

    /// Runs the model forward on `inputs` (batch x model.inputs); `outputTensor` and
    /// `activations(layer:)` then hold the results. Cost: the forward multiply-adds.
    public func forward(_ model: Sequential, inputs x: Tensor) {
        precondition(x.shape == [batch, model.inputs],
                     "inputs shape \(Tensor.shapeText(x.shape)) does not match (\(batch), \(model.inputs))")
        x.scalars.withUnsafeBufferPointer { input.update(from: $0.baseAddress!, count: $0.count) }
        for l in model.layers.indices {
            model.layers[l].forward(input: l == 0 ? input : a[l - 1], batch: batch, preActivation: z[l], output: a[l])
        }
    }
}
