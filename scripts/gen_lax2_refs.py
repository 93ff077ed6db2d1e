"""JAX references for lax's indexing, generic reductions and scans, and special functions.

Writes test/numpy/refs/lax-indexing.json and test/numpy/refs/lax-special.json in the table-runner format of
test/numpy/runner.ts (eager, eager views, jit, jit views; test/compiler/numerics.test.ts also runs every case
precompiled), and test/lax/refs/lax-collectives.json (collectives under jax.vmap with an axis name, for
test/lax/lax-collectives.test.ts). Each case is JS source over np / lax, its inputs,
and the result of the same call in JAX 0.10.2 (x64 disabled: float32 / int32), or the typed error numjit
raises for a bad input. Deterministic (fixed data, seeded generator).
Run: python3 scripts/gen_lax2_refs.py
"""
import json
import math
import os

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

rng = np.random.default_rng(20)
AREAS = {"lax-indexing": [], "lax-special": []}


def enc(v):
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return int(v) if v.is_integer() and abs(v) < 2**53 else v


def spec(a):
    a = np.asarray(a)
    dt = {"float32": "float32", "int32": "int32", "bool": "bool", "uint32": "uint32"}[str(a.dtype)]
    return {"dtype": dt, "shape": list(a.shape), "data": [enc(v) for v in a.reshape(-1).tolist()]}


def case(area, name, js, inputs, ref, tol=None):
    out = ref(*[jnp.asarray(i) for i in inputs])
    expected = [spec(o) for o in out] if isinstance(out, (tuple, list)) else spec(out)
    c = {"name": name, "fn": js, "inputs": [spec(i) for i in inputs], "expected": expected}
    if tol:
        c["tol"] = tol
    AREAS[area].append(c)


def err(area, name, js, inputs, error, code, contains):
    AREAS[area].append({"name": name, "fn": js, "inputs": [spec(i) for i in inputs],
                        "expected": {"error": error, "code": code, "contains": contains}})


f32 = lambda *s: rng.standard_normal(s).astype(np.float32)
i32 = lambda v: np.asarray(v, np.int32)
X = f32(4, 5)
X3 = f32(3, 4, 5)
I = "lax-indexing"

# ---- dynamic slices
case(I, "dynamicSlice static starts", "(x) => lax.dynamicSlice(x, [1, 2], [2, 3])", [X],
     lambda x: lax.dynamic_slice(x, (1, 2), (2, 3)))
case(I, "dynamicSlice clamped and negative starts", "(x) => lax.dynamicSlice(x, [3, -1], [2, 2])", [X],
     lambda x: lax.dynamic_slice(x, (3, -1), (2, 2)))
case(I, "dynamicSlice traced starts", "(x, i, j) => lax.dynamicSlice(x, [i, j], [2, 3])", [X, i32(1), i32(4)],
     lambda x, i, j: lax.dynamic_slice(x, (i, j), (2, 3)))
case(I, "dynamicSlice traced negative start", "(x, i, j) => lax.dynamicSlice(x, [i, j], [3, 2])", [X, i32(-2), i32(-7)],
     lambda x, i, j: lax.dynamic_slice(x, (i, j), (3, 2)))
case(I, "dynamicSlice start array", "(x, s) => lax.dynamicSlice(x, s, [2, 2])", [X, i32([2, 9])],
     lambda x, s: lax.dynamic_slice(x, s, (2, 2)))
case(I, "dynamicSlice int32 3-d", "(x, k) => lax.dynamicSlice(x, [0, k, 1], [2, 2, 3])",
     [rng.integers(-50, 50, (3, 4, 5)).astype(np.int32), i32(3)],
     lambda x, k: lax.dynamic_slice(x, (0, k, 1), (2, 2, 3)))
case(I, "dynamicSliceInDim", "(x, i) => lax.dynamicSliceInDim(x, i, 2, 1)", [X, i32(2)],
     lambda x, i: lax.dynamic_slice_in_dim(x, i, 2, 1))
case(I, "dynamicUpdateSlice static", "(x, u) => lax.dynamicUpdateSlice(x, u, [1, 3])", [X, f32(2, 3)],
     lambda x, u: lax.dynamic_update_slice(x, u, (1, 3)))
case(I, "dynamicUpdateSlice traced", "(x, u, i, j) => lax.dynamicUpdateSlice(x, u, [i, j])", [X, f32(3, 2), i32(-1), i32(1)],
     lambda x, u, i, j: lax.dynamic_update_slice(x, u, (i, j)))
case(I, "dynamicUpdateSlice int32 3-d", "(x, u, k) => lax.dynamicUpdateSlice(x, u, [1, k, 0])",
     [rng.integers(-9, 9, (3, 4, 5)).astype(np.int32), rng.integers(-9, 9, (2, 2, 5)).astype(np.int32), i32(5)],
     lambda x, u, k: lax.dynamic_update_slice(x, u, (1, k, 0)))
case(I, "dynamicUpdateSliceInDim", "(x, u, i) => lax.dynamicUpdateSliceInDim(x, u, i, 0)", [X, f32(2, 5), i32(1)],
     lambda x, u, i: lax.dynamic_update_slice_in_dim(x, u, i, 0))
case(I, "dynamicIndexInDim keepdims false", "(x, i) => lax.dynamicIndexInDim(x, i, 1, false)", [X3, i32(-1)],
     lambda x, i: lax.dynamic_index_in_dim(x, i, 1, False))
case(I, "dynamicIndexInDim keepdims", "(x, i) => lax.dynamicIndexInDim(x, i, 2)", [X3, i32(7)],
     lambda x, i: lax.dynamic_index_in_dim(x, i, 2))
case(I, "dynamicUpdateIndexInDim", "(x, u, i) => lax.dynamicUpdateIndexInDim(x, u, i, 1)", [X3, f32(3, 5), i32(2)],
     lambda x, u, i: lax.dynamic_update_index_in_dim(x, u, i, 1))
case(I, "indexInDim", "(x) => lax.indexInDim(x, -1, 1, false)", [X3], lambda x: lax.index_in_dim(x, -1, 1, False))
case(I, "indexTake wraps indices", "(x, i, j) => lax.indexTake(x, [i, j], [0, 2])", [X3, i32([0, 2, -1, 4]), i32([1, -2, 7, 0])],
     lambda x, i, j: lax.index_take(x, (i, j), (0, 2)))

# ---- gather
GD = lax.GatherDimensionNumbers
rows = GD(offset_dims=(1,), collapsed_slice_dims=(0,), start_index_map=(0,))
case(I, "gather rows", "(x, i) => lax.gather(x, i, { offsetDims: [1], collapsedSliceDims: [0], startIndexMap: [0] }, [1, 5])",
     [X, i32([[3], [0], [3], [1]])], lambda x, i: lax.gather(x, i, rows, (1, 5)))
win = GD(offset_dims=(1, 2), collapsed_slice_dims=(), start_index_map=(0, 1))
WJS = "{ offsetDims: [1, 2], collapsedSliceDims: [], startIndexMap: [0, 1] }"
WI = i32([[0, 1], [2, 3], [3, 4], [-1, 0]])
case(I, "gather windows default (clamped)", f"(x, i) => lax.gather(x, i, {WJS}, [2, 2])", [X, WI],
     lambda x, i: lax.gather(x, i, win, (2, 2)))
case(I, "gather windows fill", f"(x, i) => lax.gather(x, i, {WJS}, [2, 2], {{ mode: 'fill' }})", [X, WI],
     lambda x, i: lax.gather(x, i, win, (2, 2), mode="fill"))
case(I, "gather windows clip", f"(x, i) => lax.gather(x, i, {WJS}, [2, 2], {{ mode: 'clip' }})", [X, WI],
     lambda x, i: lax.gather(x, i, win, (2, 2), mode="clip"))
case(I, "gather windows fillValue", f"(x, i) => lax.gather(x, i, {WJS}, [2, 2], {{ mode: 'fill', fillValue: 7 }})", [X, WI],
     lambda x, i: lax.gather(x, i, win, (2, 2), mode="fill", fill_value=7))
case(I, "gather int32 fill, reversed index map",
     "(x, i) => lax.gather(x, i, { offsetDims: [1], collapsedSliceDims: [1], startIndexMap: [1, 0] }, [3, 1], { mode: 'fill' })",
     [rng.integers(-50, 50, (4, 5)).astype(np.int32), i32([[4, 1], [0, 0], [2, 3], [5, 0]])],
     lambda x, i: lax.gather(x, i, GD(offset_dims=(1,), collapsed_slice_dims=(1,), start_index_map=(1, 0)), (3, 1), mode="fill"))
case(I, "gather promise_in_bounds",
     "(x, i) => lax.gather(x, i, { offsetDims: [1], collapsedSliceDims: [0], startIndexMap: [0] }, [1, 5], "
     "{ mode: 'promise_in_bounds', indicesAreSorted: true, uniqueIndices: true })",
     [X, i32([[0], [2], [3]])], lambda x, i: lax.gather(x, i, rows, (1, 5), mode="promise_in_bounds"))
case(I, "gather batching dims",
     "(x, i) => lax.gather(x, i, { offsetDims: [2], collapsedSliceDims: [1], startIndexMap: [1], operandBatchingDims: [0], "
     "startIndicesBatchingDims: [0] }, [1, 1, 5])",
     [X3, i32([[[3], [0]], [[1], [1]], [[2], [3]]])],
     lambda x, i: lax.gather(x, i, GD(offset_dims=(2,), collapsed_slice_dims=(1,), start_index_map=(1,), operand_batching_dims=(0,),
                                      start_indices_batching_dims=(0,)), (1, 1, 5)))
case(I, "gather scalar index vector (1-d indices)",
     "(x, i) => lax.gather(x, i, { offsetDims: [0], collapsedSliceDims: [0], startIndexMap: [0, 1] }, [1, 3])",
     [X, i32([2, 1])],
     lambda x, i: lax.gather(x, i, GD(offset_dims=(0,), collapsed_slice_dims=(0,), start_index_map=(0, 1)), (1, 3)))

# ---- scatter
SD = lax.ScatterDimensionNumbers
srows = SD(update_window_dims=(1,), inserted_window_dims=(0,), scatter_dims_to_operand_dims=(0,))
SJS = "{ updateWindowDims: [1], insertedWindowDims: [0], scatterDimsToOperandDims: [0] }"
dup = i32([[1], [3], [1], [0]])
uniq = i32([[1], [3], [4], [0]])
U = f32(4, 3)
XS = f32(5, 3)
for jsname, pyfn, idx, nm in [("scatterAdd", lax.scatter_add, dup, "duplicates"), ("scatterSub", lax.scatter_sub, dup, "duplicates"),
                              ("scatterMul", lax.scatter_mul, dup, "duplicates"), ("scatterMin", lax.scatter_min, dup, "duplicates"),
                              ("scatterMax", lax.scatter_max, dup, "duplicates"), ("scatter", lax.scatter, uniq, "unique")]:
    case(I, f"{jsname} rows {nm}", f"(x, i, u) => lax.{jsname}(x, i, u, {SJS})", [XS, idx, U],
         lambda x, i, u, f=pyfn: f(x, i, u, srows))
oob = i32([[1], [7], [-1], [4]])
case(I, "scatterAdd drops out-of-bounds (default)", f"(x, i, u) => lax.scatterAdd(x, i, u, {SJS})", [XS, oob, U],
     lambda x, i, u: lax.scatter_add(x, i, u, srows))
case(I, "scatter drops out-of-bounds (fill)", f"(x, i, u) => lax.scatter(x, i, u, {SJS}, {{ mode: 'fill' }})", [XS, oob, U],
     lambda x, i, u: lax.scatter(x, i, u, srows, mode="fill"))
case(I, "scatterAdd clip", f"(x, i, u) => lax.scatterAdd(x, i, u, {SJS}, {{ mode: 'clip' }})", [XS, oob, U],
     lambda x, i, u: lax.scatter_add(x, i, u, srows, mode="clip"))
case(I, "scatterAdd windows 2-d",
     "(x, i, u) => lax.scatterAdd(x, i, u, { updateWindowDims: [1, 2], insertedWindowDims: [], scatterDimsToOperandDims: [0, 1] })",
     [X, i32([[0, 1], [2, 3], [1, 1]]), f32(3, 2, 2)],
     lambda x, i, u: lax.scatter_add(x, i, u, SD(update_window_dims=(1, 2), inserted_window_dims=(), scatter_dims_to_operand_dims=(0, 1))))
case(I, "scatterAdd int32 points",
     "(x, i, u) => lax.scatterAdd(x, i, u, { updateWindowDims: [], insertedWindowDims: [0, 1], scatterDimsToOperandDims: [0, 1] })",
     [rng.integers(-9, 9, (4, 5)).astype(np.int32), i32([[0, 1], [3, 4], [0, 1]]), i32([5, 6, 7])],
     lambda x, i, u: lax.scatter_add(x, i, u, SD(update_window_dims=(), inserted_window_dims=(0, 1), scatter_dims_to_operand_dims=(0, 1))))
case(I, "scatterAdd batching dims",
     "(x, i, u) => lax.scatterAdd(x, i, u, { updateWindowDims: [2], insertedWindowDims: [1], scatterDimsToOperandDims: [1], "
     "operandBatchingDims: [0], scatterIndicesBatchingDims: [0] })",
     [X3, i32([[[3], [0]], [[1], [1]], [[2], [3]]]), f32(3, 2, 5)],
     lambda x, i, u: lax.scatter_add(x, i, u, SD(update_window_dims=(2,), inserted_window_dims=(1,), scatter_dims_to_operand_dims=(1,),
                                                  operand_batching_dims=(0,), scatter_indices_batching_dims=(0,))))
case(I, "scatterApply",
     f"(x, i) => lax.scatterApply(x, i, (v) => np.multiply(v, 3), {SJS}, {{ updateShape: [3, 3] }})",
     [XS, i32([[4], [0], [2]])], lambda x, i: lax.scatter_apply(x, i, lambda v: v * 3, srows, update_shape=(3, 3)))

# ---- reduce, selectN, map, associativeScan
case(I, "reduce add monoid", "(x) => lax.reduce(x, 0, (a, b) => np.add(a, b), [0])", [X], lambda x: lax.reduce(x, 0.0, lax.add, (0,)))
case(I, "reduce add with init", "(x) => lax.reduce(x, 1.5, (a, b) => np.add(b, a), [1])", [X],
     lambda x: lax.reduce(x, np.float32(1.5), lax.add, (1,)))
case(I, "reduce max monoid", "(x) => lax.reduce(x, -Infinity, (a, b) => np.maximum(a, b), [0, 2])", [X3],
     lambda x: lax.reduce(x, -np.inf, lax.max, (0, 2)))
case(I, "reduce int32 min", "(x) => lax.reduce(x, 2147483647, (a, b) => np.minimum(a, b), [1])",
     [rng.integers(-50, 50, (3, 6)).astype(np.int32)], lambda x: lax.reduce(x, np.int32(2**31 - 1), lax.min, (1,)))
case(I, "reduce bool or", "(x) => lax.reduce(x, false, (a, b) => np.logicalOr(a, b), [0])", [rng.random((3, 4)) < 0.3],
     lambda x: lax.reduce(x, False, lax.bitwise_or, (0,)))
case(I, "reduce generic loop (sum of abs)", "(x) => lax.reduce(x, 0, (a, b) => np.add(a, np.abs(b)), [1])", [X3],
     lambda x: lax.reduce(x, 0.0, lambda a, b: a + jnp.abs(b), (1,)))
ARGMAX_JS = ("(v, i) => lax.reduce([v, i], [-Infinity, 0], ([v1, i1], [v2, i2]) => { const p = np.logicalOr(np.greater(v1, v2), "
             "np.logicalAnd(np.equal(v1, v2), np.less(i1, i2))); return [np.where(p, v1, v2), np.where(p, i1, i2)]; }, [1])")


def _argmax(v, i):
    def comp(a, b):
        p = (a[0] > b[0]) | ((a[0] == b[0]) & (a[1] < b[1]))
        return (jnp.where(p, a[0], b[0]), jnp.where(p, a[1], b[1]))
    return lax.reduce((v, i), (-np.inf, np.int32(0)), comp, (1,))


AV = np.round(f32(3, 6) * 2).astype(np.float32)
case(I, "reduce generic two operands (argmax)", ARGMAX_JS, [AV, np.tile(np.arange(6, dtype=np.int32), (3, 1))], _argmax)
case(I, "selectN bool", "(w, a, b) => lax.selectN(w, a, b)", [rng.random((4, 5)) < 0.5, X, f32(4, 5)],
     lambda w, a, b: lax.select_n(w, a, b))
case(I, "selectN int32 three cases", "(w, a, b, c) => lax.selectN(w, a, b, c)", [i32(rng.integers(0, 3, (4, 5))), X, f32(4, 5), f32(4, 5)],
     lambda w, a, b, c: lax.select_n(w, a, b, c))
case(I, "selectN scalar which", "(w, a, b) => lax.selectN(w, a, b)", [np.asarray(True), X, f32(4, 5)],
     lambda w, a, b: lax.select_n(w, a, b))
case(I, "map", "(x) => lax.map((r) => np.sum(np.square(r)), x)", [X], lambda x: lax.map(lambda r: jnp.sum(r * r), x))
case(I, "map batchSize with remainder", "(x) => lax.map((r) => np.cumsum(r), x, { batchSize: 3 })", [f32(7, 3)],
     lambda x: lax.map(jnp.cumsum, x, batch_size=3))
case(I, "associativeScan add", "(x) => lax.associativeScan((a, b) => np.add(a, b), x, false, 1)", [f32(3, 7)],
     lambda x: lax.associative_scan(lax.add, x, axis=1), tol={"rtol": 1e-5, "atol": 1e-5})
case(I, "associativeScan max reverse", "(x) => lax.associativeScan((a, b) => np.maximum(a, b), x, true)", [f32(8, 2)],
     lambda x: lax.associative_scan(lax.max, x, reverse=True))
case(I, "associativeScan linear recurrence (pytree)",
     "(a, b) => lax.associativeScan(([a1, b1], [a2, b2]) => [np.multiply(a1, a2), np.add(np.multiply(a2, b1), b2)], [a, b])",
     [(rng.random(6) + 0.5).astype(np.float32), f32(6)],
     lambda a, b: list(lax.associative_scan(lambda x, y: (x[0] * y[0], y[0] * x[1] + y[1]), (a, b))), tol={"rtol": 1e-5, "atol": 1e-5})
case(I, "approxMaxK", "(x) => lax.approxMaxK(x, 3)", [f32(3, 8)], lambda x: list(lax.approx_max_k(x, 3)))
case(I, "approxMinK axis 0", "(x) => lax.approxMinK(x, 2, { reductionDimension: 0, recallTarget: 0.9 })", [f32(5, 3)],
     lambda x: list(lax.approx_min_k(x, 2, reduction_dimension=0, recall_target=0.9)))
err(I, "error approxMinK int32 (JAX: floats only)", "(x) => lax.approxMinK(x, 3)", [i32([5, -3, 7, 0])], "DTypeError", "NJ202",
    ["approx_min_k", "int32"])
RP = np.array([np.nan, np.inf, -np.inf, 1e30, -1e-30, 3.14159, -0.0, 65504, 65520, 1e-5, 6e-5, 2.5, 3.5, -1.0009766], np.float32)
case(I, "reducePrecision half (5, 10)", "(x) => lax.reducePrecision(x, 5, 10)", [RP], lambda x: lax.reduce_precision(x, 5, 10))
case(I, "reducePrecision bfloat16 (8, 7)", "(x) => lax.reducePrecision(x, 8, 7)", [np.concatenate([RP, f32(10) * 100])],
     lambda x: lax.reduce_precision(x, 8, 7))
case(I, "reducePrecision (5, 0) and (3, 2)", "(x) => [lax.reducePrecision(x, 5, 0), lax.reducePrecision(x, 3, 2)]", [RP],
     lambda x: [lax.reduce_precision(x, 5, 0), lax.reduce_precision(x, 3, 2)])
case(I, "optimizationBarrier", "(x, y) => lax.optimizationBarrier([np.add(x, 1), y])", [X, i32([1, 2])],
     lambda x, y: list(lax.optimization_barrier((x + 1, y))))

# ---- bad inputs: typed errors naming the op
err(I, "error gather unsorted offsetDims",
    "(x, i) => lax.gather(x, i, { offsetDims: [2, 1], collapsedSliceDims: [], startIndexMap: [0, 1] }, [2, 2])",
    [X, WI], "ArgumentError", "NJ301", ["gather", "offsetDims"])
err(I, "error gather index vector length",
    "(x, i) => lax.gather(x, i, { offsetDims: [1], collapsedSliceDims: [0], startIndexMap: [0] }, [1, 5])",
    [X, WI], "ShapeError", "NJ106", ["gather", "startIndexMap"])
err(I, "error gather collapsed size",
    "(x, i) => lax.gather(x, i, { offsetDims: [1], collapsedSliceDims: [0], startIndexMap: [0] }, [2, 5])",
    [X, i32([[1]])], "ShapeError", "NJ106", ["gather", "dim 0"])
err(I, "error gather slice size too big",
    "(x, i) => lax.gather(x, i, { offsetDims: [1], collapsedSliceDims: [0], startIndexMap: [0] }, [1, 6])",
    [X, i32([[1]])], "ShapeError", "NJ109", ["gather", "6"])
err(I, "error dynamicSlice start count", "(x) => lax.dynamicSlice(x, [1], [2, 2])", [X], "ShapeError", "NJ106", ["dynamic_slice", "rank 2"])
err(I, "error dynamicSlice size", "(x) => lax.dynamicSlice(x, [0, 0], [2, 9])", [X], "ShapeError", "NJ109", ["dynamic_slice", "9"])
err(I, "error dynamicSlice float start", "(x, s) => lax.dynamicSlice(x, [s, 0], [2, 2])", [X, np.float32(1)], "DTypeError", "NJ202",
    ["dynamic_slice", "float32"])
err(I, "error dynamicUpdateSlice dtype", "(x, u) => lax.dynamicUpdateSlice(x, u, [0, 0])", [X, i32([[1]])], "DTypeError", "NJ203",
    ["dynamic_update_slice", "int32", "float32"])
err(I, "error scatterAdd dtype", f"(x, i, u) => lax.scatterAdd(x, i, u, {SJS})", [XS, dup, i32(np.ones((4, 3)))], "DTypeError", "NJ203",
    ["scatter_add", "int32"])
err(I, "error scatter updates shape", f"(x, i, u) => lax.scatter(x, i, u, {SJS})", [XS, dup, f32(3, 3)], "ShapeError", "NJ105",
    ["scatter", "(3, 3)"])
err(I, "error scatter bad mode", f"(x, i, u) => lax.scatterMax(x, i, u, {SJS}, {{ mode: 'wrap' }})", [XS, dup, U], "ArgumentError", "NJ301",
    ["scatter", "wrap"])
err(I, "error indexInDim out of range", "(x) => lax.indexInDim(x, 4, 0)", [X], "ShapeError", "NJ109", ["index_in_dim", "4"])
err(I, "error reduce init count", "(x) => lax.reduce(x, [0, 1], (a, b) => np.add(a, b), [0])", [X], "TransformError", "NJ509",
    ["reduce", "2 init values"])
err(I, "error reduce dimension", "(x) => lax.reduce(x, 0, (a, b) => np.add(a, b), [2])", [X], "ShapeError", "NJ102", ["reduce", "axis 2"])
err(I, "error selectN cases", "(w, a, b) => lax.selectN(w, a, b)", [np.asarray(True), X, f32(5, 4)], "TransformError", "NJ509",
    ["select_n", "case 1"])
err(I, "error gather batching dims sizes",
    "(x, i) => lax.gather(x, i, { offsetDims: [1], collapsedSliceDims: [], startIndexMap: [0], operandBatchingDims: [1], "
    "startIndicesBatchingDims: [0] }, [1, 1])", [X, i32([[1], [2]])], "ShapeError", "NJ105", ["gather", "batching dim"])
err(I, "error scatterAdd window larger than operand", f"(x, i, u) => lax.scatterAdd(x, i, u, {SJS})", [XS, dup, f32(4, 4)],
    "ShapeError", "NJ109", ["scatter_add", "4"])
err(I, "error dynamicUpdateSlice update too big", "(x, u) => lax.dynamicUpdateSlice(x, u, [0, 0])", [X, f32(5, 5)], "ShapeError", "NJ105",
    ["dynamic_update_slice", "(5, 5)"])
err(I, "error approxMaxK k", "(x) => lax.approxMaxK(x, 9)", [X], "ShapeError", "NJ109", ["approx_max_k", "9"])
err(I, "error reducePrecision int", "(x) => lax.reducePrecision(x, 5, 10)", [i32([1, 2])], "DTypeError", "NJ202",
    ["reduce_precision", "int32"])

# ---- special functions (float32; numjit computes in float32 too, so a few ulps of slack)
S = "lax-special"
TS = {"rtol": 2e-4, "atol": 1e-6}
A = np.array([0.0, -1.0, 1.0, 2.0, 0.5, 3.0, 10.0, 100.0, 2.0, 50.0, 0.1, 7.5], np.float32)
XX = np.array([1.0, 1.0, 0.0, -1.0, 0.2, 5.0, 3.0, 120.0, 30.0, 45.0, 2.0, 7.0], np.float32)
case(S, "igamma", "(a, x) => lax.igamma(a, x)", [A, XX], lax.igamma, TS)
case(S, "igammac", "(a, x) => lax.igammac(a, x)", [A, XX], lax.igammac, TS)
case(S, "igamma broadcast scalar a", "(x) => lax.igamma(2.5, x)", [np.abs(f32(3, 4)) * 3], lambda x: lax.igamma(jnp.float32(2.5), x), TS)
BA = np.array([0.0, 1.0, 1.0, 2.0, 2.0, 0.5, 3.0, 20.0, 2.0, 0.7], np.float32)
BB = np.array([1.0, 1.0, -1.0, 2.0, 2.0, 0.5, 7.0, 30.0, 5.0, 1.3], np.float32)
BX = np.array([0.5, 1.5, 0.5, 0.0, 1.0, 0.3, 0.4, 0.45, 0.9, 0.05], np.float32)
case(S, "betainc", "(a, b, x) => lax.betainc(a, b, x)", [BA, BB, BX], lax.betainc, TS)
ZX = np.array([1.0, 0.5, 2.0, 3.0, 2.5, 4.0, 1.5, 6.0], np.float32)
ZQ = np.array([1.0, 1.0, 1.0, 0.5, 0.3, 3.0, 2.0, 1e3], np.float32)
case(S, "zeta", "(x, q) => lax.zeta(x, q)", [ZX, ZQ], lax.zeta, TS)
PN = np.array([0.0, 1.0, 2.0, 1.5, -1.0, 3.0, 1.0, 4.0], np.float32)
PX = np.array([1.0, 1.0, 2.0, 1.0, 1.0, 0.7, 10.0, 2.5], np.float32)
case(S, "polygamma", "(n, x) => lax.polygamma(n, x)", [PN, PX], lax.polygamma, TS)
BI = np.array([0.0, 1.0, -5.0, 0.3, 12.0, 29.0, 31.0, -40.0, 100.0, 1e-3], np.float32)
case(S, "besselI0e", "(x) => lax.besselI0e(x)", [BI], lax.bessel_i0e, TS)
case(S, "besselI1e", "(x) => lax.besselI1e(x)", [BI], lax.bessel_i1e, TS)
case(S, "randomGammaGrad", "(a, x) => lax.randomGammaGrad(a, x)",
     [np.array([0.5, 1.0, 3.0, 10.0, 0.2, 40.0], np.float32), np.array([0.3, 1.2, 2.5, 12.0, 0.01, 35.0], np.float32)],
     lax.random_gamma_grad, TS)
err(S, "error igamma int32", "(a, x) => lax.igamma(a, x)", [i32([1]), i32([2])], "DTypeError", "NJ202", ["igamma", "int32"])
err(S, "error igamma shapes", "(a, x) => lax.igamma(a, x)", [f32(3), f32(4)], "ShapeError", "NJ101", ["igamma", "(3,)", "(4,)"])
err(S, "error betainc mixed dtypes", "(a, b, x) => lax.betainc(a, b, x.astype('float64'))", [BA, BB, BX], "DTypeError", "NJ203",
    ["betainc", "float64"])

# ---- collectives over a named axis (jax.vmap with axis_name; numjit runs them under vmap and pmap). Keyed by
# name: test/lax/lax-collectives.test.ts holds the same function for each.
COLL = []


def coll(name, x, f):
    COLL.append({"name": name, "input": spec(x), "expected": spec(jax.vmap(f, axis_name="i")(jnp.asarray(x)))})


C3 = f32(3, 3, 2)
coll("pmin", C3, lambda v: lax.pmin(v, "i"))
coll("pmin int32", rng.integers(-9, 9, (4, 5)).astype(np.int32), lambda v: lax.pmin(v, "i"))
coll("ppermute cycle", C3, lambda v: lax.ppermute(v, "i", [(0, 1), (1, 2), (2, 0)]))
coll("psumScatter", C3, lambda v: lax.psum_scatter(v, "i"))
coll("psumScatter tiled dim 1", f32(3, 2, 6), lambda v: lax.psum_scatter(v, "i", scatter_dimension=1, tiled=True))
coll("allToAll", C3, lambda v: lax.all_to_all(v, "i", 0, 1))
coll("allToAll tiled", f32(3, 6, 2), lambda v: lax.all_to_all(v, "i", 0, 1, tiled=True))
coll("allToAll tiled split 1 concat 0", f32(2, 3, 4), lambda v: lax.all_to_all(v, "i", 1, 0, tiled=True))
coll("grad of ppermute", C3, lambda v: jax.grad(lambda u: jnp.sum(lax.ppermute(u, "i", [(0, 2), (1, 0), (2, 1)]) * jnp.sin(u)))(v))
coll("grad of psumScatter", C3, lambda v: jax.grad(lambda u: jnp.sum(jnp.cos(lax.psum_scatter(u, "i")) * jnp.arange(2.0)))(v))

here = os.path.dirname(__file__)
for area, cases in AREAS.items():
    with open(os.path.join(here, "..", "test", "numpy", "refs", f"{area}.json"), "w") as f:
        json.dump({"generator": "scripts/gen_lax2_refs.py", "numpy": f"numpy {np.__version__}, jax {jax.__version__}",
                   "count": len(cases), "cases": cases}, f, indent=1)
        f.write("\n")
    print(area, len(cases))
with open(os.path.join(here, "..", "test", "lax", "refs", "lax-collectives.json"), "w") as f:
    json.dump({"generator": "scripts/gen_lax2_refs.py", "jax": jax.__version__, "count": len(COLL), "cases": COLL}, f, indent=1)
    f.write("\n")
print("lax-collectives", len(COLL))
