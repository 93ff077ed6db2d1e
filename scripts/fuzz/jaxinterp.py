"""The Python half of the differential fuzz: interprets one JSON program with jax.numpy / jax.nn.

A program (see README.md) is a list of SSA ops over input arrays and weak JS scalars. The Node half
(run.mjs) interprets the same JSON with numjit. numjit's deliberate deviations from JAX (FEATURES.md) are
encoded HERE, so that the reference already means "what numjit promises":
  - float32 is numjit's default float: an op whose JAX result is float64 although no operand is a strong
    float64 array (int32 / 2.5, mean of ints, sqrt of ints under x64) is recomputed with int/bool array
    operands cast to float32 first (numjit: "int32 + 2.5 -> float32", "float functions of ints -> float32").
  - int64 results of int32/bool operands (sum, prod, argmax under x64) are int32 in numjit (wrapping).
  - integer floor_divide / mod by zero give 0 (NumPy's convention).
  - round of bool is the identity in numjit (as NumPy); JAX raises ValueError.
  - matmul/dot/einsum promote bool operands to int32 (JAX keeps bool).
  - reciprocal of ints is divide(1, x) -> float32 in numjit (JAX: integer 1/x).
  - subtract(bool, bool), negative(bool), sign(bool) raise DTypeError in numjit (as NumPy).
"""

import jax

jax.config.update("jax_enable_x64", True)
jax.config.update("jax_platforms", "cpu")
import jax.numpy as jnp  # noqa: E402
import numpy as onp  # noqa: E402

DT = {"float32": jnp.float32, "float64": jnp.float64, "int32": jnp.int32, "bool": jnp.bool_}


class Deviation(Exception):
    """numjit rejects this on purpose (typed error); JAX accepts it."""

    def __init__(self, kind):
        super().__init__(kind)
        self.kind = kind


def dec_num(v):
    if isinstance(v, str):
        return {"nan": float("nan"), "inf": float("inf"), "-inf": float("-inf")}[v]
    return v


def enc_num(v):
    v = float(v)
    if v != v:
        return "nan"
    if v == float("inf"):
        return "inf"
    if v == float("-inf"):
        return "-inf"
    return v


def scalar(v):
    """A JS number is a weak int when integral (numjit: Number.isInteger), else a weak float."""
    if isinstance(v, bool):
        return v
    v = dec_num(v)
    # Integral values beyond int64 stay Python floats: JAX cannot hold them as a weak int at all, and
    # numjit only ever combines them with float arrays (or wraps), so the float reading is the comparable one.
    if isinstance(v, float) and v == v and abs(v) < 2.0**63 and v == int(v):
        return int(v)
    return v


def make_input(spec, as_numpy=False):
    """The logical input: the base array with the view ops applied (numpy views, then a jax array)."""
    base = spec["base"]
    data = [dec_num(v) for v in base["data"]]
    x = onp.array(data, dtype=onp.float64).astype(onp.dtype(spec["dtype"] if spec["dtype"] != "bool" else "bool"))
    x = x.reshape(base["shape"])
    for v in spec.get("view", []):
        x = apply_view(x, v)
    return x if as_numpy else jnp.asarray(x)


def apply_view(x, v):
    t = v["t"]
    if t == "slice":
        return x[tuple(slice(*s) for s in v["specs"])]
    if t == "transpose":
        return onp.transpose(x, v["axes"])
    if t == "flip":
        return onp.flip(x, v["axis"])
    if t == "broadcast":
        return onp.broadcast_to(x, v["shape"])
    raise ValueError(t)


def is_arr(a):
    return isinstance(a, (jax.Array, onp.ndarray, onp.generic))


def strong_f64(args):
    return any(is_arr(a) and a.dtype == jnp.float64 for a in args)


def to_f32(args):
    return [a.astype(jnp.float32) if is_arr(a) and a.dtype in (jnp.int32, jnp.bool_) else a for a in args]


def fix_dtype(fn, args):
    out = fn(args)
    if is_arr(out) and out.dtype == onp.float16:  # numpy's float functions of bool (generator only)
        out = fn(to_f32(args))
    if is_arr(out) and out.dtype in (onp.int8, onp.int16, onp.uint8):  # numpy's int ops on bools (generator only)
        out = out.astype("int32")
    if is_arr(out) and out.dtype == jnp.float64 and not strong_f64(args):
        out = fn(to_f32(args))
    if is_arr(out) and out.dtype == jnp.int64:
        out = out.astype(jnp.int32)
    if isinstance(out, onp.generic):
        out = onp.asarray(out)
    return out


def _sl(specs):
    return tuple(slice(*s) for s in specs)


def _bool_check(name, args):
    if name in ("subtract", "negative", "sign") and all(not is_arr(a) or a.dtype == jnp.bool_ for a in args):
        if any(is_arr(a) for a in args) and (name != "subtract" or all(is_arr(a) or isinstance(a, bool) for a in args)):
            raise Deviation("DTypeError")


def _recip(a):
    return 1 / (a.astype("float32") if a.dtype in (jnp.int32, jnp.bool_) else a)


def make_ops(xp, nn):
    """The op table over an array module: jax.numpy for references, numpy (fast) while generating."""
    return {
        "neg": lambda a, p: xp.negative(a[0]),
        "abs": lambda a, p: xp.abs(a[0]),
        "exp": lambda a, p: xp.exp(a[0]),
        "log": lambda a, p: xp.log(a[0]),
        "sqrt": lambda a, p: xp.sqrt(a[0]),
        "sin": lambda a, p: xp.sin(a[0]),
        "cos": lambda a, p: xp.cos(a[0]),
        "tanh": lambda a, p: xp.tanh(a[0]),
        "square": lambda a, p: xp.square(a[0]),
        "floor": lambda a, p: xp.floor(a[0]),
        "ceil": lambda a, p: xp.ceil(a[0]),
        "round": lambda a, p: a[0] if a[0].dtype == onp.bool_ else xp.round(a[0]),
        "sign": lambda a, p: xp.sign(a[0]),
        "expm1": lambda a, p: xp.expm1(a[0]),
        "log1p": lambda a, p: xp.log1p(a[0]),
        "reciprocal": lambda a, p: _recip(a[0]),
        "logical_not": lambda a, p: xp.logical_not(a[0]),
        "isnan": lambda a, p: xp.isnan(a[0]),
        "sigmoid": lambda a, p: nn.sigmoid(a[0]),
        "relu": lambda a, p: nn.relu(a[0]),
        "softplus": lambda a, p: nn.softplus(a[0]),
        "silu": lambda a, p: nn.silu(a[0]),
        "gelu": lambda a, p: nn.gelu(a[0]),
        "add": lambda a, p: xp.add(a[0], a[1]),
        "subtract": lambda a, p: xp.subtract(a[0], a[1]),
        "multiply": lambda a, p: xp.multiply(a[0], a[1]),
        "divide": lambda a, p: xp.divide(a[0], a[1]),
        "maximum": lambda a, p: xp.maximum(a[0], a[1]),
        "minimum": lambda a, p: xp.minimum(a[0], a[1]),
        "power": lambda a, p: xp.power(a[0], a[1]),
        "floor_divide": lambda a, p: _int_by_zero(xp, xp.floor_divide, a),
        "mod": lambda a, p: _int_by_zero(xp, xp.mod, a),
        "arctan2": lambda a, p: xp.arctan2(a[0], a[1]),
        "less": lambda a, p: xp.less(a[0], a[1]),
        "equal": lambda a, p: xp.equal(a[0], a[1]),
        "greater_equal": lambda a, p: xp.greater_equal(a[0], a[1]),
        "not_equal": lambda a, p: xp.not_equal(a[0], a[1]),
        "logical_and": lambda a, p: xp.logical_and(a[0], a[1]),
        "where": lambda a, p: xp.where(a[0], a[1], a[2]),
        "sum": lambda a, p: xp.sum(a[0], axis=_ax(p), keepdims=p["keepdims"]),
        "prod": lambda a, p: xp.prod(a[0], axis=_ax(p), keepdims=p["keepdims"]),
        "max": lambda a, p: xp.max(a[0], axis=_ax(p), keepdims=p["keepdims"]),
        "min": lambda a, p: xp.min(a[0], axis=_ax(p), keepdims=p["keepdims"]),
        "mean": lambda a, p: xp.mean(a[0], axis=_ax(p), keepdims=p["keepdims"]),
        "var": lambda a, p: xp.var(a[0], axis=_ax(p), keepdims=p["keepdims"]),
        "all": lambda a, p: xp.all(a[0], axis=_ax(p), keepdims=p["keepdims"]),
        "any": lambda a, p: xp.any(a[0], axis=_ax(p), keepdims=p["keepdims"]),
        "argmax": lambda a, p: xp.argmax(a[0], axis=p["axis"], keepdims=p["keepdims"]),
        "logsumexp": lambda a, p: nn.logsumexp(a[0], axis=_ax(p), keepdims=p["keepdims"]),
        "cumsum": lambda a, p: xp.cumsum(a[0], axis=p["axis"]),
        "softmax": lambda a, p: nn.softmax(a[0], axis=p["axis"]),
        "log_softmax": lambda a, p: nn.log_softmax(a[0], axis=p["axis"]),
        "reshape": lambda a, p: xp.reshape(a[0], p["shape"]),
        "transpose": lambda a, p: xp.transpose(a[0], p["axes"]),
        "slice": lambda a, p: a[0][_sl(p["specs"])],
        "broadcast_to": lambda a, p: xp.broadcast_to(a[0], p["shape"]),
        "concatenate": lambda a, p: xp.concatenate(a, axis=p["axis"]),
        "stack": lambda a, p: xp.stack(a, axis=p["axis"]),
        "expand_dims": lambda a, p: xp.expand_dims(a[0], p["axis"]),
        "squeeze": lambda a, p: xp.squeeze(a[0], p["axis"]),
        "flip": lambda a, p: xp.flip(a[0], p["axis"]),
        "matmul": lambda a, p: xp.matmul(a[0], a[1]),
        "dot": lambda a, p: xp.dot(a[0], a[1]),
        "einsum": lambda a, p: xp.einsum(p["subs"], *a),
        "astype": lambda a, p: a[0].astype(p["dtype"]),
    }


class NumpyNN:
    """jax.nn's formulas in numpy, for the generator's shape/value oracle only."""

    @staticmethod
    def sigmoid(x):
        return 1 / (1 + onp.exp(-x))

    @staticmethod
    def relu(x):
        return onp.maximum(x, 0).astype(x.dtype)

    @staticmethod
    def softplus(x):
        return onp.logaddexp(x, 0)

    @staticmethod
    def silu(x):
        return x / (1 + onp.exp(-x))

    @staticmethod
    def gelu(x):
        return 0.5 * x * (1 + onp.tanh(onp.sqrt(2 / onp.pi) * (x + 0.044715 * x**3)))

    @staticmethod
    def logsumexp(x, axis=None, keepdims=False):
        m = onp.max(x, axis=axis, keepdims=True) if x.size else onp.zeros([1] * x.ndim, x.dtype)
        m = onp.where(onp.isfinite(m), m, 0)
        r = onp.log(onp.sum(onp.exp(x - m), axis=axis, keepdims=True)) + m
        return r if keepdims else onp.squeeze(r, axis=axis if axis is not None else tuple(range(x.ndim)))

    @staticmethod
    def softmax(x, axis=-1):
        e = onp.exp(x - onp.max(x, axis=axis, keepdims=True))
        return e / onp.sum(e, axis=axis, keepdims=True)

    @staticmethod
    def log_softmax(x, axis=-1):
        m = x - onp.max(x, axis=axis, keepdims=True)
        return m - onp.log(onp.sum(onp.exp(m), axis=axis, keepdims=True))


def _jnn():
    class N:
        sigmoid = staticmethod(jax.nn.sigmoid)
        relu = staticmethod(jax.nn.relu)
        softplus = staticmethod(jax.nn.softplus)
        silu = staticmethod(jax.nn.silu)
        gelu = staticmethod(lambda x: jax.nn.gelu(x, approximate=True))
        logsumexp = staticmethod(jax.nn.logsumexp)
        softmax = staticmethod(jax.nn.softmax)
        log_softmax = staticmethod(jax.nn.log_softmax)

    return N


OPS = make_ops(jnp, _jnn())
NP_OPS = make_ops(onp, NumpyNN)


def _ax(p):
    ax = p.get("axis")
    return tuple(ax) if isinstance(ax, list) else ax


def arg_value(ref, inputs, env):
    if "i" in ref:
        return inputs[ref["i"]]
    if "v" in ref:
        return env[ref["v"]]
    if "b" in ref:
        return ref["b"]
    return scalar(ref["s"])


def _int_by_zero(xp, fn, a):
    """numjit: integer // 0 and % 0 give 0 (NumPy; FEATURES.md). XLA gives -1 / x."""
    x, y = a
    if all(not is_arr(v) or v.dtype.kind in "bi" for v in (x, y)) and not any(isinstance(v, float) for v in (x, y)):
        return xp.where(xp.equal(y, 0), 0, fn(x, xp.where(xp.equal(y, 0), 1, y))).astype(fn(x, y).dtype)
    return fn(x, y)


LINALG = ("matmul", "dot", "einsum")


def apply_op(op, args, ops=None):
    name = op["op"]
    _bool_check(name, args)
    if name in LINALG:  # numjit: "bool operands are promoted to int32" (FEATURES.md, linear algebra)
        args = [a.astype("int32") if is_arr(a) and a.dtype == jnp.bool_ else a for a in args]
    fn = (ops or OPS)[name]
    p = op.get("p", {})
    return fix_dtype(lambda xs: fn(xs, p), args)


def run_body(prog, inputs):
    """Inputs are referenced as {"i": k}, op results as {"v": j} (j-th op), weak scalars as {"s": x} / {"b": x}."""
    env = []
    for op in prog["ops"]:
        env.append(apply_op(op, [arg_value(r, inputs, env) for r in op["args"]]))
    return arg_value(prog["out"], inputs, env)


def err_name(e):
    if isinstance(e, Deviation):
        return e.kind
    return type(e).__name__


def enc_array(x):
    x = onp.asarray(x)
    dt = str(x.dtype)
    if dt == "bool":
        data = [int(v) for v in x.ravel()]
    elif dt.startswith("int"):
        data = [int(v) for v in x.ravel()]
    else:
        data = [enc_num(v) for v in x.ravel()]
    return {"dtype": dt, "shape": list(x.shape), "data": data}


def enc_tree(t):
    if isinstance(t, (list, tuple)):
        return [enc_tree(v) for v in t]
    return enc_array(t)


def expected(prog):
    """{mode: {"ok": tree} | {"error": name}} for every mode the program asks for."""
    res = {}
    kind = prog["kind"]
    try:
        inputs = [make_input(s) for s in prog["inputs"]]
    except Exception as e:  # noqa: BLE001
        return {m: {"error": err_name(e)} for m in prog["modes"]}

    def f(*xs):
        return run_body(prog, xs)

    def attempt(mode, thunk):
        try:
            res[mode] = {"ok": enc_tree(thunk())}
        except Exception as e:  # noqa: BLE001
            res[mode] = {"error": err_name(e)}

    # References run under jax.jit: one XLA compile per program instead of one per op and shape (JAX eager
    # dispatch compiles every jnp call for every new shape, ~1 s per program here).
    if kind == "fwd":
        attempt("value", lambda: jax.jit(f)(*inputs))
    elif kind == "vmap":
        vin = [make_input(s) for s in prog["vinputs"]]
        attempt("vmap", lambda: jax.jit(jax.vmap(f))(*vin))
    else:
        # one jit for the whole family (one trace and compile instead of four): jvp's primal is the value
        argn = tuple(range(len(inputs)))
        tangents = [make_input(s) for s in prog["tangents"]]
        vin = [make_input(s) for s in prog["vinputs"]]

        def family(xs, ts, vs):
            p, t = jax.jvp(f, tuple(xs), tuple(ts))
            return p, list(jax.grad(f, argnums=argn)(*xs)), [p, t], list(jax.vmap(jax.grad(f, argnums=argn))(*vs))

        try:
            outs = jax.jit(family)(inputs, tangents, vin)
            for mode, o in zip(("value", "grad", "jvp", "vmap_grad"), outs):
                res[mode] = {"ok": enc_tree(o)}
        except Exception:  # noqa: BLE001
            attempt("value", lambda: jax.jit(f)(*inputs))
            attempt("grad", lambda: list(jax.jit(jax.grad(f, argnums=argn))(*inputs)))
            attempt("jvp", lambda: list(jax.jit(lambda p, t: jax.jvp(f, p, t))(tuple(inputs), tuple(tangents))))
            attempt("vmap_grad", lambda: list(jax.jit(jax.vmap(jax.grad(f, argnums=argn)))(*vin)))
    return res
