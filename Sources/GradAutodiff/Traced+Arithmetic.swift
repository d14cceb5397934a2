import GradTensor

// Elementwise arithmetic with numpy broadcasting. Backward rules sum the
// gradient back down to each input's shape (the adjoint of broadcasting).
// They capture the input tensors and shapes, never the `Traced` inputs
// themselves (those hold the tape: see `GradientTape.record`).
extension Traced {
    public static func + (a: Traced, b: Traced) -> Traced {
        let aShape = a.shape, bShape = b.shape
        return a.tape.record(a.value + b.value, inputs: [a, b]) { g in
            [g.summed(toShape: aShape), g.summed(toShape: bShape)]
        }
    }

    public static func - (a: Traced, b: Traced) -> Traced {
        let aShape = a.shape, bShape = b.shape
        return a.tape.record(a.value - b.value, inputs: [a, b]) { g in
            [g.summed(toShape: aShape), (-g).summed(toShape: bShape)]
        }
    }

    public static func * (a: Traced, b: Traced) -> Traced {
        let x = a.value, y = b.value
        return a.tape.record(x * y, inputs: [a, b]) { g in
            [(g * y).summed(toShape: x.shape), (g * x).summed(toShape: y.shape)]
        }
    }

    public static func / (a: Traced, b: Traced) -> Traced {
        let x = a.value, y = b.value
        return a.tape.record(x / y, inputs: [a, b]) { g in
            let gb = -(g * x / (y * y))
            return [(g / y).summed(toShape: x.shape), gb.summed(toShape: y.shape)]
        }
    }

    public static prefix func - (a: Traced) -> Traced {
        a.tape.record(-a.value, inputs: [a]) { g in [-g] }
    }

    // Mixed with plain tensors and numbers: the constant side is traced as a constant.
    public static func + (a: Traced, b: Tensor) -> Traced { a + a.constant(b) }
    public static func - (a: Traced, b: Tensor) -> Traced { a - a.constant(b) }
    public static func * (a: Traced, b: Tensor) -> Traced { a * a.constant(b) }
    public static func / (a: Traced, b: Tensor) -> Traced { a / a.constant(b) }
    public static func + (a: Tensor, b: Traced) -> Traced { b.constant(a) + b }
    public static func - (a: Tensor, b: Traced) -> Traced { b.constant(a) - b }
    public static func * (a: Tensor, b: Traced) -> Traced { b.constant(a) * b }
    public static func / (a: Tensor, b: Traced) -> Traced { b.constant(a) / b }
    public static func + (a: Traced, b: Float) -> Traced { a + Tensor(b) }
    public static func - (a: Traced, b: Float) -> Traced { a - Tensor(b) }
    public static func * (a: Traced, b: Float) -> Traced { a * Tensor(b) }
    public static func / (a: Traced, b: Float) -> Traced { a / Tensor(b) }
    public static func * (a: Float, b: Traced) -> Traced { Tensor(a) * b }
    public static func - (a: Float, b: Traced) -> Traced { Tensor(a) - b }

    /// Elementwise maximum; where the inputs tie, the gradient goes to `a` (as in TensorFlow).
    public static func maximum(_ a: Traced, _ b: Traced) -> Traced {
        let aWins = a.value.zipWith(b.value) { $0 >= $1 ? 1 : 0 }
        let aShape = a.shape, bShape = b.shape
        return a.tape.record(Tensor.maximum(a.value, b.value), inputs: [a, b]) { g in
            [(g * aWins).summed(toShape: aShape), (g * (1 - aWins)).summed(toShape: bShape)]
        }
    }
}
