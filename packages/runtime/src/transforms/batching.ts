// vmap's rule table: how each primitive runs on arguments that carry an extra batch axis.
// `dims[i]` is where input i keeps its batch axis (null = unbatched); a rule returns the result and
// the position of its batch axis. Rules prefer remapping axes over moving data: a batched reduce,
// slice or cumsum keeps the batch axis where it is, and moves are transposes (views).
import {
  BINARY_OPS,
  COMPARE_OPS,
  CUMULATIVE_OPS,
  REDUCE_OPS,
  UNARY_OPS,
  type CollectiveOp,
  type Params,
  type Primitive,
} from "../core/primitives.js";
import { bind, bindMulti } from "../core/trace.js";
import { LINALG_PRIMITIVES, type LinalgPrimitive } from "../core/linalg-primitives.js";
import { MULTI_OUTPUT, type MultiPrimitive } from "../core/multi-primitives.js";
import { scalarArray } from "../ndarray.js";
import type { BatchRule, BatchRules, MultiBatchRule } from "./rules/types.js";
import {
  type Arr,
  add,
  broadcastInDim,
  complement,
  full,
  lt,
  mul,
  reduceSum,
  reshape,
  select,
  sizeScalar,
  transpose,
  zerosLike,
} from "./rules/ops.js";
import { dimMul } from "../core/dims.js";
import { bindCollective } from "../core/axis-env.js";

type Dim = number | null;
const range = (a: number, b: number) => Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i);
/** Position in the batched array of unbatched axis `a`, when the batch axis sits at `b`. */
const up = (a: number, b: number) => (a < b ? a : a + 1);

/** Move axis `from` of x to position `to` (a transpose; a view when eager). */
export function moveAxis(x: Arr, from: number, to: number): Arr {
  if (from === to) return x;
  const perm = range(0, x.ndim).filter((i) => i !== from);
  perm.splice(to, 0, from);
  return transpose(x, perm);
}

/** x with its batch axis at `to`; an unbatched x is broadcast along a new axis of `size`. */
export function matchAxis(x: Arr, d: Dim, size: number, to: number): Arr {
  if (d !== null) return moveAxis(x, d, to);
  const shape = [...x.shape.slice(0, to), size, ...x.shape.slice(to)];
  return broadcastInDim(
    x,
    shape,
    range(0, x.ndim).map((i) => up(i, to)),
  );
}

/** Elementwise n-ary: line every operand's batch axis up with the first batched one. */
function elementwise<P extends Primitive>(p: P): BatchRule<P> {
  return (vals, dims, params, size) => {
    const target = dims.find((d) => d !== null) as number;
    return [
      bind(
        p,
        vals.map((x, i) => matchAxis(x, dims[i]!, size, target)),
        params,
      ),
      target,
    ];
  };
}

const reduce =
  <P extends (typeof REDUCE_OPS)[number]>(p: P): BatchRule<P> =>
  ([x], [b], { axes }) => [bind(p, [x!], { axes: axes.map((a) => up(a, b!)) }), b! - axes.filter((a) => a < b!).length];

const cumulative =
  <P extends (typeof CUMULATIVE_OPS)[number]>(p: P): BatchRule<P> =>
  ([x], [b], { axis, reverse }) => [bind(p, [x!], { axis: up(axis, b!), reverse }), b!];

const argReduce =
  <P extends "argmax" | "argmin">(p: P): BatchRule<P> =>
  ([x], [b], { axis }) => [bind(p, [x!], { axis: up(axis, b!) }), axis < b! ? b! - 1 : b!];

const generic = Object.fromEntries([
  ...[...UNARY_OPS, ...BINARY_OPS, ...COMPARE_OPS, "select", "convert_element_type", "copy"].map((p) => [p, elementwise(p as Primitive)]),
  ...REDUCE_OPS.map((p) => [p, reduce(p)]),
  ...CUMULATIVE_OPS.map((p) => [p, cumulative(p)]),
]) as BatchRules<
  | (typeof UNARY_OPS)[number]
  | (typeof BINARY_OPS)[number]
  | (typeof COMPARE_OPS)[number]
  | "select"
  | "convert_element_type"
  | "copy"
  | (typeof REDUCE_OPS)[number]
  | (typeof CUMULATIVE_OPS)[number]
>;

/** A linalg primitive maps over leading axes: every operand's batch axis moves to the front. */
const linalg = Object.fromEntries(
  LINALG_PRIMITIVES.map((p) => [
    p,
    ((vals, dims, params, size) => [
      bind(
        p,
        vals.map((x, i) => matchAxis(x, dims[i]!, size, 0)),
        params,
      ),
      0,
    ]) as BatchRule<typeof p>,
  ]),
) as BatchRules<LinalgPrimitive>;

const convBind = (x: Arr, w: Arr, p: Params["conv_general_dilated"]): Arr => bind("conv_general_dilated", [x, w], p);
const num = (d: unknown) => d as number;

/** vmap: a batched lhs joins the batch dim; a batched kernel becomes B times the feature groups. */
const convBatchRule: BatchRule<"conv_general_dilated"> = ([x, w], [bx, bw], p, B) => {
  const ns = x!.ndim - (bx === null ? 2 : 3);
  if (bw === null) {
    const xb = moveAxis(x!, bx!, 0);
    const [, N, ...rest] = xb.shape.map(num);
    const r = convBind(reshape(xb, [B * N!, ...rest]), w!, p);
    return [reshape(r, [B, N!, ...r.shape.slice(1).map(num)]), 0];
  }
  // x [B, N, S..., C] -> [N, S..., B * C]; w [B, K..., I, O] -> [K..., I, B * O]; groups B * G
  const xb = matchAxis(x!, bx!, B, 0),
    wb = matchAxis(w!, bw!, B, 0);
  const [N, ...S] = xb.shape.slice(1, -1).map(num),
    C = num(xb.shape[ns + 2]);
  const xs = reshape(transpose(xb, [...range(1, ns + 2), 0, ns + 2]), [N!, ...S, B * C]);
  const [I, O] = [num(wb.shape[ns + 1]), num(wb.shape[ns + 2])];
  const ws = reshape(transpose(wb, [...range(1, ns + 2), 0, ns + 2]), [...wb.shape.slice(1, ns + 1).map(num), I, B * O]);
  const r = convBind(xs, ws, { ...p, groups: B * p.groups });
  return [reshape(r, [...r.shape.slice(0, -1).map(num), B, O]), ns + 1];
};

/** A multi-output primitive maps over leading axes (top_k works on the last): every operand's batch axis moves to the front. */
export const multiBatchRules = Object.fromEntries(
  MULTI_OUTPUT.map((p) => [
    p,
    ((vals, dims, params, size) => {
      const outs = bindMulti(
        p,
        vals.map((x, i) => matchAxis(x, dims[i]!, size, 0)),
        params,
      );
      return [outs, outs.map(() => 0)];
    }) as MultiBatchRule<typeof p>,
  ]),
) as { [P in MultiPrimitive]: MultiBatchRule<P> };

/** A collective over an axis other than the vmap's: it applies to the batched value as is. */
const batchCollective: BatchRules<CollectiveOp> = {
  psum: ([x], [b], { axisName }) => [bindCollective("psum", [x!], { axisName }), b!],
  pmax: ([x], [b], { axisName }) => [bindCollective("pmax", [x!], { axisName }), b!],
  all_gather: ([x], [b], { axisName, axis }) => {
    // the gathered axis lands at `axis` of the unbatched result: before the batch axis or after it
    const before = axis <= b!;
    return [bindCollective("all_gather", [x!], { axisName, axis: before ? axis : axis + 1 }), before ? b! + 1 : b!];
  },
  axis_index: (_v, _d, { axisName }) => [bindCollective("axis_index", [], { axisName }), null],
};

/**
 * A collective over the vmap's own axis (vmap(f, { axisName })) reduces the batch axis itself: psum is a
 * reduce_sum over it, pmax a reduce_max, all_gather moves it into place, axis_index is an iota. `b` is x's
 * batch axis (null: x is the same for every member); the results no longer vary along the axis.
 */
export function ownAxisCollective<P extends CollectiveOp>(prim: P, x: Arr | undefined, b: Dim, params: Params[P]): [Arr, Dim] {
  const n = params.axisSize;
  switch (prim) {
    case "psum":
      return [b === null ? mul(x!, full(n, x!)) : reduceSum(x!, [b]), null];
    case "pmax":
      return [b === null ? x! : bind("reduce_max", [x!], { axes: [b] }), null];
    case "all_gather": {
      const { axis } = params as Params["all_gather"];
      if (b !== null) return [moveAxis(x!, b, axis), null];
      const shape = [...x!.shape.slice(0, axis), n, ...x!.shape.slice(axis)];
      return [
        broadcastInDim(
          x!,
          shape,
          range(0, x!.ndim).map((i) => up(i, axis)),
        ),
        null,
      ];
    }
    case "axis_index":
      return [bind("iota", [], { shape: [n], dimension: 0, dtype: "int32" }), 0];
    default:
      throw new Error(`internal: ${prim} is not a collective`);
  }
}

export const batchRules: { [P in Primitive]: BatchRule<P> } = {
  ...generic,
  ...batchCollective,
  ...linalg,
  conv_general_dilated: convBatchRule,
  argmax: argReduce("argmax"),
  argmin: argReduce("argmin"),
  argsort: ([x], [b], { axis }) => [bind("argsort", [x!], { axis: up(axis, b!) }), b!],
  bitcast_convert_type: ([x], [b], params) => [bind("bitcast_convert_type", [moveAxis(x!, b!, 0)], params), 0],
  // elementwise with 0-d operands broadcast: unbatched 0-d ones stay scalars, batched ones (now [size])
  // broadcast over the output's shape, the rest line their batch axis up at 0
  threefry2x32: (vals, dims, params, size) => {
    const full = vals.map((x, i) => (dims[i] === null ? x.shape : x.shape.filter((_, a) => a !== dims[i]))).find((s) => s.length) ?? [];
    const ins = vals.map((x, i) => {
      const d = dims[i]!;
      if (d === null) return x.ndim === 0 ? x : matchAxis(x, null, size, 0);
      return x.ndim === 1 && full.length ? broadcastInDim(x, [size, ...full], [0]) : moveAxis(x, d, 0);
    });
    return [bind("threefry2x32", ins, params), 0];
  },
  broadcast_in_dim: ([x], [b], { shape, broadcastDimensions: bd }, size) => {
    const increasing = bd.every((d, i) => i === 0 || bd[i - 1]! < d);
    if (!increasing) {
      const x0 = moveAxis(x!, b!, 0);
      return [bind("broadcast_in_dim", [x0], { shape: [size, ...shape], broadcastDimensions: [0, ...bd.map((d) => d + 1)] }), 0];
    }
    // put the output batch axis right after the output dim of x's preceding axis: no transpose
    const q = b === 0 ? 0 : bd[b! - 1]! + 1;
    const dims = range(0, x!.ndim).map((i) => (i < b! ? bd[i]! : i === b ? q : bd[i - 1]! + 1));
    return [bind("broadcast_in_dim", [x!], { shape: [...shape.slice(0, q), size, ...shape.slice(q)], broadcastDimensions: dims }), q];
  },
  reshape: ([x], [b], { shape }, size) => [reshape(moveAxis(x!, b!, 0), [size, ...shape]), 0],
  transpose: ([x], [b], { perm }) => [bind("transpose", [x!], { perm: [b!, ...perm.map((p) => up(p, b!))] }), 0],
  slice: ([x], [b], { starts, limits, strides }, size) => {
    const ins = <T>(xs: T[], v: T) => [...xs.slice(0, b!), v, ...xs.slice(b!)];
    return [bind("slice", [x!], { starts: ins(starts, 0), limits: ins(limits, size), strides: ins(strides, 1) }), b!];
  },
  rev: ([x], [b], { axes }) => [bind("rev", [x!], { axes: axes.map((a) => up(a, b!)) }), b!],
  pad: ([x, v], [dx, dv], { lo, hi }, size) => {
    if (dv === null) {
      const ins = (xs: number[]) => [...xs.slice(0, dx!), 0, ...xs.slice(dx!)];
      return [bind("pad", [x!, v!], { lo: ins(lo), hi: ins(hi) }), dx!];
    }
    // a batched padding value: pad with anything, then select the value where the mask says "pad"
    const x0 = matchAxis(x!, dx!, size, 0);
    const p = { lo: [0, ...lo], hi: [0, ...hi] };
    const padded = bind("pad", [x0, zerosLike(v!.ndim ? { shape: [], dtype: v!.dtype } : v!)], p);
    const inside = bind("pad", [broadcastInDim(scalarArray(1, "bool", false), x0.shape, []), scalarArray(0, "bool", false)], p);
    const vb = broadcastInDim(moveAxis(v!, dv!, 0), padded.shape, [0]);
    return [select(inside, padded, vb), 0];
  },
  concatenate: (xs, dims, { axis }, size) => [
    bind(
      "concatenate",
      xs.map((x, i) => matchAxis(x, dims[i]!, size, 0)),
      { axis: axis + 1 },
    ),
    0,
  ],
  iota: (_vals, _dims, params) => [bind("iota", [], params), null],
  dim_value: (_vals, _dims, params) => [bind("dim_value", [], params), null],
  gather: ([x, idx], [dx, di], { axis }, size) => {
    if (di === null) {
      const ax = up(axis, dx!);
      return [bind("gather", [x!, idx!], { axis: ax }), dx! < ax ? dx! : dx! + idx!.ndim - 1];
    }
    if (dx === null) return [bind("gather", [x!, idx!], { axis }), axis + di!];
    // both batched: fold the batch axis into the gathered one ([.., B, A, ..] -> [.., B*A, ..]) and
    // offset each example's indices by b * A
    const xb = moveAxis(x!, dx!, axis);
    const A = xb.shape[axis + 1]!;
    const xf = reshape(xb, [...xb.shape.slice(0, axis), dimMul(size, A) as number, ...xb.shape.slice(axis + 2)]);
    const ib = moveAxis(idx!, di!, 0);
    const bcast = (v: number) => broadcastInDim(sizeScalar(v), ib.shape, []);
    const wrapped = select(lt(ib, bcast(0)), add(ib, bcast(A)), ib);
    const offsets = mul(bind("iota", [], { shape: ib.shape.slice(), dimension: 0, dtype: "int32" }), bcast(A));
    return [bind("gather", [xf, add(wrapped, offsets)], { axis }), axis];
  },
  // every operand batched at `axis` (x: [pre, B, A, post], updates: [pre, B, idx..., post]), then folded as
  // gather's rule does: one scatter into [pre, B*A, post] with each example's indices offset by b * A
  scatter_add: ([x, idx, u], [dx, di, du], { axis }, size) => {
    const xb = matchAxis(x!, dx!, size, axis);
    const ub = matchAxis(u!, du!, size, axis);
    const ib = matchAxis(idx!, di!, size, 0);
    const A = xb.shape[axis + 1]!;
    const xf = reshape(xb, [...xb.shape.slice(0, axis), dimMul(size, A) as number, ...xb.shape.slice(axis + 2)]);
    const bcast = (v: number) => broadcastInDim(sizeScalar(v), ib.shape, []);
    const wrapped = select(lt(ib, bcast(0)), add(ib, bcast(A)), ib);
    const offsets = mul(bind("iota", [], { shape: ib.shape.slice(), dimension: 0, dtype: "int32" }), bcast(A));
    const out = bind("scatter_add", [xf, add(wrapped, offsets), ub], { axis });
    return [reshape(out, xb.shape.slice()), axis];
  },
  dot_general: ([a, b], [da, db], { lhsContract: lc, rhsContract: rc, lhsBatch: lb, rhsBatch: rb }) => {
    const m = (ds: number[], d: number) => ds.map((i) => up(i, d));
    if (da !== null && db !== null) {
      const p = { lhsContract: m(lc, da!), rhsContract: m(rc, db!), lhsBatch: [da!, ...m(lb, da!)], rhsBatch: [db!, ...m(rb, db!)] };
      return [bind("dot_general", [a!, b!], p), 0];
    }
    if (da !== null) {
      // the batch axis becomes one more free dim of the lhs
      const p = { lhsContract: m(lc, da!), rhsContract: rc, lhsBatch: m(lb, da!), rhsBatch: rb };
      const lf = complement(a!.ndim, [...p.lhsContract, ...p.lhsBatch]);
      return [bind("dot_general", [a!, b!], p), lb.length + lf.indexOf(da!)];
    }
    const p = { lhsContract: lc, rhsContract: m(rc, db!), lhsBatch: lb, rhsBatch: m(rb, db!) };
    const rf = complement(b!.ndim, [...p.rhsContract, ...p.rhsBatch]);
    return [bind("dot_general", [a!, b!], p), lb.length + (a!.ndim - lc.length - lb.length) + rf.indexOf(db!)];
  },
};
