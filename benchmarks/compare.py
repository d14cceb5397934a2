#!/usr/bin/env python3
"""Runs gradtop's tiny and wide jobs in PyTorch and JAX and prints them beside `gradtop bench --json`.

Usage (from the repository root):  python3 benchmarks/compare.py [--gradtop-json FILE] [--samples N]

Creates .venv-bench/ (gitignored) on first use and installs torch, jax and numpy from PyPI
into it, then re-runs itself inside. Builds gradtop in release mode unless --gradtop-json
gives a saved `gradtop bench --json` output. Not run by CI: it downloads gigabytes.

Jobs (the same as `gradtop bench`):
  tiny  2-(2,2,2)-2 sigmoid, 100 examples: forward, per-example gradients of every
        parameter (vmap(grad) in both frameworks), SGD update with their mean.
  wide  2-(256x8)-2 tanh, batch 256: forward, backward, SGD update.
Timing: warm up, then `samples` samples of repeated steps; median, min and max per step.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".venv-bench")
PACKAGES = ["torch", "jax", "numpy"]


def ensure_venv():
    """Re-executes this script inside .venv-bench, creating it and installing packages if needed."""
    python = os.path.join(VENV, "bin", "python")
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        return
    if not os.path.exists(python):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
        subprocess.check_call([python, "-m", "pip", "install", "--upgrade", "pip"])
        subprocess.check_call([python, "-m", "pip", "install", *PACKAGES])
    os.execv(python, [python, *sys.argv])


def spread(seconds, scale):
    values = sorted(s * scale for s in seconds)
    return {"median": statistics.median(values), "min": values[0], "max": values[-1]}


def time_step(step, samples, warmup_seconds=0.5, sample_seconds=0.1):
    """Seconds per call of `step` (which must block until its result is ready), per sample."""
    start = time.perf_counter()
    while time.perf_counter() - start < warmup_seconds:
        step()
    results = []
    for _ in range(samples):
        calls, start = 0, time.perf_counter()
        while True:
            step()
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= sample_seconds:
                break
        results.append(elapsed / calls)
    return results


def data(examples, seed=0):
    import numpy as np
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, size=(examples, 2)).astype(np.float32)
    y = np.stack([np.sin(3 * x[:, 0]), np.cos(3 * x[:, 1])], axis=1).astype(np.float32)
    return x, y


def widths(job):
    return [2, 2, 2, 2, 2] if job == "tiny" else [2] + [256] * 8 + [2]


# MARK: - PyTorch

def torch_jobs(samples):
    import torch
    from torch.func import functional_call, grad, vmap
    torch.set_num_threads(os.cpu_count())
    torch.manual_seed(0)
    out = {}
    for job, activation, batch in [("tiny", torch.nn.Sigmoid, 100), ("wide", torch.nn.Tanh, 256)]:
        sizes = widths(job)
        layers = []
        for i in range(len(sizes) - 1):
            layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
            if i < len(sizes) - 2:
                layers.append(activation())
        model = torch.nn.Sequential(*layers)
        x, y = (torch.from_numpy(a) for a in data(batch))
        lr = 0.01
        if job == "tiny":
            params = {k: v.detach() for k, v in model.named_parameters()}

            def example_loss(p, xi, yi):
                pred = functional_call(model, p, (xi.unsqueeze(0),))
                return ((pred - yi.unsqueeze(0)) ** 2).mean()

            per_example = vmap(grad(example_loss), in_dims=(None, 0, 0))

            def step():
                grads = per_example(params, x, y)
                for k in params:
                    params[k] = params[k] - lr * grads[k].mean(0)
        else:
            optimizer = torch.optim.SGD(model.parameters(), lr=lr)

            def step():
                optimizer.zero_grad(set_to_none=True)
                loss = ((model(x) - y) ** 2).mean()
                loss.backward()
                optimizer.step()
        out[job] = time_step(step, samples)
    return out, torch.__version__


# MARK: - JAX

def jax_jobs(samples):
    import jax
    import jax.numpy as jnp
    out = {}
    for job, activation, batch in [("tiny", jax.nn.sigmoid, 100), ("wide", jnp.tanh, 256)]:
        sizes = widths(job)
        key = jax.random.PRNGKey(0)
        params = []
        for i in range(len(sizes) - 1):
            key, sub = jax.random.split(key)
            limit = (6 / (sizes[i] + sizes[i + 1])) ** 0.5
            params.append((jax.random.uniform(sub, (sizes[i], sizes[i + 1]), minval=-limit, maxval=limit),
                           jnp.zeros(sizes[i + 1])))
        x, y = (jnp.asarray(a) for a in data(batch))
        lr = 0.01

        def forward(p, inputs):
            h = inputs
            for i, (w, b) in enumerate(p):
                h = h @ w + b
                if i < len(p) - 1:
                    h = activation(h)
            return h

        def loss(p, inputs, targets):
            return jnp.mean((forward(p, inputs) - targets) ** 2)

        if job == "tiny":
            def example_loss(p, xi, yi):
                return loss(p, xi[None, :], yi[None, :])

            @jax.jit
            def update(p, inputs, targets):
                grads = jax.vmap(jax.grad(example_loss), in_axes=(None, 0, 0))(p, inputs, targets)
                return jax.tree_util.tree_map(lambda w, g: w - lr * g.mean(0), p, grads)
        else:
            @jax.jit
            def update(p, inputs, targets):
                grads = jax.grad(loss)(p, inputs, targets)
                return jax.tree_util.tree_map(lambda w, g: w - lr * g, p, grads)

        state = [params]

        def step():
            state[0] = update(state[0], x, y)
            jax.block_until_ready(state[0])
        out[job] = time_step(step, samples)
    return out, jax.__version__


# MARK: - gradtop and the table

def gradtop_results(saved):
    if saved:
        with open(saved) as f:
            return json.load(f)
    subprocess.check_call(["swift", "build", "-c", "release", "--product", "gradtop"], cwd=ROOT)
    text = subprocess.check_output([os.path.join(ROOT, ".build", "release", "gradtop"), "bench", "--json"], cwd=ROOT)
    return json.loads(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gradtop-json", help="saved `gradtop bench --json` output (default: build and run)")
    parser.add_argument("--samples", type=int, default=15)
    args = parser.parse_args()
    ensure_venv()
    ours = gradtop_results(args.gradtop_json)
    torch_times, torch_version = torch_jobs(args.samples)
    jax_times, jax_version = jax_jobs(args.samples)

    rows = [("gradtop", {"tiny": ours["tiny"]["us_per_step"],
                         "wide": {k: v * 1000 for k, v in ours["wide"]["ms_per_step"].items()}})]
    rows.append((f"PyTorch {torch_version} (vmap(grad) / eager)",
                 {"tiny": spread(torch_times["tiny"], 1e6), "wide": spread(torch_times["wide"], 1e6)}))
    rows.append((f"JAX {jax_version} (jit, vmap(grad))",
                 {"tiny": spread(jax_times["tiny"], 1e6), "wide": spread(jax_times["wide"], 1e6)}))

    machine = ours["machine"]
    print(f"machine: {machine['cpu']}, {machine['cores']} cores; gradtop {machine['build']} build, {machine['threads']} threads")
    print("median per step (min-max), microseconds\n")
    print("| framework | tiny (us) | wide (us) | wide GFLOP/s |")
    print("|---|---|---|---|")
    flop = ours["wide"]["gflop_per_step"]
    for name, r in rows:
        t, w = r["tiny"], r["wide"]
        print(f"| {name} | {t['median']:.1f} ({t['min']:.1f}-{t['max']:.1f}) "
              f"| {w['median']:.0f} ({w['min']:.0f}-{w['max']:.0f}) | {flop / (w['median'] * 1e-6):.1f} |")


if __name__ == "__main__":
    main()
