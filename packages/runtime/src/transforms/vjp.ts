// Reverse mode. While f runs, a VJPTrace records every differentiable equation on a tape (an SSA
// list like a jaxpr's, holding the primal values the backward pass needs); the backward pass walks
// it in reverse and applies each primitive's vjp rule. The rules are ordinary binds, so the
// backward pass is itself traceable: jit(grad(f)) stages it, grad(grad(f)) differentiates it,
// vmap(grad(f)) batches it. Values from outer transformations are constants of this tape.
import {
  type AnyPrimitive,
  type HigherParams,
  type HigherPrimitive,
  type Params,
  type Primitive,
  isHigherOrder,
} from "../core/primitives.js";
import { type Dim, dimEq } from "../core/dims.js";
import { currentShapeEnv } from "../core/shape-env.js";
import { type MainTrace, Trace, Tracer, bind, bindHigher, bindMulti, newMain } from "../core/trace.js";
import { type MultiParams, type MultiPrimitive, isMultiOutput } from "../core/multi-primitives.js";
import { transformError } from "../errors.js";
import { type ArrayLike, NDArray, scalarArray } from "../ndarray.js";
import type { TypedArray } from "../dtype.js";
import { type TreeDef, treeFlatten, treeUnflatten } from "../ir/tree.js";
import { type HigherVjpRule, higherVjpRules } from "./higher.js";
import { isNondiff, multiRules, vjpRules } from "./rules/index.js";
import type { MultiVjpRule } from "./rules/types.js";
import { add, convert, isFloat, zerosLike } from "./rules/ops.js";
import { type Argnums, diffArgs, leafArray, mapNested, normalizeArgnums, sameStructure } from "./tree-util.js";

interface TapeEqn {
  prim: AnyPrimitive;
  params: unknown;
  /** Tape node of each input (null: a constant of this trace). */
  inputs: (number | null)[];
  primals: NDArray[];
  outs: NDArray[];
  /** Tape node of each output (null: not differentiable). */
  nodes: (number | null)[];
  /** What a higher-order primitive's forward kept for its backward pass. */
  saved?: unknown;
}

export class Tape {
  eqns: TapeEqn[] = [];
  nodes = 0;
}

export class VJPTracer extends Tracer {
  constructor(
    readonly _trace: VJPTrace,
    readonly primal: NDArray,
    readonly node: number | null,
  ) {
    super(primal.shape, primal.dtype, primal.weakType);
  }
  override fullLower(): NDArray {
    return this.node === null ? this.primal : this;
  }
}

export class VJPTrace extends Trace {
  pure(x: NDArray): Tracer {
    return new VJPTracer(this, x, null);
  }
  processPrimitive<P extends Primitive>(prim: P, tracers: Tracer[], params: Params[P]): NDArray {
    const ts = tracers as VJPTracer[];
    const primals = ts.map((t) => t.primal);
    const out = bind(prim, primals, params);
    if (isNondiff(prim) || !isFloat(out.dtype) || ts.every((t) => t.node === null)) return out;
    const tape = this.main.globalData as Tape;
    const node = tape.nodes++;
    tape.eqns.push({ prim, params, inputs: ts.map((t) => t.node), primals, outs: [out], nodes: [node] });
    return new VJPTracer(this, out, node);
  }
  processMulti<P extends MultiPrimitive>(prim: P, tracers: Tracer[], params: MultiParams[P]): NDArray[] {
    const ts = tracers as VJPTracer[];
    const primals = ts.map((t) => t.primal);
    const outs = bindMulti(prim, primals, params);
    if (ts.every((t) => t.node === null) || !outs.some((o) => isFloat(o.dtype))) return outs;
    const tape = this.main.globalData as Tape;
    const nodes = outs.map((o) => (isFloat(o.dtype) ? tape.nodes++ : null));
    tape.eqns.push({ prim, params, inputs: ts.map((t) => t.node), primals, outs, nodes });
    return outs.map((o, i) => (nodes[i] === null ? o : new VJPTracer(this, o, nodes[i]!)));
  }
  processHigher<P extends HigherPrimitive>(prim: P, tracers: Tracer[], params: HigherParams[P]): NDArray[] {
    const ts = tracers as VJPTracer[];
    const primals = ts.map((t) => t.primal);
    if (ts.every((t) => t.node === null)) return bindHigher(prim, primals, params);
    const rule = higherVjpRules[prim] as HigherVjpRule<P>;
    const { outs, saved } = rule.forward ? rule.forward(primals, params) : { outs: bindHigher(prim, primals, params), saved: undefined };
    const tape = this.main.globalData as Tape;
    const nodes = outs.map((o) => (isFloat(o.dtype) ? tape.nodes++ : null));
    tape.eqns.push({ prim, params, inputs: ts.map((t) => t.node), primals, outs, nodes, saved });
    return outs.map((o, i) => (nodes[i] === null ? o : new VJPTracer(this, o, nodes[i]!)));
  }
}

/** Run the tape backwards from (node, cotangent) seeds; returns the cotangent of every reached node. */
export function backwardPass(tape: Tape, seeds: readonly (readonly [number, NDArray])[]): Map<number, NDArray> {
  const ct = new Map<number, NDArray>();
  const accumulate = (n: number, g: NDArray) => {
    const prev = ct.get(n);
    ct.set(n, prev === undefined ? g : add(prev, g));
  };
  for (const [n, g] of seeds) accumulate(n, g);
  for (let i = tape.eqns.length - 1; i >= 0; i--) {
    const e = tape.eqns[i]!;
    const gs = e.nodes.map((n) => (n === null ? null : (ct.get(n) ?? null)));
    if (gs.every((g) => g === null)) continue;
    for (const n of e.nodes) if (n !== null) ct.delete(n);
    const needs = e.inputs.map((n) => n !== null);
    let cts: (NDArray | null)[];
    if (isHigherOrder(e.prim)) {
      const rule = higherVjpRules[e.prim] as HigherVjpRule<HigherPrimitive>;
      cts = rule.backward(gs, { inputs: e.primals, outs: e.outs, params: e.params as HigherParams[HigherPrimitive], saved: e.saved });
    } else if (isMultiOutput(e.prim)) {
      const rule = multiRules[e.prim] as { vjp: MultiVjpRule<MultiPrimitive> };
      cts = rule.vjp(gs, { inputs: e.primals, outs: e.outs, params: e.params as MultiParams[MultiPrimitive], needs });
    } else {
      const rule = vjpRules[e.prim as Primitive] as (ct: NDArray, c: object) => (NDArray | null)[];
      cts = rule(gs[0]!, { inputs: e.primals, out: e.outs[0], params: e.params, needs });
    }
    for (let k = 0; k < e.inputs.length; k++) {
      const n = e.inputs[k]!,
        c = cts[k];
      if (n === null || c === null || c === undefined) continue;
      const x = e.primals[k]!;
      if (c.dtype !== x.dtype || !sameShape(c.shape, x.shape))
        throw new Error(`internal: vjp rule of ${e.prim} returned a ${c.dtype}[${c.shape}] cotangent for a ${x.dtype}[${x.shape}] input`);
      accumulate(n, c);
    }
  }
  return ct;
}

export interface Recorded {
  /** Primal outputs (flat leaves, lowered to the enclosing level) and their tape nodes. */
  outs: NDArray[];
  outNodes: (number | null)[];
  outTree: TreeDef;
  inNodes: number[];
  aux: unknown;
  tape: Tape;
}

/** Lower every tracer of `main` in a pytree to its primal (for aux outputs). */
function lowerTree(t: unknown, main: MainTrace): unknown {
  return mapNested(t, (x) => (x instanceof VJPTracer && x._trace.main === main ? x.primal : x));
}

/** Run fn(...leaves) under a fresh tape; `leaves` are the inputs to differentiate. */
export function record(fnName: string, fn: (...xs: NDArray[]) => unknown, leaves: NDArray[], hasAux: boolean): Recorded {
  const tape = new Tape();
  return newMain(VJPTrace, tape, (main) => {
    const trace = new VJPTrace(main);
    const ins = leaves.map((x) => new VJPTracer(trace, x, tape.nodes++));
    let result = fn(...ins);
    let aux: unknown;
    if (hasAux) {
      if (!Array.isArray(result) || result.length !== 2)
        throw transformError.tree(fnName, "with hasAux the function must return a pair [output, aux]");
      aux = lowerTree(result[1], main);
      result = result[0];
    }
    const [outLeaves, outTree] = treeFlatten(result);
    const outs: NDArray[] = [],
      outNodes: (number | null)[] = [];
    for (const l of outLeaves) {
      if (l instanceof VJPTracer && l._trace.main === main) {
        outs.push(l.primal);
        outNodes.push(l.node);
      } else {
        outs.push(leafArray(l));
        outNodes.push(null);
      }
    }
    return { outs, outNodes, outTree, inNodes: ins.map((t) => t.node!), aux, tape };
  });
}

/** Input cotangents for given output cotangents (flat), zeros where nothing flowed. */
export function pullback(r: Recorded, cts: readonly NDArray[], inputs: readonly NDArray[]): NDArray[] {
  const seeds: [number, NDArray][] = [];
  r.outNodes.forEach((n, j) => {
    if (n !== null) seeds.push([n, cts[j]!]);
  });
  const got = seeds.length ? backwardPass(r.tape, seeds) : new Map<number, NDArray>();
  return r.inNodes.map((n, i) => {
    const x = inputs[i]!;
    const g = got.get(n);
    if (g === undefined) return zerosLike(x);
    return g.weakType === x.weakType ? g : convert(g, x.dtype, x.weakType);
  });
}

function ctLeaf(fn: string, c: unknown, like: NDArray, j: number): NDArray {
  const a = c instanceof NDArray ? c : scalarArray(Number(c), like.dtype, like.weakType);
  if (a.shape.length !== like.shape.length || a.shape.some((d, i) => d !== like.shape[i]))
    throw transformError.tree(fn, `cotangent ${j} has shape (${a.shape.join(", ")}), expected (${like.shape.join(", ")}) like the output`);
  return a.dtype === like.dtype ? a : convert(a, like.dtype, like.weakType);
}

/**
 * jax.vjp: `[out, vjpFn] = vjp(f, ...primals)`; `vjpFn(ct)` takes a cotangent shaped like `out`
 * and returns the list of cotangents of the primals (one per argument, each shaped like it).
 * Non-float leaves are not differentiated (their cotangent is zeros).
 */
export function vjp<A extends unknown[], R>(f: (...args: A) => R, ...primals: A): [Cotangent<R>, (ct: Cotangent<R>) => Cotangent<A>] {
  const name = `vjp(${f.name || "<anonymous>"})`;
  const argnums = primals.map((_, i) => i);
  const d = diffArgs(name, primals, argnums, false);
  const isDiff = d.leaves.map((x) => isFloat(x.dtype));
  const diffLeaves = d.leaves.filter((_, i) => isDiff[i]);
  const fn = (...xs: NDArray[]) => {
    let k = 0;
    const leaves = d.leaves.map((x, i) => (isDiff[i] ? xs[k++] : x));
    return f(...(d.rebuild(leaves) as A));
  };
  const r = record(name, fn, diffLeaves, false);
  const out = treeUnflatten(r.outTree, r.outs) as Cotangent<R>;
  const vjpFn = (ct: Cotangent<R>): Cotangent<A> => {
    const [cl, ctTree] = treeFlatten(ct);
    sameStructure(name, "the cotangent", r.outTree, ctTree);
    const cts = cl.map((c, j) => ctLeaf(name, c, r.outs[j]!, j));
    const g = pullback(r, cts, diffLeaves);
    let k = 0;
    const all = d.leaves.map((x, i) => (isDiff[i] ? g[k++] : zerosLike(x)));
    return treeUnflatten(d.tree, all) as Cotangent<A>;
  };
  return [out, vjpFn];
}

export interface GradOptions {
  /** Which positional argument(s) to differentiate (default 0). An array returns a list of gradients. */
  argnums?: Argnums;
  /** f returns [output, aux]; aux is passed through undifferentiated. */
  hasAux?: boolean;
}

export type AnyFn = (...args: any[]) => any;

type IsAny<T> = 0 extends 1 & T ? true : false;
/**
 * The cotangent (or tangent, or traced output) of a value: arrays and JS numbers become NDArray; lists and
 * objects keep their shape. What vjp/jvp/vmap return for a function's output of type T.
 */
export type Cotangent<T> =
  IsAny<T> extends true
    ? any
    : // a parameter typed as any array-like (nn.relu's ArrayLike) is one array, not a recursive nested list
      [ArrayLike] extends [T]
      ? NDArray
      : T extends NDArray | number | boolean | TypedArray
        ? NDArray
        : T extends readonly unknown[]
          ? { -readonly [K in keyof T]: Cotangent<T[K]> }
          : T extends object
            ? { -readonly [K in keyof T]: Cotangent<T[K]> }
            : NDArray;
type ArgCotangent<F extends AnyFn, N> = N extends number ? Cotangent<Parameters<F>[N]> : never;
type ArgnumsOf<O> = O extends { argnums: infer A } ? (A extends number | readonly number[] ? A : 0) : 0;
/** What grad returns for f and its options: the argument's cotangent, a tuple of them for an argnums list. */
export type GradValue<F extends AnyFn, O> =
  ArgnumsOf<O> extends infer A
    ? A extends readonly number[]
      ? { -readonly [K in keyof A]: ArgCotangent<F, A[K]> }
      : ArgCotangent<F, A>
    : never;
export type AuxOf<F extends AnyFn> = ReturnType<F> extends readonly [unknown, infer X] ? X : unknown;
/** grad(f, opts): the gradient, or `[gradient, aux]` with hasAux. */
export type GradResult<F extends AnyFn, O> = O extends { hasAux: true } ? [GradValue<F, O>, AuxOf<F>] : GradValue<F, O>;
/** valueAndGrad(f, opts): `[value, gradient]`; with hasAux the value is `[output, aux]`, as f returns it. */
export type ValueAndGradResult<F extends AnyFn, O> = [O extends { hasAux: true } ? [NDArray, AuxOf<F>] : NDArray, GradValue<F, O>];

/**
 * jax.value_and_grad: returns `[value, grad]` (with hasAux: `[[value, aux], grad]`). The gradient
 * has the structure of the differentiated argument (a list of them when argnums is an array).
 */
export function valueAndGrad<F extends AnyFn, const O extends GradOptions = {}>(
  f: F,
  opts?: O,
): (...args: Parameters<F>) => ValueAndGradResult<F, O> {
  const label = `valueAndGrad(${f.name || "<anonymous>"})`;
  return gradImpl(f, opts ?? {}, label) as (...args: Parameters<F>) => ValueAndGradResult<F, O>;
}

function gradImpl(f: AnyFn, opts: GradOptions, name: string) {
  if (typeof f !== "function") throw transformError.tree(name, `expected a function, got ${typeof f}`);
  if (typeof opts !== "object" || opts === null || Array.isArray(opts))
    throw transformError.tree(
      name,
      `options must be an object such as { argnums: ${JSON.stringify(opts)} }, got ${Array.isArray(opts) ? "an array" : typeof opts}`,
    );
  const hasAux = opts.hasAux ?? false;
  return (...args: unknown[]): [any, any] => {
    const { list, single } = normalizeArgnums(name, opts.argnums ?? 0, args.length);
    const d = diffArgs(name, args, list, true);
    const r = record(name, (...xs) => f(...d.rebuild(xs)), d.leaves, hasAux);
    if (r.outs.length !== 1 || r.outTree.kind !== "leaf")
      throw transformError.nonScalar(
        `${name} (it returned a pytree of ${r.outs.length} arrays; use hasAux for extra outputs)`,
        r.outs.length === 1 ? r.outs[0]!.shape : [],
      );
    const out = r.outs[0]!;
    if (out.shape.length !== 0) throw transformError.nonScalar(name, out.shape);
    if (!isFloat(out.dtype)) throw transformError.nonScalar(`${name} (the output has dtype ${out.dtype})`, out.shape);
    const g = treeUnflatten(d.tree, pullback(r, [scalarArray(1, out.dtype, false)], d.leaves)) as unknown[];
    return [hasAux ? [out, r.aux] : out, single ? g[0] : g];
  };
}

/** jax.grad: the gradient of a scalar-valued f (with hasAux: `[grad, aux]`). */
export function grad<F extends AnyFn, const O extends GradOptions = {}>(f: F, opts?: O): (...args: Parameters<F>) => GradResult<F, O> {
  const o: GradOptions = opts ?? {};
  const vg = gradImpl(f, o, `grad(${f.name || "<anonymous>"})`);
  return (...args) => {
    const [v, g] = vg(...args);
    return (o.hasAux ? [g, (v as unknown[])[1]] : g) as GradResult<F, O>;
  };
}

/** Equal shapes; symbolic dims compare after the current trace's solved substitution (`H` found equal to 16). */
function sameShape(a: readonly Dim[], b: readonly Dim[]): boolean {
  const env = currentShapeEnv();
  const resolve = (d: Dim) => (env ? env.resolve(d) : d);
  return a.length === b.length && a.every((d, j) => d === b[j] || dimEq(resolve(d), resolve(b[j]!)));
}
