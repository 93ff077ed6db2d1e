// Named mapped axes in scope (JAX's axis environment). pmap and vmap(f, { axisName }) push a frame while
// their function runs; the collectives (psum, pmax, all_gather, axis_index) bind through `bindCollective`,
// which checks that the name is bound and, for a vmap axis, lifts the operands into that vmap's trace so
// its batching rule sees them even when they do not depend on the mapped inputs (psum of a constant is
// size × the constant).
import { parallelError } from "../errors.js";
import type { NDArray } from "../ndarray.js";
import type { CollectiveOp, Params } from "./primitives.js";
import { bind } from "./trace.js";

export interface AxisFrame {
  readonly name: string;
  readonly size: number;
  /** vmap: its MainTrace (the BatchTrace that owns the axis applies the collective's own-axis rule). */
  readonly owner?: unknown;
  /** vmap: x as a value of the owning trace (unbatched when it does not depend on the batch). */
  readonly raise?: (x: NDArray) => NDArray;
  /** vmap: each member's index along the axis (a batched iota). */
  readonly index?: () => NDArray;
}

const frames: AxisFrame[] = [];

/** Run f with the named axis bound. */
export function withAxis<T>(frame: AxisFrame, f: () => T): T {
  frames.push(frame);
  try {
    return f();
  } finally {
    frames.pop();
  }
}

/** The innermost frame binding `name`. */
export function axisFrame(name: string): AxisFrame | undefined {
  for (let i = frames.length - 1; i >= 0; i--) if (frames[i]!.name === name) return frames[i];
  return undefined;
}

export function boundAxisNames(): string[] {
  return frames.map((f) => f.name);
}

/** Collective params as a caller writes them: the axis size comes from the frame. */
export type CollectiveArgs<P extends CollectiveOp> = Omit<Params[P], "axisSize">;

/** bind a collective over a named axis; `op` is the user-facing name for errors (pmean, allGather, ...). */
export function bindCollective<P extends CollectiveOp>(prim: P, inputs: NDArray[], args: CollectiveArgs<P>, op: string = prim): NDArray {
  const frame = axisFrame(args.axisName);
  if (frame === undefined) throw parallelError.unboundAxis(op, args.axisName, boundAxisNames());
  if (prim === "axis_index" && frame.index) return frame.index();
  const params = { ...args, axisSize: frame.size } as Params[P];
  return bind(prim, frame.raise ? inputs.map(frame.raise) : inputs, params);
}
