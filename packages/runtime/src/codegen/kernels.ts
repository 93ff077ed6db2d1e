// JS emitter: one fused step -> its kernel IR (codegen/kir.ts) -> the source of a plain JS function
// over typed arrays. Shapes and strides are arguments (never baked in), so a kernel serves every shape
// and is identified by a signature derived from its source. The same text is run through `new Function`
// by the runtime jit or pasted into a module by the build-time compiler.
import { type CumulativeOp, type ReduceOp, assertNever } from "../core/primitives.js";
import { type DType, isInteger } from "../dtype.js";
import { compileError } from "../errors.js";
import type { Var } from "../ir/jaxpr.js";
import type { Step } from "../ir/schedule.js";
import {
  Constants,
  cumulativeSignature,
  type KBody,
  type KInst,
  type KRef,
  type KernelIR,
  type KernelKind,
  dotSignature,
  elementwiseSignature,
  lowerBody,
  reduceSignature,
} from "./kir.js";
import { binaryExpr, compareExpr, convertExpr, selectExpr, unaryExpr } from "./scalar.js";
import type { GemmAct } from "./wasm/sgemm.js";

export interface KernelSource {
  /** Stable identity: kind + hash of the body. Equal signatures mean interchangeable functions. */
  signature: string;
  kind: KernelKind;
  /** A JS function expression. */
  source: string;
  /**
   * Values of the scalar literals the kernel reads (its last argument, `C`). Literals are arguments,
   * not source text, so kernels that differ only in constants (a mean's 1/n, a scale factor) share
   * one signature and one precompiled function.
   */
  constants: number[];
  /** The kernel IR the source was emitted from (other backends emit from it too). */
  ir: KernelIR;
}

function instExpr(i: KInst, args: string[]): string {
  const o = i.op;
  switch (o.op) {
    case "unary":
      return unaryExpr(o.prim, i.dtype, args[0]!);
    case "binary":
      return binaryExpr(o.prim, i.dtype, args[0]!, args[1]!);
    case "compare":
      return compareExpr(o.prim, args[0]!, args[1]!);
    case "select":
      return selectExpr(args[0]!, args[1]!, args[2]!);
    case "convert":
      return convertExpr(i.dtype, o.to, args[0]!);
    default:
      return assertNever(o);
  }
}

const jsRef = (r: KRef): string => (r.t === "in" ? `x${r.i}` : r.t === "const" ? `L${r.i}` : r.t === "val" ? `v${r.k}` : "acc");

/** JS statements of a body (loads `x{i}` and the accumulator `acc` bound by the loop); returns [lines, rootExpr]. */
function jsBody(b: KBody): [string[], string] {
  return bodyCode(b, jsRef, (k) => `v${k}`);
}

/**
 * A body's statements with operand names chosen by the caller (a kernel's loads, or the element locals of
 * a scalarized loop, jit/scalar-loop.ts); `val(k)` names instruction k's result. Returns [lines, rootExpr].
 */
export function bodyCode(b: KBody, ref: (r: KRef) => string, val: (k: number) => string): [string[], string] {
  const name = (r: KRef) => (r.t === "val" ? val(r.k) : ref(r));
  // Fused float32 chains compute in double and round at the store. Where a value feeds an op that
  // is discontinuous in its input (floor, round, compare, mod, cast to int...), that extra precision
  // could flip the result, so the value is rounded to float32 exactly as the eager kernels store it.
  const lines = b.insts.map((i) => {
    const e = instExpr(i, i.args.map(name));
    return `const ${val(i.k)} = ${i.round ? `Math.fround(${e})` : e};`;
  });
  return [lines, name(b.root)];
}

function constPrologue(values: number[]): string[] {
  return values.length ? [`  const ${values.map((_, i) => `L${i} = C[${i}]`).join(", ")};`] : [];
}

function hash(s: string): string {
  // FNV-1a 32-bit twice with different seeds -> 64 bits of hex
  let h1 = 0x811c9dc5,
    h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h1 >>> 0).toString(16).padStart(8, "0") + (h2 >>> 0).toString(16).padStart(8, "0");
}

export function finish(ir: KernelIR, body: string): KernelSource {
  const kind = ir.kind;
  const fullParams = ir.sig.args.map((a) => a.name).join(", ");
  const fullBody = [...constPrologue(ir.body.consts), body].join("\n");
  const h = hash(`${kind}(${fullParams}){${fullBody}}`);
  return {
    signature: `${kind}:${h}`,
    kind,
    source: `function nj_${kind}_${h}(${fullParams}) {\n${fullBody}\n}`,
    constants: ir.body.consts,
    ir,
  };
}

const indent = (lines: string[], n: number) => lines.map((l) => " ".repeat(n) + l).join("\n");

/** Elementwise: o (dense, row-major over `shape`) = f(inputs read through their strides). */
export function elementwiseKernel(step: Extract<Step, { kind: "elementwise" }>, exact?: ReadonlySet<Var>): KernelSource {
  const k = step.inputs.length;
  const body0 = lowerBody(step.eqns, step.inputs, new Constants(), exactOpt(exact));
  const ir: KernelIR = { kind: "elementwise", sig: elementwiseSignature(step.out.aval.dtype, body0.inputs), body: body0 };
  const [lines, root] = jsBody(body0);
  const used = body0.used;
  // the source is a function of the parameters, the constants' count, the loads and the body's lines:
  // equal ones (the same fusion in another plan or function, a rank-polymorphic function's second trace)
  // reuse the text and its signature, with this step's constants and IR
  const key = `${k}|${ir.sig.args.map((a) => a.name).join(",")}|${body0.consts.length}|${[...used].join(",")}|${root}|${lines.join("\n")}`;
  const hit = elementwiseSources.get(key);
  if (hit !== undefined) return { ...hit, constants: body0.consts, ir };
  const ids = [...Array(k).keys()];
  const loads = (ptr: (i: number) => string) => ids.filter((i) => used.has(i)).map((i) => `const x${i} = a${i}[${ptr(i)}];`);
  const inner = (ptr: (i: number) => string, store: string) => indent([...loads(ptr), ...lines, `o[${store}] = ${root};`], 6);
  const body = [
    `  const nd = shape.length;`,
    `  if (nd === 0) {`,
    indent([...loads((i) => `o${i}`), ...lines, `o[0] = ${root};`], 4),
    `    return;`,
    `  }`,
    `  const n = shape[nd - 1];`,
    ...ids.map((i) => `  const t${i} = s${i}[nd - 1];`),
    `  if (nd === 1) {`,
    `    if (${ids.map((i) => `t${i} === 1`).join(" && ") || "true"}) {`,
    `      for (let i = 0; i < n; i++) {`,
    inner((i) => `o${i} + i`, "i").replace(/^ {6}/gm, "        "),
    `      }`,
    `    } else {`,
    `      for (let i = 0${ids.map((i) => `, p${i} = o${i}`).join("")}; i < n; i++${ids.map((i) => `, p${i} += t${i}`).join("")}) {`,
    inner((i) => `p${i}`, "i").replace(/^ {6}/gm, "        "),
    `      }`,
    `    }`,
    `    return;`,
    `  }`,
    `  const idx = new Int32Array(nd);`,
    ...ids.map((i) => `  let b${i} = o${i};`),
    `  let total = 1;`,
    `  for (let d = 0; d < nd - 1; d++) total *= shape[d];`,
    `  let q = 0;`,
    `  for (let r = 0; r < total; r++) {`,
    `    for (let i = 0${ids.map((i) => `, p${i} = b${i}`).join("")}; i < n; i++${ids.map((i) => `, p${i} += t${i}`).join("")}) {`,
    inner((i) => `p${i}`, "q++"),
    `    }`,
    `    for (let d = nd - 2; d >= 0; d--) {`,
    `      idx[d]++;`,
    ...ids.map((i) => `      b${i} += s${i}[d];`),
    `      if (idx[d] < shape[d]) break;`,
    ...ids.map((i) => `      b${i} -= s${i}[d] * shape[d];`),
    `      idx[d] = 0;`,
    `    }`,
    `  }`,
  ].join("\n");
  const src = finish(ir, body);
  elementwiseSources.set(key, { signature: src.signature, kind: src.kind, source: src.source });
  return src;
}

/** Elementwise kernel texts by what determines them (elementwiseKernel). */
const elementwiseSources = new Map<string, Pick<KernelSource, "signature" | "kind" | "source">>();

/** Empty the kernel text cache (internal.ts clearCodegenCaches). */
export function clearKernelSources(): void {
  elementwiseSources.clear();
}

/** An input of a flat loop: its typed array and first element, read densely (step 1) or as one repeated element (step 0). */
export interface FlatInput {
  buf: string;
  off: string;
  step: 0 | 1;
}

/**
 * The loop of an elementwise kernel over `n` elements of a rank-1 range, as a block of statements to paste
 * where the kernel would be called (an emitted plan's small calls, the runtime jit's flat fast path): the
 * full kernel, with its rank branches, is too large for V8 to inline, and its call costs several times a
 * tiny loop. Same body code as the kernel (bodyCode), so the results are bit-identical. `consts` is the
 * expression of the kernel's `C` argument; `fresh(prefix)` gives a local name unused around the block.
 */
export function flatLoop(
  src: KernelSource,
  out: string,
  n: string,
  ins: readonly FlatInput[],
  consts: string,
  fresh: (p: string) => string,
): string[] {
  if (src.ir.kind !== "elementwise") throw compileError.codegen(`flatLoop of a ${src.ir.kind} kernel`);
  const body = src.ir.body;
  const i = fresh("i");
  const loads = new Map<number, string>();
  const pre: string[] = [];
  const names = new Map<string, string>();
  const name = (key: string): string => names.get(key) ?? (names.set(key, fresh("e")).get(key) as string);
  body.consts.forEach((_, c) => pre.push(`const ${name(`L${c}`)} = ${consts}[${c}];`));
  const each: string[] = [];
  for (const k of [...body.used].sort((a, b) => a - b)) {
    const x = ins[k]!;
    // a repeated element is loaded once, before the loop
    const at = x.step === 0 ? x.off : `${x.off} + ${i}`;
    (x.step === 0 ? pre : each).push(`const ${name(`x${k}`)} = ${x.buf}[${at}];`);
    loads.set(k, name(`x${k}`));
  }
  const ref = (r: KRef): string =>
    r.t === "in" ? loads.get(r.i)! : r.t === "const" ? name(`L${r.i}`) : name(r.t === "val" ? `v${r.k}` : "acc");
  const [lines, root] = bodyCode(body, ref, (k) => name(`v${k}`));
  return [...pre, `for (let ${i} = 0; ${i} < ${n}; ${i}++) {`, ...[...each, ...lines, `${out}[${i}] = ${root};`].map((l) => `  ${l}`), "}"];
}

type Accumulator = { init: string; update: (acc: string, v: string) => string };

const ACC: Record<string, Accumulator> = {
  reduce_sum: { init: "0", update: (a, v) => `${a} += ${v};` },
  reduce_prod: { init: "1", update: (a, v) => `${a} *= ${v};` },
  // float32 products round every step (1e20 * 1e20 overflows to inf, as in JAX and NumPy)
  reduce_prod_f32: { init: "1", update: (a, v) => `${a} = Math.fround(${a} * ${v});` },
  // int32 accumulates with wrap-around, like the eager kernels
  reduce_sum_int: { init: "0", update: (a, v) => `${a} = (${a} + ${v}) | 0;` },
  reduce_prod_int: { init: "1", update: (a, v) => `${a} = Math.imul(${a}, ${v});` },
  reduce_max: { init: "-Infinity", update: (a, v) => `if (${v} > ${a} || ${v} !== ${v}) ${a} = ${v};` },
  reduce_min: { init: "Infinity", update: (a, v) => `if (${v} < ${a} || ${v} !== ${v}) ${a} = ${v};` },
};

/** The accumulator of a reduction (init value, update statement), by the IR's accumulation kind. */
export function accumulator(op: ReduceOp, accum: "float" | "int" | "f32prod"): Accumulator {
  return ACC[accum === "int" ? `${op}_int` : accum === "f32prod" ? "reduce_prod_f32" : op]!;
}

/**
 * Reduce over an inlined producer expression. The input's dims are split by the plan into kept
 * (outer, output order) and reduced (inner) groups: o[k] = reduce_r f(x[k, r]).
 * `mode` 1 (passed at run time) walks reduced dims outermost with a row accumulator instead, for
 * reductions over leading axes where the kept dims are the contiguous ones.
 */
export function reduceKernel(step: Extract<Step, { kind: "reduce" }>, exact?: ReadonlySet<Var>): KernelSource {
  const red = step.reduce;
  const emptyRoot: KRef = { t: "in", i: step.inputs.indexOf(red.inputs[0] as Var) };
  const body = lowerBody(step.eqns, step.inputs, new Constants(), { ...exactOpt(exact), emptyRoot });
  return emitReduce(reduceIR(red.primitive as ReduceOp, red.outs[0]!.aval.dtype, body));
}

function accumOf(op: ReduceOp, out: DType): "int" | "f32prod" | "float" {
  if (isInteger(out) && (op === "reduce_sum" || op === "reduce_prod")) return "int";
  return out === "float32" && op === "reduce_prod" ? "f32prod" : "float";
}

/** The reduce kernel IR: int32 sums and products wrap, float32 products round every step. */
export function reduceIR(op: ReduceOp, out: DType, body: KBody): Extract<KernelIR, { kind: "reduce" }> {
  return { kind: "reduce", sig: reduceSignature(out, body.inputs), body, reduce: op, accum: accumOf(op, out) };
}

const SCAN: Record<CumulativeOp, ReduceOp> = { cumsum: "reduce_sum", cumprod: "reduce_prod", cummax: "reduce_max", cummin: "reduce_min" };

/** The scan kernel IR of a cumulative op over one input read as is. */
export function cumulativeIR(op: CumulativeOp, out: DType, input: DType): Extract<KernelIR, { kind: "cumulative" }> {
  const body: KBody = { inputs: [input], insts: [], root: { t: "in", i: 0 }, used: new Set([0]), consts: [] };
  const reduce = SCAN[op];
  return { kind: "cumulative", sig: cumulativeSignature(out, input), body, reduce, accum: accumOf(reduce, out) };
}

/** JS source of a scan: the reductions' accumulator update, a store after every element. */
export function emitCumulative(ir: Extract<KernelIR, { kind: "cumulative" }>): KernelSource {
  const acc = accumulator(ir.reduce, ir.accum);
  const [lines, root] = jsBody(ir.body);
  const store = ir.sig.out === "bool" ? "(acc !== 0 ? 1 : 0)" : "acc";
  const body = [
    `  const nk = kshape.length;`,
    `  let K = 1;`,
    `  for (let d = 0; d < nk; d++) K *= kshape[d];`,
    `  const ki = new Int32Array(nk);`,
    `  let b0 = o0, bo = oo;`,
    `  for (let q = 0; q < K; q++) {`,
    `    let acc = ${acc.init};`,
    `    for (let j = 0, p0 = b0, po = bo; j < n; j++, p0 += s0, po += os) {`,
    indent([`const x0 = a0[p0];`, ...lines, acc.update("acc", root), `o[po] = ${store};`], 6),
    `    }`,
    `    for (let d = nk - 1; d >= 0; d--) {`,
    `      ki[d]++;`,
    `      b0 += ks0[d];`,
    `      bo += oks[d];`,
    `      if (ki[d] < kshape[d]) break;`,
    `      b0 -= ks0[d] * kshape[d];`,
    `      bo -= oks[d] * kshape[d];`,
    `      ki[d] = 0;`,
    `    }`,
    `  }`,
  ].join("\n");
  return finish(ir, body);
}

/** JS source of a reduce kernel IR. */
export function emitReduce(ir: Extract<KernelIR, { kind: "reduce" }>): KernelSource {
  const body0 = ir.body;
  const k = body0.inputs.length;
  const red = { primitive: ir.reduce, out: ir.sig.out };
  const [lines, rootExpr] = jsBody(body0);
  const used = body0.used;
  const acc = accumulator(red.primitive, ir.accum);
  const boolOut = red.out === "bool";
  const store = (v: string) => (boolOut ? `(${v} !== 0 ? 1 : 0)` : v);
  const ids = [...Array(k).keys()];
  const loads = ids.filter((i) => used.has(i)).map((i) => `const x${i} = a${i}[p${i}];`);
  const odo = (shape: string, st: string, base: string, idx: string, ind: number) =>
    indent(
      [
        `for (let d = ${shape}.length - 1; d >= 0; d--) {`,
        `  ${idx}[d]++;`,
        ...ids.map((i) => `  ${base}${i} += ${st}${i}[d];`),
        `  if (${idx}[d] < ${shape}[d]) break;`,
        ...ids.map((i) => `  ${base}${i} -= ${st}${i}[d] * ${shape}[d];`),
        `  ${idx}[d] = 0;`,
        `}`,
      ],
      ind,
    );
  const body = [
    `  const nk = kshape.length, nr = rshape.length;`,
    `  let K = 1, R = 1;`,
    `  for (let d = 0; d < nk; d++) K *= kshape[d];`,
    `  for (let d = 0; d < nr; d++) R *= rshape[d];`,
    `  const n = nr ? rshape[nr - 1] : 1;`,
    ...ids.map((i) => `  const t${i} = nr ? rs${i}[nr - 1] : 0;`),
    `  const ki = new Int32Array(nk), ri = new Int32Array(Math.max(nr - 1, 0));`,
    `  const rsh = rshape.slice(0, Math.max(nr - 1, 0));`,
    ...ids.map((i) => `  const ro${i} = rs${i}.slice(0, Math.max(nr - 1, 0));`),
    `  if (mode === 1 && nk > 0) {`,
    `    // reduced dims outer, kept dims inner (kept innermost stride is the contiguous one)`,
    `    const accs = new Float64Array(K).fill(${acc.init});`,
    `    const m = kshape[nk - 1];`,
    ...ids.map((i) => `    const u${i} = ks${i}[nk - 1];`),
    `    const rfull = new Int32Array(nr);`,
    ...ids.map((i) => `    let c${i} = o${i};`),
    `    for (let r = 0; r < R; r++) {`,
    ...ids.map((i) => `      let b${i} = c${i};`),
    `      ki.fill(0);`,
    `      for (let q = 0; q < K; q += m) {`,
    `        for (let j = 0${ids.map((i) => `, p${i} = b${i}`).join("")}; j < m; j++${ids.map((i) => `, p${i} += u${i}`).join("")}) {`,
    indent([...loads, ...lines, acc.update("accs[q + j]", rootExpr)], 10),
    `        }`,
    indent(
      [
        `for (let d = nk - 2; d >= 0; d--) {`,
        `  ki[d]++;`,
        ...ids.map((i) => `  b${i} += ks${i}[d];`),
        `  if (ki[d] < kshape[d]) break;`,
        ...ids.map((i) => `  b${i} -= ks${i}[d] * kshape[d];`),
        `  ki[d] = 0;`,
        `}`,
      ],
      8,
    ),
    `      }`,
    odo("rshape", "rs", "c", "rfull", 6),
    `    }`,
    `    for (let q = 0; q < K; q++) o[q] = ${store("accs[q]")};`,
    `    return;`,
    `  }`,
    ...ids.map((i) => `  let b${i} = o${i};`),
    `  for (let q = 0; q < K; q++) {`,
    `    let acc = ${acc.init};`,
    ...ids.map((i) => `    let c${i} = b${i};`),
    `    for (let r = 0; r < R; r += n) {`,
    `      for (let j = 0${ids.map((i) => `, p${i} = c${i}`).join("")}; j < n; j++${ids.map((i) => `, p${i} += t${i}`).join("")}) {`,
    indent([...loads, ...lines, acc.update("acc", rootExpr)], 8),
    `      }`,
    odo("rsh", "ro", "c", "ri", 6),
    `    }`,
    `    o[q] = ${store("acc")};`,
    odo("kshape", "ks", "b", "ki", 4),
    `  }`,
  ].join("\n");
  return finish(ir, body);
}

/**
 * dot_general as batched [B,M,K] x [B,K,N] -> [B,M,N] with arbitrary strides, plus an elementwise
 * epilogue evaluated at the store (its inputs are read through strides over [B,M,N]).
 * Blocked: a 4-column panel of W is packed contiguously, then 4x4 tiles of the output accumulate
 * in 16 locals (registers) over k — any strides of A and W, so transposed operands need no copy.
 */
const ACCS = [0, 1, 2, 3].flatMap((r) => [0, 1, 2, 3].map((c) => `c${r}${c}`));

export function dotKernel(step: Extract<Step, { kind: "dot" }>, exact?: ReadonlySet<Var>): KernelSource {
  const dot = step.dot;
  const epiInputs = step.inputs.filter((v) => step.eqns.some((e) => e.inputs.includes(v)));
  const body = lowerBody(step.eqns, epiInputs, new Constants(), { ...exactOpt(exact), acc: dot.outs[0]!, emptyRoot: { t: "acc" } });
  return emitDot(dotIR(dot.outs[0]!.aval.dtype, dot.inputs[0]!.aval.dtype, body));
}

/** The dot kernel IR: operands of dtype `operand`, the epilogue `body` over the accumulator. */
export function dotIR(out: DType, operand: DType, body: KBody): Extract<KernelIR, { kind: "dot" }> {
  return { kind: "dot", sig: dotSignature(out, operand, body.inputs), body, dtype: out };
}

/**
 * The epilogue the float32 GEMM applies in its store, when the body is exactly that: acc + bias (an
 * input; the kernel checks at run time that it is one row broadcast over rows and batches), then at most
 * one of relu (max with a literal 0), tanh, logistic. The bias add and relu are bit-identical to the JS
 * epilogue (a float32 sum rounds once either way); tanh and logistic are the wasm polynomials, within
 * float32 tolerance of Math.tanh and the JS logistic. No epilogue at all ({ bias: null, act: "none" }) is
 * one too: the GEMM then stores into the kernel's output in place, with no copy of its result.
 */
export function gemmEpilogueOf(ir: Extract<KernelIR, { kind: "dot" }>): { bias: number | null; act: GemmAct } | null {
  const b = ir.body;
  // every step in float32 in wasm: the same as the JS body's rounding (round, roundAcc) after each step
  if (ir.dtype !== "float32" || b.insts.some((i) => i.dtype !== "float32")) return null;
  let cur: KRef = { t: "acc" },
    bias: number | null = null,
    act: GemmAct = "none";
  const isCur = (r: KRef | undefined) => r !== undefined && r.t === cur.t && (r.t !== "val" || (cur.t === "val" && r.k === cur.k));
  for (const inst of b.insts) {
    const [x, y] = inst.args;
    if (act !== "none") return null;
    if (bias === null && inst.op.op === "binary" && inst.op.prim === "add" && (isCur(x) ? y : isCur(y) ? x : undefined)?.t === "in")
      bias = ((isCur(x) ? y : x) as { i: number }).i;
    else if (isCur(x) && inst.op.op === "unary" && (inst.op.prim === "tanh" || inst.op.prim === "logistic")) act = inst.op.prim;
    else if (isCur(x) && inst.op.op === "binary" && inst.op.prim === "max" && y?.t === "const" && Object.is(b.consts[y.i], 0)) act = "relu";
    else return null;
    cur = { t: "val", k: inst.k };
  }
  return isCur(b.root) ? { bias, act } : null;
}

/**
 * The epilogue `x ± L * acc` (or `L * acc - x`, L a constant, x an input), which the float32 GEMM
 * applies in a pass over its result in float64 exactly as this JS body computes it (one double product
 * and sum, rounded at the store: bit-identical): an SGD update fused into its gradient's GEMM. The
 * kernel checks at run time that x is dense [B, M, N].
 */
export function gemmAxpyOf(ir: Extract<KernelIR, { kind: "dot" }>): { x: number; c: number; alpha: 1 | -1; beta: 1 | -1 } | null {
  const b = ir.body;
  const [mul, sum] = b.insts;
  if (ir.dtype !== "float32" || b.roundAcc || b.insts.length !== 2 || !mul || !sum) return null;
  if (b.insts.some((i) => i.dtype !== "float32" || i.out !== "float32" || i.round || i.op.op !== "binary")) return null;
  const prim = (i: typeof mul) => (i.op.op === "binary" ? i.op.prim : null);
  const [p, q] = mul.args;
  const c = p?.t === "acc" && q?.t === "const" ? q.i : q?.t === "acc" && p?.t === "const" ? p.i : null;
  if (prim(mul) !== "mul" || c === null || b.root.t !== "val" || b.root.k !== sum.k) return null;
  const [u, v] = sum.args;
  const isMul = (r: KRef | undefined) => r?.t === "val" && r.k === mul.k;
  const x = isMul(u) && v?.t === "in" ? v : isMul(v) && u?.t === "in" ? u : null;
  if (x === null || (prim(sum) !== "add" && prim(sum) !== "sub")) return null;
  const sub = prim(sum) === "sub";
  return { x: x.i, c, alpha: sub && isMul(v) ? -1 : 1, beta: sub && isMul(u) ? -1 : 1 };
}

/**
 * The epilogue `x > 0 ? acc : 0` (select(gt(x, 0), acc, 0), x an input): relu's backward pass, which
 * the float32 GEMM applies in a pass over its result with the same bits (NaN compares false, +0 where
 * masked). The kernel checks at run time that x is dense [B, M, N]. Returns x's input index.
 */
export function gemmReluGradOf(ir: Extract<KernelIR, { kind: "dot" }>): number | null {
  const b = ir.body;
  const [cmp, sel] = b.insts;
  if (ir.dtype !== "float32" || b.insts.length !== 2 || !cmp || !sel || b.root.t !== "val" || b.root.k !== sel.k) return null;
  const zero = (r: KRef | undefined) => r?.t === "const" && Object.is(b.consts[r.i], 0);
  const [x, z] = cmp.args,
    [m, y, n] = sel.args;
  if (cmp.op.op !== "compare" || cmp.op.prim !== "gt" || cmp.dtype !== "float32" || x?.t !== "in" || !zero(z)) return null;
  if (sel.op.op !== "select" || sel.out !== "float32" || m?.t !== "val" || m.k !== cmp.k || y?.t !== "acc" || !zero(n)) return null;
  return x.i;
}

/** JS source of a dot kernel IR. */
export function emitDot(ir: Extract<KernelIR, { kind: "dot" }>): KernelSource {
  const body0 = ir.body;
  const [lines, out] = jsBody(body0);
  const used = body0.used;
  const isInt = isInteger(ir.dtype);
  const ids = [...Array(body0.inputs.length).keys()];
  const loads = ids.filter((i) => used.has(i)).map((i) => `const x${i} = a${i}[p${i}];`);
  const epiPtrs = ids.map((i) => `p${i} = o${i} + b * s${i}[0] + i * s${i}[1] + j * s${i}[2]`);
  const storeBlock = (accExpr: string) => [
    ...(ids.length ? [`const ${epiPtrs.join(", ")};`] : []),
    `const acc = ${body0.roundAcc ? `Math.fround(${accExpr})` : accExpr};`,
    ...loads,
    ...lines,
    `o[ob + i * N + j] = ${out};`,
  ];
  const isFloat = ir.dtype === "float32" || ir.dtype === "float64";
  const fused = gemmEpilogueOf(ir);
  const bias = fused?.bias ?? null;
  const axpy = gemmAxpyOf(ir),
    relu = gemmReluGradOf(ir);
  const dense = (x: number) => `s${x}[2] === 1 && s${x}[1] === N && (B === 1 || s${x}[0] === M * N)`;
  /** A call of the float32 GEMM with its epilogue, which writes `o` in place where it can. */
  const fusedCall = (cond: string, epi: string) => {
    const call = [
      `const F = H.gemmFused(A, ao, sab, sam, sak, W, wo, swb, swk, swn, B, M, N, K, ${epi}, o);`,
      `if (F !== null) {`,
      `  if (F !== o) o.set(F);`,
      `  return;`,
      `}`,
    ];
    return cond === "true" ? [indent(call, 2)] : [`  if (${cond}) {`, indent(call, 4), `  }`];
  };
  const body = [
    ...(fused
      ? [
          bias === null && fused.act === "none"
            ? `  // the product stored by the wasm GEMM, in place where o is in its memory`
            : `  // the epilogue in the wasm GEMM's store (a bias row and/or an activation)`,
          ...fusedCall(
            bias === null ? "true" : `s${bias}[1] === 0 && (B === 1 || s${bias}[0] === 0)`,
            `{ bias: ${bias === null ? "null" : `{ data: a${bias}, offset: o${bias}, stride: s${bias}[2] }`}, act: "${fused.act}" }`,
          ),
        ]
      : []),
    ...(axpy
      ? [
          `  // x ± L·acc in a pass over the wasm GEMM's result (the same double operations as below)`,
          ...fusedCall(
            dense(axpy.x),
            `{ bias: null, act: "none", pass: { kind: "axpy", data: a${axpy.x}, offset: o${axpy.x}, ` +
              `alpha: ${axpy.alpha < 0 ? "-" : ""}L${axpy.c}, beta: ${axpy.beta} } }`,
          ),
        ]
      : []),
    ...(relu !== null
      ? [
          `  // relu's backward mask in a pass over the wasm GEMM's result (the same bits as below)`,
          ...fusedCall(dense(relu), `{ bias: null, act: "none", pass: { kind: "reluGrad", data: a${relu}, offset: o${relu} } }`),
        ]
      : []),
    ...(isFloat
      ? [
          `  // large products: the WebAssembly GEMM where available (float32 operands accumulate in float32 unless`,
          `  // setMatmulPrecision("highest")); the epilogue runs here`,
          `  const P = H.gemm(A, ao, sab, sam, sak, W, wo, swb, swk, swn, B, M, N, K);`,
          `  if (P !== null) {`,
          `    for (let b = 0; b < B; b++) {`,
          `      const ob = b * M * N;`,
          `      for (let i = 0; i < M; i++) {`,
          `        for (let j = 0; j < N; j++) {`,
          indent(storeBlock("P[ob + i * N + j]"), 10),
          `        }`,
          `      }`,
          `    }`,
          `    return;`,
          `  }`,
        ]
      : []),
    `  const panel = new ${isInt ? "Int32Array" : "Float64Array"}(K * 4);`,
    `  const tile = new Float64Array(16);`,
    `  for (let b = 0; b < B; b++) {`,
    `    const ab = ao + b * sab, wb = wo + b * swb, ob = b * M * N;`,
    `    for (let j0 = 0; j0 < N; j0 += 4) {`,
    `      const nj = N - j0 < 4 ? N - j0 : 4;`,
    `      for (let k = 0, q = wb + j0 * swn, p = 0; k < K; k++, q += swk, p += 4) {`,
    `        panel[p] = W[q];`,
    `        panel[p + 1] = nj > 1 ? W[q + swn] : 0;`,
    `        panel[p + 2] = nj > 2 ? W[q + 2 * swn] : 0;`,
    `        panel[p + 3] = nj > 3 ? W[q + 3 * swn] : 0;`,
    `      }`,
    `      for (let i0 = 0; i0 < M; i0 += 4) {`,
    `        const ni = M - i0 < 4 ? M - i0 : 4;`,
    `        const r0 = ab + i0 * sam, r1 = ni > 1 ? r0 + sam : r0, r2 = ni > 2 ? r0 + 2 * sam : r0, r3 = ni > 3 ? r0 + 3 * sam : r0;`,
    `        let ${ACCS.join(" = 0, ")} = 0;`,
    `        for (let k = 0, q = 0, p = 0; k < K; k++, q += sak, p += 4) {`,
    `          const x0 = A[r0 + q], x1 = A[r1 + q], x2 = A[r2 + q], x3 = A[r3 + q];`,
    `          const w0 = panel[p], w1 = panel[p + 1], w2 = panel[p + 2], w3 = panel[p + 3];`,
    ...[0, 1, 2, 3].map((r) =>
      isInt
        ? [0, 1, 2, 3]
            .map((c) => `c${r}${c} = (c${r}${c} + Math.imul(x${r}, w${c})) | 0;`)
            .join(" ")
            .replace(/^/, "          ")
        : `          c${r}0 += x${r} * w0; c${r}1 += x${r} * w1; c${r}2 += x${r} * w2; c${r}3 += x${r} * w3;`,
    ),
    `        }`,
    `        ${ACCS.map((c, t) => `tile[${t}] = ${c};`).join(" ")}`,
    `        for (let r = 0; r < ni; r++) {`,
    `          const i = i0 + r;`,
    `          for (let c = 0; c < nj; c++) {`,
    `            const j = j0 + c;`,
    // uint32: the int32 accumulator's bits, read unsigned before an epilogue compares or divides it
    indent(storeBlock(ir.dtype === "uint32" ? "tile[r * 4 + c] >>> 0" : "tile[r * 4 + c]"), 12),
    `          }`,
    `        }`,
    `      }`,
    `    }`,
    `  }`,
  ].join("\n");
  return finish(ir, body);
}

const exactOpt = (exact?: ReadonlySet<Var>) => (exact ? { exact } : {});

/** `exact`: the schedule's float32 values to round after every step (Schedule.exact). */
export function kernelFor(step: Step, exact?: ReadonlySet<Var>): KernelSource | null {
  switch (step.kind) {
    case "elementwise":
      return elementwiseKernel(step, exact);
    case "reduce":
      return reduceKernel(step, exact);
    case "dot":
      return dotKernel(step, exact);
    default:
      return null;
  }
}
