#!/usr/bin/env python3
"""JAX references for numjit's lax namespace (elementwise, structural, reductions, dot, sort) ->
test/numpy/refs/lax-ops.json, run by test/numpy/lax-ops.test.ts through test/numpy/runner.ts (eager, eager views,
jit, jit views), and by test/compiler/numerics.test.ts precompiled (every refs/ area is).

Run: python3 scripts/gen_lax_refs.py   (JAX 0.10.2 CPU; deterministic: seeded)

A case is {name, fn, inputs, expected} as in scripts/gen_numpy_refs.py: `fn` is JS source over the free name
`lax` (and `np`), one parameter per input; the expected values are what jax.lax computes on the same inputs
(x64 enabled only so that float64 inputs stay float64; every other case is typed explicitly). Error rows
name the typed error numjit raises where JAX raises TypeError/ValueError.
"""

import json
import math
import os

import jax

jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
from jax import lax  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "numpy", "refs", "lax-ops.json")
rng = np.random.default_rng(20261130)
F32, F64, I32, U32, B = np.float32, np.float64, np.int32, np.uint32, np.bool_
cases = []


def enc_value(v, dt):
    if dt == "bool":
        return bool(v)
    if dt in ("int32", "uint32"):
        return int(v)
    f = float(v)
    if math.isnan(f):
        return "NaN"
    if math.isinf(f):
        return "Infinity" if f > 0 else "-Infinity"
    return float(str(np.float32(v))) if dt == "float32" else f


def enc(a, weak=None):
    a = np.asarray(a)
    dt = str(a.dtype)
    assert dt in ("float32", "float64", "int32", "uint32", "bool"), f"reference has dtype {dt}"
    s = {"dtype": dt, "shape": list(a.shape), "data": [enc_value(v, dt) for v in a.reshape(-1)]}
    if weak is not None:
        s["weak"] = weak
    return s


def case(name, fn, inputs, ref, weak=None, tol=None, values_unspecified=False):
    """ref: a function of jnp arrays (the inputs) returning an array or a list of arrays."""
    assert all(c["name"] != name for c in cases), f"duplicate case {name}"
    out = ref(*[jnp.asarray(x) for x in inputs])
    exp = [enc(np.asarray(o)) for o in out] if isinstance(out, (list, tuple)) else enc(np.asarray(out), weak)
    c = {"name": name, "fn": fn, "inputs": [enc(x) for x in inputs], "expected": exp}
    if tol is not None:
        c["tol"] = {"rtol": tol[0], "atol": tol[1]}
    if values_unspecified:
        c["valuesUnspecified"] = True  # shape and dtype only (lax.empty)
    cases.append(c)


def err(name, fn, inputs, cls, code, contains, jax_ref=None):
    """A bad-input row; jax_ref (when given) must raise in JAX too, so the row mirrors a real JAX error."""
    if jax_ref is not None:
        try:
            jax_ref(*[jnp.asarray(x) for x in inputs])
        except (TypeError, ValueError):
            pass
        else:
            raise AssertionError(f"{name}: JAX accepts this input")
    cases.append({"name": name, "fn": fn, "inputs": [np_enc for np_enc in (enc(x) for x in inputs)],
                  "expected": {"error": cls, "code": code, "contains": contains}})


def rand(shape, dt, lo=-3.0, hi=3.0):
    if dt == B:
        return rng.random(shape) < 0.5
    if dt in (I32, U32):
        return rng.integers(int(lo), int(hi) + 1, size=shape).astype(dt)
    return rng.uniform(lo, hi, size=shape).astype(dt)


# ---------------------------------------------------------------------------------------------
# elementwise

UNARY_FLOAT = {
    # js name: (jax function, low, high)
    "abs": (lax.abs, -3, 3), "acos": (lax.acos, -0.95, 0.95), "acosh": (lax.acosh, 1.1, 4), "asin": (lax.asin, -0.95, 0.95),
    "asinh": (lax.asinh, -3, 3), "atan": (lax.atan, -3, 3), "atanh": (lax.atanh, -0.9, 0.9), "cbrt": (lax.cbrt, -8, 8),
    "ceil": (lax.ceil, -3, 3), "cos": (lax.cos, -3, 3), "cosh": (lax.cosh, -3, 3), "erf": (lax.erf, -2.5, 2.5),
    "erfc": (lax.erfc, -2.5, 2.5), "erfInv": (lax.erf_inv, -0.95, 0.95), "exp": (lax.exp, -3, 3), "exp2": (lax.exp2, -3, 3),
    "expm1": (lax.expm1, -1, 1), "floor": (lax.floor, -3, 3), "isFinite": (lax.is_finite, -3, 3), "log": (lax.log, 0.1, 5),
    "log1p": (lax.log1p, -0.5, 3), "logistic": (lax.logistic, -5, 5), "neg": (lax.neg, -3, 3), "reciprocal": (lax.reciprocal, 0.5, 3),
    "rsqrt": (lax.rsqrt, 0.2, 4), "sign": (lax.sign, -3, 3), "sin": (lax.sin, -3, 3), "sinh": (lax.sinh, -3, 3),
    "sqrt": (lax.sqrt, 0, 5), "square": (lax.square, -3, 3), "tan": (lax.tan, -1.2, 1.2), "tanh": (lax.tanh, -3, 3),
    "lgamma": (lax.lgamma, 0.2, 6), "digamma": (lax.digamma, 0.3, 6),
}
# numjit's float32 transcendental compositions (scipy-special's polynomial erf/lgamma/digamma, cbrt as a power)
# agree with XLA's to a few float32 ulps; the runner's default 2e-5 covers the rest
LOOSE = {"lgamma": (1e-4, 1e-5), "digamma": (1e-4, 1e-5), "erfc": (1e-4, 1e-6), "erfInv": (5e-5, 1e-6)}


def gen_elementwise():
    for name, (f, lo, hi) in UNARY_FLOAT.items():
        x = rand((2, 3), F32, lo, hi)
        case(f"{name} float32", f"(x) => lax.{name}(x)", [x], f, tol=LOOSE.get(name))
        if name in ("exp", "log", "sin", "tanh", "sqrt", "lgamma", "erf", "cbrt", "logistic"):
            x64 = rand((5,), F64, lo, hi)
            case(f"{name} float64", f"(x) => lax.{name}(x)", [x64], f, tol=(1e-9, 1e-12) if name in ("lgamma", "erf") else None)
    special = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e-30], F32)
    for name in ("isFinite", "sign", "abs", "floor", "sqrt", "exp"):
        case(f"{name} specials", f"(x) => lax.{name}(x)", [special], getattr(lax, {"isFinite": "is_finite"}.get(name, name)))
    ints = np.array([[-7, 0, 3], [2147483647, -2147483648, 255]], I32)
    for name in ("abs", "neg", "sign", "square"):
        case(f"{name} int32", f"(x) => lax.{name}(x)", [ints], getattr(lax, name))
    u = np.array([0, 1, 7, 4294967295, 2147483648, 255], U32)
    for name, f in (("neg", lax.neg), ("sign", lax.sign), ("clz", lax.clz), ("populationCount", lax.population_count)):
        case(f"{name} uint32", f"(x) => lax.{name}(x)", [u], f)
    for name, f in (("clz", lax.clz), ("populationCount", lax.population_count)):
        case(f"{name} int32", f"(x) => lax.{name}(x)", [ints], f)

    halves = np.array([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0.49999997, -0.49999997, 3.7, np.nan], F32)
    case("round away from zero", "(x) => lax.round(x)", [halves], lax.round)
    case("round to nearest even", "(x) => lax.round(x, lax.RoundingMethod.TO_NEAREST_EVEN)", [halves],
         lambda x: lax.round(x, lax.RoundingMethod.TO_NEAREST_EVEN))
    case("round TO_NEAREST_EVEN string", "(x) => lax.round(x, 'TO_NEAREST_EVEN')", [halves],
         lambda x: lax.round(x, lax.RoundingMethod.TO_NEAREST_EVEN))
    case("round float64", "(x) => lax.round(x)", [halves.astype(F64)], lax.round)

    binary = {
        "add": lax.add, "sub": lax.sub, "mul": lax.mul, "div": lax.div, "rem": lax.rem, "max": lax.max, "min": lax.min,
        "eq": lax.eq, "ne": lax.ne, "lt": lax.lt, "le": lax.le, "gt": lax.gt, "ge": lax.ge,
    }
    for name, f in binary.items():
        a, b = rand((2, 3), F32), rand((2, 3), F32, 0.5, 3) * np.where(rng.random((2, 3)) < 0.5, -1, 1).astype(F32)
        b[0, 0] = a[0, 0]  # a tie for the comparisons
        case(f"{name} float32", f"(x, y) => lax.{name}(x, y)", [a, b], f)
        ai, bi = rand((2, 3), I32, -9, 9), rand((2, 3), I32, 1, 4) * np.array([[1, -1, 1], [-1, 1, -1]], I32)
        case(f"{name} int32", f"(x, y) => lax.{name}(x, y)", [ai, bi], f)
        case(f"{name} broadcast size-1 axes", f"(x, y) => lax.{name}(x, y)", [rand((2, 1), F32, 1, 3), rand((1, 3), F32, 1, 3)], f)
    case("div int32 rounds toward zero", "(x, y) => lax.div(x, y)",
         [np.array([-7, 7, -7, 7, 6, -6], I32), np.array([2, 2, -2, -2, -3, 4], I32)], lax.div)
    case("rem int32 takes the dividend's sign", "(x, y) => lax.rem(x, y)",
         [np.array([-7, 7, -7, 7, 6, -6], I32), np.array([2, 2, -2, -2, -3, 4], I32)], lax.rem)
    case("rem float32 takes the dividend's sign", "(x, y) => lax.rem(x, y)",
         [np.array([-7.5, 7.5, -7.5, 7.5, 1e-3, -0.0], F32), np.array([2, 2, -2, -2, 3, 3], F32)], lax.rem)
    case("div uint32", "(x, y) => lax.div(x, y)", [np.array([7, 4294967295, 9], U32), np.array([2, 16, 3], U32)], lax.div)
    case("rem uint32", "(x, y) => lax.rem(x, y)", [np.array([7, 4294967295, 9], U32), np.array([2, 16, 3], U32)], lax.rem)
    case("max NaN propagates", "(x, y) => lax.max(x, y)", [np.array([np.nan, 1, 2], F32), np.array([0, np.nan, 1], F32)], lax.max)
    case("min bool", "(x, y) => lax.min(x, y)", [np.array([True, False, True]), np.array([True, True, False])], lax.min)
    case("add float64", "(x, y) => lax.add(x, y)", [rand((4,), F64), rand((4,), F64)], lax.add)
    case("add JS number adapts to float32", "(x) => lax.add(x, 2.5)", [rand((3,), F32)], lambda x: lax.add(x, F32(2.5)))
    case("mul JS integer adapts to float32", "(x) => lax.mul(x, 2)", [rand((3,), F32)], lambda x: lax.mul(x, F32(2)))
    case("sub JS integer adapts to int32", "(x) => lax.sub(x, 2)", [rand((3,), I32)], lambda x: lax.sub(x, I32(2)))
    case("add 0-d broadcasts", "(x, y) => lax.add(x, y)", [rand((2, 3), F32), np.array(1.5, F32)], lax.add)
    # weak: JAX without x64 gives weak float32
    case("sqrt of a JS number is weak", "() => lax.sqrt(2.5)", [], lambda: lax.sqrt(F32(2.5)), weak=True)
    for name, f in (("atan2", lax.atan2), ("nextafter", lax.nextafter), ("pow", lax.pow)):
        a = rand((2, 3), F32, 0.2, 3)
        b = rand((2, 3), F32, -2, 2)
        case(f"{name} float32", f"(x, y) => lax.{name}(x, y)", [a, b], f)
    case("nextafter corners", "(x, y) => lax.nextafter(x, y)",
         [np.array([0, 0, 1, 1, -1, np.nan, 2, np.inf], F32), np.array([1, -1, 2, 0, 0, 1, 2, 0], F32)], lax.nextafter)
    case("nextafter float64", "(x, y) => lax.nextafter(x, y)",
         [np.array([0, 1, 1, -1, 1e300, 2], F64), np.array([1, 2, 0, -2, np.inf, 2], F64)], lax.nextafter)
    case("pow float32 ** int32", "(x, y) => lax.pow(x, y)", [rand((4,), F32, 0.5, 2), np.array([0, 1, -2, 3], I32)], lax.pow)
    for y in (0, 1, 2, 3, 5, -2):
        case(f"integerPow float32 y={y}", f"(x) => lax.integerPow(x, {y})", [rand((2, 3), F32, 0.5, 2)], lambda x,
             y=y: lax.integer_pow(x, y))
    case("integerPow int32 y=3", "(x) => lax.integerPow(x, 3)", [rand((4,), I32, -5, 5)], lambda x: lax.integer_pow(x, 3))
    case("clamp scalar bounds", "(x) => lax.clamp(-1, x, 1.5)", [rand((2, 3), F32)], lambda x: lax.clamp(F32(-1), x, F32(1.5)))
    lo, hi = rand((2, 3), F32, -2, 0), rand((2, 3), F32, 0, 2)
    case("clamp array bounds", "(l, x, h) => lax.clamp(l, x, h)", [lo, rand((2, 3), F32), hi], lax.clamp)
    case("clamp int32", "(x) => lax.clamp(-2, x, 2)", [rand((5,), I32, -5, 5)], lambda x: lax.clamp(np.int32(-2), x, np.int32(2)))

    m = np.array([-1, 7, 2**31 - 1, -2**31, 65537, -65536], I32)
    case("mulhi int32", "(x, y) => lax.mulhi(x, y)", [m, np.array([-1, -3, 2**31 - 1, 3, 65537, -65536], I32)], lax.mulhi)
    case("mulhi uint32", "(x, y) => lax.mulhi(x, y)", [m.view(U32), np.array([4294967295, 3, 2**31 - 1, 3, 65537, 65536], U32)], lax.mulhi)
    case("optimizationBarrier", "(x) => lax.optimizationBarrier(x)", [rand((2, 3), F32)], lax.optimization_barrier)

    f32, i32 = rand((2, 3), F32), rand((2, 3), I32)
    err("add float32 + int32", "(x, y) => lax.add(x, y)", [f32, i32], "DTypeError", "NJ203", ["lax.add", "float32", "int32"], lax.add)
    err("max float32 + float64", "(x, y) => lax.max(x, y)", [f32, f32.astype(F64)], "DTypeError", "NJ203",
        ["lax.max", "float32", "float64"], lax.max)
    err("add int32 + JS float", "(x) => lax.add(x, 2.5)", [i32], "DTypeError", "NJ203", ["lax.add", "int32"],
        lambda x: lax.add(x, F32(2.5)))
    err("sin int32", "(x) => lax.sin(x)", [i32], "DTypeError", "NJ202", ["lax.sin", "int32"], lax.sin)
    err("neg bool", "(x) => lax.neg(x)", [np.array([True])], "DTypeError", "NJ202", ["lax.neg", "bool"], lax.neg)
    err("abs uint32", "(x) => lax.abs(x)", [np.array([1], U32)], "DTypeError", "NJ202", ["lax.abs", "uint32"], lax.abs)
    err("add bool", "(x, y) => lax.add(x, y)", [np.array([True]), np.array([False])], "DTypeError", "NJ202", ["lax.add", "bool"], lax.add)
    err("pow int32 base", "(x, y) => lax.pow(x, y)", [i32, i32], "DTypeError", "NJ202", ["lax.pow", "int32"], lax.pow)
    err("clz float32", "(x) => lax.clz(x)", [f32], "DTypeError", "NJ202", ["lax.clz", "float32"], lax.clz)
    # rank mismatches (lax.add of (2, 3) and (3,), lax.clamp with a (3,) bound) are typed errors eagerly and under the
    # runtime jit (test/lax/lax-ops-transforms.test.ts), but a module precompiled without annotations serves
    # them through its NumPy-broadcasting plan (precompiled.ts tryBroadcast), so they are not rows of this area
    err("add incompatible shapes", "(x, y) => lax.add(x, y)", [f32, rand((3, 3), F32)], "ShapeError", "NJ101",
        ["lax.add", "(2, 3)", "(3, 3)"],
        lax.add)
    err("integerPow int32 negative", "(x) => lax.integerPow(x, -2)", [i32], "DTypeError", "NJ202", ["lax.integer_pow", "int32"],
        lambda x: lax.integer_pow(x, -2))



# ---------------------------------------------------------------------------------------------
# structural


def gen_structural():
    x = rand((2, 3, 4), F32)
    xi = rand((3, 4), I32, -50, 50)
    case("convertElementType float32 -> int32 saturates", "(x) => lax.convertElementType(x, 'int32')",
         [np.array([2.7, -2.7, 1e10, -1e10, np.nan, 0.5], F32)], lambda v: lax.convert_element_type(v, I32))
    case("convertElementType int32 -> float32", "(x) => lax.convertElementType(x, 'float32')", [xi],
         lambda v: lax.convert_element_type(v, F32))
    case("convertElementType float32 -> bool", "(x) => lax.convertElementType(x, 'bool')", [np.array([0, -0.0, 2, np.nan], F32)],
         lambda v: lax.convert_element_type(v, B))
    case("convertElementType float32 -> uint32", "(x) => lax.convertElementType(x, 'uint32')", [np.array([-1, 5e9, 3.9], F32)],
         lambda v: lax.convert_element_type(v, U32))
    case("broadcast", "(x) => lax.broadcast(x, [2, 1])", [xi], lambda v: lax.broadcast(v, (2, 1)))
    case("broadcastInDim", "(x) => lax.broadcastInDim(x, [3, 2, 4], [0, 2])", [rand((3, 1), F32)],
         lambda v: lax.broadcast_in_dim(v, (3, 2, 4), (0, 2)))
    case("broadcastToRank", "(x) => lax.broadcastToRank(x, 4)", [xi], lambda v: lax.broadcast_to_rank(v, 4))
    case("iota", "() => lax.iota('int32', 5)", [], lambda: lax.iota(I32, 5))
    case("broadcastLike", "(x, y) => lax.broadcastLike(x, y)", [rand((3,), I32, 0, 9), rand((2, 3), F32)], lax.broadcast_like)
    case("empty", "() => lax.empty([2, 3], 'float32')", [], lambda: lax.empty((2, 3), F32), values_unspecified=True)
    case("broadcastedIota float32", "() => lax.broadcastedIota('float32', [2, 3], 1)", [], lambda: lax.broadcasted_iota(F32, (2, 3), 1))
    case("reshape", "(x) => lax.reshape(x, [4, 6])", [x], lambda v: lax.reshape(v, (4, 6)))
    case("reshape with dimensions", "(x) => lax.reshape(x, [4, 6], [2, 0, 1])", [x], lambda v: lax.reshape(v, (4, 6), (2, 0, 1)))
    case("squeeze", "(x) => lax.squeeze(x, [0, -1])", [rand((1, 3, 1), F32)], lambda v: lax.squeeze(v, (0, -1)))
    case("expandDims", "(x) => lax.expandDims(x, [0, 3])", [xi], lambda v: lax.expand_dims(v, (0, 3)))
    case("transpose", "(x) => lax.transpose(x, [2, 0, 1])", [x], lambda v: lax.transpose(v, (2, 0, 1)))
    case("rev", "(x) => lax.rev(x, [0, 2])", [x], lambda v: lax.rev(v, (0, 2)))
    case("slice", "(x) => lax.slice(x, [0, 1, 1], [2, 3, 4])", [x], lambda v: lax.slice(v, (0, 1, 1), (2, 3, 4)))
    case("slice strided", "(x) => lax.slice(x, [1, 0], [3, 4], [2, 3])", [xi], lambda v: lax.slice(v, (1, 0), (3, 4), (2, 3)))
    case("sliceInDim", "(x) => lax.sliceInDim(x, 1, -1, 1, 2)", [x], lambda v: lax.slice_in_dim(v, 1, -1, 1, 2))
    case("sliceInDim null bounds", "(x) => lax.sliceInDim(x, null, null, 2, 0)", [xi], lambda v: lax.slice_in_dim(v, None, None, 2, 0))
    case("concatenate", "(x, y) => lax.concatenate([x, y], 1)", [rand((2, 2), F32), rand((2, 3), F32)], lambda a,
         b: lax.concatenate([a, b], 1))
    case("pad lo/hi", "(x) => lax.pad(x, 0, [[1, 2, 0], [0, 1, 0]])", [rand((2, 3), F32)],
         lambda v: lax.pad(v, np.float32(0), ((1, 2, 0), (0, 1, 0))))
    case("pad interior", "(x) => lax.pad(x, -1, [[0, 0, 2], [1, 0, 1]])", [rand((3, 2), F32)],
         lambda v: lax.pad(v, np.float32(-1), ((0, 0, 2), (1, 0, 1))))
    case("pad negative", "(x) => lax.pad(x, 0, [[-1, 1, 0], [1, -2, 1]])", [rand((3, 4), F32)],
         lambda v: lax.pad(v, np.float32(0), ((-1, 1, 0), (1, -2, 1))))
    case("pad int32 value array", "(x, v) => lax.pad(x, v, [[2, -1, 1]])", [rand((4,), I32, -9, 9), np.array(7, I32)],
         lambda v, p: lax.pad(v, p, ((2, -1, 1),)))
    case("tile", "(x) => lax.tile(x, [2, 3])", [rand((2, 2), I32, 0, 9)], lambda v: lax.tile(v, (2, 3)))
    # weak as JAX without x64
    case("full JS float is weak", "() => lax.full([2, 3], 2.5)", [], lambda: lax.full((2, 3), F32(2.5)), weak=True)
    case("full int32", "() => lax.full([2], 7, 'int32')", [], lambda: lax.full((2,), 7, I32), weak=False)
    case("fullLike", "(x) => lax.fullLike(x, 3)", [xi], lambda v: lax.full_like(v, 3), weak=False)
    case("fullLike dtype and shape", "(x) => lax.fullLike(x, 1.5, 'float32', [2])", [xi], lambda v: lax.full_like(v, 1.5, F32, (2,)))
    case("collapse", "(x) => lax.collapse(x, 1)", [x], lambda v: lax.collapse(v, 1))
    case("collapse range", "(x) => lax.collapse(x, 0, 2)", [x], lambda v: lax.collapse(v, 0, 2))
    case("split", "(x) => lax.split(x, [1, 3, 0], 2)", [x], lambda v: lax.split(v, (1, 3, 0), 2))
    case("stack", "(x, y) => lax.stack([x, y], 1)", [rand((2, 3), F32), rand((2, 3), F32)], lambda a, b: lax.stack([a, b], 1))
    case("unstack", "(x) => lax.unstack(x, 1)", [rand((2, 3), F32)], lambda v: lax.unstack(v, 1))

    err("reshape size mismatch", "(x) => lax.reshape(x, [5, 5])", [x], "ShapeError", "NJ103", ["lax.reshape", "(2, 3, 4)"],
        lambda v: lax.reshape(v, (5, 5)))
    err("squeeze axis not 1", "(x) => lax.squeeze(x, [1])", [x], "ShapeError", "NJ106", ["lax.squeeze", "(2, 3, 4)"],
        lambda v: lax.squeeze(v, (1,)))
    err("transpose not a permutation", "(x) => lax.transpose(x, [0, 0, 1])", [x], "ShapeError", "NJ106", ["lax.transpose"],
        lambda v: lax.transpose(v, (0, 0, 1)))
    err("slice out of bounds", "(x) => lax.slice(x, [0, 0, 0], [2, 3, 5])", [x], "ShapeError", "NJ106", ["lax.slice", "axis 2"],
        lambda v: lax.slice(v, (0, 0, 0), (2, 3, 5)))
    err("broadcastInDim size mismatch", "(x) => lax.broadcastInDim(x, [3, 4], [0, 1])", [rand((3, 2), F32)], "ShapeError", "NJ101",
        ["lax.broadcast_in_dim", "(3, 2)"], lambda v: lax.broadcast_in_dim(v, (3, 4), (0, 1)))
    err("concatenate dtype mismatch", "(x, y) => lax.concatenate([x, y], 0)", [rand((2,), F32), rand((2,), I32)], "DTypeError", "NJ203",
        ["lax.concatenate", "float32", "int32"], lambda a, b: lax.concatenate([a, b], 0))
    err("concatenate shape mismatch", "(x, y) => lax.concatenate([x, y], 0)", [rand((2, 2), F32), rand((2, 3), F32)], "ShapeError", "NJ105",
        ["lax.concatenate"], lambda a, b: lax.concatenate([a, b], 0))
    err("pad value dtype mismatch", "(x, v) => lax.pad(x, v, [[1, 1, 0]])", [rand((3,), F32), np.array(0, I32)], "DTypeError", "NJ203",
        ["lax.pad", "float32", "int32"], lambda v, p: lax.pad(v, p, ((1, 1, 0),)))
    err("pad negative interior", "(x) => lax.pad(x, 0, [[0, 0, -1]])", [rand((3,), F32)], "ShapeError", "NJ106", ["lax.pad"],
        lambda v: lax.pad(v, np.float32(0), ((0, 0, -1),)))
    err("tile reps rank", "(x) => lax.tile(x, [2])", [rand((2, 2), F32)], "ShapeError", "NJ106", ["lax.tile"])
    err("split sizes sum", "(x) => lax.split(x, [1, 1], 0)", [rand((3,), F32)], "ShapeError", "NJ110", ["lax.split"],
        lambda v: lax.split(v, (1, 1), 0))


# ---------------------------------------------------------------------------------------------
# reductions, scans, dot, sort


def gen_reductions():
    x = rand((3, 4, 2), F32)
    xi = rand((3, 5), I32, -20, 20)
    for name, f in (("reduceSum", lax.reduce_sum), ("reduceMax", lax.reduce_max), ("reduceMin", lax.reduce_min),
                    ("reduceProd", lax.reduce_prod)):
        case(f"{name} float32", f"(x) => lax.{name}(x, [0, 2])", [x], lambda v, f=f: f(v, (0, 2)))
        case(f"{name} int32", f"(x) => lax.{name}(x, [1])", [xi], lambda v, f=f: f(v, (1,)))
    case("reduceSum no axes", "(x) => lax.reduceSum(x, [])", [xi], lambda v: lax.reduce_sum(v, ()))
    case("reduceMax bool", "(x) => lax.reduceMax(x, [1])", [rand((3, 4), B)], lambda v: lax.reduce_max(v, (1,)))
    bits = rng.integers(-2**31, 2**31, size=(3, 7), dtype=np.int64).astype(I32)
    for name, f in (("reduceAnd", lax.reduce_and), ("reduceOr", lax.reduce_or), ("reduceXor", lax.reduce_xor)):
        case(f"{name} int32", f"(x) => lax.{name}(x, [1])", [bits], lambda v, f=f: f(v, (1,)))
        case(f"{name} bool", f"(x) => lax.{name}(x, [0])", [rand((4, 3), B)], lambda v, f=f: f(v, (0,)))
        case(f"{name} uint32 all axes", f"(x) => lax.{name}(x, [0, 1])", [bits.view(U32)], lambda v, f=f: f(v, (0, 1)))
        case(f"{name} empty axis", f"(x) => lax.{name}(x, [1])", [np.zeros((2, 0), I32)], lambda v, f=f: f(v, (1,)))
    for name, f in (("argmax", lax.argmax), ("argmin", lax.argmin)):
        case(f"{name} float32", f"(x) => lax.{name}(x, 1, 'int32')", [x], lambda v, f=f: f(v, 1, I32))
        case(f"{name} uint32 index", f"(x) => lax.{name}(x, 0, 'uint32')", [xi], lambda v, f=f: f(v, 0, U32))
        case(f"{name} NaN", f"(x) => lax.{name}(x, 0, 'int32')", [np.array([1, np.nan, 3, np.nan], F32)], lambda v, f=f: f(v, 0, I32))
    for name, f in (("cumsum", lax.cumsum), ("cumprod", lax.cumprod), ("cummax", lax.cummax), ("cummin", lax.cummin),
                    ("cumlogsumexp", lax.cumlogsumexp)):
        y = rand((3, 5), F32, 0.5, 1.5) if name == "cumprod" else rand((3, 5), F32)
        case(f"{name} float32", f"(x) => lax.{name}(x, 1)", [y], lambda v, f=f: f(v, 1))
        case(f"{name} reverse", f"(x) => lax.{name}(x, 0, true)", [y], lambda v, f=f: f(v, 0, True))
        if name != "cumlogsumexp":
            case(f"{name} int32", f"(x) => lax.{name}(x)", [rand((6,), I32, -3, 3)], f)
    case("cumlogsumexp wide range", "(x) => lax.cumlogsumexp(x)", [np.array([-200, 0, -150, 3, -1000, 80], F32)], lax.cumlogsumexp)
    case("cumlogsumexp float64", "(x) => lax.cumlogsumexp(x, 0, true)", [rand((7,), F64)], lambda v: lax.cumlogsumexp(v, 0, True))
    case("stopGradient", "(x) => lax.stopGradient(x)", [xi], lax.stop_gradient)

    a, b = rand((2, 3), F32), rand((3, 4), F32)
    case("dot matrix-matrix", "(a, b) => lax.dot(a, b)", [a, b], lax.dot)
    case("dot matrix-vector", "(a, b) => lax.dot(a, b)", [a, rand((3,), F32)], lax.dot)
    case("dot vector-vector", "(a, b) => lax.dot(a, b)", [rand((3,), F32), rand((3,), F32)], lax.dot)
    case("dot int32", "(a, b) => lax.dot(a, b)", [rand((2, 3), I32), rand((3, 2), I32)], lax.dot)
    case("dot mixed dtypes promote", "(a, b) => lax.dot(a, b)", [a, rand((3, 4), I32)], lax.dot)
    case("dot preferredElementType", "(a, b) => lax.dot(a, b, { preferredElementType: 'float32' })", [rand((2, 3), I32), rand((3, 4), I32)],
         lambda p, q: lax.dot(p, q, preferred_element_type=F32))
    case("dot precision HIGHEST", "(a, b) => lax.dot(a, b, { precision: 'HIGHEST' })", [a, b],
         lambda p, q: lax.dot(p, q, precision=lax.Precision.HIGHEST))
    case("dot with dimensionNumbers", "(a, b) => lax.dot(a, b, { dimensionNumbers: [[[0], [1]], [[], []]] })",
         [rand((3, 2), F32), rand((4, 3), F32)], lambda p, q: lax.dot(p, q, dimension_numbers=(((0,), (1,)), ((), ()))))
    l3, r3 = rand((2, 3, 4), F32), rand((4, 2, 5, 3), F32)
    case("dotGeneral batch and contract", "(a, b) => lax.dotGeneral(a, b, [[[1], [3]], [[0], [1]]])", [l3, r3],
         lambda p, q: lax.dot_general(p, q, (((1,), (3,)), ((0,), (1,)))))
    case("dotGeneral two contractions", "(a, b) => lax.dotGeneral(a, b, [[[2, 1], [0, 3]], [[], []]])", [l3, r3],
         lambda p, q: lax.dot_general(p, q, (((2, 1), (0, 3)), ((), ()))))
    case("dotGeneral outer", "(a, b) => lax.dotGeneral(a, b, [[[], []], [[], []]])", [rand((2,), F32), rand((3,), F32)],
         lambda p, q: lax.dot_general(p, q, (((), ()), ((), ()))))
    case("batchMatmul", "(a, b) => lax.batchMatmul(a, b)", [rand((2, 3, 4), F32), rand((2, 4, 5), F32)], lax.batch_matmul)

    s = np.array([[3, 1, np.nan, 2, 1, -0.0, 0], [5, -1, 2, 2, np.inf, -np.inf, 0]], F32)
    case("sort float32 last axis", "(x) => lax.sort(x)", [s], lax.sort)
    case("sort axis 0", "(x) => lax.sort(x, 0)", [s], lambda v: lax.sort(v, 0))
    k = np.array([2, 1, 2, 1, 0, 2], I32)
    k2 = np.array([1, 1, 0, 0, 5, 0], I32)
    vals = rand((6,), F32)
    case("sort several operands one key", "(k, v) => lax.sort([k, v], -1, true, 1)", [k, vals], lambda p, q: lax.sort((p, q), -1, True, 1))
    case("sort numKeys 2", "(k, k2, v) => lax.sort([k, k2, v], 0, true, 2)", [k, k2, vals], lambda p, q, r: lax.sort((p, q, r), 0, True, 2))
    case("sortKeyVal", "(k, v) => lax.sortKeyVal(k, v)", [rand((2, 5), F32), rand((2, 5), I32, 0, 9)], lambda p, q: lax.sort_key_val(p, q))

    err("reduceSum negative axis", "(x) => lax.reduceSum(x, [-1])", [x], "ShapeError", "NJ102", ["lax.reduce_sum"],
        lambda v: lax.reduce_sum(v, (-1,)))
    err("reduceSum bool", "(x) => lax.reduceSum(x, [0])", [rand((3,), B)], "DTypeError", "NJ202", ["lax.reduce_sum", "bool"],
        lambda v: lax.reduce_sum(v, (0,)))
    err("reduceAnd float32", "(x) => lax.reduceAnd(x, [0])", [rand((3,), F32)], "DTypeError", "NJ202", ["lax.reduce_and", "float32"],
        lambda v: lax.reduce_and(v, (0,)))
    err("argmax float index dtype", "(x) => lax.argmax(x, 0, 'float32')", [rand((3,), F32)], "DTypeError", "NJ202",
        ["lax.argmax", "float32"],
        lambda v: lax.argmax(v, 0, F32))
    err("cumsum bool", "(x) => lax.cumsum(x)", [rand((3,), B)], "DTypeError", "NJ202", ["lax.cumsum", "bool"], lax.cumsum)
    err("dot needs dimensionNumbers", "(a, b) => lax.dot(a, b)", [l3, rand((4, 2), F32)], "ShapeError", "NJ104",
        ["lax.dot", "(2, 3, 4)"], lax.dot)
    err("dotGeneral contract size mismatch", "(a, b) => lax.dotGeneral(a, b, [[[1], [1]], [[], []]])", [a, b], "ShapeError", "NJ104",
        ["lax.dot_general", "(2, 3)", "(3, 4)"], lambda p, q: lax.dot_general(p, q, (((1,), (1,)), ((), ()))))
    err("dotGeneral batch count mismatch", "(a, b) => lax.dotGeneral(a, b, [[[1], [0]], [[0], []]])", [a, b], "ShapeError", "NJ106",
        ["lax.dot_general"], lambda p, q: lax.dot_general(p, q, (((1,), (0,)), ((0,), ()))))
    err("dotGeneral axis out of range", "(a, b) => lax.dotGeneral(a, b, [[[2], [0]], [[], []]])", [a, b], "ShapeError", "NJ106",
        ["lax.dot_general"])
    err("batchMatmul rank mismatch", "(a, b) => lax.batchMatmul(a, b)", [l3, b], "ShapeError", "NJ106", ["lax.batch_matmul"],
        lax.batch_matmul)
    err("sort shape mismatch", "(a, b) => lax.sort([a, b])", [rand((3,), F32), rand((4,), F32)], "ShapeError", "NJ105", ["lax.sort"],
        lambda p, q: lax.sort((p, q)))
    err("sort numKeys too large", "(a) => lax.sort([a], -1, true, 2)", [rand((3,), F32)], "ArgumentError", "NJ301", ["lax.sort", "numKeys"],
        lambda p: lax.sort((p,), -1, True, 2))


def main():
    gen_elementwise()
    gen_structural()
    gen_reductions()
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"generator": "scripts/gen_lax_refs.py", "jax": jax.__version__, "numpy": np.__version__, "count": len(cases),
                   "cases": cases}, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"{len(cases)} cases -> {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
