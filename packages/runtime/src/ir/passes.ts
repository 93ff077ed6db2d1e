// Optimization passes, each a pure Jaxpr -> Jaxpr function, run in the order of PIPELINE. Each pass
// recurses into the sub-jaxprs of higher-order equations (cond branches, loop bodies).
// They run on symbolic jaxprs too (traceSymbolic): shapes are compared only for equality (`shapesEqual`,
// CSE's params key), which on interned SymDims is dimEq, so every rewrite holds for all sizes.
import { castScalar } from "../dtype.js";
import { type NDArray, scalarArray } from "../ndarray.js";
import { isElementwise } from "../core/primitives.js";
import { impls } from "../core/trace.js";
import { shapesEqual } from "../shape.js";
import { type Atom, type Eqn, Jaxpr, Lit, Var, isHigherEqn, mapSubJaxprs } from "./jaxpr.js";

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
  if (isHigherEqn(e)) return { ...mapSubJaxprs(e, simplify.run), inputs: ins };
  const out = e.outs[0]!;
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
  if (e.primitive === "convert_element_type" && ins[0]! instanceof Lit && out.aval.shape.length === 0)
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
  switch (e.primitive) {
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
        const inner = d.params.broadcastDimensions;
        const outer = e.params.broadcastDimensions;
        return { ...e, inputs: [resolve(s, d.inputs[0]!)], params: { ...e.params, broadcastDimensions: inner.map((k) => outer[k]!) } };
      }
      if (d && d.primitive === "convert_element_type" && d.inputs[0]! instanceof Var) {
        const src = resolve(s, d.inputs[0]) as Var;
        const mid = new Var({ shape: out.aval.shape, dtype: src.aval.dtype, weakType: src.aval.weakType });
        // the moved broadcast may sit on another cast: push it down that one too
        const moved = simplifyEqn({ ...e, inputs: [src], outs: [mid] }, s, defs);
        if (!Array.isArray(moved) && !("primitive" in moved)) return { ...d, inputs: [moved], outs: [out] };
        return [...(Array.isArray(moved) ? moved : [moved]), { ...d, inputs: [mid], outs: [out] }];
      }
      break;
    }
    case "transpose":
      if (e.params.perm.every((q, i) => q === i)) return a;
      break;
    case "reduce_sum":
    case "reduce_max":
    case "reduce_min":
    case "reduce_prod":
      if (e.params.axes.length === 0 && keepsA()) return a;
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
          defs.set(q.outs[0]!, q);
        }
      } else if ("primitive" in r) {
        eqns.push(r);
        defs.set(r.outs[0]!, r);
      } else s.set(e.outs[0]!, r);
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
    const seen = new Map<string, Var[]>();
    const eqns: Eqn[] = [];
    for (const e of j.eqns) {
      const ins = e.inputs.map((a) => resolve(s, a));
      // higher-order equations are not merged (their params hold programs); their bodies are
      if (isHigherEqn(e)) {
        eqns.push({ ...mapSubJaxprs(e, cse.run), inputs: ins });
        continue;
      }
      const key = `${e.primitive}|${ins.map(atomKey).join(",")}|${JSON.stringify(e.params)}`;
      const prev = seen.get(key);
      if (prev && e.primitive !== "iota") {
        e.outs.forEach((v, k) => s.set(v, prev[k]!));
        continue;
      }
      seen.set(key, e.outs);
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
      if (!e.outs.some((v) => live.has(v))) continue;
      // a body's outputs are fixed by its equation's signature; its dead equations go
      kept.push(mapSubJaxprs(e, dce.run));
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

/**
 * Inline the sub-program of jit_call, checkpoint and custom derivative equations: once no transformation
 * is left (jit runs the passes on the traced program), they are plain functions of their inputs
 * (a nested jit compiles as part of the outer one). Control flow keeps its bodies.
 */
export const inline: Pass = {
  name: "inline",
  run(j) {
    if (!j.eqns.some(isInlined)) return j;
    const s: Subst = new Map();
    const eqns: Eqn[] = [];
    const cv = j.constvars.slice(),
      cs = j.consts.slice();
    const walk = (src: Jaxpr, outs: Var[], ins: Atom[]) => {
      // fresh variables for each inlined copy: the same program can be called twice
      const ren = new Map<Var, Atom>();
      src.inBinders.forEach((v, i) => ren.set(v, ins[i]!));
      src.constvars.forEach((v, i) => {
        const c = new Var(v.aval);
        cv.push(c);
        cs.push(src.consts[i]!);
        ren.set(v, c);
      });
      const rd = (a: Atom): Atom => (a instanceof Lit ? a : (ren.get(a) ?? a));
      for (const e of src.eqns) {
        const inputs = e.inputs.map(rd);
        if (isInlined(e)) {
          const fresh = e.outs.map((v) => new Var(v.aval));
          e.outs.forEach((v, k) => ren.set(v, fresh[k]!));
          walk(inlinedBody(e), fresh, inputs);
          continue;
        }
        const fresh = e.outs.map((v) => new Var(v.aval));
        e.outs.forEach((v, k) => ren.set(v, fresh[k]!));
        eqns.push({ ...e, inputs, outs: fresh });
      }
      src.outs.forEach((o, k) => s.set(outs[k]!, rd(o)));
    };
    for (const e of j.eqns) {
      const inputs = e.inputs.map((a) => resolve(s, a));
      if (isInlined(e)) walk(inlinedBody(e), e.outs, inputs);
      else eqns.push({ ...e, inputs });
    }
    // an inlined output that is another inlined output's input was substituted above; resolve chains
    const fixed = eqns.map((e) => ({ ...e, inputs: e.inputs.map((a) => resolve(s, a)) }));
    return new Jaxpr(
      j.inBinders,
      fixed,
      j.outs.map((a) => resolve(s, a)),
      cv,
      cs,
    );
  },
};

function isInlined(e: Eqn): boolean {
  return (
    e.primitive === "jit_call" || e.primitive === "checkpoint" || e.primitive === "custom_jvp_call" || e.primitive === "custom_vjp_call"
  );
}

function inlinedBody(e: Eqn): Jaxpr {
  switch (e.primitive) {
    case "jit_call":
    case "checkpoint":
      return e.params.jaxpr;
    case "custom_jvp_call":
    case "custom_vjp_call":
      return e.params.fun;
    default:
      throw new Error(`internal: ${e.primitive} is not inlined`);
  }
}

export const PIPELINE: readonly Pass[] = [inline, simplify, cse, dce] as const;

export function optimize(j: Jaxpr, onPass?: (name: string, j: Jaxpr) => void): Jaxpr {
  for (const pass of PIPELINE) {
    j = pass.run(j);
    onPass?.(pass.name, j);
  }
  return j;
}
