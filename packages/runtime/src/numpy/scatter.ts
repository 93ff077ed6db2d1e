// JAX's functional update `x.at(index).set/add/multiply/min/max(v)`: a new array, `x` unchanged.
//
// The index is a slice spec list (as x.slice) or one integer NDArray (rows along axis 0, as x.take(idx, 0)).
// The indexed positions are found by indexing an iota of x's flat positions the same way. add is one
// `scatter_add` (O(updates)); set finds each position's last update by a stable argsort of the positions and
// scatters the winner's index, then gathers (O(updates log updates + x.size)); multiply/min/max (and bool set)
// are a masked reduction over a [positions, x.size] one-hot match (O(updates * x.size)). Traced indices work
// under jit and gradients follow the scatter_add/gather/where/prod/max rules.
// Duplicate indices accumulate for add/multiply/min/max; for set the last one wins (NumPy; JAX leaves it
// unspecified).
import { argumentError } from "../errors.js";
import { NDArray, type ArrayLike } from "../ndarray.js";
import { isFloat } from "../dtype.js";
import { bind } from "../core/trace.js";
import {
  add,
  equal,
  greater,
  greaterEqual,
  logicalAnd,
  logicalOr,
  maximum,
  minimum,
  multiply,
  notEqual,
  subtract,
  where,
} from "./elementwise.js";
import { argsort } from "./sorting.js";
import { any, max, min, prod } from "./reductions.js";
import { broadcastTo, convert, operand, reshapeTo } from "./util.js";
import { concatenate, expandDims, ravel } from "./shape-ops.js";
import { arange, iota } from "./creation.js";
import { type SliceSpec, slice, take } from "./indexing.js";

export type AtIndex = SliceSpec[] | [NDArray];

export class AtUpdater {
  constructor(
    private readonly x: NDArray,
    private readonly index: AtIndex,
  ) {}
  /** The indexed values (x.slice / x.take). */
  get(): NDArray {
    return pick(this.x, this.index);
  }
  set(v: ArrayLike): NDArray {
    return update(this.x, this.index, v, "set");
  }
  add(v: ArrayLike): NDArray {
    return update(this.x, this.index, v, "add");
  }
  multiply(v: ArrayLike): NDArray {
    return update(this.x, this.index, v, "multiply");
  }
  mul(v: ArrayLike): NDArray {
    return update(this.x, this.index, v, "multiply");
  }
  min(v: ArrayLike): NDArray {
    return update(this.x, this.index, v, "min");
  }
  max(v: ArrayLike): NDArray {
    return update(this.x, this.index, v, "max");
  }
}

/** One NDArray index selects rows along axis 0 (take); anything else is slice specs (a JS list is a [start, stop, step] tuple). */
function isArrayIndex(index: AtIndex): index is [NDArray] {
  return index.length === 1 && index[0] instanceof NDArray;
}
function pick(a: NDArray, index: AtIndex): NDArray {
  return isArrayIndex(index) ? take(a, index[0], 0) : slice(a, ...(index as SliceSpec[]));
}

export type ScatterOp = "set" | "add" | "multiply" | "min" | "max";

function update(x: NDArray, index: AtIndex, value: ArrayLike, op: ScatterOp): NDArray {
  const n = x.size;
  const positions = ravel(pick(reshapeTo(arange(n), x.shape.slice()), index));
  const target = pick(x, index).shape;
  const v = ravel(broadcastTo(convert(operand(value, `at.${op}`), x.dtype, x.weakType), target, `at.${op}`));
  if (positions.size === 0) return x;
  return reshapeTo(scatterFlat(ravel(x), convert(positions, "int32", false), v, op, `at.${op}`), x.shape.slice());
}

/**
 * The 1-D `xf` with the updates `v` combined at `positions` (int32, v's shape; a negative position drops its
 * update): shared by x.at() and lax's scatters.
 */
export function scatterFlat(xf: NDArray, positions: NDArray, value: NDArray, op: ScatterOp, name: string): NDArray {
  const x = xf,
    n = xf.size;
  const v = convert(value, x.dtype, x.weakType, name);
  if (positions.size === 0) return x;
  if (op === "add" && x.dtype !== "bool") {
    const keep = greaterEqual(positions, 0);
    return bind("scatter_add", [xf, maximum(positions, 0), where(keep, v, convert(operand(0, name), x.dtype, true))], { axis: 0 });
  }
  if (op === "set" && x.dtype !== "bool") {
    // a stable sort keeps equal positions in update order: the last of each run is the update that wins
    const order = argsort(positions, 0);
    const sorted = take(positions, order);
    const next = concatenate([slice(sorted, "1:"), convert(operand(-1, name), "int32", false).reshape([1])]);
    const last = logicalAnd(greaterEqual(sorted, 0), notEqual(sorted, next));
    // each position's winner as a 1-based update index (0: no update); winners are unique per position
    const zero = convert(operand(0, name), "int32", false);
    const winner = bind("scatter_add", [broadcastTo(zero, [n]), maximum(sorted, 0), where(last, add(order, 1), zero)], { axis: 0 });
    return where(greater(winner, 0), take(v, maximum(subtract(winner, 1), 0)), xf);
  }
  const hit = equal(expandDims(positions, 1), arange(n)); // [K, n]
  const vk = expandDims(v, 1);
  let out: NDArray;
  if (op === "add") out = where(any(hit, 0), logicalOr(xf, any(logicalAnd(hit, vk), 0)), xf);
  else if (op === "multiply") out = multiply(xf, prod(where(hit, vk, 1), 0, { dtype: x.dtype }));
  else if (op === "min" || op === "max") {
    const big = isFloat(x.dtype) ? Infinity : x.dtype === "int32" ? 2147483647 : x.dtype === "uint32" ? 4294967295 : 1;
    const small = x.dtype === "uint32" || x.dtype === "bool" ? 0 : -big;
    const red = op === "min" ? min(where(hit, vk, big), 0) : max(where(hit, vk, small), 0);
    out = where(any(hit, 0), op === "min" ? minimum(xf, red) : maximum(xf, red), xf);
  } else {
    const last = max(where(hit, iota(hit.shape, 0), -1), 0); // the last update of each position, -1 if none
    out = where(greaterEqual(last, 0), take(v, maximum(last, 0)), xf);
  }
  if (op !== "set" && x.dtype === "bool") out = convert(out, "bool", x.weakType);
  return convert(out, x.dtype, x.weakType);
}

/** x.at(...index): an updater whose methods return the updated copy. */
export function at(x: NDArray, index: unknown[]): AtUpdater {
  if (index.length === 0) throw argumentError.invalid("at", "an index is required (slice specs or one integer array)");
  return new AtUpdater(x, index as AtIndex);
}
