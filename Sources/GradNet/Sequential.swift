import GradTensor

/// A stack of Dense layers, each feeding the next (Keras' `Sequential`).
public struct Sequential: Sendable, Equatable {
    /// Features per example entering the first layer.
    public let inputs: Int
    public var layers: [Dense]

    /// Layers must chain: each kernel has as many rows as the previous layer has units.
    public init(inputs: Int, layers: [Dense]) {
        var width = inputs
        for (l, layer) in layers.enumerated() {
            precondition(layer.inputs == width,
                         "layer \(l) kernel \(Tensor.shapeText(layer.kernel.shape)) does not take \(width) inputs")
            width = layer.units
        }
        self.inputs = inputs
        self.layers = layers
    }

    /// Keras-style names: "dense", "dense_1", "dense_2", ...
    public static func layerName(_ index: Int) -> String { index == 0 ? "dense" : "dense_\(index)" }

    /// The notebook's `build_model`: `hidden` Dense layers with `activation`, then a linear
    /// output layer; biases zero (Keras' default). As in the notebook, ONE seeded
    /// initializer serves every layer, so each kernel is `initializer.kernel(seed:)`
    /// of its shape and layers of the same shape get the same kernel: TensorFlow's
    /// weights for that seed. The default is 2-(2,2,2)-2. `seed` must lie in
    /// `Initializer.seedRange`.
    public static func build(inputs: Int = 2, hidden: [Int] = [2, 2, 2], outputs: Int = 2,
                             activation: Activation, initializer: Initializer, seed: UInt64) -> Sequential {
        var width = inputs
        var layers: [Dense] = []
        for (l, units) in (hidden + [outputs]).enumerated() {
            let isOutput = l == hidden.count
            layers.append(Dense(
                name: layerName(l),
                kernel: initializer.kernel(fanIn: width, fanOut: units, seed: seed),
                bias: .zeros([units]),
                activation: isOutput ? .linear : activation))
            width = units
        }
        return Sequential(inputs: inputs, layers: layers)
    }

    public var outputs: Int { layers.last?.units ?? inputs }
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }
}
