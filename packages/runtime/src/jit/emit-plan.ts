// A schedule's plan as straight-line JS, for the build to paste into the module (no eval at run time).
// The source is a factory `function (R, K, W, M) { ...; return function (x0, x1, ...) { ... }; }`: R is
// the plan runtime (jit/plan-runtime.ts), K the plan's JS kernels in order, W the same kernels for calls of
// at least M elements (their wasm form where the build shipped one; M is the backend's threshold, so each
// call picks by its own size and a tiny call never meets the wasm wrapper). The returned function takes
// the flattened input leaves and
//   1. checks the guard: each leaf's rank, dtype and weak type; binds every dimension symbol from the
//      first input dim that is that symbol alone, checks every other input dim against its expression,
//      every symbol >= 1 and the ShapeEnv's recorded constraints; a failure returns R.fail(...) (a
//      GuardFailure, data only) so the caller can fall back;
//   2. computes sizes, strides and offsets as JS arithmetic over the symbols (`dimToJs`);
//   3. allocates outputs and calls kernels (kernel calling convention unchanged), eager steps through R,
//      control flow and nested jit as generated loops and branches (jit/plan-code.ts, shared with the
//      run-time jit);
//   4. returns the outputs, rebuilt into the function's output pytree.
// Arrays the function captures (constvars) are pasted into the factory as typed-array literals.
// The plan is bound by jit/plan.ts (the same code as the runtime jit), so both agree on every layout.
// A plan whose program is elementwise over inputs of one shape also serves calls whose inputs only
// broadcast to such a shape (`broadcasts`, see broadcastsLikeNumpy).
import { BINARY_OPS, COMPARE_OPS, UNARY_OPS, isBinary, isCompare } from "../core/primitives.js";
import { type Dim, dimSymbols, dimToString, symbolName } from "../core/dims.js";
import { type DimConstraint, type ShapeEnv, describeConstraint } from "../core/shape-env.js";
import type { KernelSource } from "../codegen/kernels.js";
import { isFloat } from "../dtype.js";
import { type Atom, type Eqn, type Jaxpr, Lit, Var } from "../ir/jaxpr.js";
import type { Schedule } from "../ir/schedule.js";
import type { TreeDef } from "../ir/tree.js";
import { buildPlan } from "./plan.js";
import { PlanCode, emitActions, litExpr, notEmittable, viewExpr } from "./plan-code.js";

export { dimToJs } from "./plan-code.js";

export interface EmittedPlan {
  /** The factory's source: a function expression `function (R, K) { ... }`. */
  source: string;
  /** The kernels the plan calls, `K[i]` in the source. */
  kernels: KernelSource[];
  /** Number of input leaves the plan function takes. */
  arity: number;
  /** The plan also serves inputs that broadcast (NumPy rules) to its input shape: broadcastsLikeNumpy. */
  broadcasts: boolean;
}

export interface EmitPlanOptions {
  /** Names of the input leaves for guard messages (`x`, `params.w`); default `args[i]`. */
  inputNames?: readonly string[];
  /** The output pytree; default: the flat list of outputs. */
  outTree?: TreeDef;
  /**
   * Inputs traced as a JS float scalar (f64[]) that also take a JS integer (int32[]): the guard converts it
   * to the float64 scalar the plan reads (integerSafeScalars of the traced program).
   */
  intScalars?: readonly number[];
}

/**
 * The inputs that are JS float scalars (float64[], a weak float32 on entry) whose every use is its promotion
 * to float32 where it meets a float32 operand that is not a converted int or bool (`w - lr * g`, through
 * broadcasts). A JS integer there is a weak int32 that the same operand promotes to the same float32
 * value, so the program is the same: the plan serves `lr = 1` as well as `lr = 0.5`, where the runtime jit
 * traces each class once. A use the integer would change (int32 operands, weak arithmetic, an output,
 * control flow) keeps the plan to floats.
 */
export function integerSafeScalars(j: Jaxpr): number[] {
  const uses = new Map<Var, Eqn[]>();
  const producer = new Map<Var, Eqn>();
  for (const e of j.eqns) {
    for (const a of new Set(e.inputs)) if (a instanceof Var) (uses.get(a) ?? uses.set(a, []).get(a)!).push(e);
    for (const o of e.outs) producer.set(o, e);
  }
  const outs = new Set(j.outs);
  const only = (v: Var, ok: (e: Eqn) => boolean) => !outs.has(v) && (uses.get(v) ?? []).every(ok);
  const convert = (e: Eqn, weak: boolean) =>
    e.primitive === "convert_element_type" && e.params.dtype === "float32" && e.params.weakType === weak;
  const floatOperand = (a: Atom) => {
    if (a.aval.dtype !== "float32") return false;
    const p = a instanceof Var ? producer.get(a) : undefined;
    return !(p?.primitive === "convert_element_type" && !isFloat(p.inputs[0]!.aval.dtype));
  };
  // the strong float32 value `v` (or a broadcast of it) is only an operand of binary ops on float32 operands
  const meetsFloats = (v: Var): boolean =>
    only(v, (e) =>
      e.primitive === "broadcast_in_dim"
        ? meetsFloats(e.outs[0]!)
        : isBinary(e.primitive) || isCompare(e.primitive)
          ? e.inputs.every((a) => a === v || floatOperand(a))
          : false,
    );
  return j.inBinders.flatMap((v, i) => {
    const { dtype, shape, weakType } = v.aval;
    if (dtype !== "float64" || shape.length !== 0 || weakType) return [];
    const entry = (e: Eqn) => convert(e, true) && only(e.outs[0]!, (u) => convert(u, false) && meetsFloats(u.outs[0]!));
    return only(v, entry) ? [i] : [];
  });
}

export function emitPlan(sched: Schedule, env?: ShapeEnv, opts: EmitPlanOptions = {}): EmittedPlan {
  const j = sched.jaxpr;
  const plan = buildPlan(sched, () => () => {});

  // ---- guard ----
  // dtypes and weak types per call; the shapes only when one differs from the last call that passed
  // (frozen arrays: the same arrays mean the same shapes), the symbols it bound kept by the factory
  const body: string[] = [];
  const shapes: string[] = [];
  const names = opts.inputNames ?? j.inBinders.map((_, i) => `args[${i}]`);
  const bound = new Map<string, string>();
  const symVar = (s: string): string => {
    const v = bound.get(s);
    if (v === undefined) throw notEmittable(`dimension variable ${s} is not bound by any input shape`);
    return v;
  };
  const code = new PlanCode(symVar, true);
  const js = (d: Dim) => code.js(d);
  const bind = (s: string, e: string) => {
    bound.set(s, `d_${s}`);
    code.state(`d_${s} = 0`);
    shapes.push(`d_${s} = ${e};`);
  };
  const deferred: string[] = [];
  const fail = (kind: string, what: string, expected: string, actual: string) =>
    `return R.fail(${JSON.stringify(kind)}, ${what}, ${expected}, ${actual});`;
  j.inBinders.forEach((v, i) => {
    const x = `x${i}`;
    const nm = names[i] ?? `args[${i}]`;
    const { shape, dtype, weakType } = v.aval;
    const failDtype = fail("dtype", JSON.stringify(nm), JSON.stringify(dtype), `${x}.dtype`);
    if (opts.intScalars?.includes(i))
      body.push(`if (${x}.dtype !== "float64") { if (${x}.dtype !== "int32") ${failDtype} ${x} = R.floatScalar(${x}); }`);
    else body.push(`if (${x}.dtype !== ${JSON.stringify(dtype)}) ${failDtype}`);
    body.push(`if (${x}.weakType !== ${weakType}) ${fail("weakType", JSON.stringify(nm), String(weakType), `${x}.weakType`)}`);
    shapes.push(`if (s${i}.length !== ${shape.length}) ${fail("rank", JSON.stringify(nm), String(shape.length), `s${i}.length`)}`);
    shape.forEach((d: Dim, k) => {
      const cur = `s${i}[${k}]`;
      const s = symbolName(d);
      if (s !== undefined && !bound.has(s)) return bind(s, cur);
      const cond = JSON.stringify(`${nm}.shape[${k}] == ${dimToString(d)}`);
      const check = () => `if (${cur} !== ${js(d)}) ${fail("dim", cond, js(d), cur)}`;
      if (typeof d === "number" || s !== undefined) shapes.push(check());
      else deferred.push(`${i}:${k}`);
    });
  });
  // symbols the inputs do not name alone: solved ones are defined by their substitution
  const constraints: readonly DimConstraint[] = env?.constraints ?? [];
  const mentioned = new Set<string>();
  for (const c of constraints) dimSymbols(c.kind === "divisible" ? [c.e] : [c.a, c.b], mentioned);
  for (const s of [...mentioned].sort()) {
    if (bound.has(s)) continue;
    const value = env?.substitution.get(s);
    if (value === undefined) throw notEmittable(`dimension variable ${s} is not bound by any input shape`);
    bind(s, js(value));
  }
  for (const s of bound.keys()) shapes.push(`if (!(d_${s} >= 1)) ${fail("constraint", JSON.stringify(`${s} >= 1`), "1", `d_${s}`)}`);
  for (const at of deferred) {
    const [i, k] = at.split(":").map(Number) as [number, number];
    const d = j.inBinders[i]!.aval.shape[k]! as Dim;
    const cond = JSON.stringify(`${names[i] ?? `args[${i}]`}.shape[${k}] == ${dimToString(d)}`);
    shapes.push(`if (s${i}[${k}] !== ${js(d)}) ${fail("dim", cond, js(d), `s${i}[${k}]`)}`);
  }
  for (const c of constraints) {
    const text = JSON.stringify(describeConstraint(c));
    if (c.kind === "eq") shapes.push(`if (${js(c.a)} !== ${js(c.b)}) ${fail("constraint", text, js(c.b), js(c.a))}`);
    else if (c.kind === "ge") shapes.push(`if (${js(c.a)} < ${js(c.b)}) ${fail("constraint", text, js(c.b), js(c.a))}`);
    else shapes.push(`if (${js(c.e)} % ${c.by} !== 0) ${fail("constraint", text, "0", `${js(c.e)} % ${c.by}`)}`);
  }
  const nin = j.inBinders.length;
  if (nin === 0) body.push(...shapes);
  else {
    const ids = [...Array(nin).keys()];
    for (const i of ids) code.state(`G${i} = null`);
    body.push(`const ${ids.map((i) => `s${i} = x${i}.shape`).join(", ")};`);
    body.push(`if (${ids.map((i) => `s${i} !== G${i}`).join(" || ")}) {`);
    body.push("  G0 = null;", ...shapes.map((l) => `  ${l}`), `  ${ids.map((i) => `G${i} = s${i};`).join(" ")}`, "}");
  }

  // ---- values ----
  const inputs = Array.from({ length: plan.inSlots }, (_, i) => {
    body.push(`const c${i} = x${i}.isContiguous ? x${i} : R.dense(x${i});`);
    body.push(`const b${i} = c${i}.data, o${i} = c${i}.offset;`);
    return { buf: `b${i}`, off: `o${i}` };
  });
  const slots = emitActions(code, plan, inputs, body, false, "");
  const outs = plan.outs.map((l, i) => (l instanceof Lit ? litExpr(l) : viewExpr(code, slots.get(l.slot)!, l, plan.outAvals[i]!)));
  body.push(`return ${treeExpr(opts.outTree, outs)};`);

  const params = j.inBinders.map((_, i) => `x${i}`).join(", ");
  const kernels = code.kernels;
  return { source: code.factory(params, body), kernels, arity: j.inBinders.length, broadcasts: broadcastsLikeNumpy(j) };
}

const ELEMENTWISE = new Set<string>([...UNARY_OPS, ...BINARY_OPS, ...COMPARE_OPS, "select", "convert_element_type"]);

/**
 * True when f(x1..xk) equals f(broadcastTo(x1, S)..broadcastTo(xk, S)) for any inputs that broadcast to
 * a shape S of the traced rank, so a plan traced on k inputs of one shape serves them as broadcast views
 * (stride 0): at least two inputs, all of one shape; every equation elementwise on operands of that shape
 * (0-d literals aside, and broadcasts of them); and every output computed from every input -- else an
 * output's eager shape would be that of fewer inputs (`[x * 2, x + y]`), not S.
 */
export function broadcastsLikeNumpy(j: Jaxpr): boolean {
  const ins = j.inBinders;
  if (ins.length < 2 || j.constvars.length) return false;
  const shape = ins[0]!.aval.shape.map(dimToString).join(",");
  const same = (v: { aval: { shape: readonly Dim[] } }) => v.aval.shape.map(dimToString).join(",") === shape;
  if (!ins.every(same)) return false;
  const deps = new Map<unknown, Set<number>>(ins.map((v, i) => [v, new Set([i])]));
  for (const e of j.eqns) {
    const scalarBroadcast = e.primitive === "broadcast_in_dim" && e.inputs[0]!.aval.shape.length === 0;
    if (!(ELEMENTWISE.has(e.primitive) || scalarBroadcast) || !e.outs.every(same)) return false;
    const from = new Set<number>();
    for (const a of e.inputs) {
      if (a instanceof Lit) continue;
      const d = deps.get(a);
      if (d === undefined ? a.aval.shape.length !== 0 || !scalarBroadcast : !same(a) && !scalarBroadcast) return false;
      for (const i of d ?? []) from.add(i);
    }
    for (const o of e.outs) deps.set(o, from);
  }
  return j.outs.length > 0 && j.outs.every((o) => !(o instanceof Lit) && deps.get(o)?.size === ins.length);
}

/** The output pytree as an expression over the output expressions (flat list without a tree). */
function treeExpr(def: TreeDef | undefined, outs: string[]): string {
  if (def === undefined) return `[${outs.join(", ")}]`;
  let i = 0;
  const rec = (d: TreeDef): string => {
    switch (d.kind) {
      case "leaf":
        return outs[i++]!;
      case "none":
        return d.value === null ? "null" : "undefined";
      case "list":
        return `[${d.children.map(rec).join(", ")}]`;
      case "dict":
        return `{ ${d.keys.map((k, c) => `${JSON.stringify(k)}: ${rec(d.children[c]!)}`).join(", ")} }`;
    }
  };
  return rec(def);
}
