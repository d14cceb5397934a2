import Testing
@testable import GradTensor
import CGradKernels

/// Every kernel path this CPU runs, against the portable one and against its own definition:
/// the AVX2 and AVX-512 products sum each c[i][j] with one fused multiply-add per term in
/// increasing p, so they give exactly the bits of that loop, of each other, and on 1 and 2
/// threads; the portable path differs from them within float32 rounding.
@Suite("KernelPaths", .serialized)
struct KernelPathTests {
    // Partial tiles and strips, two k panels (k > 256), two n panels (n > 256), narrow and plain shapes.
    static let shapes = [(m: 13, k: 300, n: 37), (m: 7, k: 5, n: 9), (m: 25, k: 257, n: 40), (m: 130, k: 16, n: 33),
                         (m: 7, k: 20, n: 300), (m: 300, k: 17, n: 8), (m: 100, k: 2, n: 2), (m: 37, k: 3, n: 7)]

    /// c[i][j] = Σ_p A(i, p)·B(p, j) as the path sums it: fused on the C paths where the blocked
    /// product runs, separate multiply and add elsewhere.
    static func reference(_ path: KernelPath, m: Int, k: Int, n: Int, _ a: (Int, Int) -> Float, _ b: (Int, Int) -> Float) -> [Float] {
        let fused = path != .portable && BlockedProduct.pays(m: m, k: k, n: n)
        var c = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var acc: Float = 0
                for p in 0..<k { acc = fused ? acc.addingProduct(a(i, p), b(p, j)) : acc + a(i, p) * b(p, j) }
                c[i * n + j] = acc
            }
        }
        return c
    }

    @Test func everyPathGivesTheBitsOfItsOwnLoopOnOneAndTwoThreadsForAllThreeProducts() {
        for path in KernelPath.available {
            for (m, k, n) in Self.shapes {
                let a = BlockedKernelTests.values(m * k, seed: 7), b = BlockedKernelTests.values(k * n, seed: 8)
                let plain = Self.reference(path, m: m, k: k, n: n, { a[$0 * k + $1] }, { b[$0 * n + $1] })
                let transposedA = Self.reference(path, m: m, k: k, n: n, { a[$1 * m + $0] }, { b[$0 * n + $1] })
                let transposedB = Self.reference(path, m: m, k: k, n: n, { a[$0 * k + $1] }, { b[$1 * k + $0] })
                for threads in [1, 2] {
                    let shape = "(\(m), \(k), \(n)) on \(path), \(threads) threads"
                    #expect(BlockedKernelTests.run(threads: threads, path: path, { Kernels.matmul(a, b, $0, m: m, k: k, n: n) }, count: m * n) == plain, "ab \(shape)")
                    #expect(BlockedKernelTests.run(threads: threads, path: path, { Kernels.matmulTransposedA(a, b, $0, m: m, k: k, n: n) }, count: m * n) == transposedA, "aᵀb \(shape)")
                    #expect(BlockedKernelTests.run(threads: threads, path: path, { Kernels.matmulTransposedB(a, b, $0, m: m, k: k, n: n) }, count: m * n) == transposedB, "abᵀ \(shape)")
                }
            }
        }
    }

    @Test func everyPathAgreesWithThePortableOneWithinFloat32Rounding() {
        let (m, k, n) = (30, 520, 70)
        let a = BlockedKernelTests.values(m * k, seed: 9), b = BlockedKernelTests.values(k * n, seed: 10)
        let portable = BlockedKernelTests.run(threads: 2, path: .portable, { Kernels.matmul(a, b, $0, m: m, k: k, n: n) }, count: m * n)
        for path in KernelPath.available {
            let c = BlockedKernelTests.run(threads: 2, path: path, { Kernels.matmul(a, b, $0, m: m, k: k, n: n) }, count: m * n)
            // Either rounding is within k·eps·Σ|a||b| of the exact sum, so they are within twice that.
            for i in 0..<m {
                for j in 0..<n {
                    var magnitude: Float = 0
                    for p in 0..<k { magnitude += abs(a[i * k + p] * b[p * n + j]) }
                    let bound = 2 * Float(k) * Float.ulpOfOne * magnitude
                    #expect(abs(c[i * n + j] - portable[i * n + j]) <= bound, "\(path) at (\(i), \(j))")
                }
            }
        }
    }

    @Test func theWiderPathsGiveTheSameBitsAsEachOther() {
        let available = KernelPath.available.filter { $0 != .portable }
        guard available.count > 1 else { return }
        let (m, k, n) = (40, 300, 70)
        let a = BlockedKernelTests.values(m * k, seed: 11), b = BlockedKernelTests.values(k * n, seed: 12)
        let results = available.map { path in
            BlockedKernelTests.run(threads: 2, path: path, { Kernels.matmul(a, b, $0, m: m, k: k, n: n) }, count: m * n)
        }
        #expect(results.allSatisfy { $0 == results[0] })
    }

    @Test func namesParseAndAPathAboveTheCPUsIsCappedAtItsBest() {
        #expect(KernelPath.allCases.allSatisfy { KernelPath(name: $0.description) == $0 })
        #expect(KernelPath(name: "sse9") == nil)
        #expect(KernelPath.available.first == .portable && KernelPath.available.last == KernelPath.best)
        KernelPath.with(.avx512) { #expect(KernelPath.current == KernelPath.best) }
        KernelPath.with(.portable) { #expect(KernelPath.current == .portable) }
        #expect(KernelPath.current == KernelPath.processDefault)
    }
}

/// The AVX2 and AVX-512 tanh and sigmoid, and their derivatives times a gradient, are the
/// portable FastMath's operations, 8 or 16 lanes at a time: the same bits for every input, special
/// values and partial vectors included (a NaN stays a NaN; its sign bit, which x86 takes from
/// whichever operand the compiler put first, may differ).
@Suite struct ActivationPaths {
    static let inputs: [Float] = {
        var values: [Float] = [0, -0, .nan, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNormalMagnitude,
                               .greatestFiniteMagnitude, 0.625, -0.625, 0.6249999, 88.72, -104, 9, -9]
        var x: Float = -30
        while x < 30 { values.append(x); x += 0.0137 }
        return values
    }()

    static func differing(_ x: [Float], _ expected: [Float], _ got: [Float]) -> [String] {
        zip(x, zip(expected, got)).filter { $1.0.isNaN ? !$1.1.isNaN : $1.0.bitPattern != $1.1.bitPattern }
            .prefix(3).map { "\($0): \($1.0) vs \($1.1)" }
    }

    @Test func the_wide_paths_tanh_and_sigmoid_give_the_portable_bits() {
        let x = Self.inputs
        for path in KernelPath.available where path != .portable {
            for (activation, portable) in [(Activation.tanh, FastMath.tanh), (.sigmoid, FastMath.sigmoid)] as [(Activation, (FastMath.Lanes) -> FastMath.Lanes)] {
                let wide = CActivation(activation, path: path)!
                for count in [x.count, 13, 1] {
                    var expected = [Float](repeating: 0, count: count), got = expected
                    x.withUnsafeBufferPointer { input in
                        expected.withUnsafeMutableBufferPointer { FastMath.sweep(input.baseAddress!, $0.baseAddress!, count, portable) }
                        got.withUnsafeMutableBufferPointer { wide.value(input.baseAddress!, $0.baseAddress!, count) }
                    }
                    let differing = Self.differing(x, expected, got)
                    #expect(differing.isEmpty, "\(activation.name) on \(path), \(count) values: \(differing)")
                }
            }
        }
    }

    @Test func the_wide_paths_derivatives_times_a_gradient_give_the_portable_bits() {
        // Outputs a in and around (-1, 1), gradients of both signs and sizes.
        let a = Self.inputs.map { $0 / 29 }, g = Self.inputs.reversed().map { $0 * 3 }
        for path in KernelPath.available where path != .portable {
            for activation in [Activation.tanh, .sigmoid] {
                let wide = CActivation(activation, path: path)!
                for count in [a.count, 13, 1] {
                    var expected = Array(g.prefix(count)), got = expected
                    a.withUnsafeBufferPointer { outputs in
                        expected.withUnsafeMutableBufferPointer { buffer in
                            KernelPath.with(.portable) {
                                activation.multiplyDerivative(buffer.baseAddress!, preActivation: outputs.baseAddress!, output: outputs.baseAddress!, range: 0..<count)
                            }
                        }
                        got.withUnsafeMutableBufferPointer { wide.derivativeTimes(outputs.baseAddress!, $0.baseAddress!, count) }
                    }
                    let differing = Self.differing(a, expected, got)
                    #expect(differing.isEmpty, "\(activation.name)' on \(path), \(count) values: \(differing)")
                }
            }
        }
    }
}
