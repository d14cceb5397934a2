/// Ascending sorts of floating-point values by their bits: a least-significant-digit radix sort,
/// one byte per pass, skipping the bytes every value shares (a float widened to a double leaves
/// its low 29 bits zero: 5 passes of 8). O(n) where `sorted()` is O(n log n) with comparisons:
/// the per-step statistics of every layer (quartiles of each step's kernel gradients, the
/// violins' sorted samples) sort thousands of values per step.
///
/// Guarantee: for values without NaN, exactly the array `sorted()` returns. Both sorts are
/// stable, and the keys order values as `<` does (-0 and +0 get one key, so they keep their order
/// as `<` calls them equal). NaNs, which `<` cannot order, go after +infinity (a NaN with its
/// sign bit set before -infinity). Cost: two passes over the values per byte that differs between
/// them, plus two copies; allocates the result and one scratch array of keys and values.
public protocol RadixSortable: BinaryFloatingPoint {
    associatedtype Key: FixedWidthInteger & UnsignedInteger
    /// A key whose unsigned order is the order of `<` on non-NaN values, -0 and +0 equal.
    var radixKey: Key { get }
}

extension Float: RadixSortable {
    @inlinable public var radixKey: UInt32 { orderedKey(bitPattern, signBit: 1 << 31) }
}

extension Double: RadixSortable {
    @inlinable public var radixKey: UInt64 { orderedKey(bitPattern, signBit: 1 << 63) }
}

/// Negative values: every bit flipped (larger magnitudes come first); the rest: the sign bit set
/// (above every negative); -0 is +0.
@inlinable
func orderedKey<Key: FixedWidthInteger & UnsignedInteger>(_ bits: Key, signBit: Key) -> Key {
    if bits == signBit { return signBit }
    return bits & signBit != 0 ? ~bits : bits | signBit
}

extension Array where Element: RadixSortable {
    /// The values in ascending order: `sorted()`'s result (see `RadixSortable`) in O(n).
    /// Inlinable, so that callers get a copy specialised for their element type.
    @inlinable
    public func radixSorted() -> [Element] {
        guard count > 1 else { return self }
        let keyBytes = Element.Key.bitWidth / 8
        var keys = map(\.radixKey), values = self
        var spareKeys = keys, spareValues = values
        // Bytes in which some two keys differ; the others would copy the arrays unchanged.
        var differing: Element.Key = 0
        let first = keys[0]
        for key in keys { differing |= key ^ first }
        var counts = [Int](repeating: 0, count: 256)
        for byte in 0..<keyBytes where (differing >> (byte * 8)) & 0xFF != 0 {
            let shift = Element.Key(byte * 8)
            counts.withUnsafeMutableBufferPointer { counts in
                keys.withUnsafeBufferPointer { keys in
                    values.withUnsafeBufferPointer { values in
                        spareKeys.withUnsafeMutableBufferPointer { outKeys in
                            spareValues.withUnsafeMutableBufferPointer { outValues in
                                counts.update(repeating: 0)
                                for key in keys { counts[Int(truncatingIfNeeded: (key >> shift) & 0xFF)] += 1 }
                                var start = 0
                                for digit in 0..<256 { (counts[digit], start) = (start, start + counts[digit]) }
                                for i in 0..<keys.count {
                                    let digit = Int(truncatingIfNeeded: (keys[i] >> shift) & 0xFF)
                                    let slot = counts[digit]
                                    counts[digit] = slot + 1
                                    outKeys[slot] = keys[i]
                                    outValues[slot] = values[i]
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &spareKeys)
            swap(&values, &spareValues)
        }
        return values
    }
}
