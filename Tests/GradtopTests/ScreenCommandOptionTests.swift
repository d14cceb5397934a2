import Foundation
import Testing

/// Options that the full-screen commands would silently ignore are refused in one line.
@Suite struct ScreenCommandOptions {
    @Test func compare_refuses_activation_and_init_and_points_at_configs() throws {
        let result = try Gradtop.run(["compare", "--activation", "relu", "--init", "he_normal"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--configs relu:he_normal"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count <= 2, "\(result.stderr)")
    }

    @Test func tour_refuses_activation_and_points_at_start() throws {
        let result = try Gradtop.run(["tour", "--activation", "tanh"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--start"), "\(result.stderr)")
    }
}
