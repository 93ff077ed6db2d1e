// Optimization passes, each a pure Jaxpr -> Jaxpr function, run in the order of PIPELINE.
// They run on symbolic jaxprs too (traceSymbolic): shapes are compared only for equality (`shapesEqual`,
// CSE's params key), which on interned SymDims is dimEq, so every rewrite holds for all sizes.
import { castScalar } from "../dtype.js";
import { type NDArray, scalarArray } from "../ndarray.js";
import { isElementwise } from "../core/primitives.js";
import { impls } from "../core/trace.js";
import { shapesEqual } from "../shape.js";
import { type Atom, type Eqn, Jaxpr, Lit, Var } from "./jaxpr.js";

export type Pass = { name: string; run: (j: Jaxpr) => Jaxpr };

type Subst = Map<Var, Atom>;
const resolve = (s: Subst, a: Atom): Atom => {
  while (a instanceof Var && s.has(a)) a = s.get(a)!;
  return a;
};
const sameAval = (a: Atom, b: Atom) =>
  a.aval.dtype === b.aval.dtype && a.aval.weakType === b.aval.weakType && shapesEqual(a.aval.shape, b.aval.shape);

/** Scalar constant folding and algebraic identities. Only rewrites that keep the out aval exactly. */
function simplifyEqn(e: Eqn, s: Subst, defs: Map<Var, Eqn>): Atom | Eqn | Eqn[] {
  const ins = e.inputs.map((a) => resolve(s, a));
  const out = e.out;
  const p = e.primitive;
  // fold elementwise ops over scalar literals by running the eager kernel
  if (isElementwise(p) && out.aval.shape.length === 0 && ins.every((a) => a instanceof Lit)) {
    const r = impls[p](
      ins.map((l) => scalarArray((l as Lit).value, l.aval.dtype, l.aval.weakType)),
      e.params as never,
    );
    return new Lit(Number(r.data[r.offset]!), out.aval);
  }
  // broadcast of a scalar literal to a 0-d shape, convert of a literal
  if (p === "convert_element_type" && ins[0]! instanceof Lit && out.aval.shape.length === 0)
    return new Lit(castScalar(ins[0].value, out.aval.dtype), out.aval);
  const a = ins[0]!,
    b = ins[1];
  // a literal, or a literal broadcast to an array shape
  const isLitValue = (x: Atom | undefined, v: number): boolean => {
    if (x instanceof Lit) return x.value === v;
    const d = x instanceof Var ? defs.get(x) : undefined;
    return d !== undefined && d.primitive === "broadcast_in_dim" && d.inputs[0]! instanceof Lit && (d.inputs[0] as Lit).value === v;
  };
  const keepsA = () => sameAval(a, out),
    keepsB = () => b !== undefined && sameAval(b, out);
  switch (p) {
    case "add":
      if (isLitValue(b, 0) && keepsA()) return a;
      if (isLitValue(a, 0) && keepsB()) return b!;
      break;
    case "sub":
      if (isLitValue(b, 0) && keepsA()) return a;
      break;
    case "mul":
      if (isLitValue(b, 1) && keepsA()) return a;
      if (isLitValue(a, 1) && keepsB()) return b!;
      break;
    case "div":
      if (isLitValue(b, 1) && keepsA()) return a;
      break;
    case "neg": {
      const d = a instanceof Var ? defs.get(a) : undefined;
      if (d && d.primitive === "neg") {
        const inner = resolve(s, d.inputs[0]!);
        if (sameAval(inner, out)) return inner;
      }
      break;
    }
    case "convert_element_type": {
      if (keepsA()) return a;
      // a cast that only changes weakness after a cast to the same dtype: one cast (the weak float32
      // view of a traced JS scalar, made strong by the array it meets)
      const d = a instanceof Var ? defs.get(a) : undefined;
      if (d && d.primitive === "convert_element_type" && a!.aval.dtype === out.aval.dtype) {
        const src = resolve(s, d.inputs[0]!);
        return sameAval(src, out) ? src : { ...e, inputs: [src] };
      }
      break;
    }
    case "stop_gradient":
      // only transformations (which run before jit's passes) give it meaning
      return a;
    case "reshape": {
      if (keepsA()) return a;
      const d = a instanceof Var ? defs.get(a) : undefined;
      if (d && d.primitive === "reshape") return { ...e, inputs: [resolve(s, d.inputs[0]!)] };
      break;
    }
    case "broadcast_in_dim": {
      if (keepsA()) return a;
      // broadcast(convert(x)) -> convert(broadcast(x)): the cast joins the consumer's fused loop
      // instead of being a kernel of its own (a weak JS scalar argument meeting an array)
      const d = a instanceof Var ? defs.get(a) : undefined;
      // broadcast of a broadcast is one broadcast (dims compose)
      if (d && d.primitive === "broadcast_in_dim") {
        const inner = (d.params as { broadcastDimensions: number[] }).broadcastDimensions;
        const outer = (e.params as { broadcastDimensions: number[] }).broadcastDimensions;
        return {
          ...e,
          inputs: [resolve(s, d.inputs[0]!)],
          params: { ...(e.params as object), broadcastDimensions: inner.map((k) => outer[k]!) },
        } as Eqn;
      }
      if (d && d.primitive === "convert_element_type" && d.inputs[0]! instanceof Var) {
        const src = resolve(s, d.inputs[0]) as Var;
        const mid = new Var({ shape: out.aval.shape, dtype: src.aval.dtype, weakType: src.aval.weakType });
        // the moved broadcast may sit on another cast: push it down that one too
        const moved = simplifyEqn({ ...e, inputs: [src], out: mid }, s, defs);
        if (!Array.isArray(moved) && !("primitive" in moved)) return { ...d, inputs: [moved], out };
        return [...(Array.isArray(moved) ? moved : [moved]), { ...d, inputs: [mid], out }];
      }
      break;
    }
    case "transpose":
      if ((e.params as { perm: number[] }).perm.every((q, i) => q === i)) return a;
      break;
    case "reduce_sum":
    case "reduce_max":
    case "reduce_min":
    case "reduce_prod":
      if ((e.params as { axes: number[] }).axes.length === 0 && keepsA()) return a;
      break;
  }
  return { ...e, inputs: ins };
}

export const simplify: Pass = {
  name: "simplify",
  run(j) {
    const s: Subst = new Map();
    const defs = new Map<Var, Eqn>();
    const eqns: Eqn[] = [];
    for (const e of j.eqns) {
      const r = simplifyEqn(e, s, defs);
      if (Array.isArray(r)) {
        for (const q of r) {
          eqns.push(q);
          defs.set(q.out, q);
        }
      } else if ("primitive" in r) {
        eqns.push(r);
        defs.set(r.out, r);
      } else s.set(e.out, r);
    }
    return new Jaxpr(
      j.inBinders,
      eqns,
      j.outs.map((a) => resolve(s, a)),
      j.constvars,
      j.consts,
    );
  },
};

const atomKey = (a: Atom) => (a instanceof Lit ? `L${a.value}:${a.aval.dtype}:${a.aval.weakType}` : `V${a.id}`);

/** Common subexpression elimination: same primitive, inputs and params -> one equation. */
export const cse: Pass = {
  name: "cse",
  run(j) {
    const s: Subst = new Map();
    const seen = new Map<string, Var>();
    const eqns: Eqn[] = [];
    for (const e of j.eqns) {
      const ins = e.inputs.map((a) => resolve(s, a));
      const key = `${e.primitive}|${ins.map(atomKey).join(",")}|${JSON.stringify(e.params)}`;
      const prev = seen.get(key);
      if (prev && e.primitive !== "iota") {
        s.set(e.out, prev);
        continue;
      }
      seen.set(key, e.out);
      eqns.push({ ...e, inputs: ins });
    }
    return new Jaxpr(
      j.inBinders,
      eqns,
      j.outs.map((a) => resolve(s, a)),
      j.constvars,
      j.consts,
    );
  },
};

/** Dead code elimination (no primitive has side effects). Unused constvars are dropped too. */
export const dce: Pass = {
  name: "dce",
  run(j) {
    const live = new Set<Var>();
    for (const a of j.outs) if (a instanceof Var) live.add(a);
    const kept: Eqn[] = [];
    for (let i = j.eqns.length - 1; i >= 0; i--) {
      const e = j.eqns[i]!;
      if (!live.has(e.out)) continue;
      kept.push(e);
      for (const a of e.inputs) if (a instanceof Var) live.add(a);
    }
    kept.reverse();
    const cv: Var[] = [],
      cs: NDArray[] = [];
    j.constvars.forEach((v, i) => {
      if (live.has(v)) {
        cv.push(v);
        cs.push(j.consts[i]!);
      }
    });
    return new Jaxpr(j.inBinders, kept, j.outs, cv, cs);
  },
};

export const PIPELINE: readonly Pass[] = [simplify, cse, dce] as const;

export function optimize(j: Jaxpr, onPass?: (name: string, j: Jaxpr) => void): Jaxpr {
  for (const pass of PIPELINE) {
    j = pass.run(j);
    onPass?.(pass.name, j);
  }
  return j;
}
