import Testing
import GradNet
@testable import GradSession

/// The default comparison (the notebook's six experiments, seed 100) tells the
/// notebook's story at its first step, as its weights are the notebook's.
@Suite struct NotebookStory {
    /// First/last-layer mean |g| of each experiment's first step, by "activation:initializer".
    static func firstStepRatios() throws -> [String: (ratio: Float, layers: [Float])] {
        var ratios: [String: (ratio: Float, layers: [Float])] = [:]
        for config in RunConfig.notebookComparison(RunConfig()) {
            let report = try config.makeRun().step()
            let means = report.kernelStats.map(\.meanAbs)
            ratios["\(config.activation.rawValue):\(config.initializer.rawValue)"] = (means[0] / means[means.count - 1], means)
        }
        return ratios
    }

    @Test func the_default_compare_grid_shows_vanishing_and_its_two_fixes_at_step_1() throws {
        #expect(RunConfig().seed == 100)
        let ratios = try NotebookStory.firstStepRatios()
        let uniform = try #require(ratios["sigmoid:random_uniform"]), glorot = try #require(ratios["sigmoid:glorot_normal"])
        #expect(uniform.ratio < 0.05, "sigmoid/uniform first/last \(uniform.ratio)")
        #expect(glorot.ratio >= 3 * uniform.ratio, "sigmoid/glorot_normal \(glorot.ratio) vs sigmoid/uniform \(uniform.ratio)")
        for name in ["relu:random_uniform", "relu:glorot_normal"] {
            let relu = try #require(ratios[name])
            #expect(relu.layers.allSatisfy { $0 > 0 }, "\(name) has a layer without gradient: \(relu.layers)")
        }
        // The notebook's own table (../shared/seed/README.md): 0.012, 0.083, 0.57.
        #expect(abs(uniform.ratio - 0.0125) < 0.001 && abs(glorot.ratio - 0.0834) < 0.001)
        #expect(abs((ratios["tanh:random_uniform"]?.ratio ?? 0) - 0.567) < 0.005)
    }
}
