#!/usr/bin/env python3
"""Seeded generator of random numjit/JAX programs with JAX's expected results (see README.md).

  python3 scripts/fuzz/gen.py --seed 1 --n 3000 --grad 500 --vmap 200 > /tmp/fz.jsonl
  python3 scripts/fuzz/gen.py --serve      # JSON program per stdin line -> expected per stdout line (shrinking)

Programs are built op by op and evaluated concretely with JAX while they are built, so every op sees
operands of the right shape; a few programs end on a deliberately invalid op (error agreement).
"""

import argparse
import warnings
import json
import math
import random
import sys
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import jaxinterp as J  # noqa: E402
from jaxinterp import jnp  # noqa: E402

UNARY = [
    "neg",
    "abs",
    "exp",
    "log",
    "sqrt",
    "sin",
    "cos",
    "tanh",
    "square",
    "floor",
    "ceil",
    "round",
    "sign",
    "expm1",
    "log1p",
    "reciprocal",
    "logical_not",
    "isnan",
    "sigmoid",
    "relu",
    "softplus",
    "silu",
    "gelu",
]
BINARY = [
    "add",
    "subtract",
    "multiply",
    "divide",
    "maximum",
    "minimum",
    "power",
    "floor_divide",
    "mod",
    "arctan2",
    "less",
    "equal",
    "greater_equal",
    "not_equal",
    "logical_and",
]
REDUCE = ["sum", "prod", "max", "min", "mean", "var", "all", "any", "argmax", "logsumexp", "cumsum", "softmax", "log_softmax"]
FLOAT_ONLY = {"sigmoid", "softplus", "silu", "gelu", "logsumexp", "softmax", "log_softmax"}
# discontinuous: only applied to operands whose value is exact in float32 (fusion may compute wider)
DISC = {
    "floor",
    "ceil",
    "round",
    "sign",
    "floor_divide",
    "mod",
    "less",
    "equal",
    "greater_equal",
    "not_equal",
    "argmax",
    "isnan",
    "logical_not",
    "logical_and",
}
EXACT_OPS = {
    "neg",
    "abs",
    "square",
    "floor",
    "ceil",
    "round",
    "sign",
    "logical_not",
    "isnan",
    "relu",
    "add",
    "subtract",
    "multiply",
    "maximum",
    "minimum",
    "floor_divide",
    "mod",
    "less",
    "equal",
    "greater_equal",
    "not_equal",
    "logical_and",
    "where",
    "sum",
    "max",
    "min",
    "all",
    "any",
    "argmax",
    "cumsum",
    "reshape",
    "transpose",
    "slice",
    "broadcast_to",
    "concatenate",
    "stack",
    "expand_dims",
    "squeeze",
    "flip",
    "matmul",
    "dot",
    "einsum",
    "astype",
}
GRAD_UNARY = [
    "neg",
    "abs",
    "exp",
    "log",
    "sqrt",
    "sin",
    "cos",
    "tanh",
    "square",
    "sigmoid",
    "relu",
    "softplus",
    "silu",
    "gelu",
    "expm1",
    "log1p",
]
GRAD_BINARY = ["add", "subtract", "multiply", "divide", "maximum", "minimum", "power"]
GRAD_REDUCE = ["sum", "prod", "max", "min", "mean", "var", "logsumexp", "cumsum", "softmax", "log_softmax"]
WEAK = [2, -3, 0, 1, 0.5, 2.5, -1.5, 0.1, 1 / 3, 1e-3]
WEAK_EDGE = [
    2**31,
    2**31 - 1,
    -(2**31),
    -(2**31) - 1,
    3000000001,
    2**53,
    1e10,
    1e-300,
    1e308,
    5e-324,
    -0.0,
    "nan",
    "inf",
    "-inf",
    1e38,
    3.4028235e38 * 2,
]
SPECIAL_F = ["nan", "inf", "-inf", 0.0, -0.0, 1e30, -1e-30]
SPECIAL_I = [2**31 - 1, -(2**31), 1000000000, -999999999]


def exact_vals(x):
    """float value exactly representable with small denominators: fusion in double cannot change it."""
    x = J.onp.asarray(x)
    if x.dtype.kind in "biu":
        return True
    with J.onp.errstate(all="ignore"):
        return bool(J.onp.all(J.onp.isfinite(x)) and J.onp.all(J.onp.abs(x) < 2**12) and J.onp.all((x * 1024) == J.onp.round(x * 1024)))


class Gen:
    def __init__(self, rng, kind):
        self.r = rng
        self.kind = kind
        self.inputs, self.in_vals, self.ops, self.vals, self.exact = [], [], [], [], []
        self.views = kind == "fwd"

    # ---------- inputs ----------
    def data(self, dtype, n):
        r = self.r
        if dtype == "bool":
            return [r.random() < 0.5 for _ in range(n)]
        if dtype == "int32":
            d = [r.randint(-9, 9) for _ in range(n)]
            if n and self.kind == "fwd" and r.random() < 0.08:
                d[r.randrange(n)] = r.choice(SPECIAL_I)
            return d
        if self.kind == "fwd":
            d = [r.randint(-16, 16) / 4 for _ in range(n)]
            if n and r.random() < 0.08:
                d[r.randrange(n)] = r.choice(SPECIAL_F)
            return d
        d = [r.randint(-192, 192) / 64 for _ in range(n)]
        if n and r.random() < 0.15:
            d[r.randrange(n)] = 0.0
        return d

    def view_spec(self, dtype, shape):
        """A base array and view ops whose result has `shape` (offset slice, transpose, negative strides, broadcast)."""
        r = self.r
        kinds = (
            ["contig"]
            if not self.views or r.random() < 0.45
            else r.sample(["offset", "transpose", "flip", "broadcast", "step"], r.choice([1, 1, 2]))
        )
        base, views = list(shape), []
        for k in kinds:
            nd = len(base)
            if k == "offset" and nd:
                ax = r.randrange(nd)
                lo, hi = r.randint(0, 2), r.randint(0, 2)
                views.insert(0, {"t": "slice", "specs": [[None, None, None]] * ax + [[lo, lo + base[ax], None]]})
                base[ax] += lo + hi
            elif k == "step" and nd:
                ax = r.randrange(nd)
                st = r.choice([2, -1, -2])
                n = base[ax]
                if st > 0:
                    spec, size = [1, 1 + st * n - (st - 1) if n else 1, st], st * n + 1
                else:
                    spec, size = [None, None, st], max(1, -st * n - (-st - 1)) if n else 0
                views.insert(0, {"t": "slice", "specs": [[None, None, None]] * ax + [spec]})
                base[ax] = size
            elif k == "transpose" and nd >= 2:
                perm = list(range(nd))
                r.shuffle(perm)
                inv = [perm.index(i) for i in range(nd)]
                views.insert(0, {"t": "transpose", "axes": perm})
                base = [base[i] for i in inv]
            elif k == "flip" and nd:
                views.insert(0, {"t": "flip", "axis": r.randrange(nd)})
            elif k == "broadcast" and nd and not views:
                b = [1 if r.random() < 0.5 else d for d in base]
                lead = r.randint(0, min(1, nd))
                views.append({"t": "broadcast", "shape": list(base)})
                base = b[lead:] if all(x == 1 for x in b[:lead]) else b
        n = math.prod(base)
        return {
            "dtype": dtype,
            "shape": list(shape),
            "base": {"shape": base, "data": [J.enc_num(v) if isinstance(v, float) else v for v in self.data(dtype, n)]},
            "view": views,
        }

    def new_input(self, dtype, shape):
        spec = self.view_spec(dtype, shape)
        val = J.make_input(spec, as_numpy=True)
        assert list(val.shape) == list(shape), (spec, val.shape)
        self.inputs.append(spec)
        self.in_vals.append(val)
        return {"i": len(self.inputs) - 1}

    def val(self, ref):
        return self.in_vals[ref["i"]] if "i" in ref else self.vals[ref["v"]]

    def is_exact(self, ref):
        if "i" in ref:
            return exact_vals(self.in_vals[ref["i"]])
        if "v" in ref:
            return self.exact[ref["v"]]
        v = J.scalar(ref.get("s", 0))
        return isinstance(v, (int, bool)) or (isinstance(v, float) and math.isfinite(v) and abs(v) < 2**12 and v * 1024 == round(v * 1024))

    def refs(self):
        return [{"i": i} for i in range(len(self.inputs))] + [{"v": j} for j in range(len(self.ops))]

    def pick(self, pred=lambda v: True):
        cands = [x for x in self.refs() if pred(self.val(x))]
        if not cands:
            return None
        # prefer recent values so programs are chains, not forests
        return cands[-1] if self.r.random() < 0.55 else self.r.choice(cands)

    def rand_shape(self, rank=None):
        r = self.r
        rank = r.choice([0, 1, 1, 2, 2, 2, 3, 3]) if rank is None else rank
        return [r.choice([1, 2, 3, 3, 4, 5]) if r.random() > 0.04 else 0 for _ in range(rank)]

    def dtype(self):
        if self.kind != "fwd":
            return self.r.choice(["float32"] * 3 + ["float64"])
        return self.r.choice(["float32"] * 5 + ["float64"] * 2 + ["int32"] * 2 + ["bool"])

    def compat_shape(self, shape):
        r = self.r
        s = list(shape)
        c = r.random()
        if c < 0.4:
            return s
        if c < 0.6 and s:
            return s[r.randint(1, len(s)) :]
        if c < 0.85:
            return [1 if r.random() < 0.4 else d for d in s]
        return [r.choice([1, 2])] + s

    # ---------- ops ----------
    def emit(self, name, args, p=None, force=False):
        op = {"op": name, "args": args}
        if p is not None:
            op["p"] = p
        # numpy stands in for JAX while generating (shapes, dtype kinds, exactness); JAX computes the reference.
        # NumPy rejects weak ints beyond int32 that JAX wraps: retry with a small stand-in to get the shape.
        vals = [self.val(a) if ("i" in a or "v" in a) else J.scalar(a["s"]) if "s" in a else a["b"] for a in args]
        stand_in = False
        with J.onp.errstate(all="ignore"):
            try:
                out = J.apply_op(op, vals, J.NP_OPS)
            except Exception:  # noqa: BLE001
                try:
                    if force or not any("s" in a for a in args):
                        raise
                    out = J.apply_op(op, [2 if "s" in a else v for a, v in zip(args, vals)], J.NP_OPS)
                    stand_in = True
                except Exception:  # noqa: BLE001
                    if force:
                        self.ops.append(op)
                        return "error"
                    return None
        if not isinstance(out, J.onp.ndarray) or out.size > 4096:
            return None
        self.ops.append(op)
        self.vals.append(out)
        ex = not stand_in and name in EXACT_OPS and all(self.is_exact(a) for a in args) and exact_vals(out)
        self.exact.append(ex)
        return {"v": len(self.ops) - 1}

    def scalar_ref(self):
        r = self.r
        if self.kind == "fwd" and r.random() < 0.3:
            v = r.choice(WEAK_EDGE)
        else:
            v = r.choice(WEAK)
        if isinstance(v, float):
            v = J.enc_num(v)
        return {"s": v}

    def step(self):
        r = self.r
        fwd = self.kind == "fwd"
        cat = r.choices(["un", "bin", "where", "red", "shape", "lin", "mm_sum", "astype"], [22, 30, 5, 14, 14, 8, 5, 2 if fwd else 0])[0]
        if cat == "un":
            name = r.choice(UNARY if fwd else GRAD_UNARY)
            a = self.pick(lambda v: name not in FLOAT_ONLY or v.dtype.kind == "f")
            if a is None or (name in DISC and not self.is_exact(a)):
                return None
            return self.emit(name, [a])
        if cat == "bin":
            name = r.choice(BINARY if fwd else GRAD_BINARY)
            a = self.pick()
            if a is None:
                return None
            c = r.random()
            if name == "power" and not fwd:
                b = {"s": r.choice([2, 3, 0.5])}
            elif c < 0.3:
                b = self.scalar_ref()
            elif c < 0.65:
                b = self.new_input(
                    self.dtype() if fwd and r.random() < 0.4 else str(self.val(a).dtype), self.compat_shape(self.val(a).shape)
                )
            else:
                b = self.pick()
            args = [a, b] if r.random() < 0.7 else [b, a]
            if name in DISC and not all(self.is_exact(x) for x in args):
                return None
            return self.emit(name, args)
        if cat == "where":
            a = self.pick(lambda v: v.ndim >= 1)
            if a is None:
                return None
            sh = list(self.val(a).shape)
            if fwd and r.random() < 0.5:
                c = self.new_input("bool", self.compat_shape(sh))
            else:
                src = self.pick(lambda v: v.dtype.kind in "fi") if r.random() < 0.5 else None
                if src is None or not self.is_exact(src):
                    src = self.new_input(r.choice(["float32", "int32"]) if fwd else "float32", self.compat_shape(sh))
                c = self.emit(r.choice(["less", "greater_equal"]), [src, {"s": 0}])
                if c is None:
                    return None
            b = self.scalar_ref() if r.random() < 0.4 else self.pick()
            return self.emit("where", [c, a, b] if r.random() < 0.6 else [c, b, a])
        if cat == "red":
            name = r.choice(REDUCE if fwd else GRAD_REDUCE)
            a = self.pick(lambda v: name not in FLOAT_ONLY or v.dtype.kind == "f")
            if a is None or (name in DISC and not self.is_exact(a)):
                return None
            nd = self.val(a).ndim
            if name in ("cumsum", "softmax", "log_softmax", "argmax"):
                ax = r.randrange(-nd, nd) if nd and (name != "argmax" or r.random() < 0.7) else None
                if ax is None and name in ("softmax", "log_softmax"):
                    return None
                p = {"axis": ax} if name != "argmax" else {"axis": ax, "keepdims": r.random() < 0.3}
            else:
                c = r.random()
                if c < 0.3 or nd == 0:
                    ax = None
                elif c < 0.75 or nd < 2:
                    ax = r.randrange(-nd, nd)
                else:
                    ax = r.sample(range(nd), 2)
                p = {"axis": ax, "keepdims": r.random() < 0.35}
            return self.emit(name, [a], p)
        if cat == "shape":
            return self.shape_op()
        if cat == "lin":
            return self.lin_op()
        if cat == "mm_sum":
            return self.mm_sum()
        a = self.pick()
        if a is None:
            return None
        to = r.choice(["float32", "float64", "int32", "bool"])
        if to in ("int32", "bool") and not self.is_exact(a):
            return None
        return self.emit("astype", [a], {"dtype": to})

    def shape_op(self):
        r = self.r
        a = self.pick()
        if a is None:
            return None
        sh = list(self.val(a).shape)
        nd = len(sh)
        k = r.choice(["reshape", "transpose", "slice", "broadcast_to", "concatenate", "stack", "expand_dims", "squeeze", "flip"])
        if k == "reshape":
            n = math.prod(sh)
            divs = [d for d in range(1, n + 1) if n % d == 0] or [1]
            d = r.choice(divs)
            tgt = r.choice([[-1], [d, -1], [1, n], [d, n // d if d else 0, 1]]) if n else [0, r.choice([1, 2])]
            return self.emit("reshape", [a], {"shape": tgt})
        if k == "transpose":
            if nd < 2:
                return None
            perm = list(range(nd))
            r.shuffle(perm)
            return self.emit("transpose", [a], {"axes": perm if r.random() < 0.8 else None})
        if k == "slice":
            if not nd:
                return None
            specs = []
            for d in sh[: r.randint(1, nd)]:
                st = r.choice([None, 1, 2, -1, -2])
                lo = r.choice([None, 0, 1, -1, -2, d + 1])
                hi = r.choice([None, d, -1, 1, 2])
                specs.append([lo, hi, st])
            return self.emit("slice", [a], {"specs": specs})
        if k == "broadcast_to":
            tgt = [r.choice([2, 3])] + [r.choice([2, 3]) if x == 1 else x for x in sh]
            return self.emit("broadcast_to", [a], {"shape": tgt})
        if k in ("concatenate", "stack"):
            if k == "concatenate" and not nd:
                return None
            ax = r.randrange(-nd, nd) if k == "concatenate" else r.randint(-nd - 1, nd)
            parts = [a]
            for _ in range(r.choice([1, 1, 2])):
                s2 = list(sh)
                if k == "concatenate":
                    s2[ax] = r.choice([1, 2, 3])
                if r.random() < 0.3:
                    b = self.pick(lambda v, s2=s2: list(v.shape) == s2)
                    parts.append(b if b is not None else self.new_input(str(self.val(a).dtype), s2))
                else:
                    dt = self.dtype() if self.kind == "fwd" and r.random() < 0.3 else str(self.val(a).dtype)
                    parts.append(self.new_input(dt, s2))
            r.shuffle(parts)
            return self.emit(k, parts, {"axis": ax})
        if k == "expand_dims":
            return self.emit("expand_dims", [a], {"axis": r.randint(-nd - 1, nd)})
        if k == "squeeze":
            ones = [i for i, d in enumerate(sh) if d == 1]
            if not ones:
                return None
            return self.emit("squeeze", [a], {"axis": r.choice(ones) - (nd if r.random() < 0.3 else 0)})
        if not nd:
            return None
        return self.emit("flip", [a], {"axis": r.randrange(nd) if r.random() < 0.7 else None})

    def lin_op(self):
        r = self.r
        a = self.pick(lambda v: 1 <= v.ndim <= 3 and v.dtype.kind in "fib" and 0 not in v.shape)
        if a is None:
            return None
        sh = list(self.val(a).shape)
        dt = str(self.val(a).dtype) if r.random() < 0.8 or self.kind != "fwd" else self.dtype()
        k = r.choice(["matmul", "matmul", "dot", "einsum"])
        m = r.choice([1, 2, 3, 4, 7])
        if k in ("matmul", "dot"):
            if len(sh) == 1:
                b = self.new_input(dt, [sh[0]] if r.random() < 0.4 else [sh[0], m])
            elif k == "matmul" and len(sh) == 3 and r.random() < 0.5:
                b = self.new_input(dt, [r.choice([1, sh[0]]), sh[-1], m])
            else:
                b = self.new_input(dt, [sh[-1], m] if r.random() < 0.8 else [sh[-1]])
            args = [a, b]
            if r.random() < 0.25 and len(sh) == 2:
                args = [self.new_input(dt, [m, sh[0]]), a]
            return self.emit(k, args)
        nd = len(sh)
        if nd == 1:
            subs, ops = r.choice([("i,i->", [sh]), ("i,j->ij", [[m]]), ("i->", [])])
        elif nd == 2:
            subs, ops = r.choice(
                [
                    ("ij,jk->ik", [[sh[1], m]]),
                    ("ij,kj->ik", [[m, sh[1]]]),
                    ("ij->ji", []),
                    ("ij->", []),
                    ("ij,ij->i", [sh]),
                    ("ij,j->i", [[sh[1]]]),
                ]
            )
        else:
            subs, ops = r.choice([("bij,bjk->bik", [[sh[0], sh[2], m]]), ("bij->bji", []), ("bij->j", [])])
        return self.emit("einsum", [a] + [self.new_input(dt, s) for s in ops], {"subs": subs})

    def mm_sum(self):
        """x @ w + h @ u (and variants): the shape of the jit crash found by the first fuzz."""
        r = self.r
        dt = r.choice(["float32", "float32", "float64"])
        x = self.pick(lambda v: v.ndim == 2 and v.dtype.kind == "f" and 0 not in v.shape)
        n, k = list(self.val(x).shape) if x is not None else [r.randint(1, 5), r.randint(1, 5)]
        if x is None:
            x = self.new_input(dt, [n, k])
        m = r.randint(1, 6)
        w = self.new_input(dt, [k, m])
        h = x if r.random() < 0.4 else self.new_input(dt, [n, r.randint(1, 5)])
        u = self.new_input(dt, [self.val(h).shape[1], m])
        f = r.choice(["matmul", "matmul", "dot"])
        p1 = self.emit(f, [x, w])
        p2 = self.emit(f, [h, u])
        if p1 is None or p2 is None:
            return None
        out = self.emit(r.choice(["add", "add", "subtract", "multiply"]), [p1, p2])
        if out is not None and r.random() < 0.5:
            out = self.emit("tanh" if self.kind != "fwd" or r.random() < 0.5 else "relu", [out]) or out
        return out

    def bad_op(self):
        """A deliberately invalid last op: both sides must raise (numjit a typed error)."""
        r = self.r
        a = self.pick(lambda v: v.ndim >= 1)
        if a is None:
            return None
        sh = list(self.val(a).shape)
        k = r.choice(["bcast", "matmul", "reshape", "axis", "concat"])
        if k == "bcast":
            return self.emit("add", [a, self.new_input("float32", [d + 1 for d in sh])], force=True)
        if k == "matmul":
            return self.emit("matmul", [a, self.new_input("float32", [sh[-1] + 1, 2])], force=True)
        if k == "reshape":
            return self.emit("reshape", [a], {"shape": [math.prod(sh) + 1]}, force=True)
        if k == "axis":
            return self.emit(r.choice(["sum", "max"]), [a], {"axis": len(sh) + 1, "keepdims": False}, force=True)
        return self.emit("concatenate", [a, self.new_input("float32", [d + 1 for d in sh] + [1])], {"axis": 0}, force=True)


def gen_program(rng, kind, pid):
    while True:
        g = Gen(rng, kind)
        for _ in range(rng.choice([1, 2])):
            g.new_input(g.dtype(), g.rand_shape())
        target = rng.randint(1, 9)
        tries = 0
        while len(g.ops) < target and tries < 60:
            tries += 1
            try:
                g.step()
            except (OverflowError, ValueError, ZeroDivisionError, IndexError):
                pass
        if not g.ops:
            continue
        bad = kind == "fwd" and rng.random() < 0.03 and g.bad_op() == "error"
        out = {"v": len(g.ops) - 1}
        if kind == "grad" and not bad:
            v = g.vals[-1]
            if v.dtype.kind != "f":
                continue
            if v.ndim:
                out = g.emit("sum", [out], {"axis": None, "keepdims": False}) or out
        prog = {"id": pid, "kind": kind, "inputs": g.inputs, "ops": g.ops, "out": out}
        if kind in ("grad", "vmap"):
            B = rng.choice([1, 2, 3])
            g.views = False
            prog["vinputs"] = [g.view_spec(s["dtype"], [B] + s["shape"]) for s in g.inputs]
            if kind == "grad":
                prog["tangents"] = [g.view_spec(s["dtype"], s["shape"]) for s in g.inputs]
        prog["modes"] = {"fwd": ["value"], "vmap": ["vmap"], "grad": ["value", "grad", "jvp", "vmap_grad"]}[kind]
        return prog


def with_expected(prog):
    prog["expected"] = J.expected(prog)
    return prog


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--n", type=int, default=2000, help="random forward programs (eager + jit)")
    ap.add_argument("--grad", type=int, default=400, help="gradient programs (grad/jvp/vmap(grad) in every order)")
    ap.add_argument("--vmap", type=int, default=200, help="vmap programs")
    ap.add_argument("--jobs", type=int, default=2, help="processes computing the JAX references")
    ap.add_argument("--serve", action="store_true", help="expected results for programs on stdin, one per line")
    a = ap.parse_args()
    warnings.filterwarnings("ignore")
    if a.serve:
        for line in sys.stdin:
            prog = json.loads(line)
            sys.stdout.write(json.dumps(J.expected(prog)) + "\n")
            sys.stdout.flush()
        return
    rng = random.Random(a.seed)
    # kinds interleaved, so that a partial file (the output streams, one program per line) is a fair sample
    kinds = ["fwd"] * a.n + ["grad"] * a.grad + ["vmap"] * a.vmap
    rng.shuffle(kinds)
    seen = {"fwd": 0, "grad": 0, "vmap": 0}
    progs = []
    for kind in kinds:
        progs.append(gen_program(rng, kind, f"{kind}-{a.seed}-{seen[kind]}"))
        seen[kind] += 1
    print(f"generated {len(progs)} programs; computing JAX references", file=sys.stderr)
    print(json.dumps({"seed": a.seed, "jax": J.jax.__version__}), flush=True)
    if a.jobs > 1:
        import multiprocessing as mp

        with mp.get_context("spawn").Pool(a.jobs) as pool:
            for i, p in enumerate(pool.imap(with_expected, progs, chunksize=4)):
                print(json.dumps(p), flush=True)
                if (i + 1) % 250 == 0:
                    print(f"  {i + 1}/{len(progs)}", file=sys.stderr, flush=True)
    else:
        for p in progs:
            print(json.dumps(with_expected(p)), flush=True)


if __name__ == "__main__":
    main()
