// A pmap'd function as one per-device program: the jaxpr traced with per-device avals, cut at its
// collectives into stages. A stage is a jaxpr without collectives that every device runs on its own shard
// (compiled once per device with the runtime jit); between two stages the caller applies one collective
// across the devices' values. jit_call equations that hold collectives are inlined first; a collective inside
// control flow (cond, scan, while, custom derivatives, checkpoint) cannot be cut out and raises NJ512.
// Equations that read no input (a literal broadcast to a gradient's shape, pmean's divisor) are copied into
// every stage that reads them instead of running in the first stage: computed where they are used (fused
// into the kernel that reads them), they never become a stage output copied between devices and caller.
import { type CollectiveOp, isCollective } from "../core/primitives.js";
import { parallelError } from "../errors.js";
import { type Atom, type Eqn, type EqnOf, Jaxpr, Var, collectiveAxes, subJaxprs } from "../ir/jaxpr.js";
import type { NDArray } from "../ndarray.js";

/** A collective equation (a union, so a switch on `primitive` narrows `params`). */
export type CollectiveEqn = { [P in CollectiveOp]: EqnOf<P> }[CollectiveOp];

export type Segment =
  /**
   * Run `jaxpr` on every device: its inputs are the env values of `jaxpr.inBinders`, its outputs define
   * `jaxpr.outs`. A `replicated` stage reads only values that are the same on every device (replicated
   * arguments, collective results): the caller runs it once for all.
   */
  { kind: "stage"; jaxpr: Jaxpr; replicated: boolean } | { kind: "collective"; eqn: CollectiveEqn };

export interface DeviceProgram {
  /** Inputs (per-device avals), captured constants (the same on every device) and outputs of the whole program. */
  inBinders: Var[];
  constvars: Var[];
  consts: NDArray[];
  outs: Atom[];
  segments: Segment[];
  /** Whether each output can differ across devices. */
  varyingOuts: boolean[];
}

const hasCollective = (j: Jaxpr): boolean => collectiveAxes(j).length > 0;

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
    const axes = subJaxprs(e).flatMap(collectiveAxes);
    if (axes.length) throw parallelError.collectiveInControlFlow(`pmap(${fn})`, e.primitive, axes[0]!);
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

/** Reads of each var by equations and outputs. */
function useCounts(eqns: readonly Eqn[], outs: readonly Atom[]): Map<Var, number> {
  const uses = new Map<Var, number>();
  const use = (a: Atom) => a instanceof Var && uses.set(a, (uses.get(a) ?? 0) + 1);
  for (const e of eqns) e.inputs.forEach(use);
  outs.forEach(use);
  return uses;
}

/**
 * The equations whose values depend on no input (only on literals and other such values), without
 * sub-jaxprs or collectives, except those a collective or the program's outputs read (those must be in
 * the devices' environments): the constants a stage may recompute for itself.
 */
function inputFree(eqns: readonly Eqn[], outs: readonly Atom[]): Map<Var, Eqn> {
  const free = new Map<Var, Eqn>();
  for (const e of eqns) {
    const ok = !isCollective(e.primitive) && subJaxprs(e).length === 0 && e.inputs.every((a) => !(a instanceof Var) || free.has(a));
    if (ok) for (const v of e.outs) free.set(v, e);
  }
  const pinned = [...outs, ...eqns.filter((e) => isCollective(e.primitive)).flatMap((e) => e.inputs)];
  for (const a of pinned) {
    const e = a instanceof Var ? free.get(a) : undefined;
    if (e) for (const v of e.outs) free.delete(v);
  }
  return free;
}

/** `body` preceded by the input-free equations it reads, transitively, in program order. */
function withConstants(body: Eqn[], free: ReadonlyMap<Var, Eqn>, order: ReadonlyMap<Eqn, number>): Eqn[] {
  const need = new Set<Eqn>();
  const visit = (a: Atom) => {
    const e = a instanceof Var ? free.get(a) : undefined;
    if (e && !need.has(e)) {
      need.add(e);
      e.inputs.forEach(visit);
    }
  };
  for (const e of body) e.inputs.forEach(visit);
  return [...[...need].sort((a, b) => order.get(a)! - order.get(b)!), ...body];
}

/**
 * A stage's jaxpr: its free vars become inputs; the vars it defines that anything outside it still reads
 * (`uses` counts every read in the program) become outputs, except input-free values (`free`), which every
 * stage that reads them computes itself.
 */
function stageJaxpr(body: Eqn[], uses: ReadonlyMap<Var, number>, free: ReadonlyMap<Var, Eqn>): Jaxpr {
  const defined = new Set<Var>(body.flatMap((e) => e.outs));
  const ins = new Set<Var>();
  const inner = new Map<Var, number>();
  for (const e of body)
    for (const a of e.inputs) {
      if (!(a instanceof Var)) continue;
      if (defined.has(a)) inner.set(a, (inner.get(a) ?? 0) + 1);
      else ins.add(a);
    }
  const live = [...defined].filter((v) => !free.has(v) && (uses.get(v) ?? 0) > (inner.get(v) ?? 0));
  return new Jaxpr([...ins], body, live);
}

/**
 * Cut the traced per-device jaxpr at its collectives; `mapped[i]`: input i differs across devices (a mapped
 * argument), else it is replicated.
 */
export function deviceProgram(j: Jaxpr, fn: string, mapped: readonly boolean[]): DeviceProgram {
  const constvars = [...j.constvars],
    consts = [...j.consts];
  const rename = new Map<Var, Atom>();
  const eqns = inline(j, fn, rename, constvars, consts, false);
  const outs = j.outs.map((o) => (o instanceof Var ? (rename.get(o) ?? o) : o));
  const uses = useCounts(eqns, outs);
  const free = inputFree(eqns, outs);
  const order = new Map(eqns.map((e, i) => [e, i]));
  const segments: Segment[] = [];
  // Rounds: every equation that does not wait on a collective joins the stage (in program order), then every
  // collective whose operand is ready runs — so independent collectives (pmean of each gradient leaf) share
  // one round trip to the devices instead of one each.
  const ready = new Set<Var>([...j.inBinders, ...constvars]);
  // values that can differ across devices: mapped inputs and axis_index vary, psum/pmax/all_gather results
  // are the same everywhere, anything else varies when an input does
  const varying = new Set<Var>(j.inBinders.filter((_, i) => mapped[i]));
  const varies = (e: Eqn) =>
    e.primitive === "axis_index" || (!isCollective(e.primitive) && e.inputs.some((a) => a instanceof Var && varying.has(a)));
  const isReady = (e: Eqn) => e.inputs.every((a) => !(a instanceof Var) || ready.has(a));
  for (const v of free.keys()) ready.add(v);
  let rest = eqns.filter((e) => !e.outs.some((v) => free.has(v)));
  while (rest.length) {
    const body: Eqn[] = [],
      later: Eqn[] = [];
    for (const e of rest) {
      if (!isCollective(e.primitive) && isReady(e)) {
        body.push(e);
        for (const v of e.outs) ready.add(v);
      } else later.push(e);
    }
    if (body.length) {
      const jaxpr = stageJaxpr(withConstants(body, free, order), uses, free);
      segments.push({ kind: "stage", jaxpr, replicated: !jaxpr.inBinders.some((v) => varying.has(v)) });
      for (const e of body) if (varies(e)) for (const v of e.outs) varying.add(v);
    }
    const now = later.filter((e) => isCollective(e.primitive) && isReady(e));
    if (!body.length && !now.length) throw new Error("internal: pmap program is not in dependency order");
    for (const e of now) {
      segments.push({ kind: "collective", eqn: e as CollectiveEqn });
      for (const v of e.outs) ready.add(v);
      if (varies(e)) for (const v of e.outs) varying.add(v);
    }
    rest = later.filter((e) => !now.includes(e));
  }
  const varyingOuts = outs.map((o) => o instanceof Var && varying.has(o));
  return { inBinders: j.inBinders, constvars, consts, outs, segments, varyingOuts };
}
