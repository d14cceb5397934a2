#!/usr/bin/env python3
"""Export a Keras model of Dense layers to gradtop's model format.

For students coming from the course notebook: build and train a model with
Keras, save it with model.save("model.keras"), then

    python scripts/keras_to_gradtop.py model.keras model.json

(the output path defaults to the input path with ".json"), or from Python:

    from keras_to_gradtop import export
    export(model, "model.json")

The file written is
    {"format": "gradtop-model/1", "inputs": <int>,
     "layers": [{"units": U, "activation": "<keras name>",
                 "kernel": [[...], ...],   # inputs x units, as layer.get_weights()[0]
                 "bias": [...]}, ...]}
Only Dense layers are supported, with one of the activations gradtop knows
(linear, sigmoid, tanh, relu, leaky_relu, elu, selu, softplus, gelu, silu).
Needs TensorFlow / Keras 3 (written with TensorFlow 2.21.0, Keras 3.15.1).
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import keras  # noqa: E402

FORMAT = "gradtop-model/1"
ACTIVATIONS = {"linear", "sigmoid", "tanh", "relu", "leaky_relu",
               "elu", "selu", "softplus", "gelu", "silu"}


def _floats(a):
    """Nested lists of the float32 values, written exactly."""
    a = np.asarray(a, dtype=np.float32)
    if a.ndim == 1:
        return [float(v) for v in a]
    return [_floats(row) for row in a]


def _activation_name(layer):
    act = layer.activation  # Dense keeps the function keras.activations.get gave it
    for name in ACTIVATIONS:
        if act is getattr(keras.activations, name):
            return name
    raise ValueError(
        f"layer {layer.name!r}: activation {getattr(act, '__name__', act)!r} is not one "
        "gradtop recognises: it must be one of the keras.activations functions "
        f"{', '.join(sorted(ACTIVATIONS))} (not tf.nn.*, a lambda or your own function). "
        "Give it by name, e.g. Dense(2, activation='sigmoid'); default arguments only.")


def to_dict(model):
    """The gradtop model description of a Keras model as a dict."""
    layers, inputs, prev_units = [], None, None
    for layer in model.layers:
        if isinstance(layer, keras.layers.InputLayer):
            continue
        if not isinstance(layer, keras.layers.Dense):
            raise ValueError(
                f"layer {layer.name!r} is a {type(layer).__name__}; gradtop only "
                "supports models made of Dense layers")
        weights = layer.get_weights()
        if not weights:
            raise ValueError(f"layer {layer.name!r} has no weights yet: build the "
                             "model first (give it an input shape or call it once)")
        kernel = np.asarray(weights[0], dtype=np.float32)
        bias = (np.asarray(weights[1], dtype=np.float32) if layer.use_bias
                else np.zeros(kernel.shape[1], dtype=np.float32))
        if kernel.ndim != 2:
            raise ValueError(f"layer {layer.name!r}: kernel of shape {kernel.shape}, "
                             "expected 2-D (inputs x units)")
        if prev_units is not None and kernel.shape[0] != prev_units:
            raise ValueError(f"layer {layer.name!r} takes {kernel.shape[0]} inputs but "
                             f"the layer before has {prev_units} units: only a plain "
                             "stack of Dense layers is supported")
        inputs = kernel.shape[0] if inputs is None else inputs
        prev_units = kernel.shape[1]
        layers.append({"units": int(kernel.shape[1]),
                       "activation": _activation_name(layer),
                       "kernel": _floats(kernel), "bias": _floats(bias)})
    if not layers:
        raise ValueError("the model has no Dense layers")
    return {"format": FORMAT, "inputs": int(inputs), "layers": layers}


def export(model, path):
    """Write model (a keras.Model of Dense layers) to path in gradtop's format."""
    with open(path, "w") as f:
        json.dump(to_dict(model), f)
        f.write("\n")


def main(argv):
    if len(argv) not in (2, 3):
        print(f"usage: {argv[0]} MODEL.keras [OUT.json]", file=sys.stderr)
        return 2
    src = argv[1]
    out = argv[2] if len(argv) == 3 else os.path.splitext(src)[0] + ".json"
    try:
        export(keras.models.load_model(src, compile=False), out)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
