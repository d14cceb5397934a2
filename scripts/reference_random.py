"""TensorFlow's stateless random draws and Keras' seeded initializers, for
Tests/Reference/random.json (called by make_reference.py; see its header).

What is recorded, for the seeds 0, 1, 100 and 2^31-1:
  philox   the key and counter tf.random.stateless_* start from for the seed
           pair [seed, 0] on CPU, and the raw Philox words
           (stateless_uniform with dtype uint32)
  draws    stateless_uniform, stateless_normal and stateless_truncated_normal
           (float32, seed [seed, 0]) for shapes 1x1 ... 300x300
  kernels  every random initializer as the notebook builds it:
           tf.random_uniform_initializer(-1, 1, seed) and the Keras 3 classes
           (GlorotNormal(seed=S), ...), for the same shapes and the layer
           shapes of the models below
  models   Keras Sequential models whose Dense layers share ONE initializer
           instance, as the notebook's build_model: each layer's kernel

An array is {"shape", "fnv1a64": FNV-1a 64 of its little-endian float32 (or
uint32) bytes, "bits": those bytes in base64 (arrays of up to 4096 values),
"head": the first 256 values' bytes in base64 (larger arrays)}.
"""
import base64

import numpy as np
import tensorflow as tf
import keras

SEEDS = [0, 1, 100, 2**31 - 1]
SHAPES = [(1, 1), (2, 2), (2, 7), (7, 2), (16, 16), (300, 300)]
LAYER_SHAPES = [(2, 32), (32, 32), (32, 2), (2, 64), (64, 64), (64, 2)]
MODELS = {"2-(2,2,2)-2": [2, 2, 2], "2-(64,64)-2": [64, 64], "2-(32x6)-2": [32] * 6}
FULL_LIMIT = 4096
HEAD = 256

INITIALIZERS = {
    "random_uniform": lambda s: tf.random_uniform_initializer(minval=-1.0, maxval=1.0, seed=s),
    "glorot_normal": lambda s: keras.initializers.GlorotNormal(seed=s),
    "glorot_uniform": lambda s: keras.initializers.GlorotUniform(seed=s),
    "he_normal": lambda s: keras.initializers.HeNormal(seed=s),
    "he_uniform": lambda s: keras.initializers.HeUniform(seed=s),
    "lecun_normal": lambda s: keras.initializers.LecunNormal(seed=s),
    "lecun_uniform": lambda s: keras.initializers.LecunUniform(seed=s),
}


def fnv1a64(data):
    h = 0xCBF29CE484222325
    for byte in data:
        h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def array(values):
    values = np.asarray(values)
    raw = values.astype(values.dtype.newbyteorder("<")).tobytes()
    entry = {"shape": list(values.shape), "fnv1a64": fnv1a64(raw)}
    if values.size <= FULL_LIMIT:
        entry["bits"] = base64.b64encode(raw).decode()
    else:
        entry["head"] = base64.b64encode(raw[:4 * HEAD]).decode()
    return entry


def philox_case(seed):
    pair = tf.constant([seed, 0], tf.int32)
    key, counter = tf.raw_ops.StatelessRandomGetKeyCounter(seed=pair)
    words = tf.random.stateless_uniform([4096], seed=pair, minval=None, maxval=None, dtype=tf.uint32)
    k = int(key.numpy()[0])
    c = [int(x) for x in counter.numpy()]
    return {"seed": seed,
            "key": [k & 0xFFFFFFFF, k >> 32],
            "counter": [c[0] & 0xFFFFFFFF, c[0] >> 32, c[1] & 0xFFFFFFFF, c[1] >> 32],
            "words": array(words.numpy())}


def draw_cases(seed):
    pair = tf.constant([seed, 0], tf.int32)
    ops = {"uniform": tf.random.stateless_uniform,
           "normal": tf.random.stateless_normal,
           "truncated_normal": tf.random.stateless_truncated_normal}
    return [{"seed": seed, "distribution": name, "values": array(op(list(shape), seed=pair).numpy())}
            for name, op in ops.items() for shape in SHAPES]


def kernel_cases(seed):
    return [{"seed": seed, "initializer": name,
             "values": array(np.asarray(make(seed)(shape=shape, dtype="float32")))}
            for name, make in INITIALIZERS.items() for shape in SHAPES + LAYER_SHAPES]


def model_cases(seed):
    cases = []
    for name, make in INITIALIZERS.items():
        for model_name, hidden in MODELS.items():
            init = make(seed)  # one instance for every layer, as build_model
            layers = [keras.layers.Dense(u, activation="sigmoid", kernel_initializer=init) for u in hidden]
            model = keras.Sequential([keras.Input((2,))] + layers + [keras.layers.Dense(2, kernel_initializer=init)])
            kernels = [{"shape": list(w.shape), "fnv1a64": array(w)["fnv1a64"]}
                       for w in model.get_weights()[0::2]]
            assert all(not b.any() for b in model.get_weights()[1::2]), "biases start at zero"
            cases.append({"seed": seed, "initializer": name, "model": model_name,
                          "hidden": hidden, "kernels": kernels})
    return cases


def make_random():
    return {"seeds": SEEDS,
            "philox": [philox_case(s) for s in SEEDS],
            "draws": [c for s in SEEDS for c in draw_cases(s)],
            "kernels": [c for s in SEEDS for c in kernel_cases(s)],
            "models": [c for s in SEEDS for c in model_cases(s)]}
