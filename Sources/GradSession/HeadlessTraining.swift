import GradNet

/// Training without a UI thread, producing the same snapshots the dashboard
/// shows: for exports (SVG plots), benchmarks and tests.
public enum HeadlessTraining {
    /// Trains `steps` steps on `config` and returns the snapshot the dashboard would
    /// show after the last one (step 0: the initial gradients, the notebook's plot).
    /// Stops early at divergence; the snapshot says where.
    public static func snapshot(config: RunConfig, steps: Int) throws(InputError) -> TrainingSnapshot {
        var snapshots: [TrainingSnapshot] = []
        try run(config: config, steps: steps) { snapshots = [$0] }
        return snapshots[0]
    }

    /// Trains `steps` steps, calling `body` with the step-0 snapshot and then one per step.
    public static func run(config: RunConfig, steps: Int, _ body: (TrainingSnapshot) -> Void) throws(InputError) {
        let run = try config.makeRun()
        var builder = SnapshotBuilder()
        body(builder.snapshot(config: config, run: run, workspace: run.inspect(), stepsPerSecond: 0))
        for _ in 0..<max(0, steps) where run.divergedAtStep == nil {
            let workspace = run.advance()
            builder.record(run: run, workspace: workspace)
            body(builder.snapshot(config: config, run: run, workspace: workspace, stepsPerSecond: 0))
        }
    }
}
