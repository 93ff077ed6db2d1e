// A schedule's plan as straight-line JS, for the build to paste into the module (no eval at run time).
// The source is a factory `function (R, K) { ...; return function (x0, x1, ...) { ... }; }`: R is the
// plan runtime (jit/plan-runtime.ts), K the plan's kernels in order. The returned function takes the
// flattened input leaves and
//   1. checks the guard: each leaf's rank, dtype and weak type; binds every dimension symbol from the
//      first input dim that is that symbol alone, checks every other input dim against its expression,
//      every symbol >= 1 and the ShapeEnv's recorded constraints; a failure returns R.fail(...) (a
//      GuardFailure, data only) so the caller can fall back;
//   2. computes sizes, strides and offsets as JS arithmetic over the symbols (`dimToJs`);
//   3. allocates outputs and calls kernels (kernel calling convention unchanged), eager steps through R;
//   4. returns the outputs, rebuilt into the function's output pytree.
// Arrays the function captures (constvars) are pasted into the factory as typed-array literals.
// The plan is bound by jit/plan.ts (the same code as the runtime jit), so both agree on every layout.
import { type Dim, SymDim, dimSymbols, dimToString, symbolName } from "../core/dims.js";
import { type DimConstraint, type ShapeEnv, describeConstraint } from "../core/shape-env.js";
import type { KernelSource } from "../codegen/kernels.js";
import { compileError } from "../errors.js";
import { typedArrayFor } from "../dtype.js";
import { Lit } from "../ir/jaxpr.js";
import type { Schedule } from "../ir/schedule.js";
import type { TreeDef } from "../ir/tree.js";
import { dimsSize } from "../core/shape-rules.js";
import { type Layout, buildPlan } from "./plan.js";

export interface EmittedPlan {
  /** The factory's source: a function expression `function (R, K) { ... }`. */
  source: string;
  /** The kernels the plan calls, `K[i]` in the source. */
  kernels: KernelSource[];
  /** Number of input leaves the plan function takes. */
  arity: number;
  /** Per kernel: the most elements it reads or writes here (Infinity: symbolic), for the backend's size rule. */
  elems: number[];
}

export interface EmitPlanOptions {
  /** Names of the input leaves for guard messages (`x`, `params.w`); default `args[i]`. */
  inputNames?: readonly string[];
  /** The output pytree; default: the flat list of outputs. */
  outTree?: TreeDef;
}

type SymAtom = { kind: string; name?: string; e?: Dim; c?: number; a?: Dim; b?: Dim };

/** A dimension as a JS expression over bound symbols: Python floor-division and modulo, Math.max/min. */
export function dimToJs(d: Dim, name: (symbol: string) => string): string {
  if (typeof d === "number") return numLit(d);
  const atom = (at: SymAtom): string => {
    switch (at.kind) {
      case "sym":
        return name(at.name!);
      case "floordiv":
        return `Math.floor(${dimToJs(at.e!, name)} / ${at.c})`;
      case "mod":
        return `((${dimToJs(at.e!, name)}) % ${at.c} + ${at.c}) % ${at.c}`;
      default:
        return `Math.${at.kind}(${dimToJs(at.a!, name)}, ${dimToJs(at.b!, name)})`;
    }
  };
  const parts: string[] = [];
  for (const t of d.terms) {
    const fs = t.mono.factors.flatMap(([at, p]) => Array.from({ length: p }, () => atom(at as SymAtom)));
    parts.push((t.coef === 1 ? "" : `${numLit(t.coef)} * `) + fs.join(" * "));
  }
  if (d.constant !== 0) parts.push(numLit(d.constant));
  return `(${parts.join(" + ")})`;
}

function numLit(v: number): string {
  if (Object.is(v, -0)) return "-0";
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "Infinity";
  if (v === -Infinity) return "-Infinity";
  return v < 0 ? `(${v})` : String(v);
}

/**
 * Plain data (numbers, strings, booleans, null, arrays, plain objects, and symbolic dims through `dim`) as a
 * JS expression, or undefined. `symbolic` tells whether it must be computed per call (it mentions a symbol).
 */
function dataLiteral(v: unknown, dim: (d: SymDim) => string, symbolic = { found: false }): string | undefined {
  if (typeof v === "number") return numLit(v);
  if (typeof v === "string" || typeof v === "boolean" || v === null) return JSON.stringify(v);
  if (v === undefined) return "undefined";
  if (v instanceof SymDim) {
    symbolic.found = true;
    return dim(v);
  }
  if (Array.isArray(v)) {
    const items = v.map((x) => dataLiteral(x, dim, symbolic));
    return items.every((x) => x !== undefined) ? `[${items.join(", ")}]` : undefined;
  }
  if (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    const items = Object.entries(v as object).map(([k, x]) => [k, dataLiteral(x, dim, symbolic)] as const);
    return items.every(([, x]) => x !== undefined) ? `{ ${items.map(([k, x]) => `${JSON.stringify(k)}: ${x}`).join(", ")} }` : undefined;
  }
  return undefined;
}

const notEmittable = (why: string) => compileError.planNotEmittable(why);

/** Captured arrays larger than this (elements) are not pasted into the module: no plan. */
const MAX_CONST = 4096;

export function emitPlan(sched: Schedule, env?: ShapeEnv, opts: EmitPlanOptions = {}): EmittedPlan {
  const j = sched.jaxpr;
  const sizes = new Map<string, number>();
  const plan = buildPlan(sched, (src, elems) => {
    sizes.set(src.signature, Math.max(sizes.get(src.signature) ?? 0, elems));
    return () => {};
  });
  const kernels: KernelSource[] = [];
  const kIndex = new Map<string, number>();
  for (const k of plan.kernels) if (!kIndex.has(k.signature)) kIndex.set(k.signature, kernels.push(k) - 1);

  const hoisted: string[] = [];
  const hoistCache = new Map<string, string>();
  const hoist = (prefix: string, text: string): string => {
    const hit = hoistCache.get(text);
    if (hit) return hit;
    const id = `${prefix}${hoisted.length}`;
    hoisted.push(`const ${id} = ${text};`);
    hoistCache.set(text, id);
    return id;
  };

  // ---- guard ----
  const body: string[] = [];
  const names = opts.inputNames ?? j.inBinders.map((_, i) => `args[${i}]`);
  const bound = new Map<string, string>();
  const symVar = (s: string): string => {
    const v = bound.get(s);
    if (v === undefined) throw notEmittable(`dimension variable ${s} is not bound by any input shape`);
    return v;
  };
  const js = (d: Dim) => dimToJs(d, symVar);
  const deferred: string[] = [];
  const fail = (kind: string, what: string, expected: string, actual: string) =>
    `return R.fail(${JSON.stringify(kind)}, ${what}, ${expected}, ${actual});`;
  j.inBinders.forEach((v, i) => {
    const x = `x${i}`;
    const nm = names[i] ?? `args[${i}]`;
    const { shape, dtype, weakType } = v.aval;
    body.push(`if (${x}.dtype !== ${JSON.stringify(dtype)}) ${fail("dtype", JSON.stringify(nm), JSON.stringify(dtype), `${x}.dtype`)}`);
    body.push(`if (${x}.weakType !== ${weakType}) ${fail("weakType", JSON.stringify(nm), String(weakType), `${x}.weakType`)}`);
    body.push(`const s${i} = ${x}.shape;`);
    body.push(`if (s${i}.length !== ${shape.length}) ${fail("rank", JSON.stringify(nm), String(shape.length), `s${i}.length`)}`);
    shape.forEach((d: Dim, k) => {
      const cur = `s${i}[${k}]`;
      const s = symbolName(d);
      if (s !== undefined && !bound.has(s)) {
        bound.set(s, `d_${s}`);
        body.push(`const d_${s} = ${cur};`);
        return;
      }
      const cond = JSON.stringify(`${nm}.shape[${k}] == ${dimToString(d)}`);
      const check = () => `if (${cur} !== ${js(d)}) ${fail("dim", cond, js(d), cur)}`;
      if (typeof d === "number" || s !== undefined) body.push(check());
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
    const e = js(value);
    bound.set(s, `d_${s}`);
    body.push(`const d_${s} = ${e};`);
  }
  for (const s of bound.keys()) body.push(`if (!(d_${s} >= 1)) ${fail("constraint", JSON.stringify(`${s} >= 1`), "1", `d_${s}`)}`);
  for (const at of deferred) {
    const [i, k] = at.split(":").map(Number) as [number, number];
    const d = j.inBinders[i]!.aval.shape[k]! as Dim;
    const cond = JSON.stringify(`${names[i] ?? `args[${i}]`}.shape[${k}] == ${dimToString(d)}`);
    body.push(`if (s${i}[${k}] !== ${js(d)}) ${fail("dim", cond, js(d), `s${i}[${k}]`)}`);
  }
  for (const c of constraints) {
    const text = JSON.stringify(describeConstraint(c));
    if (c.kind === "eq") body.push(`if (${js(c.a)} !== ${js(c.b)}) ${fail("constraint", text, js(c.b), js(c.a))}`);
    else if (c.kind === "ge") body.push(`if (${js(c.a)} < ${js(c.b)}) ${fail("constraint", text, js(c.b), js(c.a))}`);
    else body.push(`if (${js(c.e)} % ${c.by} !== 0) ${fail("constraint", text, "0", `${js(c.e)} % ${c.by}`)}`);
  }

  // ---- values ----
  /** A kernel argument: constant data is hoisted into the factory, symbolic sizes are computed per call. */
  const value = (v: unknown): string => {
    if (typeof v === "number") return numLit(v);
    if (v instanceof SymDim) return js(v);
    if (Array.isArray(v)) {
      const items = v.map(value);
      const text = `[${items.join(", ")}]`;
      return v.every((x) => typeof x === "number") ? hoist("A", `Object.freeze(${text})`) : text;
    }
    throw notEmittable(`kernel argument ${String(v)} is not a size`);
  };
  const buf = new Map<number, string>();
  const off = new Map<number, string>();
  const offset = (slot: number, extra: Dim): string => {
    const base = off.get(slot)!;
    if (extra === 0) return base;
    return base === "0" ? js(extra) : `${base} + ${js(extra)}`;
  };
  const view = (l: Layout, aval: { dtype: string; weakType: boolean }): string => {
    const args = [buf.get(l.slot), value(l.shape), JSON.stringify(aval.dtype), value(l.strides), offset(l.slot, l.offset)];
    return `new N(${args.join(", ")}, ${aval.weakType}, ${value(dimsSize(l.shape))})`;
  };
  const lit = (l: Lit) => `R.scalar(${numLit(l.value)}, ${JSON.stringify(l.aval.dtype)}, ${l.aval.weakType})`;

  for (let i = 0; i < plan.inSlots; i++) {
    body.push(`const c${i} = x${i}.isContiguous ? x${i} : R.dense(x${i});`);
    body.push(`const b${i} = c${i}.data, o${i} = c${i}.offset;`);
    buf.set(i, `b${i}`);
    off.set(i, `o${i}`);
  }
  // captured arrays: their buffers, pasted as typed-array literals (the layouts keep their strides and offsets)
  plan.constSlots.forEach((c, i) => {
    const slot = plan.inSlots + i;
    if (c.data.length > MAX_CONST) throw notEmittable(`a captured array of ${c.data.length} elements (more than ${MAX_CONST})`);
    const id = hoist("D", `new ${typedArrayFor(c.dtype).name}([${Array.from(c.data, numLit).join(", ")}])`);
    buf.set(slot, id);
    off.set(slot, "0");
  });
  let scratch = 0;
  for (const act of plan.actions) {
    if (act.t === "kernel") {
      const b = `b${act.outSlot}`;
      const n = value(act.size);
      const alloc = `new ${typedArrayFor(act.dtype).name}(${n})`;
      if (act.scratch) {
        const S = `S${scratch++}`;
        hoisted.push(`let ${S} = null;`);
        body.push(`const ${b} = ${S} !== null && ${S}.length === ${n} ? ${S} : (${S} = ${alloc});`);
      } else body.push(`const ${b} = ${alloc};`);
      buf.set(act.outSlot, b);
      off.set(act.outSlot, "0");
      const refAt = new Map(act.refs.map((r) => [r[0], r] as const));
      const args = ["H", b];
      for (let a = 2; a < act.args.length; a++) {
        const r = refAt.get(a);
        if (r) {
          args.push(buf.get(r[1])!, offset(r[1], r[2]));
          a++;
        } else args.push(value(act.args[a]));
      }
      body.push(`k${kIndex.get(plan.kernels[act.kernel]!.signature)}(${args.join(", ")});`);
    } else if (act.t === "eager") {
      const symbolic = { found: false };
      const params = dataLiteral(act.params, js, symbolic);
      if (params === undefined) throw notEmittable(`the parameters of ${act.prim} are not plain data`);
      const ins = act.ins.map((l, i) => (l instanceof Lit ? lit(l) : view(l, act.avals[i]!)));
      const r = `r${act.outSlot}`;
      body.push(`const ${r} = R.eager(${JSON.stringify(act.prim)}, ${symbolic.found ? params : hoist("P", params)}, [${ins.join(", ")}]);`);
      body.push(`const b${act.outSlot} = ${r}.data, o${act.outSlot} = ${r}.offset;`);
      buf.set(act.outSlot, `b${act.outSlot}`);
      off.set(act.outSlot, `o${act.outSlot}`);
    } else if (act.t === "call") {
      // a control-flow or nested-jit equation runs a sub-plan built at run time: not straight-line JS yet
      throw notEmittable(`a ${act.avals.length}-input control-flow or nested jit call (its body is a run-time sub-plan)`);
    } else {
      body.push(`const b${act.outSlot} = R.copy(${view(act.src, { dtype: act.dtype, weakType: false })});`);
      buf.set(act.outSlot, `b${act.outSlot}`);
      off.set(act.outSlot, "0");
    }
  }
  const outs = plan.outs.map((l, i) => (l instanceof Lit ? lit(l) : view(l, plan.outAvals[i]!)));
  body.push(`return ${treeExpr(opts.outTree, outs)};`);

  const params = j.inBinders.map((_, i) => `x${i}`).join(", ");
  const head = [`const H = R.H, N = R.NDArray;`, ...kernels.map((_, i) => `const k${i} = K[${i}];`), ...hoisted];
  const source = [
    "function (R, K) {",
    ...head.map((l) => `  ${l}`),
    `  return function (${params}) {`,
    ...body.map((l) => `    ${l}`),
    "  };",
    "}",
  ].join("\n");
  return { source, kernels, arity: j.inBinders.length, elems: kernels.map((k) => sizes.get(k.signature)!) };
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
