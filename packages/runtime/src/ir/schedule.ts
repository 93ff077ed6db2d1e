// Fusion and scheduling: partition an optimized jaxpr into kernels.
//  - elementwise: a tree of elementwise equations whose intermediates have one use -> one loop
//  - reduce: a reduction with its elementwise producer tree inlined (no temporary written)
//  - dot: dot_general with an elementwise epilogue (bias + relu) applied in the store
//  - a convolution followed by a bias add and/or an activation: one eager step (convEpilogues)
//  - view: broadcast/reshape/transpose/slice/rev, folded into the strides of whoever reads them
//  - eager: every other primitive runs its eager kernel
import { type AnyPrimitive, isElementwise, isReduce } from "../core/primitives.js";
import { type Atom, type Eqn, type Jaxpr, Lit, Var, useCounts } from "./jaxpr.js";
import { shapesEqual } from "../shape.js";

export const VIEW_PRIMS = new Set<AnyPrimitive>(["broadcast_in_dim", "reshape", "transpose", "slice", "rev"]);

export type Step =
  | { kind: "elementwise"; out: Var; eqns: Eqn[]; inputs: Var[] }
  | { kind: "reduce"; out: Var; eqns: Eqn[]; inputs: Var[]; reduce: Eqn }
  | { kind: "dot"; out: Var; dot: Eqn; eqns: Eqn[]; inputs: Var[] }
  | { kind: "view"; eqn: Eqn }
  | { kind: "eager"; eqn: Eqn };

export interface Schedule {
  jaxpr: Jaxpr;
  steps: Step[];
  /**
   * float32 values that fused kernels round after every step, as eager stores them: the whole input cone of
   * a discontinuous op (ROUNDED_CONE_OPS), across kernel boundaries (a widening cast after a reshape, a value
   * with two uses, a reduce or dot in between), so that such results equal eager's bit for bit.
   */
  exact: ReadonlySet<Var>;
}

/**
 * Ops whose result extra input precision could flip (or, for widening casts, expose): their cone is rounded.
 * The periodic functions too: their range reduction turns an argument difference of an ulp into an unrelated
 * result far from 0 (sin(x + 2**31) in double is not sin of the float32 sum: fuzz fwd-2-836).
 */
export const ROUNDED_CONE_OPS = new Set<AnyPrimitive>([
  "sin",
  "cos",
  "tan",
  "floor",
  "ceil",
  "round",
  "sign",
  "floor_divide",
  "mod",
  "eq",
  "ne",
  "lt",
  "le",
  "gt",
  "ge",
  "convert_element_type",
  "is_nan",
  "is_inf",
  "is_finite",
  "not",
  "max",
  "min",
]);

function exactCone(j: Jaxpr): Set<Var> {
  const exact = new Set<Var>();
  for (let i = j.eqns.length - 1; i >= 0; i--) {
    const e = j.eqns[i]!;
    if (ROUNDED_CONE_OPS.has(e.primitive) || exact.has(e.outs[0]!)) for (const a of e.inputs) if (a instanceof Var) exact.add(a);
  }
  return exact;
}

function inputsOf(eqns: Eqn[], extra: Atom[] = []): Var[] {
  const produced = new Set(eqns.flatMap((e) => e.outs));
  const seen = new Set<Var>();
  const out: Var[] = [];
  for (const a of [...extra, ...eqns.flatMap((e) => e.inputs)]) {
    if (a instanceof Var && !produced.has(a) && !seen.has(a)) {
      seen.add(a);
      out.push(a);
    }
  }
  return out;
}

export function schedule(j: Jaxpr): Schedule {
  const uses = useCounts(j);
  const outputs = new Set(j.outs.filter((a): a is Var => a instanceof Var));
  const def = new Map<Var, Eqn>();
  for (const e of j.eqns) for (const v of e.outs) def.set(v, e);
  const epilogueMember = new Set<Eqn>();
  // an elementwise value can be inlined into its (single) consumer
  const inlineable = (a: Atom): a is Var => {
    if (!(a instanceof Var)) return false;
    const d = def.get(a);
    if (d !== undefined && isLitBroadcast(d)) return true;
    // a dot epilogue's result is written by the dot kernel; consumers read it like any array
    if (d !== undefined && epilogueMember.has(d)) return false;
    return d !== undefined && isElementwise(d.primitive) && uses.get(a) === 1 && !outputs.has(a);
  };
  const absorbed = new Set<Eqn>();
  // collect the producer tree of `roots` (post-order: producers before consumers)
  const tree = (roots: Atom[]): Eqn[] => {
    const order: Eqn[] = [];
    const local = new Set<Eqn>();
    const visit = (a: Atom) => {
      if (!inlineable(a)) return;
      const d = def.get(a)!;
      if (isLitBroadcast(d)) {
        // a broadcast literal is free to duplicate into every group that reads it
        if (!local.has(d)) {
          local.add(d);
          order.push(d);
        }
        return;
      }
      if (absorbed.has(d)) return;
      absorbed.add(d);
      d.inputs.forEach(visit);
      order.push(d);
    };
    roots.forEach(visit);
    return order;
  };

  // decide dot epilogues: a chain of elementwise single-use consumers of the dot output of equal shape
  const consumers = new Map<Var, Eqn[]>();
  for (const e of j.eqns) for (const a of e.inputs) if (a instanceof Var) (consumers.get(a) ?? consumers.set(a, []).get(a)!).push(e);
  const epilogueOf = new Map<Eqn, Eqn[]>();
  const dotOfLast = new Map<Eqn, Eqn>();
  for (const e of j.eqns) {
    if (e.primitive !== "dot_general" || e.inputs.some((a) => a instanceof Lit)) continue;
    const chain: Eqn[] = [];
    let cur = e.outs[0]!;
    for (;;) {
      if (uses.get(cur) !== 1 || outputs.has(cur)) break;
      const c = consumers.get(cur)![0]!;
      if (!isElementwise(c.primitive) || !shapesEqual(c.outs[0]!.aval.shape, e.outs[0]!.aval.shape)) break;
      // an equation belongs to at most one dot's epilogue: in `x@w + x@v` the add consumes two dot
      // outputs; the first dot takes it, the second is a plain dot whose result the epilogue reads
      if (epilogueMember.has(c)) break;
      chain.push(c);
      cur = c.outs[0]!;
    }
    if (chain.length) {
      epilogueOf.set(e, chain);
      dotOfLast.set(chain[chain.length - 1]!, e);
      chain.forEach((c) => epilogueMember.add(c));
    }
  }

  const convFused = convEpilogues(j, def, consumers, uses, outputs, epilogueMember);
  const steps: Step[] = [];
  const pending: Step[] = [];
  for (let i = j.eqns.length - 1; i >= 0; i--) {
    const fused = convFused.get(j.eqns[i]!);
    if (fused === null) continue;
    if (fused !== undefined) {
      pending.push({ kind: "eager", eqn: fused });
      continue;
    }
    // a dot with an epilogue is scheduled where its last epilogue equation was
    const e = dotOfLast.get(j.eqns[i]!) ?? j.eqns[i]!;
    if (absorbed.has(e!) || (epilogueMember.has(e!) && !dotOfLast.has(j.eqns[i]!))) continue;
    if (e!.primitive === "dot_general" && epilogueOf.has(e!) && e === j.eqns[i]) continue;
    if (isElementwise(e!.primitive)) {
      absorbed.add(e!);
      const eqns = [...tree(e!.inputs), e];
      pending.push({ kind: "elementwise", out: e!.outs[0]!, eqns: eqns!, inputs: inputsOf(eqns) });
    } else if (isReduce(e!.primitive)) {
      const eqns = tree(e!.inputs);
      pending.push({ kind: "reduce", out: e!.outs[0]!, eqns, inputs: inputsOf(eqns, e!.inputs), reduce: e! });
    } else if (e!.primitive === "dot_general" && !e!.inputs.some((a) => a instanceof Lit)) {
      const chain = epilogueOf.get(e!) ?? [];
      const extraTrees = chain.flatMap((c) => tree(c.inputs.filter((a) => a !== e!.outs[0] && !chain.some((x) => x.outs[0] === a))));
      const eqns = [...extraTrees, ...chain];
      const out = chain.length ? chain[chain.length - 1]!.outs[0]! : e!.outs[0]!;
      const inputs = inputsOf([e!, ...eqns], e!.inputs);
      pending.push({ kind: "dot", out, dot: e!, eqns, inputs });
    } else if (VIEW_PRIMS.has(e!.primitive)) {
      pending.push({ kind: "view", eqn: e! });
    } else {
      pending.push({ kind: "eager", eqn: e! });
    }
  }
  // pending was built consumers-first; kernels must run producers-first. A step's inputs are all
  // produced by equations earlier in the jaxpr than the step's root, so reversing is a valid order.
  for (let i = pending.length - 1; i >= 0; i--) steps.push(pending[i]!);
  return { jaxpr: j, steps: dropUnused(steps, j), exact: exactCone(j) };
}

/**
 * A float convolution whose single use is `+ bias` (a [O] vector broadcast along the last axis) and/or
 * one activation (relu: max with a literal 0, tanh, logistic), each single-use: the chain becomes one
 * conv_general_dilated equation with the bias as a third input and ConvParams.epilogue (the GEMM's store
 * applies both, eager/conv-impl.ts). Returns, per chain equation, the fused equation (at the chain's
 * last equation) or null (the others, now part of it).
 */
function convEpilogues(
  j: Jaxpr,
  def: Map<Var, Eqn>,
  consumers: Map<Var, Eqn[]>,
  uses: Map<Var, number>,
  outputs: Set<Var>,
  taken: Set<Eqn>,
): Map<Eqn, Eqn | null> {
  const out = new Map<Eqn, Eqn | null>();
  const litZero = (a: Atom) => {
    const d = a instanceof Var ? def.get(a) : undefined;
    return d !== undefined && isLitBroadcast(d) && (d.inputs[0] as Lit).value === 0;
  };
  for (const e of j.eqns) {
    if (e.primitive !== "conv_general_dilated" || e.params.epilogue || e.inputs.some((a) => a instanceof Lit)) continue;
    const dt = e.outs[0]!.aval.dtype;
    if (dt !== "float32" && dt !== "float64") continue;
    const nd = e.outs[0]!.aval.shape.length;
    const chain: Eqn[] = [];
    let cur = e.outs[0]!,
      bias: Var | null = null,
      act: "none" | "relu" | "tanh" | "logistic" = "none";
    while (act === "none" && uses.get(cur) === 1 && !outputs.has(cur)) {
      const c = consumers.get(cur)![0]!;
      if (taken.has(c)) break;
      const other = c.inputs.find((a) => a !== cur);
      if (c.primitive === "add" && bias === null && chain.length === 0 && other instanceof Var) {
        const d = def.get(other);
        if (d?.primitive !== "broadcast_in_dim" || !(d.inputs[0] instanceof Var)) break;
        const row = d.inputs[0];
        if (row.aval.shape.length !== 1 || row.aval.dtype !== dt || d.params.broadcastDimensions[0] !== nd - 1) break;
        bias = row;
      } else if (c.primitive === "max" && c.inputs[0] === cur && litZero(c.inputs[1]!)) act = "relu";
      else if (c.primitive === "tanh" || c.primitive === "logistic") act = c.primitive;
      else break;
      chain.push(c);
      cur = c.outs[0]!;
    }
    if (!chain.length) continue;
    const [x, w] = e.inputs as Var[];
    const fused: Eqn = {
      primitive: "conv_general_dilated",
      inputs: bias ? [x!, w!, bias] : [x!, w!],
      params: { ...e.params, epilogue: { act } },
      outs: [cur],
    };
    out.set(e, null);
    chain.forEach((c) => out.set(c, c.outs[0] === cur ? fused : null));
  }
  return out;
}

/** broadcast_in_dim of a scalar literal: codegen reads it as a constant. */
export function isLitBroadcast(e: Eqn): boolean {
  return e.primitive === "broadcast_in_dim" && e.inputs[0] instanceof Lit;
}

function stepInputs(s: Step): Atom[] {
  return s.kind === "view" || s.kind === "eager" ? s.eqn.inputs : s.inputs;
}

/** View/eager steps nobody reads any more (literal broadcasts absorbed into kernels). */
function dropUnused(steps: Step[], j: Jaxpr): Step[] {
  const needed = new Set<Var>(j.outs.filter((a): a is Var => a instanceof Var));
  const kept: Step[] = [];
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i]!;
    if ((s.kind === "view" || s.kind === "eager") && !s.eqn.outs.some((v) => needed.has(v))) continue;
    kept.push(s);
    for (const a of stepInputs(s)) if (a instanceof Var) needed.add(a);
  }
  return kept.reverse();
}

export function stepOut(s: Step): Var {
  return s.kind === "view" || s.kind === "eager" ? s.eqn.outs[0]! : s.out;
}

export function describeSchedule(s: Schedule): string {
  const name = new Map<Var, string>();
  let n = 0;
  const nm = (v: Var) => name.get(v) ?? (name.set(v, `%${n++}`), name.get(v)!);
  s.jaxpr.inBinders.forEach(nm);
  return s.steps
    .map((st) => {
      switch (st.kind) {
        case "view":
        case "eager": {
          const args = st.eqn.inputs.map((a) => (a instanceof Lit ? a.value : nm(a))).join(", ");
          return `${st.eqn.outs.map(nm).join(", ")} = ${st.kind} ${st.eqn.primitive}(${args})`;
        }
        case "elementwise":
        case "reduce":
        case "dot": {
          const ops = [...(st.kind === "dot" ? [st.dot] : []), ...st.eqns, ...(st.kind === "reduce" ? [st.reduce] : [])].map(
            (e) => e.primitive,
          );
          return `${nm(st.out)} = ${st.kind}[${ops.join(",")}](${st.inputs.map(nm).join(", ")})`;
        }
      }
    })
    .join("\n");
}
