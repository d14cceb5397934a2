import GradTensor
import GradAutodiff

/// Keras 3's optimizers with their defaults and update rules.
///
/// - SGD: `m = momentum * m - lr * g`; `w += m` (nesterov: `w += momentum * m - lr * g`);
///   without momentum simply `w -= lr * g`. Default lr 0.01.
/// - Adam: with t the 1-based step, `alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t)`,
///   `m += (g - m) * (1 - beta1)`, `v += (g^2 - v) * (1 - beta2)`,
///   `w -= alpha * m / (sqrt(v) + epsilon)`. Defaults lr 0.001, 0.9, 0.999, 1e-7.
///
/// Arithmetic is float32, in Keras' order, so results match Keras to rounding.
public struct OptimizerConfig: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Sendable { case sgd, adam }

    public var kind: Kind
    public var learningRate: Float
    public var momentum: Float = 0
    public var nesterov: Bool = false
    /// Kept in Double as Keras keeps them (Python floats), so `1 - beta` rounds as in Keras.
    public var beta1: Double = 0.9
    public var beta2: Double = 0.999
    public var epsilon: Float = 1e-7

    public static func sgd(learningRate: Float = 0.01, momentum: Float = 0, nesterov: Bool = false) -> OptimizerConfig {
        OptimizerConfig(kind: .sgd, learningRate: learningRate, momentum: momentum, nesterov: nesterov)
    }

    public static func adam(learningRate: Float = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
                            epsilon: Float = 1e-7) -> OptimizerConfig {
        OptimizerConfig(kind: .adam, learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon)
    }

    /// Keras' default configuration for `kind`.
    public static func defaults(_ kind: Kind) -> OptimizerConfig { kind == .sgd ? .sgd() : .adam() }
}

/// Applies updates and keeps the per-parameter state (momentum, moments).
/// Parameters are identified by a slot number; slot state is created on first use.
public final class Optimizer {
    public let config: OptimizerConfig
    /// Number of steps applied (Keras' `iterations`).
    public private(set) var iterations = 0
    private var first: [[Float]] = []
    private var second: [[Float]] = []
    private var alpha: Float = 0

    public init(_ config: OptimizerConfig) { self.config = config }

    /// Starts a new step: call once per step before `update` on each parameter.
    public func beginStep() {
        iterations += 1
        if config.kind == .adam {
            let t = Float(iterations)
            let b1Power = powf(Float(config.beta1), t)
            let b2Power = powf(Float(config.beta2), t)
            alpha = config.learningRate * (1 - b2Power).squareRoot() / (1 - b1Power)
        }
    }

    /// Updates `parameter` in place from `gradient` (same count). Allocates only on a slot's first use.
    public func update(_ parameter: inout [Float], gradient: [Float], slot: Int) {
        gradient.withUnsafeBufferPointer { update(&parameter, gradient: $0, slot: slot) }
    }

    /// As above, reading the gradient from a buffer (no copy).
    public func update(_ parameter: inout [Float], gradient: UnsafeBufferPointer<Float>, slot: Int) {
        precondition(parameter.count == gradient.count, "parameter has \(parameter.count) values, gradient \(gradient.count)")
        while first.count <= slot { first.append([]); second.append([]) }
        let lr = config.learningRate
        switch config.kind {
        case .sgd where config.momentum == 0:
            for i in parameter.indices { parameter[i] -= lr * gradient[i] }
        case .sgd:
            if first[slot].count != parameter.count { first[slot] = [Float](repeating: 0, count: parameter.count) }
            let (mu, nesterov) = (config.momentum, config.nesterov)
            // Through buffers: element access to the class's arrays costs an exclusivity check each.
            first[slot].withUnsafeMutableBufferPointer { velocity in
                for i in parameter.indices {
                    let m = mu * velocity[i] - lr * gradient[i]
                    velocity[i] = m
                    parameter[i] += nesterov ? mu * m - lr * gradient[i] : m
                }
            }
        case .adam:
            if first[slot].count != parameter.count {
                first[slot] = [Float](repeating: 0, count: parameter.count)
                second[slot] = first[slot]
            }
            let step = AdamStep(oneMinusB1: Float(1 - config.beta1), oneMinusB2: Float(1 - config.beta2),
                                alpha: alpha, epsilon: config.epsilon)
            // Through buffers: element access to the class's arrays costs an exclusivity check each.
            first[slot].withUnsafeMutableBufferPointer { firstMoment in
                second[slot].withUnsafeMutableBufferPointer { secondMoment in
                    parameter.withUnsafeMutableBufferPointer { weights in
                        step.apply(gradient.baseAddress!, firstMoment.baseAddress!, secondMoment.baseAddress!,
                                   weights.baseAddress!, count: weights.count)
                    }
                }
            }
        }
    }

    /// One step on tape variables (the notebook's `optimizer.apply_gradients(zip(grads, vars))`).
    public func apply(_ gradients: [Tensor], to variables: [Variable]) {
        precondition(gradients.count == variables.count, "\(gradients.count) gradients for \(variables.count) variables")
        beginStep()
        for (slot, (g, variable)) in zip(gradients, variables).enumerated() {
            precondition(g.shape == variable.shape,
                         "gradient shape \(Tensor.shapeText(g.shape)) does not match variable shape \(Tensor.shapeText(variable.shape))")
            var values = variable.value.scalars
            update(&values, gradient: g.scalars, slot: slot)
            variable.assign(Tensor(shape: variable.shape, scalars: values))
        }
    }

    /// One step on a network from the batch gradients in `workspace` (slots 2l and 2l+1).
    public func apply(_ workspace: Workspace, to model: inout Sequential) {
        beginStep()
        for l in model.layers.indices {
            let (inputs, units) = workspace.shapes[l]
            update(&model.layers[l].kernel.scalars,
                   gradient: UnsafeBufferPointer(start: workspace.meanKernel[l], count: inputs * units), slot: 2 * l)
            update(&model.layers[l].bias.scalars,
                   gradient: UnsafeBufferPointer(start: workspace.meanBias[l], count: units), slot: 2 * l + 1)
        }
    }
}

/// Adam's update of one parameter buffer, eight lanes at a time. Every lane runs the scalar
/// rule's operations in its order (separate multiply and add; IEEE square root and division are
/// exact per lane), so the bits are those of the one-at-a-time loop, whatever the count.
struct AdamStep {
    let oneMinusB1: Float, oneMinusB2: Float, alpha: Float, epsilon: Float

    @inline(__always)
    func update<Value: SIMD>(g: Value, m: inout Value, v: inout Value, w: inout Value) where Value.Scalar == Float {
        m = m + (g - m) * oneMinusB1
        v = v + (g * g - v) * oneMinusB2
        w = w - (m * alpha) / (v.squareRoot() + epsilon)
    }

    func apply(_ g: UnsafePointer<Float>, _ m: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>,
               _ w: UnsafeMutablePointer<Float>, count: Int) {
        typealias Lanes = SIMD8<Float>
        func load(_ p: UnsafePointer<Float>) -> Lanes { UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }
        func store(_ x: Lanes, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: x, as: Lanes.self) }
        var i = 0
        while i + Lanes.scalarCount <= count {
            var (mi, vi, wi) = (load(m + i), load(v + i), load(w + i))
            update(g: load(g + i), m: &mi, v: &vi, w: &wi)
            (store(mi, m + i), store(vi, v + i), store(wi, w + i))
            i += Lanes.scalarCount
        }
        // The last few one at a time, each in lane 0 of a 2-lane vector (the other lane idles on zeros).
        while i < count {
            var (mi, vi, wi) = (SIMD2(m[i], 0), SIMD2(v[i], 0), SIMD2(w[i], 0))
            update(g: SIMD2(g[i], 0), m: &mi, v: &vi, w: &wi)
            (m[i], v[i], w[i]) = (mi[0], vi[0], wi[0])
            i += 1
        }
    }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc
