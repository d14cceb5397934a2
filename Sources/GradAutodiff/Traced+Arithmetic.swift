import GradTensor

// Elementwise arithmetic with numpy broadcasting. Backward rules sum the
// gradient back down to each input's shape (the adjoint of broadcasting).
extension Traced {
    public static func + (a: Traced, b: Traced) -> Traced {
        a.tape.record(a.value + b.value, inputs: [a, b]) { g in
            [g.summed(toShape: a.shape), g.summed(toShape: b.shape)]
        }
    }

    public static func - (a: Traced, b: Traced) -> Traced {
        a.tape.record(a.value - b.value, inputs: [a, b]) { g in
            [g.summed(toShape: a.shape), (-g).summed(toShape: b.shape)]
        }
    }

    public static func * (a: Traced, b: Traced) -> Traced {
        a.tape.record(a.value * b.value, inputs: [a, b]) { g in
            [(g * b.value).summed(toShape: a.shape), (g * a.value).summed(toShape: b.shape)]
        }
    }

    public static func / (a: Traced, b: Traced) -> Traced {
        a.tape.record(a.value / b.value, inputs: [a, b]) { g in
            let gb = -(g * a.value / (b.value * b.value))
            return [(g / b.value).summed(toShape: a.shape), gb.summed(toShape: b.shape)]
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
        return a.tape.record(Tensor.maximum(a.value, b.value), inputs: [a, b]) { g in
            [(g * aWins).summed(toShape: a.shape), (g * (1 - aWins)).summed(toShape: b.shape)]
        }
    }
}
