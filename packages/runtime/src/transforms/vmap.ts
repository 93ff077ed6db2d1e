// vmap: a BatchTrace carries each value with the position of its batch axis (or null when it is
// the same for every example) and runs each primitive through its batching rule once for the
// whole batch.
import {
  type CollectiveOp,
  type HigherParams,
  type HigherPrimitive,
  type Params,
  type Primitive,
  isCollective,
} from "../core/primitives.js";
import { axisFrame, withAxis } from "../core/axis-env.js";
import { type MainTrace, Trace, Tracer, bind, bindHigher, bindMulti, newMain } from "../core/trace.js";
import type { MultiParams, MultiPrimitive } from "../core/multi-primitives.js";
import { parallelError, transformError } from "../errors.js";
import { type Eqn, collectiveAxes, subJaxprs } from "../ir/jaxpr.js";
import { evalJaxpr } from "../ir/trace-jaxpr.js";
import { NDArray } from "../ndarray.js";
import { type Leaf, treeFlatten, treeUnflatten } from "../ir/tree.js";
import { batchRules, matchAxis, moveAxis, multiBatchRules, ownAxisCollective } from "./batching.js";
import { higherBatchRules } from "./higher.js";
import { vmapRef } from "./vmap-ref.js";
import { type AxisSpec, axesPerLeaf, leafArray } from "./tree-util.js";
import type { Cotangent } from "./vjp.js";

export class BatchTracer extends Tracer {
  constructor(
    readonly _trace: BatchTrace,
    readonly val: NDArray,
    readonly bdim: number | null,
  ) {
    super(bdim === null ? val.shape : val.shape.filter((_, i) => i !== bdim), val.dtype, val.weakType);
  }
  override fullLower(): NDArray {
    return this.bdim === null ? this.val : this;
  }
}

export class BatchTrace extends Trace {
  pure(x: NDArray): Tracer {
    return new BatchTracer(this, x, null);
  }
  processPrimitive<P extends Primitive>(prim: P, tracers: Tracer[], params: Params[P]): NDArray {
    const ts = tracers as BatchTracer[];
    const vals = ts.map((t) => t.val),
      dims = ts.map((t) => t.bdim);
    if (isCollective(prim) && axisFrame((params as Params[CollectiveOp]).axisName)?.owner === this.main) {
      const [out, d] = ownAxisCollective(prim, vals[0], dims[0] ?? null, params as never);
      return d === null ? out : new BatchTracer(this, out, d);
    }
    if (dims.every((d) => d === null)) return bind(prim, vals, params);
    const [out, d] = batchRules[prim](vals, dims, params, this.main.globalData as number);
    return d === null ? out : new BatchTracer(this, out, d);
  }
  processMulti<P extends MultiPrimitive>(prim: P, tracers: Tracer[], params: MultiParams[P]): NDArray[] {
    const ts = tracers as BatchTracer[];
    const vals = ts.map((t) => t.val),
      dims = ts.map((t) => t.bdim);
    if (dims.every((d) => d === null)) return bindMulti(prim, vals, params);
    const [outs, ds] = multiBatchRules[prim](vals, dims, params, this.main.globalData as number);
    return outs.map((o, i) => (ds[i] === null ? o : new BatchTracer(this, o, ds[i]!)));
  }
  processHigher<P extends HigherPrimitive>(prim: P, tracers: Tracer[], params: HigherParams[P]): NDArray[] {
    const ts = tracers as BatchTracer[];
    const vals = ts.map((t) => t.val),
      dims = ts.map((t) => t.bdim);
    // a sub-program with collectives over this vmap's axis: a call is inlined (its collectives then see this
    // trace); control flow cannot be, since its batching rule retraces the body under a fresh batch trace
    const own = subJaxprs({ primitive: prim, params } as unknown as Eqn)
      .flatMap(collectiveAxes)
      .find((a) => axisFrame(a)?.owner === this.main);
    if (own !== undefined) {
      if (prim === "jit_call" || prim === "checkpoint") return evalJaxpr((params as HigherParams["jit_call"]).jaxpr, tracers);
      throw parallelError.collectiveInControlFlow("vmap", prim, own);
    }
    if (dims.every((d) => d === null)) return bindHigher(prim, vals, params);
    const [outs, ds] = higherBatchRules[prim](vals, dims, params, this.main.globalData as number);
    return outs.map((o, i) => (ds[i] === null ? o : new BatchTracer(this, o, ds[i]!)));
  }
}

type IsAny<T> = 0 extends 1 & T ? true : false;
/**
 * A batch-axis spec that is a tree prefix of a value of type T: a number or null for the whole value,
 * or (for a list or object) one spec per entry.
 */
type AxisPrefix<T> =
  IsAny<T> extends true
    ? AxisSpec
    : T extends NDArray | number | boolean
      ? number | null
      : T extends readonly unknown[]
        ? number | null | { readonly [K in keyof T]: AxisPrefix<T[K]> }
        : T extends object
          ? number | null | { [K in keyof T]: AxisPrefix<T[K]> }
          : number | null;
/** inAxes for arguments A: one spec for all, or a list with one tree prefix per argument (its length checked). */
export type InAxes<A extends readonly unknown[]> =
  | number
  | null
  | undefined
  | (IsAny<A> extends true ? AxisSpec[] : { readonly [K in keyof A]: AxisPrefix<A[K]> });
/** outAxes for an output of type R: a tree prefix of it. */
export type OutAxes<R> = AxisPrefix<R> | undefined;

export interface VmapOptions<A extends readonly unknown[] = any[], R = any> {
  /**
   * Batch axis of each argument: a number or null (not batched) for all arguments, or a list with
   * one entry per argument, each a number, null, or a tree prefix of that argument. Default 0.
   */
  inAxes?: InAxes<A>;
  /** Where the batch axis goes in the outputs (number, null for unbatched outputs, or a tree prefix). Default 0. */
  outAxes?: OutAxes<R>;
  /** Batch size when no argument is batched. */
  axisSize?: number;
  /** Names the batch axis for the collectives inside f (lax.psum(x, axisName), lax.axisIndex, ...), as jax.vmap's axis_name. */
  axisName?: string;
}

function normAxis(ax: number, ndim: number, what: string): number {
  if (!Number.isInteger(ax) || ax < -ndim || ax >= ndim) throw transformError.vmap(`${what}: axis ${ax} is out of bounds for rank ${ndim}`);
  return ax < 0 ? ax + ndim : ax;
}

/** jax.vmap: vectorize f over a batch axis of its arguments. */
export function vmap<F extends (...args: any[]) => any>(
  f: F,
  options: VmapOptions<Parameters<F>, ReturnType<F>> = {},
): (...args: Parameters<F>) => Cotangent<ReturnType<F>> {
  const name = f.name || "<anonymous>";
  const opts = options as unknown as VmapOptions;
  if (typeof opts !== "object" || opts === null || Array.isArray(opts))
    throw transformError.vmap(
      `options must be an object such as { inAxes: ${JSON.stringify(opts)} }, got ${Array.isArray(opts) ? "an array" : typeof opts}`,
    );
  if (opts.axisName !== undefined && typeof opts.axisName !== "string")
    throw transformError.vmap(`axisName must be a string, got ${typeof opts.axisName}`);
  return (...args: unknown[]): any => {
    const spec: AxisSpec = opts.inAxes === undefined ? 0 : (opts.inAxes as AxisSpec);
    if (Array.isArray(spec) && spec.length !== args.length)
      throw transformError.vmap(`inAxes has ${spec.length} entries but ${name} was called with ${args.length} arguments`);
    const axes = args.flatMap((a, i) => axesPerLeaf(Array.isArray(spec) ? spec[i] : spec, a, `argument ${i}`));
    const [leaves, inTree] = treeFlatten(args);
    let size: number | undefined = opts.axisSize;
    const sizes: string[] = [];
    const bdims = leaves.map((x, k) => {
      const ax = axes[k]!;
      if (ax === null) return null;
      if (!(x instanceof NDArray))
        throw transformError.vmap(`a batched argument leaf must be an array, got ${typeof x} (use inAxes null for it)`);
      const a = normAxis(ax, x.ndim, `inAxes for a leaf of shape (${x.shape.join(", ")})`);
      sizes.push(`(${x.shape.join(", ")}) axis ${a}`);
      if (size !== undefined && x.shape[a] !== size)
        throw transformError.vmap(
          `inconsistent sizes along the mapped axes: ${sizes.join("; ")}` +
            `${opts.axisSize !== undefined ? `; axisSize ${opts.axisSize}` : ""}`,
        );
      size = x.shape[a];
      return a;
    });
    if (size === undefined) throw transformError.vmap("no argument is batched (every inAxes is null); pass axisSize");
    const n = size;
    return newMain(BatchTrace, n, (main) => {
      const trace = new BatchTrace(main);
      const ins = leaves.map((x, k) => (bdims[k] === null ? x : new BatchTracer(trace, x as NDArray, bdims[k]!)));
      const call = () => f(...(treeUnflatten(inTree, ins) as unknown[]));
      const out = opts.axisName === undefined ? call() : withAxis(axisFrameOf(opts.axisName, n, trace), call);
      const [outLeaves, outTree] = treeFlatten(out);
      const outAxes = axesPerLeaf(opts.outAxes === undefined ? 0 : (opts.outAxes as AxisSpec), out, "output");
      return treeUnflatten(
        outTree,
        outLeaves.map((l, k) => placeOutput(l, outAxes[k]!, main, n)),
      );
    });
  };
}

/** The named batch axis: collectives over it lift their operands into this vmap's trace. */
function axisFrameOf(name: string, size: number, trace: BatchTrace) {
  const main = trace.main;
  return {
    name,
    size,
    owner: main,
    raise: (x: NDArray) => (x instanceof Tracer && x._trace.main.level >= main.level ? x : new BatchTracer(trace, x, null)),
    index: () => {
      const [iota, d] = ownAxisCollective("axis_index", undefined, null, { axisName: name, axisSize: size });
      return new BatchTracer(trace, iota, d);
    },
  };
}

function placeOutput(l: Leaf, ax: number | null, main: MainTrace, size: number): NDArray {
  let val: NDArray, d: number | null;
  if (l instanceof BatchTracer && l._trace.main === main) [val, d] = [l.val, l.bdim];
  else [val, d] = [leafArray(l), null];
  if (ax === null) {
    if (d !== null) throw transformError.vmap("outAxes is null for an output that depends on the batched inputs");
    return val;
  }
  const rank = d === null ? val.ndim + 1 : val.ndim;
  const a = normAxis(ax, rank, "outAxes");
  return d === null ? matchAxis(val, null, size, a) : moveAxis(val, d, a);
}

vmapRef.fn = vmap;
