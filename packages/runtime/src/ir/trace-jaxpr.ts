// Staging into the IR: a JaxprTrace records every bind as an equation (omnistaging: it is the
// dynamic trace, so even ops on constants are recorded). makeJaxpr / traceToJaxpr / evalJaxpr.
import { type DType, isBigInt } from "../dtype.js";
import { registerWeakScalar } from "../numpy/util.js";
import { NDArray, scalarArray } from "../ndarray.js";
import { type HigherParams, type HigherPrimitive, type Params, type Primitive, assertNever, isCollective } from "../core/primitives.js";
import { bindCollective } from "../core/axis-env.js";
import { abstractEvalSymbolic } from "../core/shape-rules.js";
import { currentShapeEnv } from "../core/shape-env.js";
import {
  type Aval,
  type MainTrace,
  Trace,
  Tracer,
  bind,
  bindHigher,
  bindMulti,
  newMain,
  withDynamic,
  withFunctionName,
} from "../core/trace.js";
import { type MultiParams, type MultiPrimitive, isMultiOutput, multiShapeRules } from "../core/multi-primitives.js";
import { type Atom, type Eqn, type HigherEqn, Jaxpr, Lit, Var, isHigherEqn } from "./jaxpr.js";
import { type Leaf, type TreeDef, treeFlatten, treeUnflatten } from "./tree.js";
import type { ArgIndex } from "../jit/jit.js";
import { scalarLeafDType } from "../jit/args.js";

// the scalar-leaf helpers live with the other argument helpers (light: the precompiled entry uses them)
export { scalarLeafArray, scalarLeafDType, scalarLeafKey } from "../jit/args.js";

/** Thrown when tracing meets a closed-over tracer of an outer transformation (see jit). */
export class CapturedTracer extends Error {
  constructor() {
    super("a traced value of an enclosing transformation was captured by closure");
  }
}

export class JaxprTracer extends Tracer {
  constructor(
    readonly _trace: JaxprTrace,
    aval: Aval,
  ) {
    super(aval.shape, aval.dtype, aval.weakType);
  }
}

class Builder {
  /** Closed-over tracers of enclosing transformations become constvars (control-flow bodies) instead of an error (jit). */
  constructor(readonly capture = false) {}
  eqns: Eqn[] = [];
  tracerToVar = new Map<JaxprTracer, Var>();
  constTracers = new Map<NDArray, JaxprTracer>();
  constVals = new Map<Var, NDArray>();
  lits = new Map<Var, Lit>();

  newTracer(trace: JaxprTrace, aval: Aval): JaxprTracer {
    const t = new JaxprTracer(trace, aval);
    this.tracerToVar.set(t, new Var(aval));
    return t;
  }
  getVar(t: JaxprTracer): Var {
    const v = this.tracerToVar.get(t);
    if (!v) throw new Error("internal: tracer without var");
    return v;
  }
}

export class JaxprTrace extends Trace {
  get builder(): Builder {
    return this.main.globalData as Builder;
  }
  pure(x: NDArray): Tracer {
    // a tracer of an enclosing transformation captured by closure has no data to embed
    const b = this.builder;
    if (x instanceof Tracer && !b.capture) throw new CapturedTracer();
    let t = b.constTracers.get(x);
    if (!t) {
      t = b.newTracer(this, { shape: x.shape, dtype: x.dtype, weakType: x.weakType });
      b.constTracers.set(x, t);
      const v = b.getVar(t);
      if (x.ndim === 0 && !(x instanceof Tracer)) b.lits.set(v, new Lit(Number(x.data[x.offset]), v.aval));
      else b.constVals.set(v, x);
    }
    return t;
  }
  processPrimitive<P extends Primitive>(prim: P, tracers: Tracer[], params: Params[P]): NDArray {
    const b = this.builder;
    // the rules are one table over Dim: concrete avals take their number paths; in a symbolic trace
    // (traceSymbolic) the env records what they assume
    const aval = abstractEvalSymbolic(prim, tracers, params as never, currentShapeEnv()) as Aval;
    const out = b.newTracer(this, aval);
    b.eqns.push({
      primitive: prim,
      inputs: tracers.map((t) => b.getVar(t as JaxprTracer)),
      params,
      outs: [b.getVar(out)],
    } as Eqn);
    return out;
  }
  processMulti<P extends MultiPrimitive>(prim: P, tracers: Tracer[], params: MultiParams[P]): NDArray[] {
    const b = this.builder;
    const outs = multiShapeRules[prim](tracers, params).map((a) => b.newTracer(this, a as Aval));
    b.eqns.push({
      primitive: prim,
      inputs: tracers.map((t) => b.getVar(t as JaxprTracer)),
      params,
      outs: outs.map((o) => b.getVar(o)),
    } as Eqn);
    return outs;
  }
  processHigher<P extends HigherPrimitive>(prim: P, tracers: Tracer[], params: HigherParams[P]): NDArray[] {
    const b = this.builder;
    const outs = higherOutAvals(prim, params).map((a) => b.newTracer(this, a));
    b.eqns.push({
      primitive: prim,
      inputs: tracers.map((t) => b.getVar(t as JaxprTracer)),
      params,
      outs: outs.map((o) => b.getVar(o)),
    } as Eqn);
    return outs;
  }
}

/** Output avals of a higher-order primitive, from its sub-programs. */
export function higherOutAvals<P extends HigherPrimitive>(prim: P, params: HigherParams[P]): Aval[] {
  const e = { primitive: prim, params } as HigherEqn;
  const avals = (j: Jaxpr) => j.outs.map((o) => o.aval);
  switch (e.primitive) {
    case "jit_call":
    case "checkpoint":
      return avals(e.params.jaxpr);
    case "cond":
      return avals(e.params.branches[0]!);
    case "while":
      return avals(e.params.body);
    case "scan": {
      const { body, carry, length } = e.params;
      return avals(body).map((a, i) => (i < carry ? a : { ...a, shape: [length, ...a.shape] }));
    }
    case "custom_jvp_call":
    case "custom_vjp_call":
      return avals(e.params.fun);
    default:
      return assertNever(e, "higher-order primitive");
  }
}

/** An abstract argument: shape and dtype only (jax.ShapeDtypeStruct). */
export interface ShapeDtype {
  shape: readonly number[];
  dtype: DType;
  weakType?: boolean;
}

export interface TracedProgram {
  jaxpr: Jaxpr;
  inTree: TreeDef;
  outTree: TreeDef;
}

/**
 * Trace `f` on abstract leaves. `leafAvals[i] === null` marks a static (concrete) leaf passed as is.
 * Returns the jaxpr over the abstract leaves, in order.
 */
export function traceFlat(
  f: (...args: any[]) => unknown,
  name: string,
  inTree: TreeDef,
  leaves: readonly unknown[],
  isAbstract: readonly boolean[],
  capture = false,
): TracedProgram {
  const builder = new Builder(capture);
  return newMain(JaxprTrace, builder, (main: MainTrace) => {
    const trace = new JaxprTrace(main);
    const inVars: Var[] = [];
    const args = leaves.map((x, i) => {
      if (!isAbstract[i]) return x;
      const aval = avalOf(x as Leaf);
      const t = builder.newTracer(trace, aval);
      inVars.push(builder.getVar(t));
      return t;
    });
    const result = withDynamic(main, () =>
      withFunctionName(name, () => {
        // a float (or out-of-int32 integer) JS scalar is traced as a float64 input; the function sees
        // its weak float32 view, which remembers the float64 for promotion to float64 (numpy/util)
        leaves.forEach((x, i) => {
          if (!isAbstract[i] || typeof x !== "number" || scalarLeafDType(x) !== "float64") return;
          const view = bind("convert_element_type", [args[i] as NDArray], { dtype: "float32", weakType: true });
          registerWeakScalar(view, args[i] as NDArray, isBigInt(x) ? x : undefined);
          args[i] = view;
        });
        return f(...treeUnflatten(inTree, args));
      }),
    );
    const [outLeaves, outTree] = treeFlatten(result);
    const outs: Atom[] = outLeaves.map((o) => {
      const x = o instanceof NDArray ? o : scalarArray(Number(o), typeof o === "boolean" ? "bool" : "float32", true);
      const t = x instanceof JaxprTracer && x._trace.main === main ? x : (trace.pure(x) as JaxprTracer);
      const v = builder.getVar(t);
      return builder.lits.get(v) ?? v;
    });
    return { jaxpr: finish(builder, inVars, outs), inTree, outTree };
  });
}

export function avalOf(x: Leaf | ShapeDtype): Aval {
  if (x instanceof NDArray) return { shape: x.shape.slice(), dtype: x.dtype, weakType: x.weakType };
  if (typeof x === "number" || typeof x === "boolean") {
    const dtype = scalarLeafDType(x);
    return { shape: [], dtype, weakType: dtype !== "float64" };
  }
  return { shape: x.shape.slice(), dtype: x.dtype, weakType: x.weakType ?? false };
}

function finish(b: Builder, inVars: Var[], outs: Atom[]): Jaxpr {
  const sub = (a: Atom): Atom => (a instanceof Var ? (b.lits.get(a) ?? a) : a);
  const eqns = b.eqns.map((e) => ({ ...e, inputs: e.inputs.map(sub) }));
  const constvars = [...b.constVals.keys()];
  return new Jaxpr(
    inVars,
    eqns,
    outs,
    constvars,
    constvars.map((v) => b.constVals.get(v)!),
  );
}

/** f with the static positions filled from `args`: what tracing calls with the dynamic arguments. */
export function withStatics(f: (...args: any[]) => unknown, args: readonly unknown[], statics: ReadonlySet<number>) {
  return (...xs: unknown[]) => f(...xs.map((x, i) => (statics.has(i) ? args[i] : x)));
}

/** jax.make_jaxpr: makeJaxpr(f)(...args) -> Jaxpr (print it with toString()). */
export function makeJaxpr<A extends unknown[]>(
  f: (...args: A) => unknown,
  opts: { staticArgnums?: ArgIndex<(...args: A) => unknown>[] } = {},
) {
  return (...args: A): Jaxpr => {
    const static_ = new Set<number>(opts.staticArgnums ?? []);
    const wrapped = args.map((a, i) => (static_.has(i) ? new StaticBox(a) : a));
    const [leaves, inTree] = treeFlatten(wrapped.map((a) => (a instanceof StaticBox ? null : a)));
    return traceFlat(
      withStatics(f as (...a: unknown[]) => unknown, args, static_),
      f.name,
      inTree,
      leaves,
      leaves.map(() => true),
    ).jaxpr;
  };
}
class StaticBox {
  constructor(readonly value: unknown) {}
}

/** Evaluate a jaxpr by binding each equation: eager when nothing traces, staged/transformed otherwise. */
export function evalJaxpr(j: Jaxpr, args: readonly NDArray[], consts: readonly NDArray[] = j.consts): NDArray[] {
  const env = new Map<Var, NDArray>();
  j.constvars.forEach((v, i) => env.set(v, consts[i]!));
  j.inBinders.forEach((v, i) => env.set(v, args[i]!));
  const read = (a: Atom): NDArray => (a instanceof Lit ? scalarArray(a.value, a.aval.dtype, a.aval.weakType) : env.get(a)!);
  for (const e of j.eqns) {
    const ins = e.inputs.map(read);
    if (isHigherEqn(e) || isMultiOutput(e.primitive)) {
      const outs = isHigherEqn(e)
        ? bindHigher(e.primitive, ins, e.params as never)
        : bindMulti(e.primitive as MultiPrimitive, ins, e.params as never);
      e.outs.forEach((v, i) => env.set(v, outs[i]!));
    } else if (isCollective(e.primitive)) env.set(e.outs[0]!, bindCollective(e.primitive, ins, e.params as never));
    else env.set(e.outs[0]!, bind(e.primitive, ins, e.params as never));
  }
  return j.outs.map(read);
}
