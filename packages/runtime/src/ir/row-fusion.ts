// Row fusion: finds softmax, log_softmax and logsumexp over the last axis in a schedule, whose four to
// six kernels each pass over the whole array (a max, exp(x - max) and its sum, a divide or a log and a
// subtract, with the row values broadcast back through reshape + broadcast_in_dim views), so that the
// plan runs them as one row kernel (codegen/row-kernels.ts for JS, codegen/wasm/rows.ts for wasm) that
// keeps each row in cache. It matches the steps, not the source, so nn.softmax, a hand-written softmax and
// a vmapped one are all found. Every intermediate must be read only inside the pattern (no output, no
// other consumer) and none may be one the schedule keeps bit-equal to eager (the wasm form's polynomial
// exp and log are not), else the steps run as they are. The shapes the steps match:
//   softmax      M = max(x); e = elementwise[sub(x, bc M), exp]; out = elementwise[div(e, bc sum(e))]
//   log_softmax  M = max(x); d = elementwise[sub(x, bc M)]; out = elementwise[sub(d, bc elementwise[log](sum[exp](d)))]
//                (rows of one element: no broadcasts, out = elementwise[log, sub](sum[exp](d), d))
//   logsumexp    M = max(x); F = elementwise[is_finite, 0, select](M); out = elementwise[log, add](sum[sub(x, bc F), exp], F)
import type { RowOp } from "../codegen/kir.js";
import { type Atom, type Eqn, Lit, Var } from "./jaxpr.js";
import { type Schedule, type Step, stepOut } from "./schedule.js";

export interface RowPattern {
  kind: RowOp;
  /** the [..., n] float32 input, and the result: of x's shape, or [..., 1] for logsumexp */
  x: Var;
  out: Var;
  /** every step the fused kernel replaces; the pattern is keyed by the first of them */
  steps: Set<Step>;
}

const iota = (n: number) => [...Array(n).keys()];
const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const prims = (s: Step | undefined): string =>
  s && (s.kind === "elementwise" || s.kind === "reduce") ? s.eqns.map((e) => e.primitive).join(",") : "";
const isEqn = (e: Eqn | undefined, prim: string, ins: Atom[]) => e?.primitive === prim && same(e.inputs, ins);

/** Row patterns of `sched`, keyed by their first step. */
export function findRowPatterns(sched: Schedule): Map<Step, RowPattern> {
  const found = new Map<Step, RowPattern>();
  const outputs = new Set(sched.jaxpr.outs);
  const readers = new Map<Var, Step[]>();
  for (const s of sched.steps) {
    const ins: Atom[] = s.kind === "view" || s.kind === "eager" ? s.eqn.inputs : s.inputs;
    for (const a of new Set(ins)) if (a instanceof Var) (readers.get(a) ?? readers.set(a, []).get(a)!).push(s);
  }
  const readOf = (v: Var) => readers.get(v) ?? [];
  const view = (v: Var, prim: string): Step | undefined =>
    readOf(v).find((r) => r.kind === "view" && r.eqn.primitive === prim && r.eqn.inputs[0] === v);
  /** v [...lead] reshaped to [...lead, 1]: the reshape step */
  const keep = (v: Var): Step | undefined => {
    const r = view(v, "reshape");
    return r && same(stepOut(r).aval.shape, [...v.aval.shape, 1]) ? r : undefined;
  };
  /** v [...lead, 1] broadcast back to x's shape (pushed to `steps`): the broadcast value (v itself when n is 1) */
  const back = (v: Var, x: Var, steps: Step[]): Var | undefined => {
    if (same(v.aval.shape, x.aval.shape)) return v;
    const r = view(v, "broadcast_in_dim");
    if (r?.kind !== "view" || r.eqn.primitive !== "broadcast_in_dim") return undefined;
    if (!same(r.eqn.params.broadcastDimensions, iota(x.aval.shape.length)) || !same(stepOut(r).aval.shape, x.aval.shape)) return undefined;
    steps.push(r);
    return stepOut(r);
  };
  /** a reduction `prim` of `ins` over the last axis of x, with prologue equations `pro` */
  const reduction = (v: Var, prim: string, pro: string): Extract<Step, { kind: "reduce" }> | undefined => {
    const r = readOf(v).find((s) => s.kind === "reduce" && s.reduce.primitive === prim && prims(s) === pro);
    if (r?.kind !== "reduce") return undefined;
    const e = r.reduce;
    const nd = e.inputs[0]!.aval.shape.length;
    return "axes" in e.params && same(e.params.axes as number[], [nd - 1]) ? r : undefined;
  };
  const elementwise = (v: Var, pro: string): Extract<Step, { kind: "elementwise" }> | undefined => {
    const r = readOf(v).find((s) => s.kind === "elementwise" && prims(s) === pro);
    return r?.kind === "elementwise" ? r : undefined;
  };

  const softmax = (x: Var, M: Var, steps: Step[]): Var | undefined => {
    const b1 = back(M, x, steps);
    const ex = b1 && elementwise(b1, "sub,exp");
    if (!ex || !isEqn(ex.eqns[0], "sub", [x, b1]) || !isEqn(ex.eqns[1], "exp", [ex.eqns[0]!.outs[0]!])) return;
    const sum = reduction(ex.out, "reduce_sum", "");
    const k = sum && keep(sum.out);
    const b2 = k && back(stepOut(k), x, steps);
    const div = b2 && elementwise(b2, "div");
    if (!div || !isEqn(div.eqns[0], "div", [ex.out, b2])) return;
    steps.push(ex, sum!, k!, div);
    return div.out;
  };
  const logSoftmax = (x: Var, M: Var, steps: Step[]): Var | undefined => {
    const b1 = back(M, x, steps);
    const sh = b1 && elementwise(b1, "sub");
    if (!sh || !isEqn(sh.eqns[0], "sub", [x, b1])) return;
    const sum = reduction(sh.out, "reduce_sum", "exp");
    if (!sum || !isEqn(sum.eqns[0], "exp", [sh.out])) return;
    const k = keep(sum.out);
    if (!k) return;
    // rows of one element: no broadcast, the log fuses into the subtract
    const one = elementwise(stepOut(k), "log,sub");
    if (one && isEqn(one.eqns[0], "log", [stepOut(k)]) && isEqn(one.eqns[1], "sub", [sh.out, one.eqns[0]!.outs[0]!])) {
      steps.push(sh, sum, k, one);
      return one.out;
    }
    const lg = elementwise(stepOut(k), "log");
    const b2 = lg && back(lg.out, x, steps);
    const fin = b2 && elementwise(b2, "sub");
    if (!fin || !isEqn(fin.eqns[0], "sub", [sh.out, b2])) return;
    steps.push(sh, sum, k, lg!, fin);
    return fin.out;
  };
  const logsumexp = (x: Var, M: Var, steps: Step[]): Var | undefined => {
    const f = elementwise(M, "is_finite,broadcast_in_dim,select");
    if (!f) return;
    const [fin, zero, sel] = f.eqns as [Eqn, Eqn, Eqn];
    const z = zero.inputs[0];
    if (!isEqn(fin, "is_finite", [M]) || !(z instanceof Lit) || z.value !== 0) return;
    if (!isEqn(sel, "select", [fin.outs[0]!, M, zero.outs[0]!])) return;
    const b1 = back(f.out, x, steps);
    const sum = b1 && reduction(x, "reduce_sum", "sub,exp");
    if (!sum || !isEqn(sum.eqns[0], "sub", [x, b1]) || !isEqn(sum.eqns[1], "exp", [sum.eqns[0]!.outs[0]!])) return;
    const k = keep(sum.out);
    const out = k && elementwise(stepOut(k), "log,add");
    if (!out) return;
    const [lg, add] = out.eqns as [Eqn, Eqn];
    if (!isEqn(lg, "log", [stepOut(k!)]) || !isEqn(add, "add", [lg.outs[0]!, f.out])) return;
    steps.push(f, sum, k!, out);
    return out.out;
  };

  for (const s of sched.steps) {
    if (s.kind !== "reduce" || s.reduce.primitive !== "reduce_max" || s.eqns.length || s.inputs.length !== 1) continue;
    const x = s.inputs[0]!;
    const nd = x.aval.shape.length;
    if (x.aval.dtype !== "float32" || nd === 0 || s.reduce.inputs[0] !== x) continue;
    const e = s.reduce;
    if (!("axes" in e.params) || !same(e.params.axes as number[], [nd - 1])) continue;
    const k = keep(s.out);
    if (!k) continue;
    for (const [kind, match] of [
      ["softmax", softmax],
      ["log_softmax", logSoftmax],
      ["logsumexp", logsumexp],
    ] as const) {
      const steps: Step[] = [s, k];
      const out = match(x, stepOut(k), steps);
      if (out === undefined) continue;
      // every value but the result is read only inside the pattern, and none must equal eager bit for bit
      const inside = new Set(steps);
      const closed = steps.every((t) => {
        const v = stepOut(t);
        if (sched.exact.has(v) && t !== s && t !== k) return false;
        return v === out || (!outputs.has(v) && readOf(v).every((r) => inside.has(r)));
      });
      if (closed) found.set(s, { kind, x, out, steps: inside });
      break;
    }
  }
  return found;
}
