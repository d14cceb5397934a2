#!/usr/bin/env python3
"""Generate gradtop's reference files with real TensorFlow / Keras.

gradtop reimplements a small Keras workflow in Swift (dense networks,
per-example gradients as in the IN3050 week 10 notebook). This script is the
independent reference: it computes values with TensorFlow and writes them to
Tests/Reference/, where the Swift tests compare against them.

Produces (paths relative to the repository root):
  Tests/Reference/ops.json         single ops: forward values and the gradients
                                   of sum(output * cotangent) wrt every input
  Tests/Reference/networks.json    small Dense networks: predictions, MSE loss,
                                   per-example gradients (one GradientTape per
                                   example, like the course's plot_grad) and
                                   batch gradients
  Tests/Reference/classification.json  as networks.json, with
                                   CategoricalCrossentropy(from_logits=True) on
                                   one-hot targets, including logits of +-50
                                   (own random stream: the other files do not
                                   change when it is added or rerun)
  Tests/Reference/optimizers.json  4 steps of keras SGD / Adam on a (3, 2) variable
  Tests/Reference/summary.txt      model.summary() of the notebook's 2-(2,2,2)-2
                                   sigmoid model
  Tests/Reference/random.json      TensorFlow's stateless Philox draws and the
                                   seeded initializers' kernels (reference_random.py)

Tensor encoding: {"shape": [d0, d1, ...], "data": [row-major flat list]};
a scalar has "shape": []. Numbers are float32 values written exactly
(repr of the float64 that holds the float32 value).

Run from the repository root:
  python3 -m venv .venv-ref && .venv-ref/bin/pip install tensorflow==2.21.0 \
      && .venv-ref/bin/python scripts/make_reference.py
(keep the venv out of git). Written with TensorFlow 2.21.0, Keras 3.15.1,
NumPy 2.4.6, Python 3.11. Everything is float32 and the NumPy seed is fixed,
so a rerun gives the same files (oneDNN is switched off for repeatability).
"""
import io
import json
import math
import os
import sys
from contextlib import redirect_stdout
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
from reference_random import make_random  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "Tests" / "Reference"
F32 = np.float32
ACTIVATIONS = ["linear", "sigmoid", "tanh", "relu", "leaky_relu",
               "elu", "selu", "softplus", "gelu", "silu"]
SATURATING = [-1000, -100, -88, -50, -20, -5, 5, 20, 50, 88, 100, 1000]

# What TF's float32 kernels do at the extremes (all values finite; compare
# these cases with an absolute tolerance).
SATURATING_NOTES = {
    "sigmoid": "TF flushes subnormals: sigmoid(-88) ~ 6e-39 comes out 0; the gradient "
               "y*(1-y) is exactly 0 for x >= 20 because y rounds to 1",
    "tanh": "output rounds to +-1 and the gradient 1-y^2 is exactly 0 for |x| >= 20",
    "softplus": "softplus(-88) and its gradient ~ 6e-39 (subnormal) come out 0",
    "silu": "tiny negative outputs and gradients at -50 and -20, -0.0 for x <= -88",
    "gelu": "exact erf form; output and gradient are +-0.0 for x <= -20",
}

rng = np.random.default_rng(20240310)


def enc(t):
    """Encode a tensor / array / number as {"shape", "data"} with float32 values."""
    a = np.asarray(t.numpy() if hasattr(t, "numpy") else t, dtype=F32)
    return {"shape": list(a.shape), "data": [float(v) for v in a.reshape(-1)]}


def finite(*tensors):
    return all(np.all(np.isfinite(np.asarray(t))) for t in tensors)


def normal(shape, std=1.0):
    return (rng.standard_normal(shape) * std).astype(F32)


def away_from_zero(shape, low=0.5, high=2.0):
    """Random values with |v| in [low, high] and a random sign."""
    mag = rng.uniform(low, high, shape)
    sign = np.where(rng.uniform(size=shape) < 0.5, -1.0, 1.0)
    return (mag * sign).astype(F32)


# --------------------------------------------------------------------- ops

def op_case(name, op, fn, inputs, args=None):
    """Run fn on float32 constants; gradients of sum(out * cotangent)."""
    xs = [tf.constant(np.asarray(a, dtype=F32)) for a in inputs]
    with tf.GradientTape() as tape:
        for x in xs:
            tape.watch(x)
        out = fn(*xs)
        cot = tf.constant(normal(out.shape))
        total = tf.reduce_sum(out * cot)
    grads = tape.gradient(total, xs)
    grads = [tf.zeros_like(x) if g is None else g for x, g in zip(xs, grads)]
    return {"name": name, "op": op, "inputs": [enc(x) for x in xs],
            "args": args or {}, "output": enc(out), "cotangent": enc(cot),
            "grads": [enc(g) for g in grads]}


def make_ops():
    cases, dropped = [], []
    binary = {"add": tf.add, "sub": tf.subtract, "mul": tf.multiply, "div": tf.divide}
    shapes = [("same_2x3", (2, 3), (2, 3)),
              ("bcast_3x1_1x4", (3, 1), (1, 4)),
              ("bcast_2x3_3", (2, 3), (3,)),
              ("same_3x1", (3, 1), (3, 1)),
              ("scalar_lhs_2x2", (), (2, 2)),
              ("tensor_2x2_scalar_rhs", (2, 2), ()),
              ("bcast_2x1x3_4x1", (2, 1, 3), (4, 1))]
    for op, fn in binary.items():
        for tag, sa, sb in shapes:
            a = normal(sa)
            b = away_from_zero(sb) if op == "div" else normal(sb)
            cases.append(op_case(f"{op}_{tag}", op, fn, [a, b]))

    cases.append(op_case("matmul_3x4_4x2", "matmul", tf.matmul, [normal((3, 4)), normal((4, 2))]))
    cases.append(op_case("matmul_1x5_5x3", "matmul", tf.matmul, [normal((1, 5)), normal((5, 3))]))
    cases.append(op_case("transpose_2x3", "transpose", tf.transpose, [normal((2, 3))]))

    for op, fn in (("sum", tf.reduce_sum), ("mean", tf.reduce_mean)):
        for tag, args in (("axis0", {"axes": [0]}),
                          ("axes12", {"axes": [1, 2]}),
                          ("axis2_keepdims", {"axes": [2], "keepdims": True}),
                          ("all", {"axes": None})):
            f = (lambda x, a=args, fn=fn: fn(x, axis=a["axes"], keepdims=a.get("keepdims", False)))
            cases.append(op_case(f"{op}_2x3x4_{tag}", op, f, [normal((2, 3, 4))], args))

    cases.append(op_case("exp_2x3", "exp", tf.exp, [normal((2, 3))]))
    cases.append(op_case("log_2x3", "log", tf.math.log, [rng.uniform(0.1, 5.0, (2, 3)).astype(F32)]))
    cases.append(op_case("tanh_2x3", "tanh", tf.tanh, [normal((2, 3), 2.0)]))
    cases.append(op_case("sigmoid_2x3", "sigmoid", tf.sigmoid, [normal((2, 3), 2.0)]))
    a = normal((2, 3))
    b = (a + away_from_zero((2, 3), 0.1, 1.0)).astype(F32)  # no ties with a
    cases.append(op_case("maximum_2x3", "maximum", tf.maximum, [a, b]))
    cases.append(op_case("neg_2x3", "neg", tf.negative, [normal((2, 3))]))

    for name in ACTIVATIONS:
        fn = getattr(keras.activations, name)
        x = normal((3, 4), 2.0)
        x[np.abs(x) < 1e-3] = 0.5  # keep clear of the kink at 0
        cases.append(op_case(f"activation_{name}_ordinary", "activation", fn, [x], {"name": name}))
        c = op_case(f"activation_{name}_saturating", "activation", fn,
                    [np.array(SATURATING, dtype=F32)], {"name": name})
        if finite(c["output"]["data"], c["grads"][0]["data"]):
            if name in SATURATING_NOTES:
                c["note"] = SATURATING_NOTES[name]
            cases.append(c)
        else:
            dropped.append(c["name"])
    return {"tf_version": tf.__version__, "keras_version": keras.__version__,
            "cases": cases}, dropped


# ---------------------------------------------------------------- networks

def notebook_data(n, three_targets=False):
    """The course's data: x1~U(-pi,pi), x2~U(0,1), y = (sin x1, cos x1) + x2 + e."""
    x1 = rng.uniform(-math.pi, math.pi, n)
    x2 = rng.uniform(0.0, 1.0, n)
    y1 = np.sin(x1) + x2 + rng.normal(0, 0.05, n)
    y2 = np.cos(x1) + x2 + rng.normal(0, 0.05, n)
    cols = [y1, y2] + ([x1 * x2] if three_targets else [])
    return np.stack([x1, x2], 1).astype(F32), np.stack(cols, 1).astype(F32)


def build(inputs, layer_specs):
    """layer_specs: [(units, activation, kernel, bias)] -> keras.Sequential with those weights."""
    model = keras.Sequential([keras.Input(shape=(inputs,))] +
                             [keras.layers.Dense(u, activation=a) for u, a, _, _ in layer_specs])
    for layer, (_, _, k, b) in zip(model.layers, layer_specs):
        layer.set_weights([k, b])
    return model


def draw_specs(sizes, activations, init):
    specs = []
    for fan_in, units, act in zip(sizes[:-1], sizes[1:], activations):
        if init == "uniform":
            k = rng.uniform(-1.0, 1.0, (fan_in, units))
        else:  # Glorot normal (untruncated): std = sqrt(2 / (fan_in + fan_out))
            k = rng.normal(0.0, math.sqrt(2.0 / (fan_in + units)), (fan_in, units))
        b = rng.uniform(-0.5, 0.5, units)
        specs.append((units, act, k.astype(F32), b.astype(F32)))
    return specs


def net_case(name, sizes, activations, init, three_targets=False, n=8):
    x, y = notebook_data(n, three_targets)
    # Redraw the weights while some layer's kernel gradient is all zero (a
    # fully dead ReLU net tests nothing); the number of redraws goes in "note".
    for redraws in range(100):
        specs = draw_specs(sizes, activations, init)
        model = build(sizes[0], specs)
        with tf.GradientTape() as tape:
            loss = keras.losses.MeanSquaredError()(y, model(x))
        kernels = tape.gradient(loss, model.trainable_variables)[0::2]
        if all(np.any(g.numpy() != 0) for g in kernels):
            break
    mse = keras.losses.MeanSquaredError()
    mse_none = keras.losses.MeanSquaredError(reduction=None)
    weights = model.trainable_variables  # kernel0, bias0, kernel1, bias1, ...

    pred = model(x)
    per_example_loss = mse_none(y, pred)
    with tf.GradientTape() as tape:
        loss = mse(y, model(x))
    batch = tape.gradient(loss, weights)

    per_example = [[] for _ in weights]
    for i in range(n):  # like the course helper: one tape per example
        with tf.GradientTape() as tape:
            li = mse(y[i:i + 1], model(x[i:i + 1]))
        for slot, g in zip(per_example, tape.gradient(li, weights)):
            slot.append(g.numpy())
    per_example = [np.stack(s) for s in per_example]

    layers = [{"units": u, "activation": a, "kernel": enc(k), "bias": enc(b)}
              for u, a, k, b in specs]
    note = {"note": f"weights redrawn {redraws} time(s): earlier draws had a layer with "
                    "an all-zero kernel gradient (dead ReLU units)"} if redraws else {}
    return {
        "name": name, **note, "inputs": sizes[0], "layers": layers,
        "x": enc(x), "y": enc(y), "predictions": enc(pred),
        "per_example_loss": enc(per_example_loss), "loss": enc(loss),
        "per_example_grads": [{"kernel": enc(per_example[2 * l]), "bias": enc(per_example[2 * l + 1])}
                              for l in range(len(specs))],
        "batch_grads": [{"kernel": enc(batch[2 * l]), "bias": enc(batch[2 * l + 1])}
                        for l in range(len(specs))],
    }


def make_networks():
    cases = [net_case(f"notebook_2-2-2-2-2_{a}_uniform", [2, 2, 2, 2, 2], [a, a, a, "linear"], "uniform")
             for a in ACTIVATIONS]
    cases.append(net_case("tanh_2-4-3-2_glorot", [2, 4, 3, 2], ["tanh", "tanh", "linear"], "glorot"))
    cases.append(net_case("relu_2-5-3_glorot", [2, 5, 3], ["relu", "linear"], "glorot", three_targets=True))
    return {"tf_version": tf.__version__, "keras_version": keras.__version__, "cases": cases}


# ---------------------------------------------------------- classification

def ce_case(name, sizes, activations, n, crng, logit_peak=None):
    """A network trained with CategoricalCrossentropy(from_logits=True) on one-hot targets.
    With logit_peak, the last layer is scaled so the largest |logit| is exactly that."""
    # Inputs on [-2, 2] keep the hidden units off their flat tails, where float32 TF rounds
    # tanh to +-1 and its derivative to 0 (an activation matter that ops.json covers).
    x = crng.uniform(-2.0, 2.0, (n, sizes[0])).astype(F32)
    classes = sizes[-1]
    y = np.eye(classes, dtype=F32)[crng.integers(0, classes, n)]
    specs = []
    for fan_in, units, act in zip(sizes[:-1], sizes[1:], activations):
        k = crng.normal(0.0, math.sqrt(2.0 / (fan_in + units)), (fan_in, units)).astype(F32)
        b = crng.uniform(-0.5, 0.5, units).astype(F32)
        specs.append((units, act, k, b))
    if logit_peak is not None:
        peak = float(np.max(np.abs(build(sizes[0], specs)(x).numpy())))
        units, act, k, b = specs[-1]
        specs[-1] = (units, act, (k * (logit_peak / peak)).astype(F32), (b * (logit_peak / peak)).astype(F32))
    model = build(sizes[0], specs)
    cce = keras.losses.CategoricalCrossentropy(from_logits=True)
    cce_none = keras.losses.CategoricalCrossentropy(from_logits=True, reduction=None)
    weights = model.trainable_variables
    pred = model(x)
    with tf.GradientTape() as tape:
        loss = cce(y, model(x))
    batch = tape.gradient(loss, weights)
    per_example = [[] for _ in weights]
    for i in range(n):  # one tape per example, as for networks.json
        with tf.GradientTape() as tape:
            li = cce(y[i:i + 1], model(x[i:i + 1]))
        for slot, g in zip(per_example, tape.gradient(li, weights)):
            slot.append(g.numpy())
    per_example = [np.stack(s) for s in per_example]
    return {
        "name": name, "loss_name": "categorical_crossentropy", "inputs": sizes[0],
        "layers": [{"units": u, "activation": a, "kernel": enc(k), "bias": enc(b)} for u, a, k, b in specs],
        "x": enc(x), "y": enc(y), "predictions": enc(pred),
        "per_example_loss": enc(cce_none(y, pred)), "loss": enc(loss),
        "per_example_grads": [{"kernel": enc(per_example[2 * l]), "bias": enc(per_example[2 * l + 1])}
                              for l in range(len(specs))],
        "batch_grads": [{"kernel": enc(batch[2 * l]), "bias": enc(batch[2 * l + 1])}
                        for l in range(len(specs))],
    }


def make_classification():
    crng = np.random.default_rng(20261201)
    cases = [
        ce_case("notebook_2-2-2-2-2_sigmoid_two_classes", [2, 2, 2, 2, 2], ["sigmoid"] * 3 + ["linear"], 8, crng),
        ce_case("tanh_2-4-3_three_classes", [2, 4, 3], ["tanh", "linear"], 8, crng),
        ce_case("relu_2-5-2_logits_50", [2, 5, 2], ["relu", "linear"], 8, crng, logit_peak=50.0),
        ce_case("tanh_2-3-4_logits_50", [2, 3, 4], ["tanh", "linear"], 8, crng, logit_peak=50.0),
    ]
    return {"tf_version": tf.__version__, "keras_version": keras.__version__, "cases": cases}


# -------------------------------------------------------------- optimizers

def opt_case(name, kind, config, steps=4):
    initial = normal((3, 2))
    grads = [normal((3, 2)) for _ in range(steps)]
    var = tf.Variable(initial, dtype=tf.float32)
    opt = (keras.optimizers.SGD if kind == "sgd" else keras.optimizers.Adam)(**config)
    after = []
    for g in grads:
        opt.apply_gradients([(tf.constant(g), var)])
        after.append(enc(var))
    return {"name": name, "optimizer": kind, "config": config, "initial": enc(initial),
            "grads": [enc(g) for g in grads], "after": after}


def make_optimizers():
    adam_defaults = {"beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7}
    cases = [
        opt_case("sgd_lr0.1", "sgd", {"learning_rate": 0.1, "momentum": 0.0, "nesterov": False}),
        opt_case("sgd_lr0.1_momentum0.9", "sgd", {"learning_rate": 0.1, "momentum": 0.9, "nesterov": False}),
        opt_case("sgd_lr0.05_momentum0.9_nesterov", "sgd",
                 {"learning_rate": 0.05, "momentum": 0.9, "nesterov": True}),
        opt_case("adam_defaults", "adam", {"learning_rate": 0.001, **adam_defaults}),
        opt_case("adam_lr0.1", "adam", {"learning_rate": 0.1, **adam_defaults}),
    ]
    return {"tf_version": tf.__version__, "keras_version": keras.__version__, "cases": cases}


# ----------------------------------------------------------------- summary

def make_summary():
    """model.summary() of the notebook's build_model(sigmoid), fresh Keras session."""
    keras.backend.clear_session()  # so the layers are named dense, dense_1, ...
    init = tf.random_uniform_initializer(minval=-1, maxval=1, seed=100)
    model = keras.Sequential([keras.Input(shape=(2,))] +
                             [keras.layers.Dense(2, activation="sigmoid", kernel_initializer=init)
                              for _ in range(3)] +
                             [keras.layers.Dense(2, kernel_initializer=init)])
    # Keras sizes the table from the terminal width; fix it at 80 columns, the
    # fallback a notebook or a pipe gets, so the text is what the course shows.
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "80"
    buf = io.StringIO()
    try:
        with redirect_stdout(buf):
            model.summary()
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved
    return buf.getvalue()


def write_json(name, obj):
    path = OUT / name
    path.write_text(json.dumps(obj, separators=(",", ":")) + "\n")
    print(f"wrote {path} ({path.stat().st_size} bytes)")


def main():
    keras.config.set_floatx("float32")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "summary.txt").write_text(make_summary())
    print(f"wrote {OUT / 'summary.txt'}")
    ops, dropped = make_ops()
    write_json("ops.json", ops)
    if dropped:
        print("dropped (TF gave NaN/Inf):", ", ".join(dropped))
    write_json("networks.json", make_networks())
    write_json("optimizers.json", make_optimizers())
    write_json("random.json", make_random())
    write_json("classification.json", make_classification())


if __name__ == "__main__":
    sys.exit(main())
