/// Signs that a run whose numbers are all finite has gone wrong anyway, each noted
/// at the first step it appears (divergence to NaN or Inf is `TrainingRun.divergedAtStep`).
///
/// - exploded: the batch loss grew to `explosionFactor` times the first step's loss or more.
/// - dead: every kernel gradient of a step is exactly zero after an earlier step's were not,
///   so no weight but the output bias can learn any more (e.g. every ReLU switched off).
///
/// Cost: one pass over the batch kernel gradients per step, no allocation.
public struct RunHealth: Sendable, Equatable {
    /// Three orders of magnitude above the first step's loss.
    public static let explosionFactor: Float = 1000

    public private(set) var explodedAtStep: Int?
    public private(set) var deadAtStep: Int?
    private var firstLoss: Float?
    private var hadGradient = false

    public init() {}

    /// Notes step `step` with its finite loss and whether any kernel gradient was non-zero.
    mutating func observe(step: Int, loss: Float, anyKernelGradient: Bool) {
        let first = firstLoss ?? loss
        firstLoss = first
        if explodedAtStep == nil && loss > first * Self.explosionFactor { explodedAtStep = step }
        if deadAtStep == nil && hadGradient && !anyKernelGradient { deadAtStep = step }
        hadGradient = hadGradient || anyKernelGradient
    }

    /// What went wrong first, if anything (the explosion on a tie: it is the cause).
    public enum Trouble: Sendable, Equatable {
        case exploded(atStep: Int)
        case dead(atStep: Int)

        /// The words every view uses for it: "EXPLODED", "GRADIENTS DEAD".
        public var name: String {
            switch self {
            case .exploded: "EXPLODED"
            case .dead: "GRADIENTS DEAD"
            }
        }

        public var step: Int {
            switch self {
            case .exploded(let step), .dead(let step): step
            }
        }
    }

    public var firstTrouble: Trouble? {
        switch (explodedAtStep, deadAtStep) {
        case (let exploded?, let dead?): dead < exploded ? .dead(atStep: dead) : .exploded(atStep: exploded)
        case (let exploded?, nil): .exploded(atStep: exploded)
        case (nil, let dead?): .dead(atStep: dead)
        case (nil, nil): nil
        }
    }

    /// The alarm the screen shows: "EXPLODED at step 2", "GRADIENTS DEAD at step 3".
    public var alarm: String? {
        firstTrouble.map { "\($0.name) at step \($0.step)" }
    }
}

extension Workspace {
    /// Whether any kernel gradient of the batch loss is non-zero (zeros of either sign count as zero).
    var hasNonZeroKernelGradient: Bool {
        for l in shapes.indices {
            for value in UnsafeBufferPointer(start: meanKernel[l], count: shapes[l].inputs &* shapes[l].units) where value != 0 {
                return true
            }
        }
        return false
    }
}
