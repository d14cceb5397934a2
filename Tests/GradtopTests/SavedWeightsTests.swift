import Foundation
import Testing
import GradTestSupport

/// `gradtop train --steps 0 --save-model F` writes the initial network: its
/// kernels are the ones TensorFlow / Keras draws for the same initializer and
/// seed (Tests/Reference/random.json), bit for bit.
@Suite struct SavedWeights {
    static let cases = RandomReference.models.filter { $0.model != "2-(2,2,2)-2" && $0.seed != 1 }

    @Test(arguments: cases)
    func the_saved_initial_kernels_are_keras_kernels(_ reference: RandomReference.ModelCase) throws {
        let path = Gradtop.temporaryFolder().appendingPathComponent("initial.json").path
        let result = try Gradtop.run(["train", "--steps", "0", "--init", reference.initializer, "--seed", "\(reference.seed)",
                                      "--hidden", reference.hidden.map(String.init).joined(separator: ","), "--save-model", path])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        let layers = object?["layers"] as? [[String: Any]] ?? []
        #expect(layers.count == reference.kernels.count)
        for (l, (layer, expected)) in zip(layers, reference.kernels).enumerated() {
            let rows = (layer["kernel"] as? [[NSNumber]] ?? []).map { $0.map { Float($0.doubleValue) } }
            #expect([rows.count, rows.first?.count ?? 0] == expected.shape, "layer \(l)")
            #expect(RandomArray.fnv1a64(rows.flatMap { $0 }) == expected.fnv1a64, "\(reference): layer \(l) differs from Keras'")
        }
    }
}
