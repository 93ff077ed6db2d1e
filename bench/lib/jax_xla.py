"""JAX (XLA CPU) column of the numjit bench: one workload function, jitted, timed in this process.

Called by lib/impls.mjs as `python3 jax_xla.py '<json>'` with
  {"fn": name, "inputs": [{"file", "shape", "dtype"}], "outFile", "samples", "warm"}.
Writes the outputs (float32, flattened and concatenated) to outFile and prints {"times": [ns per call, ...], "version"}.
"""
import json
import sys
import time

import jax
import jax.numpy as jnp
import numpy as np

jax.config.update("jax_platforms", "cpu")


def chain(x, y):
    return jnp.tanh(x * 1.5 + 0.3) * y + 1


def softmax(x):
    return jax.nn.softmax(x, axis=-1)


def matmul(a, b):
    return a @ b


def mlp_step(w1, b1, w2, b2, x, y):
    """y one-hot; returns (loss, new params...) of one SGD step, lr 0.1."""

    def loss(p):
        h = jax.nn.relu(x @ p[0] + p[1])
        logits = h @ p[2] + p[3]
        return -jnp.mean(jnp.sum(y * jax.nn.log_softmax(logits), -1))

    p = (w1, b1, w2, b2)
    val, g = jax.value_and_grad(loss)(p)
    return (val,) + tuple(a - 0.1 * b for a, b in zip(p, g))


FNS = {"chain": chain, "softmax": softmax, "matmul": matmul, "mlp_step": mlp_step}


def main():
    spec = json.loads(sys.argv[1])
    args = [jnp.asarray(np.fromfile(i["file"], dtype=i.get("dtype", "float32")).reshape(i["shape"])) for i in spec["inputs"]]
    fn = jax.jit(FNS[spec["fn"]])
    out = None
    for _ in range(spec["warm"]):
        out = jax.block_until_ready(fn(*args))
    times = []
    for _ in range(spec["samples"]):
        t0 = time.perf_counter_ns()
        jax.block_until_ready(fn(*args))
        times.append(time.perf_counter_ns() - t0)
    outs = out if isinstance(out, tuple) else (out,)
    np.concatenate([np.asarray(o, dtype=np.float32).ravel() for o in outs]).tofile(spec["outFile"])
    print(json.dumps({"times": times, "version": jax.__version__}))


if __name__ == "__main__":
    main()
