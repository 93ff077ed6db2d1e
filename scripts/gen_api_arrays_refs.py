"""Reference cases of area "api-arrays": jax.numpy's array manipulation, selection and functional updates, set
operations and index helpers (atleast_*, block, delete, insert, compress, choose, put*, fill_diagonal,
intersect1d..., unique_*, ix_, ravel/unravel_index, tril/triu indices, frombuffer, fromiter).

Called by gen_numpy_refs.py (`generate(module)`, with that module's case registry); its own seeded stream.
References come from jax.numpy 0.10.2 with x64 enabled (float64 inputs stay float64), cast to numjit's dtypes
(int64 -> int32): where jax.numpy differs from NumPy (put's dropped out-of-range indices, size=/fill_value=,
trim_zeros on one axis) these are JAX's results. Cases whose result length depends on the data are eager-only:
their jit modes expect a ConcretizationError.
"""

import numpy as np

rng = np.random.default_rng(3141)
F32, F64, I32, B = "float32", "float64", "int32", "bool"
NPD = {F32: np.float32, F64: np.float64, I32: np.int32, B: np.bool_}
A = "api-arrays"


def rnd(shape, dt, lo=-3.0, hi=3.0):
    if dt == B:
        return rng.random(shape) < 0.5
    if dt == I32:
        return rng.integers(-4, 5, size=shape).astype(np.int32)
    return rng.uniform(lo, hi, size=shape).astype(NPD[dt])


def arr(data, dt):
    return np.array(data, dtype=NPD[dt])


def out(r):
    """A JAX result in numjit's dtypes: lists stay lists, 64-bit integers become int32."""
    if isinstance(r, (list, tuple)):
        return [out(e) for e in r]
    a = np.asarray(r)
    if a.dtype.kind in "iu":
        return a.astype(np.int32)
    return a


def generate(g):
    import jax
    import jax.numpy as jnp

    jax.config.update("jax_enable_x64", True)

    def c(name, fn, inputs, ref, **kw):
        g.case(A, name, fn, inputs, lambda *xs: out(ref(*[jnp.asarray(x) for x in xs])), **kw)

    def eager(name, fn, inputs, ref, **kw):
        c(name, fn, inputs, ref, eager_only=True, **kw)

    # atleast_*, block, row_stack, rollaxis, resize
    s0, v3, m23 = arr(2.5, F32), rnd((3,), I32), rnd((2, 3), F64)
    c("atleast1d 0-d", "(x) => np.atleast1d(x)", [s0], jnp.atleast_1d)
    c("atleast2d 1-d", "(x) => np.atleast2d(x)", [v3], jnp.atleast_2d)
    c("atleast3d 1-d", "(x) => np.atleast3d(x)", [v3], jnp.atleast_3d)
    c("atleast3d 2-d float64", "(x) => np.atleast3d(x)", [m23], jnp.atleast_3d)
    c("atleast2d several", "(a, b, c) => np.atleast2d(a, b, c)", [s0, v3, m23], lambda *xs: list(jnp.atleast_2d(*xs)))
    c("atleast1d bool", "(x) => np.atleast1d(x)", [arr(True, B)], jnp.atleast_1d)
    a22, b21, c12, d11 = rnd((2, 2), F32), rnd((2, 1), F32), rnd((1, 2), F32), rnd((1, 1), F32)
    c("block 2x2", "(a, b, c, d) => np.block([[a, b], [c, d]])", [a22, b21, c12, d11], lambda a, b, c_, d: jnp.block([[a, b], [c_, d]]))
    c("block 1-d and scalars", "(a, b) => np.block([a, b, 7])", [rnd((3,), I32), rnd((2,), I32)], lambda a, b: jnp.block([a, b, 7]))
    c("block promotes", "(a, b) => np.block([[a], [b]])", [rnd((1, 3), I32), rnd((2, 3), F64)], lambda a, b: jnp.block([[a], [b]]))
    c(
        "block depth 3",
        "(a, b) => np.block([[[a, b]], [[b, a]]])",
        [rnd((2,), F32), rnd((2,), F32)],
        lambda a, b: jnp.block([[[a, b]], [[b, a]]]),
    )
    c("block leaf", "(a) => np.block(a)", [m23], jnp.block)
    c("rowStack", "(a, b) => np.rowStack([a, b])", [rnd((3,), F32), rnd((2, 3), F32)], lambda a, b: jnp.vstack([a, b]))
    x234 = rnd((2, 3, 4), F32)
    c("rollaxis last", "(x) => np.rollaxis(x, -1)", [x234], lambda x: jnp.rollaxis(x, -1))
    c("rollaxis 2 to 1", "(x) => np.rollaxis(x, 2, 1)", [x234], lambda x: jnp.rollaxis(x, 2, 1))
    c("rollaxis 0 to end", "(x) => np.rollaxis(x, 0, 3)", [x234], lambda x: jnp.rollaxis(x, 0, 3))
    c("rollaxis start -2", "(x) => np.rollaxis(x, 0, -2)", [x234], lambda x: jnp.rollaxis(x, 0, -2))
    c("resize grow", "(x) => np.resize(x, [3, 5])", [m23], lambda x: jnp.resize(x, (3, 5)))
    c("resize shrink int", "(x) => np.resize(x, 4)", [rnd((3, 3), I32)], lambda x: jnp.resize(x, 4))
    c("resize empty input", "(x) => np.resize(x, [2, 2])", [np.zeros((0,), np.float32)], lambda x: jnp.resize(x, (2, 2)))
    c("resize to empty", "(x) => np.resize(x, [0, 3])", [rnd((4,), B)], lambda x: jnp.resize(x, (0, 3)))

    # trim_zeros (eager only)
    eager("trimZeros fb", "(x) => np.trimZeros(x)", [arr([0, 0, 1.5, 0, 2, 0], F32)], jnp.trim_zeros)
    eager("trimZeros f NaN", "(x) => np.trimZeros(x, 'f')", [arr([0, np.nan, 0, 3, 0], F64)], lambda x: jnp.trim_zeros(x, "f"))
    eager("trimZeros b int", "(x) => np.trimZeros(x, 'b')", [arr([0, 4, 0, 0], I32)], lambda x: jnp.trim_zeros(x, "b"))
    eager("trimZeros all zero", "(x) => np.trimZeros(x)", [np.zeros(4, np.float32)], jnp.trim_zeros)
    eager("trimZeros empty", "(x) => np.trimZeros(x)", [np.zeros(0, np.float32)], jnp.trim_zeros)
    t2 = arr([[0, 0, 0, 0], [0, 1, 0, 0], [0, 0, 2, 0]], F32)
    eager("trimZeros 2-d", "(x) => np.trimZeros(x)", [t2], jnp.trim_zeros)
    eager("trimZeros 2-d axis -1", "(x) => np.trimZeros(x, 'fb', -1)", [t2], lambda x: jnp.trim_zeros(x, "fb", axis=-1))

    # delete
    x34 = rnd((3, 4), F32)
    c("delete int axis 0", "(x) => np.delete(x, 1, 0)", [x34], lambda x: jnp.delete(x, 1, 0))
    c("delete negative int axis -1", "(x) => np.delete(x, -1, -1)", [x34], lambda x: jnp.delete(x, -1, -1))
    c("delete flattened", "(x) => np.delete(x, 5)", [x34], lambda x: jnp.delete(x, 5))
    c("delete list", "(x) => np.delete(x, [0, 2, 2], 1)", [rnd((3, 4), I32)], lambda x: jnp.delete(x, jnp.array([0, 2, 2]), 1))
    c("delete slice", "(x) => np.delete(x, '1::2', 0)", [rnd((5, 2), F64)], lambda x: jnp.delete(x, slice(1, None, 2), 0))
    c("delete reversed slice", "(x) => np.delete(x, '::-3')", [rnd((7,), B)], lambda x: jnp.delete(x, slice(None, None, -3)))
    c("delete all", "(x) => np.delete(x, ':')", [rnd((3,), F32)], lambda x: jnp.delete(x, slice(None)))
    eager("delete index array", "(x, i) => np.delete(x, i, 1)", [x34, arr([3, -4], I32)], lambda x, i: jnp.delete(x, i, 1))
    eager("delete bool mask", "(x, m) => np.delete(x, m, 0)", [x34, arr([True, False, True], B)], lambda x, m: jnp.delete(x, m, 0))
    c(
        "delete unique indices (traced)",
        "(x, i) => np.delete(x, i, 0, { assumeUniqueIndices: true })",
        [rnd((6, 2), F32), arr([4, -6, 2], I32)],
        lambda x, i: jnp.delete(x, i, 0, assume_unique_indices=True),
    )

    # insert
    v5 = rnd((5,), F32)
    c("insert scalar", "(x) => np.insert(x, 2, 9.5)", [v5], lambda x: jnp.insert(x, 2, 9.5))
    c(
        "insert end and negative",
        "(x) => np.insert(x, [5, -1, 0], [1, 2, 3])",
        [v5],
        lambda x: jnp.insert(x, jnp.array([5, -1, 0]), jnp.array([1.0, 2, 3])),
    )
    c(
        "insert repeated index keeps order",
        "(x) => np.insert(x, [2, 2], [7, 8])",
        [rnd((4,), I32)],
        lambda x: jnp.insert(x, jnp.array([2, 2]), jnp.array([7, 8])),
    )
    c("insert row axis 0", "(x, v) => np.insert(x, 1, v, 0)", [x34, rnd((4,), F32)], lambda x, v: jnp.insert(x, 1, v, 0))
    c("insert column axis -1", "(x) => np.insert(x, 2, 0, -1)", [x34], lambda x: jnp.insert(x, 2, 0, -1))
    c("insert scalar index 2-d values", "(x, v) => np.insert(x, 1, v, 1)", [x34, rnd((2, 3), F32)], lambda x, v: jnp.insert(x, 1, v, 1))
    c(
        "insert list index 2-d values",
        "(x, v) => np.insert(x, [1], v, 1)",
        [x34, rnd((3, 1), F32)],
        lambda x, v: jnp.insert(x, jnp.array([1]), v, 1),
    )
    c("insert flattened", "(x) => np.insert(x, 3, [1, 2])", [rnd((2, 2), F64)], lambda x: jnp.insert(x, 3, jnp.array([1.0, 2.0])))
    c("insert slice", "(x) => np.insert(x, '::2', -1)", [rnd((5,), I32)], lambda x: jnp.insert(x, slice(None, None, 2), -1))
    c(
        "insert traced indices",
        "(x, i, v) => np.insert(x, i, v)",
        [v5, arr([4, 0, 2], I32), rnd((3,), F32)],
        lambda x, i, v: jnp.insert(x, i, v),
    )
    c("insert bool", "(x) => np.insert(x, 1, true)", [rnd((3,), B)], lambda x: jnp.insert(x, 1, True))
    c("insert into empty", "(x) => np.insert(x, 0, [1, 2])", [np.zeros(0, np.float32)], lambda x: jnp.insert(x, 0, jnp.array([1.0, 2.0])))

    # compress, extract
    cond3 = arr([True, False, True], B)
    eager("compress axis 0", "(c, x) => np.compress(c, x, 0)", [cond3, x34], lambda c_, x: jnp.compress(c_, x, axis=0))
    eager("compress short axis -1", "(c, x) => np.compress(c, x, -1)", [cond3, x34], lambda c_, x: jnp.compress(c_, x, axis=-1))
    eager("compress flattened int cond", "(c, x) => np.compress(c, x)", [arr([0, 2, 0, 1, 1], I32), x34], lambda c_, x: jnp.compress(c_, x))
    eager("compress none true", "(c, x) => np.compress(c, x, 1)", [arr([False] * 4, B), x34], lambda c_, x: jnp.compress(c_, x, axis=1))
    c(
        "compress size fill",
        "(c, x) => np.compress(c, x, 1, { size: 3, fillValue: -1 })",
        [arr([True, False, False, True], B), x34],
        lambda c_, x: jnp.compress(c_, x, axis=1, size=3, fill_value=-1),
    )
    c(
        "compress size default fill",
        "(c, x) => np.compress(c, x, null, { size: 3 })",
        [cond3, rnd((5,), I32)],
        lambda c_, x: jnp.compress(c_, x, size=3),
    )
    eager("extract", "(c, x) => np.extract(c, x)", [x34 > 0, x34], jnp.extract)
    eager("extract NaN cond", "(c, x) => np.extract(c, x)", [arr([0, np.nan, 1, 0], F32), arr([1, 2, 3, 4], I32)], jnp.extract)
    c(
        "extract size",
        "(c, x) => np.extract(c, x, { size: 6, fillValue: 0.5 })",
        [x34 > 0, x34],
        lambda c_, x: jnp.extract(c_, x, size=6, fill_value=0.5),
    )

    # choose
    ch = [rnd((2, 3), F32), rnd((3,), F32), rnd((2, 1), F32)]
    eager(
        "choose raise", "(i, a, b, c) => np.choose(i, [a, b, c])", [arr([[0, 1, 2], [2, 1, 0]], I32), *ch], lambda i, *cs: jnp.choose(i, cs)
    )
    c(
        "choose clip",
        "(i, a, b, c) => np.choose(i, [a, b, c], { mode: 'clip' })",
        [arr([[-1, 5, 2], [2, 1, 0]], I32), *ch],
        lambda i, *cs: jnp.choose(i, cs, mode="clip"),
    )
    c(
        "choose wrap",
        "(i, a, b, c) => np.choose(i, [a, b, c], { mode: 'wrap' })",
        [arr([[-1, 5, 4], [2, 1, 0]], I32), *ch],
        lambda i, *cs: jnp.choose(i, cs, mode="wrap"),
    )
    c(
        "choose stacked int",
        "(i, c) => np.choose(i, c, { mode: 'clip' })",
        [arr([1, 0, 1], I32), rnd((2, 3), I32)],
        lambda i, cs: jnp.choose(i, cs, mode="clip"),
    )
    c(
        "choose promotes",
        "(i, a, b) => np.choose(i, [a, b], { mode: 'wrap' })",
        [arr([1, 0], I32), rnd((2,), I32), rnd((2,), F64)],
        lambda i, a, b: jnp.choose(i, [a, b], mode="wrap"),
    )

    # place, put, put_along_axis, fill_diagonal
    c("place", "(x, m, v) => np.place(x, m, v)", [x34, x34 > 0, arr([10, 20, 30], F32)], lambda x, m, v: jnp.place(x, m, v, inplace=False))
    c(
        "place inplace false int",
        "(x, m) => np.place(x, m, 7, { inplace: false })",
        [rnd((5,), I32), rnd((5,), B)],
        lambda x, m: jnp.place(x, m, 7, inplace=False),
    )
    c(
        "place more values",
        "(x, m, v) => np.place(x, m, v)",
        [rnd((4,), F64), arr([0, 1, 1, 0], B), rnd((6,), F64)],
        lambda x, m, v: jnp.place(x, m, v, inplace=False),
    )
    c(
        "put",
        "(x, i, v) => np.put(x, i, v)",
        [x34, arr([0, 5, -1, 40], I32), arr([1, 2, 3, 4], F32)],
        lambda x, i, v: jnp.put(x, i, v, inplace=False),
    )
    c(
        "put repeats values",
        "(x, i) => np.put(x, i, [7, 8])",
        [rnd((6,), I32), arr([1, 2, 4], I32)],
        lambda x, i: jnp.put(x, i, jnp.array([7, 8]), inplace=False),
    )
    c(
        "put clip",
        "(x, i, v) => np.put(x, i, v, { mode: 'clip' })",
        [rnd((5,), F32), arr([-3, 9], I32), rnd((2,), F32)],
        lambda x, i, v: jnp.put(x, i, v, mode="clip", inplace=False),
    )
    c(
        "put wrap",
        "(x, i, v) => np.put(x, i, v, { mode: 'wrap' })",
        [rnd((5,), F64), arr([-3, 9], I32), rnd((2,), F64)],
        lambda x, i, v: jnp.put(x, i, v, mode="wrap", inplace=False),
    )
    c("put bool", "(x, i) => np.put(x, i, true)", [arr([False] * 4, B), arr([1, 3], I32)], lambda x, i: jnp.put(x, i, True, inplace=False))
    perm = np.argsort(rng.random((3, 4)), axis=1).astype(np.int32)
    pa = "put_along_axis"
    c(
        pa + " axis 1",
        "(x, i, v) => np.putAlongAxis(x, i, v, 1)",
        [x34, perm[:, :2], rnd((3, 2), F32)],
        lambda x, i, v: jnp.put_along_axis(x, i, v, 1, inplace=False),
    )
    c(
        pa + " axis -2 broadcast",
        "(x, i) => np.putAlongAxis(x, i, 5, -2)",
        [x34, arr([[2, 0, 1, 2]], I32)],
        lambda x, i: jnp.put_along_axis(x, i, 5, -2, inplace=False),
    )
    c(
        pa + " index broadcasts",
        "(x, i, v) => np.putAlongAxis(x, i, v, 1)",
        [x34, arr([[3], [0], [-1]], I32), rnd((3, 1), F32)],
        lambda x, i, v: jnp.put_along_axis(x, i, v, 1, inplace=False),
    )
    c(
        pa + " axis null",
        "(x, i, v) => np.putAlongAxis(x, i, v, null)",
        [rnd((2, 3), I32), arr([5, 0], I32), arr([9, 8], I32)],
        lambda x, i, v: jnp.put_along_axis(x, i, v, None, inplace=False),
    )
    c(
        pa + " drops out of range",
        "(x, i) => np.putAlongAxis(x, i, 1, 0)",
        [rnd((3,), F64), arr([7, 1], I32)],
        lambda x, i: jnp.put_along_axis(x, i, 1.0, 0, inplace=False),
    )
    fd = "fill_diagonal"
    c(fd + " wide", "(x) => np.fillDiagonal(x, 9)", [x34], lambda x: jnp.fill_diagonal(x, 9, inplace=False))
    c(
        fd + " tall values repeat",
        "(x, v) => np.fillDiagonal(x, v)",
        [rnd((5, 3), F64), arr([1, 2], F64)],
        lambda x, v: jnp.fill_diagonal(x, v, inplace=False),
    )
    c(
        fd + " cube",
        "(x, v) => np.fillDiagonal(x, v)",
        [rnd((3, 3, 3), I32), arr([7, 8, 9, 10], I32)],
        lambda x, v: jnp.fill_diagonal(x, v, inplace=False),
    )
    c(fd + " bool NaN", "(x) => np.fillDiagonal(x, NaN)", [rnd((2, 2), F32)], lambda x: jnp.fill_diagonal(x, jnp.nan, inplace=False))
    c(
        fd + " bool",
        "(x) => np.fillDiagonal(x, true, false, { inplace: false })",
        [arr([[False] * 3] * 3, B)],
        lambda x: jnp.fill_diagonal(x, True, inplace=False),
    )

    # copy, ascontiguousarray, asarray_chkfinite
    c("copy", "(x) => np.copy(x)", [x34], jnp.copy)
    c(
        "ascontiguousarray dtype",
        "(x) => np.ascontiguousarray(x, { dtype: 'float64' })",
        [rnd((2, 3), I32)],
        lambda x: x.astype(jnp.float64),
    )
    eager("asarrayChkfinite", "(x) => np.asarrayChkfinite(x)", [x34], lambda x: x)
    c("asarrayChkfinite int", "(x) => np.asarrayChkfinite(x)", [rnd((3,), I32)], lambda x: x)

    # set operations
    p = arr([3, 1, 2, 3, np.nan, 5, 1, np.nan], F32)
    q = arr([1, 5, 5, np.nan, 7], F32)
    ip, iq = arr([4, -1, 2, 2, 8, 0], I32), arr([[2, 9], [4, 0]], I32)
    for name, f, jf in [
        ("intersect1d", "np.intersect1d", jnp.intersect1d),
        ("setdiff1d", "np.setdiff1d", jnp.setdiff1d),
        ("setxor1d", "np.setxor1d", jnp.setxor1d),
        ("union1d", "np.union1d", jnp.union1d),
    ]:
        eager(f"{name} NaN", f"(a, b) => {f}(a, b)", [p, q], jf)
        eager(f"{name} int 2-d", f"(a, b) => {f}(a, b)", [ip, iq], jf)
        # an empty ar1 gives setdiff1d an empty result whatever the data, so it traces under jit
        (c if name == "setdiff1d" else eager)(f"{name} empty", f"(a, b) => {f}(a, b)", [np.zeros(0, np.float32), q], jf)
        eager(f"{name} empty second", f"(a, b) => {f}(a, b)", [ip, np.zeros(0, np.int32)], jf)
        c(f"{name} size", f"(a, b) => {f}(a, b, {{ size: 6 }})", [ip, iq], lambda a, b, jf=jf: jf(a, b, size=6))
        c(
            f"{name} size fill",
            f"(a, b) => {f}(a, b, {{ size: 7, fillValue: -9 }})",
            [ip, iq],
            lambda a, b, jf=jf: jf(a, b, size=7, fill_value=-9),
        )
        c(
            f"{name} size truncates float64",
            f"(a, b) => {f}(a, b, {{ size: 1 }})",
            [ip.astype(np.float64), iq.astype(np.float64)],
            lambda a, b, jf=jf: jf(a, b, size=1),
        )
    eager("intersect1d promotes", "(a, b) => np.intersect1d(a, b)", [ip, arr([2.0, 4.5, 8], F32)], jnp.intersect1d)
    eager(
        "intersect1d returnIndices",
        "(a, b) => np.intersect1d(a, b, { returnIndices: true })",
        [ip, iq],
        lambda a, b: list(jnp.intersect1d(a, b, return_indices=True)),
    )
    c(
        "intersect1d returnIndices size",
        "(a, b) => np.intersect1d(a, b, { returnIndices: true, size: 5 })",
        [ip, iq],
        lambda a, b: list(jnp.intersect1d(a, b, return_indices=True, size=5)),
    )
    u1, u2 = arr([5, 1, 9, 3], I32), arr([3, 7, 5], I32)
    eager(
        "setdiff1d assumeUnique keeps order",
        "(a, b) => np.setdiff1d(a, b, { assumeUnique: true })",
        [u1, u2],
        lambda a, b: jnp.setdiff1d(a, b, assume_unique=True),
    )
    eager(
        "setxor1d assumeUnique",
        "(a, b) => np.setxor1d(a, b, { assumeUnique: true })",
        [u1, u2],
        lambda a, b: jnp.setxor1d(a, b, assume_unique=True),
    )
    eager(
        "intersect1d assumeUnique",
        "(a, b) => np.intersect1d(a, b, { assumeUnique: true })",
        [u1, u2],
        lambda a, b: jnp.intersect1d(a, b, assume_unique=True),
    )
    eager("union1d bool", "(a, b) => np.union1d(a, b)", [arr([True, True], B), arr([False], B)], jnp.union1d)
    un = arr([[2, np.nan, 1], [2, 0, np.nan]], F64)
    for name, jf in [
        ("uniqueValues", jnp.unique_values),
        ("uniqueCounts", jnp.unique_counts),
        ("uniqueInverse", jnp.unique_inverse),
        ("uniqueAll", jnp.unique_all),
    ]:
        eager(f"{name} NaN 2-d", f"(x) => np.{name}(x)", [un], lambda x, jf=jf: _tuple(jf(x)))
        eager(f"{name} int", f"(x) => np.{name}(x)", [ip], lambda x, jf=jf: _tuple(jf(x)))
        c(
            f"{name} size fill",
            f"(x) => np.{name}(x, {{ size: 7, fillValue: -1 }})",
            [ip],
            lambda x, jf=jf: _tuple(jf(x, size=7, fill_value=-1)),
        )
        c(f"{name} size", f"(x) => np.{name}(x, {{ size: 3 }})", [rnd((6,), F32)], lambda x, jf=jf: _tuple(jf(x, size=3)))
    c("uniqueCounts empty", "(x) => np.uniqueCounts(x)", [np.zeros(0, np.float32)], lambda x: _tuple(jnp.unique_counts(x)))

    # index helpers
    c("ix_", "(a, b, c) => np.ix_(a, b, c)", [arr([0, 2], I32), arr([1], I32), arr([3, 1, 0], I32)], lambda *xs: list(jnp.ix_(*xs)))
    c("ix_ empty", "(a, b) => np.ix_(a, b)", [np.zeros(0, np.int32), arr([1.5, 2], F32)], lambda *xs: list(jnp.ix_(*xs)))
    mi = [arr([[0, 1, 2], [1, 2, 0]], I32), arr([3, 0, 1], I32)]
    eager("ravelMultiIndex raise", "(i, j) => np.ravelMultiIndex([i, j], [3, 4])", mi, lambda i, j: jnp.ravel_multi_index((i, j), (3, 4)))
    c(
        "ravelMultiIndex F order wrap",
        "(i, j) => np.ravelMultiIndex([i, j], [3, 4], { mode: 'wrap', order: 'F' })",
        [arr([-1, 4], I32), arr([5, 2], I32)],
        lambda i, j: jnp.ravel_multi_index((i, j), (3, 4), mode="wrap", order="F"),
    )
    c(
        "ravelMultiIndex clip",
        "(i, j) => np.ravelMultiIndex([i, j], [3, 4], { mode: 'clip' })",
        [arr([-1, 4], I32), arr([5, 2], I32)],
        lambda i, j: jnp.ravel_multi_index((i, j), (3, 4), mode="clip"),
    )
    c("unravelIndex", "(i) => np.unravelIndex(i, [3, 4])", [arr([[0, 5], [11, 7]], I32)], lambda i: list(jnp.unravel_index(i, (3, 4))))
    c(
        "unravelIndex out of range clips",
        "(i) => np.unravelIndex(i, [2, 3, 2])",
        [arr([-1, -13, 12, 30, -12], I32)],
        lambda i: list(jnp.unravel_index(i, (2, 3, 2))),
    )
    c("unravelIndex scalar shape", "(i) => np.unravelIndex(i, 5)", [arr(3, I32)], lambda i: list(jnp.unravel_index(i, 5)))
    for k in (0, 1, -1):
        c(f"trilIndices k {k}", f"() => np.trilIndices(4, {k})", [], lambda k=k: list(jnp.tril_indices(4, k)))
        c(f"triuIndices k {k} m 5", f"() => np.triuIndices(3, {k}, 5)", [], lambda k=k: list(jnp.triu_indices(3, k, 5)))
    c("trilIndicesFrom", "(x) => np.trilIndicesFrom(x, -1)", [x34], lambda x: list(jnp.tril_indices_from(x, -1)))
    c("triuIndicesFrom", "(x) => np.triuIndicesFrom(x, 2)", [rnd((5, 3), B)], lambda x: list(jnp.triu_indices_from(x, 2)))
    eager("maskIndices triu", "() => np.maskIndices(3, np.triu, 1)", [], lambda: list(jnp.mask_indices(3, jnp.triu, 1)))
    c(
        "maskIndices tril size",
        "() => np.maskIndices(3, np.tril, -1, { size: 4 })",
        [],
        lambda: list(jnp.mask_indices(3, jnp.tril, -1, size=4)),
    )

    # frombuffer, fromiter
    fb = np.array([1.5, -2, 3.25, 7], np.float64)
    c(
        "frombuffer float64",
        "() => np.frombuffer(new Float64Array([1.5, -2, 3.25, 7]).buffer, 'float64')",
        [],
        lambda: jnp.frombuffer(fb.tobytes(), np.float64),
    )
    c(
        "frombuffer int32 count offset",
        "() => np.frombuffer(new Int32Array([5, -6, 7, 8]).buffer, { dtype: 'int32', count: 2, offset: 4 })",
        [],
        lambda: jnp.frombuffer(np.array([5, -6, 7, 8], np.int32).tobytes(), np.int32, 2, 4),
    )
    c(
        "frombuffer default float32",
        "() => np.frombuffer(new Float32Array([0.5, 2]))",
        [],
        lambda: jnp.frombuffer(np.array([0.5, 2], np.float32).tobytes(), np.float32),
    )
    c(
        "frombuffer bool",
        "() => np.frombuffer(new Uint8Array([0, 1, 2, 0]), 'bool')",
        [],
        lambda: jnp.frombuffer(bytes([0, 1, 1, 0]), np.bool_),
    )
    c(
        "fromiter",
        "() => np.fromiter([1, 2, 3, 4].values(), 'int32', 3)",
        [],
        lambda: jnp.asarray(np.fromiter(iter([1, 2, 3, 4]), np.int32, 3)),
    )
    c(
        "fromiter generator float64",
        "() => np.fromiter((function* () { yield 0.1; yield 2; })(), 'float64')",
        [],
        lambda: jnp.asarray(np.fromiter(iter([0.1, 2]), np.float64)),
    )

    # errors the area checks in every mode (the bad-input table has the rest)
    g.err(A, "delete index out of range", "(x) => np.delete(x, 3)", [rnd((3,), F32)], "ShapeError", "NJ109", contains=["delete"])
    g.err(A, "insert 2-d indices", "(x) => np.insert(x, [[1]], 0)", [rnd((3,), F32)], "ShapeError", "NJ106", contains=["insert"])
    g.err(
        A,
        "compress 2-d condition",
        "(c, x) => np.compress(c, x)",
        [arr([[True]], B), rnd((3,), F32)],
        "ShapeError",
        "NJ106",
        contains=["compress"],
    )
    g.err(A, "fillDiagonal 1-d", "(x) => np.fillDiagonal(x, 1)", [rnd((3,), F32)], "ShapeError", "NJ106", contains=["fill_diagonal"])
    g.err(
        A,
        "putAlongAxis rank mismatch",
        "(x, i) => np.putAlongAxis(x, i, 1, 0)",
        [rnd((2, 2), F32), arr([0], I32)],
        "ShapeError",
        "NJ106",
        contains=["put_along_axis"],
    )
    g.err(
        A,
        "place size mismatch",
        "(x, m) => np.place(x, m, 1)",
        [rnd((3,), F32), arr([True, False], B)],
        "ShapeError",
        "NJ101",
        contains=["place"],
    )
    g.err(A, "ix_ 2-d", "(x) => np.ix_(x)", [rnd((2, 2), I32)], "ShapeError", "NJ106", contains=["ix_"])


def _tuple(r):
    return list(r) if isinstance(r, tuple) else r
