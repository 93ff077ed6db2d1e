#!/usr/bin/env python3
"""NumPy reference cases for numjit's eager runtime -> test/numpy/refs/<area>.json.

Run: python3 scripts/gen_numpy_refs.py   (numpy 2.x; deterministic: seeded, sorted output)

A case is {name, fn, inputs, expected[, tol, valuesUnspecified]}:
  fn        JS arrow-function source over the free names `np` and `nn`, one parameter per input, e.g.
            "(a, b) => np.add(a, b)". Static arguments (axes, JS scalars, options) are literals in the
            source, so `jit(fn)` sees only arrays.
  inputs    [{dtype, shape, data[, prep]}]: data flat row-major; NaN/Infinity as strings. `prep` is JS
            source applied to the input before the call, e.g. "x => x.T", to pass a strided view.
  expected  {dtype, shape, data} | [{...}, ...] (functions returning several arrays) |
            {error: "ShapeError", code: "NJ101"}.

References follow the dtype rules numjit promises, not NumPy's defaults: JAX lattice
bool < int32 < float32 < float64, JS numbers weakly typed (integers weak int32, others weak float32),
np.array of JS numbers -> float32, int/int divide -> float32, arange of integers -> int32, sum of bool ->
int32. Each reference casts its inputs to the dtype numjit computes in, evaluates in float64 (floats) or
int64 (integers), then casts back (int32 wraps around, float32 rounds once) and records that dtype.
"""

import functools
import json
import math
import os
import sys
import warnings

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_api_arrays_refs  # noqa: E402
import gen_linalg_refs  # noqa: E402

warnings.filterwarnings("ignore")
np.seterr(all="ignore")

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.normpath(os.path.join(ROOT, "test", "numpy", "refs"))
rng = np.random.default_rng(20250601)

F32, F64, I32, U32, B = "float32", "float64", "int32", "uint32", "bool"
NPD = {F32: np.float32, F64: np.float64, I32: np.int32, U32: np.uint32, B: np.bool_}
# uint32 and int32 share a rank; their join is int32 (JAX's int64 without x64), see join()
RANK = {B: 0, I32: 1, U32: 1, F32: 2, F64: 3}
KIND = {B: 0, I32: 1, U32: 1, F32: 2, F64: 2}
FLOATS = (F32, F64)
TOL_F32 = (2e-5, 1e-6)  # the runner's float32 tolerance, for float64 results computed from float32 values

# ---------------------------------------------------------------------------------------------
# dtype rules (mirror of packages/runtime/src/dtype.ts, written from the spec, not the code)


def dtype_of(x):
    """(dtype, weak) of an operand: numpy arrays are strong, JS scalars weak."""
    if isinstance(x, (bool, np.bool_)):
        return (B, True)
    if isinstance(x, (int, float)):
        xf = float(x)
        if xf.is_integer() and abs(xf) <= 2147483647:
            return (I32, True)
        return (F32, True)
    return (str(x.dtype), False)


def join(a, b):
    (ad, aw), (bd, bw) = a, b
    if aw == bw:
        if ad != bd and RANK[ad] == RANK[bd] == 1:
            return (I32, aw)
        return (ad if RANK[ad] >= RANK[bd] else bd, aw)
    s, w = (bd, ad) if aw else (ad, bd)
    return (s, False) if KIND[w] <= KIND[s] else (w, False)


def result_type(*xs):
    t = dtype_of(xs[0])
    for x in xs[1:]:
        t = join(t, dtype_of(x))
    return t[0]


def to_float(d):
    return F64 if d == F64 else F32


def cast(x, dt):
    """Value conversion as numjit's convert_element_type does it (finite inputs only for ints)."""
    a = np.asarray(x)
    if dt == B:
        return a != 0
    if dt == I32:
        if a.dtype.kind == "f":
            return np.trunc(a).astype(np.int64).astype(np.int32)
        return a.astype(np.int64).astype(np.int32)
    if dt == U32:
        if a.dtype.kind == "f":
            return np.clip(np.nan_to_num(np.trunc(a.astype(np.float64)), nan=0.0), 0, 4294967295).astype(np.uint32)  # saturating, NaN -> 0
        return a.astype(np.int64).astype(np.uint32)
    return a.astype(NPD[dt])


def finish(r, dt):
    """Cast a float64/int64 computation result to dt (int32 wraps modulo 2**32)."""
    r = np.asarray(r)
    if dt == I32:
        return r.astype(np.int64).astype(np.int32)
    if dt == U32:
        return r.astype(np.int64).astype(np.uint32)
    if dt == B:
        return r.astype(np.bool_)
    return r.astype(NPD[dt])


def wide(a):
    a = np.asarray(a)
    if a.dtype.kind == "f":
        return a.astype(np.float64)
    if a.dtype.kind in "iu":
        return a.astype(np.int64)
    return a


# ---------------------------------------------------------------------------------------------
# data


def rand(shape, dt, lo=-3.0, hi=3.0):
    shape = tuple(shape)
    if dt == B:
        return rng.random(shape) < 0.5
    if dt == I32:
        return rng.integers(int(math.floor(lo)) - 2, int(math.ceil(hi)) + 3, size=shape).astype(np.int32)
    v = rng.uniform(lo, hi, size=shape)
    return v.astype(NPD[dt])


def arr(data, dt):
    return np.array(data, dtype=NPD[dt])


def js(v):
    """A Python value as a JS literal."""
    if v is None:
        return "null"
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return repr(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(js(x) for x in v) + "]"
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k}: {js(x)}" for k, x in v.items()) + " }"
    return repr(v)


def enc_value(v, dt):
    if dt == B:
        return bool(v)
    if dt in (I32, U32):
        return int(v)
    f = float(v)
    if math.isnan(f):
        return "NaN"
    if math.isinf(f):
        return "Infinity" if f > 0 else "-Infinity"
    if dt == F32:
        return float(str(np.float32(v)))  # shortest repr that round-trips in float32
    return f


def enc(a):
    a = np.asarray(a)
    dt = str(a.dtype)
    assert dt in NPD, f"reference has dtype {dt}"
    return {"dtype": dt, "shape": list(a.shape), "data": [enc_value(v, dt) for v in a.reshape(-1)]}


class Input:
    def __init__(self, a, prep=None, gen=None):
        self.a = np.asarray(a)
        self.prep = prep  # (js source, numpy function)
        self.gen = gen  # [mult, mod, scale, shift]: data not stored, recomputed by the runner

    def value(self):
        return self.prep[1](self.a) if self.prep else self.a

    def spec(self):
        if self.gen:
            s = {"dtype": str(self.a.dtype), "shape": list(self.a.shape), "gen": self.gen}
        else:
            s = enc(self.a)
        if self.prep:
            s["prep"] = self.prep[0]
        return s


def gen_input(shape, dt, mult, mod, scale, shift):
    """Input i = ((i * mult) % mod) * scale + shift, in double arithmetic then cast (the runner's
    formula, exact in both languages for i * mult < 2**53)."""
    n = int(np.prod(shape))
    i = np.arange(n, dtype=np.int64)
    v = ((i * mult) % mod).astype(np.float64) * scale + shift
    return Input(cast(v, dt).reshape(shape), gen=[mult, mod, scale, shift])


def as_input(x):
    return x if isinstance(x, Input) else Input(x)


# ---------------------------------------------------------------------------------------------
# case registry

FILES = {}


def case(
    area, name, fn, inputs=(), expected=None, *, error=None, tol=None, values_unspecified=False, weak=None, contains=None, eager_only=False
):
    """Register one case. `expected`: numpy array (in its final dtype), list of arrays, or a
    callable over the (prepped) inputs returning those."""
    cases = FILES.setdefault(area, [])
    assert all(c["name"] != name for c in cases), f"duplicate case name {area}/{name}"
    ins = [as_input(x) for x in inputs]
    c = {"name": name, "fn": fn, "inputs": [i.spec() for i in ins]}
    if error is not None:
        assert expected is None
        c["expected"] = {"error": error[0], "code": error[1]}
        if contains:
            c["expected"]["contains"] = contains  # substrings the message must name (op, shapes, axis, dtype)
    else:
        if callable(expected):
            expected = expected(*[i.value() for i in ins])
        if isinstance(expected, (list, tuple)):
            c["expected"] = [enc(e) for e in expected]
        else:
            c["expected"] = enc(expected)
    if weak is not None:
        c["expected"]["weak"] = weak  # JAX weak type of the result
    if tol is not None:
        c["tol"] = {"rtol": tol[0], "atol": tol[1]}
    if values_unspecified:
        c["valuesUnspecified"] = True
    if eager_only:
        c["eagerOnly"] = True  # a data-dependent shape: the jit modes expect a ConcretizationError
    cases.append(c)


def err(area, name, fn, inputs, cls, code, contains=None):
    case(area, name, fn, inputs, error=(cls, code), contains=contains)


def short(shape):
    return "x".join(str(d) for d in shape) if len(shape) else "scalar"


# ---------------------------------------------------------------------------------------------
# elementwise

BINARY = {
    # js name: (numpy function, kind); kind as numjit's elementwise.ts documents it:
    #   any: result dtype; float: int/bool promote to float32; no-bool: bool promotes to int32
    "add": (np.add, "any"),
    "subtract": (np.subtract, "no-bool"),
    "multiply": (np.multiply, "any"),
    "divide": (np.true_divide, "float"),
    "floorDivide": (np.floor_divide, "no-bool"),
    "mod": (np.mod, "no-bool"),
    "power": (np.power, "no-bool"),
    "maximum": (np.maximum, "any"),
    "minimum": (np.minimum, "any"),
    "arctan2": (np.arctan2, "float"),
}
COMPARE = {
    "equal": np.equal,
    "notEqual": np.not_equal,
    "less": np.less,
    "lessEqual": np.less_equal,
    "greater": np.greater,
    "greaterEqual": np.greater_equal,
}
LOGICAL = {"logicalAnd": np.logical_and, "logicalOr": np.logical_or, "logicalXor": np.logical_xor}


def binary_dtype(kind, a, b):
    dt = result_type(a, b)
    if kind == "float" and dt not in FLOATS:
        dt = F32
    if kind == "no-bool" and dt == B:
        dt = I32
    return dt


def ref_binary(fn, kind, a, b):
    dt = binary_dtype(kind, a, b)
    A, Bv = cast(a, dt), cast(b, dt)
    if dt == B:
        return finish(fn(A, Bv), B)
    return finish(fn(wide(A), wide(Bv)), dt)


def ref_compare(fn, a, b):
    dt = result_type(a, b)
    return fn(cast(a, dt), cast(b, dt)).astype(np.bool_)


def operand_js(x, name):
    return name if not isinstance(x, (bool, int, float)) else js(x)


def add_binary_case(area, op, fn, kind, a, b, label, compare=False):
    params = [n for x, n in ((a, "a"), (b, "b")) if not isinstance(x, (bool, int, float))]
    ins = [x for x in (a, b) if not isinstance(x, (bool, int, float))]
    src = f"({', '.join(params)}) => np.{op}({operand_js(a, 'a')}, {operand_js(b, 'b')})"
    if compare:
        exp = ref_compare(fn, a, b)
    else:
        exp = ref_binary(fn, kind, a, b)
    case(area, f"{op} {label}", src, [Input(x) for x in ins], exp)


def binary_data(op, dt, shape):
    """Operand data suited to op (avoid undefined corners, keep int powers small)."""
    if op == "power":
        if dt == I32:
            return rng.integers(-3, 4, size=shape).astype(np.int32), rng.integers(0, 5, size=shape).astype(np.int32)
        if dt in FLOATS:
            return rand(shape, dt, 0.1, 3), rand(shape, dt, -2, 2)
    if op in ("floorDivide", "mod", "divide") and dt == I32:
        x = rng.integers(-9, 10, size=shape).astype(np.int32)
        y = rng.integers(1, 5, size=shape).astype(np.int32) * rng.choice([-1, 1], size=shape).astype(np.int32)
        return x, y
    return rand(shape, dt), rand(shape, dt)


def gen_elementwise():
    A = "elementwise"
    # every binary op x every dtype, same shape
    for op, (fn, kind) in BINARY.items():
        for dt in (F32, F64, I32, B):
            if op == "subtract" and dt == B:
                continue
            a, b = binary_data(op, dt, (3, 4))
            add_binary_case(A, op, fn, kind, a, b, f"{dt} 3x4")
    # broadcasting combinations (float32 and int32)
    shapes = [
        ((3, 4), (4,)),
        ((3, 1), (1, 4)),
        ((2, 1, 4), (3, 1)),
        ((), (2, 3)),
        ((2, 3), ()),
        ((0, 3), (3,)),
        ((0,), (1,)),
        ((1,), (5,)),
        ((2, 3, 1), (1, 1, 4)),
        ((1, 0), (3, 1)),
        ((4, 1, 1), (1, 2, 1)),
        ((1,), ()),
    ]
    for op in ("add", "subtract", "multiply", "divide", "maximum", "power", "mod"):
        fn, kind = BINARY[op]
        for sa, sb in shapes:
            dt = F32 if op in ("divide", "power") or sa == () else I32 if len(sa) % 2 else F32
            a, _ = binary_data(op, dt, sa)
            _, b = binary_data(op, dt, sb)
            add_binary_case(A, op, fn, kind, a, b, f"broadcast {dt} {short(sa)} {short(sb)}")
    for op, fn in COMPARE.items():
        a, b = rand((3, 4), F32), rand((4,), F32)
        b[1] = a[0, 1]
        add_binary_case(A, op, fn, "any", a, b, "float32 3x4 4 (with ties)", compare=True)
        ai, bi = rand((2, 3), I32), rand((2, 1), I32)
        add_binary_case(A, op, fn, "any", ai, bi, "int32 2x3 2x1", compare=True)
        add_binary_case(A, op, fn, "any", ai, 2.5, "int32 vs weak 2.5 (compares in float32)", compare=True)
        add_binary_case(A, op, fn, "any", rand((5,), B), rand((5,), B), "bool", compare=True)
        nan = arr([np.nan, 1, np.nan, -np.inf, np.inf, 0], F32)
        add_binary_case(A, op, fn, "any", nan, arr([np.nan, np.nan, 1, -np.inf, 2, -0.0], F32), "nan/inf", compare=True)
        add_binary_case(A, op, fn, "any", rand((3,), F64), rand((3,), F32), "float64 vs float32", compare=True)
        add_binary_case(A, op, fn, "any", 1, rand((2, 2), I32), "weak 1 vs int32", compare=True)
    for op, fn in LOGICAL.items():
        for label, a, b in [
            ("bool", rand((2, 3), B), rand((2, 3), B)),
            ("bool broadcast", rand((2, 1), B), rand((3,), B)),
            ("int32 and float32 (truthiness)", arr([0, 1, -2, 0], I32), arr([0.0, 0.0, 0.5, np.nan], F32)),
            ("weak true", rand((4,), B), True),
            ("weak 0", 0, rand((4,), F32)),
        ]:
            params = [n for x, n in ((a, "a"), (b, "b")) if not isinstance(x, (bool, int, float))]
            ins = [x for x in (a, b) if not isinstance(x, (bool, int, float))]
            src = f"({', '.join(params)}) => np.{op}({operand_js(a, 'a')}, {operand_js(b, 'b')})"
            case(A, f"{op} {label}", src, ins, fn(np.asarray(a) != 0, np.asarray(b) != 0))

    # promotion and weak scalars
    promos = [
        ("add", rand((3,), F32), rand((3,), F64), "float32 + float64"),
        ("add", rand((3,), I32), rand((3,), F32), "int32 + float32"),
        ("add", rand((3,), B), rand((3,), I32), "bool + int32"),
        ("add", rand((3,), B), rand((3,), B), "bool + bool"),
        ("add", rand((3,), B), rand((3,), F64), "bool + float64"),
        ("add", rand((3,), I32), rand((3,), F64), "int32 + float64"),
        ("add", rand((3,), F32), 2.5, "float32 + weak 2.5"),
        ("add", rand((3,), F32), 2, "float32 + weak 2"),
        ("add", rand((3,), I32), 2, "int32 + weak 2"),
        ("add", rand((3,), I32), 2.5, "int32 + weak 2.5"),
        ("add", rand((3,), F64), 2.5, "float64 + weak 2.5"),
        ("add", rand((3,), B), 2, "bool + weak 2"),
        ("add", rand((3,), B), 2.5, "bool + weak 2.5"),
        ("add", rand((3,), B), True, "bool + weak true"),
        ("add", rand((3,), I32), True, "int32 + weak true"),
        ("add", 2, 3, "weak 2 + weak 3"),
        ("add", 2, 0.5, "weak 2 + weak 0.5"),
        ("subtract", 2.5, rand((2, 2), F32), "weak 2.5 - float32 (scalar on the left)"),
        ("subtract", 7, rand((2, 2), I32), "weak 7 - int32"),
        ("multiply", rand((3,), I32), 2.5, "int32 * weak 2.5"),
        ("multiply", 0.5, rand((3,), F64), "weak 0.5 * float64"),
        ("divide", rand((4,), I32), rand((4,), I32) + 7, "int32 / int32 -> float32"),
        ("divide", rand((4,), I32), 2, "int32 / weak 2 -> float32"),
        ("divide", 1, rand((4,), I32) + 7, "weak 1 / int32 -> float32"),
        ("divide", rand((4,), B), rand((4,), F64) + 4, "bool / float64"),
        ("divide", rand((4,), I32), rand((4,), F64) + 4, "int32 / float64"),
        ("maximum", rand((4,), I32), 0.5, "maximum int32, weak 0.5"),
        ("maximum", rand((4,), B), rand((4,), B), "maximum bool"),
        ("minimum", rand((4,), B), rand((4,), I32), "minimum bool, int32"),
        ("power", rand((4,), F32, 0.5, 2), 2, "float32 ** weak 2"),
        ("power", rng.integers(-4, 5, size=4).astype(np.int32), 3, "int32 ** weak 3"),
        ("power", rand((4,), I32, 1, 3), 0.5, "int32 ** weak 0.5 -> float32"),
        ("power", 2, rng.integers(0, 10, size=5).astype(np.int32), "weak 2 ** int32"),
        ("power", rand((3,), B), rand((3,), B), "bool ** bool -> int32"),
        ("floorDivide", rand((4,), B), arr([True] * 4, B), "bool // bool -> int32"),
        ("mod", rand((5,), F32, -5, 5), 3, "float32 % weak 3"),
        ("mod", rand((5,), I32, -5, 5), 2.5, "int32 % weak 2.5"),
        ("arctan2", rand((3,), I32), rand((3,), I32) + 1, "arctan2 int32 -> float32"),
        ("arctan2", rand((3,), F64), 1, "arctan2 float64, weak 1"),
    ]
    for op, a, b, label in promos:
        fn, kind = BINARY[op]
        add_binary_case(A, op, fn, kind, a, b, f"promotion {label}")

    # mod / floorDivide sign rules (NumPy: result of mod takes the divisor's sign)
    xs = [7, -7, 7, -7, 0, 5, -5, 1, -1, 6]
    ys = [3, 3, -3, -3, 3, 5, 5, -4, 4, -4]
    for op in ("mod", "floorDivide"):
        fn, kind = BINARY[op]
        add_binary_case(A, op, fn, kind, arr(xs, I32), arr(ys, I32), "int32 sign rules")
        add_binary_case(A, op, fn, kind, arr(xs, F32) + np.float32(0.5), arr(ys, F32), "float32 sign rules")
        add_binary_case(
            A, op, fn, kind, arr([7.25, -7.25, 7.25, -7.25, 0.0, -0.0], F64), arr([2, 2, -2, -2, -3, 3], F64), "float64 sign rules"
        )
        add_binary_case(
            A,
            op,
            fn,
            kind,
            arr([1.0, -1.0, 0.0, np.nan, np.inf, 5.0], F32),
            arr([0.0, 0.0, 0.0, 2.0, 3.0, np.inf], F32),
            "float32 by zero/nan/inf",
        )
        add_binary_case(A, op, fn, kind, arr([5, -5, 0, -2147483648], I32), arr([0, 0, 0, -1], I32), "int32 by zero and INT_MIN/-1")
        add_binary_case(A, op, fn, kind, arr(xs, I32), -3, "int32 by weak -3")
        add_binary_case(A, op, fn, kind, -7, arr(ys, I32), "weak -7 by int32")

    # power corners: NumPy (C pow) gives 1 for 1 ** nan, 1 ** +-inf, (-1) ** +-inf and nan ** 0
    pb = [0.0, 0.0, -8.0, np.inf, np.nan, 1.0, 1.0, -1.0, 1.0, -1.0, -0.0, 2.0, -2.0, 0.5]
    pe = [0.0, -1.0, 1 / 3, -1.0, 0.0, np.nan, np.inf, np.inf, -np.inf, -np.inf, -1.0, -np.inf, 3.0, np.inf]
    for dt in (F32, F64):
        add_binary_case(A, "power", np.power, "no-bool", arr(pb, dt), arr(pe, dt), f"special values {dt}")
    add_binary_case(
        A, "power", np.power, "no-bool", arr([0, 2, -2, 1, -1, 0], I32), arr([0, 0, 3, 30, 31, 5], I32), "int32 zero exponents and signs"
    )

    case(
        A,
        "mod of a float32 product of square roots (float32 rounding decides the result)",
        "(a) => np.mod(np.multiply(np.sqrt(a), np.sqrt(a)), 1)",
        [arr([6, 2, 3, 5, 7], F32)],
        lambda a: np.mod(np.sqrt(a) * np.sqrt(a), np.float32(1)),
    )

    # int32 overflow wraps
    big = arr([2147483647, -2147483648, 2147483000, -5, 65536, 46341], I32)
    big2 = arr([1, -1, 1000, -2147483647, 65536, 46341], I32)
    for op in ("add", "subtract", "multiply"):
        fn, kind = BINARY[op]
        add_binary_case(A, op, fn, kind, big, big2, "int32 overflow wraps")
    add_binary_case(A, "add", np.add, "any", big, 1, "int32 + weak 1 wraps")
    add_binary_case(A, "power", np.power, "no-bool", arr([2, 3, -2, 7, 10], I32), arr([31, 21, 33, 12, 10], I32), "int32 power wraps")
    case(
        A,
        "negative int32 INT_MIN wraps",
        "(a) => np.negative(a)",
        [arr([-2147483648, 2147483647, 0], I32)],
        arr([-2147483648, -2147483647, 0], I32),
    )
    case(A, "abs int32 INT_MIN wraps", "(a) => np.abs(a)", [arr([-2147483648, -3, 4], I32)], arr([-2147483648, 3, 4], I32))

    # NaN propagation in maximum/minimum
    na = arr([np.nan, 1.0, np.nan, -np.inf, 2.0], F32)
    nb = arr([1.0, np.nan, np.nan, 0.0, np.inf], F32)
    for op in ("maximum", "minimum"):
        fn, kind = BINARY[op]
        add_binary_case(A, op, fn, kind, na, nb, "nan propagates")
        add_binary_case(A, op, fn, kind, na, 0, "nan propagates with weak 0")

    gen_unary(A)
    gen_where_clip_round(A)

    # views as inputs: transposed, reversed, strided (eager takes the strided paths)
    x = rand((4, 6), F32)
    y = rand((6, 4), F32)
    case(
        A,
        "add transposed view + contiguous",
        "(x, y) => np.add(x, y)",
        [Input(x, ("x => x.T", lambda v: v.T)), y],
        lambda a, b: finish(wide(a) + wide(b), F32),
    )
    case(
        A,
        "multiply reversed view * strided view",
        "(x, y) => np.multiply(x, y)",
        [Input(x, ("x => x.slice('::-1', '::2')", lambda v: v[::-1, ::2])), Input(y, ("y => y.slice('1:5', ':3')", lambda v: v[1:5, :3]))],
        lambda a, b: finish(wide(a) * wide(b), F32),
    )
    case(A, "exp of transposed view", "(x) => np.exp(x)", [Input(x, ("x => x.T", lambda v: v.T))], lambda a: finish(np.exp(wide(a)), F32))
    case(
        A,
        "greater broadcast view vs scalar",
        "(x) => np.greater(x, 0)",
        [Input(x, ("x => x.slice(1, '::-2')", lambda v: v[1, ::-2]))],
        lambda a: a > 0,
    )


UNARY_FLOAT = {
    # js name: (numpy function, (lo, hi) data range)
    "sqrt": (np.sqrt, (0, 9)),
    "exp": (np.exp, (-5, 5)),
    "exp2": (np.exp2, (-5, 5)),
    "expm1": (np.expm1, (-2, 2)),
    "log": (np.log, (0.01, 10)),
    "log2": (np.log2, (0.01, 10)),
    "log10": (np.log10, (0.01, 10)),
    "log1p": (np.log1p, (-0.9, 5)),
    "sin": (np.sin, (-6, 6)),
    "cos": (np.cos, (-6, 6)),
    "tan": (np.tan, (-1.4, 1.4)),
    "arcsin": (np.arcsin, (-1, 1)),
    "arccos": (np.arccos, (-1, 1)),
    "arctan": (np.arctan, (-5, 5)),
    "sinh": (np.sinh, (-3, 3)),
    "cosh": (np.cosh, (-3, 3)),
    "tanh": (np.tanh, (-4, 4)),
    "arcsinh": (np.arcsinh, (-5, 5)),
    "arccosh": (np.arccosh, (1, 6)),
    "arctanh": (np.arctanh, (-0.95, 0.95)),
}
SPECIAL = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, -1.0, 0.5, 1e-6, -1e-6, 30.0, -30.0, 100.0, -100.0]


def gen_unary(A):
    for op, (fn, (lo, hi)) in UNARY_FLOAT.items():
        for dt in (F32, F64):
            case(A, f"{op} {dt}", f"(x) => np.{op}(x)", [rand((2, 5), dt, lo, hi)], lambda a, dt=dt, fn=fn: finish(fn(wide(a)), dt))
        case(
            A,
            f"{op} int32 -> float32",
            f"(x) => np.{op}(x)",
            [rand((6,), I32, max(lo, -3), min(hi, 3))],
            lambda a, fn=fn: finish(fn(wide(a)), F32),
        )
        case(A, f"{op} special values float32", f"(x) => np.{op}(x)", [arr(SPECIAL, F32)], lambda a, fn=fn: finish(fn(wide(a)), F32))
        case(A, f"{op} special values float64", f"(x) => np.{op}(x)", [arr(SPECIAL, F64)], lambda a, fn=fn: finish(fn(wide(a)), F64))
    case(A, "sqrt bool -> float32", "(x) => np.sqrt(x)", [arr([True, False], B)], arr([1, 0], F32))
    case(A, "exp 0-d float32", "(x) => np.exp(x)", [arr(1.5, F32)], lambda a: finish(np.exp(wide(a)), F32))
    case(A, "exp size-0", "(x) => np.exp(x)", [np.zeros((0, 3), np.float32)], np.zeros((0, 3), np.float32))
    case(A, "exp weak scalar -> float32", "() => np.exp(1)", [], arr(math.e, F32))

    other = {
        "negative": (np.negative, (F32, F64, I32)),
        "abs": (np.abs, (F32, F64, I32, B)),
        "sign": (np.sign, (F32, F64, I32)),
        "floor": (np.floor, (F32, F64, I32)),
        "ceil": (np.ceil, (F32, F64, I32)),
        "square": (np.square, (F32, F64, I32)),
    }
    for op, (fn, dts) in other.items():
        for dt in dts:
            case(A, f"{op} {dt}", f"(x) => np.{op}(x)", [rand((3, 4), dt)], lambda a, fn=fn, dt=dt: finish(fn(wide(a)), dt))
        case(A, f"{op} special values float32", f"(x) => np.{op}(x)", [arr(SPECIAL, F32)], lambda a, fn=fn: finish(fn(wide(a)), F32))
    case(A, "square bool -> int32", "(x) => np.square(x)", [arr([True, False], B)], arr([1, 0], I32))
    for dt in (F32, F64):
        case(
            A,
            f"reciprocal {dt}",
            "(x) => np.reciprocal(x)",
            [arr([2, -4, 0.5, 0.0, -0.0, np.inf, np.nan, 3], dt)],
            lambda a, dt=dt: finish(1.0 / wide(a), dt),
        )
    case(A, "reciprocal int32 -> float32", "(x) => np.reciprocal(x)", [arr([1, 2, -4, 3], I32)], arr([1, 0.5, -0.25, 1 / 3], F32))
    for op, fn in (("isnan", np.isnan), ("isinf", np.isinf), ("isfinite", np.isfinite)):
        for dt in (F32, F64):
            case(A, f"{op} {dt}", f"(x) => np.{op}(x)", [arr(SPECIAL, dt)], lambda a, fn=fn: fn(a))
        case(A, f"{op} int32", f"(x) => np.{op}(x)", [rand((4,), I32)], lambda a, fn=fn: fn(a))
        case(A, f"{op} bool", f"(x) => np.{op}(x)", [rand((3,), B)], lambda a, fn=fn: fn(a))
    for dt in (B, I32, F32):
        case(
            A,
            f"logicalNot {dt}",
            "(x) => np.logicalNot(x)",
            [arr([0, 1, 0, 1] if dt == B else [0, 2, -1, 0], dt)],
            lambda a: np.logical_not(a),
        )
    case(A, "logicalNot nan is truthy", "(x) => np.logicalNot(x)", [arr([np.nan, 0.0], F32)], arr([False, True], B))
    for op in ("negative", "sign"):
        err(A, f"{op} bool is a DTypeError", f"(x) => np.{op}(x)", [arr([True], B)], "DTypeError", "NJ202")
    err(A, "subtract bool bool is a DTypeError", "(a, b) => np.subtract(a, b)", [arr([True], B), arr([False], B)], "DTypeError", "NJ202")
    err(
        A,
        "add broadcast failure",
        "(a, b) => np.add(a, b)",
        [rand((2, 3), F32), rand((4,), F32)],
        "ShapeError",
        "NJ101",
        contains=["add", "(2, 3)", "(4,)"],
    )
    err(
        A,
        "multiply broadcast failure 3-d",
        "(a, b) => np.multiply(a, b)",
        [rand((2, 3, 4), F32), rand((3, 3), F32)],
        "ShapeError",
        "NJ101",
        contains=["multiply", "(2, 3, 4)", "(3, 3)"],
    )
    err(A, "less broadcast failure", "(a, b) => np.less(a, b)", [rand((2,), I32), rand((3,), I32)], "ShapeError", "NJ101")
    err(
        A,
        "where broadcast failure",
        "(c, a, b) => np.where(c, a, b)",
        [rand((2,), B), rand((3,), F32), rand((2,), F32)],
        "ShapeError",
        "NJ101",
    )


def gen_where_clip_round(A):
    c, x, y = rand((3, 4), B), rand((3, 4), F32), rand((3, 4), F32)
    case(A, "where same shapes", "(c, x, y) => np.where(c, x, y)", [c, x, y], lambda c, x, y: np.where(c, x, y))
    c2, xi, yd = rand((3, 1), B), rand((4,), I32), rand((1, 4), F64)
    case(
        A,
        "where broadcast, int32 vs float64 -> float64",
        "(c, x, y) => np.where(c, x, y)",
        [c2, xi, yd],
        lambda c, x, y: np.where(c, x.astype(np.float64), y),
    )
    case(A, "where with weak scalars keeps float32", "(c, x) => np.where(c, x, 0)", [c, x], lambda c, x: np.where(c, x, np.float32(0)))
    case(
        A,
        "where int condition (truthiness)",
        "(c, x, y) => np.where(c, x, y)",
        [arr([0, 2, -1, 0], I32), rand((4,), I32), rand((4,), I32)],
        lambda c, x, y: np.where(c != 0, x, y),
    )
    case(A, "where two weak scalars -> int32", "(c) => np.where(c, 1, 2)", [rand((5,), B)], lambda c: np.where(c, 1, 2).astype(np.int32))
    case(
        A,
        "where weak 1 vs weak 2.5 -> float32",
        "(c) => np.where(c, 1, 2.5)",
        [rand((5,), B)],
        lambda c: np.where(c, 1, 2.5).astype(np.float32),
    )
    case(
        A,
        "where bool branches",
        "(c, x, y) => np.where(c, x, y)",
        [rand((4,), B), rand((4,), B), rand((4,), B)],
        lambda c, x, y: np.where(c, x, y),
    )
    case(A, "where scalar true condition", "(x) => np.where(true, x, 0)", [rand((3,), I32)], lambda x: x)
    case(A, "where scalar condition both weak", "() => np.where(false, 1, 2.5)", [], arr(2.5, F32))
    case(A, "where nan branches", "(c, x) => np.where(c, x, NaN)", [arr([True, False], B), arr([1, 2], F32)], arr([1, np.nan], F32))

    v = rand((3, 5), F32, -4, 4)
    case(A, "clip float32 scalars", "(x) => np.clip(x, -1, 2.5)", [v], lambda a: np.clip(a, np.float32(-1), np.float32(2.5)))
    case(A, "clip null lower", "(x) => np.clip(x, null, 1)", [v], lambda a: np.minimum(a, np.float32(1)))
    case(A, "clip null upper", "(x) => np.clip(x, 0.5, null)", [v], lambda a: np.maximum(a, np.float32(0.5)))
    case(
        A,
        "clip array bounds broadcast",
        "(x, lo, hi) => np.clip(x, lo, hi)",
        [v, rand((5,), F32, -3, 0), rand((3, 1), F32, 0, 3)],
        lambda a, lo, hi: np.minimum(np.maximum(a, lo), hi),
    )
    case(A, "clip int32 with weak ints", "(x) => np.clip(x, -2, 3)", [rand((8,), I32, -6, 6)], lambda a: np.clip(a, -2, 3).astype(np.int32))
    case(
        A,
        "clip int32 with weak 0.5 -> float32",
        "(x) => np.clip(x, 0.5, 3)",
        [rand((8,), I32, -6, 6)],
        lambda a: np.clip(a.astype(np.float32), np.float32(0.5), np.float32(3)),
    )
    case(A, "clip min > max gives max", "(x) => np.clip(x, 3, 1)", [v], lambda a: np.full(a.shape, 1, np.float32))
    case(A, "clip nan passes through", "(x) => np.clip(x, 0, 1)", [arr([np.nan, -1, 2, 0.5], F32)], arr([np.nan, 0, 1, 0.5], F32))

    halves = [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 2.4999, 2.5001, -3.5, 4.5, 1e6 + 0.5, 0.0, np.nan, np.inf]
    for dt in (F32, F64):
        case(A, f"round half to even {dt}", "(x) => np.round(x)", [arr(halves, dt)], lambda a: np.rint(a))
    vals = [1.25, 1.35, 2.675, -1.25, 0.125, 12.345, 1234.5, -0.05, 0.15, 99.995]
    for d in (1, 2, -1, -2):
        for dt in (F32, F64):
            case(A, f"round decimals={d} {dt}", f"(x) => np.round(x, {d})", [arr(vals, dt)], lambda a, d=d: np.round(a, d))
    case(
        A,
        "round decimals=-1 int32",
        "(x) => np.round(x, -1)",
        [arr([14, 15, 25, -15, -14, 35, 5, 6], I32)],
        lambda a: np.round(a, -1).astype(np.int32),
    )
    case(A, "round int32 identity", "(x) => np.round(x)", [rand((5,), I32)], lambda a: a)
    case(A, "round decimals=2 int32 identity", "(x) => np.round(x, 2)", [rand((5,), I32)], lambda a: a)
    case(A, "round method", "(x) => x.round(1)", [arr(vals, F64)], lambda a: np.round(a, 1))


# ---------------------------------------------------------------------------------------------
# creation


def gen_creation():
    A = "creation"

    def c(name, src, expected, **kw):
        case(A, name, src, [], expected, **kw)

    c("array nested numbers -> float32", "() => np.array([[1, 2, 3], [4, 5, 6]])", arr([[1, 2, 3], [4, 5, 6]], F32))
    c("array flat", "() => np.array([1.5, -2, 3.25])", arr([1.5, -2, 3.25], F32))
    c("array float32 rounding", "() => np.array([0.1, 1e-8, 16777217])", arr([0.1, 1e-8, 16777217], F32))
    c("array 3-d", "() => np.array([[[1], [2]], [[3], [4]]])", arr([[[1], [2]], [[3], [4]]], F32))
    c("array booleans -> bool", "() => np.array([true, false, true])", arr([True, False, True], B))
    c("array nested booleans", "() => np.array([[true], [false]])", arr([[True], [False]], B))
    c("array mixed bool and number -> float32", "() => np.array([true, 2, 0])", arr([1, 2, 0], F32))
    c("array dtype int32 truncates", "() => np.array([1.7, -2.7, 3], { dtype: 'int32' })", arr([1, -2, 3], I32))
    c("array dtype float64 keeps precision", "() => np.array([0.1, 1e-300], { dtype: 'float64' })", arr([0.1, 1e-300], F64))
    c("array dtype bool", "() => np.array([0, 2, -1], { dtype: 'bool' })", arr([False, True, True], B))
    c("array dtype bool of nan is true", "() => np.array([NaN, 0], { dtype: 'bool' })", arr([True, False], B))
    c("array scalar number -> 0-d float32", "() => np.array(2.5)", arr(2.5, F32))
    c("array scalar integer -> 0-d float32", "() => np.array(3)", arr(3, F32))
    c("array scalar bool -> 0-d bool", "() => np.array(true)", arr(True, B))
    c("array scalar with dtype int32", "() => np.array(7, { dtype: 'int32' })", arr(7, I32))
    c("array empty list", "() => np.array([])", np.zeros((0,), np.float32))
    c("array list of empty lists", "() => np.array([[], []])", np.zeros((2, 0), np.float32))
    c("array nan and infinity", "() => np.array([NaN, Infinity, -Infinity])", arr([np.nan, np.inf, -np.inf], F32))
    c("array Float32Array", "() => np.array(new Float32Array([1.5, 2, 3]))", arr([1.5, 2, 3], F32))
    c("array Float64Array -> float64", "() => np.array(new Float64Array([0.1, 2]))", arr([0.1, 2], F64))
    c("array Int32Array -> int32", "() => np.array(new Int32Array([1, -2, 3]))", arr([1, -2, 3], I32))
    c("array Int32Array with dtype float32", "() => np.array(new Int32Array([1, -2]), { dtype: 'float32' })", arr([1, -2], F32))
    c("array Float64Array with dtype int32", "() => np.array(new Float64Array([1.9, -1.9]), { dtype: 'int32' })", arr([1, -1], I32))
    c(
        "array Float32Array then reshape",
        "() => np.array(new Float32Array([1, 2, 3, 4, 5, 6])).reshape(2, 3)",
        arr([[1, 2, 3], [4, 5, 6]], F32),
    )
    c("array of NDArray copies", "() => np.array(np.arange(3))", arr([0, 1, 2], I32))
    c("array of NDArray with dtype", "() => np.array(np.arange(3), { dtype: 'float64' })", arr([0, 1, 2], F64))
    c("array dtype alias f64", "() => np.array([1, 2], { dtype: 'f64' })", arr([1, 2], F64))
    c("asarray of nested", "() => np.asarray([[1, 2]])", arr([[1, 2]], F32))
    c("asarray with dtype", "() => np.asarray([1, 2], { dtype: 'int32' })", arr([1, 2], I32))
    c("asarray of NDArray with dtype converts", "() => np.asarray(np.arange(3), { dtype: 'float32' })", arr([0, 1, 2], F32))
    case(A, "asarray passes an NDArray input through", "(x) => np.asarray(x)", [rand((2, 3), F64)], lambda x: x)
    case(A, "array copies a strided input", "(x) => np.array(x)", [Input(rand((3, 4), I32), ("x => x.T", lambda v: v.T))], lambda x: x)

    for fname, val in (("zeros", 0), ("ones", 1)):
        c(f"{fname} list shape", f"() => np.{fname}([2, 3])", np.full((2, 3), val, np.float32))
        c(f"{fname} number shape", f"() => np.{fname}(4)", np.full((4,), val, np.float32))
        c(f"{fname} 0-d", f"() => np.{fname}([])", np.full((), val, np.float32))
        c(f"{fname} size-0", f"() => np.{fname}([0, 3])", np.full((0, 3), val, np.float32))
        for dt in (I32, B, F64):
            c(f"{fname} dtype {dt}", f"() => np.{fname}([3], {{ dtype: '{dt}' }})", np.full((3,), val, NPD[dt]))
        for dt in (F32, I32, B):
            case(A, f"{fname}Like {dt}", f"(x) => np.{fname}Like(x)", [rand((2, 2), dt)], np.full((2, 2), val, NPD[dt]))
        case(
            A,
            f"{fname}Like with dtype",
            f"(x) => np.{fname}Like(x, {{ dtype: 'float64' }})",
            [rand((3,), I32)],
            np.full((3,), val, np.float64),
        )
    c("full float", "() => np.full([2, 2], 7.5)", np.full((2, 2), 7.5, np.float32))
    c("full integer fill is float32", "() => np.full([3], 7)", np.full((3,), 7, np.float32))
    c("full bool fill", "() => np.full([2], true)", np.full((2,), True))
    c("full dtype int32", "() => np.full([2, 1], -3, { dtype: 'int32' })", np.full((2, 1), -3, np.int32))
    c("full nan", "() => np.full([2], NaN)", np.full((2,), np.nan, np.float32))
    case(A, "fullLike int32", "(x) => np.fullLike(x, 9)", [rand((2, 3), I32)], np.full((2, 3), 9, np.int32))
    case(A, "fullLike float64", "(x) => np.fullLike(x, 0.25)", [rand((2,), F64)], np.full((2,), 0.25, np.float64))
    c("empty shape and dtype", "() => np.empty([2, 3])", np.zeros((2, 3), np.float32), values_unspecified=True)
    c("empty int32", "() => np.empty(4, { dtype: 'int32' })", np.zeros((4,), np.int32), values_unspecified=True)
    case(A, "emptyLike", "(x) => np.emptyLike(x)", [rand((3, 1), F64)], np.zeros((3, 1), np.float64), values_unspecified=True)

    c("arange stop -> int32", "() => np.arange(5)", np.arange(5, dtype=np.int32))
    c("arange start stop step", "() => np.arange(1, 10, 3)", np.arange(1, 10, 3, dtype=np.int32))
    c("arange negative step", "() => np.arange(5, -3, -2)", np.arange(5, -3, -2, dtype=np.int32))
    c("arange empty", "() => np.arange(0)", np.arange(0, dtype=np.int32))
    c("arange empty when stop < start", "() => np.arange(5, 2)", np.arange(5, 2, dtype=np.int32))
    c("arange float step -> float32", "() => np.arange(0, 1, 0.1)", np.arange(0, 1, 0.1).astype(np.float32))
    c("arange float stop -> float32", "() => np.arange(2.5)", np.arange(2.5).astype(np.float32))
    c("arange float start", "() => np.arange(-1.5, 2)", np.arange(-1.5, 2).astype(np.float32))
    c("arange dtype float64", "() => np.arange(0, 1, 0.25, { dtype: 'float64' })", np.arange(0, 1, 0.25))
    c("arange dtype float32 with int args", "() => np.arange(0, 4, 1, { dtype: 'float32' })", np.arange(4, dtype=np.float32))
    c("linspace default 50", "() => np.linspace(0, 1)", np.linspace(0, 1).astype(np.float32))
    c("linspace 5", "() => np.linspace(-1, 1, 5)", np.linspace(-1, 1, 5).astype(np.float32))
    c("linspace endpoint false", "() => np.linspace(0, 1, 4, { endpoint: false })", np.linspace(0, 1, 4, endpoint=False).astype(np.float32))
    c("linspace num 1", "() => np.linspace(2, 5, 1)", np.linspace(2, 5, 1).astype(np.float32))
    c("linspace num 0", "() => np.linspace(2, 5, 0)", np.linspace(2, 5, 0).astype(np.float32))
    c("linspace descending float64", "() => np.linspace(10, -2, 7, { dtype: 'float64' })", np.linspace(10, -2, 7))
    c("linspace third steps float64", "() => np.linspace(0, 1, 4, { dtype: 'float64' })", np.linspace(0, 1, 4))
    c("linspace int32 rounds toward -inf", "() => np.linspace(-5, 5, 4, { dtype: 'int32' })", np.linspace(-5, 5, 4, dtype=np.int32))
    c("linspace int32 7 points", "() => np.linspace(-3, 4, 7, { dtype: 'int32' })", np.linspace(-3, 4, 7, dtype=np.int32))
    c("eye 3", "() => np.eye(3)", np.eye(3, dtype=np.float32))
    c("eye 2x4 k=1", "() => np.eye(2, 4, 1)", np.eye(2, 4, 1, dtype=np.float32))
    c("eye 4x3 k=-2", "() => np.eye(4, 3, -2)", np.eye(4, 3, -2, dtype=np.float32))
    c("eye k beyond width", "() => np.eye(2, 2, 5)", np.eye(2, 2, 5, dtype=np.float32))
    c("eye 0", "() => np.eye(0)", np.eye(0, dtype=np.float32))
    c("eye dtype int32", "() => np.eye(3, undefined, 0, { dtype: 'int32' })", np.eye(3, dtype=np.int32))
    c("identity 4", "() => np.identity(4)", np.identity(4, dtype=np.float32))
    c("identity bool", "() => np.identity(2, { dtype: 'bool' })", np.identity(2, dtype=np.bool_))

    for name, src, cls, code in [
        ("array ragged nested", "() => np.array([[1, 2], [3]])", "ArgumentError", "NJ302"),
        ("array ragged depth", "() => np.array([[1, 2], 3])", "ArgumentError", "NJ302"),
        ("array of a string element", "() => np.array([1, 'a'])", "ArgumentError", "NJ302"),
        ("array unsupported dtype", "() => np.array([1], { dtype: 'int64' })", "DTypeError", "NJ201"),
        ("zeros unsupported dtype", "() => np.zeros([2], { dtype: 'complex64' })", "DTypeError", "NJ201"),
        ("zeros negative dim", "() => np.zeros([2, -1])", "ShapeError", "NJ106"),
        ("ones fractional dim", "() => np.ones([1.5])", "ShapeError", "NJ106"),
        ("arange step zero", "() => np.arange(0, 5, 0)", "ArgumentError", "NJ301"),
        ("arange non-finite", "() => np.arange(0, Infinity)", "ArgumentError", "NJ301"),
        ("linspace negative num", "() => np.linspace(0, 1, -1)", "ArgumentError", "NJ301"),
    ]:
        case(A, name, src, [], error=(cls, code))
    for name, src, cls, code, contains in [
        ("array unsupported dtype names it", "() => np.array([1], { dtype: 'int64' })", "DTypeError", "NJ201", ["int64"]),
        ("zeros unsupported dtype names it", "() => np.zeros([2], { dtype: 'complex64' })", "DTypeError", "NJ201", ["complex64"]),
    ]:
        case(A, name, src, [], error=(cls, code), contains=contains)


# ---------------------------------------------------------------------------------------------
# reductions


def red_axis_js(axis):
    return js(axis)


def ref_reduce(kind, a, axis, keepdims, ddof=0):
    ax = tuple(axis) if isinstance(axis, list) else axis
    dt = str(a.dtype)
    if kind in ("sum", "prod"):
        out = I32 if dt == B else dt
        fn = np.sum if kind == "sum" else np.prod
        return finish(fn(wide(cast(a, out)), axis=ax, keepdims=keepdims), out)
    if kind in ("max", "min"):
        fn = np.max if kind == "max" else np.min
        return np.asarray(fn(a, axis=ax, keepdims=keepdims)).astype(a.dtype)
    if kind in ("mean", "var", "std"):
        out = to_float(dt)
        x = cast(a, out).astype(np.float64)
        fn = {"mean": np.mean, "var": np.var, "std": np.std}[kind]
        extra = {} if kind == "mean" else {"ddof": ddof}
        return finish(fn(x, axis=ax, keepdims=keepdims, **extra), out)
    if kind in ("all", "any"):
        fn = np.all if kind == "all" else np.any
        return np.asarray(fn(a, axis=ax, keepdims=keepdims)).astype(np.bool_)
    raise ValueError(kind)


def gen_reductions():
    A = "reductions"
    x = rand((3, 4, 5), F32)
    axes = [None, 0, 1, 2, -1, -2, [0, 2], [-1, 0], [0, 1, 2], []]
    kinds = ["sum", "prod", "mean", "max", "min", "var", "std", "all", "any"]
    for kind in kinds:
        for axis in axes:
            for keep in (False, True):
                if keep and axis not in (None, 1, [0, 2], -1):
                    continue
                data = x if kind not in ("all", "any") else rand((3, 4, 5), B)
                if kind == "prod":
                    data = rand((3, 4, 5), F32, 0.6, 1.4)
                opts = ", { keepdims: true }" if keep else ""
                case(
                    A,
                    f"{kind} axis={js(axis)}{' keepdims' if keep else ''}",
                    f"(x) => np.{kind}(x, {js(axis)}{opts})",
                    [data],
                    lambda a, kind=kind, axis=axis, keep=keep: ref_reduce(kind, a, axis, keep),
                )
        # dtypes
        for dt in (F64, I32, B):
            if kind in ("all", "any") and dt == F64:
                continue
            data = rand((4, 3), dt, 1, 3) if kind == "prod" else rand((4, 3), dt)
            for axis in (None, 0):
                case(
                    A,
                    f"{kind} {dt} axis={js(axis)}",
                    f"(x) => np.{kind}(x, {js(axis)})",
                    [data],
                    lambda a, kind=kind, axis=axis: ref_reduce(kind, a, axis, False),
                )
        # method form
        if kind not in ("all", "any"):
            case(
                A,
                f"{kind} method",
                f"(x) => x.{kind}(1)",
                [rand((2, 3), F32, 0.5, 1.5)],
                lambda a, kind=kind: ref_reduce(kind, a, 1, False),
            )
        # empty
        e = np.zeros((0, 3), np.float32)
        if kind in ("max", "min"):
            err(A, f"{kind} of empty axis", f"(x) => np.{kind}(x, 0)", [e], "ShapeError", "NJ108")
            err(A, f"{kind} of empty all", f"(x) => np.{kind}(x)", [e], "ShapeError", "NJ108")
            case(A, f"{kind} of non-empty axis of an empty array", f"(x) => np.{kind}(x, 1)", [e], np.zeros((0,), np.float32))
        else:
            for axis in (None, 0, 1):
                case(
                    A,
                    f"{kind} of empty axis={js(axis)}",
                    f"(x) => np.{kind}(x, {js(axis)})",
                    [e if kind not in ("all", "any") else e.astype(bool)],
                    lambda a, kind=kind, axis=axis: ref_reduce(kind, a, axis, False),
                )
        # size-1 dims and 0-d
        case(
            A,
            f"{kind} size-1 dims",
            f"(x) => np.{kind}(x, [0, 2])",
            [rand((1, 3, 1), F32, 0.5, 2) if kind not in ("all", "any") else rand((1, 3, 1), B)],
            lambda a, kind=kind: ref_reduce(kind, a, [0, 2], False),
        )
        case(
            A,
            f"{kind} 0-d",
            f"(x) => np.{kind}(x)",
            [arr(1.5, F32) if kind not in ("all", "any") else arr(True, B)],
            lambda a, kind=kind: ref_reduce(kind, a, None, False),
        )
        # views
        v = rand((4, 6), F32, 0.5, 1.5)
        case(
            A,
            f"{kind} of transposed reversed view axis=0",
            f"(x) => np.{kind}(x, 0)",
            [Input(v if kind not in ("all", "any") else v > 1, ("x => x.T.slice('::-1')", lambda t: t.T[::-1]))],
            lambda a, kind=kind: ref_reduce(kind, a, 0, False),
        )
        # errors
        err(
            A,
            f"{kind} axis out of range",
            f"(x) => np.{kind}(x, 2)",
            [rand((2, 3), F32)],
            "ShapeError",
            "NJ102",
            contains=["axis 2", "dimension 2"],
        )
        err(
            A,
            f"{kind} negative axis out of range",
            f"(x) => np.{kind}(x, -3)",
            [rand((2, 3), F32)],
            "ShapeError",
            "NJ102",
            contains=["axis -3", "dimension 2"],
        )
        err(A, f"{kind} duplicate axis", f"(x) => np.{kind}(x, [1, -1])", [rand((2, 3), F32)], "ShapeError", "NJ107")

    # NaN propagation
    n = arr([[1, np.nan, 3], [4, 5, 6], [np.nan, -np.inf, 2]], F32)
    for kind in ("max", "min", "sum", "mean"):
        for axis in (None, 0, 1):
            case(
                A,
                f"{kind} nan propagates axis={js(axis)}",
                f"(x) => np.{kind}(x, {js(axis)})",
                [n],
                lambda a, kind=kind, axis=axis: ref_reduce(kind, a, axis, False),
            )
    case(A, "max of all -inf", "(x) => np.max(x)", [arr([-np.inf, -np.inf], F32)], arr(-np.inf, F32))
    case(A, "any nan is true", "(x) => np.any(x)", [arr([0, np.nan], F32)], arr(True, B))
    case(A, "all float truthiness", "(x) => np.all(x, 0)", [arr([[1, 0.5], [2, 0]], F32)], arr([True, False], B))
    case(A, "sum int32 overflow wraps", "(x) => np.sum(x)", [arr([2147483647, 1, 10], I32)], arr(-2147483638, I32))
    case(
        A,
        "prod int32 overflow wraps",
        "(x) => np.prod(x)",
        [arr([65536, 65536, 3, 7], I32)],
        finish(np.prod(np.array([65536, 65536, 3, 7], np.int64)), I32),
    )
    big = arr([123456789, 987654321, 55555, 77777, 31, 999999937], I32)
    case(A, "prod int32 overflow wraps (large factors)", "(x) => np.prod(x)", [big], finish(np.prod(big.astype(np.int64)), I32))
    case(A, "sum bool -> int32", "(x) => np.sum(x, 0)", [rand((5, 2), B)], lambda a: a.sum(0).astype(np.int32))
    case(
        A,
        "sum dtype float64 option",
        "(x) => np.sum(x, null, { dtype: 'float64' })",
        [rand((7,), F32)],
        lambda a: finish(wide(a).sum(), F64),
    )
    case(A, "sum dtype int32 option truncates", "(x) => np.sum(x, null, { dtype: 'int32' })", [arr([1.7, 2.9, -0.5], F32)], arr(3, I32))
    case(A, "mean int32 -> float32", "(x) => np.mean(x)", [arr([1, 2, 4], I32)], arr(7 / 3, F32))
    case(A, "mean bool -> float32", "(x) => np.mean(x, 0)", [rand((4, 3), B)], lambda a: finish(a.mean(0), F32))
    case(A, "mean float64", "(x) => np.mean(x, -1, { keepdims: true })", [rand((2, 5), F64)], lambda a: a.mean(-1, keepdims=True))
    for ddof in (1, 2):
        for kind in ("var", "std"):
            case(
                A,
                f"{kind} ddof={ddof}",
                f"(x) => np.{kind}(x, 1, {{ ddof: {ddof} }})",
                [rand((3, 4), F32)],
                lambda a, kind=kind, ddof=ddof: ref_reduce(kind, a, 1, False, ddof),
            )
    case(A, "var ddof >= n is inf or nan", "(x) => np.var(x, 0, { ddof: 2 })", [arr([[1, 1], [3, 1]], F32)], arr([np.inf, np.nan], F32))
    case(A, "var int32 -> float32", "(x) => np.var(x)", [rand((6,), I32)], lambda a: ref_reduce("var", a, None, False))
    case(A, "max bool", "(x) => np.max(x, 1)", [rand((3, 2), B)], lambda a: a.max(1))
    case(A, "min int32 keepdims", "(x) => np.min(x, 0, { keepdims: true })", [rand((3, 2), I32)], lambda a: a.min(0, keepdims=True))

    # argmax / argmin
    for kind, fn in (("argmax", np.argmax), ("argmin", np.argmin)):
        y = rand((3, 4, 5), F32)
        for axis in (None, 0, 1, 2, -1):
            case(
                A,
                f"{kind} axis={js(axis)}",
                f"(x) => np.{kind}(x, {js(axis)})",
                [y],
                lambda a, fn=fn, axis=axis: np.asarray(fn(a, axis=axis)).astype(np.int32),
            )
        for axis in (None, 1):
            case(
                A,
                f"{kind} axis={js(axis)} keepdims",
                f"(x) => np.{kind}(x, {js(axis)}, {{ keepdims: true }})",
                [y],
                lambda a, fn=fn, axis=axis: np.asarray(fn(a, axis=axis, keepdims=True)).astype(np.int32),
            )
        ties = arr([[1, 3, 3, 0], [2, 2, 2, 2], [0, -1, 5, 5]], I32)
        case(A, f"{kind} ties pick first int32", f"(x) => np.{kind}(x, 1)", [ties], lambda a, fn=fn: fn(a, axis=1).astype(np.int32))
        nn_ = arr([[1, np.nan, 3, np.nan], [4, 5, 6, 0], [np.nan, -np.inf, np.inf, 2]], F32)
        for axis in (None, 0, 1):
            case(
                A,
                f"{kind} nan wins axis={js(axis)}",
                f"(x) => np.{kind}(x, {js(axis)})",
                [nn_],
                lambda a, fn=fn, axis=axis: np.asarray(fn(a, axis=axis)).astype(np.int32),
            )
        case(
            A,
            f"{kind} bool",
            f"(x) => np.{kind}(x)",
            [arr([False, True, True], B)],
            np.asarray(fn(np.array([False, True, True]))).astype(np.int32),
        )
        case(
            A,
            f"{kind} float64 of view",
            f"(x) => np.{kind}(x, 0)",
            [Input(rand((3, 4), F64), ("x => x.T", lambda t: t.T))],
            lambda a, fn=fn: fn(a, axis=0).astype(np.int32),
        )
        case(A, f"{kind} method", f"(x) => x.{kind}(-1)", [y], lambda a, fn=fn: fn(a, axis=-1).astype(np.int32))
        err(A, f"{kind} of empty", f"(x) => np.{kind}(x)", [np.zeros((0,), np.float32)], "ShapeError", "NJ108")
        err(A, f"{kind} of empty axis", f"(x) => np.{kind}(x, 0)", [np.zeros((0, 2), np.float32)], "ShapeError", "NJ108")
        err(A, f"{kind} axis out of range", f"(x) => np.{kind}(x, 3)", [y], "ShapeError", "NJ102")
        case(A, f"{kind} size-1 axis", f"(x) => np.{kind}(x, 0)", [rand((1, 3), F32)], np.zeros((3,), np.int32))

    # cumsum / cumprod
    for kind, fn in (("cumsum", np.cumsum), ("cumprod", np.cumprod)):
        z = rand((3, 4), F32, 0.5, 1.5)
        for axis in (None, 0, 1, -1, -2):
            case(
                A,
                f"{kind} axis={js(axis)}",
                f"(x) => np.{kind}(x, {js(axis)})",
                [z],
                lambda a, fn=fn, axis=axis: finish(fn(wide(a), axis=axis), F32),
            )
        for dt in (F64, I32):
            case(
                A,
                f"{kind} {dt}",
                f"(x) => np.{kind}(x, 1)",
                [rand((2, 5), dt, 1, 3)],
                lambda a, fn=fn, dt=dt: finish(fn(wide(a), axis=1), dt),
            )
        case(
            A,
            f"{kind} bool -> int32",
            f"(x) => np.{kind}(x, 0)",
            [rand((5, 2), B)],
            lambda a, fn=fn: finish(fn(a.astype(np.int64), axis=0), I32),
        )
        case(
            A,
            f"{kind} 3-d middle axis",
            f"(x) => np.{kind}(x, 1)",
            [rand((2, 3, 2), F32, 0.5, 1.5)],
            lambda a, fn=fn: finish(fn(wide(a), axis=1), F32),
        )
        case(
            A,
            f"{kind} of reversed view",
            f"(x) => np.{kind}(x, 0)",
            [Input(z, ("x => x.slice('::-1', '::2')", lambda t: t[::-1, ::2]))],
            lambda a, fn=fn: finish(fn(wide(a), axis=0), F32),
        )
        case(A, f"{kind} empty", f"(x) => np.{kind}(x, 0)", [np.zeros((0, 2), np.float32)], np.zeros((0, 2), np.float32))
        case(A, f"{kind} 0-d flattens", f"(x) => np.{kind}(x)", [arr(2.5, F32)], arr([2.5], F32))
        case(A, f"{kind} nan propagates", f"(x) => np.{kind}(x)", [arr([1, 2, np.nan, 3], F32)], lambda a, fn=fn: finish(fn(wide(a)), F32))
        case(A, f"{kind} method", f"(x) => x.{kind}(0)", [z], lambda a, fn=fn: finish(fn(wide(a), axis=0), F32))
        err(A, f"{kind} axis out of range", f"(x) => np.{kind}(x, 2)", [z], "ShapeError", "NJ102")
    case(
        A,
        "cumsum int32 overflow wraps",
        "(x) => np.cumsum(x)",
        [arr([2147483647, 1, 5, -10], I32)],
        finish(np.cumsum(np.array([2147483647, 1, 5, -10], np.int64)), I32),
    )
    case(A, "cumprod int32 overflow wraps", "(x) => np.cumprod(x)", [big], finish(np.cumprod(big.astype(np.int64)), I32))


# ---------------------------------------------------------------------------------------------
# shape ops


def gen_shape_ops():
    A = "shape"
    x = rand((2, 3, 4), F32)
    xi = rand((2, 3, 4), I32)

    for args, shape in [
        ("6, 4", (6, 4)),
        ("[4, 6]", (4, 6)),
        ("-1", (-1,)),
        ("2, -1", (2, -1)),
        ("[-1, 3, 2]", (-1, 3, 2)),
        ("24", (24,)),
        ("1, 24, 1", (1, 24, 1)),
        ("[2, 3, 4]", (2, 3, 4)),
    ]:
        case(A, f"reshape ({args})", f"(x) => np.reshape(x, {args})", [x], lambda a, s=shape: a.reshape(s))
    case(A, "reshape method varargs", "(x) => x.reshape(4, -1)", [xi], lambda a: a.reshape(4, -1))
    case(A, "reshape to 0-d", "(x) => x.reshape([])", [arr([5], F32)], arr(5, F32))
    case(A, "reshape 0-d to 1x1", "(x) => np.reshape(x, [1, 1])", [arr(5, I32)], arr([[5]], I32))
    case(A, "reshape size-0", "(x) => np.reshape(x, [3, 0, 2])", [np.zeros((0, 6), np.float32)], np.zeros((3, 0, 2), np.float32))
    case(
        A, "reshape of transposed view", "(x) => np.reshape(x, [4, 6])", [Input(x, ("x => x.T", lambda t: t.T))], lambda a: a.reshape(4, 6)
    )
    err(A, "reshape size-0 with -1 is ambiguous", "(x) => np.reshape(x, [0, -1])", [np.zeros((0, 3), np.float32)], "ShapeError", "NJ103")
    err(A, "reshape size mismatch", "(x) => np.reshape(x, [5, 5])", [x], "ShapeError", "NJ103", contains=["(2, 3, 4)", "(5, 5)"])
    err(A, "reshape two -1", "(x) => np.reshape(x, [-1, -1])", [x], "ShapeError", "NJ103")
    err(A, "reshape -1 not divisible", "(x) => np.reshape(x, [5, -1])", [x], "ShapeError", "NJ103")

    for axes in (None, [1, 0, 2], [2, 0, 1], [-1, 0, 1], [0, 1, 2]):
        src = f"(x) => np.transpose(x{'' if axes is None else ', ' + js(axes)})"
        case(A, f"transpose {js(axes)}", src, [x], lambda a, axes=axes: np.transpose(a, axes))
    case(A, "T property", "(x) => x.T", [xi], lambda a: a.T)
    case(A, "transpose 1-d", "(x) => np.transpose(x)", [rand((4,), F32)], lambda a: a)
    case(A, "transpose 0-d", "(x) => np.transpose(x)", [arr(3, F64)], lambda a: a)
    case(A, "transpose size-0", "(x) => np.transpose(x)", [np.zeros((2, 0, 3), np.int32)], np.zeros((3, 0, 2), np.int32))
    err(A, "transpose bad perm", "(x) => np.transpose(x, [0, 0, 1])", [x], "ShapeError", "NJ106")
    err(A, "transpose wrong length", "(x) => np.transpose(x, [1, 0])", [x], "ShapeError", "NJ106")
    err(A, "transpose axis out of range", "(x) => np.transpose(x, [0, 1, 3])", [x], "ShapeError", "NJ102")

    for axis in (0, 1, 3, -1, -4, [0, 2], [-1, 0]):
        case(
            A,
            f"expandDims {js(axis)}",
            f"(x) => np.expandDims(x, {js(axis)})",
            [x],
            lambda a, axis=axis: np.expand_dims(a, tuple(axis) if isinstance(axis, list) else axis),
        )
    case(A, "expandDims 0-d", "(x) => np.expandDims(x, 0)", [arr(2, I32)], arr([2], I32))
    err(A, "expandDims axis out of range", "(x) => np.expandDims(x, 4)", [x], "ShapeError", "NJ102")
    y = rand((1, 3, 1, 2), F32)
    for axis in (None, 0, 2, [0, 2], -2):
        case(
            A,
            f"squeeze {js(axis)}",
            f"(x) => np.squeeze(x{'' if axis is None else ', ' + js(axis)})",
            [y],
            lambda a, axis=axis: np.squeeze(a, tuple(axis) if isinstance(axis, list) else axis),
        )
    case(A, "squeeze all-ones to 0-d", "(x) => np.squeeze(x)", [arr([[7]], F32)], arr(7, F32))
    err(A, "squeeze non-1 axis", "(x) => np.squeeze(x, 1)", [y], "ShapeError", "NJ106")
    err(A, "squeeze axis out of range", "(x) => np.squeeze(x, 4)", [y], "ShapeError", "NJ102")

    for src_shape, to in [
        ((3,), (2, 3)),
        ((3, 1), (3, 4)),
        ((), (2, 2)),
        ((1, 1), (2, 3, 1)),
        ((2, 1, 3), (4, 2, 5, 3)),
        ((1,), (0,)),
        ((2, 3), (2, 3)),
    ]:
        case(
            A,
            f"broadcastTo {short(src_shape)} -> {short(to)}",
            f"(x) => np.broadcastTo(x, {js(list(to))})",
            [rand(src_shape, F32)],
            lambda a, to=to: np.broadcast_to(a, to),
        )
    case(
        A,
        "broadcastTo then add (stride-0 view input)",
        "(x, y) => np.add(np.broadcastTo(x, [3, 4]), y)",
        [rand((4,), I32), rand((3, 4), I32)],
        lambda a, b: finish(np.broadcast_to(a, (3, 4)).astype(np.int64) + b, I32),
    )
    err(A, "broadcastTo incompatible", "(x) => np.broadcastTo(x, [3, 4])", [rand((3,), F32)], "ShapeError", "NJ101")
    err(A, "broadcastTo fewer dims", "(x) => np.broadcastTo(x, [3])", [rand((2, 3), F32)], "ShapeError", "NJ101")

    case(A, "ravel", "(x) => np.ravel(x)", [x], lambda a: a.ravel())
    case(
        A,
        "ravel of transposed view (C order of the view)",
        "(x) => np.ravel(x)",
        [Input(x, ("x => x.T", lambda t: t.T))],
        lambda a: a.ravel(),
    )
    case(A, "ravel 0-d", "(x) => np.ravel(x)", [arr(True, B)], arr([True], B))
    case(
        A,
        "flatten method of reversed view",
        "(x) => x.flatten()",
        [Input(xi, ("x => x.slice('::-1')", lambda t: t[::-1]))],
        lambda a: a.ravel(),
    )

    a2, b2 = rand((2, 3), F32), rand((4, 3), F32)
    case(A, "concatenate axis 0", "(a, b) => np.concatenate([a, b])", [a2, b2], lambda a, b: np.concatenate([a, b]))
    case(
        A,
        "concatenate axis -1",
        "(a, b, c) => np.concatenate([a, b, c], -1)",
        [rand((2, 1), I32), rand((2, 3), I32), rand((2, 2), I32)],
        lambda a, b, c: np.concatenate([a, b, c], -1),
    )
    case(
        A,
        "concatenate axis null flattens",
        "(a, b) => np.concatenate([a, b], null)",
        [a2, rand((2,), F32)],
        lambda a, b: np.concatenate([a.ravel(), b]),
    )
    case(
        A,
        "concatenate promotes int32 + float32",
        "(a, b) => np.concatenate([a, b])",
        [rand((2,), I32), rand((3,), F32)],
        lambda a, b: np.concatenate([a.astype(np.float32), b]),
    )
    case(
        A,
        "concatenate promotes bool + int32",
        "(a, b) => np.concatenate([a, b])",
        [rand((2,), B), rand((3,), I32)],
        lambda a, b: np.concatenate([a.astype(np.int32), b]),
    )
    case(
        A,
        "concatenate promotes float32 + float64",
        "(a, b) => np.concatenate([a, b])",
        [rand((2,), F32), rand((1,), F64)],
        lambda a, b: np.concatenate([a.astype(np.float64), b]),
    )
    case(
        A,
        "concatenate with size-0",
        "(a, b) => np.concatenate([a, b], 1)",
        [np.zeros((2, 0), np.float32), rand((2, 2), F32)],
        lambda a, b: np.concatenate([a, b], 1),
    )
    case(A, "concatenate single", "(a) => np.concatenate([a])", [a2], lambda a: a)
    case(
        A,
        "concatenate transposed and reversed views",
        "(a, b) => np.concatenate([a, b], 1)",
        [Input(b2, ("a => a.T", lambda t: t.T)), Input(rand((2, 3), F32), ("b => b.slice(':', '::-1').T", lambda t: t[:, ::-1].T))],
        lambda a, b: np.concatenate([a, b], 1),
    )
    err(A, "concatenate shape mismatch", "(a, b) => np.concatenate([a, b], 1)", [a2, b2], "ShapeError", "NJ105")
    err(A, "concatenate rank mismatch", "(a, b) => np.concatenate([a, b])", [a2, rand((3,), F32)], "ShapeError", "NJ105")
    err(A, "concatenate 0-d", "(a, b) => np.concatenate([a, b])", [arr(1, F32), arr(2, F32)], "ShapeError", "NJ105")
    err(A, "concatenate axis out of range", "(a, b) => np.concatenate([a, b], 2)", [a2, a2], "ShapeError", "NJ102")
    err(A, "concatenate empty list", "() => np.concatenate([])", [], "ArgumentError", "NJ301")

    for axis in (0, 1, 2, -1, -3):
        case(
            A,
            f"stack axis {axis}",
            f"(a, b) => np.stack([a, b], {axis})",
            [a2, rand((2, 3), F32)],
            lambda a, b, axis=axis: np.stack([a, b], axis),
        )
    case(A, "stack 0-d", "(a, b, c) => np.stack([a, b, c])", [arr(1, I32), arr(2, I32), arr(3, I32)], arr([1, 2, 3], I32))
    case(
        A,
        "stack promotes",
        "(a, b) => np.stack([a, b])",
        [rand((2,), I32), rand((2,), F64)],
        lambda a, b: np.stack([a.astype(np.float64), b]),
    )
    err(A, "stack shape mismatch", "(a, b) => np.stack([a, b])", [a2, b2], "ShapeError", "NJ105")
    err(A, "stack axis out of range", "(a, b) => np.stack([a, a], 3)", [a2, a2], "ShapeError", "NJ102")

    s = rand((6, 4), F32)
    for arg, axis in [("3", 0), ("2", 1), ("[1, 4]", 0), ("[2]", 1), ("[-2]", 0), ("[0, 3, 3, 10]", 0), ("1", 0), ("[]", 1)]:
        pyarg = json.loads(arg)
        case(
            A,
            f"split {arg} axis {axis}",
            f"(x) => np.split(x, {arg}, {axis})",
            [s],
            lambda a, pyarg=pyarg, axis=axis: np.split(a, pyarg, axis),
        )
    case(A, "split of 1-d int32", "(x) => np.split(x, 5)", [rand((10,), I32)], lambda a: np.split(a, 5))
    err(A, "split unequal", "(x) => np.split(x, 4)", [s], "ShapeError", "NJ110")
    err(A, "split zero sections", "(x) => np.split(x, 0)", [s], "ShapeError", "NJ110")

    for axis in (None, 0, 1, -1, [0, 2]):
        case(
            A,
            f"flip {js(axis)}",
            f"(x) => np.flip(x{'' if axis is None else ', ' + js(axis)})",
            [x],
            lambda a, axis=axis: np.flip(a, tuple(axis) if isinstance(axis, list) else axis),
        )
    case(A, "flip twice restores", "(x) => np.flip(np.flip(x, 1), 1)", [xi], lambda a: a)
    case(
        A,
        "flip then add (negative strides)",
        "(x, y) => np.add(np.flip(x, 0), y)",
        [rand((3, 2), F32), rand((3, 2), F32)],
        lambda a, b: finish(wide(a[::-1]) + b, F32),
    )
    case(A, "flip size-0", "(x) => np.flip(x)", [np.zeros((0, 2), np.float32)], np.zeros((0, 2), np.float32))
    err(A, "flip axis out of range", "(x) => np.flip(x, 3)", [x], "ShapeError", "NJ102")

    for reps in (2, [2, 1], [1, 3], [2, 1, 2], [0, 2]):
        case(A, f"tile {js(reps)}", f"(x) => np.tile(x, {js(reps)})", [a2], lambda a, reps=reps: np.tile(a, reps))
    case(A, "tile 0-d", "(x) => np.tile(x, 3)", [arr(4, I32)], np.tile(np.int32(4), 3).astype(np.int32))
    err(A, "tile negative reps", "(x) => np.tile(x, -1)", [a2], "ArgumentError", "NJ301")

    for reps, axis in [(2, None), (3, 0), (2, 1), (2, -1), ([1, 0, 2], 1), ([2, 1], 0), (0, 0), ([3], 0)]:
        src = f"(x) => np.repeat(x, {js(reps)}{'' if axis is None else ', ' + js(axis)})"
        case(A, f"repeat {js(reps)} axis {js(axis)}", src, [a2], lambda a, reps=reps, axis=axis: np.repeat(a, reps, axis))
    case(A, "repeat bool", "(x) => np.repeat(x, 2)", [rand((3,), B)], lambda a: np.repeat(a, 2))
    err(A, "repeat wrong repeats length", "(x) => np.repeat(x, [1, 2], 1)", [a2], "ShapeError", "NJ106")
    err(A, "repeat negative", "(x) => np.repeat(x, -1)", [a2], "ArgumentError", "NJ301")

    for pw in (1, [1, 2], [[0, 1], [2, 0]], [[1, 1], [0, 0]], 0):
        case(A, f"pad {js(pw)}", f"(x) => np.pad(x, {js(pw)})", [a2], lambda a, pw=pw: np.pad(a, pw))
    case(
        A,
        "pad constant value",
        "(x) => np.pad(x, [[1, 0], [0, 2]], { constantValues: -1.5 })",
        [a2],
        lambda a: np.pad(a, [[1, 0], [0, 2]], constant_values=-1.5),
    )
    case(
        A, "pad int32 constant", "(x) => np.pad(x, 2, { constantValues: 7 })", [rand((3,), I32)], lambda a: np.pad(a, 2, constant_values=7)
    )
    case(A, "pad edge", "(x) => np.pad(x, [[1, 2], [2, 1]], { mode: 'edge' })", [a2], lambda a: np.pad(a, [[1, 2], [2, 1]], mode="edge"))
    case(A, "pad edge 1-d", "(x) => np.pad(x, 3, { mode: 'edge' })", [rand((2,), I32)], lambda a: np.pad(a, 3, mode="edge"))
    case(A, "pad size-0 axis constant", "(x) => np.pad(x, 1)", [np.zeros((0, 2), np.float32)], np.pad(np.zeros((0, 2), np.float32), 1))
    case(
        A,
        "pad of transposed view",
        "(x) => np.pad(x, [[0, 1], [1, 0]])",
        [Input(a2, ("x => x.T", lambda t: t.T))],
        lambda a: np.pad(a, [[0, 1], [1, 0]]),
    )
    err(A, "pad negative width", "(x) => np.pad(x, -1)", [a2], "ArgumentError", "NJ301")
    err(A, "pad wrong number of pairs", "(x) => np.pad(x, [[1, 1], [1, 1], [1, 1]])", [a2], "ShapeError", "NJ106")
    err(A, "pad edge of empty axis", "(x) => np.pad(x, 1, { mode: 'edge' })", [np.zeros((0, 2), np.float32)], "ShapeError", "NJ108")

    for src_, dst in [(0, 2), (-1, 0), ([0, 1], [2, 0]), (1, -1), ([0, 2], [1, 0])]:
        case(
            A,
            f"moveaxis {js(src_)} -> {js(dst)}",
            f"(x) => np.moveaxis(x, {js(src_)}, {js(dst)})",
            [x],
            lambda a, s_=src_, d=dst: np.moveaxis(a, s_, d),
        )
    err(A, "moveaxis out of range", "(x) => np.moveaxis(x, 3, 0)", [x], "ShapeError", "NJ102")
    err(A, "moveaxis repeated source", "(x) => np.moveaxis(x, [0, 0], [1, 2])", [x], "ShapeError", "NJ107", contains=["moveaxis"])
    err(A, "moveaxis repeated destination", "(x) => np.moveaxis(x, [0, 1], [2, -1])", [x], "ShapeError", "NJ107", contains=["moveaxis"])
    err(A, "moveaxis length mismatch", "(x) => np.moveaxis(x, [0, 1], [2])", [x], "ArgumentError", "NJ301")
    case(
        A,
        "stack of size-0 arrays",
        "(a, b) => np.stack([a, b], 1)",
        [np.zeros((0, 2), np.float32), np.zeros((0, 2), np.float32)],
        np.zeros((0, 2, 2), np.float32),
    )
    for a1, a2_ in [(0, 2), (-1, 0), (1, 1)]:
        case(A, f"swapaxes {a1} {a2_}", f"(x) => np.swapaxes(x, {a1}, {a2_})", [x], lambda a, a1=a1, a2_=a2_: np.swapaxes(a, a1, a2_))
    case(A, "swapaxes method", "(x) => x.swapaxes(0, 1)", [a2], lambda a: a.swapaxes(0, 1))
    err(A, "swapaxes out of range", "(x) => np.swapaxes(x, 0, 3)", [x], "ShapeError", "NJ102")

    # views of views: reshape -> transpose -> slice -> op
    base = rand((24,), F32)
    case(
        A,
        "view chain reshape.T.slice then add",
        "(x) => np.add(x.reshape(4, 6).T.slice('1:', '::2'), 1)",
        [base],
        lambda a: finish(wide(a.reshape(4, 6).T[1:, ::2]) + 1, F32),
    )
    case(
        A,
        "view chain slice of transpose of reshape then sum",
        "(x) => np.sum(x.reshape(2, 3, 4).transpose([2, 0, 1]).slice('::-1', ':', 1), 0)",
        [base],
        lambda a: finish(wide(a.reshape(2, 3, 4).transpose(2, 0, 1)[::-1, :, 1]).sum(0), F32),
    )
    case(
        A,
        "view chain reshape of strided slice (copy)",
        "(x) => x.reshape(6, 4).slice('::2').reshape(-1)",
        [base],
        lambda a: a.reshape(6, 4)[::2].reshape(-1),
    )
    case(
        A,
        "view chain expandDims broadcast then transpose",
        "(x) => np.broadcastTo(np.expandDims(x.slice('::3'), 0), [2, 8]).T",
        [base],
        lambda a: np.broadcast_to(a[::3][None], (2, 8)).T,
    )
    case(
        A,
        "view chain matmul of transposed slices",
        "(x) => np.matmul(x.reshape(4, 6).slice(':', '1:4'), x.reshape(6, 4).T.slice('1:'))",
        [base],
        lambda a: finish(wide(a.reshape(4, 6)[:, 1:4]) @ wide(a.reshape(6, 4).T[1:]), F32),
    )
    case(
        A,
        "view chain flip of squeeze of slice",
        "(x) => np.flip(np.squeeze(x.reshape(2, 12).slice([1, 2], '::-5')), 0)",
        [base],
        lambda a: np.flip(np.squeeze(a.reshape(2, 12)[1:2, ::-5]), 0),
    )
    case(
        A,
        "view chain cumsum of swapaxes of reshape",
        "(x) => np.cumsum(np.swapaxes(x.reshape(2, 3, 4), 0, 2), 1)",
        [base],
        lambda a: finish(np.cumsum(wide(np.swapaxes(a.reshape(2, 3, 4), 0, 2)), 1), F32),
    )


# ---------------------------------------------------------------------------------------------
# indexing: take and x.slice(...)


def py_index(specs):
    out = []
    for s in specs:
        if s is None:
            out.append(np.newaxis)
        elif s == "...":
            out.append(Ellipsis)
        elif isinstance(s, str):
            parts = [p.strip() for p in s.split(":")]
            nums = [int(p) if p else None for p in parts]
            out.append(slice(*nums))
        elif isinstance(s, list):
            out.append(slice(*(s + [None] * (3 - len(s)))))
        else:
            out.append(s)
    return tuple(out)


def gen_indexing():
    A = "indexing"
    x = rand((4, 5, 6), F32)
    specs_list = [
        [0],
        [-1],
        [1, 2],
        [1, 2, 3],
        [":", 0],
        [":", ":", -1],
        ["1:3"],
        ["::2"],
        ["::-1"],
        ["-2:"],
        [":-2"],
        ["1:4:2", "::-2", "2:"],
        ["3:0:-1"],
        ["5:1:-2"],
        ["10:"],
        [":100"],
        ["-100:2"],
        ["2:2"],
        ["3:1"],
        [[1, 3]],
        [[None, None, -1]],
        [[1, None, 2], 0],
        [[-3, None]],
        [None],
        [None, 0],
        [":", None, ":"],
        ["..."],
        ["...", 0],
        [0, "..."],
        [1, "...", "::2"],
        ["...", None],
        [None, "...", None],
        [0, 0, 0],
        [-4, -5, -6],
        ["::-3", "1::3", "::-4"],
        ["4:", ":"],
        [":", "3:1:-1", None, "::5"],
    ]
    for specs in specs_list:
        src = "(x) => x.slice(" + ", ".join(js(s) for s in specs) + ")"
        case(A, f"slice {', '.join(js(s) for s in specs)}", src, [x], lambda a, specs=specs: a[py_index(specs)])
    err(
        A,
        "slice with an NDArray mask is not a slice",
        "(x, m) => x.slice(m)",
        [x, arr([True, False, True, False], B)],
        "ArgumentError",
        "NJ301",
    )
    err(A, "slice with an int32 NDArray is not a slice", "(x, i) => x.slice(i)", [x, arr([0, 1], I32)], "ArgumentError", "NJ301")
    case(
        A,
        "slice to zero length after an elementwise op",
        "(x) => np.add(x, 1).slice('4:')",
        [arr([1, 2, 3, 4], F32)],
        np.zeros((0,), np.float32),
    )
    case(
        A,
        "negative-step slice to zero length after maximum",
        "(a, b) => np.maximum(a, b).slice([-2, null, -2])",
        [arr([-1.5], F32), arr([-4], I32)],
        np.zeros((0,), np.float32),
    )
    case(A, "slice int32 2-d", "(x) => x.slice('::-1', 1)", [rand((3, 3), I32)], lambda a: a[::-1, 1])
    case(A, "slice bool", "(x) => x.slice('1:')", [rand((4,), B)], lambda a: a[1:])
    case(A, "slice 0-d with newaxis", "(x) => x.slice(null)", [arr(3, F32)], arr([3], F32))
    case(A, "slice 0-d no specs", "(x) => x.slice()", [arr(3, F32)], arr(3, F32))
    case(A, "slice of slice of slice", "(x) => x.slice('1:').slice(':', '::-1').slice(0, '1:3')", [x], lambda a: a[1:][:, ::-1][0, 1:3])
    case(A, "np.slice function form", "(x) => np.slice(x, 1, '::2')", [x], lambda a: a[1, ::2])
    case(A, "slice of size-0 axis", "(x) => x.slice('1:', 0)", [np.zeros((0, 3), np.float32)], np.zeros((0,), np.float32))
    case(
        A,
        "slice then multiply by slice",
        "(x) => np.multiply(x.slice(0), x.slice(-1, '::-1'))",
        [x],
        lambda a: finish(wide(a[0]) * wide(a[-1, ::-1]), F32),
    )
    for specs, cls, code in [
        ([4], "ShapeError", "NJ109"),
        ([-5], "ShapeError", "NJ109"),
        ([0, 5], "ShapeError", "NJ109"),
        ([0, 0, 0, 0], "ShapeError", "NJ106"),
        (["::0"], "ArgumentError", "NJ301"),
        (["1:2:3:4"], "ArgumentError", "NJ301"),
        (["a:b"], "ArgumentError", "NJ301"),
        (["...", "..."], "ArgumentError", "NJ301"),
        ([1.5], "ArgumentError", "NJ301"),
        ([[1.5, 3]], "ArgumentError", "NJ301"),
        ([[0, 1, 1, 1]], "ArgumentError", "NJ301"),
        ([True], "ArgumentError", "NJ301"),
    ]:
        src = "(x) => x.slice(" + ", ".join(js(s) for s in specs) + ")"
        err(A, f"slice error {', '.join(js(s) for s in specs)}", src, [x], cls, code)

    t = rand((4, 5), F32)
    for idx, axis in [
        ([0, 2, 3], 0),
        ([-1, 0], 1),
        ([1, 1, 1], 1),
        ([[0, 1], [3, 2]], 0),
        ([4, -5], None),
        ([], 0),
        ([[2]], 1),
        ([2, 0], -1),
    ]:
        src = f"(x) => np.take(x, {js(idx)}{'' if axis is None else ', ' + js(axis)})"
        case(
            A,
            f"take {js(idx)} axis {js(axis)}",
            src,
            [t],
            lambda a, idx=idx, axis=axis: np.take(a, np.array(idx, dtype=np.int64), axis=axis),
        )
    case(
        A,
        "take with int32 array indices",
        "(x, i) => np.take(x, i, 1)",
        [t, arr([[4, 0], [1, -2]], I32)],
        lambda a, i: np.take(a, i, axis=1),
    )
    case(A, "take scalar index drops axis", "(x) => np.take(x, 2, 1)", [t], lambda a: np.take(a, 2, axis=1))
    case(A, "take method", "(x) => x.take([1, 0], 0)", [rand((3, 2), I32)], lambda a: a[[1, 0]])
    case(A, "take of transposed view", "(x) => np.take(x, [0, 3], 0)", [Input(t, ("x => x.T", lambda v: v.T))], lambda a: a[[0, 3]])
    case(A, "take bool data", "(x) => np.take(x, [2, 0])", [rand((3,), B)], lambda a: a[[2, 0]])
    err(A, "take index out of range", "(x) => np.take(x, [5], 0)", [t], "ShapeError", "NJ109")
    err(A, "take negative index out of range", "(x) => np.take(x, [-6], 1)", [t], "ShapeError", "NJ109")
    err(A, "take axis out of range", "(x) => np.take(x, [0], 2)", [t], "ShapeError", "NJ102")


# ---------------------------------------------------------------------------------------------
# linear algebra


def ref_dot(fn, *xs):
    dt = result_type(*xs)
    if dt == B:
        dt = I32
    return finish(fn(*[wide(cast(x, dt)) for x in xs]), dt)


def gen_linalg():
    A = "linalg"
    mm = [
        ((2, 3), (3, 4)),
        ((3,), (3, 4)),
        ((2, 3), (3,)),
        ((3,), (3,)),
        ((5, 2, 3), (3, 4)),
        ((2, 3), (5, 3, 4)),
        ((2, 1, 2, 3), (4, 3, 2)),
        ((1, 3), (3, 1)),
        ((0, 3), (3, 2)),
        ((2, 0), (0, 3)),
        ((4,), (2, 4, 3)),
        ((2, 4, 3), (3,)),
        ((1, 2, 3), (2, 3, 4)),
    ]
    for sa, sb in mm:
        case(
            A,
            f"matmul {short(sa)} @ {short(sb)}",
            "(a, b) => np.matmul(a, b)",
            [rand(sa, F32), rand(sb, F32)],
            lambda a, b: ref_dot(np.matmul, a, b),
        )
    for da, db in [(I32, I32), (F64, F64), (I32, F32), (B, B), (B, I32), (F32, F64)]:
        case(
            A,
            f"matmul {da} @ {db}",
            "(a, b) => np.matmul(a, b)",
            [rand((3, 4), da), rand((4, 2), db)],
            lambda a, b: ref_dot(np.matmul, a, b),
        )
    case(
        A,
        "matmul int32 overflow wraps",
        "(a, b) => np.matmul(a, b)",
        [arr([[100000, 100000]], I32), arr([[100000], [30000]], I32)],
        lambda a, b: ref_dot(np.matmul, a, b),
    )
    big_a = rng.integers(-(2**31), 2**31, size=(3, 5), dtype=np.int64).astype(np.int32)
    big_b = rng.integers(-(2**31), 2**31, size=(5, 2), dtype=np.int64).astype(np.int32)
    case(A, "matmul int32 large values wrap exactly", "(a, b) => np.matmul(a, b)", [big_a, big_b], lambda a, b: ref_dot(np.matmul, a, b))
    case(A, "dot int32 large values wrap exactly", "(a, b) => np.dot(a, b)", [big_a[0], big_b[:, 0]], lambda a, b: ref_dot(np.dot, a, b))
    case(
        A,
        "einsum int32 large values wrap exactly",
        "(a, b) => np.einsum('ij,jk->ik', a, b)",
        [big_a, big_b],
        lambda a, b: ref_dot(lambda x, y: np.einsum("ij,jk->ik", x, y), a, b),
    )
    case(A, "sum int32 large values wrap exactly", "(a) => np.sum(a, 0)", [big_a], lambda a: finish(wide(a).sum(0), I32))
    case(A, "cumsum int32 large values wrap exactly", "(a) => np.cumsum(a, 1)", [big_a], lambda a: finish(np.cumsum(wide(a), 1), I32))
    case(A, "prod int32 large values wrap exactly", "(a) => np.prod(a, 1)", [big_a], lambda a: finish(np.prod(wide(a), 1), I32))
    case(
        A,
        "matmul method of views",
        "(a, b) => a.matmul(b)",
        [Input(rand((3, 4), F32), ("a => a.T", lambda v: v.T)), Input(rand((6, 2), F32), ("b => b.slice('::2')", lambda v: v[::2]))],
        lambda a, b: ref_dot(np.matmul, a, b),
    )
    case(
        A,
        "matmul nan propagates",
        "(a, b) => np.matmul(a, b)",
        [arr([[1, np.nan], [1, 2]], F32), arr([[1, 0], [0, 1]], F32)],
        lambda a, b: ref_dot(np.matmul, a, b),
    )
    w, xx, yy = rand((3, 1), F32), rand((4, 3), F32), rand((4, 1), F32)
    case(
        A,
        "loss mean(square(matmul(x, w) - y))",
        "(w, x, y) => np.mean(np.square(np.subtract(np.matmul(x, w), y)))",
        [w, xx, yy],
        lambda w, x, y: finish(np.mean(np.square(wide(x) @ wide(w) - wide(y))), F32),
    )
    case(
        A,
        "sum(exp(matmul)) axis 0",
        "(x) => np.sum(np.exp(np.matmul(x, x)), 0)",
        [rand((3, 3), F32, -1, 1)],
        lambda x: finish(np.exp(wide(ref_dot(np.matmul, x, x))).sum(0), F32),
    )
    err(
        A,
        "matmul core mismatch",
        "(a, b) => np.matmul(a, b)",
        [rand((2, 3), F32), rand((4, 2), F32)],
        "ShapeError",
        "NJ104",
        contains=["matmul", "(2, 3)", "(4, 2)"],
    )
    err(A, "matmul vector mismatch", "(a, b) => np.matmul(a, b)", [rand((3,), F32), rand((4,), F32)], "ShapeError", "NJ104")
    err(A, "matmul scalar operand", "(a, b) => np.matmul(a, b)", [arr(2, F32), rand((2,), F32)], "ShapeError", "NJ104")
    err(A, "matmul batch mismatch", "(a, b) => np.matmul(a, b)", [rand((2, 2, 3), F32), rand((3, 3, 2), F32)], "ShapeError", "NJ101")

    for sa, sb in [
        ((3,), (3,)),
        ((2, 3), (3,)),
        ((2, 3), (3, 4)),
        ((3,), (3, 4)),
        ((2, 3, 4), (4,)),
        ((2, 3, 4), (5, 4, 2)),
        ((2, 3), ()),
        ((), ()),
    ]:
        case(
            A,
            f"dot {short(sa)} . {short(sb)}",
            "(a, b) => np.dot(a, b)",
            [rand(sa, F32), rand(sb, F32)],
            lambda a, b: ref_dot(np.dot, a, b),
        )
    case(A, "dot int32", "(a, b) => np.dot(a, b)", [rand((2, 3), I32), rand((3, 2), I32)], lambda a, b: ref_dot(np.dot, a, b))
    case(A, "dot weak scalar", "(a) => np.dot(a, 2)", [rand((2, 3), F32)], lambda a: finish(wide(a) * 2, F32))
    case(A, "dot method", "(a, b) => a.dot(b)", [rand((3,), F64), rand((3,), F64)], lambda a, b: np.asarray(np.dot(a, b)))
    err(A, "dot mismatch", "(a, b) => np.dot(a, b)", [rand((2, 3), F32), rand((2, 3), F32)], "ShapeError", "NJ104")

    for sa, sb in [((3,), (4,)), ((2, 2), (3,)), ((0,), (2,)), ((), (3,))]:
        case(
            A,
            f"outer {short(sa)} {short(sb)}",
            "(a, b) => np.outer(a, b)",
            [rand(sa, F32), rand(sb, F32)],
            lambda a, b: ref_dot(np.outer, a, b),
        )
    case(A, "outer int32 and float64", "(a, b) => np.outer(a, b)", [rand((3,), I32), rand((2,), F64)], lambda a, b: ref_dot(np.outer, a, b))
    for sa, sb in [((3,), (3,)), ((2, 3), (4, 3)), ((2, 3), (3,)), ((2, 2, 3), (2, 3)), ((), (2, 3))]:
        case(
            A,
            f"inner {short(sa)} {short(sb)}",
            "(a, b) => np.inner(a, b)",
            [rand(sa, F32), rand(sb, F32)],
            lambda a, b: ref_dot(np.inner, a, b),
        )
    case(A, "inner int32", "(a, b) => np.inner(a, b)", [rand((2, 3), I32), rand((3,), I32)], lambda a, b: ref_dot(np.inner, a, b))
    err(A, "inner mismatch", "(a, b) => np.inner(a, b)", [rand((2, 3), F32), rand((2,), F32)], "ShapeError", "NJ104")

    ein = [
        ("ij,jk->ik", [(2, 3), (3, 4)]),
        ("ij,jk", [(2, 3), (3, 4)]),
        ("ij->ji", [(2, 3)]),
        ("ij", [(2, 3)]),
        ("ji", [(2, 3)]),
        ("ii", [(3, 3)]),
        ("ii->i", [(3, 3)]),
        ("ij->", [(2, 3)]),
        ("ij->i", [(2, 3)]),
        ("i,i->", [(4,), (4,)]),
        ("i,i", [(4,), (4,)]),
        ("i,j->ij", [(3,), (2,)]),
        ("i,j", [(3,), (2,)]),
        ("bij,bjk->bik", [(2, 2, 3), (2, 3, 2)]),
        ("bij,bjk", [(2, 2, 3), (2, 3, 2)]),
        ("ijk->kji", [(2, 3, 4)]),
        ("ijk,k->ij", [(2, 3, 4), (4,)]),
        ("ij,ij->ij", [(2, 3), (2, 3)]),
        ("ij,ij->", [(2, 3), (2, 3)]),
        ("ij,jk,kl->il", [(2, 3), (3, 4), (4, 2)]),
        ("iij->j", [(3, 3, 2)]),
        ("iji->j", [(2, 4, 2)]),
        ("ii,i->i", [(3, 3), (3,)]),
        ("ab,cd->abcd", [(2, 1), (1, 3)]),
        ("i->", [(5,)]),
        ("ij,kj->ik", [(2, 3), (4, 3)]),
        ("ba,ca->bc", [(2, 3), (4, 3)]),
        ("i,i,i->i", [(3,), (3,), (3,)]),
        ("bn,anm,bm->ba", [(2, 3), (4, 3, 5), (2, 5)]),
        ("ij->j", [(0, 3)]),
        ("ij,j->i", [(2, 1), (3,)]),
    ]
    for sub, shapes in ein:
        params = ", ".join("abcd"[k] for k in range(len(shapes)))
        case(
            A,
            f"einsum {sub} {' '.join(short(s) for s in shapes)}",
            f"({params}) => np.einsum({js(sub)}, {params})",
            [rand(s, F32) for s in shapes],
            lambda *xs, sub=sub: ref_dot(lambda *ys: np.einsum(sub, *ys), *xs),
        )
    case(
        A,
        "einsum spaces in subscripts",
        "(a, b) => np.einsum('ij, jk -> ik', a, b)",
        [rand((2, 3), F32), rand((3, 2), F32)],
        lambda a, b: ref_dot(np.matmul, a, b),
    )
    case(
        A,
        "einsum uppercase labels implicit",
        "(a, b) => np.einsum('Ab,bC', a, b)",
        [rand((2, 3), F32), rand((3, 2), F32)],
        lambda a, b: ref_dot(lambda x, y: np.einsum("Ab,bC", x, y), a, b),
    )
    case(
        A,
        "einsum int32",
        "(a, b) => np.einsum('ij,jk->ik', a, b)",
        [rand((2, 3), I32), rand((3, 2), I32)],
        lambda a, b: ref_dot(lambda x, y: np.einsum("ij,jk->ik", x, y), a, b),
    )
    case(A, "einsum float64 trace", "(a) => np.einsum('ii', a)", [rand((4, 4), F64)], lambda a: np.asarray(np.einsum("ii", a)))
    case(
        A,
        "einsum mixed int32 float32",
        "(a, b) => np.einsum('i,i->', a, b)",
        [rand((3,), I32), rand((3,), F32)],
        lambda a, b: ref_dot(lambda x, y: np.einsum("i,i->", x, y), a, b),
    )
    case(
        A,
        "einsum of transposed view",
        "(a) => np.einsum('ij->i', a)",
        [Input(rand((3, 2), F32), ("a => a.T", lambda v: v.T))],
        lambda a: ref_dot(lambda x: np.einsum("ij->i", x), a),
    )
    for sub, shapes, code in [
        ("ij,jk->ik", [(2, 3), (4, 2)], "NJ111"),
        ("ij->k", [(2, 3)], "NJ111"),
        ("ijk", [(2, 3)], "NJ111"),
        ("ij,jk", [(2, 3)], "NJ111"),
        ("ii", [(2, 3)], "NJ111"),
        ("ij->ii", [(2, 2)], "NJ111"),
        ("i1", [(2, 2)], "NJ111"),
    ]:
        params = ", ".join("abcd"[k] for k in range(len(shapes)))
        err(
            A,
            f"einsum error {sub} {' '.join(short(s) for s in shapes)}",
            f"({params}) => np.einsum({js(sub)}, {params})",
            [rand(s, F32) for s in shapes],
            "ShapeError",
            code,
        )

    for offset, shape in [(0, (3, 3)), (1, (3, 4)), (-1, (4, 3)), (5, (3, 3)), (0, (2, 3, 4))]:
        case(
            A,
            f"trace offset {offset} {short(shape)}",
            f"(a) => np.trace(a, {offset})",
            [rand(shape, F32)],
            lambda a, offset=offset: finish(np.trace(wide(a), offset), F32),
        )
    case(A, "trace int32", "(a) => np.trace(a)", [rand((3, 3), I32)], lambda a: finish(np.trace(wide(a)), I32))
    case(A, "trace axes 1,2", "(a) => np.trace(a, 0, 1, 2)", [rand((2, 3, 3), F64)], lambda a: np.trace(a, 0, 1, 2))
    case(
        A,
        "trace bool -> int32",
        "(a) => np.trace(a)",
        [rand((3, 3), B)],
        lambda a: np.asarray(np.trace(a.astype(np.int64))).astype(np.int32),
    )
    err(A, "trace of 1-d", "(a) => np.trace(a)", [rand((3,), F32)], "ShapeError", "NJ106")
    for offset, shape in [(0, (3, 3)), (1, (3, 4)), (-2, (4, 3))]:
        case(
            A,
            f"diagonal offset {offset} {short(shape)}",
            f"(a) => np.diagonal(a, {offset})",
            [rand(shape, F32)],
            lambda a, offset=offset: np.diagonal(a, offset).copy(),
        )


# ---------------------------------------------------------------------------------------------
# nn (JAX's definitions, evaluated in float64 and cast)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def gelu_tanh(x):
    return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3)))


_erf = np.vectorize(math.erf, otypes=[np.float64])


def gelu_exact(x):
    return 0.5 * x * (1 + _erf(x / np.sqrt(2)))


def softmax(x, axis):
    ax = tuple(axis) if isinstance(axis, list) else axis
    e = np.exp(x - np.max(x, axis=ax, keepdims=True))
    return e / e.sum(axis=ax, keepdims=True)


def logsumexp(x, axis, keepdims):
    ax = tuple(axis) if isinstance(axis, list) else axis
    m = np.max(x, axis=ax, keepdims=True)
    m = np.where(np.isfinite(m), m, 0)
    out = np.log(np.sum(np.exp(x - m), axis=ax, keepdims=True)) + m
    return out if keepdims else np.squeeze(out, axis=ax)


def log_softmax(x, axis):
    ax = tuple(axis) if isinstance(axis, list) else axis
    s = x - np.max(x, axis=ax, keepdims=True)
    return s - np.log(np.sum(np.exp(s), axis=ax, keepdims=True))


def gen_nn():
    A = "nn"
    special = [np.nan, np.inf, -np.inf, 0.0, 1e-4, -1e-4, 20.0, -20.0, 50.0, -50.0]
    acts = {
        "relu": lambda x: np.maximum(x, 0),
        "sigmoid": sigmoid,
        "softplus": lambda x: np.logaddexp(x, 0),
        "gelu": gelu_tanh,
        "silu": lambda x: x * sigmoid(x),
    }
    for name, f in acts.items():
        for dt in (F32, F64):
            case(A, f"{name} {dt}", f"(x) => nn.{name}(x)", [rand((3, 4), dt, -5, 5)], lambda a, f=f, dt=dt: finish(f(wide(a)), dt))
            case(A, f"{name} special {dt}", f"(x) => nn.{name}(x)", [arr(special, dt)], lambda a, f=f, dt=dt: finish(f(wide(a)), dt))
        out = I32 if name == "relu" else F32
        case(A, f"{name} int32", f"(x) => nn.{name}(x)", [rand((5,), I32)], lambda a, f=f, out=out: finish(f(wide(a)), out))
        case(
            A,
            f"{name} of transposed view",
            f"(x) => nn.{name}(x)",
            [Input(rand((2, 3), F32), ("x => x.T", lambda v: v.T))],
            lambda a, f=f: finish(f(wide(a)), F32),
        )
    for dt in (F32, F64):
        case(
            A,
            f"gelu exact {dt}",
            "(x) => nn.gelu(x, { approximate: false })",
            [rand((3, 4), dt, -5, 5)],
            lambda a, dt=dt: finish(gelu_exact(wide(a)), dt),
        )
        case(
            A,
            f"gelu exact special {dt}",
            "(x) => nn.gelu(x, { approximate: false })",
            [arr(special, dt)],
            lambda a, dt=dt: finish(gelu_exact(wide(a)), dt),
        )
    case(
        A,
        "gelu approximate true explicit",
        "(x) => nn.gelu(x, { approximate: true })",
        [rand((5,), F32, -3, 3)],
        lambda a: finish(gelu_tanh(wide(a)), F32),
    )

    x = rand((3, 4, 5), F32, -4, 4)
    for axis in (None, -1, 0, 1, [0, 2]):
        if axis is not None:
            case(
                A,
                f"softmax axis={js(axis)}",
                f"(x) => nn.softmax(x, {js(axis)})",
                [x],
                lambda a, axis=axis: finish(softmax(wide(a), axis), F32),
            )
            case(
                A,
                f"logSoftmax axis={js(axis)}",
                f"(x) => nn.logSoftmax(x, {js(axis)})",
                [x],
                lambda a, axis=axis: finish(log_softmax(wide(a), axis), F32),
            )
        for keep in (False, True):
            opts = ", { keepdims: true }" if keep else ""
            case(
                A,
                f"logsumexp axis={js(axis)}{' keepdims' if keep else ''}",
                f"(x) => nn.logsumexp(x, {js(axis)}{opts})",
                [x],
                lambda a, axis=axis, keep=keep: finish(logsumexp(wide(a), axis, keep), F32),
            )
    case(A, "softmax default axis", "(x) => nn.softmax(x)", [x], lambda a: finish(softmax(wide(a), -1), F32))
    case(A, "logSoftmax default axis", "(x) => nn.logSoftmax(x)", [x], lambda a: finish(log_softmax(wide(a), -1), F32))
    case(A, "logsumexp default (all axes)", "(x) => nn.logsumexp(x)", [x], lambda a: finish(logsumexp(wide(a), None, False), F32))
    big = arr([[1000, 1001, 999], [-1000, -1001, -999]], F32)
    case(A, "softmax large logits (stable)", "(x) => nn.softmax(x)", [big], lambda a: finish(softmax(wide(a), -1), F32))
    case(A, "logSoftmax large logits (stable)", "(x) => nn.logSoftmax(x)", [big], lambda a: finish(log_softmax(wide(a), -1), F32))
    case(A, "logsumexp large logits (stable)", "(x) => nn.logsumexp(x, 1)", [big], lambda a: finish(logsumexp(wide(a), 1, False), F32))
    case(A, "logsumexp all -inf", "(x) => nn.logsumexp(x, 1)", [arr([[-np.inf, -np.inf], [0, -np.inf]], F32)], arr([-np.inf, 0], F32))
    case(A, "softmax float64", "(x) => nn.softmax(x, 0)", [rand((4, 2), F64)], lambda a: softmax(a, 0))
    case(A, "logsumexp float64", "(x) => nn.logsumexp(x, -1)", [rand((4, 2), F64)], lambda a: logsumexp(a, -1, False))
    case(A, "logSoftmax float64", "(x) => nn.logSoftmax(x)", [rand((2, 6), F64)], lambda a: log_softmax(a, -1))
    case(
        A,
        "softmax int32 -> float32",
        "(x) => nn.softmax(x)",
        [rand((2, 3), I32)],
        lambda a: finish(softmax(wide(a).astype(np.float64), -1), F32),
    )
    case(A, "softmax of size-1 axis is ones", "(x) => nn.softmax(x, 0)", [rand((1, 3), F32)], np.ones((1, 3), np.float32))
    case(
        A,
        "softmax of reversed view",
        "(x) => nn.softmax(x, 1)",
        [Input(rand((3, 4), F32), ("x => x.slice('::-1', '::-1')", lambda v: v[::-1, ::-1]))],
        lambda a: finish(softmax(wide(a), 1), F32),
    )
    err(A, "softmax axis out of range", "(x) => nn.softmax(x, 3)", [x], "ShapeError", "NJ102")
    case(
        A,
        "softmax with -inf entries",
        "(x) => nn.softmax(x)",
        [arr([[0, -np.inf, 1], [-np.inf, 2, -np.inf]], F32)],
        lambda a: finish(softmax(wide(a), -1), F32),
    )
    case(
        A,
        "softmax of an all -inf row is nan",
        "(x) => nn.softmax(x)",
        [arr([[-np.inf, -np.inf], [0, 0]], F32)],
        arr([[np.nan, np.nan], [0.5, 0.5]], F32),
    )
    case(
        A,
        "logSoftmax with -inf entries",
        "(x) => nn.logSoftmax(x)",
        [arr([0, -np.inf, 1], F32)],
        lambda a: finish(log_softmax(wide(a), -1), F32),
    )
    case(A, "oneHot zero classes", "(x) => nn.oneHot(x, 0)", [arr([1, 2], I32)], np.zeros((2, 0), np.float32))

    labels = arr([0, 2, 1, 3, -1, 4], I32)
    case(A, "oneHot", "(x) => nn.oneHot(x, 4)", [labels], lambda a: (a[:, None] == np.arange(4)).astype(np.float32))
    case(
        A,
        "oneHot 2-d labels",
        "(x) => nn.oneHot(x, 3)",
        [arr([[0, 1], [2, 2]], I32)],
        lambda a: (a[..., None] == np.arange(3)).astype(np.float32),
    )
    case(
        A,
        "oneHot dtype int32",
        "(x) => nn.oneHot(x, 3, { dtype: 'int32' })",
        [arr([2, 0], I32)],
        lambda a: (a[:, None] == np.arange(3)).astype(np.int32),
    )
    case(
        A,
        "oneHot axis 0",
        "(x) => nn.oneHot(x, 3, { axis: 0 })",
        [arr([2, 0, 1, 1], I32)],
        lambda a: (a[None, :] == np.arange(3)[:, None]).astype(np.float32),
    )
    case(
        A,
        "oneHot float labels",
        "(x) => nn.oneHot(x, 3)",
        [arr([0.0, 2.0, 1.0], F32)],
        lambda a: (a[:, None] == np.arange(3)).astype(np.float32),
    )
    case(A, "oneHot 0-d label", "(x) => nn.oneHot(x, 5)", [arr(3, I32)], lambda a: (a[None] == np.arange(5)).astype(np.float32))


# ---------------------------------------------------------------------------------------------

# ---------------------------------------------------------------------------------------------
# extras: weak-scalar precision, astype, method forms, weak types, the rest of the exported API


def gen_extras():
    A = "extras"
    # a JS number is a double: against a float64 array it must act with full precision (0.1, not fround(0.1))
    d = rand((5,), F64)
    for op, b in (
        ("add", 0.1),
        ("subtract", 0.1),
        ("multiply", 1 / 3),
        ("divide", 0.1),
        ("power", 0.1),
        ("maximum", 0.1),
        ("mod", 0.3),
        ("floorDivide", 0.3),
        ("arctan2", 0.7),
    ):
        fn, kind = BINARY[op]
        add_binary_case(A, op, fn, kind, np.abs(d) if op == "power" else d, b, f"float64 with weak {b!r} keeps float64 precision")
        add_binary_case(A, op, fn, kind, b, np.abs(d) + 0.5, f"weak {b!r} with float64 keeps float64 precision")
    case(A, "equal float64 0.1 with weak 0.1 is true", "(x) => np.equal(x, 0.1)", [arr([0.1, 0.2], F64)], arr([True, False], B))
    case(A, "add float64 ones + weak 1e-10", "(x) => np.add(x, 1e-10)", [np.ones(3)], np.ones(3) + 1e-10)
    case(A, "where float64 with weak 0.1", "(c, x) => np.where(c, x, 0.1)", [arr([True, False], B), arr([1, 2], F64)], arr([1, 0.1], F64))
    case(A, "clip float64 to weak 0.1, 0.7", "(x) => np.clip(x, 0.1, 0.7)", [arr([0, 0.5, 1], F64)], arr([0.1, 0.5, 0.7], F64))
    case(A, "full float64 0.1", "() => np.full([2], 0.1, { dtype: 'float64' })", [], arr([0.1, 0.1], F64))
    case(A, "linspace float64 exact thirds", "() => np.linspace(0, 1, 4, { dtype: 'float64' })", [], np.linspace(0, 1, 4))
    for op, b in (("add", 0.1), ("multiply", 0.1)):
        fn, kind = BINARY[op]
        add_binary_case(A, op, fn, kind, rand((4,), F32), b, f"float32 with weak {b!r} rounds 0.1 to float32")
        add_binary_case(A, op, fn, kind, rand((4,), I32), b, f"int32 with weak {b!r} -> float32")

    # weak types of results
    case(A, "weak: add(2, 3) is weak int32", "() => np.add(2, 3)", [], arr(5, I32), weak=True)
    case(A, "weak: multiply(2.5, 2) is weak float32", "() => np.multiply(2.5, 2)", [], arr(5, F32), weak=True)
    case(A, "weak: exp(1) is weak float32", "() => np.exp(1)", [], arr(math.e, F32), weak=True)
    case(A, "weak: int32 array + 2 is strong", "(x) => np.add(x, 2)", [arr([1, 2], I32)], arr([3, 4], I32), weak=False)
    case(A, "weak: array(2.5) is strong", "() => np.array(2.5)", [], arr(2.5, F32), weak=False)
    case(A, "weak: float32 array * weak 2.5 is strong", "(x) => np.multiply(x, 2.5)", [arr([2], F32)], arr([5], F32), weak=False)
    case(
        A,
        "weak: weak scalar result meets float64 array",
        "(x) => np.add(x, np.multiply(0.1, 3))",
        [arr([1], F64)],
        arr([1 + np.float64(np.float32(0.1 * 3))], F64),
    )

    # astype
    f = arr([1.7, -1.7, -0.5, 0.5, 0.0, 2.5, -3.99, 1e5], F32)
    case(A, "astype float32 -> int32 truncates", "(x) => x.astype('int32')", [f], np.trunc(f).astype(np.int32))
    case(
        A,
        "astype float32 -> bool",
        "(x) => x.astype('bool')",
        [arr([0, -0.0, 0.5, np.nan, np.inf], F32)],
        arr([False, False, True, True, True], B),
    )
    case(
        A,
        "astype float64 -> float32 rounds",
        "(x) => x.astype('float32')",
        [arr([0.1, 1 / 3, 1e-50, 1e40], F64)],
        arr([0.1, 1 / 3, 1e-50, 1e40], F64).astype(np.float32),
    )
    case(
        A,
        "astype int32 -> float64",
        "(x) => x.astype('float64')",
        [arr([2147483647, -2147483648, 3], I32)],
        arr([2147483647, -2147483648, 3], F64),
    )
    case(
        A,
        "astype int32 -> float32 rounds",
        "(x) => x.astype('float32')",
        [arr([16777217, -16777219, 5], I32)],
        arr([16777217, -16777219, 5], I32).astype(np.float32),
    )
    case(A, "astype int32 -> bool", "(x) => x.astype('bool')", [arr([0, 3, -1], I32)], arr([False, True, True], B))
    case(A, "astype bool -> float32", "(x) => x.astype('float32')", [arr([True, False], B)], arr([1, 0], F32))
    case(A, "astype bool -> int32", "(x) => x.astype('int32')", [arr([True, False], B)], arr([1, 0], I32))
    case(A, "astype same dtype", "(x) => x.astype('float64')", [rand((2, 2), F64)], lambda a: a)
    case(A, "astype of a transposed view", "(x) => x.T.astype('int32')", [arr([[1.5, -2.5], [3.5, 4.5]], F64)], arr([[1, 3], [-2, 4]], I32))
    # multiply and sqrt are correctly rounded in float32, so the float64 view of the result is exact
    case(
        A,
        "astype float64 of a float32 chain rounds each float32 step",
        "(x) => np.multiply(np.multiply(x, 0.1), 0.3).astype('float64')",
        [gen_input((64,), F32, 1, 64, 0.0137, 0.5)],
        lambda a: ((a * np.float32(0.1)) * np.float32(0.3)).astype(np.float64),
    )
    err(A, "astype unsupported dtype", "(x) => x.astype('uint8')", [rand((2,), F32)], "DTypeError", "NJ201", contains=["uint8"])

    # method forms
    x, y = rand((3, 4), F32, 0.5, 2), rand((4,), F32, 0.5, 2)
    bin_methods = {
        "add": np.add,
        "sub": np.subtract,
        "subtract": np.subtract,
        "mul": np.multiply,
        "multiply": np.multiply,
        "div": np.true_divide,
        "divide": np.true_divide,
        "floorDivide": np.floor_divide,
        "mod": np.mod,
        "pow": np.power,
        "power": np.power,
        "maximum": np.maximum,
        "minimum": np.minimum,
    }
    for m, fn in bin_methods.items():
        case(A, f"method x.{m}(y)", f"(x, y) => x.{m}(y)", [x, y], lambda a, b, fn=fn: finish(fn(wide(a), wide(b)), F32))
    case(A, "method x.add(weak 2)", "(x) => x.add(2)", [rand((3,), I32)], lambda a: (a + 2).astype(np.int32))
    cmp_methods = {
        "equal": np.equal,
        "eq": np.equal,
        "notEqual": np.not_equal,
        "ne": np.not_equal,
        "less": np.less,
        "lt": np.less,
        "lessEqual": np.less_equal,
        "le": np.less_equal,
        "greater": np.greater,
        "gt": np.greater,
        "greaterEqual": np.greater_equal,
        "ge": np.greater_equal,
    }
    xi, yi = rand((3, 4), I32), rand((4,), I32)
    for m, fn in cmp_methods.items():
        case(A, f"method x.{m}(y)", f"(x, y) => x.{m}(y)", [xi, yi], lambda a, b, fn=fn: fn(a, b))
    un_methods = {
        "neg": np.negative,
        "negative": np.negative,
        "abs": np.abs,
        "sign": np.sign,
        "sqrt": np.sqrt,
        "square": np.square,
        "exp": np.exp,
        "log": np.log,
        "sin": np.sin,
        "cos": np.cos,
        "tanh": np.tanh,
        "floor": np.floor,
        "ceil": np.ceil,
    }
    for m, fn in un_methods.items():
        case(A, f"method x.{m}()", f"(x) => x.{m}()", [x], lambda a, fn=fn: finish(fn(wide(a)), F32))
    case(A, "method x.clip(lo, hi)", "(x) => x.clip(0.8, 1.5)", [x], lambda a: np.clip(a, np.float32(0.8), np.float32(1.5)))
    case(
        A,
        "method x.mean(axis, keepdims)",
        "(x) => x.mean(0, { keepdims: true })",
        [x],
        lambda a: finish(wide(a).mean(0, keepdims=True), F32),
    )
    case(A, "method x.var(null, ddof)", "(x) => x.var(null, { ddof: 1 })", [x], lambda a: finish(wide(a).var(ddof=1), F32))
    case(A, "method x.std(-1)", "(x) => x.std(-1)", [x], lambda a: finish(wide(a).std(-1), F32))
    case(A, "method x.all()", "(x) => x.all()", [rand((2, 2), B)], lambda a: np.asarray(a.all()))
    case(A, "method x.any(1)", "(x) => x.any(1)", [rand((2, 3), B)], lambda a: a.any(1))
    case(A, "method x.transpose(axes)", "(x) => x.transpose([1, 0, 2])", [rand((2, 3, 2), F32)], lambda a: a.transpose(1, 0, 2))
    case(A, "method x.ravel()", "(x) => x.T.ravel()", [x], lambda a: a.T.ravel())
    case(A, "method x.squeeze()", "(x) => x.squeeze()", [rand((1, 3, 1), F32)], lambda a: a.squeeze())
    case(A, "method x.expandDims(-1)", "(x) => x.expandDims(-1)", [y], lambda a: a[:, None])
    case(A, "method x.broadcastTo(shape)", "(x) => x.broadcastTo([2, 4])", [y], lambda a: np.broadcast_to(a, (2, 4)))
    case(A, "method x.copy() of a view", "(x) => x.slice('::-1').copy()", [x], lambda a: a[::-1].copy())
    case(A, "method x.take(idx)", "(x) => x.take([5, 0])", [x], lambda a: a.ravel()[[5, 0]])

    # the rest of the exported numpy API
    a2, b2 = rand((2, 3), F32), rand((1, 3), F32)
    case(A, "vstack", "(a, b, c) => np.vstack([a, b, c])", [a2, b2, rand((3,), F32)], lambda a, b, c: np.vstack([a, b, c]))
    case(A, "hstack 2-d", "(a, b) => np.hstack([a, b])", [a2, rand((2, 1), F32)], lambda a, b: np.hstack([a, b]))
    case(A, "hstack 1-d", "(a, b) => np.hstack([a, b])", [rand((2,), I32), rand((3,), I32)], lambda a, b: np.hstack([a, b]))
    case(A, "arraySplit uneven", "(x) => np.arraySplit(x, 3)", [rand((7,), F32)], lambda a: np.array_split(a, 3))
    case(A, "arraySplit axis 1", "(x) => np.arraySplit(x, 2, 1)", [rand((2, 5), F32)], lambda a: np.array_split(a, 2, 1))
    case(
        A,
        "broadcastArrays",
        "(a, b) => np.broadcastArrays(a, b)",
        [rand((3, 1), F32), rand((4,), I32)],
        lambda a, b: list(np.broadcast_arrays(a, b)),
    )
    case(A, "broadcastShapes", "() => np.array(np.broadcastShapes([2, 1, 3], [4, 1], [1]), { dtype: 'int32' })", [], arr([2, 4, 3], I32))
    err(A, "broadcastShapes incompatible", "() => np.array(np.broadcastShapes([2, 3], [4]))", [], "ShapeError", "NJ101")
    case(A, "fliplr", "(x) => np.fliplr(x)", [a2], lambda a: np.fliplr(a))
    case(A, "flipud", "(x) => np.flipud(x)", [a2], lambda a: np.flipud(a))
    case(A, "vdot flattens", "(a, b) => np.vdot(a, b)", [a2, rand((3, 2), F32)], lambda a, b: finish(np.vdot(wide(a), wide(b)), F32))
    case(A, "amax", "(x) => np.amax(x, 1)", [a2], lambda a: a.max(1))
    case(A, "amin", "(x) => np.amin(x, 0)", [a2], lambda a: a.min(0))
    case(A, "trueDivide int32", "(a, b) => np.trueDivide(a, b)", [arr([1, 7], I32), arr([2, 3], I32)], arr([0.5, 7 / 3], F32))
    case(A, "remainder", "(a, b) => np.remainder(a, b)", [arr([-7, 7], I32), arr([3, -3], I32)], arr([2, -2], I32))
    case(A, "absolute", "(x) => np.absolute(x)", [rand((4,), I32)], lambda a: np.abs(a))
    case(A, "around", "(x) => np.around(x, 1)", [arr([0.25, 0.35, -0.45], F64)], lambda a: np.round(a, 1))
    case(A, "concat", "(a, b) => np.concat([a, b], 0)", [a2, b2], lambda a, b: np.concatenate([a, b]))
    case(A, "permuteDims", "(x) => np.permuteDims(x, [2, 0, 1])", [rand((2, 3, 4), F32)], lambda a: a.transpose(2, 0, 1))
    case(A, "positive", "(x) => np.positive(x)", [a2], lambda a: a)
    case(A, "stopGradient is the identity", "(x) => np.stopGradient(x)", [a2], lambda a: a)
    case(A, "cumulativeSum", "(x) => np.cumulativeSum(x, 1)", [rand((2, 3), I32)], lambda a: np.cumsum(a, 1).astype(np.int32))
    case(A, "cumulativeProd", "(x) => np.cumulativeProd(x, 0)", [rand((3, 2), I32)], lambda a: np.cumprod(a, 0).astype(np.int32))
    case(A, "variance", "(x) => np.variance(x, 1)", [a2], lambda a: finish(wide(a).var(1), F32))
    case(A, "flatten", "(x) => np.flatten(x)", [a2], lambda a: a.ravel())
    case(A, "iota", "() => np.iota([2, 3], 1)", [], np.broadcast_to(np.arange(3, dtype=np.int32), (2, 3)).copy())
    case(
        A,
        "iota float32 dimension 0",
        "() => np.iota([3, 2], 0, { dtype: 'float32' })",
        [],
        np.broadcast_to(np.arange(3, dtype=np.float32)[:, None], (3, 2)).copy(),
    )
    case(A, "constants pi and e", "(x) => np.add(np.multiply(x, np.pi), np.e)", [arr([1, 2], F64)], arr([1, 2], F64) * np.pi + np.e)
    case(A, "constants inf and nan", "() => np.array([np.inf, np.nan, -np.inf])", [], arr([np.inf, np.nan, -np.inf], F32))
    case(A, "newaxis in slice", "(x) => x.slice(np.newaxis, ':', np.newaxis)", [rand((3,), F32)], lambda a: a[None, :, None])
    for op, fn in (("bitwiseAnd", np.bitwise_and), ("bitwiseOr", np.bitwise_or), ("bitwiseXor", np.bitwise_xor)):
        case(
            A,
            f"{op} int32",
            f"(a, b) => np.{op}(a, b)",
            [rng.integers(-100, 100, 6).astype(np.int32), rng.integers(-100, 100, 6).astype(np.int32)],
            lambda a, b, fn=fn: fn(a, b),
        )
        case(A, f"{op} bool", f"(a, b) => np.{op}(a, b)", [rand((5,), B), rand((5,), B)], lambda a, b, fn=fn: fn(a, b))
        case(
            A,
            f"{op} int32 with weak 6",
            f"(a) => np.{op}(a, 6)",
            [rng.integers(-10, 10, 6).astype(np.int32)],
            lambda a, fn=fn: fn(a, 6).astype(np.int32),
        )
        err(A, f"{op} float is a DTypeError", f"(a, b) => np.{op}(a, b)", [rand((2,), F32), rand((2,), F32)], "DTypeError", "NJ202")
    case(
        A,
        "resultType via array dtype",
        "(a, b) => np.zeros([1], { dtype: np.resultType(a, b, 2.5) })",
        [arr([1], I32), arr([True], B)],
        np.zeros(1, np.float32),
    )
    case(A, "promoteTypes", "() => np.zeros([1], { dtype: np.promoteTypes('int32', 'float64') })", [], np.zeros(1, np.float64))

    # nn extras
    v = rand((3, 4), F32, -3, 3)
    case(A, "nn.leakyRelu", "(x) => nn.leakyRelu(x)", [v], lambda a: finish(np.where(a >= 0, wide(a), 0.01 * wide(a)), F32))
    case(A, "nn.leakyRelu slope", "(x) => nn.leakyRelu(x, 0.2)", [v], lambda a: finish(np.where(a >= 0, wide(a), 0.2 * wide(a)), F32))
    case(A, "nn.elu", "(x) => nn.elu(x)", [v], lambda a: finish(np.where(a > 0, wide(a), np.expm1(wide(a))), F32))
    case(A, "nn.elu alpha float64", "(x) => nn.elu(x, 0.5)", [rand((5,), F64, -3, 3)], lambda a: np.where(a > 0, a, 0.5 * np.expm1(a)))
    case(A, "nn.swish", "(x) => nn.swish(x)", [v], lambda a: finish(wide(a) / (1 + np.exp(-wide(a))), F32))
    case(
        A,
        "nn.standardize",
        "(x) => nn.standardize(x)",
        [v],
        lambda a: finish((wide(a) - wide(a).mean(-1, keepdims=True)) / np.sqrt(wide(a).var(-1, keepdims=True) + 1e-5), F32),
    )
    case(
        A,
        "nn.standardize axis 0 float64",
        "(x) => nn.standardize(x, 0, { epsilon: 0.1 })",
        [rand((4, 2), F64)],
        lambda a: (a - a.mean(0, keepdims=True)) / np.sqrt(a.var(0, keepdims=True) + 0.1),
    )


# ---------------------------------------------------------------------------------------------
# large: sizes past any small-array fast path, and dense sweeps of the float32 fast-math functions


def gen_large():
    A = "large"
    sweep = gen_input((2048,), F32, 1, 2048, 20 / 2048, -10)  # -10 .. 10 in steps of ~0.01
    for op, fn in (("exp", np.exp), ("tanh", np.tanh), ("sin", np.sin), ("expm1", np.expm1)):
        case(A, f"{op} float32 sweep -10..10", f"(x) => np.{op}(x)", [sweep], lambda a, fn=fn: finish(fn(wide(a)), F32))
    for name, f in (
        ("sigmoid", sigmoid),
        ("gelu", gelu_tanh),
        ("softplus", lambda x: np.logaddexp(x, 0)),
        ("silu", lambda x: x * sigmoid(x)),
    ):
        case(A, f"nn.{name} float32 sweep -10..10", f"(x) => nn.{name}(x)", [sweep], lambda a, f=f: finish(f(wide(a)), F32))
    case(A, "nn.gelu exact float32 sweep", "(x) => nn.gelu(x, { approximate: false })", [sweep], lambda a: finish(gelu_exact(wide(a)), F32))
    case(
        A,
        "nn.gelu exact float64 sweep",
        "(x) => nn.gelu(x, { approximate: false })",
        [gen_input((2048,), F64, 1, 2048, 20 / 2048, -10)],
        lambda a: gelu_exact(a),
    )
    wide_sweep = gen_input((2048,), F32, 1, 2048, 180 / 2048, -90)
    case(
        A, "exp float32 sweep -90..90 (overflow/underflow edges)", "(x) => np.exp(x)", [wide_sweep], lambda a: finish(np.exp(wide(a)), F32)
    )
    case(A, "tanh float32 sweep -90..90", "(x) => np.tanh(x)", [wide_sweep], lambda a: finish(np.tanh(wide(a)), F32))

    x = gen_input((100, 257), F32, 7919, 1000, 0.01, 0.5)  # 0.5 .. 10.5, positive: no cancellation
    xi = gen_input((100, 257), I32, 7919, 2001, 1, -1000)
    for kind in ("sum", "mean", "max", "min", "var", "std", "prod"):
        for axis in (None, 0, 1):
            if kind == "prod" and axis != 1:
                continue
            data = x if kind != "prod" else gen_input((100, 257), F32, 7919, 1000, 0.0002, 0.9)
            case(
                A,
                f"{kind} 100x257 axis={js(axis)}",
                f"(x) => np.{kind}(x, {js(axis)})",
                [data],
                lambda a, kind=kind, axis=axis: ref_reduce(kind, a, axis, False),
            )
        case(A, f"{kind} int32 100x257 axis=0", f"(x) => np.{kind}(x, 0)", [xi], lambda a, kind=kind: ref_reduce(kind, a, 0, False))
    for kind, fn in (("argmax", np.argmax), ("argmin", np.argmin)):
        for axis in (None, 0, 1):
            case(
                A,
                f"{kind} 100x257 axis={js(axis)}",
                f"(x) => np.{kind}(x, {js(axis)})",
                [x],
                lambda a, fn=fn, axis=axis: np.asarray(fn(a, axis=axis)).astype(np.int32),
            )
    case(A, "sum of a transposed 257x100 view axis=1", "(x) => np.sum(x.T, 1)", [x], lambda a: finish(wide(a).T.sum(1), F32))
    case(A, "cumsum 3000", "(x) => np.cumsum(x)", [gen_input((3000,), F32, 31, 97, 0.01, 0.1)], lambda a: finish(np.cumsum(wide(a)), F32))
    case(
        A,
        "cumsum int32 20x130 axis 0",
        "(x) => np.cumsum(x, 0)",
        [gen_input((20, 130), I32, 7919, 2001, 1, -1000)],
        lambda a: finish(np.cumsum(wide(a), 0), I32),
    )
    case(
        A,
        "cumprod 32x50 axis 1",
        "(x) => np.cumprod(x, 1)",
        [gen_input((32, 50), F32, 13, 101, 0.001, 0.95)],
        lambda a: finish(np.cumprod(wide(a), 1), F32),
    )

    a = gen_input((64, 80), F32, 7919, 211, 0.01, -1.05)
    b = gen_input((80, 48), F32, 104729, 307, 0.01, -1.5)
    # large enough for the wasm GEMM, whose float32 products accumulate in float32 (precision "default",
    # as BLAS sgemm, XLA and tfjs do): sums of 80 products differ from this float64 reference by ~1e-6
    mm_tol = (2e-5, 1e-5)
    case(A, "matmul 64x80 @ 80x48", "(a, b) => np.matmul(a, b)", [a, b], lambda a, b: ref_dot(np.matmul, a, b), tol=mm_tol)
    case(
        A,
        "matmul 64x80 @ (48x80).T",
        "(a, b) => np.matmul(a, b.T)",
        [a, gen_input((48, 80), F32, 104729, 307, 0.01, -1.5)],
        lambda a, b: ref_dot(np.matmul, a, b.T),
        tol=mm_tol,
    )
    case(
        A,
        "matmul int32 64x80 @ 80x48",
        "(a, b) => np.matmul(a, b)",
        [gen_input((64, 80), I32, 7919, 2001, 1, -1000), gen_input((80, 48), I32, 104729, 3001, 1, -1500)],
        lambda a, b: ref_dot(np.matmul, a, b),
    )
    case(
        A,
        "matmul float64 batched 2x16x40 @ 40x24",
        "(a, b) => np.matmul(a, b)",
        [gen_input((2, 16, 40), F64, 7919, 211, 0.01, -1.05), gen_input((40, 24), F64, 104729, 307, 0.01, -1.5)],
        lambda a, b: np.matmul(a, b),
    )
    case(
        A,
        "matmul vector 80 @ 80x48",
        "(a, b) => np.matmul(a, b)",
        [gen_input((80,), F32, 7, 11, 0.1, -0.5), b],
        lambda a, b: ref_dot(np.matmul, a, b),
    )
    case(
        A,
        "einsum bij,bjk->bik 3x40x50 50x30",
        "(a, b) => np.einsum('bij,bjk->bik', a, b)",
        [gen_input((3, 40, 50), F32, 7919, 211, 0.01, -1.05), gen_input((3, 50, 30), F32, 104729, 307, 0.01, -1.5)],
        lambda a, b: ref_dot(lambda x, y: np.einsum("bij,bjk->bik", x, y), a, b),
    )
    case(
        A,
        "dot 5000 . 5000",
        "(a, b) => np.dot(a, b)",
        [gen_input((5000,), F32, 31, 97, 0.01, 0.1), gen_input((5000,), F32, 37, 89, 0.01, 0.2)],
        lambda a, b: ref_dot(np.dot, a, b),
    )

    big = gen_input((48, 67), F32, 7919, 1000, 0.01, -5)
    row = gen_input((67,), F32, 13, 17, 0.1, -0.8)
    case(A, "add 48x67 + row broadcast", "(x, r) => np.add(x, r)", [big, row], lambda a, r: finish(wide(a) + wide(r), F32))
    case(
        A,
        "multiply transposed 67x48 view by column",
        "(x, c) => np.multiply(x.T, c)",
        [big, gen_input((67, 1), F32, 3, 7, 0.5, -1)],
        lambda a, c: finish(wide(a).T * wide(c), F32),
    )
    case(
        A,
        "where + compare 48x67",
        "(x) => np.where(np.greater(x, 0), x, np.multiply(x, 0.1))",
        [big],
        lambda a: np.where(a > 0, a, a * np.float32(0.1)),
    )
    case(A, "ravel of transpose 48x67", "(x) => np.ravel(x.T)", [big], lambda a: a.T.ravel())
    case(
        A,
        "concatenate 3 views axis 1",
        "(x) => np.concatenate([x, x.slice(':', '::-1'), x.slice(':', '::2')], 1)",
        [Input(big.a[:20], gen=None)],
        lambda a: np.concatenate([a, a[:, ::-1], a[:, ::2]], 1),
    )
    case(
        A,
        "nn.softmax 16x200",
        "(x) => nn.softmax(x)",
        [gen_input((16, 200), F32, 7919, 1000, 0.02, -10)],
        lambda a: finish(softmax(wide(a), -1), F32),
    )
    case(
        A,
        "nn.logsumexp 32x300 axis 1",
        "(x) => nn.logsumexp(x, 1)",
        [gen_input((32, 300), F32, 7919, 1000, 0.02, -10)],
        lambda a: finish(logsumexp(wide(a), 1, False), F32),
    )
    case(
        A,
        "take 500 indices from 5000",
        "(x, i) => np.take(x, i)",
        [gen_input((5000,), F32, 31, 97, 0.01, 0.1), gen_input((500,), I32, 7919, 5000, 1, 0)],
        lambda x, i: x[i],
    )
    case(
        A,
        "mod int32 2048",
        "(a, b) => np.mod(a, b)",
        [gen_input((2048,), I32, 7919, 20001, 1, -10000), gen_input((2048,), I32, 104729, 201, 1, -100)],
        lambda a, b: np.where(b == 0, 0, np.mod(a, np.where(b == 0, 1, b))).astype(np.int32),
    )
    case(
        A,
        "floorDivide float32 2048",
        "(a, b) => np.floorDivide(a, b)",
        [gen_input((2048,), F32, 7919, 20001, 0.01, -100), gen_input((2048,), F32, 104729, 201, 0.1, -10.05)],
        lambda a, b: finish(np.floor_divide(wide(a), wide(b)), F32),
    )


# ---------------------------------------------------------------------------------------------
# random: seeded random compositions (elementwise with broadcasting and weak scalars, reductions,
# scans, views) over random shapes and dtypes; NumPy with numjit's rules as the oracle


class Node:
    def __init__(self, src, val, *parents):
        self.src, self.val = src, val  # JS source, numpy value (numjit dtype); python scalars are weak literals
        # float32 went into this value: float32 fast math (exp, tanh, ...) is not correctly rounded, so a float64
        # result built from it is only float32-accurate
        self.f32 = str(np.asarray(val).dtype) == F32 or any(p.f32 for p in parents)


def r_dtype(r, allow=(F32, F64, I32, B), p=(0.4, 0.2, 0.3, 0.1)):
    return str(r.choice(allow, p=p))


def r_leaf_array(r, shape, dt):
    if dt == B:
        return r.random(shape) < 0.5
    if dt == I32:
        return r.integers(-6, 7, size=shape).astype(np.int32)
    return r.uniform(-2, 2, size=shape).astype(NPD[dt])


def r_scalar(r):
    return [2, -1, 3, 0.5, -1.5, 0.25, True][int(r.integers(0, 7))]


def is_float(v):
    return str(np.asarray(v).dtype) in FLOATS


def r_binary(r, a, b):
    ops = ["add", "subtract", "multiply", "maximum", "minimum", "divide", "mod", "floorDivide", "arctan2"]
    op = ops[int(r.integers(0, len(ops)))]
    fn, kind = BINARY[op]
    if op == "subtract" and binary_dtype("any", a.val, b.val) == B:
        op, (fn, kind) = "add", BINARY["add"]
    return Node(f"np.{op}({a.src}, {b.src})", ref_binary(fn, kind, a.val, b.val), a, b)


def r_unary(r, a):
    v = a.val
    dt = str(np.asarray(v).dtype)
    choices = ["abs", "square", "sin", "tanh", "exp", "floor", "sqrtabs", "negative", "sigmoid", "round"]
    op = choices[int(r.integers(0, len(choices)))]
    if op == "negative" and dt == B:
        op = "abs"
    if op in ("floor", "round") and is_float(v):
        op = "tanh"  # a float32 rounding difference upstream would flip these; keep them on exact inputs
    if op == "abs":
        return Node(f"np.abs({a.src})", finish(np.abs(wide(v)), dt) if dt != B else v, a)
    if op == "negative":
        return Node(f"np.negative({a.src})", finish(-wide(v), dt), a)
    if op == "square":
        out = I32 if dt == B else dt
        return Node(f"np.square({a.src})", finish(np.square(wide(cast(v, out))), out), a)
    if op in ("floor", "round"):
        return Node(f"np.{op}({a.src})", v, a)
    out = to_float(dt)
    x = wide(cast(v, out)).astype(np.float64)
    f = {
        "sin": np.sin,
        "tanh": np.tanh,
        "exp": lambda t: np.exp(np.clip(t, -50, 50)),
        "sqrtabs": lambda t: np.sqrt(np.abs(t)),
        "sigmoid": sigmoid,
    }[op]
    src = {
        "sin": f"np.sin({a.src})",
        "tanh": f"np.tanh({a.src})",
        "exp": f"np.exp(np.clip({a.src}, -50, 50))",
        "sqrtabs": f"np.sqrt(np.abs({a.src}))",
        "sigmoid": f"nn.sigmoid({a.src})",
    }[op]
    if op == "exp":  # clip keeps the input dtype (weak ints), then exp makes it float
        x = wide(cast(np.clip(wide(cast(v, dt)), -50, 50), dt)).astype(np.float64) if dt != B else x
        return Node(src, finish(np.exp(x), out), a)
    if op == "sqrtabs":
        xa = finish(np.abs(wide(v)), dt) if dt != B else v
        return Node(src, finish(np.sqrt(wide(cast(xa, out)).astype(np.float64)), out), a)
    return Node(src, finish(f(x), out), a)


def r_reduce(r, a):
    v = np.asarray(a.val)
    if v.ndim == 0:
        return None
    kind = ["sum", "max", "min", "mean", "cumsum", "argmax", "var", "prod", "any"][int(r.integers(0, 9))]
    axis = int(r.integers(-v.ndim, v.ndim))
    if kind in ("max", "min", "argmax") and v.shape[axis] == 0:
        kind = "sum"
    if kind == "cumsum":
        out = I32 if str(v.dtype) == B else str(v.dtype)
        return Node(f"np.cumsum({a.src}, {axis})", finish(np.cumsum(wide(cast(v, out)), axis), out), a)
    if kind == "argmax":
        return Node(f"np.argmax({a.src}, {axis})", np.argmax(v, axis).astype(np.int32), a)
    keep = bool(r.random() < 0.4)
    opts = ", { keepdims: true }" if keep else ""
    return Node(f"np.{kind}({a.src}, {axis}{opts})", ref_reduce(kind, v, axis, keep), a)


def r_view(r, a):
    v = np.asarray(a.val)
    k = int(r.integers(0, 5))
    if v.ndim == 0 or k == 0:
        return Node(f"np.expandDims({a.src}, 0)", v[None], a)
    if k == 1:
        perm = [int(i) for i in r.permutation(v.ndim)]
        return Node(f"np.transpose({a.src}, {js(perm)})", np.transpose(v, perm), a)
    if k == 2:
        ax = int(r.integers(0, v.ndim))
        return Node(f"np.flip({a.src}, {ax})", np.flip(v, ax), a)
    if k == 3:
        specs = []
        for d in v.shape:
            st = int(r.choice([1, 1, 2, -1, -2]))
            lo = int(r.integers(-d - 1, d + 1)) if d and r.random() < 0.5 else None
            specs.append([lo, None, st])
        return Node(f"{wrap(a.src)}.slice({', '.join(js(sp) for sp in specs)})", v[py_index(specs)], a)
    return Node(f"np.reshape({a.src}, -1)", v.reshape(-1), a)


def r_combine(r, a, b):
    """Ops over two arrays beyond elementwise arithmetic: logical, concatenate, matmul, power, broadcastTo."""
    va, vb = np.asarray(a.val), np.asarray(b.val)
    k = int(r.integers(0, 5))
    if k == 0:
        op = ["logicalAnd", "logicalOr", "logicalXor"][int(r.integers(0, 3))]
        np.broadcast_shapes(va.shape, vb.shape)
        return Node(f"np.{op}({a.src}, {b.src})", LOGICAL[op](va != 0, vb != 0), a, b)
    if k == 1:
        if va.ndim == 0 or va.ndim != vb.ndim:
            raise ValueError
        ax = int(r.integers(-va.ndim, va.ndim))
        dt = result_type(va, vb)
        return Node(f"np.concatenate([{a.src}, {b.src}], {ax})", np.concatenate([cast(va, dt), cast(vb, dt)], ax), a, b)
    if k == 2:
        if va.ndim == 0 or vb.ndim == 0 or va.shape[-1] != vb.shape[0 if vb.ndim == 1 else -2]:
            raise ValueError
        return Node(f"np.matmul({a.src}, {b.src})", ref_dot(np.matmul, va, vb), a, b)
    if k == 3:
        # power on a positive float base stays finite and well conditioned
        np.broadcast_shapes(va.shape, vb.shape)
        dt = binary_dtype("no-bool", va, vb)
        if dt not in FLOATS:
            dt = F32
        base = finish(np.abs(wide(cast(va, dt))) + 0.5, dt)
        ex = finish(np.clip(wide(cast(vb, dt)), -3, 3), dt)
        return Node(
            f"np.power(np.add(np.abs(np.asarray({a.src}, {{ dtype: '{dt}' }})), 0.5), "
            f"np.clip(np.asarray({b.src}, {{ dtype: '{dt}' }}), -3, 3))",
            finish(np.power(wide(base), wide(ex)), dt),
            a,
            b,
        )
    shape = list(np.broadcast_shapes(va.shape, vb.shape))
    return Node(f"np.broadcastTo({a.src}, {js(shape)})", np.broadcast_to(va, shape).copy(), a)


def wrap(src):
    return src if src.startswith("np.") or src.startswith("nn.") or src.isidentifier() else f"({src})"


RANDOM = {"count": 400, "seed": 424242}


def gen_random():
    A = "random"
    r = np.random.default_rng(RANDOM["seed"])
    made = 0
    while made < RANDOM["count"]:
        rank = int(r.integers(0, 4))
        base = [int(d) for d in r.integers(1, 5, size=rank)]
        if rank and r.random() < 0.08:
            base[int(r.integers(0, rank))] = 0
        nin = int(r.integers(1, 4))
        names = ["a", "b", "c"][:nin]
        inputs, pool = [], []
        for nme in names:
            shape = [d if r.random() < 0.7 else 1 for d in base][int(r.integers(0, rank + 1)) :]
            val = r_leaf_array(r, shape, r_dtype(r))
            inputs.append(val)
            pool.append(Node(nme, val))

        def pick():  # mostly the latest results, so operations chain
            return pool[-1] if r.random() < 0.55 else pool[int(r.integers(0, len(pool)))]

        for _ in range(int(r.integers(4, 10))):
            k = r.random()
            try:
                if k < 0.45:
                    x = pick()
                    y = pick() if r.random() < 0.75 else Node(js(r_scalar(r)), r_scalar(r))
                    if not isinstance(y.val, np.ndarray) and not isinstance(y.val, (bool, int, float)):
                        continue
                    if isinstance(y.val, (bool, int, float)):
                        y = Node(js(y.val), y.val)
                    if r.random() < 0.5:
                        x, y = y, x
                    if isinstance(x.val, (bool, int, float)) and isinstance(y.val, (bool, int, float)):
                        continue
                    np.broadcast_shapes(np.shape(x.val), np.shape(y.val))
                    n = r_binary(r, x, y)
                elif k < 0.6:
                    c, x, y = (pick() for _ in range(3))
                    np.broadcast_shapes(np.shape(c.val), np.shape(x.val), np.shape(y.val))
                    cond = Node(f"np.greater({c.src}, 0)", np.asarray(c.val) > 0, c) if str(np.asarray(c.val).dtype) != B else c
                    dt = result_type(x.val, y.val)
                    n = Node(f"np.where({cond.src}, {x.src}, {y.src})", np.where(cond.val, cast(x.val, dt), cast(y.val, dt)), cond, x, y)
                elif k < 0.66:
                    n = r_unary(r, pick())
                elif k < 0.75:
                    n = r_combine(r, pick(), pick())
                elif k < 0.88:
                    n = r_reduce(r, pick())
                else:
                    n = r_view(r, pick())
            except ValueError:
                continue
            if n is not None and isinstance(n.val, np.ndarray) and str(n.val.dtype) in NPD:
                pool.append(n)
        out = pool[-1]
        if len(pool) == nin or not isinstance(out.val, np.ndarray) or out.src.count("(") < 3:
            continue
        tol = TOL_F32 if str(out.val.dtype) == F64 and out.f32 else None
        case(A, f"random {made:03d}", f"({', '.join(names)}) => {out.src}", inputs, out.val, tol=tol)
        made += 1


# ---------------------------------------------------------------------------------------------
# broadcast inputs: every input repeats along some axis, so the runner's "broadcast" view layout passes
# it as a stride-0 view of a smaller array (a real broadcast), across the primitive families


def gen_broadcast():
    A = "broadcast"
    r = np.random.default_rng(20260601)  # its own stream: the other areas' cases do not move

    def rb(small, shape, dt, lo=-3.0, hi=3.0):
        """A `small`-shaped random array broadcast to `shape` (a dense copy: the runner makes the view)."""
        if dt == B:
            v = r.random(small) < 0.5
        elif dt == I32:
            v = r.integers(int(lo) - 2, int(hi) + 3, size=small).astype(np.int32)
        else:
            v = r.uniform(lo, hi, size=small).astype(NPD[dt])
        return np.ascontiguousarray(np.broadcast_to(v, shape))

    rows, cols = (1, 4), (3, 1)  # [3, 4] arrays whose rows / columns repeat
    # elementwise: binary ops (both dense kernels and array-op-scalar fast paths), unary, compare, where, convert
    for op in ("add", "subtract", "multiply", "maximum"):
        fn, kind = BINARY[op]
        for dt in (F32, F64, I32):
            case(
                A,
                f"{op} {dt} rows x columns",
                f"(a, b) => np.{op}(a, b)",
                [rb(rows, (3, 4), dt), rb(cols, (3, 4), dt)],
                lambda a, b, fn=fn, kind=kind: ref_binary(fn, kind, a, b),
            )
    case(
        A,
        "divide float32 constant x rows",
        "(a, b) => np.divide(a, b)",
        [rb((1, 1), (3, 4), F32), rb(rows, (3, 4), F32, 1, 3)],
        lambda a, b: ref_binary(np.true_divide, "float", a, b),
    )
    case(A, "add float32 constant and scalar", "(a) => np.add(a, 2.5)", [rb((1, 1), (2, 3), F32)], lambda a: finish(wide(a) + 2.5, F32))
    case(
        A,
        "logicalAnd bool rows x columns",
        "(a, b) => np.logicalAnd(a, b)",
        [rb(rows, (3, 4), B), rb(cols, (3, 4), B)],
        lambda a, b: np.logical_and(a, b),
    )
    case(
        A,
        "less int32 rows x columns",
        "(a, b) => np.less(a, b)",
        [rb(rows, (3, 4), I32), rb(cols, (3, 4), I32)],
        lambda a, b: np.less(a, b),
    )
    for op, fn in (("exp", np.exp), ("tanh", np.tanh), ("abs", np.abs), ("negative", np.negative)):
        for dt in (F32, F64):
            case(A, f"{op} {dt} rows", f"(x) => np.{op}(x)", [rb((1, 5), (4, 5), dt)], lambda a, fn=fn, dt=dt: finish(fn(wide(a)), dt))
    case(A, "negative int32 3-d middle axis", "(x) => np.negative(x)", [rb((2, 1, 3), (2, 4, 3), I32)], lambda a: finish(-wide(a), I32))
    case(
        A,
        "where bool columns, rows, constant",
        "(c, a, b) => np.where(c, a, b)",
        [rb(cols, (3, 4), B), rb(rows, (3, 4), F32), rb((1, 1), (3, 4), F32)],
        lambda c, a, b: np.where(c, a, b),
    )
    for src, dst in ((F32, I32), (I32, F32), (F32, F64), (I32, B)):
        case(A, f"astype {src} -> {dst} rows", f"(x) => x.astype('{dst}')", [rb((1, 4), (3, 4), src)], lambda a, dst=dst: cast(a, dst))
    # reductions, arg reductions, cumulative ops: along, across and over all repeated axes
    for kind in ("sum", "max", "mean"):
        for axis in (0, 1, None):
            case(
                A,
                f"{kind} rows axis={js(axis)}",
                f"(x) => np.{kind}(x, {js(axis)})",
                [rb(rows, (3, 4), F32)],
                lambda a, kind=kind, axis=axis: ref_reduce(kind, a, axis, False),
            )
    case(
        A,
        "sum int32 3-d axes [0, 2]",
        "(x) => np.sum(x, [0, 2])",
        [rb((1, 4, 1), (2, 4, 3), I32)],
        lambda a: ref_reduce("sum", a, [0, 2], False),
    )
    case(
        A,
        "prod float64 columns axis=1",
        "(x) => np.prod(x, 1)",
        [rb(cols, (3, 4), F64, 0.5, 1.5)],
        lambda a: ref_reduce("prod", a, 1, False),
    )
    case(A, "any bool columns axis=0", "(x) => np.any(x, 0)", [rb(cols, (3, 4), B)], lambda a: ref_reduce("any", a, 0, False))
    for axis in (0, 1):
        # ties everywhere along the repeated axis: the first index wins
        case(
            A,
            f"argmax rows axis={axis}",
            f"(x) => np.argmax(x, {axis})",
            [rb(rows, (3, 4), F32)],
            lambda a, axis=axis: np.argmax(a, axis).astype(np.int32),
        )
        case(
            A,
            f"argmin int32 columns axis={axis}",
            f"(x) => np.argmin(x, {axis})",
            [rb(cols, (3, 4), I32)],
            lambda a, axis=axis: np.argmin(a, axis).astype(np.int32),
        )
        case(
            A,
            f"cumsum rows axis={axis}",
            f"(x) => np.cumsum(x, {axis})",
            [rb(rows, (3, 4), F32)],
            lambda a, axis=axis: finish(np.cumsum(wide(a), axis), F32),
        )
        case(
            A,
            f"cumprod int32 columns axis={axis}",
            f"(x) => np.cumprod(x, {axis})",
            [rb(cols, (3, 4), I32, -2, 2)],
            lambda a, axis=axis: finish(np.cumprod(wide(a), axis), I32),
        )
    # dot_general: matmul, dot, inner, einsum, vdot, batched with a repeated batch
    for dt in (F32, I32):
        case(
            A,
            f"matmul {dt} rows @ columns",
            "(a, b) => np.matmul(a, b)",
            [rb(rows, (3, 4), dt), rb((4, 1), (4, 5), dt)],
            lambda a, b: ref_dot(np.matmul, a, b),
        )
    case(
        A,
        "matmul columns @ rows",
        "(a, b) => np.matmul(a, b)",
        [rb(cols, (3, 4), F32), rb((1, 5), (4, 5), F32)],
        lambda a, b: ref_dot(np.matmul, a, b),
    )
    case(
        A,
        "matmul batch repeated",
        "(a, b) => np.matmul(a, b)",
        [rb((1, 3, 4), (2, 3, 4), F32), rb((2, 4, 1), (2, 4, 2), F32)],
        lambda a, b: ref_dot(np.matmul, a, b),
    )
    case(
        A,
        "matmul vector constant",
        "(a, b) => np.matmul(a, b)",
        [rb((1,), (4,), F32), rb((4, 1), (4, 3), F32)],
        lambda a, b: ref_dot(np.matmul, a, b),
    )
    case(A, "dot rows . vector", "(a, b) => np.dot(a, b)", [rb(rows, (3, 4), F64), rb((1,), (4,), F64)], lambda a, b: ref_dot(np.dot, a, b))
    case(
        A, "inner columns", "(a, b) => np.inner(a, b)", [rb(cols, (3, 4), F32), rb(rows, (2, 4), F32)], lambda a, b: ref_dot(np.inner, a, b)
    )
    case(
        A,
        "einsum ij,jk->ik",
        "(a, b) => np.einsum('ij,jk->ik', a, b)",
        [rb(rows, (3, 4), F32), rb((4, 1), (4, 2), F32)],
        lambda a, b: ref_dot(lambda x, y: np.einsum("ij,jk->ik", x, y), a, b),
    )
    case(
        A, "vdot constant", "(a, b) => np.vdot(a, b)", [rb((1, 1), (3, 4), F32), rb(cols, (3, 4), F32)], lambda a, b: ref_dot(np.vdot, a, b)
    )
    # structural ops: reshape, transpose, flip, slice, pad, concatenate, take, copy
    case(A, "reshape rows", "(x) => np.reshape(x, 2, 6)", [rb(rows, (3, 4), F32)], lambda a: a.reshape(2, 6))
    case(A, "ravel columns", "(x) => np.ravel(x)", [rb(cols, (3, 4), I32)], lambda a: a.reshape(-1))
    case(A, "transpose 3-d", "(x) => np.transpose(x, [2, 0, 1])", [rb((2, 1, 3), (2, 4, 3), F32)], lambda a: np.transpose(a, (2, 0, 1)))
    case(A, "flip rows", "(x) => np.flip(x, 1)", [rb(rows, (3, 4), F32)], lambda a: np.flip(a, 1))
    case(A, "slice columns", "(x) => np.slice(x, '1:', '::-2')", [rb(cols, (3, 4), F32)], lambda a: a[1:, ::-2])
    case(A, "pad rows", "(x) => np.pad(x, 1)", [rb(rows, (3, 4), F32)], lambda a: np.pad(a, 1))
    case(
        A,
        "concatenate rows and columns axis=0",
        "(a, b) => np.concatenate([a, b], 0)",
        [rb(rows, (3, 4), F32), rb((2, 1), (2, 4), F32)],
        lambda a, b: np.concatenate([a, b], 0),
    )
    case(A, "take columns axis=1", "(x) => np.take(x, [3, 0, 0], 1)", [rb(cols, (3, 4), F32)], lambda a: np.take(a, [3, 0, 0], 1))
    case(
        A,
        "take with repeated indices",
        "(x, i) => np.take(x, i, 0)",
        [rb((3, 1), (3, 2), F32), rb((1,), (4,), I32, 0, 0).clip(0, 2)],
        lambda a, i: np.take(a, i, 0),
    )
    case(A, "copy rows", "(x) => x.copy()", [rb(rows, (3, 4), B)], lambda a: a.copy())
    case(
        A,
        "broadcastTo of a broadcast",
        "(x) => np.broadcastTo(x, [2, 3, 4])",
        [rb(cols, (3, 4), F32)],
        lambda a: np.broadcast_to(a, (2, 3, 4)),
    )
    # nn: softmax over a repeated axis (uniform), logsumexp, relu
    case(A, "softmax rows axis=-1", "(x) => nn.softmax(x)", [rb(rows, (3, 4), F32)], lambda a: finish(softmax(wide(a), -1), F32))
    case(
        A, "softmax columns axis=-1 (uniform)", "(x) => nn.softmax(x)", [rb(cols, (3, 4), F32)], lambda a: finish(softmax(wide(a), -1), F32)
    )
    case(
        A,
        "logsumexp columns axis=0",
        "(x) => nn.logsumexp(x, 0)",
        [rb(cols, (3, 4), F64)],
        lambda a: finish(logsumexp(wide(a), 0, False), F64),
    )
    case(A, "relu rows", "(x) => nn.relu(x)", [rb(rows, (3, 4), F32)], lambda a: np.maximum(a, 0).astype(np.float32))
    case(
        A,
        "mean square error, broadcast target",
        "(w, x, y) => np.mean(np.square(np.subtract(np.matmul(x, w), y)))",
        [rb((1, 1), (3, 1), F32), rb((1, 3), (4, 3), F32), rb((1, 1), (4, 1), F32)],
        lambda w, x, y: finish(np.mean(np.square(wide(x) @ wide(w) - wide(y))), F32),
    )


# deviations: behaviours where numjit used to differ from NumPy/JAX (each a regression case). Fixed data,
# no draws from the shared seeded stream, so the other areas stay byte-identical.


def gen_deviations():
    A = "deviations"
    I32_MAX, I32_MIN = 2147483647, -2147483648
    # float32 products accumulate in float32 (NumPy and JAX): 1e20 * 1e20 overflows before 1e-20 can undo it
    big = arr([1e20, 1e20, 1e-20, 1e-20], F32)
    case(A, "prod float32 overflows in float32", "(x) => np.prod(x)", [big], np.prod(big))
    case(A, "cumprod float32 overflows in float32", "(x) => np.cumprod(x)", [big], np.cumprod(big))
    tiny = arr([1e-30, 1e-30, 1e30, 1e30], F32)
    case(A, "prod float32 underflows in float32", "(x) => np.prod(x)", [tiny], np.prod(tiny))
    case(A, "cumprod float32 underflows in float32", "(x) => np.cumprod(x)", [tiny], np.cumprod(tiny))
    m = arr([[1e20, 1e20, 1e-20], [2, 3, 4]], F32)
    case(A, "prod float32 axis 1 of a fused product", "(x) => np.prod(np.multiply(x, 1), 1)", [m], np.prod(m, 1))
    case(A, "prod float32 axis 0 keepdims", "(x) => np.prod(x, 0, { keepdims: true })", [m.T.copy()], np.prod(m.T, 0, keepdims=True))
    case(A, "prod float32 of a transposed view", "(x) => np.prod(x.T, 0)", [m], np.prod(m.T, 0))
    case(A, "cumprod float32 axis 1", "(x) => np.cumprod(x, 1)", [m], np.cumprod(m, 1))
    d64 = arr([1e200, 1e200, 1e-200, 1e-200], F64)
    case(A, "prod float64 overflows in float64", "(x) => np.prod(x)", [d64], np.prod(d64))
    # tril/triu keep the input dtype (bool stays bool)
    bb = arr([[True, True, False], [True, True, True], [False, True, True]], B)
    case(A, "tril of bool stays bool", "(x) => np.tril(x)", [bb], np.tril(bb))
    case(A, "triu of bool stays bool", "(x) => np.triu(x, 1)", [bb], np.triu(bb, 1))
    case(A, "tril of int32 k -1", "(x) => np.tril(x, -1)", [arr([[1, 2], [3, 4]], I32)], arr([[0, 0], [3, 0]], I32))
    # float -> int32 saturates as JAX on CPU does (NaN -> 0); NumPy leaves these values undefined
    sat_in = [3e9, -3e9, np.inf, -np.inf, np.nan, 2.7, -2.7, 2147483647.0, -2147483649.0]
    sat_out = [I32_MAX, I32_MIN, I32_MAX, I32_MIN, 0, 2, -2, I32_MAX, I32_MIN]
    case(A, "astype float64 -> int32 saturates", "(x) => x.astype('int32')", [arr(sat_in, F64)], arr(sat_out, I32))
    case(A, "astype float32 -> int32 saturates", "(x) => x.astype('int32')", [arr(sat_in, F32)], arr(sat_out, I32))
    case(
        A,
        "astype float32 -> int32 saturates after a fused op",
        "(x) => np.multiply(x, 2).astype('int32')",
        [arr([2e9, -2e9, 1.5, np.nan], F32)],
        arr([I32_MAX, I32_MIN, 3, 0], I32),
    )
    case(
        A,
        "astype of a strided float64 view saturates",
        "(x) => x.T.astype('int32')",
        [arr([[1e10, 1], [-1e10, np.inf]], F64)],
        arr([[I32_MAX, I32_MIN], [1, I32_MAX]], I32),
    )
    # split / array_split at indices
    r8 = np.arange(8, dtype=np.int32)
    case(A, "arraySplit at indices [2, 5]", "(x) => np.arraySplit(x, [2, 5])", [r8], lambda a: np.array_split(a, [2, 5]))
    case(
        A,
        "arraySplit at unsorted indices [3, 1]",
        "(x) => np.arraySplit(x, [3, 1])",
        [r8],
        lambda a: [p.astype(np.int32) for p in np.array_split(a, [3, 1])],
    )
    case(
        A,
        "arraySplit at indices past the end and negative",
        "(x) => np.arraySplit(x, [-2, 20])",
        [r8],
        lambda a: np.array_split(a, [-2, 20]),
    )
    case(A, "split at indices [2, 5]", "(x) => np.split(x, [2, 5])", [r8], lambda a: np.split(a, [2, 5]))
    x23 = arr([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]], F32)
    case(A, "arraySplit at indices axis 1", "(x) => np.arraySplit(x, [1, 3], 1)", [x23], lambda a: np.array_split(a, [1, 3], 1))
    case(A, "arraySplit 7 into 3 sections", "(x) => np.arraySplit(x, 3)", [np.arange(7, dtype=np.int32)], lambda a: np.array_split(a, 3))
    # diff with prepend / append
    a4 = arr([1, 4, 9, 16], I32)
    case(
        A,
        "diff prepend and append arrays",
        "(a, p, q) => np.diff(a, 1, -1, { prepend: p, append: q })",
        [a4, arr([0], I32), arr([30, 20], I32)],
        lambda a, p, q: np.diff(a, 1, -1, prepend=p, append=q).astype(np.int32),
    )
    a23 = arr([[1, 2, 4], [7, 11, 16]], I32)
    case(
        A,
        "diff axis 0 scalar prepend",
        "(a) => np.diff(a, 1, 0, { prepend: 1 })",
        [a23],
        lambda a: np.diff(a, 1, 0, prepend=1).astype(np.int32),
    )
    f23 = arr([[1.5, 2, 4], [7, 11.25, 16]], F32)
    case(
        A,
        "diff n 2 axis 1 prepend column, scalar append",
        "(a, p) => np.diff(a, 2, 1, { prepend: p, append: 0.5 })",
        [f23, arr([[7], [8]], F32)],
        lambda a, p: np.diff(a, 2, 1, prepend=p, append=np.float32(0.5)),
    )
    case(A, "diff n 0 ignores prepend", "(a) => np.diff(a, 0, -1, { prepend: 1 })", [a4], a4)
    err(
        A,
        "diff prepend of the wrong shape",
        "(a, p) => np.diff(a, 1, 0, { prepend: p })",
        [a23, arr([[1, 2]], I32)],
        "ShapeError",
        "NJ105",
        contains=["diff"],
    )
    # scalars where NumPy accepts them
    case(A, "cumsum of a scalar along axis 0", "() => np.cumsum(5, 0)", [], arr([5], I32))
    case(A, "cumprod of a 0-d array, axis -1", "(x) => np.cumprod(x, -1)", [arr(2.5, F32)], arr([2.5], F32))
    case(A, "hstack of scalars", "() => np.hstack([1, 2, 3])", [], arr([1, 2, 3], I32))
    case(A, "vstack of scalars", "() => np.vstack([1, 2])", [], arr([[1], [2]], I32))
    case(A, "dstack of scalars", "() => np.dstack([1, 2])", [], arr([[[1, 2]]], I32))
    case(A, "columnStack of scalars", "() => np.columnStack([1, 2])", [], arr([[1, 2]], I32))
    case(A, "stack of scalars", "() => np.stack([1, 2])", [], arr([1, 2], I32))
    case(A, "hstack of a 0-d array and a vector", "(a, b) => np.hstack([a, b])", [arr(1.5, F32), arr([2, 3], F32)], arr([1.5, 2, 3], F32))
    p3, q3 = arr([1, 2, 3], F32), arr([4, 5, 6], F32)
    case(A, "dstack of vectors", "(a, b) => np.dstack([a, b])", [p3, q3], lambda a, b: np.dstack([a, b]))
    case(A, "dstack of matrices", "(a, b) => np.dstack([a, b])", [x23, x23 * 2], lambda a, b: np.dstack([a, b]))
    case(A, "columnStack of vectors", "(a, b) => np.columnStack([a, b])", [p3, q3], lambda a, b: np.column_stack([a, b]))
    case(
        A,
        "columnStack of a vector and a matrix",
        "(a, b) => np.columnStack([a, b])",
        [arr([1, 2], F32), x23],
        lambda a, b: np.column_stack([a, b]),
    )
    err(
        A, "vstack mismatch names vstack", "(a, b) => np.vstack([a, b])", [p3, arr([1, 2], F32)], "ShapeError", "NJ105", contains=["vstack"]
    )
    # size-0 softmax / log_softmax / logsumexp (JAX: [], [], -inf)
    z0, z20 = np.zeros(0, np.float32), np.zeros((2, 0), np.float32)
    case(A, "nn.softmax of an empty vector", "(x) => nn.softmax(x)", [z0], z0)
    case(A, "nn.logSoftmax of an empty vector", "(x) => nn.logSoftmax(x)", [z0], z0)
    case(A, "nn.logsumexp of an empty vector is -inf", "(x) => nn.logsumexp(x)", [z0], arr(-np.inf, F32))
    case(A, "nn.logsumexp of 2x0 along axis 1", "(x) => nn.logsumexp(x, 1)", [z20], arr([-np.inf, -np.inf], F32))
    case(A, "nn.logsumexp of 2x0 along axis 0", "(x) => nn.logsumexp(x, 0)", [z20], np.zeros(0, np.float32))
    case(A, "nn.softmax of 2x0", "(x) => nn.softmax(x, -1)", [z20], z20)
    # relu: max(x, 0), NaN kept (its derivative at 0 is checked in deviations.test.ts)
    case(
        A,
        "nn.relu keeps NaN and zeros negatives",
        "(x) => nn.relu(x)",
        [arr([-1, 0, 2.5, np.nan, -np.inf], F32)],
        arr([0, 0, 2.5, np.nan, 0], F32),
    )
    case(A, "nn.relu of int32", "(x) => nn.relu(x)", [arr([-3, 0, 4], I32)], arr([0, 0, 4], I32))
    # accepted forms
    case(A, "transpose varargs method", "(x) => x.transpose(1, 0)", [x23], lambda a: a.transpose(1, 0))
    case(
        A,
        "transpose varargs function",
        "(x) => np.transpose(x, 2, 0, 1)",
        [np.arange(24, dtype=np.float32).reshape(2, 3, 4)],
        lambda a: a.transpose(2, 0, 1),
    )
    case(A, "pad with a dict of axis widths", "(x) => np.pad(x, { 1: [0, 2] })", [x23], lambda a: np.pad(a, {1: (0, 2)}))
    case(A, "pad with a dict, negative axis, one width", "(x) => np.pad(x, { [-2]: 1 })", [x23], lambda a: np.pad(a, {-2: 1}))
    case(A, "einsum sublist transpose", "(x) => np.einsum(x, [0, 1], [1, 0])", [x23], lambda a: np.einsum(a, [0, 1], [1, 0]))
    case(
        A,
        "einsum sublist matmul",
        "(a, b) => np.einsum(a, [0, 1], b, [1, 2], [0, 2])",
        [x23, x23.T.copy()],
        lambda a, b: finish(np.einsum(wide(a), [0, 1], wide(b), [1, 2], [0, 2]), F32),
    )
    case(A, "einsum sublist implicit output (sum)", "(x) => np.einsum(x, [0, 0])", [arr([[1, 2], [3, 4]], F32)], arr(5, F32))
    case(A, "take with integral float indices", "(x) => np.take(x, [2, 0])", [p3], arr([3, 1], F32))
    case(
        A,
        "isclose of int32 arrays",
        "(a, b) => np.isclose(a, b)",
        [arr([1, 2, 100000], I32), arr([1, 3, 100001], I32)],
        lambda a, b: np.isclose(a, b),
    )
    case(A, "isclose of bools", "(a, b) => np.isclose(a, b)", [arr([True, False], B), arr([True, True], B)], arr([True, False], B))
    # bad input as typed errors (the full sweep is test/numpy/bad-input.test.ts)
    err(A, "pad width triple is an ArgumentError", "(x) => np.pad(x, [[1, 2, 3]])", [x23], "ArgumentError", "NJ301", contains=["pad"])
    err(A, "round with fractional decimals", "(x) => np.round(x, 1.5)", [x23], "ArgumentError", "NJ301", contains=["round"])
    err(A, "argmax with a list axis", "(x) => np.argmax(x, [0, 1])", [x23], "ArgumentError", "NJ301", contains=["argmax"])
    err(A, "take with fractional indices", "(x) => np.take(x, [0.5])", [p3], "ArgumentError", "NJ301", contains=["take"])
    err(
        A,
        "array of 2**40 as int32",
        "() => np.array([2 ** 40], { dtype: 'int32' })",
        [],
        "ArgumentError",
        "NJ301",
        contains=["array", "int32"],
    )
    err(A, "full with a string", "() => np.full([2], 'a')", [], "ArgumentError", "NJ301", contains=["full"])
    err(A, "eye(-1) names eye", "() => np.eye(-1)", [], "ShapeError", "NJ106", contains=["eye"])
    err(A, "softmax of bool names softmax", "(x) => nn.softmax(x)", [arr([True], B)], "DTypeError", "NJ202", contains=["softmax"])
    case(
        A,
        "softplus of bool promotes to float32",
        "(x) => nn.softplus(x)",
        [arr([True, False], B)],
        finish(np.log1p(np.exp(np.array([1.0, 0.0]))), F32),
    )


# ---------------------------------------------------------------------------------------------
# uint32 and bitwise ops (its own stream, so the other areas stay byte-identical)


def gen_uint32():
    A = "uint32"
    r = np.random.default_rng(20261129)

    def u(shape, hi=2**32):
        return r.integers(0, hi, size=shape, dtype=np.int64).astype(np.uint32)

    def i(shape, lo=-(2**31), hi=2**31):
        return r.integers(lo, hi, size=shape, dtype=np.int64).astype(np.int32)

    def w(f):
        """A uint32 reference computed in int64, wrapped modulo 2^32."""
        return lambda *xs: finish(f(*[wide(x) for x in xs]), U32)

    # wrapping arithmetic
    a, b = u((3, 4)), u((3, 4))
    case(A, "add wraps", "(a, b) => np.add(a, b)", [a, b], w(np.add))
    case(A, "subtract wraps", "(a, b) => np.subtract(a, b)", [a, b], w(np.subtract))
    case(A, "multiply wraps", "(a, b) => np.multiply(a, b)", [a, b], lambda x, y: finish((wide(x) * wide(y)) % 2**32, U32))
    case(A, "negative wraps", "(a) => np.negative(a)", [a], w(np.negative))
    small = u((3, 5), 50)
    case(A, "add broadcast row", "(a, b) => np.add(a, b)", [a, u((4,))], w(np.add))
    case(A, "floorDivide", "(a, b) => np.floorDivide(a, b)", [a, small[:, :4] + 1], w(lambda x, y: x // y))
    case(
        A,
        "floorDivide by zero is 0",
        "(a, b) => np.floorDivide(a, b)",
        [u((4,)), arr([0, 0, 1, 3], U32)],
        lambda x, y: finish(np.where(y == 0, 0, wide(x) // np.maximum(wide(y), 1)), U32),
    )
    case(A, "mod", "(a, b) => np.mod(a, b)", [a, small[:, :4] + 1], w(np.mod))
    case(
        A,
        "power wraps",
        "(a, b) => np.power(a, b)",
        [u((6,), 1000), arr([0, 1, 2, 3, 5, 9], U32)],
        lambda x, y: finish([pow(int(p), int(q), 2**32) for p, q in zip(x, y)], U32),
    )
    case(A, "divide -> float32", "(a, b) => np.divide(a, b)", [u((5,)), u((5,), 100) + 1], lambda x, y: finish(wide(x) / wide(y), F32))
    case(A, "maximum minimum", "(a, b) => [np.maximum(a, b), np.minimum(a, b)]", [a, b], lambda x, y: [np.maximum(x, y), np.minimum(x, y)])
    case(
        A, "abs sign", "(a) => [np.abs(a), np.sign(a)]", [arr([0, 1, 2**31, 2**32 - 1], U32)], lambda x: [x, finish(np.sign(wide(x)), U32)]
    )
    for op in ["less", "greaterEqual", "equal"]:
        fn = {"less": np.less, "greaterEqual": np.greater_equal, "equal": np.equal}[op]
        c = u((3, 4), 4) * np.uint32(2**30)
        case(A, f"{op} (unsigned order)", f"(a, b) => np.{op}(a, b)", [c, u((3, 4), 4) * np.uint32(2**30)], lambda x, y, fn=fn: fn(x, y))
    # promotion (numjit: JAX's lattice without x64)
    case(A, "uint32 + int32 -> int32", "(a, b) => np.add(a, b)", [u((4,)), i((4,))], lambda x, y: finish(wide(x) + wide(y), I32))
    case(
        A,
        "uint32 + float32 -> float32",
        "(a, b) => np.add(a, b)",
        [u((4,), 1000), rand((4,), F32)],
        lambda x, y: finish(x.astype(np.float32).astype(np.float64) + wide(y), F32),
    )
    case(A, "uint32 + bool -> uint32", "(a, b) => np.add(a, b)", [u((4,)), rand((4,), B)], w(np.add))
    case(A, "uint32 + weak 3 -> uint32", "(a) => np.add(a, 3)", [u((5,))], lambda x: finish(wide(x) + 3, U32))
    case(A, "uint32 + weak -1 wraps", "(a) => np.add(a, -1)", [arr([0, 1, 7], U32)], lambda x: finish(wide(x) - 1, U32))
    case(
        A,
        "uint32 + weak 3e9 (fits uint32)",
        "(a) => np.add(a, 3000000000)",
        [arr([0, 1, 2**31], U32)],
        lambda x: finish(wide(x) + 3000000000, U32),
    )
    case(A, "uint32 * weak 0.5 -> float32", "(a) => np.multiply(a, 0.5)", [u((4,), 2**24)], lambda x: finish(wide(x) * 0.5, F32))
    err(A, "uint32 + weak 2^32 overflows", "(a) => np.add(a, 4294967296)", [u((2,))], "DTypeError", "NJ204")
    err(A, "uint32 + weak -2^31-1 overflows", "(a) => np.add(a, -2147483649)", [u((2,))], "DTypeError", "NJ204")
    # casts
    f = arr([-1.5, 0.0, 2.7, 3e9, 5e9, np.nan, np.inf, -np.inf, 4294967295.0], F64)
    case(A, "float64 -> uint32 saturates", '(a) => a.astype("uint32")', [f], lambda x: cast(x, U32))
    case(A, "float32 -> uint32 saturates", '(a) => a.astype("u32")', [f.astype(np.float32)], lambda x: cast(x, U32))
    case(A, "int32 -> uint32 wraps", '(a) => a.astype("uint32")', [arr([-1, -(2**31), 0, 5], I32)], lambda x: cast(x, U32))
    case(A, "uint32 -> int32 wraps", '(a) => a.astype("int32")', [arr([2**32 - 1, 2**31, 0, 5], U32)], lambda x: cast(x, I32))
    case(
        A,
        "uint32 -> float32 rounds",
        '(a) => a.astype("float32")',
        [arr([2**32 - 1, 2**24 + 1, 16777217, 3], U32)],
        lambda x: x.astype(np.float32),
    )
    case(A, "uint32 -> float64 exact", '(a) => a.astype("float64")', [u((5,))], lambda x: x.astype(np.float64))
    case(A, "uint32 -> bool", '(a) => a.astype("bool")', [arr([0, 1, 2**31], U32)], lambda x: x != 0)
    case(
        A,
        "array of JS numbers as uint32",
        '() => np.array([0, 1, 4294967295, 2147483648], { dtype: "uint32" })',
        [],
        arr([0, 1, 4294967295, 2147483648], U32),
    )
    err(A, "array of -1 as uint32", '() => np.array([-1], { dtype: "uint32" })', [], "ArgumentError", "NJ301")
    case(A, "arange uint32", '() => np.arange(0, 5, 1, { dtype: "uint32" })', [], np.arange(5, dtype=np.uint32))
    case(A, "full uint32", '() => np.full([2, 2], 4000000000, { dtype: "uint32" })', [], np.full((2, 2), 4000000000, np.uint32))
    # reductions
    big = u((4, 5))
    case(A, "sum wraps", "(a) => np.sum(a)", [big], lambda x: finish(wide(x).sum(), U32))
    case(A, "sum axis 0 wraps", "(a) => np.sum(a, 0)", [big], lambda x: finish(wide(x).sum(0), U32))
    case(
        A,
        "prod axis 1 wraps",
        "(a) => np.prod(a, 1)",
        [u((3, 4), 70000)],
        lambda x: finish([functools.reduce(lambda p, q: p * int(q) % 2**32, row, 1) for row in x], U32),
    )
    case(A, "max min", "(a) => [np.max(a, 1), np.min(a, 0)]", [big], lambda x: [x.max(1), x.min(0)])
    case(A, "argmax (unsigned order)", "(a) => np.argmax(a, 1)", [big], lambda x: x.argmax(1).astype(np.int32))
    case(A, "cumsum wraps", "(a) => np.cumsum(a, 1)", [big], lambda x: finish(np.cumsum(wide(x), 1), U32))
    case(A, "mean -> float32", "(a) => np.mean(a, 1)", [u((3, 4), 2**20)], lambda x: finish(wide(x).mean(1), F32))
    case(A, "matmul wraps", "(a, b) => np.matmul(a, b)", [u((3, 4)), u((4, 2))], lambda x, y: finish((wide(x) @ wide(y)) % 2**32, U32))
    # bitwise
    for name, fn, npf in [
        ("bitwiseAnd", "bitwiseAnd", np.bitwise_and),
        ("bitwiseOr", "bitwiseOr", np.bitwise_or),
        ("bitwiseXor", "bitwiseXor", np.bitwise_xor),
    ]:
        case(A, f"{name} uint32", f"(a, b) => np.{fn}(a, b)", [a, b], lambda x, y, npf=npf: npf(x, y))
        case(A, f"{name} int32", f"(a, b) => np.{fn}(a, b)", [i((3, 4)), i((3, 4))], lambda x, y, npf=npf: npf(x, y))
        case(A, f"{name} bool", f"(a, b) => np.{fn}(a, b)", [rand((5,), B), rand((5,), B)], lambda x, y, npf=npf: npf(x, y))
        case(A, f"{name} uint32 with weak 0xff", f"(a) => np.{fn}(a, 255)", [a], lambda x, npf=npf: npf(x, np.uint32(255)))
    case(A, "bitwiseNot uint32", "(a) => np.bitwiseNot(a)", [a], np.invert)
    case(A, "invert int32", "(a) => np.invert(a)", [i((5,))], np.invert)
    case(A, "bitwiseNot bool", "(a) => np.bitwiseNot(a)", [rand((5,), B)], np.invert)
    err(A, "bitwiseNot float", "(a) => np.bitwiseNot(a)", [rand((3,), F32)], "DTypeError", "NJ202")
    sh = arr([0, 1, 5, 31, 32, 33, 255, 7], U32)
    x = u((8,))
    case(
        A,
        "leftShift uint32 (>= 32 gives 0)",
        "(a, b) => np.leftShift(a, b)",
        [x, sh],
        lambda p, q: finish(np.where(wide(q) >= 32, 0, (wide(p) << np.minimum(wide(q), 63)) % 2**32), U32),
    )
    case(
        A,
        "rightShift uint32 is logical",
        "(a, b) => np.rightShift(a, b)",
        [x, sh],
        lambda p, q: finish(np.where(wide(q) >= 32, 0, wide(p) >> np.minimum(wide(q), 63)), U32),
    )
    xi = i((8,))
    shi = arr([0, 1, 5, 31, 32, 33, 100, 7], I32)
    case(
        A,
        "rightShift int32 is arithmetic (>= 32 gives the sign)",
        "(a, b) => np.rightShift(a, b)",
        [xi, shi],
        lambda p, q: finish(wide(p) >> np.minimum(wide(q), 63), I32),
    )
    case(
        A,
        "leftShift int32 wraps",
        "(a, b) => np.leftShift(a, b)",
        [xi, shi],
        lambda p, q: finish(np.where(wide(q) >= 32, 0, (wide(p) << np.minimum(wide(q), 40)) & 0xFFFFFFFF), I32),
    )
    case(
        A,
        "lax.shiftRightLogical int32",
        "(a, b) => lax.shiftRightLogical(a, b)",
        [xi, shi],
        lambda p, q: finish(np.where(wide(q) >= 32, 0, (wide(p) & 0xFFFFFFFF) >> np.minimum(wide(q), 63)), I32),
    )
    case(
        A,
        "lax.shiftRightArithmetic uint32",
        "(a, b) => lax.shiftRightArithmetic(a, b)",
        [x, sh],
        lambda p, q: finish(wide(p).astype(np.uint32).view(np.int32).astype(np.int64) >> np.minimum(wide(q), 31), U32),
    )
    case(A, "lax.shiftLeft with weak amount", "(a) => lax.shiftLeft(a, 3)", [x], lambda p: finish(wide(p) << 3, U32))
    case(
        A,
        "rotate left by 13 (threefry's rotation)",
        "(a) => np.bitwiseOr(np.leftShift(a, 13), np.rightShift(a, 19))",
        [x],
        lambda p: finish(((wide(p) << 13) | (wide(p) >> 19)) & 0xFFFFFFFF, U32),
    )
    err(A, "leftShift float", "(a, b) => np.leftShift(a, b)", [rand((3,), F32), rand((3,), F32)], "DTypeError", "NJ202")
    err(A, "leftShift bool", "(a, b) => np.leftShift(a, b)", [rand((3,), B), rand((3,), B)], "DTypeError", "NJ202")


# ---------------------------------------------------------------------------------------------
# breadth: sorting, selection, statistics, polynomials, windows, x.at(), nn and scipySpecial (issue 15).
# Drawn from its own stream so that adding cases here never moves the other areas' data.


def gen_breadth():
    import jax
    import jax.numpy as jnp
    import scipy.special as sps

    jax.config.update("jax_enable_x64", True)
    A = "breadth"
    r = np.random.default_rng(1515)

    def rnd(shape, dt, lo=-3.0, hi=3.0):
        if dt == I32:
            return r.integers(-4, 5, size=shape).astype(np.int32)
        if dt == B:
            return r.random(shape) < 0.5
        return r.uniform(lo, hi, size=shape).astype(NPD[dt])

    def withnan(a, k=2):
        a = a.copy()
        flat = a.reshape(-1)
        flat[r.choice(flat.size, k, replace=False)] = np.nan
        flat[r.choice(flat.size, 1)] = np.inf
        return a

    def f32(x):
        return finish(x, F32)

    ties = arr([[3, 1, 2, 1, 3, 0], [5, 5, -1, 2, 2, 7]], F32)
    for dt in (F32, F64, I32):
        a = rnd((3, 5), dt)
        case(A, f"sort {dt}", "(x) => np.sort(x)", [a], lambda a: np.sort(a, kind="stable"))
        case(A, f"argsort {dt} axis 0", "(x) => np.argsort(x, 0)", [a], lambda a: np.argsort(a, 0, kind="stable").astype(np.int32))
    nanx = withnan(rnd((4, 6), F32))
    case(A, "sort NaN last", "(x) => np.sort(x)", [nanx], lambda a: np.sort(a))
    case(A, "sort axis null", "(x) => np.sort(x, null)", [nanx], lambda a: np.sort(a, None))
    case(A, "argsort NaN last stable", "(x) => np.argsort(x)", [nanx], lambda a: np.argsort(a, kind="stable").astype(np.int32))
    case(A, "argsort ties stable", "(x) => np.argsort(x)", [ties], lambda a: np.argsort(a, kind="stable").astype(np.int32))
    case(
        A,
        "argsort descending (JAX)",
        "(x) => np.argsort(x, -1, { descending: true })",
        [ties],
        lambda a: np.asarray(jnp.argsort(a, descending=True, stable=True)).astype(np.int32),
    )
    case(
        A,
        "sort descending NaN (JAX)",
        "(x) => np.sort(x, -1, { descending: true })",
        [nanx],
        lambda a: np.asarray(jnp.sort(a, descending=True)),
    )
    case(A, "sort transposed view", "(x) => np.sort(x, 0)", [Input(rnd((4, 3), F64), ("x => x.T", lambda a: a.T))], lambda a: np.sort(a, 0))
    case(A, "sort bool", "(x) => np.sort(x)", [rnd((7,), B)], lambda a: np.sort(a))
    case(A, "partition (a full sort)", "(x) => np.partition(x, 2)", [rnd((3, 6), F32)], lambda a: np.sort(a))
    err(A, "partition kth out of range", "(x) => np.partition(x, 9)", [rnd((5,), F32)], "ShapeError", "NJ109")
    idx = r.integers(0, 5, size=(3, 4)).astype(np.int32)
    a35 = rnd((3, 5), F32)
    case(A, "takeAlongAxis axis 1", "(x, i) => np.takeAlongAxis(x, i, 1)", [a35, idx], lambda a, i: np.take_along_axis(a, i, 1))
    case(
        A,
        "takeAlongAxis broadcast",
        "(x, i) => np.takeAlongAxis(x, i, 0)",
        [a35, arr([[2, 0, 1, -1, 0]], I32)],
        lambda a, i: np.take_along_axis(a, i, 0),
    )
    case(
        A,
        "takeAlongAxis null",
        "(x, i) => np.takeAlongAxis(x, i, null)",
        [a35, arr([14, 0, 3], I32)],
        lambda a, i: np.take_along_axis(a, i, None),
    )
    srt = np.sort(rnd((8,), F32))
    srt = np.concatenate([srt, [np.nan]]).astype(np.float32)
    vals = arr([-9, srt[2], srt[5], 0.5, 9, np.nan], F32)
    for side in ("left", "right"):
        case(
            A,
            f"searchsorted {side}",
            f"(a, v) => np.searchsorted(a, v, {{ side: '{side}' }})",
            [srt, vals],
            lambda a, v, side=side: np.searchsorted(a, v, side).astype(np.int32),
        )
    case(
        A,
        "searchsorted 2-d values",
        "(a, v) => np.searchsorted(a, v)",
        [srt[:-1], rnd((2, 3), F32)],
        lambda a, v: np.searchsorted(a, v).astype(np.int32),
    )
    k1, k2 = arr([1, 5, 1, 4, 3, 4, 4], I32), arr([9, 4, 0, 4, 0, 2, 1], F32)
    case(A, "lexsort", "(a, b) => np.lexsort([a, b])", [k1, k2], lambda a, b: np.lexsort([a, b]).astype(np.int32))
    case(A, "lexsort 2-d keys axis 0", "(k) => np.lexsort(k, 0)", [rnd((2, 5, 3), I32)], lambda k: np.lexsort(k, 0).astype(np.int32))
    u = arr([3, 1, np.nan, 2, 1, np.nan, 3, -0.5], F32)
    case(A, "unique with NaN", "(x) => np.unique(x)", [u], lambda a: np.unique(a), eager_only=True)
    case(A, "unique int 2-d", "(x) => np.unique(x)", [rnd((3, 4), I32)], lambda a: np.unique(a), eager_only=True)
    case(
        A,
        "unique size pads with fillValue",
        "(x) => np.unique(x, { size: 8, fillValue: -7 })",
        [rnd((2, 3), I32)],
        lambda a: np.asarray(jnp.unique(a, size=8, fill_value=-7)),
    )
    case(
        A,
        "unique size default fill (JAX: the minimum)",
        "(x) => np.unique(x, { size: 6 })",
        [arr([2, 2, 5, 1], F32)],
        lambda a: np.asarray(jnp.unique(a, size=6)),
    )
    case(A, "unique size truncates", "(x) => np.unique(x, { size: 2 })", [arr([4, 2, 9, 2], F32)], arr([2, 4], F32))
    nz = rnd((3, 4), I32) * (r.random((3, 4)) < 0.5)
    case(A, "nonzero", "(x) => np.nonzero(x)", [nz], lambda a: [i.astype(np.int32) for i in np.nonzero(a)], eager_only=True)
    case(
        A,
        "nonzero size",
        "(x) => np.nonzero(x, { size: 9, fillValue: -1 })",
        [nz],
        lambda a: [np.asarray(i).astype(np.int32) for i in jnp.nonzero(a, size=9, fill_value=-1)],
    )
    case(A, "argwhere", "(x) => np.argwhere(x)", [nz], lambda a: np.argwhere(a).astype(np.int32), eager_only=True)
    case(A, "argwhere size", "(x) => np.argwhere(x, { size: 3 })", [nz], lambda a: np.asarray(jnp.argwhere(a, size=3)).astype(np.int32))
    case(A, "flatnonzero", "(x) => np.flatnonzero(x)", [nz], lambda a: np.flatnonzero(a).astype(np.int32), eager_only=True)
    case(A, "countNonzero axis", "(x) => np.countNonzero(x, 1)", [nz], lambda a: np.count_nonzero(a, 1).astype(np.int32))

    # group 2: rearranging and building
    a34 = rnd((3, 4), F32)
    case(A, "roll flat", "(x) => np.roll(x, 5)", [a34], lambda a: np.roll(a, 5))
    case(A, "roll axes", "(x) => np.roll(x, [1, -3], [0, 1])", [a34], lambda a: np.roll(a, (1, -3), (0, 1)))
    for k in (1, 2, 3, -1):
        case(A, f"rot90 k={k}", f"(x) => np.rot90(x, {k})", [rnd((2, 3, 2), F32)], lambda a, k=k: np.rot90(a, k))
    case(A, "rot90 axes", "(x) => np.rot90(x, 1, [1, 2])", [rnd((2, 3, 2), I32)], lambda a: np.rot90(a, 1, (1, 2)))
    case(A, "indices", "() => np.indices([2, 3])", [], np.indices((2, 3)).astype(np.int32))
    case(
        A,
        "fromfunction",
        "() => np.fromfunction((i, j) => np.add(np.multiply(i, 10), j), [2, 3])",
        [],
        np.fromfunction(lambda i, j: i * 10 + j, (2, 3)).astype(np.float32),
    )
    case(A, "unstack axis 1", "(x) => np.unstack(x, 1)", [a34], lambda a: [a[:, i] for i in range(4)])
    case(A, "hsplit", "(x) => np.hsplit(x, 2)", [a34], lambda a: np.hsplit(a, 2))
    case(A, "vsplit", "(x) => np.vsplit(x, [1])", [a34], lambda a: np.vsplit(a, [1]))
    case(A, "dsplit", "(x) => np.dsplit(x, 2)", [rnd((2, 2, 4), F32)], lambda a: np.dsplit(a, 2))
    case(
        A,
        "select",
        "(x) => np.select([np.less(x, -1), np.greater(x, 1)], [np.negative(x), np.multiply(x, 2)], 7)",
        [a34],
        lambda a: f32(np.select([a < -1, a > 1], [-wide(a), 2 * wide(a)], 7)),
    )
    case(
        A,
        "piecewise",
        "(x) => np.piecewise(x, [np.less(x, 0), np.greater(x, 2)], [(v) => np.negative(v), 5, 1])",
        [a34],
        lambda a: np.piecewise(a, [a < 0, a > 2], [lambda v: -v, 5, 1]),
    )
    case(A, "isin", "(x, t) => np.isin(x, t)", [rnd((3, 4), I32), arr([1, -2, 4], I32)], lambda a, t: np.isin(a, t))
    case(
        A,
        "isin invert",
        "(x, t) => np.isin(x, t, { invert: true })",
        [rnd((5,), I32), arr([[0, 1]], I32)],
        lambda a, t: np.isin(a, t, invert=True),
    )
    nn34 = withnan(rnd((3, 4), F32))
    nn34.reshape(-1)[0] = -np.inf
    for dt in (F32, F64):
        case(A, f"nanToNum {dt}", "(x) => np.nanToNum(x)", [nn34.astype(NPD[dt])], lambda a: np.nan_to_num(a))
    case(
        A,
        "nanToNum values",
        "(x) => np.nanToNum(x, { nan: 9, posinf: 1, neginf: -1 })",
        [nn34],
        lambda a: np.nan_to_num(a, nan=9, posinf=1, neginf=-1),
    )
    y = rnd((3, 5), F64)
    case(A, "trapezoid", "(y) => np.trapezoid(y)", [y], lambda y: np.trapezoid(y))
    case(
        A, "trapezoid x axis 0", "(y, x) => np.trapezoid(y, x, 1, 0)", [y, np.sort(rnd((3,), F64))], lambda y, x: np.trapezoid(y, x, axis=0)
    )
    case(A, "trapezoid dx", "(y) => np.trapezoid(y, null, 0.5)", [rnd((6,), F32)], lambda y: f32(np.trapezoid(wide(y), dx=0.5)))
    ph = np.cumsum(rnd((10,), F64, -4, 4))
    case(A, "unwrap", "(p) => np.unwrap(p)", [ph], lambda p: np.unwrap(p))
    case(
        A,
        "unwrap period axis 0",
        "(p) => np.unwrap(p, { period: 4, axis: 0 })",
        [rnd((6, 2), F64, -5, 5)],
        lambda p: np.unwrap(p, period=4, axis=0),
    )
    case(
        A,
        "ediff1d",
        "(x) => np.ediff1d(x, { toBegin: [9], toEnd: [1, 2] })",
        [a34],
        lambda a: f32(np.ediff1d(a, to_begin=[9], to_end=[1, 2])),
    )
    case(A, "geomspace", "() => np.geomspace(1, 1000, 7)", [], f32(np.geomspace(1, 1000, 7)))
    case(
        A,
        "geomspace negative no endpoint",
        "() => np.geomspace(-2, -50, 5, { endpoint: false, dtype: 'float64' })",
        [],
        np.geomspace(-2, -50, 5, endpoint=False),
    )
    case(A, "logspace", "() => np.logspace(0, 3, 4)", [], f32(np.logspace(0, 3, 4)))
    case(A, "logspace base 2", "() => np.logspace(1, 5, 9, { base: 2, dtype: 'float64' })", [], np.logspace(1, 5, 9, base=2))
    v3 = rnd((4, 3), F64)
    case(A, "cross 3-vectors", "(a, b) => np.cross(a, b)", [v3, rnd((3,), F64)], lambda a, b: np.cross(a, b))
    case(
        A,
        "cross axis 0",
        "(a, b) => np.cross(a, b, -1, -1, -1, { axis: 0 })",
        [rnd((3, 2), F64), rnd((3, 2), F64)],
        lambda a, b: np.cross(a, b, axis=0),
    )
    case(
        A,
        "cross 2-vectors",
        "(a, b) => np.cross(a, b)",
        [rnd((2, 2), F64), rnd((2, 2), F64)],
        lambda a, b: a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0],
    )
    case(A, "kron", "(a, b) => np.kron(a, b)", [rnd((2, 3), I32), rnd((3, 2), I32)], lambda a, b: np.kron(a, b))
    case(A, "kron ranks", "(a, b) => np.kron(a, b)", [rnd((3,), F32), rnd((2, 2), F32)], lambda a, b: np.kron(a, b))
    case(
        A,
        "isscalar ndim shape size",
        "(x) => np.array([np.isscalar(2) ? 1 : 0, np.isscalar(x) ? 1 : 0, np.ndim(x), np.size(x), "
        "np.size(x, 1), ...np.shape(x)], { dtype: 'int32' })",
        [a34],
        arr([1, 0, 2, 12, 4, 3, 4], I32),
    )

    # statistics
    s46 = withnan(rnd((4, 6), F64))
    s46[2, :] = np.nan
    for name, fn in (
        ("nansum", np.nansum),
        ("nanmean", np.nanmean),
        ("nanmax", np.nanmax),
        ("nanmin", np.nanmin),
        ("nanvar", np.nanvar),
        ("nanstd", np.nanstd),
    ):
        case(A, f"{name} axis 1", f"(x) => np.{name}(x, 1)", [s46], lambda a, fn=fn: fn(a, 1))
        case(A, f"{name} all", f"(x) => np.{name}(x)", [s46[:2]], lambda a, fn=fn: np.asarray(fn(a)))
    case(
        A,
        "nanmean float32 keepdims",
        "(x) => np.nanmean(x, 0, { keepdims: true })",
        [nn34],
        lambda a: f32(np.nanmean(wide(a), 0, keepdims=True)),
    )
    case(A, "nanvar ddof", "(x) => np.nanvar(x, 0, { ddof: 1 })", [s46], lambda a: np.nanvar(a, 0, ddof=1))
    q = rnd((5, 7), F64)
    case(A, "median axis 1", "(x) => np.median(x, 1)", [q], lambda a: np.median(a, 1))
    case(A, "median all even", "(x) => np.median(x)", [q[:2]], lambda a: np.asarray(np.median(a)))
    case(A, "median NaN", "(x) => np.median(x, 0)", [s46], lambda a: np.median(a, 0))
    case(A, "nanmedian", "(x) => np.nanmedian(x, 1)", [s46], lambda a: np.nanmedian(a, 1))
    for m in ("linear", "lower", "higher", "nearest", "midpoint"):
        case(
            A,
            f"quantile {m}",
            f"(x) => np.quantile(x, [0.1, 0.5, 0.75, 1], 0, {{ method: '{m}' }})",
            [q],
            lambda a, m=m: np.quantile(a, [0.1, 0.5, 0.75, 1], 0, method=m),
        )
    case(
        A,
        "quantile axes keepdims",
        "(x) => np.quantile(x, 0.3, [0, 2], { keepdims: true })",
        [rnd((3, 2, 4), F64)],
        lambda a: np.quantile(a, 0.3, (0, 2), keepdims=True),
    )
    case(A, "percentile float32", "(x) => np.percentile(x, [25, 50])", [rnd((9,), F32)], lambda a: f32(np.percentile(wide(a), [25, 50])))
    case(A, "percentile int", "(x) => np.percentile(x, 40, 1)", [rnd((3, 5), I32)], lambda a: f32(np.percentile(a, 40, 1)))
    case(A, "nanpercentile", "(x) => np.nanpercentile(x, [10, 90], 1)", [s46], lambda a: np.nanpercentile(a, [10, 90], 1))
    case(A, "nanquantile", "(x) => np.nanquantile(x, 0.5)", [s46], lambda a: np.asarray(np.nanquantile(a, 0.5)))
    err(A, "quantile out of range", "(x) => np.quantile(x, 1.5)", [q], "ArgumentError", "NJ301")
    err(A, "quantile method", "(x) => np.quantile(x, 0.5, null, { method: 'hazen' })", [q], "ArgumentError", "NJ301")
    w = rnd((7,), F64, 0.1, 2)
    case(A, "average weights axis", "(x, w) => np.average(x, 1, { weights: w })", [q, w], lambda a, w: np.average(a, 1, weights=w))
    case(A, "average returned", "(x) => np.average(x, 0, { returned: true })", [q], lambda a: list(np.average(a, 0, returned=True)))
    case(A, "average all", "(x) => np.average(x)", [rnd((3, 4), I32)], lambda a: f32(np.average(a)))
    case(A, "ptp", "(x) => np.ptp(x, 1)", [rnd((3, 4), I32)], lambda a: np.ptp(a, 1).astype(np.int32))
    obs = rnd((3, 6), F64)
    case(A, "cov", "(x) => np.cov(x)", [obs], lambda a: np.cov(a))
    case(
        A,
        "cov rowvar false bias",
        "(x) => np.cov(x, null, { rowvar: false, bias: true })",
        [obs.T.copy()],
        lambda a: np.cov(a, rowvar=False, bias=True),
    )
    case(A, "cov x y ddof", "(x, y) => np.cov(x, y, { ddof: 0 })", [obs[0], obs[1]], lambda a, b: np.cov(a, b, ddof=0))
    case(A, "cov 1-d", "(x) => np.cov(x)", [obs[0]], lambda a: np.asarray(np.cov(a)))
    case(A, "corrcoef", "(x) => np.corrcoef(x)", [obs], lambda a: np.corrcoef(a))
    err(A, "cov fweights unsupported", "(x) => np.cov(x, null, { fweights: x })", [obs], "ArgumentError", "NJ301")
    xp = np.sort(rnd((6,), F64))
    xq = np.concatenate([rnd((7,), F64, -4, 4), xp[[0, 3, 5]]])
    case(A, "interp", "(x, xp, fp) => np.interp(x, xp, fp)", [xq, xp, rnd((6,), F64)], lambda x, xp, fp: np.interp(x, xp, fp))
    case(
        A,
        "interp left right",
        "(x, xp, fp) => np.interp(x, xp, fp, { left: -9, right: 9 })",
        [xq, xp, rnd((6,), F64)],
        lambda x, xp, fp: np.interp(x, xp, fp, left=-9, right=9),
    )
    case(
        A,
        "interp float32",
        "(x, xp, fp) => np.interp(x, xp, fp)",
        [xq.astype(np.float32), xp.astype(np.float32), rnd((6,), F32)],
        lambda x, xp, fp: f32(np.interp(wide(x), wide(xp), wide(fp))),
    )
    err(
        A,
        "interp period unsupported",
        "(x, xp, fp) => np.interp(x, xp, fp, { period: 2 })",
        [xq, xp, rnd((6,), F64)],
        "ArgumentError",
        "NJ301",
    )
    hd = rnd((20,), F64)
    case(A, "histogram", "(x) => np.histogram(x, 5)", [hd], lambda a: [np.histogram(a, 5)[0].astype(np.int32), np.histogram(a, 5)[1]])
    case(
        A,
        "histogram range density",
        "(x) => np.histogram(x, 4, { range: [-2, 2], density: true })",
        [hd],
        lambda a: list(np.histogram(a, 4, range=(-2, 2), density=True)),
    )
    case(
        A,
        "histogram edges weights",
        "(x, e, w) => np.histogram(x, e, { weights: w })",
        [hd, arr([-3, -1, 0, 0.5, 3], F64), rnd((20,), F64)],
        lambda a, e, w: list(np.histogram(a, e, weights=w)),
    )
    bc = r.integers(0, 6, size=10).astype(np.int32)
    case(A, "bincount", "(x) => np.bincount(x)", [bc], lambda a: np.bincount(a).astype(np.int32), eager_only=True)
    case(
        A,
        "bincount weights minlength",
        "(x, w) => np.bincount(x, { weights: w, minlength: 9 })",
        [bc, rnd((10,), F64)],
        lambda a, w: np.bincount(a, w, 9),
        eager_only=True,
    )
    case(
        A,
        "bincount length (jit)",
        "(x) => np.bincount(x, { length: 4 })",
        [bc],
        lambda a: np.bincount(a[a < 4], minlength=4).astype(np.int32),
    )
    bins = arr([-2, -1, 0, 0.5, 2], F64)
    dx = np.concatenate([rnd((6,), F64), bins[[1, 3]]])
    for right in (False, True):
        case(
            A,
            f"digitize right={right}",
            f"(x, b) => np.digitize(x, b, {js(right)})",
            [dx, bins],
            lambda x, b, right=right: np.digitize(x, b, right).astype(np.int32),
        )
        case(
            A,
            f"digitize decreasing right={right}",
            f"(x, b) => np.digitize(x, b, {js(right)})",
            [dx, bins[::-1].copy()],
            lambda x, b, right=right: np.digitize(x, b, right).astype(np.int32),
        )

    # polynomials and windows
    p4, p2 = rnd((4,), F64), rnd((2,), F64)
    case(A, "polyval", "(p, x) => np.polyval(p, x)", [p4, rnd((2, 3), F64)], lambda p, x: np.polyval(p, x))
    case(A, "polyadd", "(a, b) => np.polyadd(a, b)", [p4, p2], lambda a, b: np.polyadd(a, b))
    case(A, "polysub", "(a, b) => np.polysub(a, b)", [p2, p4], lambda a, b: np.polysub(a, b))
    case(A, "polymul", "(a, b) => np.polymul(a, b)", [p4, p2], lambda a, b: np.polymul(a, b))
    case(A, "polymul int", "(a, b) => np.polymul(a, b)", [rnd((3,), I32), rnd((4,), I32)], lambda a, b: np.polymul(a, b).astype(np.int32))
    case(A, "polyder", "(p) => np.polyder(p, 2)", [p4], lambda p: np.polyder(p, 2))
    case(A, "polyint", "(p) => np.polyint(p, 2, 3)", [p4], lambda p: np.polyint(p, 2, 3))
    case(A, "vander", "(x) => np.vander(x)", [rnd((4,), F64)], lambda x: np.vander(x))
    case(
        A,
        "vander N increasing int",
        "(x) => np.vander(x, 3, { increasing: true })",
        [rnd((4,), I32)],
        lambda x: np.vander(x, 3, True).astype(np.int32),
    )
    for name in ("bartlett", "blackman", "hamming", "hanning"):
        for M in (1, 6, 7):
            case(A, f"{name} {M}", f"() => np.{name}({M})", [], f32(getattr(np, name)(M)))
    case(A, "kaiser", "() => np.kaiser(8, 14)", [], f32(np.kaiser(8, 14)))

    # x.at(): functional updates (JAX refs)
    xa = rnd((4, 5), F32)
    ia = arr([0, 2, 0], I32)
    case(A, "at set slice", "(x) => x.at(1, '1:4').set(9)", [xa], lambda a: np.asarray(jnp.asarray(a).at[1, 1:4].set(9)))
    case(A, "at add rows duplicates", "(x, i) => x.at(i).add(1)", [xa, ia], lambda a, i: np.asarray(jnp.asarray(a).at[i].add(1)))
    case(
        A,
        "at multiply",
        "(x, v) => x.at(':', 2).multiply(v)",
        [xa, rnd((4,), F32)],
        lambda a, v: np.asarray(jnp.asarray(a).at[:, 2].multiply(v)),
    )
    case(A, "at min", "(x) => x.at('::2').min(0)", [xa], lambda a: np.asarray(jnp.asarray(a).at[::2].min(0)))
    case(A, "at max int", "(x, i) => x.at(i).max(2)", [rnd((5,), I32), ia], lambda a, i: np.asarray(jnp.asarray(a).at[i].max(2)))
    case(
        A,
        "at set rows last wins",
        "(x, i, v) => x.at(i).set(v)",
        [xa, arr([3, 1, 3], I32), rnd((3, 5), F32)],
        lambda a, i, v: np.asarray(jnp.asarray(a).at[np.array([1, 3])].set(v[[1, 2]])),
    )
    case(A, "at get", "(x) => x.at(-1).get()", [xa], lambda a: a[-1])

    # nn (JAX references)
    import jax.nn as jnn

    xn = rnd((3, 5), F32, -5, 5)
    xn64 = rnd((3, 5), F64, -5, 5)
    NN = {
        "relu6": jnn.relu6,
        "celu": jnn.celu,
        "selu": jnn.selu,
        "hardTanh": jnn.hard_tanh,
        "hardSigmoid": jnn.hard_sigmoid,
        "hardSilu": jnn.hard_silu,
        "hardSwish": jnn.hard_swish,
        "logSigmoid": jnn.log_sigmoid,
        "softSign": jnn.soft_sign,
        "elu": jnn.elu,
        "leakyRelu": jnn.leaky_relu,
    }
    for name, fn in NN.items():
        case(A, f"nn.{name}", f"(x) => nn.{name}(x)", [xn], lambda a, fn=fn: np.asarray(fn(a)))
        case(A, f"nn.{name} float64", f"(x) => nn.{name}(x)", [xn64], lambda a, fn=fn: np.asarray(fn(a)))
    case(A, "nn.celu alpha", "(x) => nn.celu(x, 0.5)", [xn64], lambda a: np.asarray(jnn.celu(a, 0.5)))
    case(A, "nn.glu", "(x) => nn.glu(x, 0)", [rnd((4, 3), F64)], lambda a: np.asarray(jnn.glu(a, 0)))
    for appr in (True, False):
        case(
            A,
            f"nn.gelu approximate={appr} float64",
            f"(x) => nn.gelu(x, {{ approximate: {js(appr)} }})",
            [xn64],
            lambda a, appr=appr: np.asarray(jnn.gelu(a, approximate=appr)),
        )
    case(A, "nn.standardize float64", "(x) => nn.standardize(x, 0)", [xn64], lambda a: np.asarray(jnn.standardize(a, 0)))

    def attention(q, k, v, bias=None, mask=None, scale=None, causal=False):
        # float64 throughout (JAX's own computes the softmax in float32)
        lg = np.einsum("btnh,bsnh->bnts", q, k) * (scale if scale is not None else 1 / np.sqrt(q.shape[-1]))
        if bias is not None:
            lg = lg + bias
        keep = np.ones(lg.shape, bool)
        if mask is not None:
            keep &= mask
        if causal:
            keep &= np.tril(np.ones(lg.shape[-2:], bool))
        lg = np.where(keep, lg, -0.7 * np.finfo(np.float64).max)
        p = np.exp(lg - lg.max(-1, keepdims=True))
        p /= p.sum(-1, keepdims=True)
        return np.einsum("bnts,bsnh->btnh", p, v)

    qk = [rnd((2, 4, 2, 3), F64, -1, 1), rnd((2, 5, 2, 3), F64, -1, 1), rnd((2, 5, 2, 3), F64, -1, 1)]
    case(A, "nn.dotProductAttention", "(q, k, v) => nn.dotProductAttention(q, k, v)", qk, lambda q, k, v: attention(q, k, v))
    case(
        A,
        "nn.dotProductAttention causal scale",
        "(q, k, v) => nn.dotProductAttention(q, k, v, { isCausal: true, scale: 0.7 })",
        qk,
        lambda q, k, v: attention(q, k, v, scale=0.7, causal=True),
    )
    bias = rnd((2, 2, 4, 5), F64)
    mask = r.random((2, 1, 4, 5)) < 0.7
    case(
        A,
        "nn.dotProductAttention bias mask",
        "(q, k, v, b, m) => nn.dotProductAttention(q, k, v, { bias: b, mask: m })",
        [*qk, bias, mask],
        lambda q, k, v, b, m: attention(q, k, v, b, m),
    )
    gq = [rnd((4, 4, 3), F32, -1, 1), rnd((5, 2, 3), F32, -1, 1), rnd((5, 2, 3), F32, -1, 1)]
    case(
        A,
        "nn.dotProductAttention unbatched grouped heads float32",
        "(q, k, v) => nn.dotProductAttention(q, k, v)",
        gq,
        lambda q, k, v: np.asarray(jnn.dot_product_attention(q, k, v)),
    )

    # scipySpecial (SciPy references, JAX's names)
    xs = rnd((40,), F64, -6, 6)
    special = [
        ("erf", sps.erf, xs),
        ("erfc", sps.erfc, xs),
        ("erfinv", sps.erfinv, np.concatenate([rnd((30,), F64, -1, 1), [0.9999, -0.99999, 1, -1, 1.5]])),
        ("gammaln", sps.gammaln, np.concatenate([rnd((30,), F64, 0.01, 30), rnd((10,), F64, -5, 0.5), [1, 2, -3]])),
        ("digamma", sps.digamma, np.concatenate([rnd((30,), F64, 0.01, 30), rnd((10,), F64, -5, 0.5)])),
        ("logit", sps.logit, rnd((20,), F64, 0, 1)),
        ("expit", sps.expit, xs),
    ]
    for name, fn, data in special:
        case(A, f"scipySpecial.{name} float64", f"(x) => scipySpecial.{name}(x)", [data], lambda a, fn=fn: fn(a), tol=(1e-11, 1e-12))
        case(
            A,
            f"scipySpecial.{name} float32",
            f"(x) => scipySpecial.{name}(x)",
            [data.astype(np.float32)],
            lambda a, fn=fn: f32(fn(wide(a))),
            tol=(2e-5, 2e-6),
        )
    xz = np.concatenate([[0, 0], rnd((8,), F64, -2, 2)])
    yz = np.concatenate([[0, 2], rnd((8,), F64, 0.1, 3)])
    case(A, "scipySpecial.xlogy", "(x, y) => scipySpecial.xlogy(x, y)", [xz, yz], lambda a, b: sps.xlogy(a, b))
    case(A, "scipySpecial.xlog1py", "(x, y) => scipySpecial.xlog1py(x, y)", [xz, yz - 0.5], lambda a, b: sps.xlog1py(a, b))
    case(
        A,
        "scipySpecial.betaln",
        "(a, b) => scipySpecial.betaln(a, b)",
        [rnd((6,), F64, 0.1, 9), rnd((6,), F64, 0.1, 9)],
        lambda a, b: sps.betaln(a, b),
        tol=(1e-11, 1e-12),
    )

    # the rest of jax-js's numpy / nn / scipySpecial surface
    e1 = np.concatenate([rnd((8,), F64, -4, 4), [0.0, -0.0, 2.5, -2.5, np.inf, -np.inf, np.nan, 8.0]])
    e2 = np.concatenate([rnd((8,), F64, -4, 4), [-1.0, 1.0, 0.0, -0.0, 3.0, np.nan, 1.0, -3.0]])
    for name, fn in (
        ("trunc", np.trunc),
        ("rint", np.rint),
        ("cbrt", np.cbrt),
        ("sinc", np.sinc),
        ("signbit", np.signbit),
        ("isposinf", np.isposinf),
        ("isneginf", np.isneginf),
        ("acos", np.arccos),
        ("asin", np.arcsin),
        ("atan", np.arctan),
        ("asinh", np.arcsinh),
        ("acosh", np.arccosh),
        ("atanh", np.arctanh),
    ):
        case(A, f"{name}", f"(x) => np.{name}(x)", [e1], lambda a, fn=fn: fn(a))
    case(A, "trunc float32", "(x) => np.trunc(x)", [e1.astype(np.float32)], lambda a: np.trunc(a))
    for name, fn in (
        ("hypot", np.hypot),
        ("logaddexp", np.logaddexp),
        ("logaddexp2", np.logaddexp2),
        ("copysign", np.copysign),
        ("fmax", np.fmax),
        ("fmin", np.fmin),
        ("heaviside", np.heaviside),
        ("atan2", np.arctan2),
        ("floatPower", np.float_power),
    ):
        case(A, f"{name}", f"(a, b) => np.{name}(a, b)", [e1, e2], lambda a, b, fn=fn: fn(a, b))
    ia, ib = r.integers(-9, 10, 8).astype(np.int32), (r.integers(1, 5, 8) * r.choice([-1, 1], 8)).astype(np.int32)
    case(A, "fmod int", "(a, b) => np.fmod(a, b)", [ia, ib], lambda a, b: np.fmod(a, b))
    case(
        A,
        "fmod float",
        "(a, b) => np.fmod(a, b)",
        [rnd((8,), F64, -9, 9), rnd((8,), F64, 0.5, 3) * np.sign(rnd((8,), F64))],
        lambda a, b: np.fmod(a, b),
    )
    case(A, "divmod", "(a, b) => np.divmod(a, b)", [ia, ib], lambda a, b: [np.floor_divide(a, b), np.mod(a, b)])
    case(A, "modf", "(x) => np.modf(x)", [e1[:12]], lambda a: list(np.modf(a)))
    case(A, "ldexp", "(x, i) => np.ldexp(x, i)", [e1[:8], r.integers(-5, 6, 8).astype(np.int32)], lambda a, i: np.ldexp(a, i))
    fr = np.concatenate([rnd((8,), F64, -100, 100), [0.0, 1.0, 0.5, 8.0, -0.25, 3.0e-5, np.inf]])
    case(A, "frexp", "(x) => np.frexp(x)", [fr], lambda a: [np.frexp(a)[0], np.frexp(a)[1].astype(np.int32)])
    case(A, "frexp float32", "(x) => np.frexp(x)", [fr.astype(np.float32)], lambda a: [np.frexp(a)[0], np.frexp(a)[1].astype(np.int32)])
    case(
        A,
        "degrees radians",
        "(x) => [np.degrees(x), np.radians(x), np.rad2deg(x), np.deg2rad(x)]",
        [e1[:8]],
        lambda a: [np.degrees(a), np.radians(a), np.rad2deg(a), np.deg2rad(a)],
    )
    case(A, "diag of a vector k=1", "(v) => np.diag(v, 1)", [rnd((3,), F32)], lambda v: np.diag(v, 1))
    case(A, "diag of a vector k=-2", "(v) => np.diag(v, -2)", [rnd((3,), I32)], lambda v: np.diag(v, -2))
    case(A, "diag of a matrix", "(m) => np.diag(m, -1)", [rnd((3, 4), F32)], lambda m: np.diag(m, -1))
    case(A, "diagflat", "(m) => np.diagflat(m)", [rnd((2, 2), F32)], lambda m: np.diagflat(m))
    case(
        A,
        "diagIndicesFrom",
        "(m) => np.diagIndicesFrom(m)",
        [rnd((3, 3), F32)],
        lambda m: [i.astype(np.int32) for i in np.diag_indices_from(m)],
    )
    case(A, "tri", "() => np.tri(3, 4, 1)", [], np.tri(3, 4, 1).astype(np.float32))
    case(A, "append flat", "(a, b) => np.append(a, b)", [rnd((2, 2), F32), rnd((3,), F32)], lambda a, b: np.append(a, b))
    case(A, "append axis", "(a, b) => np.append(a, b, 0)", [rnd((2, 2), I32), rnd((1, 2), I32)], lambda a, b: np.append(a, b, 0))
    case(
        A,
        "matrixTranspose matvec vecmat vecdot",
        "(m, v) => [np.matrixTranspose(m), np.matvec(m, v), np.vecmat(np.ones([2]), m), np.vecdot(m, v)]",
        [rnd((2, 3), F64), rnd((3,), F64)],
        lambda m, v: [m.T, m @ v, np.ones(2) @ m, (m * v).sum(-1)],
    )
    case(A, "astype", "(x) => np.astype(x, 'int32')", [rnd((4,), F32)], lambda a: cast(a, I32))
    case(A, "hann", "() => np.hann(5)", [], f32(np.hanning(5)))
    case(
        A,
        "constants eulerGamma finfo iinfo",
        "() => np.array([np.eulerGamma, np.finfo('float32').eps, np.iinfo('int32').max], { dtype: 'float64' })",
        [],
        arr([np.euler_gamma, np.finfo(np.float32).eps, 2147483647], F64),
    )
    NN2 = {
        "sparsePlus": jnn.sparse_plus,
        "sparseSigmoid": jnn.sparse_sigmoid,
        "squareplus": jnn.squareplus,
        "mish": jnn.mish,
        "identity": jnn.identity,
    }
    for name, fn in NN2.items():
        case(A, f"nn.{name} float64", f"(x) => nn.{name}(x)", [xn64], lambda a, fn=fn: np.asarray(fn(a)))
    case(A, "nn.logmeanexp", "(x) => nn.logmeanexp(x, 1)", [xn64], lambda a: np.log(np.mean(np.exp(a), 1)))
    case(
        A,
        "nn.log1mexp",
        "(x) => nn.log1mexp(x)",
        [np.concatenate([rnd((6,), F64, 1e-3, 0.69), rnd((6,), F64, 0.7, 30)])],
        lambda a: np.log(-np.expm1(-a)),
    )
    case(
        A,
        "scipySpecial softmax logSoftmax logsumexp",
        "(x) => [scipySpecial.softmax(x), scipySpecial.logSoftmax(x), scipySpecial.logsumexp(x, 1)]",
        [xn64],
        lambda a: [sps.softmax(a, -1), sps.log_softmax(a, -1), sps.logsumexp(a, 1)],
    )

    # errors: options a function does not support, typed (issue 15)
    err(A, "sort unknown option", "(x) => np.sort(x, -1, { kind: 'quicksort' })", [a34], "ArgumentError", "NJ301")
    err(A, "unique unknown option", "(x) => np.unique(x, { sorted: false })", [a34], "ArgumentError", "NJ301")
    err(A, "nonzero of 0-d", "(x) => np.nonzero(x)", [arr(1, F32)], "ShapeError", "NJ106")
    err(A, "pad {axis: width} on a missing axis", "(x) => np.pad(x, { 1: [0, 2] })", [rnd((3,), F32)], "ShapeError", "NJ102")
    err(A, "diff prepend shape mismatch", "(x, p) => np.diff(x, 1, -1, { prepend: p })", [a34, rnd((2, 1), F32)], "ShapeError", "NJ105")
    err(A, "diff unknown option", "(x) => np.diff(x, 1, -1, { prepnd: 1 })", [a34], "ArgumentError", "NJ301")
    err(A, "bincount float", "(x) => np.bincount(x)", [rnd((3,), F32)], "ArgumentError", "NJ301")
    err(A, "glu odd axis", "(x) => nn.glu(x)", [rnd((2, 3), F32)], "ArgumentError", "NJ301")


# breadth-rest: polyfit, lax.topK and unique's options (issue 15, second part). Its own stream.
def gen_breadth_rest():
    import jax
    import jax.numpy as jnp
    from jax import lax

    jax.config.update("jax_enable_x64", True)
    A = "breadth-rest"
    r = np.random.default_rng(1516)

    def rnd(shape, dt, lo=-3.0, hi=3.0):
        if dt == I32:
            return r.integers(-4, 5, size=shape).astype(np.int32)
        return r.uniform(lo, hi, size=shape).astype(NPD[dt])

    # polyfit: NumPy's (columns scaled to unit norm, rcond = len(x) * eps)
    px = np.linspace(-1.5, 2.0, 9)
    py = 0.5 * px**2 - px + 2 + r.normal(0, 0.1, 9)
    f32 = lambda a: a.astype(np.float32)
    case(A, "polyfit deg 2", "(x, y) => np.polyfit(x, y, 2)", [f32(px), f32(py)], lambda x, y: f32(np.polyfit(x, y, 2)), tol=(2e-4, 2e-5))
    case(A, "polyfit deg 3 float64", "(x, y) => np.polyfit(x, y, 3)", [px, py], lambda x, y: np.polyfit(x, y, 3), tol=(1e-8, 1e-10))
    y2 = np.stack([py, py[::-1] * 0.5], 1)
    case(A, "polyfit 2-d y", "(x, y) => np.polyfit(x, y, 1)", [px, y2], lambda x, y: np.polyfit(x, y, 1), tol=(1e-8, 1e-10))
    w = r.uniform(0.5, 2.0, 9)
    case(
        A,
        "polyfit weights",
        "(x, y, w) => np.polyfit(x, y, 2, { w })",
        [px, py, w],
        lambda x, y, w: np.polyfit(x, y, 2, w=w),
        tol=(1e-8, 1e-10),
    )
    case(
        A,
        "polyfit rcond drops a column (rank deficient)",
        "(x, y) => np.polyfit(x, y, 3, { rcond: 1e-3 })",
        [arr([0, 1, 1, 0, 1, 0], F64), arr([1, 2, 2, 1, 2, 1], F64)],
        lambda x, y: np.asarray(jnp.polyfit(x, y, 3, rcond=1e-3)),
        tol=(1e-8, 1e-10),
    )
    case(
        A,
        "polyfit int x",
        "(x, y) => np.polyfit(x, y, 1)",
        [arr([0, 1, 2, 3], I32), arr([1, 3, 5, 7.5], F32)],
        lambda x, y: f32(np.polyfit(x.astype(np.float64), y.astype(np.float64), 1)),
        tol=(2e-4, 2e-5),
    )
    err(A, "polyfit full unsupported", "(x, y) => np.polyfit(x, y, 1, { full: true })", [f32(px), f32(py)], "ArgumentError", "NJ301")
    err(A, "polyfit 2-d x", "(x, y) => np.polyfit(x, y, 1)", [rnd((2, 3), F32), rnd((2,), F32)], "ShapeError", "NJ106")
    err(A, "polyfit negative deg", "(x, y) => np.polyfit(x, y, -1)", [f32(px), f32(py)], "ArgumentError", "NJ301")

    # lax.topK: JAX's top_k (largest first, ties in index order, NaN largest)
    top = lambda k, axis=-1: lambda a: [np.asarray(v) for v in lax.top_k(jnp.asarray(a), k, axis=axis)]
    tk = arr([1, np.nan, 3, 3, -np.inf, 0.5, 3, 2], F32)
    case(A, "topK NaN and ties", "(x) => lax.topK(x, 4)", [tk], top(4))
    case(A, "topK 2-d rows", "(x) => lax.topK(x, 2)", [rnd((3, 5), F32)], top(2))
    case(A, "topK int32", "(x) => lax.topK(x, 3)", [rnd((2, 6), I32)], top(3))
    case(A, "topK float64 axis 0", "(x) => lax.topK(x, 2, { axis: 0 })", [rnd((4, 3), F64)], top(2, 0))
    case(A, "topK k = 0", "(x) => lax.topK(x, 0)", [rnd((2, 3), F32)], top(0))
    err(A, "topK k too large", "(x) => lax.topK(x, 6)", [rnd((2, 5), F32)], "ShapeError", "NJ109")
    err(A, "topK 0-d", "(x) => lax.topK(x, 1)", [arr(1.5, F32)], "ShapeError", "NJ106")
    err(A, "topK unknown option", "(x) => lax.topK(x, 1, { largest: false })", [rnd((3,), F32)], "ArgumentError", "NJ301")

    # unique's options, against JAX (jnp.unique; NumPy's where JAX has no size)
    def uq(**kw):
        def f(a):
            out = jnp.unique(a, **kw)
            return [np.asarray(o).astype(np.asarray(o).dtype if i == 0 else np.int32) for i, o in enumerate(out)]

        return f

    ui = rnd((3, 4), I32)
    every = "returnIndex: true, returnInverse: true, returnCounts: true"
    case(
        A,
        "unique index inverse counts",
        f"(x) => np.unique(x, {{ {every} }})",
        [ui],
        uq(return_index=True, return_inverse=True, return_counts=True),
        eager_only=True,
    )
    case(
        A,
        "unique inverse counts size fillValue",
        f"(x) => np.unique(x, {{ {every}, size: 12, fillValue: 9 }})",
        [ui],
        uq(return_index=True, return_inverse=True, return_counts=True, size=12, fill_value=9),
    )
    case(A, "unique counts size truncates", "(x) => np.unique(x, { returnCounts: true, size: 2 })", [ui], uq(return_counts=True, size=2))
    un = arr([2, np.nan, 1, np.nan, 2, 0.5], F32)
    case(A, "unique inverse with NaN", "(x) => np.unique(x, { returnInverse: true, size: 5 })", [un], uq(return_inverse=True, size=5))
    case(
        A,
        "unique equalNan false",
        "(x) => np.unique(x, { equalNan: false, returnCounts: true })",
        [un],
        uq(equal_nan=False, return_counts=True),
        eager_only=True,
    )
    rows = arr([[1, 2], [0, 5], [1, 2], [0, 4], [0, 5]], F32)
    case(
        A,
        "unique rows axis 0",
        f"(x) => np.unique(x, {{ axis: 0, {every} }})",
        [rows],
        uq(axis=0, return_index=True, return_inverse=True, return_counts=True),
        eager_only=True,
    )
    case(
        A,
        "unique columns axis -1 size",
        "(x) => np.unique(x, { axis: -1, returnInverse: true, size: 4 })",
        [rows.T.copy()],
        uq(axis=-1, return_inverse=True, size=4),
    )
    cube = rnd((3, 2, 2), I32) % 2
    case(
        A,
        "unique 3-d along axis 1",
        "(x) => np.unique(x, { axis: 1, returnCounts: true, size: 2, fillValue: -1 })",
        [cube],
        uq(axis=1, return_counts=True, size=2, fill_value=-1),
    )
    err(A, "unique axis out of range", "(x) => np.unique(x, { axis: 2 })", [rows], "ShapeError", "NJ102")

    # nn.initializers with the key as an input (JAX's PRNGKey(42) = [0, 42]): precompiled and views too
    key = np.array([0, 42], np.uint32)
    I = jax.nn.initializers
    jk = lambda init, shape: lambda k: np.asarray(init(jnp.asarray(k), shape, jnp.float32))
    case(A, "initializers glorotUniform", "(k) => nn.initializers.glorotUniform()(k, [4, 5])", [key], jk(I.glorot_uniform(), (4, 5)))
    case(
        A,
        "initializers heNormal conv kernel",
        "(k) => nn.initializers.heNormal()(k, [3, 3, 2, 4])",
        [key],
        jk(I.he_normal(), (3, 3, 2, 4)),
        tol=(1e-5, 1e-6),
    )
    case(
        A, "initializers orthogonal", "(k) => nn.initializers.orthogonal()(k, [4, 3])", [key], jk(I.orthogonal(), (4, 3)), tol=(1e-5, 1e-6)
    )

    # jax-js's remaining numpy / numpy.linalg / lax names
    xn = rnd((3, 4), F32)
    xn[0, 1] = np.nan
    xn[2, :] = np.nan
    case(A, "nanprod", "(x) => np.nanprod(x, 1)", [xn], lambda a: np.asarray(jnp.nanprod(a, 1)))
    case(A, "nancumsum axis 1", "(x) => np.nancumsum(x, 1)", [xn], lambda a: np.asarray(jnp.nancumsum(a, 1)))
    case(A, "nancumprod flattened", "(x) => np.nancumprod(x)", [xn], lambda a: np.asarray(jnp.nancumprod(a)), tol=(1e-4, 1e-6))
    case(A, "nanargmax all-NaN row is -1", "(x) => np.nanargmax(x, 1)", [xn], lambda a: np.asarray(jnp.nanargmax(a, 1)).astype(np.int32))
    case(A, "nanargmin flattened", "(x) => np.nanargmin(x)", [xn], lambda a: np.asarray(jnp.nanargmin(a)).astype(np.int32))
    case(A, "var_ alias", "(x) => np.var_(x, 0)", [rnd((3, 4), F32)], lambda a: np.var(a, 0).astype(np.float32))
    bi = arr([-8, 7, 0, 2147483647], I32)
    sh = arr([1, 3, 31, 2], I32)
    case(A, "bitwiseInvert", "(x) => np.bitwiseInvert(x)", [bi], lambda a: np.bitwise_invert(a))
    case(A, "bitwiseLeftShift", "(x, s) => np.bitwiseLeftShift(x, s)", [bi, sh], lambda a, b: np.asarray(jnp.bitwise_left_shift(a, b)))
    case(
        A,
        "bitwiseRightShift int32",
        "(x, s) => np.bitwiseRightShift(x, s)",
        [bi, sh],
        lambda a, b: np.asarray(jnp.bitwise_right_shift(a, b)),
    )
    bu = arr([4294967295, 8, 1, 0], U32)
    case(
        A,
        "bitwiseRightShift uint32",
        "(x, s) => np.bitwiseRightShift(x, s)",
        [bu, sh.astype(np.uint32)],
        lambda a, b: np.asarray(jnp.bitwise_right_shift(a, b)),
    )
    m = rnd((2, 4, 3), F64)
    case(A, "linalg.svdvals", "(a) => np.linalg.svdvals(a)", [m], lambda a: np.linalg.svdvals(a), tol=(1e-8, 1e-10))
    case(
        A,
        "linalg.matrixNorm fro and 2",
        "(a) => [np.linalg.matrixNorm(a), np.linalg.matrixNorm(a, { ord: 2, keepdims: true })]",
        [m],
        lambda a: [np.linalg.matrix_norm(a), np.linalg.matrix_norm(a, ord=2, keepdims=True)],
        tol=(1e-8, 1e-10),
    )
    case(
        A,
        "linalg.vectorNorm",
        "(a) => [np.linalg.vectorNorm(a), np.linalg.vectorNorm(a, { ord: 1, axis: 1, keepdims: true }), "
        "np.linalg.vectorNorm(a, { keepdims: true })]",
        [m],
        lambda a: [
            np.linalg.vector_norm(a),
            np.linalg.vector_norm(a, ord=1, axis=1, keepdims=True),
            np.linalg.vector_norm(a, keepdims=True),
        ],
        tol=(1e-8, 1e-10),
    )
    case(A, "linalg.matrixTranspose", "(a) => np.linalg.matrixTranspose(a)", [m], lambda a: np.linalg.matrix_transpose(a))
    case(
        A,
        "linalg.vecdot",
        "(a, b) => np.linalg.vecdot(a, b)",
        [m, rnd((4, 3), F64)],
        lambda a, b: np.linalg.vecdot(a, b),
        tol=(1e-8, 1e-10),
    )
    case(
        A,
        "linalg.cross axis 0",
        "(a, b) => np.linalg.cross(a, b, { axis: 0 })",
        [rnd((3, 2), F64), rnd((3, 2), F64)],
        lambda a, b: np.asarray(jnp.linalg.cross(a, b, axis=0)),
        tol=(1e-8, 1e-10),
    )
    err(A, "linalg.cross needs size 3", "(a, b) => np.linalg.cross(a, b)", [rnd((2,), F64), rnd((2,), F64)], "ShapeError", "NJ106")
    lhs, rhs = rnd((2, 3, 7, 6), F32), rnd((4, 3, 3, 2), F32)
    case(
        A,
        "lax.conv",
        "(x, w) => lax.conv(x, w, [2, 1], 'SAME')",
        [lhs, rhs],
        lambda x, w: np.asarray(jax.lax.conv(x, w, (2, 1), "SAME")),
        tol=(1e-4, 1e-5),
    )
    case(
        A,
        "lax.convWithGeneralPadding dilations",
        "(x, w) => lax.convWithGeneralPadding(x, w, [1, 2], [[1, 0], [2, 1]], [2, 1], [1, 2])",
        [lhs, rhs],
        lambda x, w: np.asarray(jax.lax.conv_with_general_padding(x, w, (1, 2), ((1, 0), (2, 1)), (2, 1), (1, 2))),
        tol=(1e-4, 1e-5),
    )


# ---------------------------------------------------------------------------------------------
# api-math: NumPy math beyond the core (fabs ... vectorize, linalg.cond/tensorinv/tensorsolve); its own stream


def gen_api_math():
    import jax
    import jax.numpy as jnp

    jax.config.update("jax_enable_x64", True)
    A = "api-math"
    r = np.random.default_rng(3141)
    f32 = lambda a: np.asarray(a).astype(np.float32)
    nan, inf = np.nan, np.inf

    def rnd(shape, dt, lo=-3.0, hi=3.0):
        if dt == I32:
            return r.integers(-9, 10, size=shape).astype(np.int32)
        return r.uniform(lo, hi, size=shape).astype(NPD[dt])

    specials = [0.0, -0.0, 1.0, -1.0, 2.5, -2.5, -0.5, nan, inf, -inf, 1e30, 1e-30]
    # fabs, fix
    for dt in FLOATS:
        case(A, f"fabs {dt} specials", "(x) => np.fabs(x)", [arr(specials, dt)], lambda x: np.fabs(x))
        case(A, f"fix {dt} specials", "(x) => np.fix(x)", [arr(specials, dt)], lambda x: np.fix(x))
    case(A, "fabs int32 -> float32", "(x) => np.fabs(x)", [rnd((2, 3), I32)], lambda x: f32(np.fabs(x)))
    case(A, "fix int32 keeps int32", "(x) => np.fix(x)", [rnd((2, 3), I32)], lambda x: np.fix(x))
    case(A, "fix size 0", "(x) => np.fix(x)", [np.zeros((0, 2), np.float32)], lambda x: np.fix(x))
    # gcd, lcm (JAX/NumPy agree on integers)
    ga = arr([[12, 0, -18, 7, 1071, 2147483647], [0, 5, 21, -8, 462, 1836311903]], I32)
    gb = arr([18, 0, 12, 0, 1029, 1134903170], I32)
    case(A, "gcd int32 broadcast", "(a, b) => np.gcd(a, b)", [ga, gb], lambda a, b: np.gcd(a, b))
    case(A, "lcm int32 broadcast", "(a, b) => np.lcm(a, b)", [ga[:, :5], gb[:5]], lambda a, b: np.lcm(a, b).astype(np.int32))
    case(A, "gcd uint32", "(a, b) => np.gcd(a, b)", [arr([4000000000, 6, 0], U32), arr([3000000000, 4, 9], U32)], lambda a, b: np.gcd(a, b))
    case(A, "gcd weak scalar", "(a) => np.gcd(a, 6)", [arr([4, 9, -12, 0], I32)], lambda a: np.gcd(a, 6).astype(np.int32))
    err(A, "gcd float", "(a, b) => np.gcd(a, b)", [arr([1.5], F32), arr([2], F32)], "DTypeError", "NJ202")
    # i0 (NumPy's Cephes series)
    xi = np.array([0, 0.5, -1, 3, 7.99, 8, 8.01, 15, -30, 100, nan, inf], np.float64)
    case(A, "i0 float64", "(x) => np.i0(x)", [xi], lambda x: np.i0(x), tol=(1e-12, 0))
    case(A, "i0 float32", "(x) => np.i0(x)", [f32(xi[:10])], lambda x: f32(np.i0(x.astype(np.float64))), tol=(1e-5, 1e-6))
    case(A, "i0 int32 -> float32", "(x) => np.i0(x)", [arr([0, 1, -2, 9], I32)], lambda x: f32(np.i0(x.astype(np.float64))))
    # nextafter, spacing
    na = [1.0, 0.0, -0.0, -1.0, 0.0, 1.0, 2.0, inf, -inf, nan, 1.0, 3.4028234663852886e38, 1e-45]
    nb = [2.0, 1.0, -1.0, 0.0, -0.0, 1.0, 0.0, 0.0, 0.0, 1.0, nan, inf, 0.0]
    for dt in FLOATS:
        case(A, f"nextafter {dt}", "(a, b) => np.nextafter(a, b)", [arr(na, dt), arr(nb, dt)], lambda a, b: np.nextafter(a, b))
        sp = [1.0, 0.0, -1.0, 1e10, -1e-3, 3.0, inf, -inf, nan, 1e-40 if dt == F32 else 1e-310]
        case(A, f"spacing {dt}", "(x) => np.spacing(x)", [arr(sp, dt)], lambda x: np.spacing(x))
    case(
        A, "nextafter int32 -> float32", "(a) => np.nextafter(a, 0)", [arr([1, -2, 0], I32)], lambda a: np.nextafter(f32(a), np.float32(0))
    )
    case(
        A,
        "nextafter float64 2-d broadcast",
        "(a, b) => np.nextafter(a, b)",
        [rnd((2, 3), F64), rnd((3,), F64)],
        lambda a, b: np.nextafter(a, b),
    )
    # packbits, unpackbits (NumPy's uint8 -> int32 here)
    pb = r.random((3, 11)) < 0.5
    i32 = lambda a: np.asarray(a).astype(np.int32)
    case(A, "packbits bool axis null", "(x) => np.packbits(x)", [pb], lambda x: i32(np.packbits(x)))
    case(A, "packbits bool axis 1", "(x) => np.packbits(x, 1)", [pb], lambda x: i32(np.packbits(x, 1)))
    case(
        A,
        "packbits int32 axis 0 little",
        "(x) => np.packbits(x, 0, 'little')",
        [rnd((10, 2), I32)],
        lambda x: i32(np.packbits(x, 0, "little")),
    )
    ub = r.integers(0, 256, (2, 3)).astype(np.int32)
    u8 = lambda a: a.astype(np.uint8)
    case(A, "unpackbits axis null", "(x) => np.unpackbits(x)", [ub], lambda x: i32(np.unpackbits(u8(x))))
    case(A, "unpackbits axis 0", "(x) => np.unpackbits(x, 0)", [ub], lambda x: i32(np.unpackbits(u8(x), 0)))
    case(
        A, "unpackbits count 5 little", "(x) => np.unpackbits(x, 1, 5, 'little')", [ub], lambda x: i32(np.unpackbits(u8(x), 1, 5, "little"))
    )
    case(A, "unpackbits count -3", "(x) => np.unpackbits(x, 1, -3)", [ub], lambda x: i32(np.unpackbits(u8(x), 1, -3)))
    case(A, "unpackbits count pads", "(x) => np.unpackbits(x, -1, 30)", [ub], lambda x: i32(np.unpackbits(u8(x), -1, 30)))
    err(A, "packbits float", "(x) => np.packbits(x)", [arr([1.0], F32)], "DTypeError", "NJ202")
    err(A, "unpackbits bool", "(x) => np.unpackbits(x)", [arr([True], B)], "DTypeError", "NJ202")
    # gradient (NumPy's formulas; dtype: f promoted with the spacing arrays, ints -> float32)
    g1 = f32([1, 2, 4, 7, 11, 16, 15])
    case(A, "gradient 1-d", "(f) => np.gradient(f)", [g1], lambda f: np.gradient(f))
    case(
        A, "gradient spacing 2 edgeOrder 2", "(f) => np.gradient(f, 2, { edgeOrder: 2 })", [g1], lambda f: np.gradient(f, 2.0, edge_order=2)
    )
    cx = np.array([0, 1, 1.5, 3.5, 4, 6, 6.25])
    case(
        A,
        "gradient coordinates edgeOrder 2",
        "(f, x) => np.gradient(f, x, { edgeOrder: 2 })",
        [g1, cx],
        lambda f, x: np.gradient(f.astype(np.float64), x, edge_order=2),
    )
    case(A, "gradient coordinates edgeOrder 1", "(f, x) => np.gradient(f, x)", [g1.astype(np.float64), cx], lambda f, x: np.gradient(f, x))
    g2 = rnd((3, 4), F32)
    case(A, "gradient 2-d every axis", "(f) => np.gradient(f)", [g2], lambda f: list(np.gradient(f)))
    case(A, "gradient 2-d spacings per axis", "(f) => np.gradient(f, 0.5, 3)", [g2], lambda f: list(np.gradient(f, 0.5, 3.0)))
    case(A, "gradient axis -1", "(f) => np.gradient(f, { axis: -1 })", [g2], lambda f: np.gradient(f, axis=-1))
    case(A, "gradient int32 -> float32", "(f) => np.gradient(f)", [rnd((5,), I32)], lambda f: f32(np.gradient(f)))
    case(A, "gradient size 2", "(f) => np.gradient(f)", [f32([1, 4])], lambda f: np.gradient(f))
    err(A, "gradient too small for edgeOrder 2", "(f) => np.gradient(f, { edgeOrder: 2 })", [f32([1, 4])], "ShapeError", "NJ106")
    err(A, "gradient coordinates wrong length", "(f, x) => np.gradient(f, x)", [g1, cx[:4]], "ShapeError", "NJ101")
    # histogram_bin_edges, histogram2d, histogramdd (JAX's: int32 counts without weights/density)
    hx, hy = rnd((40,), F32, 0, 1), rnd((40,), F32, -2, 2)
    case(A, "histogramBinEdges", "(x) => np.histogramBinEdges(x, 5)", [hx], lambda x: np.histogram_bin_edges(x, 5).astype(np.float32))
    case(
        A,
        "histogramBinEdges range int32",
        "(x) => np.histogramBinEdges(x, 4, { range: [0, 8] })",
        [rnd((6,), I32)],
        lambda x: f32(np.histogram_bin_edges(x, 4, range=(0, 8))),
    )
    case(
        A, "histogramBinEdges constant", "(x) => np.histogramBinEdges(x, 2)", [f32([3, 3, 3])], lambda x: f32(np.histogram_bin_edges(x, 2))
    )
    h2 = lambda *a, **k: (lambda h: [i32(h[0]), f32(h[1]), f32(h[2])])(np.histogram2d(*a, **k))
    case(A, "histogram2d bins 3", "(x, y) => np.histogram2d(x, y, 3)", [hx, hy], lambda x, y: h2(x, y, 3))
    case(
        A,
        "histogram2d bins pair range",
        "(x, y) => np.histogram2d(x, y, [2, 4], { range: [[0, 1], [-1, 1]] })",
        [hx, hy],
        lambda x, y: h2(x, y, [2, 4], range=[[0, 1], [-1, 1]]),
    )
    case(
        A,
        "histogram2d density",
        "(x, y) => np.histogram2d(x, y, 2, { density: true })",
        [hx, hy],
        lambda x, y: (lambda h: [f32(h[0]), f32(h[1]), f32(h[2])])(np.histogram2d(x, y, 2, density=True)),
        tol=(1e-5, 1e-6),
    )
    sd = rnd((30, 3), F64, 0, 1)
    wd = rnd((30,), F64, 0, 2)
    hdd = lambda h: [h[0], *h[1]]
    case(
        A,
        "histogramdd weights mixed bins",
        "(s, w) => { const [h, e] = np.histogramdd(s, [2, np.array([0, 0.5, 1]), 3], { weights: w }); return [h, ...e]; }",
        [sd, wd],
        lambda s, w: hdd(np.histogramdd(s, [2, np.array([0, 0.5, 1]), 3], weights=w)),
    )
    case(
        A,
        "histogramdd counts",
        "(s) => { const [h, e] = np.histogramdd(s, 2); return [h, ...e]; }",
        [sd],
        lambda s: (lambda h: [i32(h[0]), *h[1]])(np.histogramdd(s, 2)),
    )
    err(A, "histogramdd bins per dimension", "(s) => np.histogramdd(s, [2, 3])[0]", [sd], "ArgumentError", "NJ301")
    # poly, polydiv, roots
    case(A, "poly roots int32", "(z) => np.poly(z)", [arr([1, 2, 3, -1], I32)], lambda z: f32(np.poly(z)))
    case(A, "poly float64", "(z) => np.poly(z)", [rnd((5,), F64)], lambda z: np.poly(z))
    pm = rnd((4, 4), F64)
    case(A, "poly of a matrix (characteristic polynomial)", "(a) => np.poly(a)", [pm], lambda a: np.poly(a).real, tol=(1e-9, 1e-10))
    case(A, "poly empty", "(z) => np.poly(z)", [np.zeros((0,), np.float32)], lambda z: np.float32(1.0))
    err(A, "poly 3-d", "(z) => np.poly(z)", [rnd((2, 2, 2), F32)], "ShapeError", "NJ106")
    pd = lambda **k: lambda u, v: [np.asarray(t) for t in jnp.polydiv(u, v, **k)]
    case(A, "polydiv float32", "(u, v) => np.polydiv(u, v)", [f32([3, 5, 2, 1]), f32([2, 1])], pd())
    case(A, "polydiv float64 exact", "(u, v) => np.polydiv(u, v)", [arr([1, 0, -1], F64), arr([1, -1], F64)], pd())
    case(A, "polydiv divisor longer", "(u, v) => np.polydiv(u, v)", [f32([1, 2]), f32([1, 2, 3])], pd())
    case(
        A,
        "polydiv trimLeadingZeros",
        "(u, v) => np.polydiv(u, v, { trimLeadingZeros: true })",
        [arr([1, 0, -1, 2], F64), arr([1, -1], F64)],
        pd(trim_leading_zeros=True),
        eager_only=True,
    )
    srt = lambda v: np.sort(v)
    case(
        A,
        "roots real (sorted)",
        "(p) => np.sort(np.roots(p))",
        [arr([1, -6, 11, -6], F64)],
        lambda p: srt(np.roots(p).real),
        eager_only=True,
    )
    case(
        A,
        "roots leading and trailing zeros",
        "(p) => np.roots(p)",
        [f32([0, 0, 1, -3, 2, 0, 0])],
        lambda p: f32(np.roots(p.astype(np.float64))),
        eager_only=True,
    )
    rp = np.poly(np.array([-2.5, -1, 0.5, 3]))
    case(
        A,
        "roots float32 (sorted)",
        "(p) => np.sort(np.roots(p))",
        [f32(rp)],
        lambda p: f32(srt(np.roots(p.astype(np.float64)).real)),
        eager_only=True,
    )
    case(
        A,
        "roots complex pairs",
        "(p) => np.roots(p, { complex: true })",
        [arr([1, 2, 5], F64)],
        lambda p: np.stack([np.roots(p).real, np.roots(p).imag], -1),
        eager_only=True,
    )
    case(A, "roots constant", "(p) => np.roots(p)", [f32([3])], lambda p: np.zeros((0,), np.float32), eager_only=True)
    err(A, "roots 2-d", "(p) => np.roots(p)", [rnd((2, 2), F32)], "ShapeError", "NJ106")
    # real, imag, conj, angle, predicates, sortComplex
    sv = arr(specials, F32)
    case(A, "real", "(x) => np.real(x)", [sv], lambda x: np.real(x))
    case(A, "imag int32", "(x) => np.imag(x)", [rnd((2, 3), I32)], lambda x: np.imag(x))
    case(A, "conj and conjugate", "(x) => [np.conj(x), np.conjugate(x)]", [rnd((3,), F64)], lambda x: [np.conj(x), np.conjugate(x)])
    case(A, "angle float32", "(x) => np.angle(x)", [sv], lambda x: np.angle(x).astype(np.float32))
    case(A, "angle int32 degrees", "(x) => np.angle(x, true)", [rnd((4,), I32)], lambda x: f32(np.angle(x, deg=True)))
    case(A, "angle float64", "(x) => np.angle(x)", [rnd((2, 2), F64)], lambda x: np.angle(x))
    case(A, "iscomplex isreal", "(x) => [np.iscomplex(x), np.isreal(x)]", [rnd((2, 3), F32)], lambda x: [np.iscomplex(x), np.isreal(x)])
    case(A, "sortComplex float32 2-d", "(x) => np.sortComplex(x)", [rnd((3, 4), F32)], lambda x: np.sort_complex(x).real.astype(np.float32))
    case(A, "sortComplex int32 -> float32", "(x) => np.sortComplex(x)", [rnd((5,), I32)], lambda x: f32(np.sort_complex(x).real))
    # dtype predicates (JS booleans, collected into bool arrays)
    D5 = [B, I32, U32, F32, F64]
    for c in ["no", "safe", "same_kind", "unsafe"]:
        src = "() => np.array([" + ", ".join(f"np.canCast('{a}', '{b}', '{c}')" for a in D5 for b in D5) + "])"
        case(A, f"canCast {c}", src, [], np.array([np.can_cast(a, b, c) for a in D5 for b in D5]))
    cats = ["generic", "number", "integer", "signedinteger", "unsignedinteger", "inexact", "floating", "complexfloating"]
    ncat = {k: getattr(np, k) for k in cats}
    src = "() => np.array([" + ", ".join(f"np.issubdtype('{a}', np.{k})" for a in D5 for k in cats) + "])"
    case(A, "issubdtype dtypes in categories", src, [], np.array([np.issubdtype(a, ncat[k]) for a in D5 for k in cats]))
    src = "() => np.array([" + ", ".join(f"np.issubdtype(np.{a}, np.{k})" for a in cats for k in cats) + "])"
    case(A, "issubdtype categories", src, [], np.array([np.issubdtype(ncat[a], ncat[k]) for a in cats for k in cats]))
    kinds = ["bool", "signed integer", "unsigned integer", "integral", "real floating", "complex floating", "numeric"]
    src = "() => np.array([" + ", ".join(f"np.isdtype('{a}', '{k}')" for a in D5 for k in kinds) + "])"
    case(A, "isdtype kinds", src, [], np.array([np.isdtype(np.dtype(a), k) for a in D5 for k in kinds]))
    src = "(x) => np.array([np.iscomplexobj(x), np.isrealobj(x), np.isdtype('float32', ['integral', 'float32'])])"
    case(A, "iscomplexobj isrealobj", src, [rnd((2,), F32)], lambda x: np.array([np.iscomplexobj(x), np.isrealobj(x), True]))
    # vectorize (jnp.vectorize: vmap over the loop dims)
    vm, vv = rnd((2, 3, 4), F32), rnd((4,), F32)
    case(
        A,
        "vectorize signature matvec",
        "(m, v) => np.vectorize((a, b) => np.matmul(a, b), { signature: '(m,n),(n)->(m)' })(m, v)",
        [vm, vv],
        lambda m, v: np.vectorize(lambda a, b: a @ b, signature="(m,n),(n)->(m)")(m, v).astype(np.float32),
    )
    case(
        A,
        "vectorize excluded",
        "(a, b) => np.vectorize((x, k, y) => np.add(np.multiply(x, k), y), { excluded: [1] })(a, 3, b)",
        [rnd((2, 3), F32), rnd((3,), F32)],
        lambda a, b: (a * np.float32(3) + b).astype(np.float32),
    )
    case(
        A,
        "vectorize two outputs",
        "(a) => np.vectorize((x) => [np.sum(x), np.max(x)], { signature: '(n)->(),()' })(a)",
        [rnd((3, 5), F64)],
        lambda a: [a.sum(-1), a.max(-1)],
    )
    err(
        A,
        "vectorize core dims disagree",
        "(m, v) => np.vectorize((a, b) => np.matmul(a, b), { signature: '(m,n),(n)->(m)' })(m, v)",
        [vm, rnd((3,), F32)],
        "ShapeError",
        "NJ101",
    )
    # numpy.linalg: cond, tensorinv, tensorsolve; nn.tanh
    cm = rnd((2, 3, 3), F64)
    for p, pj in [
        ("null", None),
        ("2", 2),
        ("-2", -2),
        ("1", 1),
        ("-1", -1),
        ("Infinity", np.inf),
        ("-Infinity", -np.inf),
        ("'fro'", "fro"),
        ("'nuc'", "nuc"),
    ]:
        case(A, f"linalg.cond p {p}", f"(a) => np.linalg.cond(a, {p})", [cm], lambda a, pj=pj: np.linalg.cond(a, pj), tol=(1e-9, 1e-12))
    case(
        A,
        "linalg.cond rectangular float32",
        "(a) => np.linalg.cond(a)",
        [rnd((4, 2), F32)],
        lambda a: f32(np.linalg.cond(a.astype(np.float64))),
        tol=(1e-4, 1e-6),
    )
    case(A, "linalg.cond singular -> inf", "(a) => np.linalg.cond(a, -2)", [arr([[1, 2], [2, 4]], F64)], lambda a: np.float64(inf))
    err(A, "linalg.cond p 1 not square", "(a) => np.linalg.cond(a, 1)", [rnd((2, 3), F64)], "ShapeError", "NJ106")
    ti = rnd((2, 3, 6), F64)
    case(A, "linalg.tensorinv ind 2", "(a) => np.linalg.tensorinv(a, 2)", [ti], lambda a: np.linalg.tensorinv(a, 2), tol=(1e-8, 1e-10))
    ti1 = rnd((4, 2, 2), F64)
    case(A, "linalg.tensorinv ind 1", "(a) => np.linalg.tensorinv(a, 1)", [ti1], lambda a: np.linalg.tensorinv(a, 1), tol=(1e-8, 1e-10))
    ts, tb = rnd((2, 3, 6), F64), rnd((2, 3), F64)
    case(
        A,
        "linalg.tensorsolve",
        "(a, b) => np.linalg.tensorsolve(a, b)",
        [ts, tb],
        lambda a, b: np.linalg.tensorsolve(a, b),
        tol=(1e-8, 1e-10),
    )
    ta = rnd((2, 3, 2, 3), F64)
    case(
        A,
        "linalg.tensorsolve axes",
        "(a, b) => np.linalg.tensorsolve(a, b, [0])",
        [ta, rnd((3, 2), F64)],
        lambda a, b: np.linalg.tensorsolve(a, b, axes=(0,)),
        tol=(1e-8, 1e-10),
    )
    err(A, "linalg.tensorinv not square", "(a) => np.linalg.tensorinv(a, 1)", [rnd((2, 3), F64)], "ShapeError", "NJ106")
    case(A, "nn.tanh", "(x) => nn.tanh(x)", [sv], lambda x: np.tanh(x))


def gen_api_math_strings():
    """NumPy's strings for einsum_path reports and array printing -> test/numpy/api-math-strings.json
    (not an area: the runner compares arrays; api-math-strings.test.ts reads this file)."""
    r = np.random.default_rng(2718)
    f32 = np.float32
    ep = []
    for sub in [
        "ij,jk,kl->il",
        "ea,fb,abcd,gc,hd->efgh",
        "abd,ac,bdc->",
        "ij,jk,kl,lm,mn->in",
        "a,b,c->abc",
        "ii,ij,jk->k",
        "ijk,jkl,klm->im",
        "bdik,acaj,ikab,ajac,ikbd",
        "ab,bc,cd,de->ae",
        "ij,j,jk->",
    ]:
        for opt in ["greedy", "optimal", False]:
            terms = sub.split("->")[0].split(",")
            sz = {c: int(r.integers(1, 9)) for c in sorted(set("".join(terms)))}
            shapes = [[sz[c] for c in t] for t in terms]
            path, rep = np.einsum_path(sub, *[np.zeros(s) for s in shapes], optimize=opt)
            ep.append(
                {
                    "subscripts": sub,
                    "optimize": opt,
                    "shapes": shapes,
                    "path": [p if isinstance(p, str) else list(p) for p in path],
                    "report": rep,
                }
            )
    path, rep = np.einsum_path(
        "ij,jk,kl->il", np.zeros((2, 3)), np.zeros((3, 4)), np.zeros((4, 5)), optimize=["einsum_path", (1, 2), (0, 1)]
    )
    ep.append(
        {
            "subscripts": "ij,jk,kl->il",
            "optimize": ["einsum_path", [1, 2], [0, 1]],
            "shapes": [[2, 3], [3, 4], [4, 5]],
            "path": [path[0], *map(list, path[1:])],
            "report": rep,
        }
    )
    arrays = [
        np.array([1, 2.5, -3], f32),
        np.array([0.1, 0.2, 0.3], f32),
        np.array([1e-5, 1, 1000], f32),
        np.array([1e10, -2], f32),
        np.array([np.nan, 1, -np.inf, np.inf], f32),
        np.array(1.5, f32),
        np.array(-0.0, f32),
        np.array(1e20, f32),
        np.array(3, np.int32),
        np.array(True),
        np.array([[1, -20], [300, 4]], np.int32),
        np.array([[True, False], [False, True]]),
        r.normal(size=(3, 4)).astype(f32),
        r.normal(size=(2, 3, 4)),
        np.arange(30, dtype=f32) / 7,
        np.arange(2000, dtype=np.int32).reshape(40, 50),
        np.arange(1500, dtype=f32),
        np.zeros((0, 2), f32),
        np.zeros(0, np.int32),
        np.array([1e-10, -1e-10, 1.5], f32),
        np.array([0.0, 1.0]),
        np.array([123456789.0, 0.5]),
        (r.normal(size=(4, 30)) * 1000).astype(f32),
        np.array([1.0, -0.0, 2.0], f32),
        np.array([3.14159265358979, 2.0]),
        np.array([2187.78125, 0.5], f32),
        np.array([7, -3, 12], np.int32),
        np.array(0.0001, f32),
        np.array(-2.5e-300),
    ]
    names = {
        "maxLineWidth": "max_line_width",
        "precision": "precision",
        "suppressSmall": "suppress_small",
        "separator": "separator",
        "threshold": "threshold",
        "edgeitems": "edgeitems",
        "floatmode": "floatmode",
        "sign": "sign",
        "prefix": "prefix",
    }
    kws = [
        {"precision": 3},
        {"separator": ", ", "suppressSmall": True},
        {"threshold": 5, "edgeitems": 1},
        {"maxLineWidth": 30, "prefix": "x = "},
        {"floatmode": "fixed", "precision": 4},
        {"floatmode": "unique"},
        {"floatmode": "maxprec_equal", "sign": "+"},
        {"sign": " "},
    ]
    pr = []
    for spec, a in enumerate(arrays):
        py = lambda kw: {names[k]: v for k, v in kw.items()}
        pr.append({"fn": "arrayStr", "input": spec, "kw": {}, "out": np.array_str(a)})
        pr.append({"fn": "arrayRepr", "input": spec, "kw": {}, "out": np.array_repr(a)})
        w = {"maxLineWidth": 40, "precision": 2, "suppressSmall": True}
        pr.append({"fn": "arrayRepr", "input": spec, "kw": w, "out": np.array_repr(a, **py(w))})
        pr.append({"fn": "arrayStr", "input": spec, "kw": w, "out": np.array_str(a, **py(w))})
        for kw in kws if a.size else []:
            pr.append({"fn": "array2string", "input": spec, "kw": kw, "out": np.array2string(a, **py(kw))})
    with np.printoptions(precision=3, threshold=10, edgeitems=2, linewidth=40, suppress=True, nanstr="NaN", infstr="Inf"):
        scoped = [{"input": i, "repr": np.array_repr(a), "str": np.array_str(a)} for i, a in enumerate(arrays[:16])]
    doc = {
        "generator": "scripts/gen_numpy_refs.py",
        "numpy": np.__version__,
        "einsumPath": ep,
        "arrays": [enc(a) for a in arrays],  # printing cases name their input by index
        "printing": pr,
        "scopedPrintoptions": scoped,
    }
    with open(os.path.join(OUT, "..", "api-math-strings.json"), "w") as f:
        json.dump(doc, f, indent=None, separators=(",", ":"), allow_nan=False)
        f.write("\n")


def main():
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=OUT, help="output directory (default: test/numpy/refs)")
    ap.add_argument("--only", nargs="*", help="areas to write (default: all)")
    ap.add_argument("--random-count", type=int, default=RANDOM["count"], help="cases in the random area")
    ap.add_argument("--random-seed", type=int, default=RANDOM["seed"], help="seed of the random area")
    args = ap.parse_args()
    RANDOM.update(count=args.random_count, seed=args.random_seed)
    # every area runs (in order) so the shared seeded stream, and so every committed case, stays the same
    gen_creation()
    gen_elementwise()
    gen_reductions()
    gen_shape_ops()
    gen_indexing()
    gen_linalg()
    gen_nn()
    gen_extras()
    gen_large()
    gen_random()
    gen_broadcast()
    gen_deviations()
    gen_uint32()
    gen_breadth()
    gen_breadth_rest()
    gen_api_math()
    gen_linalg_refs.generate(sys.modules[__name__])  # numpy.linalg, numpy.fft, convolution: their own stream
    gen_api_arrays_refs.generate(sys.modules[__name__])  # jax.numpy array manipulation, set ops, index helpers
    out_dir = os.path.abspath(args.out)
    os.makedirs(out_dir, exist_ok=True)
    total = 0
    for area, cases in sorted(FILES.items()):
        if args.only and area not in args.only:
            continue
        path = os.path.join(out_dir, f"{area}.json")
        doc = {"generator": "scripts/gen_numpy_refs.py", "numpy": np.__version__, "count": len(cases), "cases": cases}
        with open(path, "w") as f:
            json.dump(doc, f, indent=None, separators=(",", ":"), allow_nan=False)
            f.write("\n")
        total += len(cases)
        print(f"{os.path.relpath(path, ROOT)}: {len(cases)} cases")
    print(f"total: {total} cases")
    if not args.only and args.out == OUT:
        gen_api_math_strings()


if __name__ == "__main__":
    main()
