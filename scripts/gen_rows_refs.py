#!/usr/bin/env python3
"""NumPy references for the fused row kernels (softmax, log_softmax, logsumexp over the last axis) and the
float32 log polynomial.

Writes test/jit/refs/rows.json (committed; CI needs no Python). Deterministic. Row ops are computed in
float64 from the float32 inputs with JAX's formulas (max shift; logsumexp shifts by the max only where it
is finite), so NaN / +-Inf rows follow JAX. Non-finite values are encoded as "NaN", "Infinity", "-Infinity".
"""

import json
import math
import pathlib
import numpy as np

root = pathlib.Path(__file__).resolve().parent.parent
rng = np.random.default_rng(12)


def enc(a):
    """float32 inputs print exactly in 9 significant digits; float64 references keep 12 (tests compare to 2e-6)."""
    digits = 9 if np.asarray(a).dtype == np.float32 else 12

    def one(v):
        v = float(v)
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return float(f"{v:.{digits}g}")

    return [one(v) for v in np.asarray(a).ravel()]


def row_ops(x32):
    x = x32.astype(np.float64)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=-1, keepdims=True)
        e = np.exp(x - m)
        softmax = e / np.sum(e, axis=-1, keepdims=True)
        sh = x - m
        log_softmax = sh - np.log(np.sum(np.exp(sh), axis=-1, keepdims=True))
        ms = np.where(np.isfinite(m), m, 0.0)
        logsumexp = (np.log(np.sum(np.exp(x - ms), axis=-1, keepdims=True)) + ms)[..., 0]
    return {"softmax": enc(softmax), "log_softmax": enc(log_softmax), "logsumexp": enc(logsumexp)}


cases = []
for rows, n in [(4, 1), (4, 3), (5, 4), (3, 5), (3, 1027)]:
    x = (rng.standard_normal((rows, n)) * 3).astype(np.float32)
    cases.append({"name": f"[{rows}, {n}]", "shape": [rows, n], "x": enc(x), **row_ops(x)})

inf, nan = np.inf, np.nan
special = np.array(
    [
        [1, -inf, 2, -inf, 0.5, 3, -1],
        [-inf] * 7,
        [0, 1, nan, 2, 3, 4, 5],
        [inf, 1, 2, 3, 4, 5, 6],
        [inf, 1, nan, 3, -inf, 5, 6],
        [-200, 0, -90, -87.5, 88, -103, 1],
        [3e38, -3e38, 0, 1, 2, 3e38, -1],
    ],
    dtype=np.float32,
)
cases.append({"name": "NaN, +-Inf, -Inf rows, extremes", "shape": list(special.shape), "x": enc(special), **row_ops(special)})
# the same rows 35 long, each rotated by its index: the specials land in the kernels' four-vector groups
# (the wasm exp loop takes 4 vectors at a time, 8 whole vectors and a partial one here)
long = np.stack([np.roll(np.tile(row, 5), i) for i, row in enumerate(special)])
cases.append({"name": "NaN, +-Inf, -Inf rows, extremes [7, 35]", "shape": list(long.shape), "x": enc(long), **row_ops(long)})
# a -Inf row among ordinary rows, long enough for whole vectors and a partial one
minus = (rng.standard_normal((3, 1027)) * 3).astype(np.float32)
minus[1, :] = -inf
minus[2, ::3] = -inf
cases.append({"name": "-Inf rows [3, 1027]", "shape": [3, 1027], "x": enc(minus), **row_ops(minus)})

log_x = np.array(
    [0, -0.0, -1, -1e-30, inf, -inf, nan, 1e-45, 1e-40, 1.1754942e-38, 1.17549435e-38, 3.4028235e38, 1, 2, 0.5]
    + [0.70710677, 0.7071068, 1.4142135, 1.0000001, 0.99999994, 10, 1e10, 1e-10, 123.456],
    dtype=np.float32,
)
with np.errstate(all="ignore"):
    log_ref = np.log(log_x.astype(np.float64))

out = {"rows": cases, "log": {"x": enc(log_x), "out": enc(log_ref)}}
path = root / "test" / "jit" / "refs" / "rows.json"
path.write_text(json.dumps(out) + "\n")
print(f"wrote {path.relative_to(root)}: {len(cases)} row cases, {len(log_x)} log values")
