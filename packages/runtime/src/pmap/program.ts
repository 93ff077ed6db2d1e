// A pmap'd function as one per-device program: the jaxpr traced with per-device avals, cut at its
// collectives into stages. A stage is a jaxpr without collectives that every device runs on its own shard
// (compiled once per device with the runtime jit); between two stages the caller applies one collective
// across the devices' values. jit_call equations that hold collectives are inlined first; a collective inside
// control flow (cond, scan, while, custom derivatives, checkpoint) cannot be cut out and raises NJ512.
import { type CollectiveOp, isCollective } from "../core/primitives.js";
import { parallelError } from "../errors.js";
import { type Atom, type Eqn, type EqnOf, Jaxpr, Var, subJaxprs } from "../ir/jaxpr.js";
import type { NDArray } from "../ndarray.js";

/** A collective equation (a union, so a switch on `primitive` narrows `params`). */
export type CollectiveEqn = { [P in CollectiveOp]: EqnOf<P> }[CollectiveOp];

export type Segment =
  /** Run `jaxpr` on every device: its inputs are the env values of `jaxpr.inBinders`, its outputs define `jaxpr.outs`. */
  | { kind: "stage"; jaxpr: Jaxpr }
  | { kind: "collective"; eqn: CollectiveEqn };

export interface DeviceProgram {
  /** Inputs (per-device avals), captured constants (the same on every device) and outputs of the whole program. */
  inBinders: Var[];
  constvars: Var[];
  consts: NDArray[];
  outs: Atom[];
  segments: Segment[];
}

const hasCollective = (j: Jaxpr): boolean => j.eqns.some((e) => isCollective(e.primitive) || subJaxprs(e).some(hasCollective));

/** The equations of j with every jit_call that holds a collective inlined (fresh vars; its consts become constvars). */
function inline(j: Jaxpr, fn: string, rename: Map<Var, Atom>, constvars: Var[], consts: NDArray[], fresh: boolean): Eqn[] {
  const sub = (a: Atom): Atom => (a instanceof Var ? (rename.get(a) ?? a) : a);
  const out: Eqn[] = [];
  for (const e of j.eqns) {
    if (e.primitive === "jit_call" && hasCollective(e.params.jaxpr)) {
      const inner = e.params.jaxpr;
      const m = new Map<Var, Atom>();
      inner.inBinders.forEach((v, i) => m.set(v, sub(e.inputs[i]!)));
      inner.constvars.forEach((v, i) => {
        const c = new Var(v.aval);
        constvars.push(c);
        consts.push(inner.consts[i]!);
        m.set(v, c);
      });
      out.push(...inline(inner, fn, m, constvars, consts, true));
      inner.outs.forEach((o, i) => rename.set(e.outs[i]!, o instanceof Var ? (m.get(o) ?? o) : o));
      continue;
    }
    if (subJaxprs(e).some(hasCollective))
      throw parallelError.pmap(fn, `a collective inside ${e.primitive} is not supported under pmap; apply it outside the control flow`, {
        primitive: e.primitive,
      });
    // an inlined body may be inlined twice: its equations get fresh vars
    const outs = e.outs.map((v) => {
      if (!fresh) return v;
      const w = new Var(v.aval);
      rename.set(v, w);
      return w;
    });
    out.push({ ...e, inputs: e.inputs.map(sub), outs } as Eqn);
  }
  return out;
}

/** Cut the traced per-device jaxpr at its collectives. */
export function deviceProgram(j: Jaxpr, fn: string): DeviceProgram {
  const constvars = [...j.constvars],
    consts = [...j.consts];
  const rename = new Map<Var, Atom>();
  const eqns = inline(j, fn, rename, constvars, consts, false);
  const outs = j.outs.map((o) => (o instanceof Var ? (rename.get(o) ?? o) : o));
  // the last position at which each var is read (outputs count as read after every equation)
  const lastUse = new Map<Var, number>();
  eqns.forEach((e, k) => e.inputs.forEach((a) => a instanceof Var && lastUse.set(a, k)));
  for (const o of outs) if (o instanceof Var) lastUse.set(o, Infinity);
  const segments: Segment[] = [];
  let start = 0;
  const flush = (end: number) => {
    if (end === start) return;
    const body = eqns.slice(start, end);
    const defined = new Set<Var>(body.flatMap((e) => e.outs));
    const ins = new Set<Var>();
    for (const e of body) for (const a of e.inputs) if (a instanceof Var && !defined.has(a)) ins.add(a);
    const live = [...defined].filter((v) => (lastUse.get(v) ?? -1) >= end);
    segments.push({ kind: "stage", jaxpr: new Jaxpr([...ins], body, live) });
  };
  eqns.forEach((e, k) => {
    if (!isCollective(e.primitive)) return;
    flush(k);
    segments.push({ kind: "collective", eqn: e as CollectiveEqn });
    start = k + 1;
  });
  flush(eqns.length);
  return { inBinders: j.inBinders, constvars, consts, outs, segments };
}
