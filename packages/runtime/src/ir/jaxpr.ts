// The IR: a jaxpr-like SSA program. Typed variables, equations {primitive, inputs, params, out},
// literals for scalar constants, constvars for captured arrays.
import type { DType } from "../dtype.js";
import type { NDArray } from "../ndarray.js";
import type { Params, Primitive } from "../core/primitives.js";
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

export interface Eqn<P extends Primitive = Primitive> {
  primitive: P;
  inputs: Atom[];
  params: Params[P];
  out: Var;
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

function paramString(params: object): string {
  const entries = Object.entries(params);
  if (!entries.length) return "";
  const fmt = (v: unknown): string => (Array.isArray(v) ? `(${v.map(fmt).join(",")}${v.length === 1 ? "," : ""})` : String(v));
  return `[${entries.map(([k, v]) => `${k}=${fmt(v)}`).join(" ")}]`;
}

export function printJaxpr(j: Jaxpr): string {
  const name = varNamer();
  const atom = (a: Atom) => (a instanceof Lit ? litString(a) : name(a));
  const decl = (v: Var) => `${name(v)}:${avalString(v.aval)}`;
  const consts = j.constvars.map(decl).join(" ");
  const ins = j.inBinders.map(decl).join(" ");
  const lines = [`{ lambda ${consts}${consts ? " ; " : ""}${ins}. let`];
  for (const e of j.eqns) {
    lines.push(`    ${decl(e.out)} = ${e.primitive}${paramString(e.params)} ${e.inputs.map(atom).join(" ")}`);
  }
  lines.push(`  in (${j.outs.map(atom).join(", ")}) }`);
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
