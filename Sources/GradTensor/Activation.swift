import Glibc

/// Elementwise activation functions with Keras 3's names and defaults.
///
/// Each case states its forward value and its derivative side by side. Both are
/// computed in Double and rounded once, and both are stable at any |x|: no
/// overflowing `exp` can produce NaN or Inf (sigmoid uses the sign-split form,
/// softplus `max(x, 0) + log1p(exp(-|x|))`). These scalar forms are the reference; the layers
/// run the float32 SIMD forms in Activation+SIMD.swift, tested to stay within 4 ulp of them.
public enum Activation: String, CaseIterable, Sendable, Codable {
    case linear, sigmoid, tanh, relu
    case leakyRelu = "leaky_relu"
    case elu, selu, softplus, gelu, silu

    /// Keras' name, as in `keras.activations.get(name)`.
    public var name: String { rawValue }

    /// Keras' name list, for error messages: "linear, sigmoid, ...".
    public static var validNames: String { allCases.map(\.name).joined(separator: ", ") }

    /// Keras 3 `leaky_relu` default negative slope.
    public static let leakySlope = 0.2
    /// SELU constants (Klambauer et al.), as Keras uses them.
    public static let seluAlpha = 1.6732632423543772848170429916717
    public static let seluScale = 1.0507009873554804934193349852946

    /// f(x).
    public func value(_ x: Float) -> Float {
        let x = Double(x)
        switch self {
        case .linear: return Float(x)
        case .sigmoid: return Float(Activation.sigmoid(x))
        case .tanh: return Float(Glibc.tanh(x))
        case .relu: return Float(x > 0 ? x : 0)
        case .leakyRelu: return Float(x > 0 ? x : Activation.leakySlope * x)
        case .elu: return Float(x > 0 ? x : expm1(x))
        case .selu: return Float(Activation.seluScale * (x > 0 ? x : Activation.seluAlpha * expm1(x)))
        case .softplus: return Float(Swift.max(x, 0) + log1p(exp(-abs(x))))
        case .gelu: return Float(0.5 * x * (1 + erf(x / 2.0.squareRoot())))
        case .silu: return Float(x * Activation.sigmoid(x))
        }
    }

    /// f'(x). At kinks it follows TensorFlow: relu'(0) = 0, leaky_relu'(0) = slope, elu'(0) = 1.
    public func derivative(_ x: Float) -> Float {
        let x = Double(x)
        switch self {
        case .linear: return 1
        case .sigmoid:
            let s = Activation.sigmoid(x)
            return Float(s * (1 - s))
        case .tanh:
            let t = Glibc.tanh(x)
            return Float(1 - t * t)
        case .relu: return x > 0 ? 1 : 0
        case .leakyRelu: return x > 0 ? 1 : Float(Activation.leakySlope)
        case .elu: return Float(x > 0 ? 1 : exp(x))
        case .selu: return Float(Activation.seluScale * (x > 0 ? 1 : Activation.seluAlpha * exp(x)))
        case .softplus: return Float(Activation.sigmoid(x))
        case .gelu:
            let cdf = 0.5 * (1 + erf(x / 2.0.squareRoot()))
            let pdf = exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
            return Float(cdf + x * pdf)
        case .silu:
            let s = Activation.sigmoid(x)
            return Float(s + x * s * (1 - s))
        }
    }

    /// 1 / (1 + e^-x) without overflow for large |x|.
    static func sigmoid(_ x: Double) -> Double {
        if x >= 0 { return 1 / (1 + exp(-x)) }
        let e = exp(x)
        return e / (1 + e)
    }
}

extension Tensor {
    /// `activation` applied elementwise.
    public func applying(_ activation: Activation) -> Tensor { map(activation.value) }
    /// The activation's derivative at each element.
    public func derivative(of activation: Activation) -> Tensor { map(activation.derivative) }

    public var exp: Tensor { map { Glibc.exp($0) } }
    public var log: Tensor { map { Glibc.log($0) } }
    public var tanh: Tensor { applying(.tanh) }
    public var sigmoid: Tensor { applying(.sigmoid) }
    public var squareRoot: Tensor { map { $0.squareRoot() } }
}
