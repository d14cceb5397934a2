import Testing
@testable import GradTensor

/// A dense layer's fused kernels on every kernel path this CPU runs: the product with its bias
/// (`matmul(addingBias:)`) and the per-example kernel gradients with their batch sums
/// (`exampleGradients`), each against its own loop, on 1 and 2 threads. The narrow layers'
/// C kernels sum without fused multiply-adds, so for them every path gives the portable bits.
@Suite("ExampleGradients", .serialized)
struct ExampleGradientsTests {
    typealias Values = BlockedKernelTests

    /// Narrow outputs of every width 1...8 (the C kernels' loads and stores of exactly n floats),
    /// a depth beyond the portable stack copy (40) and beyond the narrow limit (600, plain loops),
    /// enough rows to thread (3000), a plain shape (n 9) and a blocked one.
    static let productShapes = [(m: 100, k: 2, n: 2), (m: 1, k: 1, n: 1), (m: 5, k: 3, n: 3), (m: 17, k: 40, n: 4),
                                (m: 9, k: 7, n: 5), (m: 11, k: 2, n: 6), (m: 3000, k: 5, n: 7), (m: 6, k: 600, n: 8),
                                (m: 13, k: 4, n: 9), (m: 64, k: 64, n: 16)]

    @Test func theProductWithItsBiasGivesTheBitsOfItsLoopOnEveryPath() {
        for path in KernelPath.available {
            for (m, k, n) in Self.productShapes {
                let a = Values.values(m * k, seed: 3), b = Values.values(k * n, seed: 4), bias = Values.values(n, seed: 5)
                let product = KernelPathTests.reference(path, m: m, k: k, n: n, { a[$0 * k + $1] }, { b[$0 * n + $1] })
                let expected = product.indices.map { product[$0] + bias[$0 % n] }
                for threads in [1, 2] {
                    let c = BlockedKernelTests.run(threads: threads, path: path, { c in
                        bias.withUnsafeBufferPointer { Kernels.matmul(a, b, c, m: m, k: k, n: n, addingBias: $0.baseAddress!) }
                    }, count: m * n)
                    #expect(c == expected, "(\(m), \(k), \(n)) + bias on \(path), \(threads) threads")
                }
            }
        }
    }

    /// Units 1...8 (the C pass) with input counts that fill 4-input blocks and leave 1-3 over,
    /// a single example, more work than one thread takes, a blocked shape and a wide one.
    static let layerShapes = [(batch: 100, k: 2, units: 2), (batch: 1, k: 1, units: 1), (batch: 7, k: 5, units: 3),
                              (batch: 33, k: 9, units: 8), (batch: 50, k: 4, units: 7), (batch: 20, k: 6, units: 5),
                              (batch: 700, k: 64, units: 2), (batch: 100, k: 256, units: 8), (batch: 30, k: 3, units: 20)]

    @Test func perExampleGradientsAndTheirSumsGiveTheBitsOfTheirLoopsOnEveryPath() {
        for path in KernelPath.available {
            for (batch, k, units) in Self.layerShapes {
                let x = Values.values(batch * k, seed: 6), delta = Values.values(batch * units, seed: 7)
                var products = [Float](), biasSums = [Float](repeating: 0, count: units)
                for e in 0..<batch {
                    for i in 0..<k { for j in 0..<units { products.append(x[e * k + i] * delta[e * units + j]) } }
                    for j in 0..<units { biasSums[j] += delta[e * units + j] }
                }
                // xᵀ·delta as the path sums it (fused only where the blocked product runs).
                let kernelSums = KernelPathTests.reference(path, m: k, k: batch, n: units, { x[$1 * k + $0] }, { delta[$0 * units + $1] })
                for threads in [1, 2] {
                    for keeps in [true, false] {
                        let shape = "(\(batch), \(k), \(units)) on \(path), \(threads) threads, kept \(keeps)"
                        var out = [Float](repeating: .nan, count: keeps ? batch * k * units : 0)
                        var kernel = [Float](repeating: .nan, count: k * units), bias = [Float](repeating: .nan, count: units)
                        KernelPath.with(path) {
                            Parallel.withThreadCount(threads) {
                                out.withUnsafeMutableBufferPointer { o in
                                    kernel.withUnsafeMutableBufferPointer { kp in
                                        bias.withUnsafeMutableBufferPointer { bp in
                                            Kernels.exampleGradients(input: x, delta: delta, batch: batch, inputs: k, units: units,
                                                                     perExample: keeps ? o.baseAddress! : nil,
                                                                     kernelSum: kp.baseAddress!, biasSum: bp.baseAddress!)
                                        }
                                    }
                                }
                            }
                        }
                        #expect(out == (keeps ? products : []), "per-example \(shape)")
                        #expect(kernel == kernelSums, "kernel sums \(shape)")
                        #expect(bias == biasSums, "bias sums \(shape)")
                    }
                }
            }
        }
    }
}
