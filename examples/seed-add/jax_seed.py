"""The seed's experiment in JAX itself: the blog's loop, `add` eager vs `jax.jit(add)`.

Run by `npm start` (examples/seed-add/main.mjs) when `python3 -c "import jax"` works; prints JSON rows
{"n", "ms", "mode"} (median of the repeats, like the numjit columns) so the two can share one plot.
Usage: python3 jax_seed.py [--size N] [--repeats R] [--ns 10,100,...]
"""
import argparse
import json
import time

import jax
import jax.numpy as jnp


def add(a, b):
    return a + b


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--size", type=int, default=1)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--ns", default="10,100,500,1000,5000,10000")
    args = p.parse_args()
    ns = [int(x) for x in args.ns.split(",")]

    a = jnp.arange(args.size, dtype=jnp.float32)
    b = jnp.ones((args.size,), dtype=jnp.float32)
    modes = {"JAX add": add, "JAX jax.jit(add)": jax.jit(add)}

    def loop(f, n):
        out = None
        for _ in range(n):
            out = f(a, b)
        out.block_until_ready()  # JAX dispatches asynchronously: time the work, not just the dispatch

    for f in modes.values():  # warm up: compile the jitted add, warm the op-by-op dispatch caches
        loop(f, 1000)
    rows = []
    for n in ns:
        times = {m: [] for m in modes}
        for _ in range(args.repeats):  # interleaved like the numjit columns
            for m, f in modes.items():
                t0 = time.perf_counter()
                loop(f, n)
                times[m].append((time.perf_counter() - t0) * 1e3)
        for m, ts in times.items():
            rows.append({"n": n, "ms": sorted(ts)[len(ts) // 2], "mode": m})
    print(json.dumps({"jax": jax.__version__, "backend": jax.default_backend(), "rows": rows}))


if __name__ == "__main__":
    main()
