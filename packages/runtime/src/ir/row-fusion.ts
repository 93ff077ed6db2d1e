// Row fusion: finds softmax over the last axis in a schedule — reduce_max(x), exp(x - max), reduce_sum,
// divide, with the two reductions broadcast back through reshape + broadcast_in_dim views — whose four
// kernels each pass over the whole array, so that a backend with a fused row kernel (the wasm backend's
// codegen/wasm/rows.ts) runs it as one pass per row block. It matches the steps, not the source, so
// nn.softmax, a hand-written softmax and a vmapped one are all found. Every intermediate must be read
// only inside the pattern (no output, no other consumer) and none may be one the schedule keeps
// bit-equal to eager (a polynomial exp is not), else the steps run as they are.
import { type Atom, type Eqn, Var, useCounts } from "./jaxpr.js";
import { type Schedule, type Step, stepOut } from "./schedule.js";

export interface RowPattern {
  kind: "softmax";
  /** the [..., n] float32 input and the softmax result, of x's shape */
  x: Var;
  out: Var;
  /** every step the fused kernel replaces; the pattern is keyed by the first of them */
  steps: Set<Step>;
}

const iota = (n: number) => [...Array(n).keys()];
const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Softmax patterns of `sched`, keyed by their first step. */
export function findRowPatterns(sched: Schedule): Map<Step, RowPattern> {
  const found = new Map<Step, RowPattern>();
  const uses = useCounts(sched.jaxpr);
  const outputs = new Set(sched.jaxpr.outs);
  const readers = new Map<Var, Step[]>();
  for (const s of sched.steps) {
    const ins: Atom[] = s.kind === "view" || s.kind === "eager" ? s.eqn.inputs : s.inputs;
    for (const a of new Set(ins)) if (a instanceof Var) (readers.get(a) ?? readers.set(a, []).get(a)!).push(s);
  }
  // the one step reading v, when v is read once and is no output
  const only = (v: Var): Step | undefined => {
    const r = readers.get(v);
    return uses.get(v) === 1 && !outputs.has(v) && r?.length === 1 ? r[0] : undefined;
  };
  // a row reduction of x over its last axis, broadcast back to x's shape: the broadcast value and views
  const rowBroadcast = (red: Step, x: Var): [Var, Step[]] | null => {
    if (red.kind !== "reduce" || red.eqns.length || red.inputs.length !== 1 || red.inputs[0] !== x) return null;
    const e = red.reduce;
    const nd = x.aval.shape.length;
    if (!("axes" in e.params) || !same(e.params.axes as number[], [nd - 1])) return null;
    const rs = only(red.out);
    if (rs?.kind !== "view" || rs.eqn.primitive !== "reshape" || !same(rs.eqn.outs[0]!.aval.shape, [...red.out.aval.shape, 1])) return null;
    const bc = only(rs.eqn.outs[0]!);
    if (bc?.kind !== "view" || bc.eqn.primitive !== "broadcast_in_dim") return null;
    const b = bc.eqn.outs[0]!;
    if (!same(bc.eqn.params.broadcastDimensions, iota(nd)) || !same(b.aval.shape, x.aval.shape)) return null;
    return [b, [red, rs, bc]];
  };
  const isEqn = (e: Eqn | undefined, prim: string, ins: Atom[]) => e?.primitive === prim && same(e.inputs, ins);
  for (const s of sched.steps) {
    if (s.kind !== "reduce" || s.reduce.primitive !== "reduce_max") continue;
    const x = s.inputs[0]!;
    if (x.aval.dtype !== "float32" || x.aval.shape.length === 0) continue;
    const m = rowBroadcast(s, x);
    if (!m) continue;
    const ex = only(m[0]);
    if (ex?.kind !== "elementwise" || ex.eqns.length !== 2) continue;
    const [sub, exp] = ex.eqns as [Eqn, Eqn];
    if (!isEqn(sub, "sub", [x, m[0]]) || !isEqn(exp, "exp", [sub.outs[0]!])) continue;
    const e = ex.out;
    const er = readers.get(e) ?? [];
    if (uses.get(e) !== 2 || outputs.has(e) || er.length !== 2) continue;
    const sumStep = er.find((r) => r.kind === "reduce" && r.reduce.primitive === "reduce_sum");
    const sm = sumStep && rowBroadcast(sumStep, e);
    if (!sm) continue;
    const div = only(sm[0]);
    if (div?.kind !== "elementwise" || !er.includes(div) || div.eqns.length !== 1 || !isEqn(div.eqns[0], "div", [e, sm[0]])) continue;
    const inner = [...m[1].map(stepOut), sub.outs[0]!, e, ...sm[1].map(stepOut), sm[0]];
    if (inner.some((v) => sched.exact.has(v))) continue;
    found.set(s, { kind: "softmax", x, out: div.out, steps: new Set([...m[1], ex, ...sm[1], div]) });
  }
  return found;
}
