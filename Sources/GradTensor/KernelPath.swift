import CGradKernels
#if canImport(Glibc)
import Glibc
#endif

/// Which matrix-product kernels run: the portable Swift SIMD ones, or the C kernels compiled
/// for AVX2 + FMA or for AVX-512 (`CGradKernels`, chosen from the CPU's features at start).
///
/// Guarantees: on one path, 1 and N threads give the same bits. The AVX2 and AVX-512 paths give
/// the same bits as each other (one fused multiply-add per term, in the same order); they differ
/// from the portable path (separate multiply and add) within float32 rounding.
public enum KernelPath: Int, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    case portable = 0
    case avx2 = 1
    case avx512 = 2

    public static func < (a: KernelPath, b: KernelPath) -> Bool { a.rawValue < b.rawValue }

    /// The name `GRADTOP_KERNELS` and `gradtop bench --kernels` take: portable, avx2 or avx512.
    public var description: String {
        switch self {
        case .portable: "portable"
        case .avx2: "avx2"
        case .avx512: "avx512"
        }
    }

    public init?(name: String) {
        guard let path = KernelPath.allCases.first(where: { $0.description == name }) else { return nil }
        self = path
    }

    /// The widest path this CPU runs (from CPUID, once).
    public static let best = KernelPath(rawValue: Int(gk_best_path())) ?? .portable

    /// Every path this CPU runs, portable first.
    public static var available: [KernelPath] { allCases.filter { $0 <= best } }

    /// The environment variable that caps the path for the whole process.
    public static let environmentVariable = "GRADTOP_KERNELS"

    /// The process's path: `best`, or lower when `GRADTOP_KERNELS` names a lower one. A name this
    /// CPU cannot run is capped at `best`; an unknown name is ignored here (`gradtop` reports it,
    /// see `environmentProblem`).
    public static let processDefault: KernelPath = {
        guard let value = getenv(environmentVariable), let asked = KernelPath(name: String(cString: value)) else { return best }
        return min(asked, best)
    }()

    /// A one-line complaint about `GRADTOP_KERNELS`, or nil when it is unset or names a path.
    public static var environmentProblem: String? {
        guard let value = getenv(environmentVariable) else { return nil }
        let text = String(cString: value)
        guard KernelPath(name: text) == nil else { return nil }
        return "\(environmentVariable)=\(text) is not a kernel path; use portable, avx2 or avx512"
    }

    /// The path of work started from the calling thread: the one `with(_:_:)` set, or `processDefault`.
    public static var current: KernelPath {
        ThreadSetting.kernelPath.value.flatMap(KernelPath.init(rawValue:)) ?? processDefault
    }

    /// Runs `body` with kernels started from this thread on `path` (capped at `best`); other
    /// threads, such as tests running beside it, keep theirs.
    public static func with<Result>(_ path: KernelPath, _ body: () throws -> Result) rethrows -> Result {
        try ThreadSetting.kernelPath.with(min(path, best).rawValue, body)
    }

    /// Rows of c per register tile of this path's blocked product.
    var tileRows: Int { self == .portable ? BlockedProduct.tileRows : Int(gk_tile_rows(Int32(rawValue))) }
}

/// An integer setting of the calling thread (a pthread key), unset by default: read by the
/// thread that starts a parallel job, which hands the value to the job, never by the pool's
/// workers. Reading and setting allocate nothing.
struct ThreadSetting: @unchecked Sendable {
    private let key: pthread_key_t

    static let threadCount = ThreadSetting()
    static let kernelPath = ThreadSetting()

    private init() {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        self.key = key
    }

    /// The calling thread's value, nil when unset.
    var value: Int? {
        let stored = Int(bitPattern: pthread_getspecific(key))
        return stored == 0 ? nil : stored - 1
    }

    /// Runs `body` with the value set on the calling thread, then restores the previous one.
    func with<Result>(_ value: Int, _ body: () throws -> Result) rethrows -> Result {
        let saved = pthread_getspecific(key)
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: value + 1))
        defer { pthread_setspecific(key, saved) }
        return try body()
    }
}
