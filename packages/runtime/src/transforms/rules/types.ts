// Rule signatures. Forward (jvp) and backward (vjp) rules of a primitive live side by side in one
// AdRule record; the per-transformation tables are keyed by primitive and typed
// `{ [P in Primitive]: ... }`, so a primitive without a rule fails to type-check.
import type { Params, Primitive } from "../../core/primitives.js";
import type { MultiParams, MultiPrimitive } from "../../core/multi-primitives.js";
import type { NDArray } from "../../ndarray.js";

/**
 * Forward mode: (primal out, tangent out) from primal inputs and their tangents.
 * A null tangent is an exact zero (at least one input tangent is non-null when a rule runs);
 * a null tangent out means the output does not depend on the perturbed inputs.
 */
export type JvpRule<P extends Primitive> = (
  primals: NDArray[],
  tangents: (NDArray | null)[],
  params: Params[P],
) => [NDArray, NDArray | null];

export interface VjpContext<P extends Primitive> {
  /** Primal inputs of the equation (values of the enclosing level: arrays or other tracers). */
  inputs: NDArray[];
  /** Primal output. */
  out: NDArray;
  params: Params[P];
  /** needs[i]: input i is differentiated (skip work for the others and return null). */
  needs: boolean[];
}

/**
 * Reverse mode: cotangent of each input from the output cotangent `ct` (shape and dtype of the
 * output). Each returned cotangent has exactly its input's shape and dtype; null is zero.
 */
export type VjpRule<P extends Primitive> = (ct: NDArray, c: VjpContext<P>) => (NDArray | null)[];

export interface AdRule<P extends Primitive> {
  jvp: JvpRule<P>;
  vjp: VjpRule<P>;
  /** Piecewise constant or integer valued: never recorded, its derivative is zero everywhere. */
  nondiff?: true;
}

export type AdRules<K extends Primitive> = { [P in K]: AdRule<P> };

/**
 * vmap: `vals[i]` carries its batch axis at `dims[i]` (null = not batched; at least one is batched).
 * Returns the result and the position of its batch axis.
 */
export type BatchRule<P extends Primitive> = (
  vals: NDArray[],
  dims: (number | null)[],
  params: Params[P],
  axisSize: number,
) => [NDArray, number | null];

export type BatchRules<K extends Primitive> = { [P in K]: BatchRule<P> };

/** Forward mode of a multi-output primitive: every primal output, and each one's tangent (null: zero). */
export type MultiJvpRule<P extends MultiPrimitive> = (
  primals: NDArray[],
  tangents: (NDArray | null)[],
  params: MultiParams[P],
) => [NDArray[], (NDArray | null)[]];

export interface MultiVjpContext<P extends MultiPrimitive> {
  inputs: NDArray[];
  /** Every primal output. */
  outs: NDArray[];
  params: MultiParams[P];
  needs: boolean[];
}

/** Reverse mode of a multi-output primitive: input cotangents from one cotangent per output (null: zero). */
export type MultiVjpRule<P extends MultiPrimitive> = (cts: (NDArray | null)[], c: MultiVjpContext<P>) => (NDArray | null)[];

export interface MultiAdRule<P extends MultiPrimitive> {
  jvp: MultiJvpRule<P>;
  vjp: MultiVjpRule<P>;
}

/** vmap of a multi-output primitive: its outputs and the batch axis of each. */
export type MultiBatchRule<P extends MultiPrimitive> = (
  vals: NDArray[],
  dims: (number | null)[],
  params: MultiParams[P],
  axisSize: number,
) => [NDArray[], (number | null)[]];
