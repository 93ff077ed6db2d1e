// Forward mode: a JVPTrace carries (primal, tangent) pairs through f, dual-number style. A null
// tangent is a symbolic zero, so constants and integer values cost nothing.
import type { HigherParams, HigherPrimitive, Params, Primitive } from "../core/primitives.js";
import type { MultiParams, MultiPrimitive } from "../core/multi-primitives.js";
import { type MainTrace, Trace, Tracer, bind, bindHigher, bindMulti, newMain } from "../core/trace.js";
import { transformError } from "../errors.js";
import { NDArray } from "../ndarray.js";
import { type TreeDef, treeFlatten, treeUnflatten } from "../ir/tree.js";
import { higherJvpRules } from "./higher.js";
import { isNondiff, jvpRules, multiRules } from "./rules/index.js";
import { convert, isFloat, zerosLike } from "./rules/ops.js";
import { leafArray, mapNested, sameStructure } from "./tree-util.js";
import type { Cotangent } from "./vjp.js";

export class JVPTracer extends Tracer {
  constructor(
    readonly _trace: JVPTrace,
    readonly primal: NDArray,
    readonly tangent: NDArray | null,
  ) {
    super(primal.shape, primal.dtype, primal.weakType);
  }
  override fullLower(): NDArray {
    return this.tangent === null ? this.primal : this;
  }
}

export class JVPTrace extends Trace {
  pure(x: NDArray): Tracer {
    return new JVPTracer(this, x, null);
  }
  processPrimitive<P extends Primitive>(prim: P, tracers: Tracer[], params: Params[P]): NDArray {
    const ts = tracers as JVPTracer[];
    const primals = ts.map((t) => t.primal);
    if (isNondiff(prim) || ts.every((t) => t.tangent === null)) return bind(prim, primals, params);
    const [out, tangent] = jvpRules[prim](
      primals,
      ts.map((t) => t.tangent),
      params,
    );
    if (tangent === null || !isFloat(out.dtype)) return out;
    return new JVPTracer(this, out, tangent);
  }
  processMulti<P extends MultiPrimitive>(prim: P, tracers: Tracer[], params: MultiParams[P]): NDArray[] {
    const ts = tracers as JVPTracer[];
    const primals = ts.map((t) => t.primal);
    if (ts.every((t) => t.tangent === null)) return bindMulti(prim, primals, params);
    const [outs, tangents] = multiRules[prim].jvp(
      primals,
      ts.map((t) => t.tangent),
      params,
    );
    return outs.map((o, i) => (tangents[i] && isFloat(o.dtype) ? new JVPTracer(this, o, tangents[i]) : o));
  }
  processHigher<P extends HigherPrimitive>(prim: P, tracers: Tracer[], params: HigherParams[P]): NDArray[] {
    const ts = tracers as JVPTracer[];
    const primals = ts.map((t) => t.primal);
    if (ts.every((t) => t.tangent === null)) return bindHigher(prim, primals, params);
    const [outs, tangents] = higherJvpRules[prim](
      primals,
      ts.map((t) => (isFloat(t.primal.dtype) ? t.tangent : null)),
      params,
    );
    return outs.map((o, i) => (isFloat(o.dtype) ? new JVPTracer(this, o, tangents[i]!) : o));
  }
}

export interface Pushed {
  outs: NDArray[];
  /** Tangent of every output leaf (zeros where it does not depend on the inputs). */
  tangentsOut: NDArray[];
  outTree: TreeDef;
  aux: unknown;
}

function lowerTree(t: unknown, main: MainTrace): unknown {
  return mapNested(t, (x) => (x instanceof JVPTracer && x._trace.main === main ? x.primal : x));
}

/** Push tangents through fn(...primals) (flat leaves). Non-float primals get no tangent. */
export function pushForward(
  fnName: string,
  fn: (...xs: NDArray[]) => unknown,
  primals: NDArray[],
  tangents: NDArray[],
  hasAux = false,
): Pushed {
  return newMain(JVPTrace, null, (main) => {
    const trace = new JVPTrace(main);
    const ins = primals.map((p, i) => (isFloat(p.dtype) ? new JVPTracer(trace, p, tangents[i]!) : p));
    let result = fn(...ins);
    let aux: unknown;
    if (hasAux) {
      if (!Array.isArray(result) || result.length !== 2)
        throw transformError.tree(fnName, "with hasAux the function must return a pair [output, aux]");
      aux = lowerTree(result[1], main);
      result = result[0];
    }
    const [leaves, outTree] = treeFlatten(result);
    const outs: NDArray[] = [],
      tangentsOut: NDArray[] = [];
    for (const l of leaves) {
      if (l instanceof JVPTracer && l._trace.main === main) {
        outs.push(l.primal);
        tangentsOut.push(l.tangent ?? zerosLike(l.primal));
      } else {
        const a = leafArray(l);
        outs.push(a);
        tangentsOut.push(zerosLike(a));
      }
    }
    return { outs, tangentsOut, outTree, aux };
  });
}

function checkTangent(fn: string, p: NDArray, t: unknown, i: number): NDArray {
  const a = t instanceof NDArray ? t : leafArray(t as number | boolean, true);
  if (a.shape.length !== p.shape.length || a.shape.some((d, k) => d !== p.shape[k]))
    throw transformError.tree(fn, `tangent ${i} has shape (${a.shape.join(", ")}) but its primal has shape (${p.shape.join(", ")})`);
  if (!isFloat(p.dtype)) return a;
  if (a.dtype !== p.dtype) {
    if (!(a.weakType || !(t instanceof NDArray)))
      throw transformError.tree(fn, `tangent ${i} has dtype ${a.dtype} but its primal has dtype ${p.dtype}`);
    return convert(a, p.dtype, p.weakType);
  }
  return a;
}

/**
 * jax.jvp: `[out, tangentOut] = jvp(f, primals, tangents)`. `primals` and `tangents` are lists with
 * one entry per argument of f (pytrees of matching structure and shapes).
 */
export function jvp<A extends unknown[], R>(f: (...args: A) => R, primals: A, tangents: A): [Cotangent<R>, Cotangent<R>] {
  const name = `jvp(${f.name || "<anonymous>"})`;
  if (!Array.isArray(primals) || !Array.isArray(tangents))
    throw transformError.tree(name, "primals and tangents must be lists, one entry per argument");
  const [pl, pt] = treeFlatten(primals);
  const [tl, tt] = treeFlatten(tangents);
  sameStructure(name, "tangents", pt, tt);
  const ps = pl.map((x) => leafArray(x, true));
  const ts = tl.map((t, i) => checkTangent(name, ps[i]!, t, i));
  const r = pushForward(name, (...xs) => f(...(treeUnflatten(pt, xs) as A)), ps, ts);
  return [treeUnflatten(r.outTree, r.outs) as Cotangent<R>, treeUnflatten(r.outTree, r.tangentsOut) as Cotangent<R>];
}

/**
 * jax.linearize: `[out, fJvp] = linearize(f, ...primals)`; `fJvp(...tangents)` is the tangent map
 * at the primals. It re-runs the forward pass per call (wrap it in jit to stage it once).
 */
export function linearize<A extends unknown[], R>(f: (...args: A) => R, ...primals: A): [R, (...tangents: A) => Cotangent<R>] {
  const [pl, pt] = treeFlatten(primals);
  const ps = pl.map((x) => leafArray(x, true));
  const name = `linearize(${f.name || "<anonymous>"})`;
  const fn = (...xs: NDArray[]) => f(...(treeUnflatten(pt, xs) as A));
  // trace f as jvp does (array leaves, tracer methods, the same output dtypes), with zero tangents
  const r0 = pushForward(
    name,
    fn,
    ps,
    ps.map((p) => zerosLike(p)),
  );
  const out = treeUnflatten(r0.outTree, r0.outs) as R;
  return [
    out,
    (...tangents: A) => {
      const [tl, tt] = treeFlatten(tangents);
      sameStructure(name, "tangents", pt, tt);
      const r = pushForward(
        name,
        fn,
        ps,
        tl.map((t, i) => checkTangent(name, ps[i]!, t, i)),
      );
      return treeUnflatten(r.outTree, r.tangentsOut) as Cotangent<R>;
    },
  ];
}
