import Foundation

/// One array of Tests/Reference/random.json: its shape, the FNV-1a 64 of its
/// little-endian 32-bit words, and the words themselves (all of them for arrays
/// of up to 4096 values, else the first 256).
public struct RandomArray: Sendable {
    public let shape: [Int]
    public let fnv1a64: String
    /// The 32-bit words (float32 bit patterns or raw uint32) the file holds.
    public let words: [UInt32]
    /// True when `words` is the whole array, not its head.
    public let isComplete: Bool

    public var count: Int { shape.reduce(1, *) }
    public var floats: [Float] { words.map(Float.init(bitPattern:)) }

    public init(_ any: Any?) {
        let object = any as? [String: Any] ?? [:]
        shape = object["shape"] as? [Int] ?? []
        fnv1a64 = object["fnv1a64"] as? String ?? ""
        let encoded = object["bits"] as? String ?? object["head"] as? String ?? ""
        isComplete = object["bits"] != nil
        let bytes = [UInt8](Data(base64Encoded: encoded) ?? Data())
        words = stride(from: 0, to: bytes.count - 3, by: 4).map { i in
            UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
        }
    }

    /// FNV-1a 64 of `words` as little-endian bytes, in the file's hex form.
    public static func fnv1a64(_ words: [UInt32]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for word in words {
            for shift in stride(from: 0, to: 32, by: 8) {
                hash = (hash ^ UInt64((word >> UInt32(shift)) & 0xFF)) &* 0x100_0000_01B3
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    public static func fnv1a64(_ floats: [Float]) -> String { fnv1a64(floats.map(\.bitPattern)) }
}

/// The cases of random.json (made by scripts/reference_random.py), read once.
public enum RandomReference {
    /// A seed pair's Philox start (key, counter) and its first 4096 words.
    public struct PhiloxCase: Sendable {
        public let seed: Int64, key: [UInt32], counter: [UInt32], words: RandomArray
    }
    /// `tf.random.stateless_<distribution>` for seed pair [seed, 0].
    public struct DrawCase: Sendable, CustomStringConvertible {
        public let seed: Int64, distribution: String, values: RandomArray
        public var description: String { "\(distribution) seed \(seed) \(values.shape)" }
    }
    /// The initializer named `initializer` (Keras' name) with `seed`, called for one shape.
    public struct KernelCase: Sendable, CustomStringConvertible {
        public let seed: UInt64, initializer: String, values: RandomArray
        public var description: String { "\(initializer) seed \(seed) \(values.shape)" }
    }
    /// A Keras model whose layers share one initializer: each kernel's shape and hash.
    public struct ModelCase: Sendable, CustomStringConvertible {
        public let seed: UInt64, initializer: String, model: String, hidden: [Int]
        public let kernels: [(shape: [Int], fnv1a64: String)]
        public var description: String { "\(model) \(initializer) seed \(seed)" }
    }

    public static let philox: [PhiloxCase] = section("philox").map {
        PhiloxCase(seed: int64($0["seed"]), key: words($0["key"]), counter: words($0["counter"]),
                   words: RandomArray($0["words"]))
    }
    public static let draws: [DrawCase] = section("draws").map {
        DrawCase(seed: int64($0["seed"]), distribution: $0["distribution"] as? String ?? "?", values: RandomArray($0["values"]))
    }
    public static let kernels: [KernelCase] = section("kernels").map {
        KernelCase(seed: UInt64(int64($0["seed"])), initializer: $0["initializer"] as? String ?? "?",
                   values: RandomArray($0["values"]))
    }
    public static let models: [ModelCase] = section("models").map { c in
        ModelCase(seed: UInt64(int64(c["seed"])), initializer: c["initializer"] as? String ?? "?",
                  model: c["model"] as? String ?? "?", hidden: c["hidden"] as? [Int] ?? [],
                  kernels: (c["kernels"] as? [[String: Any]] ?? []).map {
                      (shape: $0["shape"] as? [Int] ?? [], fnv1a64: $0["fnv1a64"] as? String ?? "")
                  })
    }

    private static func section(_ name: String) -> [[String: Any]] {
        Reference.json("random.json")[name] as? [[String: Any]] ?? []
    }
    private static func int64(_ any: Any?) -> Int64 { (any as? NSNumber)?.int64Value ?? -1 }
    private static func words(_ any: Any?) -> [UInt32] {
        (any as? [Any] ?? []).map { UInt32(truncatingIfNeeded: ($0 as? NSNumber)?.int64Value ?? 0) }
    }
}
