import Foundation
import Testing
import GradTensor
@testable import GradNet

@Suite struct DatasetTests {
    @Test func notebookDataFollowsTheSeedReadmeFormulas() {
        let data = Dataset.notebook(examples: 500, seed: 100)
        #expect(data.inputs.shape == [500, 2])
        #expect(data.targets.shape == [500, 2])
        #expect(data.source.contains("seed 100"))
        var residuals: [Double] = []
        for row in 0..<data.count {
            let x1 = Double(data.inputs[row, 0]), x2 = Double(data.inputs[row, 1])
            #expect(x1 >= -Double.pi && x1 <= Double.pi)
            #expect(x2 >= 0 && x2 <= 1)
            residuals.append(Double(data.targets[row, 0]) - (sin(x1) + x2))
            residuals.append(Double(data.targets[row, 1]) - (cos(x1) + x2))
        }
        // The noise is N(0, 0.05): what is left after the formulas must look like it.
        let (mean, stddev) = meanAndStandardDeviation(residuals)
        #expect(abs(mean) < 0.01, "noise mean \(mean)")
        #expect(abs(stddev - 0.05) < 0.005, "noise stddev \(stddev)")
    }

    @Test func notebookDataIsReproducibleFromItsSeed() {
        #expect(Dataset.notebook(seed: 100) == Dataset.notebook(seed: 100))
        #expect(Dataset.notebook(seed: 100).inputs != Dataset.notebook(seed: 101).inputs)
        #expect(Dataset.notebook(seed: 1).count == 100)
    }

    @Test func batchTakesTheRowsInItsRange() {
        let data = Dataset.notebook(examples: 10, seed: 2)
        let batch = data.batch(3..<6)
        #expect(batch.count == 3)
        #expect(batch.inputs.row(0) == data.inputs.row(3))
        #expect(batch.targets.row(2) == data.targets.row(5))
        #expect(data.batch(0..<0).count == 0)
    }

    @Test func shuffledOrderIsAPermutationFixedByTheSeed() {
        let data = Dataset.notebook(examples: 50, seed: 3)
        var a = SeededGenerator(seed: 11), b = SeededGenerator(seed: 11), c = SeededGenerator(seed: 12)
        let order = data.shuffledOrder(using: &a)
        #expect(order.sorted() == Array(0..<50))
        #expect(order != Array(0..<50))
        #expect(order == data.shuffledOrder(using: &b))
        #expect(order != data.shuffledOrder(using: &c))
    }

    @Test func minibatchesCoverEveryExampleOnceWithARemainderBatch() {
        let data = Dataset.notebook(examples: 10, seed: 4)
        var generator = SeededGenerator(seed: 5)
        let batches = data.minibatches(size: 4, using: &generator)
        #expect(batches.map(\.count) == [4, 4, 2])
        let seen = batches.flatMap { $0.inputs.rows }.map { $0.map(\.bitPattern) }
        let all = data.inputs.rows.map { $0.map(\.bitPattern) }
        #expect(seen.sorted { $0.lexicographicallyPrecedes($1) } == all.sorted { $0.lexicographicallyPrecedes($1) })
        // Inputs and targets stay paired after shuffling.
        for batch in batches {
            for row in 0..<batch.count {
                let original = all.firstIndex(of: batch.inputs.row(row).scalars.map(\.bitPattern)) ?? -1
                #expect(original >= 0 && batch.targets.row(row) == data.targets.row(original))
            }
        }
    }
}
