// Differentiation rules of reductions and scans, forward and backward side by side.
import type { CumulativeOp, Params, ReduceOp } from "../../core/primitives.js";
import { bind } from "../../core/trace.js";
import { nondiff } from "./elementwise.js";
import type { AdRules } from "./types.js";
import {
  type Arr,
  add,
  broadcastInDim,
  complement,
  div,
  eq,
  full,
  invertPerm,
  maskOf,
  mul,
  padWith,
  reduceSum,
  reshape,
  select,
  transpose,
  zerosLike,
  gt,
  lt,
} from "./ops.js";

/** The reduced output broadcast back over the input (the kept dims keep their positions). */
const expand = (y: Arr, x: Arr, axes: number[]) => broadcastInDim(y, x.shape, complement(x.ndim, axes));

/** max/min: the derivative is shared evenly by every element equal to the extremum. */
function extremum(p: "reduce_max" | "reduce_min") {
  const locate = (x: Arr, y: Arr, axes: number[]): [Arr, Arr, Arr] => {
    const at = eq(x, expand(y, x, axes));
    const mask = maskOf(at, x.dtype);
    return [at, mask, reduceSum(mask, axes)];
  };
  return {
    // the tangents of the other elements are selected away, not multiplied by 0: an infinite tangent
    // there (log at 0) must not turn the result into NaN (XLA's answer for JAX's mul-by-mask rule)
    jvp: ([x]: Arr[], [t]: (Arr | null)[], params: Params[typeof p]): [Arr, Arr | null] => {
      const y = bind(p, [x!], params);
      const [at, , count] = locate(x!, y, params.axes);
      return [y, div(reduceSum(select(at, t!, zerosLike(t!)), params.axes), count)];
    },
    vjp: (ct: Arr, { inputs: [x], out, params }: { inputs: Arr[]; out: Arr; params: Params[typeof p] }) => {
      const [, mask, count] = locate(x!, out, params.axes);
      return [mul(mask, expand(div(ct, count), x!, params.axes))];
    },
  };
}

/**
 * For every element, the product of the other elements of its reduction group. Computed with an
 * exclusive cumulative product from each side (no division, so zeros are fine):
 * others[i] = prod(x[:i]) * prod(x[i+1:]).
 */
function productOfOthers(x: Arr, axes: number[]): Arr {
  const kept = complement(x.ndim, axes);
  const perm = [...kept, ...axes];
  const kshape = kept.map((i) => x.shape[i]!),
    rshape = axes.map((i) => x.shape[i]!);
  const n = rshape.reduce((a, b) => a * b, 1);
  const flat = reshape(transpose(x, perm), [...kshape, n]);
  const last = kshape.length;
  const edge = (v: number) => [...kshape.map(() => 0), v];
  const fwd = bind("cumprod", [flat], { axis: last, reverse: false });
  const bwd = bind("cumprod", [flat], { axis: last, reverse: true });
  const left = padWith(fwd, 1, edge(1), edge(-1)); // prod(x[:i])
  const right = padWith(bwd, 1, edge(-1), edge(1)); // prod(x[i+1:])
  return transpose(reshape(mul(left, right), [...kshape, ...rshape]), invertPerm(perm));
}

// ---- scans -------------------------------------------------------------------------------------
// cumprod / cummax / cummin are differentiated through a Hillis-Steele scan: log2(n) steps of
// y <- combine(y, shift(y, d)), d = 1, 2, 4, ... Each step is elementwise, so its derivative is
// exact and zero-safe (no division by x as in the closed form for cumprod).

interface Combine {
  identity: number;
  op: (a: Arr, b: Arr) => Arr;
  /** d combine / d a, d combine / d b */
  weights: (a: Arr, b: Arr, y: Arr) => [Arr, Arr];
}

const shift = (y: Arr, axis: number, d: number, fill: number): Arr =>
  padWith(
    y,
    fill,
    y.shape.map((_, i) => (i === axis ? d : 0)),
    y.shape.map((_, i) => (i === axis ? -d : 0)),
  );
const unshift = (c: Arr, axis: number, d: number): Arr =>
  padWith(
    c,
    0,
    c.shape.map((_, i) => (i === axis ? -d : 0)),
    c.shape.map((_, i) => (i === axis ? d : 0)),
  );

function maxW(a: Arr, b: Arr): [Arr, Arr] {
  const half = mul(maskOf(eq(a, b), a.dtype), full(0.5, a));
  return [add(maskOf(gt(a, b), a.dtype), half), add(maskOf(lt(a, b), a.dtype), half)];
}

const COMBINE: Record<"cumprod" | "cummax" | "cummin", Combine> = {
  cumprod: { identity: 1, op: mul, weights: (a, b) => [b, a] },
  cummax: { identity: -Infinity, op: (a, b) => bind("max", [a, b], {}), weights: (a, b) => maxW(a, b) },
  cummin: { identity: Infinity, op: (a, b) => bind("min", [a, b], {}), weights: (a, b) => maxW(b, a) },
};

/** Intermediate values of the scan (forward direction along axis). */
function scanSteps(x: Arr, axis: number, c: Combine): Arr[] {
  const ys = [x];
  for (let d = 1; d < x.shape[axis]!; d *= 2) {
    const y = ys[ys.length - 1]!;
    ys.push(c.op(y, shift(y, axis, d, c.identity)));
  }
  return ys;
}

const rev = (x: Arr, axis: number, on: boolean): Arr => (on ? bind("rev", [x], { axes: [axis] }) : x);

function scanRule(p: "cumprod" | "cummax" | "cummin") {
  const c = COMBINE[p];
  return {
    jvp: ([x]: Arr[], [t]: (Arr | null)[], params: Params[typeof p]): [Arr, Arr | null] => {
      const { axis, reverse } = params;
      const ys = scanSteps(rev(x!, axis, reverse), axis, c);
      let tt = rev(t!, axis, reverse);
      for (let k = 0, d = 1; k + 1 < ys.length; k++, d *= 2) {
        const [wa, wb] = c.weights(ys[k]!, shift(ys[k]!, axis, d, c.identity), ys[k + 1]!);
        tt = add(mul(tt, wa), mul(shift(tt, axis, d, 0), wb));
      }
      return [bind(p, [x!], params), rev(tt, axis, reverse)];
    },
    vjp: (ct: Arr, { inputs: [x], params }: { inputs: Arr[]; params: Params[typeof p] }) => {
      const { axis, reverse } = params;
      const ys = scanSteps(rev(x!, axis, reverse), axis, c);
      let g = rev(ct, axis, reverse);
      for (let k = ys.length - 2, d = 2 ** k; k >= 0; k--, d /= 2) {
        const [wa, wb] = c.weights(ys[k]!, shift(ys[k]!, axis, d, c.identity), ys[k + 1]!);
        g = add(mul(g, wa), unshift(mul(g, wb), axis, d));
      }
      return [rev(g, axis, reverse)];
    },
  };
}

export const reductionRules: AdRules<ReduceOp | CumulativeOp | "argmax" | "argmin" | "argsort"> = {
  reduce_sum: {
    jvp: ([x], [t], params) => [bind("reduce_sum", [x!], params), bind("reduce_sum", [t!], params)],
    vjp: (ct, { inputs: [x], params }) => [expand(ct, x!, params.axes)],
  },
  reduce_max: extremum("reduce_max"),
  reduce_min: extremum("reduce_min"),
  reduce_prod: {
    jvp: ([x], [t], params) => [bind("reduce_prod", [x!], params), reduceSum(mul(t!, productOfOthers(x!, params.axes)), params.axes)],
    vjp: (ct, { inputs: [x], params }) => [mul(expand(ct, x!, params.axes), productOfOthers(x!, params.axes))],
  },
  argmax: nondiff("argmax"),
  argmin: nondiff("argmin"),
  argsort: nondiff("argsort"),
  cumsum: {
    jvp: ([x], [t], params) => [bind("cumsum", [x!], params), bind("cumsum", [t!], params)],
    vjp: (ct, { params }) => [bind("cumsum", [ct], { axis: params.axis, reverse: !params.reverse })],
  },
  cumprod: scanRule("cumprod"),
  cummax: scanRule("cummax"),
  cummin: scanRule("cummin"),
};
