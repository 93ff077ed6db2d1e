// The collectives (jax.lax.psum, pmean, pmax, all_gather, axis_index): reductions and gathers across the
// members of a named mapped axis — the devices of pmap, or the examples of vmap(f, { axisName }). Each
// takes a pytree and applies to every leaf; outside an axis of that name they raise NJ511.
import { axisFrame, bindCollective } from "../core/axis-env.js";
import { parallelError } from "../errors.js";
import { type Leaf, treeFlatten, treeUnflatten } from "../ir/tree.js";
import type { NDArray } from "../ndarray.js";
import { divide } from "../numpy/elementwise.js";
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
