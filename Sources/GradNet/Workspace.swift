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
    /// Per layer: each example's kernel gradient, batch x inputs x units, for the layers that
    /// keep them (`keepsKernelGradients`); the others describe theirs from factors (KernelGradientStatistics.swift).
    let perExampleKernel: [UnsafeMutablePointer<Float>]
    /// Per layer: gradient of the batch loss (mean over examples).
    let meanKernel: [UnsafeMutablePointer<Float>]
    let meanBias: [UnsafeMutablePointer<Float>]
    let lossPerExample: UnsafeMutablePointer<Float>
    /// Mean of the per-example losses of the last step.
    public internal(set) var loss: Float = 0

    /// Lays out the buffers for `model` and `batch` examples. A layer keeps its batch x inputs x
    /// units per-example kernel gradients only while they are at most `keptValueLimit` values;
    /// larger layers give their statistics from factors and a sample, and their values on request
    /// (`kernelGradients(layer:)`). With `perExampleGradients` false no layer keeps or fills them,
    /// which saves their memory traffic when only the batch gradient is wanted.
    public init(model: Sequential, batch: Int, perExampleGradients: Bool = true) {
        self.batch = batch
        keepsPerExampleGradients = perExampleGradients
        outputs = model.outputs
        let shapes = model.layers.map { (inputs: $0.inputs, units: $0.units) }
        self.shapes = shapes
        let kept = shapes.map { shape in
            perExampleGradients && Workspace.keeps(batch: batch, inputs: shape.inputs, units: shape.units) ? batch * shape.inputs * shape.units : 0
        }
        let perLayer = zip(shapes, kept).map { 3 * batch * $0.units + $1 + $0.inputs * $0.units + $0.units }
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
        perExampleKernel = kept.map { take($0) }
        meanKernel = shapes.map { take($0.inputs * $0.units) }
        meanBias = shapes.map { take($0.units) }
    }

    deinit { storage.deallocate() }

    /// Float32 values of the one allocation (what `RunLimits.stepFloats` estimates before it is made).
    public var allocatedFloats: Int { storage.count }

    /// Whether this workspace was laid out for `model`'s layer shapes and this batch size.
    public func fits(_ model: Sequential, batch: Int) -> Bool {
        batch == self.batch && model.layers.count == shapes.count
            && zip(model.layers, shapes).allSatisfy { $0.inputs == $1.inputs && $0.units == $1.units }
    }

    // Copies, for tests, snapshots and output (each allocates).
    /// Per layer: each example's kernel gradient, batch x inputs x units (row-major); see `kernelGradients(layer:)`.
    public var kernelGradients: [[Float]] { shapes.indices.map { kernelGradients(layer: $0) } }
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
