import Testing
import GradTensor
import GradTestSupport
@testable import GradNet

/// Seeded initializers and built networks against TensorFlow / Keras'
/// (Tests/Reference/random.json): every kernel bit for bit.
@Suite struct SeededKernelTests {
    @Test(arguments: RandomReference.kernels)
    func theKernelIsTheOneTensorFlowDraws(_ reference: RandomReference.KernelCase) throws {
        let initializer = try #require(Initializer(rawValue: reference.initializer))
        let shape = reference.values.shape
        let kernel = initializer.kernel(fanIn: shape[0], fanOut: shape[1], seed: reference.seed)
        #expect(kernel.shape == shape)
        expectBitEqual(kernel.scalars, reference.values, "\(reference)")
    }

    @Test(arguments: RandomReference.models)
    func aBuiltNetworkHasKerasKernelsInEveryLayer(_ reference: RandomReference.ModelCase) throws {
        let initializer = try #require(Initializer(rawValue: reference.initializer))
        let model = Sequential.build(hidden: reference.hidden, activation: .sigmoid, initializer: initializer, seed: reference.seed)
        #expect(model.layers.map(\.kernel.shape) == reference.kernels.map(\.shape))
        for (layer, expected) in zip(model.layers, reference.kernels) {
            #expect(RandomArray.fnv1a64(layer.kernel.scalars) == expected.fnv1a64, "\(reference): \(layer.name)")
            #expect(layer.bias == .zeros([layer.units]))
        }
    }

    @Test func theNotebooksNetworkHasOneKernelInAllFourLayers() {
        // The notebook's build_model at seed 100 (../shared/seed/README.md).
        let uniform = Sequential.build(activation: .sigmoid, initializer: .randomUniform, seed: 100)
        let glorot = Sequential.build(activation: .sigmoid, initializer: .glorotNormal, seed: 100)
        for (model, expected) in [(uniform, [-0.5399, -0.4770, -0.6685, 0.5790]), (glorot, [1.3745, -0.0995, -1.4773, 0.3744])] {
            for layer in model.layers {
                #expect(layer.kernel == model.layers[0].kernel)
                #expect(zip(layer.kernel.scalars, expected).allSatisfy { abs(Double($0) - $1) < 5e-5 }, "\(layer.kernel.scalars)")
            }
        }
    }

    @Test func kerasSeedsWrapAt2147483646AsKerasCastsThem() {
        #expect(Initializer.glorotNormal.kernel(fanIn: 3, fanOut: 3, seed: 2_147_483_647)
                == Initializer.glorotNormal.kernel(fanIn: 3, fanOut: 3, seed: 1))
        // tf.random_uniform_initializer passes its seed straight through.
        #expect(Initializer.randomUniform.kernel(fanIn: 3, fanOut: 3, seed: 2_147_483_647)
                != Initializer.randomUniform.kernel(fanIn: 3, fanOut: 3, seed: 1))
    }
}

@Suite struct InitializerNoteTests {
    @Test func theSummaryNoteNamesTheLayersThatShareAKernelAndTheyDo() {
        let model = Sequential.build(hidden: [3, 3, 3], activation: .tanh, initializer: .heUniform, seed: 7)
        let layers = model.layers.map { (name: $0.name, inputs: $0.inputs, units: $0.units) }
        let note = Sequential.initializerNote(initializer: .heUniform, seed: 7, layers: layers)
        #expect(note.first?.contains("he_uniform(seed=7) as TensorFlow draws it") == true)
        #expect(note.last == "   3x3: dense_1, dense_2")
        #expect(model.layers[1].kernel == model.layers[2].kernel)
        let longest = Sequential.initializerNote(initializer: .lecunUniform, seed: 2_147_483_647, layers: layers)
        #expect((note + longest).allSatisfy { $0.count <= 76 }, "the summary overlay at 80 columns shows 76")
        #expect(Sequential.initializerNote(initializer: .zeros, seed: 7, layers: layers).count == 1)
    }
}
