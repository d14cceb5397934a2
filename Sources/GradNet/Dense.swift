import GradTensor

/// A fully connected layer, `activation(inputs · kernel + bias)` (Keras' `Dense`).
///
/// `kernel` is inputs x units: row i holds the weights from input i, as Keras'
/// `get_weights()` returns it.
public struct Dense: Sendable, Equatable {
    public var name: String
    public var activation: Activation
    /// inputs x units.
    public var kernel: Tensor
    /// units.
    public var bias: Tensor

    public init(name: String = "dense", kernel: Tensor, bias: Tensor, activation: Activation = .linear) {
        precondition(kernel.rank == 2, "Dense kernel must be rank 2, got shape \(Tensor.shapeText(kernel.shape))")
        precondition(bias.shape == [kernel.shape[1]],
                     "Dense bias shape \(Tensor.shapeText(bias.shape)) does not match kernel shape \(Tensor.shapeText(kernel.shape))")
        self.name = name
        self.kernel = kernel
        self.bias = bias
        self.activation = activation
    }

    public var inputs: Int { kernel.shape[0] }
    public var units: Int { kernel.shape[1] }
    public var parameterCount: Int { kernel.count + bias.count }

    /// Forward pass for a batch, writing pre-activations `z` and outputs `a`
    /// (both batch x units) into caller-owned buffers. Allocates nothing.
    /// Cost: batch*inputs*units multiply-adds with the bias added to each finished row
    /// (`Kernels.matmul(addingBias:)`, threaded by rows when large), then the activation over
    /// whole rows on the float32 SIMD path (`Activation.apply`).
    func forward(input: UnsafePointer<Float>, batch: Int,
                 preActivation z: UnsafeMutablePointer<Float>, output a: UnsafeMutablePointer<Float>) {
        let (n, k) = (units, inputs)
        kernel.scalars.withUnsafeBufferPointer { w in
            bias.scalars.withUnsafeBufferPointer { b in
                Kernels.matmul(input, w.baseAddress!, z, m: batch, k: k, n: n, addingBias: b.baseAddress!)
            }
        }
        Parallel.forEachRange(batch, workPerItem: n * 4, Activate(activation: activation, z: z, a: a, units: n))
    }

    /// Backward pass, given `outputGrad` = dL/da (batch x units), overwritten in place with
    /// dL/dz = dL/da * f'(z). Writes dL/d(input) (batch x inputs) into `inputGrad` when
    /// non-nil. Allocates nothing. tanh and sigmoid take f' from the outputs `a` in float32
    /// (1 - a², a(1 - a)), as TensorFlow's gradients do; the others use the SIMD `fastDerivative`.
    func backward(preActivation z: UnsafePointer<Float>, output a: UnsafePointer<Float>,
                  outputGrad delta: UnsafeMutablePointer<Float>, batch: Int, inputGrad: UnsafeMutablePointer<Float>?) {
        let n = units
        if activation != .linear {
            Parallel.forEachRange(batch, workPerItem: n * 2,
                                  DerivativeProduct(activation: activation, z: z, a: a, delta: delta, units: n))
        }
        if let inputGrad {
            kernel.scalars.withUnsafeBufferPointer { w in
                Kernels.matmulTransposedB(UnsafePointer(delta), w.baseAddress!, inputGrad, m: batch, k: n, n: inputs)
            }
        }
    }
}

/// Rows of `Dense.forward` after the product and bias: the activation (each row written by one thread).
struct Activate: RowWork, @unchecked Sendable {
    let activation: Activation
    let z: UnsafePointer<Float>, a: UnsafeMutablePointer<Float>
    let units: Int

    func run(_ rows: Range<Int>) {
        activation.apply(preActivation: z, output: a, range: (rows.lowerBound * units)..<(rows.upperBound * units))
    }
}

/// Rows of `Dense.backward`: dL/da times f' in place.
struct DerivativeProduct: RowWork, @unchecked Sendable {
    let activation: Activation
    let z: UnsafePointer<Float>, a: UnsafePointer<Float>, delta: UnsafeMutablePointer<Float>
    let units: Int

    func run(_ rows: Range<Int>) {
        activation.multiplyDerivative(delta, preActivation: z, output: a, range: (rows.lowerBound * units)..<(rows.upperBound * units))
    }
}
