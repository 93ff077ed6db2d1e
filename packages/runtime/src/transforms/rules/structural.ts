// Differentiation rules of the structural primitives (broadcast, reshape, transpose, slice, rev,
// pad, concatenate, gather, iota) and of dot_general, forward and backward side by side.
// Every structural op is linear in its array operand: the jvp applies the op to the tangent and
// the vjp applies its transpose to the cotangent.
import type { Params } from "../../core/primitives.js";
import { bind } from "../../core/trace.js";
import { nondiff } from "./elementwise.js";
import { dimAdd, dimMul, dimNeg, dimSub } from "../../core/dims.js";
import type { AdRules } from "./types.js";
import {
  type Arr,
  broadcastInDim,
  mul,
  complement,
  invertPerm,
  padWith,
  reduceSum,
  reshape,
  sliceAll,
  sub,
  tadd,
  transpose,
  zerosLike,
} from "./ops.js";

const range = (a: number, b: number) => Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i);

/** Transpose of broadcast_in_dim: sum over the created dims and the stretched size-1 dims. */
export function unbroadcast(ct: Arr, xShape: readonly number[], dims: number[]): Arr {
  const axes: number[] = [];
  for (let d = 0; d < ct.ndim; d++) {
    const i = dims.indexOf(d);
    if (i < 0 || (xShape[i] === 1 && ct.shape[d] !== 1)) axes.push(d);
  }
  return reshape(reduceSum(ct, axes), xShape);
}

/**
 * Transpose of slice: scatter the cotangent back into zeros. A stride s along an axis is undone by
 * interleaving s-1 zeros after every element (reshape to [len, 1], pad to [len, s], flatten),
 * then the whole thing is padded (or cropped, where the interleave overshoots) into place.
 */
function unslice(ct: Arr, xShape: readonly number[], p: Params["slice"]): Arr {
  let g = ct;
  p.strides.forEach((s, ax) => {
    if (s === 1 || g.shape[ax] === 0) return;
    const len = g.shape[ax]!;
    const col = reshape(g, [...g.shape.slice(0, ax), len, 1, ...g.shape.slice(ax + 1)]);
    const lo = col.shape.map(() => 0),
      hi = col.shape.map((_, i) => (i === ax + 1 ? s - 1 : 0));
    g = reshape(padWith(col, 0, lo, hi), [...g.shape.slice(0, ax), dimMul(len, s) as number, ...g.shape.slice(ax + 1)]);
  });
  const lo = p.starts.map((s, ax) => (ct.shape[ax] === 0 ? 0 : s));
  const hi = xShape.map((d, ax) => dimSub(dimSub(d, lo[ax]!), g.shape[ax]!) as number);
  return padWith(g, 0, lo, hi);
}

/** dot_general; a product with nothing contracted or batched is an outer product (broadcast mul). */
function dot(a: Arr, b: Arr, p: Params["dot_general"]): Arr {
  if (p.lhsContract.length || p.lhsBatch.length) return bind("dot_general", [a, b], p);
  const shape = [...a.shape, ...b.shape];
  return mul(broadcastInDim(a, shape, range(0, a.ndim)), broadcastInDim(b, shape, range(a.ndim, shape.length)));
}

/**
 * Cotangent of dot_general's lhs: contract g's rhs-free dims with y's free dims. The result comes
 * out as [batch, lhs free, lhs contract (in the order of y's sorted contract dims)], permuted to x.
 */
function dotCtLhs(g: Arr, y: Arr, xndim: number, p: Params["dot_general"]): Arr {
  const { lhsContract: xc, rhsContract: yc, lhsBatch: xb, rhsBatch: yb } = p;
  const nb = xb.length;
  const xk = complement(xndim, [...xc, ...xb]),
    yk = complement(y.ndim, [...yc, ...yb]);
  const r = dot(g, y, {
    lhsContract: range(nb + xk.length, nb + xk.length + yk.length),
    rhsContract: yk,
    lhsBatch: range(0, nb),
    rhsBatch: yb,
  });
  const ycSorted = [...yc].sort((a, b) => a - b);
  const pos = new Array<number>(xndim);
  xb.forEach((d, i) => (pos[d] = i));
  xk.forEach((d, j) => (pos[d] = nb + j));
  xc.forEach((d, i) => (pos[d] = nb + xk.length + ycSorted.indexOf(yc[i]!)));
  return transpose(r, pos);
}

/** Cotangent of dot_general's rhs, as dot_general(x, g): no transpose for matmul-shaped products. */
function dotCtRhs(g: Arr, x: Arr, yndim: number, p: Params["dot_general"]): Arr {
  const { lhsContract: xc, rhsContract: yc, lhsBatch: xb, rhsBatch: yb } = p;
  const nb = xb.length;
  const xk = complement(x.ndim, [...xc, ...xb]),
    yk = complement(yndim, [...yc, ...yb]);
  const r = dot(x, g, { lhsContract: xk, rhsContract: range(nb, nb + xk.length), lhsBatch: xb, rhsBatch: range(0, nb) });
  const xcSorted = [...xc].sort((a, b) => a - b);
  const pos = new Array<number>(yndim);
  yb.forEach((d, i) => (pos[d] = i));
  yc.forEach((d, i) => (pos[d] = nb + xcSorted.indexOf(xc[i]!)));
  yk.forEach((d, j) => (pos[d] = nb + yc.length + j));
  return transpose(r, pos);
}

/** Transpose of gather along `axis`: the cotangent scatter-added into zeros of x's shape (O(ct.size)). */
function ungather(ct: Arr, x: Arr, idx: Arr, axis: number): Arr {
  return bind("scatter_add", [zerosLike(x), idx, ct], { axis });
}

export const structuralRules: AdRules<
  | "broadcast_in_dim"
  | "reshape"
  | "transpose"
  | "slice"
  | "rev"
  | "pad"
  | "concatenate"
  | "iota"
  | "dim_value"
  | "gather"
  | "scatter_add"
  | "dot_general"
> = {
  broadcast_in_dim: {
    jvp: ([x], [t], p) => [bind("broadcast_in_dim", [x!], p), bind("broadcast_in_dim", [t!], p)],
    vjp: (ct, { inputs: [x], params }) => [unbroadcast(ct, x!.shape, params.broadcastDimensions)],
  },
  reshape: {
    jvp: ([x], [t], p) => [bind("reshape", [x!], p), bind("reshape", [t!], p)],
    vjp: (ct, { inputs: [x] }) => [reshape(ct, x!.shape)],
  },
  transpose: {
    jvp: ([x], [t], p) => [bind("transpose", [x!], p), bind("transpose", [t!], p)],
    vjp: (ct, { params }) => [transpose(ct, invertPerm(params.perm))],
  },
  slice: {
    jvp: ([x], [t], p) => [bind("slice", [x!], p), bind("slice", [t!], p)],
    vjp: (ct, { inputs: [x], params }) => [unslice(ct, x!.shape, params)],
  },
  rev: {
    jvp: ([x], [t], p) => [bind("rev", [x!], p), bind("rev", [t!], p)],
    vjp: (ct, { params }) => [bind("rev", [ct], params)],
  },
  // out = x surrounded by v (negative widths crop x): ct_x = the x region of ct, ct_v = the rest
  pad: {
    jvp: ([x, v], [tx, tv], p) => [bind("pad", [x!, v!], p), bind("pad", [tx ?? zerosLike(x!), tv ?? zerosLike(v!)], p)],
    vjp: (ct, { params, needs }) => {
      const ctx = padWith(
        ct,
        0,
        params.lo.map((v) => dimNeg(v) as number),
        params.hi.map((v) => dimNeg(v) as number),
      );
      return [needs[0] ? ctx : null, needs[1] ? sub(reduceSum(ct, range(0, ct.ndim)), reduceSum(ctx, range(0, ctx.ndim))) : null];
    },
  },
  concatenate: {
    jvp: (xs, ts, p) => [
      bind("concatenate", xs, p),
      bind(
        "concatenate",
        ts.map((t, i) => t ?? zerosLike(xs[i]!)),
        p,
      ),
    ],
    vjp: (ct, { inputs, params: { axis }, needs }) => {
      let pos = 0;
      return inputs.map((x, i) => {
        const start = pos;
        pos = dimAdd(pos, x.shape[axis]!) as number;
        if (!needs[i]) return null;
        const starts = ct.shape.map((_, d) => (d === axis ? start : 0));
        const limits = ct.shape.map((n, d) => (d === axis ? pos : n));
        return sliceAll(ct, starts, limits);
      });
    },
  },
  iota: nondiff("iota"),
  dim_value: nondiff("dim_value"),
  gather: {
    jvp: ([x, idx], [t], p) => [bind("gather", [x!, idx!], p), t === null ? null : bind("gather", [t!, idx!], p)],
    vjp: (ct, { inputs: [x, idx], params, needs }) => [needs[0] ? ungather(ct, x!, idx!, params.axis) : null, null],
  },
  // linear in x and the updates: the tangent scatters the updates' tangent; the updates' cotangent gathers
  scatter_add: {
    jvp: ([x, idx, u], [tx, , tu], p) => [
      bind("scatter_add", [x!, idx!, u!], p),
      bind("scatter_add", [tx ?? zerosLike(x!), idx!, tu ?? zerosLike(u!)], p),
    ],
    vjp: (ct, { inputs: [, idx], params, needs }) => [needs[0] ? ct : null, null, needs[2] ? bind("gather", [ct, idx!], params) : null],
  },
  dot_general: {
    jvp: ([a, b], [ta, tb], p) => [dot(a!, b!, p), tadd(ta ? dot(ta, b!, p) : null, tb ? dot(a!, tb, p) : null)],
    vjp: (ct, { inputs: [a, b], params, needs }) => [
      needs[0] ? dotCtLhs(ct, b!, a!.ndim, params) : null,
      needs[1] ? dotCtRhs(ct, a!, b!.ndim, params) : null,
    ],
  },
};
