import CGradKernels
/// The activations' fast path: float32, eight lanes at a time, over whole buffers.
///
/// `Activation.value` / `derivative` (Double, one element at a time) stay the reference;
/// this path is what the layers run. Error bound against the reference, checked by
/// `ActivationSIMD` tests every 1/1024 over [-20, 20]: at most 4 float ulp (plus 1e-7 absolute
/// where a value crosses zero, such as silu' near -1.28) for every activation and derivative;
/// elu and selu use a Taylor polynomial for expm1 near 0. linear and relu are exact;
/// leaky_relu multiplies by the float32 slope, as TensorFlow does (within 1 ulp).
/// softplus and gelu values and gelu's derivative (log1p, erf) fall back to the reference per
/// element. Saturation: no NaN or Inf for any finite input (|x| up to Float.greatestFiniteMagnitude);
/// exp underflows gradually to 0 below about -87, so sigmoid(-88) is about 6e-39 and sigmoid(-104)
/// is 0, as TensorFlow's. NaN in, NaN out.
///
/// Every lane is computed independently of its neighbours and of where a buffer is split, so the
/// results are the same bits whatever the thread partition and whether an element lands in a
/// full vector or the zero-padded tail.
extension Activation {
    public typealias Lanes = SIMD8<Float>

    /// Whether `fastValue` is vectorised for this activation (false: it calls `value` per lane).
    public var hasVectorValue: Bool { self != .softplus && self != .gelu }

    /// f(x) on eight lanes.
    @inline(__always)
    public func fastValue(_ x: Lanes) -> Lanes {
        switch self {
        case .linear: return x
        case .sigmoid: return FastMath.sigmoid(x)
        case .tanh: return FastMath.tanh(x)
        case .relu: return x.replacing(with: 0, where: .!(x .> 0))
        case .leakyRelu: return x.replacing(with: x * Float(Activation.leakySlope), where: .!(x .> 0))
        case .elu: return x.replacing(with: FastMath.expm1(x), where: .!(x .> 0))
        case .selu:
            let negative = Float(Activation.seluAlpha) * FastMath.expm1(x)
            return Float(Activation.seluScale) * x.replacing(with: negative, where: .!(x .> 0))
        case .silu: return x * FastMath.sigmoid(x)
        case .softplus, .gelu: return perLane(x, value)
        }
    }

    /// f'(x) on eight lanes (from the pre-activation x; kinks as in `derivative`).
    @inline(__always)
    public func fastDerivative(_ x: Lanes) -> Lanes {
        switch self {
        case .linear: return Lanes(repeating: 1)
        case .sigmoid: return FastMath.sigmoidDerivative(x)
        case .tanh: return FastMath.tanhDerivative(x)
        case .relu: return Lanes(repeating: 0).replacing(with: 1, where: x .> 0)
        case .leakyRelu: return Lanes(repeating: Float(Activation.leakySlope)).replacing(with: 1, where: x .> 0)
        case .elu: return FastMath.exp(x).replacing(with: 1, where: x .> 0)
        case .selu:
            let negative = Float(Activation.seluScale * Activation.seluAlpha) * FastMath.exp(x)
            return negative.replacing(with: Float(Activation.seluScale), where: x .> 0)
        case .softplus: return FastMath.sigmoid(x)
        case .silu: return FastMath.sigmoid(x) + x * FastMath.sigmoidDerivative(x)
        case .gelu: return perLane(x, derivative)
        }
    }

    @inline(__always)
    private func perLane(_ x: Lanes, _ f: (Float) -> Float) -> Lanes {
        var out = Lanes()
        for i in 0..<Lanes.scalarCount { out[i] = f(x[i]) }
        return out
    }

    /// `a[i] = f(z[i])` for i in `range` (a layer's activation, after the bias is added).
    /// Allocates nothing. Cost: one vectorised sweep.
    @inline(__always)
    public func apply(preActivation z: UnsafePointer<Float>, output a: UnsafeMutablePointer<Float>, range: Range<Int>) {
        let (start, count) = (range.lowerBound, range.count)
        if let wide = CActivation(self) {
            wide.value(z + start, a + start, count)
            return
        }
        switch self {
        case .linear: (a + start).update(from: z + start, count: count)
        case .sigmoid: FastMath.sweep(z + start, a + start, count, FastMath.sigmoid)
        case .tanh: FastMath.sweep(z + start, a + start, count, FastMath.tanh)
        default: FastMath.sweep(z + start, a + start, count) { self.fastValue($0) }
        }
    }

    /// `delta[i] *= f'(z[i])` for i in `range`: dL/da turned into dL/dz in place. tanh and
    /// sigmoid read f' from the outputs a (1 - a², a(1 - a), in float32 as TensorFlow's
    /// gradients do); the others recompute it from z. Allocates nothing.
    @inline(__always)
    public func multiplyDerivative(_ delta: UnsafeMutablePointer<Float>, preActivation z: UnsafePointer<Float>,
                                   output a: UnsafePointer<Float>, range: Range<Int>) {
        let (d, zs, outs, count) = (delta + range.lowerBound, z + range.lowerBound, a + range.lowerBound, range.count)
        if let wide = CActivation(self) {
            wide.derivativeTimes(outs, d, count)
            return
        }
        switch self {
        case .linear: return
        case .tanh: FastMath.sweepInPlace(outs, d, count) { a, g in g * (1 - a * a) }
        case .sigmoid: FastMath.sweepInPlace(outs, d, count) { a, g in g * (a * (1 - a)) }
        default: FastMath.sweepInPlace(zs, d, count) { z, g in g * self.fastDerivative(z) }
        }
    }
}

/// tanh and sigmoid on the AVX2 and AVX-512 paths: C copies of the FastMath sweeps below, 8 or 16
/// lanes at a time, with the same bits (NaN signs aside). On the process's path: the sweeps run
/// on pool threads, which do not see a caller's `KernelPath.with`.
struct CActivation {
    let value: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
    let derivativeTimes: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void

    @inline(__always)
    init?(_ activation: Activation, path: KernelPath = .current) {
        switch (activation, path) {
        case (.sigmoid, .avx512): (value, derivativeTimes) = (gk_sigmoid_avx512, gk_sigmoid_derivative_times_avx512)
        case (.tanh, .avx512): (value, derivativeTimes) = (gk_tanh_avx512, gk_tanh_derivative_times_avx512)
        case (.sigmoid, .avx2): (value, derivativeTimes) = (gk_sigmoid_avx2, gk_sigmoid_derivative_times_avx2)
        case (.tanh, .avx2): (value, derivativeTimes) = (gk_tanh_avx2, gk_tanh_derivative_times_avx2)
        default: return nil
        }
    }
}

/// float32 SIMD kernels behind the fast activations (Cephes-style polynomials).
enum FastMath {
    typealias Lanes = SIMD8<Float>

    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> Lanes {
        UnsafeRawPointer(p).loadUnaligned(as: Lanes.self)
    }
    @inline(__always) static func load(_ p: UnsafeMutablePointer<Float>) -> Lanes { load(UnsafePointer(p)) }
    @inline(__always) static func store(_ v: Lanes, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: Lanes.self)
    }

    /// out[i] = f(x[i]) for i < count; the last partial vector is zero-padded.
    @inline(__always)
    static func sweep(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ count: Int, _ f: (Lanes) -> Lanes) {
        var i = 0
        while i + Lanes.scalarCount <= count {
            store(f(load(x + i)), out + i)
            i += Lanes.scalarCount
        }
        guard i < count else { return }
        var tail = Lanes()
        for t in 0..<(count - i) { tail[t] = x[i + t] }
        let result = f(tail)
        for t in 0..<(count - i) { out[i + t] = result[t] }
    }

    /// y[i] = f(x[i], y[i]) for i < count.
    @inline(__always)
    static func sweepInPlace(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int,
                             _ f: (Lanes, Lanes) -> Lanes) {
        var i = 0
        while i + Lanes.scalarCount <= count {
            store(f(load(x + i), load(y + i)), y + i)
            i += Lanes.scalarCount
        }
        guard i < count else { return }
        var (tailX, tailY) = (Lanes(), Lanes())
        for t in 0..<(count - i) { (tailX[t], tailY[t]) = (x[i + t], y[i + t]) }
        let result = f(tailX, tailY)
        for t in 0..<(count - i) { y[i + t] = result[t] }
    }

    /// |x|, by clearing the sign bits.
    @inline(__always)
    static func magnitude(_ x: Lanes) -> Lanes {
        unsafeBitCast(unsafeBitCast(x, to: SIMD8<UInt32>.self) & 0x7fff_ffff, to: Lanes.self)
    }

    /// 2^n for integer-valued n in [-126, 127], built from the exponent bits.
    @inline(__always)
    static func pow2(_ n: SIMD8<Int32>) -> Lanes {
        unsafeBitCast((n &+ 127) &<< 23, to: Lanes.self)
    }

    /// e^x within about 1 ulp (Cephes expf): x = n ln2 + r, |r| <= ln2/2, e^r by a degree-7
    /// polynomial, scaled by 2^n in two halves so that results down to the denormals and up to
    /// Float.greatestFiniteMagnitude need no special case. Inputs are clamped to [-104, 88.72]:
    /// below, the result is 0; above, the largest finite float.
    @inline(__always)
    static func exp(_ x: Lanes) -> Lanes {
        // Comparisons and selects, not `clamped`, which compiles to a call per vector.
        let low = Lanes(repeating: -104), high = Lanes(repeating: 88.72)
        let clamped = x.replacing(with: low, where: x .< low).replacing(with: high, where: x .> high)
        let magic: Float = 12_582_912 // 1.5 * 2^23: adding it rounds to an integer in the low mantissa bits
        let shifted = clamped * 1.442_695_04 + magic
        let n = shifted - magic
        let nInt = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- Int32(bitPattern: magic.bitPattern)
        let r = (clamped - n * 0.693_359_375) - n * -2.121_944_4e-4
        let r2 = r * r
        var p = Lanes(repeating: 1.987_569_15e-4)
        p = p * r + 1.398_199_950_7e-3
        p = p * r + 8.333_451_907_3e-3
        p = p * r + 4.166_579_589_4e-2
        p = p * r + 1.666_666_545_9e-1
        p = p * r + 5.000_000_120_1e-1
        let er = p * r2 + r + 1
        let half = nInt &>> 1
        let result = er * pow2(half) * pow2(nInt &- half)
        // NaN compares false with everything, and clamping turned it into a number: restore it.
        return result.replacing(with: x, where: x .!= x)
    }

    /// e^x - 1, accurate near 0: a degree-8 Taylor polynomial for |x| < 0.35, exp(x) - 1 beyond.
    @inline(__always)
    static func expm1(_ x: Lanes) -> Lanes {
        var p = Lanes(repeating: 1.0 / 40320)
        p = p * x + 1.0 / 5040
        p = p * x + 1.0 / 720
        p = p * x + 1.0 / 120
        p = p * x + 1.0 / 24
        p = p * x + 1.0 / 6
        p = p * x + 0.5
        let small = (p * x) * x + x
        let large = exp(x) - 1
        let isSmall = x .> -0.35 .& x .< 0.35
        return large.replacing(with: small, where: isSmall)
    }

    /// 1 / (1 + e^-x) from e = e^-|x| in (0, 1], so nothing overflows: 1 / (1 + e) for x >= 0,
    /// e / (1 + e) below.
    @inline(__always)
    static func sigmoid(_ x: Lanes) -> Lanes {
        let e = exp(-magnitude(x))
        let numerator = Lanes(repeating: 1).replacing(with: e, where: x .< 0)
        return numerator / (1 + e)
    }

    /// s(1 - s) as e / (1 + e)² with e = e^-|x|, which keeps its relative accuracy where
    /// s(1 - s) in float32 would cancel (|x| large).
    @inline(__always)
    static func sigmoidDerivative(_ x: Lanes) -> Lanes {
        let e = exp(-magnitude(x))
        let d = 1 + e
        return e / (d * d)
    }

    /// 1 - tanh² as 4e / (1 + e)² with e = e^-2|x| for |x| >= 0.625 (no cancellation), 1 - t² below.
    @inline(__always)
    static func tanhDerivative(_ x: Lanes) -> Lanes {
        let ax = magnitude(x)
        let e = exp(-2 * ax)
        let d = 1 + e
        let large = (4 * e) / (d * d)
        let t = tanh(x)
        return large.replacing(with: 1 - t * t, where: ax .< 0.625)
    }

    /// tanh within about 2 ulp (Cephes tanhf): an odd polynomial for |x| < 0.625, else
    /// (1 - e) / (1 + e) with e = e^-2|x| in (0, 1], which cannot overflow; sign restored.
    @inline(__always)
    static func tanh(_ x: Lanes) -> Lanes {
        let ax = magnitude(x)
        let z = x * x
        var p = Lanes(repeating: -5.704_988_727_45e-3)
        p = p * z + 2.063_908_879_54e-2
        p = p * z - 5.373_971_555_31e-2
        p = p * z + 1.333_144_220_36e-1
        p = p * z - 3.333_328_194_22e-1
        let small = p * z * x + x
        let e = exp(-2 * ax)
        var large = (1 - e) / (1 + e)
        large = large.replacing(with: -large, where: x .< 0)
        return large.replacing(with: small, where: ax .< 0.625)
    }
}
