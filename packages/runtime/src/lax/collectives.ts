// The collectives (jax.lax.psum, pmean, pmax, pmin, all_gather, axis_index, ppermute, psum_scatter,
// all_to_all): reductions and exchanges across the members of a named mapped axis — the devices of pmap,
// or the examples of vmap(f, { axisName }). Each takes a pytree and applies to every leaf; outside an axis
// of that name they raise NJ511. pmin, ppermute, psumScatter and allToAll are compositions of the
// primitives (pmax of an order-reversed value; an all_gather then this member's part, picked by
// axis_index), so they run wherever those do and differentiate through all_gather's transpose.
import { axisFrame, bindCollective, boundAxisNames } from "../core/axis-env.js";
import { parallelError, transformError } from "../errors.js";
import { isFloat } from "../dtype.js";
import { type Leaf, treeFlatten, treeUnflatten } from "../ir/tree.js";
import type { NDArray } from "../ndarray.js";
import { bitwiseNot, divide, greaterEqual, logicalNot, maximum, multiply, negative, where } from "../numpy/elementwise.js";
import { array } from "../numpy/util.js";
import { take } from "../numpy/indexing.js";
import { moveaxis } from "../numpy/shape-ops.js";
import { dynamicSliceInDim } from "./indexing.js";
import { reshape } from "../numpy/shape-ops.js";
import { leafArray } from "../transforms/tree-util.js";
import type { Cotangent } from "../transforms/vjp.js";

function mapLeaves<T>(x: T, f: (a: NDArray) => NDArray): Cotangent<T> {
  const [leaves, tree] = treeFlatten(x);
  return treeUnflatten(
    tree,
    leaves.map((l) => f(leafArray(l as Leaf))),
  ) as Cotangent<T>;
}

/** The size of a bound axis (jax.lax.psum(1, axis_name)); NJ511 when no pmap/vmap binds the name. */
export function axisSize(axisName: string): number {
  const frame = axisFrame(axisName);
  if (frame === undefined) throw parallelError.unboundAxis("axisSize", axisName, []);
  return frame.size;
}

/** jax.lax.psum: the sum of x over every member of the axis (each member gets the total). */
export function psum<T>(x: T, axisName: string): Cotangent<T> {
  return mapLeaves(x, (a) => bindCollective("psum", [a], { axisName }));
}

/** jax.lax.pmean: psum(x) / the axis size (true division, as JAX: an int32 mean is float). */
export function pmean<T>(x: T, axisName: string): Cotangent<T> {
  return mapLeaves(x, (a) => divide(bindCollective("psum", [a], { axisName }, "pmean"), axisSize(axisName)));
}

/** jax.lax.pmax: the elementwise maximum over the axis (NaN propagates). Not differentiable, as in JAX. */
export function pmax<T>(x: T, axisName: string): Cotangent<T> {
  return mapLeaves(x, (a) => bindCollective("pmax", [a], { axisName }));
}

export interface AllGatherOptions {
  /** Where the gathered axis goes (default 0). */
  axis?: number;
  /** Concatenate along `axis` instead of stacking a new axis (default false). */
  tiled?: boolean;
}

/** jax.lax.all_gather: every member's x stacked along a new `axis` (or concatenated, tiled). */
export function allGather<T>(x: T, axisName: string, options: AllGatherOptions = {}): Cotangent<T> {
  const tiled = options.tiled ?? false;
  return mapLeaves(x, (a) => {
    const ndim = tiled ? a.ndim : a.ndim + 1;
    const ax = options.axis ?? 0;
    if (!Number.isInteger(ax) || ax < -ndim || ax >= ndim || (tiled && a.ndim === 0))
      throw parallelError.pmap("allGather", `axis ${ax} is out of bounds for a gathered value of rank ${ndim}`, { axis: ax });
    const axis = ax < 0 ? ax + ndim : ax;
    const g = bindCollective("all_gather", [a], { axisName, axis }, "allGather");
    if (!tiled) return g;
    return reshape(g, [...a.shape.slice(0, axis), g.shape[axis]! * a.shape[axis]!, ...a.shape.slice(axis + 1)]);
  });
}

/** jax.lax.axis_index: this member's position along the axis (int32 0-d). */
export function axisIndex(axisName: string): NDArray {
  return bindCollective("axis_index", [], { axisName }, "axisIndex");
}

/** An order-reversing bijection of the dtype (x -> -x, ~x, !x): pmin is pmax between two of them. */
function reversed(a: NDArray): NDArray {
  return isFloat(a.dtype) ? negative(a) : a.dtype === "bool" ? logicalNot(a) : bitwiseNot(a);
}

/** jax.lax.pmin: the elementwise minimum over the axis. Not differentiable, as pmax. */
export function pmin<T>(x: T, axisName: string): Cotangent<T> {
  return mapLeaves(x, (a) => reversed(bindCollective("pmax", [reversed(a)], { axisName }, "pmin")));
}

function normalizedAxis(op: string, what: string, axis: number, ndim: number): number {
  if (!Number.isInteger(axis) || axis < -ndim || axis >= ndim)
    throw transformError.laxArgument(op, `${what} ${axis} is out of bounds for rank ${ndim}`);
  return axis < 0 ? axis + ndim : axis;
}

/**
 * jax.lax.ppermute: member dst receives member src's x for every [src, dst] pair of `perm` (each source and
 * each destination at most once); a member that receives nothing gets zeros.
 */
export function ppermute<T>(x: T, axisName: string, perm: readonly (readonly [number, number])[]): Cotangent<T> {
  const op = "ppermute";
  const frame = axisFrame(axisName);
  if (frame === undefined) throw parallelError.unboundAxis(op, axisName, boundAxisNames());
  const n = frame.size;
  const from = new Array<number>(n).fill(-1);
  const srcs = new Set<number>();
  if (!Array.isArray(perm)) throw transformError.laxArgument(op, "perm must be a list of [source, destination] pairs");
  for (const pair of perm) {
    const [s, d] = Array.isArray(pair) ? pair : [NaN, NaN];
    const ok = (v: number) => Number.isInteger(v) && v >= 0 && v < n;
    if (!ok(s!) || !ok(d!))
      throw transformError.laxArgument(op, `perm entry ${JSON.stringify(pair)} is not a pair of members of an axis of size ${n}`);
    if (srcs.has(s!) || from[d!] !== -1)
      throw transformError.laxArgument(op, `perm ${JSON.stringify(perm)} repeats a source or a destination`);
    srcs.add(s!);
    from[d!] = s!;
  }
  const src = take(array(from, { dtype: "int32" }), axisIndex(axisName), 0);
  return mapLeaves(x, (a) => {
    const g = bindCollective("all_gather", [a], { axisName, axis: 0 }, op);
    return where(greaterEqual(src, 0), take(g, maximum(src, 0), 0), multiply(a, 0));
  });
}

/** This member's block of `g` (the gathered or summed value) along `axis`: index i (not tiled) or the i-th of n chunks. */
function ownBlock(op: string, g: NDArray, axis: number, axisName: string, tiled: boolean): NDArray {
  const n = axisSize(axisName),
    len = g.shape[axis]!;
  const i = axisIndex(axisName);
  if (!tiled) {
    if (len !== n)
      throw transformError.laxArgument(op, `axis ${axis} has size ${len}; it must equal the axis size ${n} (or pass tiled: true)`);
    return take(g, i, axis);
  }
  if (len % n !== 0) throw transformError.laxArgument(op, `axis ${axis} has size ${len}, not divisible by the axis size ${n}`);
  return dynamicSliceInDim(g, multiply(i, len / n), len / n, axis);
}

/** jax.lax.psum_scatter: the psum, of which each member keeps its block along scatterDimension. */
export function psumScatter<T>(x: T, axisName: string, opts: { scatterDimension?: number; tiled?: boolean } = {}): Cotangent<T> {
  const op = "psumScatter";
  return mapLeaves(x, (a) => {
    const d = normalizedAxis(op, "scatterDimension", opts.scatterDimension ?? 0, a.ndim);
    return ownBlock(op, bindCollective("psum", [a], { axisName }, op), d, axisName, opts.tiled ?? false);
  });
}

/**
 * jax.lax.all_to_all: x split along splitAxis into one block per member; member i receives block i of every
 * member and joins them along concatAxis in member order (not tiled: the split axis, of the axis size, is
 * removed and the members' axis inserted at concatAxis; tiled: blocks concatenate).
 */
export function allToAll<T>(x: T, axisName: string, splitAxis: number, concatAxis: number, opts: { tiled?: boolean } = {}): Cotangent<T> {
  const op = "allToAll";
  const tiled = opts.tiled ?? false;
  return mapLeaves(x, (a) => {
    const split = normalizedAxis(op, "splitAxis", splitAxis, a.ndim);
    const concat = normalizedAxis(op, "concatAxis", concatAxis, a.ndim);
    const g = bindCollective("all_gather", [a], { axisName, axis: 0 }, op); // [members, ...x.shape]
    const mine = moveaxis(ownBlock(op, g, split + 1, axisName, tiled), 0, concat);
    if (!tiled) return mine;
    const s = mine.shape;
    return reshape(mine, [...s.slice(0, concat), s[concat]! * s[concat + 1]!, ...s.slice(concat + 2)]);
  });
}
