#!/usr/bin/env python3
"""NumPy references for einsum with '...' and np.pad's reflect/symmetric/wrap modes.

Writes test/runtime/refs/ellipsis-pad.json (committed; CI needs no Python). Deterministic.
"""
import json
import pathlib
import numpy as np

root = pathlib.Path(__file__).resolve().parent.parent
cases = []
x = np.arange(1, 6, dtype=np.float32)
m = np.arange(12, dtype=np.float32).reshape(3, 4)
for mode in ["reflect", "symmetric", "wrap"]:
    for pw in [(2, 3), (0, 1), (7, 9)]:
        cases.append({"kind": "pad", "x": x.tolist(), "shape": [5], "pw": list(pw), "mode": mode,
                      "out": np.pad(x, pw, mode=mode).tolist()})
    cases.append({"kind": "pad", "x": m.ravel().tolist(), "shape": [3, 4], "pw": [[1, 2], [3, 1]], "mode": mode,
                  "out": np.pad(m, [(1, 2), (3, 1)], mode=mode).tolist()})
cases.append({"kind": "pad", "x": [7.0], "shape": [1], "pw": [2, 3], "mode": "reflect",
              "out": np.pad(np.array([7.0], dtype=np.float32), (2, 3), mode="reflect").tolist()})

rng = np.random.default_rng(0)
A = rng.standard_normal((2, 3, 4)).astype(np.float32)
B = rng.standard_normal((2, 4, 5)).astype(np.float32)
C = rng.standard_normal((3, 3)).astype(np.float32)
V = rng.standard_normal((4,)).astype(np.float32)
D = rng.standard_normal((1, 3, 4)).astype(np.float32)


def ein(sub, *ops):
    out = np.einsum(sub, *[o.astype(np.float64) for o in ops])
    cases.append({"kind": "einsum", "sub": sub,
                  "ops": [{"data": o.ravel().astype(float).tolist(), "shape": list(o.shape)} for o in ops],
                  "out": np.asarray(out).ravel().tolist(), "outShape": list(np.shape(out))})


ein("...ij,...jk->...ik", A, B)
ein("...ij,...jk", A, B)
ein("...i,i->...", A, V)
ein("i...->...", C)
ein("...ii->...i", C)
ein("ij...->...", A)
ein("...ij,...jk->...ik", D, B)
ein("a...,a...->...", A, A)
ein("...", C)
ein("b...,b...", A, A)

out = root / "test/runtime/refs/ellipsis-pad.json"
out.write_text(json.dumps(cases, indent=0) + "\n")
print(f"wrote {out} ({len(cases)} cases)")
