// Tracing a user function into a body jaxpr for a higher-order primitive. Values the function closes
// over become leading inputs ("consts", JAX's closure conversion), so a body may capture arrays and the
// tracers of enclosing transformations alike: grad/vmap then see them as ordinary operands.
import { avalString, Jaxpr } from "../ir/jaxpr.js";
import { type ShapeDtype, traceFlat } from "../ir/trace-jaxpr.js";
import { type Leaf, type TreeDef, treeFlatten, treeUnflatten } from "../ir/tree.js";
import type { Aval } from "../core/trace.js";
import { transformError } from "../errors.js";
import type { NDArray } from "../ndarray.js";
import { leafArray } from "../transforms/tree-util.js";
import { shapesEqual } from "../shape.js";

export interface Body {
  /** (consts..., args...) -> outs; no constvars. */
  jaxpr: Jaxpr;
  consts: NDArray[];
  outTree: TreeDef;
}

/** Trace f(...unflatten(inTree, args)) over the avals of `args` (flat arrays). */
export function traceBody(name: string, f: (...args: any[]) => unknown, inTree: TreeDef, args: readonly (NDArray | ShapeDtype)[]): Body {
  const t = traceFlat(
    f,
    name,
    inTree,
    args,
    args.map(() => true),
    true,
  );
  const j = t.jaxpr;
  return {
    jaxpr: new Jaxpr([...j.constvars, ...j.inBinders], j.eqns, j.outs),
    consts: j.consts,
    outTree: t.outTree,
  };
}

/** A pytree's leaves as arrays (JS numbers are weak scalars, as everywhere). */
export function flatArrays(x: unknown): [NDArray[], TreeDef] {
  const [leaves, tree] = treeFlatten(x);
  return [leaves.map((l: Leaf) => leafArray(l)), tree];
}

export const avalOfArray = (x: NDArray): Aval => ({ shape: x.shape, dtype: x.dtype, weakType: x.weakType });
export const sameAval = (a: Aval, b: Aval) => a.dtype === b.dtype && a.weakType === b.weakType && shapesEqual(a.shape, b.shape);

/** Both avals must agree in shape and dtype (weak type is reconciled by the caller); else NJ507 naming `what`. */
export function checkAval(op: string, what: string, expected: Aval, got: Aval, against: string): void {
  if (expected.dtype !== got.dtype || !shapesEqual(expected.shape, got.shape))
    throw transformError.controlFlow(op, what, `${against} has type ${avalString(expected)}`, avalString(got));
}

export function unflatten(tree: TreeDef, xs: readonly unknown[]): unknown {
  return treeUnflatten(tree, xs);
}
