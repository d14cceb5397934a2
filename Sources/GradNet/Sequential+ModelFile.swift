import GradTensor

extension Sequential {
    /// The network a model file describes (names dense, dense_1, ... as Keras gives them).
    public init(_ spec: ModelSpec) {
        self.init(inputs: spec.inputs, layers: spec.layers.enumerated().map { l, layer in
            Dense(name: Sequential.layerName(l), kernel: layer.kernel, bias: layer.bias, activation: layer.activation)
        })
    }

    /// This network as a model file's content.
    public var spec: ModelSpec {
        ModelSpec(inputs: inputs, layers: layers.map {
            LayerSpec(units: $0.units, activation: $0.activation, kernel: $0.kernel, bias: $0.bias)
        })
    }
}
