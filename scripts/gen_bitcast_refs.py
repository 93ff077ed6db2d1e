"""NumPy references for lax.bitcastConvertType (test/lax/bitcast.test.ts): x.view(dtype), little-endian.

Writes test/lax/refs/bitcast.json. Values are bit patterns as integers where the result is an integer
dtype, and finite floats where it is a float dtype (inputs are chosen so no NaN is produced).
Run: python3 scripts/gen_bitcast_refs.py
"""
import json
import os

import numpy as np

rng = np.random.default_rng(7)
cases = []


def case(name, x, to):
    y = x.view(to) if x.dtype.itemsize == np.dtype(to).itemsize else x.reshape(-1).view(to).reshape(
        x.shape + (2,) if x.dtype.itemsize == 8 else x.shape[:-1])
    cases.append({"name": name, "dtype": str(x.dtype), "shape": list(x.shape), "data": x.reshape(-1).tolist(),
                  "to": to, "outShape": list(y.shape), "out": y.reshape(-1).tolist()})


f32 = (rng.standard_normal((4, 6)) * 100).astype(np.float32)
f32[0, :3] = [0.0, -0.0, 3.4e38]
case("float32 -> int32", f32, "int32")
case("float32 -> uint32", f32, "uint32")
i32 = rng.integers(0x00800000, 0x7F000000, (3, 5), dtype=np.int32)  # finite, normal float32 patterns
i32[1] *= -1
case("int32 -> float32", i32, "float32")
case("uint32 -> int32", rng.integers(0, 2**32, (5, 4), dtype=np.uint64).astype(np.uint32), "int32")
f64 = rng.standard_normal((3, 4)) * 1e5
case("float64 -> uint32", f64, "uint32")
case("float64 -> int32", f64[0], "int32")
u = f64.reshape(-1).view(np.uint32).reshape(3, 4, 2)
case("uint32 -> float64", u, "float64")
case("float32 -> float64", np.array([[1.5, 2.25], [-3.0, 4.0]], np.float32).reshape(2, 2), "float64")

out = os.path.join(os.path.dirname(__file__), "..", "test", "lax", "refs", "bitcast.json")
os.makedirs(os.path.dirname(out), exist_ok=True)
with open(out, "w") as f:
    json.dump({"generator": "scripts/gen_bitcast_refs.py", "numpy": np.__version__, "cases": cases}, f, indent=1)
    f.write("\n")
