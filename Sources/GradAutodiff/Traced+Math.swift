import GradTensor

// Elementwise functions. Each backward rule uses the forward result where that
// is cheaper and exact (exp' = exp, tanh' = 1 - tanh^2, sigmoid' = s(1 - s)).
extension Traced {
    public var exp: Traced {
        let y = value.exp
        return tape.record(y, inputs: [self]) { g in [g * y] }
    }

    public var log: Traced {
        let x = value
        return tape.record(x.log, inputs: [self]) { g in [g / x] }
    }

    public var tanh: Traced {
        let y = value.tanh
        return tape.record(y, inputs: [self]) { g in [g * (1 - y * y)] }
    }

    public var sigmoid: Traced {
        let y = value.sigmoid
        return tape.record(y, inputs: [self]) { g in [g * y * (1 - y)] }
    }

    public var squareRoot: Traced {
        let y = value.squareRoot
        return tape.record(y, inputs: [self]) { g in [g / (2 * y)] }
    }

    /// Any Keras activation; the backward rule is the activation's own derivative,
    /// the same function the Dense layer's backward pass uses.
    public func applying(_ activation: Activation) -> Traced {
        let x = value
        return tape.record(x.applying(activation), inputs: [self]) { g in [g * x.derivative(of: activation)] }
    }
}
