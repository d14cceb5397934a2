import Testing
import GradTensor
import GradNet

/// A layer with more per-example kernel gradients than `Workspace.keptValueLimit` keeps no buffer:
/// its mean |g|, min and max come from the examples' factors and must equal those of every value;
/// its quartiles come from a seeded sample and must sit where the exact ones do.
@Suite struct KernelGradientStatistics {
    /// 2-(40,40)-2 on 50 examples: the middle layer has 50 x 40 x 40 = 80000 values (not kept),
    /// the first 50 x 2 x 40 = 4000 (kept).
    static func workspace() -> (Workspace, Sequential) {
        let model = Sequential.build(hidden: [40, 40], activation: .tanh, initializer: .glorotUniform, seed: 5)
        let data = Dataset.notebook(examples: 50, seed: 6)
        let workspace = Workspace(model: model, batch: data.count)
        workspace.computeGradients(model, inputs: data.inputs, targets: data.targets)
        return (workspace, model)
    }

    /// numpy's linear percentile of all values.
    static func exact(_ values: [Float], _ q: Double) -> Float { GradientStats.percentile(values.sorted(), q) }

    @Test func only_the_small_layers_keep_their_values() {
        let (workspace, _) = Self.workspace()
        #expect(workspace.keepsKernelGradients(layer: 0))
        #expect(!workspace.keepsKernelGradients(layer: 1))
        #expect(workspace.kernelGradientCount(layer: 1) == 80_000)
    }

    @Test func min_max_and_mean_abs_from_factors_equal_those_of_every_value() {
        let (workspace, _) = Self.workspace()
        let all = workspace.kernelGradients(layer: 1)
        let stats = workspace.kernelGradientStats(layer: 1)
        #expect(stats.isSampled)
        #expect(stats.min == all.min()! && stats.max == all.max()!)
        let exactMean = all.reduce(0.0) { $0 + Double(abs($1)) } / Double(all.count)
        #expect(abs(Double(stats.meanAbs) - exactMean) <= 1e-6 * exactMean)
        #expect(abs(Double(workspace.kernelGradientMeanAbs(layer: 1)) - exactMean) <= 1e-6 * exactMean)
    }

    @Test func sampled_quartiles_lie_within_two_percentiles_of_the_exact_ones() {
        let (workspace, _) = Self.workspace()
        let all = workspace.kernelGradients(layer: 1)
        let stats = workspace.kernelGradientStats(layer: 1)
        for (value, q) in [(stats.q1, 0.25), (stats.median, 0.5), (stats.q3, 0.75)] {
            #expect(value >= Self.exact(all, q - 0.02) && value <= Self.exact(all, q + 0.02), "quantile \(q): \(value)")
        }
    }

    @Test func the_sample_is_made_of_real_values_at_the_same_positions_every_time() {
        let (workspace, _) = Self.workspace()
        let all = Set(workspace.kernelGradients(layer: 1))
        let sample = workspace.kernelGradientSample(layer: 1, limit: 4096)
        #expect(sample.count == 4096 && sample.allSatisfy(all.contains))
        #expect(sample == workspace.kernelGradientSample(layer: 1, limit: 4096))
    }

    @Test func a_kept_layer_gives_exact_statistics_as_before() {
        let (workspace, _) = Self.workspace()
        let stats = workspace.kernelGradientStats(layer: 0)
        #expect(!stats.isSampled)
        #expect(stats == GradientStats(workspace.kernelGradients(layer: 0)))
        #expect(workspace.kernelGradientSample(layer: 0, limit: 10_000) == workspace.kernelGradients(layer: 0))
    }

    @Test func values_computed_on_request_are_the_outer_products_of_the_examples() {
        let (workspace, model) = Self.workspace()
        let values = workspace.kernelGradients(layer: 1)
        let bias = workspace.biasGradients[1]
        // Summed over the inputs, example n's kernel gradient column j is δ[n][j]·Σᵢ x[n][i]; so the
        // ratio of two columns of one example is that of its bias gradients.
        let (inputs, units) = (model.layers[1].inputs, model.layers[1].units)
        for n in [0, 17, 49] {
            let row = values[(n * inputs * units)..<((n + 1) * inputs * units)]
            for i in [0, 39] {
                let x = row[row.startIndex + i * units] / bias[n * units]
                for j in 0..<units {
                    let expected = x * bias[n * units + j]
                    #expect(abs(row[row.startIndex + i * units + j] - expected) <= 1e-5 * max(1e-12, abs(expected)))
                }
            }
        }
    }

    @Test func a_non_finite_factor_makes_every_statistic_nan() {
        let model = Sequential.build(hidden: [40, 40], activation: .linear, initializer: .glorotUniform, seed: 5)
        let data = Dataset.notebook(examples: 50, seed: 6)
        var inputs = data.inputs.scalars
        inputs[3] = .infinity
        let workspace = Workspace(model: model, batch: data.count)
        workspace.computeGradients(model, inputs: Tensor(shape: data.inputs.shape, scalars: inputs), targets: data.targets)
        let stats = workspace.kernelGradientStats(layer: 1)
        #expect(stats.min.isNaN && stats.median.isNaN && stats.max.isNaN && stats.meanAbs.isNaN)
    }
}
