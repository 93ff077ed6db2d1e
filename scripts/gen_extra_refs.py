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
        cases.append({"kind": "pad", "x": x.tolist(), "shape": [5], "pw": list(pw), "mode": mode, "out": np.pad(x, pw, mode=mode).tolist()})
    cases.append(
        {
            "kind": "pad",
            "x": m.ravel().tolist(),
            "shape": [3, 4],
            "pw": [[1, 2], [3, 1]],
            "mode": mode,
            "out": np.pad(m, [(1, 2), (3, 1)], mode=mode).tolist(),
        }
    )
cases.append(
    {
        "kind": "pad",
        "x": [7.0],
        "shape": [1],
        "pw": [2, 3],
        "mode": "reflect",
        "out": np.pad(np.array([7.0], dtype=np.float32), (2, 3), mode="reflect").tolist(),
    }
)

rng = np.random.default_rng(0)
A = rng.standard_normal((2, 3, 4)).astype(np.float32)
B = rng.standard_normal((2, 4, 5)).astype(np.float32)
C = rng.standard_normal((3, 3)).astype(np.float32)
V = rng.standard_normal((4,)).astype(np.float32)
D = rng.standard_normal((1, 3, 4)).astype(np.float32)


def ein(sub, *ops):
    out = np.einsum(sub, *[o.astype(np.float64) for o in ops])
    cases.append(
        {
            "kind": "einsum",
            "sub": sub,
            "ops": [{"data": o.ravel().astype(float).tolist(), "shape": list(o.shape)} for o in ops],
            "out": np.asarray(out).ravel().tolist(),
            "outShape": list(np.shape(out)),
        }
    )


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


# isclose / allclose / tril / triu / diff / meshgrid
def enc(v):
    """JSON has no inf/nan: encode them as strings."""
    if np.isnan(v):
        return "nan"
    if np.isinf(v):
        return "inf" if v > 0 else "-inf"
    return float(v)


def case(name, fn, inputs, out):
    out = np.asarray(out)
    cases.append(
        {
            "kind": "fn",
            "name": name,
            "fn": fn,
            "inputs": [
                {
                    "data": [enc(v) for v in np.asarray(i).ravel().astype(float)],
                    "shape": list(np.shape(i)),
                    "dtype": {"float32": "float32", "float64": "float64", "int32": "int32", "bool": "bool"}[str(np.asarray(i).dtype)],
                }
                for i in inputs
            ],
            "out": [None if np.isnan(v) else float(v) for v in out.ravel().astype(float)],
            "outShape": list(out.shape),
            "outDtype": {"float32": "float32", "float64": "float64", "int32": "int32", "int64": "int32", "bool": "bool"}[str(out.dtype)],
        }
    )


p = np.array([1.0, 2.0, np.inf, -np.inf, np.nan, 1e-9, 100.0], dtype=np.float64)
q = np.array([1.0 + 1e-6, 2.1, np.inf, np.inf, np.nan, 0.0, 100.001], dtype=np.float64)
case("isclose", "(a, b) => np.isclose(a, b)", [p, q], np.isclose(p, q))
case("isclose equalNan", "(a, b) => np.isclose(a, b, { equalNan: true })", [p, q], np.isclose(p, q, equal_nan=True))
case("isclose rtol atol", "(a, b) => np.isclose(a, b, { rtol: 0.1, atol: 0.01 })", [p, q], np.isclose(p, q, rtol=0.1, atol=0.01))
case("allclose false", "(a, b) => np.isclose(a, b).all()", [p, q], np.allclose(p, q))
case("allclose true", "(a, b) => np.isclose(a, b).all()", [p[:2], p[:2] + 1e-9], np.allclose(p[:2], p[:2] + 1e-9))
M = np.arange(1, 13, dtype=np.float32).reshape(3, 4)
T = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
for k in [0, 1, -1, 5, -5]:
    case(f"tril k={k}", f"(m) => np.tril(m, {k})", [M], np.tril(M, k))
    case(f"triu k={k}", f"(m) => np.triu(m, {k})", [M], np.triu(M, k))
case("tril batched", "(m) => np.tril(m)", [T], np.tril(T))
I = np.array([[1, 5, 2, 8], [3, 3, 9, 0]], dtype=np.int32)
case("diff", "(a) => np.diff(a)", [I], np.diff(I).astype(np.int32))
case("diff n=2 axis 1", "(a) => np.diff(a, 2, 1)", [I], np.diff(I, 2, 1).astype(np.int32))
case("diff axis 0", "(a) => np.diff(a, 1, 0)", [M], np.diff(M, 1, 0))
Bo = np.array([True, True, False, True])
case("diff bool", "(a) => np.diff(a)", [Bo], np.diff(Bo))
u = np.array([1.0, 2.0, 3.0], dtype=np.float32)
v = np.array([10.0, 20.0], dtype=np.float32)
for idx in ["xy", "ij"]:
    for j, g in enumerate(np.meshgrid(u, v, indexing=idx)):
        case(f"meshgrid {idx} [{j}]", f"(a, b) => np.meshgrid(a, b, {{ indexing: '{idx}' }})[{j}]", [u, v], g)

out = root / "test/runtime/refs/ellipsis-pad.json"
out.write_text(json.dumps(cases, indent=0) + "\n")
print(f"wrote {out} ({len(cases)} cases)")
