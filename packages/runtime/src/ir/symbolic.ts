// Symbolic tracing (issue 11, JAX's shape polymorphism): trace a function ONCE on abstract arguments
// whose dims may be symbols (`f32[B, N]`), and instantiate the resulting jaxpr at concrete sizes.
// The trace runs the function's own numpy code with the ShapeEnv installed (core/shape-env.ts), so the
// shape rules and the numpy layer's shape helpers unify dims or record the constraints the call-time
// guard checks. `instantiate` is the plan's view of the same program: every dim evaluated from the
// bindings, `dim_value` folded into the literal it stands for — the jaxpr a concrete trace at those
// sizes gives.
import type { DType } from "../dtype.js";
import { allocate } from "../dtype.js";
import { NDArray } from "../ndarray.js";
import { type Bindings, type Dim, SymDim, evalDim, evalShape, isConcreteShape } from "../core/dims.js";
import { ShapeEnv, withShapeEnv } from "../core/shape-env.js";
import { type SymAval, dimsSize } from "../core/shape-rules.js";
import type { Aval } from "../core/trace.js";
import { type Atom, type Eqn, Jaxpr, Lit, Var } from "./jaxpr.js";
import { traceFlat, withStatics } from "./trace-jaxpr.js";
import { type TreeDef, treeFlatten } from "./tree.js";

/** An abstract argument whose dims may be symbolic (jax.ShapeDtypeStruct with `symbolic_shape`). */
export interface SymbolicArg {
  shape: readonly Dim[];
  dtype: DType;
  weakType?: boolean;
}

export interface SymbolicTrace {
  /** Avals and shape-carrying params (reshape sizes, broadcast shapes, slice bounds, pad, iota, dim_value) hold Dims. */
  jaxpr: Jaxpr;
  /** The constraints the rules assumed (the call-time guard) and the symbols they unified. */
  env: ShapeEnv;
  outAvals: SymAval[];
  inTree: TreeDef;
  outTree: TreeDef;
}

export interface TraceSymbolicOptions {
  staticArgnums?: number[];
  name?: string;
  /** Record undecidable comparisons in this env (default: a new one). */
  env?: ShapeEnv;
  /** No env: a comparison the rules cannot decide (add of [N] and [M]) raises NJ112 instead of a constraint. */
  strict?: boolean;
}

function isAbstractArg(x: unknown): x is SymbolicArg {
  return x !== null && typeof x === "object" && !(x instanceof NDArray) && "shape" in x && "dtype" in x;
}

/** A data-less array of an abstract argument's shape; tracing reads only its aval. */
function placeholder(a: SymbolicArg): NDArray {
  const shape = a.shape as readonly number[];
  return new NDArray(
    allocate(a.dtype, 0),
    shape,
    a.dtype,
    shape.map(() => 0),
    0,
    a.weakType ?? false,
    dimsSize(a.shape) as number,
  );
}

/** Abstract arguments (at any depth of a pytree) as placeholders; numbers, booleans and arrays as they are. */
export function placeholders(x: unknown): unknown {
  if (isAbstractArg(x)) return placeholder(x);
  if (Array.isArray(x)) return x.map(placeholders);
  if (x !== null && typeof x === "object" && Object.getPrototypeOf(x) === Object.prototype)
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, placeholders(v)]));
  return x;
}

/** Trace `fn` once on `args` (pytrees of SymbolicArg leaves, numbers, booleans; statics by position). */
export function traceSymbolic(fn: (...args: any[]) => unknown, args: readonly unknown[], opts: TraceSymbolicOptions = {}): SymbolicTrace {
  const env = opts.env ?? new ShapeEnv();
  const stat = new Set(opts.staticArgnums ?? []);
  const [leaves, inTree] = treeFlatten(args.map((a, i) => (stat.has(i) ? null : placeholders(a))));
  const traced = withShapeEnv(opts.strict ? undefined : env, () =>
    traceFlat(
      withStatics(fn, args, stat),
      opts.name ?? fn.name,
      inTree,
      leaves,
      leaves.map(() => true),
    ),
  );
  return { jaxpr: traced.jaxpr, env, outAvals: traced.jaxpr.outs.map((o) => o.aval), inTree, outTree: traced.outTree };
}

function evalParam(v: unknown, b: Bindings): unknown {
  if (v instanceof SymDim) return evalDim(v, b);
  if (Array.isArray(v) && v.some((x) => x instanceof SymDim)) return v.map((x) => (x instanceof SymDim ? evalDim(x, b) : x));
  return v;
}

const evalAval = (a: Aval, b: Bindings): Aval => (isConcreteShape(a.shape) ? a : { ...a, shape: evalShape(a.shape, b) });

/**
 * The symbolic jaxpr at concrete sizes: avals and params evaluated from `bindings` (every symbol the
 * jaxpr mentions), `dim_value[d]` replaced by the literal d. Check the env's constraints first: the
 * rules assumed them.
 */
export function instantiate(j: Jaxpr, bindings: Bindings): Jaxpr {
  const map = new Map<Var, Atom>();
  const fresh = (v: Var): Var => {
    const n = new Var(evalAval(v.aval, bindings));
    map.set(v, n);
    return n;
  };
  const atom = (a: Atom): Atom => (a instanceof Lit ? a : (map.get(a) ?? fresh(a)));
  const constvars = j.constvars.map(fresh);
  const inBinders = j.inBinders.map(fresh);
  const eqns: Eqn[] = [];
  for (const e of j.eqns) {
    const params = Object.fromEntries(Object.entries(e.params).map(([k, v]) => [k, evalParam(v, bindings)]));
    if (e.primitive === "dim_value") {
      map.set(e.out, new Lit((params as { dim: number }).dim, e.out.aval));
      continue;
    }
    eqns.push({ primitive: e.primitive, inputs: e.inputs.map(atom), params, out: fresh(e.out) } as Eqn);
  }
  return new Jaxpr(inBinders, eqns, j.outs.map(atom), constvars, j.consts);
}
