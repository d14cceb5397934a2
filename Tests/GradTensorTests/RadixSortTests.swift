import Testing
import GradTensor

/// `radixSorted()` must return exactly what `sorted()` does, bit for bit, for any values
/// without NaN: duplicates, both zeros in either order, subnormals, infinities, extremes.
@Suite struct RadixSort {
    static func values(_ count: Int, seed: UInt64) -> [Float] {
        var state = seed
        let specials: [Float] = [0, -0, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                                 .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1, -1]
        return (0..<count).map { i in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let bits = UInt32(truncatingIfNeeded: state >> 32)
            switch i % 5 {
            case 0: return specials[Int(bits % UInt32(specials.count))]
            case 1: return Float(Int(bits % 7)) - 3  // many duplicates, and zeros
            default:
                let x = Float(bitPattern: bits)
                return x.isNaN ? Float(bits % 1000) * 1e-3 : x
            }
        }
    }

    /// The first place where the two sorts differ in bits, or nil.
    static func firstDifference<T: RadixSortable>(_ x: [T], _ bits: (T) -> UInt64) -> String? {
        let (radix, reference) = (x.radixSorted(), x.sorted())
        guard let i = radix.indices.first(where: { $0 >= reference.count || bits(radix[$0]) != bits(reference[$0]) }) else {
            return radix.count == reference.count ? nil : "counts \(radix.count) and \(reference.count)"
        }
        return "at \(i): \(radix[i]) where sorted() has \(reference[i])"
    }

    @Test(arguments: [0, 1, 2, 3, 17, 256, 1000, 70_000])
    func floats_sort_to_the_bits_of_sorted(_ count: Int) {
        for seed in 1...3 {
            let x = Self.values(count, seed: UInt64(seed * 1000 + count))
            let difference = Self.firstDifference(x) { UInt64($0.bitPattern) }
            #expect(difference == nil, "\(count) floats, seed \(seed): \(difference ?? "")")
        }
    }

    @Test(arguments: [0, 2, 1000, 5000])
    func doubles_sort_to_the_bits_of_sorted(_ count: Int) {
        // Widened floats (their low bits all zero, so those passes are skipped) and full doubles.
        let widened = Self.values(count, seed: 9).map(Double.init)
        let full = zip(widened, Self.values(count, seed: 10)).map { $0.isFinite && $1.isFinite ? $0 + Double($1) * 1e-9 : $0 }
        for x in [widened, full] {
            let difference = Self.firstDifference(x) { $0.bitPattern }
            #expect(difference == nil, "\(count) doubles: \(difference ?? "")")
        }
    }

    @Test func zeros_keep_their_order_as_sorted_keeps_them() {
        let x: [Float] = [0, -0, 1, -0, 0, -1]
        #expect(x.radixSorted().map(\.bitPattern) == [Float(-1), 0, -0, -0, 0, 1].map(\.bitPattern))
    }

    @Test func nans_go_after_infinity_or_before_minus_infinity_by_their_sign() {
        let x: [Float] = [.nan, 2, -.infinity, -Float.nan, .infinity, -3]
        let sorted = x.radixSorted()
        #expect(sorted[0].isNaN && sorted[0].sign == .minus && sorted[5].isNaN && sorted[5].sign == .plus)
        #expect(Array(sorted[1...4]) == [-.infinity, -3, 2, .infinity])
    }
}
