// A plan's actions as JS statements over slot buffers, control flow included: the one code generator
// behind emitted plans (jit/emit-plan.ts, pasted into modules at build time) and the run-time jit's
// compiled control flow (jit/call-code.ts, through `new Function`). A slot is a (typed array, offset)
// pair of JS expressions. Higher-order equations become code, not sub-plan dispatches:
//   - jit_call / checkpoint / custom_*: the body's actions inline;
//   - cond / switch: an `if` chain over the clamped index, each branch inline;
//   - whileLoop / scan (and foriLoop, which is one of them): a JS loop whose body is the body plan's
//     actions on preallocated buffers (carries double-buffered, xs read by offset, ys written in place),
//     or, for small concrete bodies, a scalarized body (jit/scalar-loop.ts): every element a local.
// Inside a loop every buffer is allocated once per generated function (hoisted, reused across iterations
// and calls): whatever escapes an iteration is copied into the carry/ys buffers, which are allocated per
// call because they are returned.
import { type Dim, SymDim } from "../core/dims.js";
import { dimsSize } from "../core/shape-rules.js";
import { isMultiOutput } from "../core/multi-primitives.js";
import { type FlatInput, type KernelSource, flatLoop } from "../codegen/kernels.js";
import { argIndex } from "../codegen/kir.js";
import { typedArrayFor } from "../dtype.js";
import { compileError } from "../errors.js";
import { type HigherEqn, type Jaxpr, Lit } from "../ir/jaxpr.js";
import { optimizeAndSchedule } from "./lower.js";
import { type Layout, type Plan, buildPlan, isContiguous } from "./plan.js";
import { type LoopBody, scalarLoop } from "./scalar-loop.js";

/** A dense buffer: JS expressions of its typed array and the offset of its first element. */
export interface Slot {
  buf: string;
  off: string;
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

export function numLit(v: number): string {
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

export const notEmittable = (why: string) => compileError.planNotEmittable(why);

/** Captured arrays larger than this (elements) are not pasted into the module: no plan. */
const MAX_CONST = 4096;

/**
 * The state of one generated factory `function (R, K) { <head>; return function (...) { <body> } }`:
 * the kernels it calls (`K[i]`), factory-level constants and reusable buffers, fresh local names.
 */
export class PlanCode {
  readonly kernels: KernelSource[] = [];
  private readonly kIndex = new Map<string, number>();
  private readonly hoisted: string[] = [];
  private readonly hoistCache = new Map<string, string>();
  /** `js` of each symbolic dimension met (a dimension is printed many times: sizes, strides, guards). */
  private readonly jsCache = new Map<SymDim, string>();
  private n = 0;
  private nScratch = 0;

  /**
   * `symbol`: the JS name a dimension symbol is bound to (the guard binds them; concrete plans have none).
   * `bySize`: the factory is `function (R, K, W, M)` and each kernel call picks, by its size, `K[i]` (the JS
   * kernel) below `M` elements, else `W[i]` (its wasm form where there is one): emitted plans, whose sizes
   * are symbolic, so that a small call never goes through the wasm wrapper.
   */
  constructor(
    readonly symbol: (s: string) => string = (s) => {
      throw notEmittable(`dimension variable ${s} is not bound`);
    },
    readonly bySize = false,
  ) {}

  /**
   * A statement calling kernel `src` that reads and writes arrays of `elems` elements; `large`: a call
   * already known to reach `M` elements (`bySize`), the form for large calls without the size test.
   */
  call(src: KernelSource, elems: readonly Dim[], args: readonly string[], large = false): string {
    let i = this.kIndex.get(src.signature);
    if (i === undefined) this.kIndex.set(src.signature, (i = this.kernels.push(src) - 1));
    if (!this.bySize) return `k${i}(${args.join(", ")});`;
    if (large) return `w${i}(${args.join(", ")});`;
    const sizes = elems.map((d) => this.js(d));
    const n = elems.every((d) => typeof d === "number")
      ? String(Math.max(...(elems as number[])))
      : sizes.length === 1
        ? sizes[0]!
        : `Math.max(${sizes.join(", ")})`;
    return `(${n} < M ? k${i} : w${i})(${args.join(", ")});`;
  }

  /** A factory-level constant, deduplicated by its text. */
  hoist(prefix: string, text: string): string {
    const hit = this.hoistCache.get(text);
    if (hit) return hit;
    const id = `${prefix}${this.hoisted.length}`;
    this.hoisted.push(`const ${id} = ${text};`);
    this.hoistCache.set(text, id);
    return id;
  }

  /** A factory-level variable (`name = init`) the returned function reads and writes across calls. */
  state(decl: string): void {
    this.hoisted.push(`let ${decl};`);
  }

  /** A buffer of `n` elements kept by the factory and reused by every call (reallocated if `n` changes). */
  scratch(dtype: Plan["outAvals"][number]["dtype"], n: string): string {
    const S = `S${this.nScratch++}`;
    this.hoisted.push(`let ${S} = null;`);
    return `${S} !== null && ${S}.length === ${n} ? ${S} : (${S} = new ${typedArrayFor(dtype).name}(${n}))`;
  }

  /**
   * A kernel's output buffer, fresh per call. In emitted plans (`bySize`) an output of at least
   * `memoryLimits.minBytes` lives in the wasm kernels' memory, as the runtime jit's do (dtype.ts allocate),
   * so a wasm kernel writes it in place instead of staging it; a smaller one is a plain `new` (a tiny call
   * pays one comparison).
   */
  output(dtype: Plan["outAvals"][number]["dtype"], n: string): string {
    const Ctor = typedArrayFor(dtype);
    if (!this.bySize || dtype === "bool") return `new ${Ctor.name}(${n})`;
    const L = this.hoist("L", "R.limits");
    return `(${n} * ${Ctor.BYTES_PER_ELEMENT} < ${L}.minBytes ? new ${Ctor.name}(${n}) : R.alloc(${JSON.stringify(dtype)}, ${n}))`;
  }

  local(prefix: string): string {
    return `${prefix}_${this.n++}`;
  }

  js(d: Dim): string {
    if (typeof d === "number") return numLit(d);
    let text = this.jsCache.get(d);
    if (text === undefined) this.jsCache.set(d, (text = dimToJs(d, this.symbol)));
    return text;
  }

  /** A kernel argument: constant data is hoisted into the factory, symbolic sizes are computed per call. */
  value(v: unknown): string {
    if (typeof v === "number") return numLit(v);
    if (v instanceof SymDim) return this.js(v);
    if (Array.isArray(v)) {
      const items = v.map((x) => this.value(x));
      const text = `[${items.join(", ")}]`;
      return v.every((x) => typeof x === "number") ? this.hoist("A", `Object.freeze(${text})`) : text;
    }
    throw notEmittable(`kernel argument ${String(v)} is not a size`);
  }

  /**
   * A frozen size list for an NDArray to adopt (a shape, strides): a factory constant when concrete; when
   * symbolic, the last one made, kept by the factory and reused while the sizes repeat (arrays may share a
   * frozen shape; a fresh literal per call cost a tiny call more than its guard).
   */
  frozen(v: readonly unknown[]): string {
    if (v.every((x) => typeof x === "number")) return this.value(v);
    const items = v.map((x) => this.value(x));
    const Z = `Z${this.nScratch++}`;
    // the sizes it was made of are kept as numbers: an element load from a frozen array is several times
    // slower than a variable in V8's optimized code
    const keep = v.flatMap((x, i) => (typeof x === "number" ? [] : [[`${Z}_${i}`, items[i]!] as const]));
    this.hoisted.push(`let ${Z} = null${keep.map(([z]) => `, ${z} = NaN`).join("")};`);
    const same = keep.map(([z, x]) => `${x} === ${z}`).join(" && ");
    const set = keep.map(([z, x]) => `${z} = ${x}, `).join("");
    return `(${same} ? ${Z} : (${set}${Z} = Object.freeze([${items.join(", ")}])))`;
  }

  /**
   * A kernel argument that the kernel only reads during the call: a symbolic size list is written into a
   * factory-level array per call instead of allocating one (kernels never keep their arguments).
   */
  arg(v: unknown): string {
    if (!Array.isArray(v) || v.every((x) => typeof x === "number") || !v.every((x) => typeof x === "number" || x instanceof SymDim))
      return this.value(v);
    const items = v.map((x) => this.value(x));
    const T = this.hoist("T", `[${items.map(() => "0").join(", ")}] /* ${items.join(", ")} */`);
    return `(${items.map((x, i) => `${T}[${i}] = ${x}, `).join("")}${T})`;
  }

  /** An eager step's parameters: hoisted when they mention no symbol. */
  params(prim: string, p: unknown): string {
    const symbolic = { found: false };
    const text = dataLiteral(p, (d) => this.js(d), symbolic);
    if (text === undefined) throw notEmittable(`the parameters of ${prim} are not plain data`);
    return symbolic.found ? text : this.hoist("P", text);
  }

  /** The factory's source around the returned function's parameters and body lines. */
  factory(params: string, body: readonly string[]): string {
    const kernels = this.kernels.map((_, i) => (this.bySize ? `const k${i} = K[${i}], w${i} = W[${i}];` : `const k${i} = K[${i}];`));
    const head = [`const H = R.H, N = R.NDArray;`, ...kernels, ...this.hoisted];
    return [
      this.bySize ? "function (R, K, W, M) {" : "function (R, K) {",
      ...head.map((l) => `  ${l}`),
      `  return function (${params}) {`,
      ...body.map((l) => `    ${l}`),
      "  };",
      "}",
    ].join("\n");
  }
}

const bodyPlans = new WeakMap<Jaxpr, Plan>();
/** The plan of a body jaxpr (optimized and scheduled once, cached on the jaxpr); kernels are emitted by `PlanCode`. */
export function bodyPlan(j: Jaxpr): Plan {
  let p = bodyPlans.get(j);
  if (p === undefined) {
    p = buildPlan(optimizeAndSchedule(j).sched, () => () => {}, true);
    bodyPlans.set(j, p);
  }
  return p;
}

const loopBody = (j: Jaxpr): LoopBody => ({ plan: bodyPlan(j), inAvals: j.inBinders.map((v) => v.aval) });

/** `base + extra` as JS, simplified where a side is 0. */
const plus = (code: PlanCode, base: string, extra: Dim): string =>
  extra === 0 ? base : base === "0" ? code.js(extra) : `${base} + ${code.js(extra)}`;

/** Element offset of a layout within its slot's buffer, as JS. */
const offsetOf = (code: PlanCode, s: Slot, l: Layout): string => plus(code, s.off, l.offset);

/** An NDArray over a layout, for eager steps and outputs. */
export function viewExpr(code: PlanCode, s: Slot, l: Layout, aval: { dtype: string; weakType: boolean }): string {
  const args = [s.buf, code.frozen(l.shape), JSON.stringify(aval.dtype), code.frozen(l.strides), offsetOf(code, s, l)];
  // adopted: `code.frozen` gives frozen arrays nothing writes, so the NDArray needs no copy
  return `new N(${args.join(", ")}, ${aval.weakType}, ${code.value(dimsSize(l.shape))}, true)`;
}

export const litExpr = (l: Lit) => `R.scalar(${numLit(l.value)}, ${JSON.stringify(l.aval.dtype)}, ${l.aval.weakType})`;

/** A literal as a one-element buffer (a literal operand of a control-flow equation). */
function litSlot(code: PlanCode, l: Lit): Slot {
  return { buf: code.hoist("D", `new ${typedArrayFor(l.aval.dtype).name}([${numLit(l.value)}])`), off: "0" };
}

/** A layout (or literal) as a dense slot: a contiguous layout as is, else copied. */
function denseSlot(code: PlanCode, lines: string[], slots: Map<number, Slot>, l: Layout | Lit, aval: { dtype: string }): Slot {
  if (l instanceof Lit) return litSlot(code, l);
  const s = slots.get(l.slot)!;
  if (isContiguous(l)) return { buf: s.buf, off: offsetOf(code, s, l) };
  const b = code.local("b");
  lines.push(`const ${b} = R.copy(${viewExpr(code, s, l, { dtype: aval.dtype, weakType: false })});`);
  return { buf: b, off: "0" };
}

/** Statements copying a layout (or literal) into `dst` from element `doff` on (no allocation). */
function copyInto(code: PlanCode, lines: string[], slots: Map<number, Slot>, l: Layout | Lit, dst: string, doff: string): void {
  if (l instanceof Lit) {
    lines.push(`${dst}[${doff}] = ${numLit(l.value)};`);
    return;
  }
  const s = slots.get(l.slot)!;
  const n = code.js(dimsSize(l.shape));
  const from = offsetOf(code, s, l);
  if (isContiguous(l)) {
    const q = code.local("q");
    lines.push(`for (let ${q} = 0; ${q} < ${n}; ${q}++) ${dst}[${doff} + ${q}] = ${s.buf}[${from} + ${q}];`);
  } else lines.push(`R.put(${dst}, ${doff}, ${s.buf}, ${from}, ${code.value(l.shape)}, ${code.value(l.strides)});`);
}

/**
 * Statements running a plan on dense input slots (its inputs, then its captured arrays are hoisted);
 * returns the slots of every plan slot. `inLoop`: every buffer the plan writes is reusable scratch (the
 * caller copies what escapes an iteration). Buffers are named `<prefix>b<slot>` (a body's prefix is unique).
 */
export function emitActions(
  code: PlanCode,
  plan: Plan,
  inputs: readonly Slot[],
  lines: string[],
  inLoop: boolean,
  prefix = code.local("p") + "_",
): Map<number, Slot> {
  const slots = new Map<number, Slot>();
  inputs.forEach((s, i) => slots.set(i, s));
  plan.constSlots.forEach((c, i) => {
    if (c.data.length > MAX_CONST) throw notEmittable(`a captured array of ${c.data.length} elements (more than ${MAX_CONST})`);
    const id = code.hoist("D", `new ${typedArrayFor(c.dtype).name}([${Array.from(c.data, numLit).join(", ")}])`);
    slots.set(plan.inSlots + i, { buf: id, off: "0" });
  });
  for (const act of plan.actions) {
    if (act.t === "kernel") {
      const b = `${prefix}b${act.outSlot}`;
      const n = code.value(act.size);
      const alloc = act.scratch || inLoop ? code.scratch(act.dtype, n) : code.output(act.dtype, n);
      lines.push(`const ${b} = ${alloc};`);
      slots.set(act.outSlot, { buf: b, off: "0" });
      const refAt = new Map(act.refs.map((r) => [r[0], r] as const));
      const args = ["H", b];
      for (let a = 2; a < act.args.length; a++) {
        const r = refAt.get(a);
        if (r) {
          const s = slots.get(r[1])!;
          args.push(s.buf, plus(code, s.off, r[2]));
          a++;
        } else args.push(code.arg(act.args[a]));
      }
      const src = plan.kernels[act.kernel]!;
      const flat = code.bySize ? flatInputs(src, act.args, args) : undefined;
      if (flat === undefined) lines.push(code.call(src, act.elems, args));
      else {
        // a rank-1 elementwise call: the loop in place below the wasm threshold (no kernel call)
        const loop = flatLoop(src, b, code.js(flat.n), flat.ins, args[argIndex(src.ir.sig, "consts")]!, (p) => code.local(p));
        lines.push(`if (${code.js(flat.n)} < M) {`, ...loop.map((l) => `  ${l}`), `} else ${code.call(src, act.elems, args, true)}`);
      }
    } else if (act.t === "eager") {
      const ins = act.ins.map((l, i) => (l instanceof Lit ? litExpr(l) : viewExpr(code, slots.get(l.slot)!, l, act.avals[i]!)));
      const call = `(${JSON.stringify(act.prim)}, ${code.params(act.prim, act.params)}, [${ins.join(", ")}])`;
      if (isMultiOutput(act.prim)) {
        const rs = `${prefix}r${act.outSlots[0]}`;
        lines.push(`const ${rs} = R.eagerN${call};`);
        act.outSlots.forEach((slot, k) => {
          const [b, o] = [`${prefix}b${slot}`, `${prefix}o${slot}`];
          lines.push(`const ${b} = ${rs}[${k}].data, ${o} = ${rs}[${k}].offset;`);
          slots.set(slot, { buf: b, off: o });
        });
      } else {
        const [r, b, o] = ["r", "b", "o"].map((x) => `${prefix}${x}${act.outSlots[0]}`) as [string, string, string];
        lines.push(`const ${r} = R.eager${call};`);
        lines.push(`const ${b} = ${r}.data, ${o} = ${r}.offset;`);
        slots.set(act.outSlots[0]!, { buf: b, off: o });
      }
    } else if (act.t === "call") {
      const ins = act.ins.map((l, i) => denseSlot(code, lines, slots, l, act.avals[i]!));
      const outs = emitHigher(code, act.eqn, ins, lines, inLoop);
      outs.forEach((s, k) => slots.set(act.outSlots[k]!, s));
    } else {
      const b = `${prefix}b${act.outSlot}`;
      lines.push(`const ${b} = R.copy(${viewExpr(code, slots.get(act.src.slot)!, act.src, { dtype: act.dtype, weakType: false })});`);
      slots.set(act.outSlot, { buf: b, off: "0" });
    }
  }
  return slots;
}

/**
 * The inputs of an elementwise kernel call over at most one dimension whose every input is dense or one
 * repeated element (strides [1] or [0]): the call a flat loop can replace (codegen/kernels.ts flatLoop).
 */
function flatInputs(src: KernelSource, kargs: readonly unknown[], args: readonly string[]): { n: Dim; ins: FlatInput[] } | undefined {
  const sig = src.ir.sig;
  if (src.ir.kind !== "elementwise") return undefined;
  const shape = kargs[argIndex(sig, "shape")];
  // rank 0: one element (a collapsed [1] too)
  if (!Array.isArray(shape) || shape.length > 1) return undefined;
  const ins: FlatInput[] = [];
  for (let i = 0; i < sig.inputs.length; i++) {
    const st = kargs[argIndex(sig, "strides", i)];
    const step = shape.length === 0 ? 0 : Array.isArray(st) ? st[0] : undefined;
    if (step !== 0 && step !== 1) return undefined;
    ins.push({ buf: args[argIndex(sig, "data", i)]!, off: args[argIndex(sig, "offset", i)]!, step });
  }
  return { n: shape.length === 0 ? 1 : (shape[0] as Dim), ins };
}

/** A buffer for a value that escapes: fresh per run at the top level, reusable inside a loop. */
function outBuffer(code: PlanCode, dtype: Plan["outAvals"][number]["dtype"], n: string, inLoop: boolean): string {
  return inLoop ? code.scratch(dtype, n) : `new ${typedArrayFor(dtype).name}(${n})`;
}

/** A body inline: its statements in a block, its outputs as slots (dense; copied when a view). */
function inlineBody(code: PlanCode, j: Jaxpr, ins: readonly Slot[], lines: string[], inLoop: boolean): Slot[] {
  const plan = bodyPlan(j);
  const slots = emitActions(code, plan, ins, lines, inLoop);
  return plan.outs.map((l, k) => denseSlot(code, lines, slots, l, plan.outAvals[k]!));
}

/** Statements for a higher-order equation on dense input slots; returns its output slots. */
export function emitHigher(code: PlanCode, e: HigherEqn, ins: readonly Slot[], lines: string[], inLoop: boolean): Slot[] {
  switch (e.primitive) {
    case "jit_call":
    case "checkpoint":
      return inlineBody(code, e.params.jaxpr, ins, lines, inLoop);
    case "custom_jvp_call":
    case "custom_vjp_call":
      return inlineBody(code, e.params.fun, ins, lines, inLoop);
    case "cond":
      return emitCond(code, e.params.branches, ins, lines, inLoop);
    case "while": {
      const p = e.params;
      const cc = ins.slice(0, p.condConsts),
        bc = ins.slice(p.condConsts, p.condConsts + p.bodyConsts);
      const spec = {
        kind: "while" as const,
        cond: loopBody(p.cond),
        body: loopBody(p.body),
        condConsts: p.condConsts,
        bodyConsts: p.bodyConsts,
      };
      return (
        scalarLoop(code, spec, ins, lines) ??
        emitLoop(
          code,
          { kind: "while", cond: p.cond, body: p.body, condConsts: cc, bodyConsts: bc, ncarry: ins.length - cc.length - bc.length },
          ins,
          lines,
          inLoop,
        )
      );
    }
    case "scan": {
      const p = e.params;
      const scan = { kind: "scan" as const, length: p.length, reverse: p.reverse, consts: p.consts, carry: p.carry };
      return (
        scalarLoop(code, { ...scan, body: loopBody(p.body) }, ins, lines) ??
        emitLoop(code, { ...scan, bodyJaxpr: p.body, ncarry: p.carry }, ins, lines, inLoop)
      );
    }
    default:
      throw notEmittable(`the higher-order primitive ${(e as { primitive: string }).primitive}`);
  }
}

function emitCond(code: PlanCode, branches: readonly Jaxpr[], ins: readonly Slot[], lines: string[], inLoop: boolean): Slot[] {
  const [index, ...ops] = ins;
  const ix = code.local("ix");
  lines.push(`const ${ix} = Math.min(Math.max(${index!.buf}[${index!.off}], 0), ${branches.length - 1});`);
  const outs = branches[0]!.outs.map(() => ({ buf: code.local("cb"), off: code.local("co") }));
  for (const o of outs) lines.push(`let ${o.buf}, ${o.off};`);
  branches.forEach((b, i) => {
    const inner: string[] = [];
    const r = inlineBody(code, b, ops, inner, inLoop);
    r.forEach((s, k) => inner.push(`${outs[k]!.buf} = ${s.buf}; ${outs[k]!.off} = ${s.off};`));
    lines.push(i === 0 ? `if (${ix} === 0) {` : i === branches.length - 1 ? "} else {" : `} else if (${ix} === ${i}) {`);
    lines.push(...inner.map((l) => `  ${l}`));
  });
  lines.push("}");
  return outs;
}

type LoopSpec =
  | { kind: "while"; cond: Jaxpr; body: Jaxpr; condConsts: readonly Slot[]; bodyConsts: readonly Slot[]; ncarry: number }
  | { kind: "scan"; bodyJaxpr: Jaxpr; length: number; reverse: boolean; consts: number; carry: number; ncarry: number };

/**
 * A loop over the body plan's actions. Carries are double-buffered: iteration t reads `cur` and copies the
 * body's carry outputs into the other buffer (never an input's, never one the body reads), then swaps.
 */
function emitLoop(code: PlanCode, spec: LoopSpec, ins: readonly Slot[], lines: string[], inLoop: boolean): Slot[] {
  const body = spec.kind === "while" ? spec.body : spec.bodyJaxpr;
  const carryIn =
    spec.kind === "while" ? ins.slice(spec.condConsts.length + spec.bodyConsts.length) : ins.slice(spec.consts, spec.consts + spec.carry);
  const carryAvals = body.outs.slice(0, spec.ncarry).map((o) => o.aval);
  const cur = carryIn.map((_s) => ({ buf: code.local("c"), off: code.local("co") }));
  const pairs = carryAvals.map((a) => {
    const n = code.js(dimsSize(a.shape));
    return [code.local("A"), code.local("B"), n] as const;
  });
  cur.forEach((c, k) => lines.push(`let ${c.buf} = ${carryIn[k]!.buf}, ${c.off} = ${carryIn[k]!.off};`));
  pairs.forEach(([A, B, n], k) => {
    lines.push(
      `const ${A} = ${outBuffer(code, carryAvals[k]!.dtype, n, inLoop)}, ${B} = ${outBuffer(code, carryAvals[k]!.dtype, n, inLoop)};`,
    );
  });
  const inner: string[] = [];
  const plan = bodyPlan(body);
  let ys: { buf: string; n: string }[] = [];
  let bodyIns: Slot[];
  let row = "";
  if (spec.kind === "while") {
    const cplan = bodyPlan(spec.cond);
    const cslots = emitActions(code, cplan, [...spec.condConsts, ...cur], inner, true);
    const p = cplan.outs[0]!;
    const pred = p instanceof Lit ? numLit(p.value) : `${cslots.get(p.slot)!.buf}[${offsetOf(code, cslots.get(p.slot)!, p)}]`;
    inner.push(`if (!${pred}) break;`);
    bodyIns = [...spec.bodyConsts, ...cur];
  } else {
    const t = code.local("t");
    const len = code.js(spec.length);
    row = code.local("i");
    const xs = ins.slice(spec.consts + spec.carry);
    const xAvals = body.inBinders.slice(spec.consts + spec.carry).map((v) => v.aval);
    const xSlots = xs.map((s, j) => ({ buf: s.buf, off: `${s.off} + ${row} * ${code.js(dimsSize(xAvals[j]!.shape))}` }));
    bodyIns = [...ins.slice(0, spec.consts), ...cur, ...xSlots];
    ys = body.outs.slice(spec.ncarry).map((o) => {
      const n = code.js(dimsSize(o.aval.shape));
      const buf = code.local("ys");
      lines.push(`const ${buf} = ${outBuffer(code, o.aval.dtype, `${len} * ${n}`, inLoop)};`);
      return { buf, n };
    });
    lines.push(`for (let ${t} = 0; ${t} < ${len}; ${t}++) {`);
    inner.push(`const ${row} = ${spec.reverse ? `${len} - 1 - ${t}` : t};`);
  }
  if (spec.kind === "while") lines.push("for (;;) {");
  const slots = emitActions(code, plan, bodyIns, inner, true);
  // carry outputs into the buffers not being read, then swap
  const next = pairs.map(([A, B], k) => {
    const nb = code.local("nb");
    inner.push(`const ${nb} = ${cur[k]!.buf} === ${A} ? ${B} : ${A};`);
    copyInto(code, inner, slots, plan.outs[k]!, nb, "0");
    return nb;
  });
  if (spec.kind === "scan") {
    ys.forEach((y, j) => copyInto(code, inner, slots, plan.outs[spec.ncarry + j]!, y.buf, `${row} * ${y.n}`));
  }
  next.forEach((nb, k) => inner.push(`${cur[k]!.buf} = ${nb}; ${cur[k]!.off} = 0;`));
  lines.push(...inner.map((l) => `  ${l}`), "}");
  return [...cur, ...ys.map((y) => ({ buf: y.buf, off: "0" }))];
}
