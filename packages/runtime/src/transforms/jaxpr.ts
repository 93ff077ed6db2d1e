// Transformations as Jaxpr -> Jaxpr functions, for the build-time compiler (and for inspection).
// Each one evaluates the input jaxpr under the transformation while staging into a new jaxpr, so
// the result is exactly what jit(transform(f)) would trace, and runs through the same passes.
import type { Aval } from "../core/trace.js";
import type { TreeDef } from "../ir/tree.js";
import type { NDArray } from "../ndarray.js";
import type { Jaxpr } from "../ir/jaxpr.js";
import { evalJaxpr, traceFlat } from "../ir/trace-jaxpr.js";
import { pushForward } from "./jvp.js";
import { grad, pullback, record, valueAndGrad } from "./vjp.js";
import { vmap } from "./vmap.js";

/** Trace fn over abstract inputs of the given avals into a new jaxpr. */
export function retrace(name: string, avals: readonly Aval[], fn: (...xs: NDArray[]) => NDArray[]): Jaxpr {
  const tree: TreeDef = { kind: "list", children: avals.map(() => ({ kind: "leaf" })) };
  const leaves = avals.map((a) => ({ shape: a.shape.slice(), dtype: a.dtype, weakType: a.weakType }));
  return traceFlat(
    fn as (...args: unknown[]) => unknown,
    name,
    tree,
    leaves,
    leaves.map(() => true),
  ).jaxpr;
}

const inAvals = (j: Jaxpr): Aval[] => j.inBinders.map((v) => v.aval);
const run =
  (j: Jaxpr) =>
  (...xs: NDArray[]) =>
    evalJaxpr(j, xs);

export interface GradJaxprOptions {
  /** Inputs to differentiate (default [0]). */
  argnums?: number[];
  /** Also return the value first: (value, ...grads). */
  withValue?: boolean;
}

/**
 * grad of a jaxpr whose first output is a scalar: inputs unchanged, outputs (value?, ...grads of
 * argnums). Further outputs of the jaxpr are ignored.
 */
export function gradJaxpr(j: Jaxpr, opts: GradJaxprOptions = {}): Jaxpr {
  const argnums = opts.argnums ?? [0];
  const f = (...xs: NDArray[]) => evalJaxpr(j, xs)[0];
  return retrace("grad", inAvals(j), (...xs) => {
    if (opts.withValue) {
      const [v, g] = valueAndGrad(f, { argnums })(...xs);
      return [v as NDArray, ...(g as NDArray[])];
    }
    return grad(f, { argnums })(...xs) as NDArray[];
  });
}

/** jvp of a jaxpr: (primals..., tangents...) -> (outs..., tangent outs...). */
export function jvpJaxpr(j: Jaxpr): Jaxpr {
  const avals = inAvals(j);
  const n = avals.length;
  return retrace("jvp", [...avals, ...avals], (...xs) => {
    const r = pushForward("jvp", run(j), xs.slice(0, n), xs.slice(n));
    return [...r.outs, ...r.tangentsOut];
  });
}

/** vjp of a jaxpr: (primals..., output cotangents...) -> (outs..., input cotangents...). */
export function vjpJaxpr(j: Jaxpr): Jaxpr {
  const avals = inAvals(j);
  const n = avals.length;
  return retrace("vjp", [...avals, ...j.outs.map((o) => o.aval)], (...xs) => {
    const primals = xs.slice(0, n);
    const r = record("vjp", run(j), primals, false);
    return [...r.outs, ...pullback(r, xs.slice(n), primals)];
  });
}

/**
 * vmap of a jaxpr: inputs get a batch axis of `axisSize` at inAxes[i] (null: unbatched); outputs
 * carry it at outAxes[k] (default 0).
 */
export function vmapJaxpr(j: Jaxpr, inAxes: readonly (number | null)[], axisSize: number, outAxes?: readonly (number | null)[]): Jaxpr {
  const avals = inAvals(j).map((a, i) => {
    const ax = inAxes[i];
    if (ax === null || ax === undefined) return a;
    const shape = a.shape.slice();
    shape.splice(ax < 0 ? ax + a.shape.length + 1 : ax, 0, axisSize);
    return { ...a, shape };
  });
  return retrace(
    "vmap",
    avals,
    (...xs) => vmap(run(j), { inAxes: inAxes.map((a) => a ?? null), outAxes: outAxes ? [...outAxes] : 0, axisSize })(...xs) as NDArray[],
  );
}
