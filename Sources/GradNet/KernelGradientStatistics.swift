import GradTensor

/// Statistics of a layer's per-example kernel gradients without holding them.
///
/// Example n's kernel gradient is the outer product g[n][i][j] = x[n][i]·δ[n][j] of the layer's
/// input row and its error row, so over all batch x inputs x units values:
/// - mean |g| = Σₙ (Σᵢ |x[n][i]|)(Σⱼ |δ[n][j]|) / count, exact (summed in Double);
/// - min and max are products of the rows' extremes: a float product is monotonic in each factor,
///   so the extremes of the rounded products are the rounded products of the extreme factors,
///   the same bits as the smallest and largest kept value;
/// - quartiles and the violin's density come from a sample of (n, i, j) positions drawn with
///   `SeededGenerator`, the same positions at every step, so a picture changes only with the
///   gradients. Each sampled value is computed as the kept buffer would hold it.
/// Cost: O(batch (inputs + units)) plus O(sample), against O(batch x inputs x units).
extension Workspace {
    /// Values of the sample behind a large layer's quartiles in `kernelGradientStats`.
    public static let statisticsSampleSize = 1 << 14

    /// How many per-example kernel gradients layer l has: batch x inputs x units.
    public func kernelGradientCount(layer l: Int) -> Int { batch * shapes[l].inputs * shapes[l].units }

    /// Mean |g| over all of layer l's per-example kernel gradients: summed value by value in
    /// Double when the layer keeps them (as ever), else from the factors (the same quantity).
    public func kernelGradientMeanAbs(layer l: Int) -> Float {
        if keepsKernelGradients(layer: l) { return Workspace.meanAbs(keptKernelGradients(layer: l)) }
        return factors(layer: l).meanAbs
    }

    /// At most `limit` of layer l's values: all of them when there are no more; from a kept
    /// buffer, evenly strided so every example and weight is represented; else the seeded sample.
    public func kernelGradientSample(layer l: Int, limit: Int) -> [Float] {
        let count = kernelGradientCount(layer: l)
        if count <= limit { return kernelGradients(layer: l) }
        if keepsKernelGradients(layer: l) {
            let values = keptKernelGradients(layer: l)
            return (0..<limit).map { values[$0 * count / limit] }
        }
        return seededSample(layer: l, size: limit)
    }

    /// The five-number summary and mean |g| of layer l's per-example kernel gradients: exact when
    /// the layer keeps them; else min, max and mean |g| exact from the factors and the quartiles
    /// from `statisticsSampleSize` sampled values (`isSampled`).
    public func kernelGradientStats(layer l: Int) -> GradientStats {
        if keepsKernelGradients(layer: l) { return GradientStats(Array(keptKernelGradients(layer: l))) }
        let exact = factors(layer: l)
        guard exact.isFinite else { return GradientStats([.nan]) }
        return GradientStats(min: exact.min, max: exact.max, meanAbs: exact.meanAbs,
                             sample: seededSample(layer: l, size: Workspace.statisticsSampleSize))
    }

    private func keptKernelGradients(layer l: Int) -> UnsafeBufferPointer<Float> {
        UnsafeBufferPointer(start: perExampleKernel[l], count: kernelGradientCount(layer: l))
    }

    /// Mean |v|, summed in Double; 0 for no values.
    static func meanAbs(_ values: UnsafeBufferPointer<Float>) -> Float {
        var total = 0.0
        for v in values { total += Double(abs(v)) }
        return Float(total / Double(max(1, values.count)))
    }

    /// Mean |g|, min and max of layer l from each example's row sums and extremes.
    private func factors(layer l: Int) -> (meanAbs: Float, min: Float, max: Float, isFinite: Bool) {
        let (inputs, units) = shapes[l]
        let x = layerInput(l), d = UnsafePointer(delta[l])
        var total = 0.0
        var (low, high) = (Float.infinity, -Float.infinity)
        var finite = true
        for n in 0..<batch {
            let xs = RowFactor(x + n &* inputs, count: inputs), ds = RowFactor(d + n &* units, count: units)
            finite = finite && xs.isFinite && ds.isFinite
            total += xs.absoluteSum * ds.absoluteSum
            let (a, b, c, e) = (xs.min * ds.min, xs.min * ds.max, xs.max * ds.min, xs.max * ds.max)
            low = Swift.min(low, Swift.min(Swift.min(a, b), Swift.min(c, e)))
            high = Swift.max(high, Swift.max(Swift.max(a, b), Swift.max(c, e)))
        }
        let meanAbs = Float(total / Double(Swift.max(1, kernelGradientCount(layer: l))))
        return (meanAbs, low, high, finite && low.isFinite && high.isFinite)
    }

    /// `size` values of layer l at positions drawn from a generator seeded by the layer index:
    /// the same positions (with repeats) at every step.
    private func seededSample(layer l: Int, size: Int) -> [Float] {
        let (inputs, units) = shapes[l]
        let x = layerInput(l), d = delta[l]
        var generator = SeededGenerator(seed: UInt64(l))
        func draw(_ bound: Int) -> Int { Int(generator.next().multipliedFullWidth(by: UInt64(bound)).high) }
        return (0..<size).map { _ in
            let (n, i, j) = (draw(batch), draw(inputs), draw(units))
            return x[n &* inputs &+ i] * d[n &* units &+ j]
        }
    }
}

/// Sum of absolute values (in Double), min and max of one row.
private struct RowFactor {
    var absoluteSum = 0.0
    var min = Float.infinity, max = -Float.infinity
    var isFinite = true

    init(_ row: UnsafePointer<Float>, count: Int) {
        for v in UnsafeBufferPointer(start: row, count: count) {
            absoluteSum += Double(abs(v))
            min = Swift.min(min, v)
            max = Swift.max(max, v)
            isFinite = isFinite && v.isFinite
        }
    }
}
