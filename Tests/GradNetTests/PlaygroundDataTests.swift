import Foundation
import Testing
import GradTensor
@testable import GradNet

/// Playground's data sets: their geometry, noise and split; the losses that train on them.
@Suite struct PlaygroundDataTests {
    /// (x, y, class 0 or 1) of each example of a classification set.
    static func points(_ data: Dataset) -> [(x: Float, y: Float, first: Bool)] {
        (0..<data.count).map { n in
            (data.inputs.scalars[2 * n], data.inputs.scalars[2 * n + 1], data.targets.scalars[2 * n] == 1)
        }
    }

    @Test(arguments: DatasetKind.allCases)
    func every_set_is_the_same_for_a_seed_and_lies_in_the_plane(_ kind: DatasetKind) {
        let a = kind.generate(examples: 200, noise: 0.3, seed: 7)
        let b = kind.generate(examples: 200, noise: 0.3, seed: 7)
        #expect(a.inputs.scalars.map(\.bitPattern) == b.inputs.scalars.map(\.bitPattern))
        #expect(a.targets.scalars.map(\.bitPattern) == b.targets.scalars.map(\.bitPattern))
        #expect(a != kind.generate(examples: 200, noise: 0.3, seed: 8))
        #expect(a.outputCount == (kind.isClassification ? 2 : kind == .notebook ? 2 : 1))
        if kind != .notebook && kind != .gauss {
            #expect(a.inputs.scalars.allSatisfy { abs($0) <= 6.5 }, "\(kind): inputs outside [-6.5, 6.5]")
        }
    }

    @Test func the_notebook_set_is_unchanged() {
        let old = Dataset.notebook(examples: 100, seed: 100)
        #expect(DatasetKind.notebook.generate(examples: 100, noise: 0, seed: 100) == old)
        #expect(old.split(testRatio: 0, seed: 100).train == old)
    }

    @Test func circle_without_noise_puts_one_class_inside_radius_2_5_and_the_other_outside_3_5() {
        for p in Self.points(DatasetKind.circle.generate(examples: 300, noise: 0, seed: 1)) {
            let r = (p.x * p.x + p.y * p.y).squareRoot()
            #expect(p.first ? r <= 2.5 : (r >= 3.5 && r <= 5.0), "r \(r), first class \(p.first)")
        }
    }

    @Test func xor_without_noise_labels_by_the_quadrant_and_keeps_off_the_axes() {
        for p in Self.points(DatasetKind.xor.generate(examples: 300, noise: 0, seed: 2)) {
            #expect(p.first == (p.x * p.y >= 0))
            #expect(abs(p.x) >= 0.3 && abs(p.y) >= 0.3)
        }
    }

    @Test func noise_flips_some_circle_labels_but_not_the_points() {
        let clean = DatasetKind.circle.generate(examples: 500, noise: 0, seed: 3)
        let noisy = DatasetKind.circle.generate(examples: 500, noise: 0.5, seed: 3)
        let flipped = Self.points(noisy).filter { p in ((p.x * p.x + p.y * p.y).squareRoot() < 3) != p.first }.count
        #expect(flipped > 25 && flipped < 250, "\(flipped) of 500 labels across the circle")
        #expect(Self.points(clean).filter { p in ((p.x * p.x + p.y * p.y).squareRoot() < 3) != p.first }.isEmpty)
    }

    @Test func the_classes_are_balanced_and_gauss_spreads_with_noise() {
        for kind in DatasetKind.allCases where kind.isClassification {
            let first = Self.points(kind.generate(examples: 500, noise: 0, seed: 4)).filter(\.first).count
            if kind == .xor { #expect(abs(first - 250) < 60, "\(kind): \(first)") } else { #expect(first == 250, "\(kind): \(first)") }
        }
        func spread(_ noise: Double) -> Float {
            let xs = Self.points(DatasetKind.gauss.generate(examples: 1000, noise: noise, seed: 5)).filter(\.first).map(\.x)
            let mean = xs.reduce(0, +) / Float(xs.count)
            return xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(xs.count)
        }
        #expect(abs(spread(0) - 0.5) < 0.1 && abs(spread(0.5) - 4) < 0.6, "variances \(spread(0)), \(spread(0.5))")
    }

    @Test func regression_sets_have_playgrounds_labels() {
        let plane = DatasetKind.plane.generate(examples: 50, noise: 0, seed: 6)
        for n in 0..<plane.count {
            let expected = (plane.inputs.scalars[2 * n] + plane.inputs.scalars[2 * n + 1]) / 10
            #expect(abs(plane.targets.scalars[n] - expected) < 1e-6)
        }
        #expect(DatasetKind.multigaussLabel(-4, 2.5) == 1 && DatasetKind.multigaussLabel(0, 2.5) == -1)
        #expect(DatasetKind.multigaussLabel(-4, 0.5) == 0)
    }

    @Test func a_split_holds_out_the_share_rounded_down_and_loses_nothing() throws {
        let data = DatasetKind.spiral.generate(examples: 101, noise: 0, seed: 9)
        let (train, test) = data.split(testRatio: 0.5, seed: 9)
        let held = try #require(test)
        #expect(held.count == 50 && train.count == 51)
        let all = (train.inputs.scalars + held.inputs.scalars).map(\.bitPattern).sorted()
        #expect(all == data.inputs.scalars.map(\.bitPattern).sorted())
    }

    @Test func cross_entropy_refuses_targets_that_are_not_one_hot_naming_the_line() throws {
        let data = try Dataset.parse(csv: "x1,x2,y1,y2\n1,2,0,1\n\n3,4,0.5,0.5\n", file: "d.csv")
        #expect(throws: InputError.self) { try Loss.categoricalCrossentropy.checkTargets(data, source: "d.csv") }
        do { try Loss.categoricalCrossentropy.checkTargets(data, source: "d.csv") } catch {
            #expect(error.description.contains("d.csv:4") && error.description.contains("one-hot"), "\(error)")
        }
        try Loss.meanSquaredError.checkTargets(data, source: "d.csv")
    }
}

/// Categorical cross-entropy on logits: finite differences and stability.
@Suite struct CrossEntropyTests {
    /// Each example's loss and dL_n/dz for logits `z` (batch x outputs) and targets `y`.
    static func evaluate(_ z: [Float], _ y: [Float], outputs: Int) -> (losses: [Float], gradient: [Float]) {
        let batch = z.count / outputs
        var losses = [Float](repeating: 0, count: batch), gradient = [Float](repeating: 0, count: z.count)
        losses.withUnsafeMutableBufferPointer { l in
            gradient.withUnsafeMutableBufferPointer { g in
                _ = Loss.categoricalCrossentropy.evaluate(predictions: z, targets: y, batch: batch, outputs: outputs,
                                                          perExample: l.baseAddress!, gradient: g.baseAddress!)
            }
        }
        return (losses, gradient)
    }

    @Test(arguments: [[0.3, -1.2, 2.0], [50, -50, 0], [-50, 50, 49], [1000, -1000, 0], [-3, -3, -3]] as [[Float]])
    func the_gradient_is_the_finite_difference_of_the_loss(_ z: [Float]) {
        for hot in 0..<3 {
            let y = (0..<3).map { $0 == hot ? Float(1) : 0 }
            let (losses, gradient) = Self.evaluate(z, y, outputs: 3)
            #expect(losses[0].isFinite && gradient.allSatisfy(\.isFinite), "z \(z): \(losses) \(gradient)")
            for j in 0..<3 {
                let h: Float = 1e-2
                var up = z, down = z
                up[j] += h
                down[j] -= h
                let numeric = (Self.evaluate(up, y, outputs: 3).losses[0] - Self.evaluate(down, y, outputs: 3).losses[0]) / (2 * h)
                // Float32 loss values near 2000 carry ~1e-4 absolute rounding; the step divides it by 0.02.
                let tolerance: Float = 2e-2 + 1e-2 * abs(gradient[j]) + 1e-5 * abs(losses[0])
                #expect(abs(numeric - gradient[j]) <= tolerance, "z \(z), hot \(hot), j \(j): numeric \(numeric), analytic \(gradient[j])")
            }
        }
    }

    @Test func large_logits_give_exact_losses_without_overflow() {
        let wrong = Self.evaluate([50, -50], [0, 1], outputs: 2)
        #expect(abs(wrong.losses[0] - 100) < 1e-4 && wrong.gradient == [1, -1])
        let right = Self.evaluate([1000, -1000], [1, 0], outputs: 2)
        #expect(right.losses[0] == 0 && right.gradient == [0, 0])
    }

    @Test func accuracy_counts_examples_whose_largest_output_is_the_target_class() {
        let model = Sequential(inputs: 2, layers: [Dense(name: "dense", kernel: Tensor([[1, 0], [0, 1]]), bias: Tensor([0, 0]), activation: .linear)])
        let workspace = Workspace(model: model, batch: 4, perExampleGradients: false)
        workspace.evaluate(model, inputs: Tensor([[1, 0], [0, 1], [2, 1], [0, 3]]), targets: Tensor([[1, 0], [0, 1], [0, 1], [0, 1]]),
                           loss: .categoricalCrossentropy)
        #expect(workspace.accuracy == 0.75)
    }
}
