// The IR: a jaxpr-like SSA program. Typed variables, equations {primitive, inputs, params, outs},
// literals for scalar constants, constvars for captured arrays. Higher-order equations (jit_call, cond,
// while, scan, custom derivatives, checkpoint) hold sub-jaxprs in their params and have several outputs.
import type { DType } from "../dtype.js";
import type { NDArray } from "../ndarray.js";
import { type AnyParams, type AnyPrimitive, type HigherPrimitive, assertNever, isCollective, isHigherOrder } from "../core/primitives.js";
import type { Aval } from "../core/trace.js";

let nextVarId = 0;

export class Var {
  readonly id = nextVarId++;
  constructor(readonly aval: Aval) {}
}

/** A scalar constant inlined into the program (0-d; weakly or strongly typed). */
export class Lit {
  constructor(
    readonly value: number,
    readonly aval: Aval,
  ) {}
}

export type Atom = Var | Lit;

export interface EqnOf<P extends AnyPrimitive> {
  primitive: P;
  inputs: Atom[];
  params: AnyParams[P];
  /** One output for first-order primitives; higher-order ones have one per result leaf. */
  outs: Var[];
}

/** An equation: a union keyed by primitive, so `switch (e.primitive)` narrows `e.params`. */
export type Eqn = { [P in AnyPrimitive]: EqnOf<P> }[AnyPrimitive];
export type HigherEqn = { [P in HigherPrimitive]: EqnOf<P> }[HigherPrimitive];

export const isHigherEqn = (e: Eqn): e is HigherEqn => isHigherOrder(e.primitive);

/** The sub-jaxprs of a higher-order equation (none for first-order ones). */
export function subJaxprs(e: Eqn): Jaxpr[] {
  if (!isHigherEqn(e)) return [];
  switch (e.primitive) {
    case "jit_call":
    case "checkpoint":
      return [e.params.jaxpr];
    case "cond":
      return e.params.branches;
    case "while":
      return [e.params.cond, e.params.body];
    case "scan":
      return [e.params.body];
    case "custom_jvp_call":
      return [e.params.fun, e.params.jvp];
    case "custom_vjp_call":
      return [e.params.fun, e.params.fwd];
    default:
      return assertNever(e, "higher-order primitive");
  }
}

/** Whether j or one of its sub-jaxprs has an equation of `prim`. */
export function usesPrimitive(j: Jaxpr, prim: Eqn["primitive"]): boolean {
  return j.eqns.some((e) => e.primitive === prim || subJaxprs(e).some((s) => usesPrimitive(s, prim)));
}

/** The axis names of the collectives in j and its sub-jaxprs. */
export function collectiveAxes(j: Jaxpr): string[] {
  return j.eqns.flatMap((e) =>
    isCollective(e.primitive) ? [(e.params as { axisName: string }).axisName] : subJaxprs(e).flatMap(collectiveAxes),
  );
}

/** The equation with every sub-jaxpr replaced by f(sub-jaxpr) (passes recurse into bodies with this). */
export function mapSubJaxprs(e: Eqn, f: (j: Jaxpr) => Jaxpr): Eqn {
  if (!isHigherEqn(e)) return e;
  switch (e.primitive) {
    case "jit_call":
    case "checkpoint":
      return { ...e, params: { ...e.params, jaxpr: f(e.params.jaxpr) } };
    case "cond":
      return { ...e, params: { branches: e.params.branches.map(f) } };
    case "while":
      return { ...e, params: { ...e.params, cond: f(e.params.cond), body: f(e.params.body) } };
    case "scan":
      return { ...e, params: { ...e.params, body: f(e.params.body) } };
    case "custom_jvp_call":
      return { ...e, params: { ...e.params, fun: f(e.params.fun), jvp: f(e.params.jvp) } };
    case "custom_vjp_call":
      return { ...e, params: { ...e.params, fun: f(e.params.fun), fwd: f(e.params.fwd) } };
    default:
      return assertNever(e, "higher-order primitive");
  }
}

export class Jaxpr {
  constructor(
    readonly inBinders: Var[],
    readonly eqns: Eqn[],
    readonly outs: Atom[],
    /** Captured arrays: constvars[i] is bound to consts[i]. */
    readonly constvars: Var[] = [],
    readonly consts: NDArray[] = [],
  ) {}

  toString(): string {
    return printJaxpr(this);
  }
}

const SHORT: Record<DType, string> = { float32: "f32", float64: "f64", int32: "i32", uint32: "u32", bool: "bool" };

export function avalString(a: Aval): string {
  return `${SHORT[a.dtype]}[${a.shape.join(",")}]${a.weakType ? "{weak}" : ""}`;
}

function varNamer(): (v: Var) => string {
  const names = new Map<Var, string>();
  return (v) => {
    let n = names.get(v);
    if (n === undefined) {
      let i = names.size;
      n = "";
      do {
        n = String.fromCharCode(97 + (i % 26)) + n;
        i = Math.floor(i / 26) - 1;
      } while (i >= 0);
      names.set(v, n);
    }
    return n;
  };
}

/** Params as JAX prints them; a sub-jaxpr is printed nested (`{ lambda ... }`), indented under its equation. */
function paramString(params: object, sub: (j: Jaxpr) => string): string {
  // functions (customVjp's bwd) and bookkeeping objects (jit_call's counters) are not part of the program text
  const entries = Object.entries(params).filter(
    ([, v]) => typeof v !== "function" && (typeof v !== "object" || v instanceof Jaxpr || Array.isArray(v)),
  );
  if (!entries.length) return "";
  const fmt = (v: unknown): string =>
    v instanceof Jaxpr ? sub(v) : Array.isArray(v) ? `(${v.map(fmt).join(",")}${v.length === 1 ? "," : ""})` : String(v);
  return `[${entries.map(([k, v]) => `${k}=${fmt(v)}`).join(" ")}]`;
}

export function printJaxpr(j: Jaxpr, indent = ""): string {
  const name = varNamer();
  const atom = (a: Atom) => (a instanceof Lit ? litString(a) : name(a));
  const decl = (v: Var) => `${name(v)}:${avalString(v.aval)}`;
  const consts = j.constvars.map(decl).join(" ");
  const ins = j.inBinders.map(decl).join(" ");
  const lines = [`{ lambda ${consts}${consts ? " ; " : ""}${ins}. let`];
  const sub = (s: Jaxpr) => printJaxpr(s, `${indent}      `);
  for (const e of j.eqns) {
    const outs = e.outs.map(decl).join(" ");
    lines.push(`${indent}    ${outs} = ${e.primitive}${paramString(e.params, sub)} ${e.inputs.map(atom).join(" ")}`);
  }
  lines.push(`${indent}  in (${j.outs.map(atom).join(", ")}) }`);
  return lines.join("\n");
}

export function litString(l: Lit): string {
  const v = l.value;
  if (l.aval.dtype === "bool") return v ? "True" : "False";
  const int = l.aval.dtype === "int32" || l.aval.dtype === "uint32";
  const s = Number.isInteger(v) && !int ? `${v}.0` : String(v);
  return l.aval.dtype === "int32" || l.aval.dtype === "float32" ? s : `${s}:${SHORT[l.aval.dtype]}`;
}

/** Count the consumers of each var: distinct equations reading it, plus one per output use. */
export function useCounts(j: Jaxpr): Map<Var, number> {
  const m = new Map<Var, number>();
  const use = (a: Atom) => {
    if (a instanceof Var) m.set(a, (m.get(a) ?? 0) + 1);
  };
  for (const e of j.eqns) new Set(e.inputs).forEach(use);
  j.outs.forEach(use);
  return m;
}
