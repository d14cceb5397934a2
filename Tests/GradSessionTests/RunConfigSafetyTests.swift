import Testing
import GradNet
@testable import GradSession

/// Sizes refused before anything is allocated, and command lines that are safe to print.
@Suite struct RunConfigSafety {
    @Test func a_network_too_large_for_memory_is_refused_before_it_is_built() {
        var config = RunConfig()
        config.hidden = [100_000, 100_000]
        #expect(throws: InputError.self) { try config.buildModel(inputs: 2, outputs: 2) }
        config.hidden = [Int.max]
        #expect(throws: InputError.self) { try config.buildModel(inputs: 2, outputs: 2) }
    }

    @Test func per_example_gradients_too_large_for_memory_are_refused() {
        var config = RunConfig()
        config.hidden = [3000]
        config.examples = 100_000
        #expect(throws: InputError.self) { try config.makeRun() }
        config.examples = 100
        #expect((try? config.makeRun()) != nil, "a 3000-unit layer on 100 examples fits")
    }

    @Test func the_step_estimate_matches_the_notebook_network() {
        // 2-(2,2,2)-2 on 100 examples: per layer 3*100*2 + 100*2*2 + 2*2 + 2 = 1006; plus 100*(2+2+1).
        #expect(RunLimits.stepFloats(widths: [2, 2, 2, 2, 2], batch: 100) == 4 * 1006 + 500)
    }

    @Test func the_step_estimate_counts_per_example_values_only_where_a_layer_keeps_them() {
        // 2-(1024x10)-2 on 100 examples: each 1024x1024 layer has 1e8 per-example values, kept by
        // none; the estimate is what the workspace really allocates, and fits.
        let widths = [2] + [Int](repeating: 1024, count: 10) + [2]
        let live = RunLimits.stepFloats(widths: widths, batch: 100)
        let everyValue = RunLimits.stepFloats(widths: widths, batch: 100, everyValue: true)
        #expect(live < 2e7 && live <= Double(RunLimits.maxStepFloats))
        #expect(everyValue > Double(RunLimits.maxStepFloats), "grads, which writes every value, still refuses it")
        var config = RunConfig()
        config.hidden = [Int](repeating: 1024, count: 10)
        #expect((try? config.buildModel(inputs: 2, outputs: 2)).map { (try? RunLimits.checkStep(model: $0, batch: 100, source: "x")) != nil } == true)
    }

    @Test func the_step_estimate_is_what_a_workspace_allocates() {
        for hidden in [[2, 2, 2], [40, 40], [300]] {
            var config = RunConfig()
            config.hidden = hidden
            let model = try! config.buildModel(inputs: 2, outputs: 2)
            let widths = [2] + hidden + [2]
            #expect(RunLimits.stepFloats(widths: widths, batch: 100) == Double(Workspace(model: model, batch: 100).allocatedFloats), "\(hidden)")
        }
    }

    @Test func a_file_name_with_an_escape_sequence_is_quoted_without_control_characters() {
        let quoted = RunConfig.shellQuoted("data\u{1B}]2;x\u{7}'.csv")
        #expect(quoted == "$'data\\x1b]2;x\\x07\\'.csv'")
        #expect(!quoted.unicodeScalars.contains { $0.value < 0x20 })
        #expect(RunConfig.shellQuoted("my data.csv") == "'my data.csv'")
        #expect(RunConfig.shellQuoted("plain.csv") == "plain.csv")
    }
}
