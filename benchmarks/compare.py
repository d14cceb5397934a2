#!/usr/bin/env python3
"""Runs gradtop's jobs beside JAX, numpy's sgemm and (if installed) PyTorch, in turns, and prints medians and ratios.

Usage (from the repository root):
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 benchmarks/compare.py [--venv DIR] [--rounds N]

Creates the venv (default .venv-bench/, gitignored; --venv puts it elsewhere) on first use and
installs jax, numpy and threadpoolctl from PyPI into it (torch too with --torch), then re-runs
itself inside. Builds gradtop in release mode unless --gradtop BINARY names one. Not run by CI.

The machine may be shared: each round runs `gradtop bench --json` (all cores and --threads 1),
then every peer job, so a slow spell falls on both sides; the table gives the median over rounds
of each side's median, and the median over rounds of the ratio within a round. /proc/loadavg is
printed before and after. OPENBLAS_CORETYPE (set on some machines for old OpenBLAS builds) pins
numpy to a slower kernel: unset it for this command only, as above; the kernel numpy ran
(threadpoolctl) is printed.

Jobs (the same as `gradtop bench`):
  tiny  2-(2,2,2)-2 sigmoid, 100 examples: forward, per-example gradients of every
        parameter (vmap(grad)), SGD update with their mean.
  wide  2-(256x8)-2 tanh, batch 256: forward, backward, SGD update.
  gemm  1024 x 1024 x 1024 float32 product (numpy: OpenBLAS sgemm), all cores and 1 thread.
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
PACKAGES = ["jax", "numpy", "threadpoolctl"]


def ensure_venv(venv, torch):
    """Re-executes this script inside `venv`, creating it and installing packages if needed."""
    python = os.path.join(venv, "bin", "python")
    if os.path.realpath(sys.prefix) == os.path.realpath(venv):
        return
    if not os.path.exists(python):
        subprocess.check_call([sys.executable, "-m", "venv", venv])
        subprocess.check_call([python, "-m", "pip", "install", *PACKAGES, *(["torch"] if torch else [])])
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
    """PyTorch's tiny and wide steps, or None when torch is not installed."""
    try:
        import torch
    except ImportError:
        return None
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
    return out, f"PyTorch {torch.__version__} (vmap(grad) / eager)"


# MARK: - JAX

def jax_steps():
    """JAX's tiny and wide steps, compiled once (the first call), to be timed in every round."""
    import jax
    import jax.numpy as jnp
    steps = {}
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

        def step(update=update, state=state, x=x, y=y):
            state[0] = update(state[0], x, y)
            jax.block_until_ready(state[0])
        steps[job] = step
    return steps, f"JAX {jax.__version__} (jit, vmap(grad))"


# MARK: - numpy sgemm

def numpy_gemm(n=1024):
    """numpy's float32 n³ product on all cores and on one thread, and the BLAS kernel it runs."""
    import numpy as np
    from threadpoolctl import threadpool_info, threadpool_limits
    rng = np.random.default_rng(1)
    a = rng.uniform(-1, 1, (n, n)).astype(np.float32)
    b = rng.uniform(-1, 1, (n, n)).astype(np.float32)
    blas = [f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')}" for i in threadpool_info()
            if i.get("user_api") == "blas"]

    def timed(threads):
        def step():
            with threadpool_limits(limits=threads, user_api="blas"):
                np.matmul(a, b)
        return step
    return {"all": timed(os.cpu_count()), "one": timed(1)}, f"numpy {np.__version__} sgemm ({', '.join(blas) or 'unknown BLAS'})"





# MARK: - gradtop and the table

def gradtop_binary(given):
    if given:
        return given
    subprocess.check_call(["swift", "build", "-c", "release", "--product", "gradtop"], cwd=ROOT)
    return os.path.join(ROOT, ".build", "release", "gradtop")


def gradtop_round(binary):
    """One `gradtop bench --json` on all cores and one with --threads 1."""
    run = lambda *extra: json.loads(subprocess.check_output([binary, "bench", "--json", *extra], cwd=ROOT))
    return run(), run("--threads", "1")


def gradtop_cpu_seconds(binary, case, steps, threads):
    """CPU seconds (user + system, all threads) per step of `gradtop bench --profile-case`, less
    the run with no steps (setup). A loaded machine stretches wall time, hardly CPU time."""
    def run(n):
        process = subprocess.Popen([binary, "bench", "--profile-steps", str(n), "--profile-case", case,
                                    "--threads", str(threads)], cwd=ROOT)
        _, _, usage = os.wait4(process.pid, 0)
        return usage.ru_utime + usage.ru_stime
    return (run(steps) - run(0)) / steps


def cpu_seconds(step, calls):
    """CPU seconds of this process (all threads) per call of `step`, after one warm-up call."""
    step()
    start = time.process_time()
    for _ in range(calls):
        step()
    return (time.process_time() - start) / calls


def cpu_time_table(binary, jax_step, gemm_step, rounds):
    """One-thread jobs by CPU time, in turns: gradtop against JAX (tiny, wide) and numpy (gemm)."""
    flops = 2 * 1024 ** 3
    jobs = [("tiny step", "tiny", 2000, lambda: jax_step["tiny"], 200, "us", 1e6),
            ("wide step", "wide", 20, lambda: jax_step["wide"], 20, "us", 1e6),
            ("gemm 1024^3", "gemm", 10, lambda: gemm_step["one"], 10, "GFLOP per CPU-s", None)]
    print("\nOne thread, CPU time per step (user + system), medians of", rounds, "rounds in turns:\n")
    print("| job | gradtop | peer | gradtop / peer |")
    print("|---|---|---|---|")
    for name, case, steps, peer, calls, unit, scale in jobs:
        mine, theirs = [], []
        for _ in range(rounds):
            mine.append(gradtop_cpu_seconds(binary, case, steps, 1))
            theirs.append(cpu_seconds(peer(), calls))
        convert = (lambda t: t * scale) if scale else (lambda t: flops / t / 1e9)
        ratio = median([convert(m) / convert(t) for m, t in zip(mine, theirs)])
        print(f"| {name} | {median([convert(m) for m in mine]):.1f} {unit} | {median([convert(t) for t in theirs]):.1f} {unit} | {ratio:.2f}x |")


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def median(values):
    return statistics.median(values) if values else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--venv", default=os.path.join(ROOT, ".venv-bench"), help="where the venv lives (default .venv-bench)")
    parser.add_argument("--torch", action="store_true", help="install PyTorch into a new venv too (several GB)")
    parser.add_argument("--gradtop", help="a built gradtop binary (default: swift build -c release)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of gradtop, then every peer (default 5)")
    parser.add_argument("--samples", type=int, default=15)
    parser.add_argument("--cpu-time", action="store_true",
                        help="instead: one-thread CPU time per step, gradtop --threads 1 against JAX and numpy on one thread")
    args = parser.parse_args()
    ensure_venv(os.path.abspath(args.venv), args.torch)
    binary = gradtop_binary(args.gradtop)
    if args.cpu_time:
        # Before JAX starts: XLA's thread pool spins, which CPU time would count.
        os.environ["XLA_FLAGS"] = "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"
    jax_step, jax_name = jax_steps()
    gemm_step, gemm_name = numpy_gemm()
    load_before = loadavg()
    if args.cpu_time:
        print(f"peers: {jax_name}; {gemm_name}; OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}")
        cpu_time_table(binary, jax_step, gemm_step, args.rounds)
        print(f"load average (1, 5, 15 min): {load_before} before, {loadavg()} after")
        return

    # Per round: each side's median in microseconds (gemm: GFLOP/s).
    ours, peers = [], []
    for _ in range(args.rounds):
        everything, one = gradtop_round(binary)
        ours.append({"tiny": everything["tiny"]["us_per_step"]["median"],
                     "wide": everything["wide"]["ms_per_step"]["median"] * 1e3,
                     "gemm": everything["gemm"]["n1024"]["gflops"]["median"],
                     "gemm1": one["gemm"]["n1024"]["gflops"]["median"],
                     "big": everything["big"]["ms_per_step"]["median"] * 1e3})
        flops = 2 * 1024 ** 3
        peers.append({"jax tiny": median(time_step(jax_step["tiny"], args.samples)) * 1e6,
                      "jax wide": median(time_step(jax_step["wide"], args.samples)) * 1e6,
                      "numpy gemm": flops / median(time_step(gemm_step["all"], args.samples)) / 1e9,
                      "numpy gemm1": flops / median(time_step(gemm_step["one"], args.samples)) / 1e9})
    torch_times = torch_jobs(args.samples)
    machine = everything["machine"]
    print(f"machine: {machine['cpu']}, {machine['cores']} cores; gradtop {machine['build']} build, "
          f"{machine['kernels']} kernels; {args.rounds} rounds")
    print(f"load average (1, 5, 15 min): {load_before} before, {loadavg()} after")
    print(f"peers: {jax_name}; {gemm_name}; OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}\n")

    def row(job, ours_key, peer_key, unit):
        mine = [r[ours_key] for r in ours]
        theirs = [p[peer_key] for p in peers]
        ratios = [m / t for m, t in zip(mine, theirs)]
        print(f"| {job} | {median(mine):.1f} {unit} | {median(theirs):.1f} {unit} ({peer_key}) | "
              f"{median(ratios):.2f}x ({min(ratios):.2f}-{max(ratios):.2f}) |")

    # Times: below 1 means gradtop is faster; GFLOP/s: above 1 means gradtop is faster.
    print("| job | gradtop (median of rounds) | peer, same rounds | gradtop / peer (median of rounds, range) |")
    print("|---|---|---|---|")
    row("tiny step", "tiny", "jax tiny", "us")
    row("wide step", "wide", "jax wide", "us")
    row("gemm 1024^3, all cores", "gemm", "numpy gemm", "GFLOP/s")
    row("gemm 1024^3, 1 thread", "gemm1", "numpy gemm1", "GFLOP/s")
    print(f"| big step 2-(256x10)-2 | {median([r['big'] for r in ours]) / 1e3:.2f} ms | - | - |")
    if torch_times:
        times, name = torch_times
        print(f"| {name}: tiny / wide | {median(times['tiny']) * 1e6:.1f} / {median(times['wide']) * 1e6:.0f} us | | |")


if __name__ == "__main__":
    main()
