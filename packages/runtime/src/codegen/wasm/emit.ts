// WebAssembly emitter: a float32 elementwise or reduce kernel IR -> one module over the shared memory,
// SIMD128 f32x4 throughout. Kernels run over `rows` rows of a padded layout the caller prepares
// (codegen/wasm/runtime.ts): every input is a pointer, a row stride and a per-vector step (16 bytes for
// data, 0 for a value splatted across the lanes), so broadcast operands cost no copies per element.
//   elementwise run(rows, nvec, out, ...[ptr, rowStride, step] per input, consts)
//     out[r][4v..4v+3] = body(inputs at row r, vector v), rows padded to nvec * 4 lanes, two vectors per
//     iteration
//   reduce run(rows, n, out, ...[ptr, rowStride, step] per input, consts, mask)
//     out[r] = reduce_{j < n} body(row r, element j); the last partial vector is blended with the
//     reduction's identity through `mask` (lanes < n % 4 set); sums accumulate in float64x2 as the JS
//     kernels accumulate in double, max/min/prod in float32x4 (max/min with pmax/pmin, NaNs tracked aside).
//   rows: the fused softmax / log_softmax / logsumexp row kernels of codegen/wasm/rows.ts.
// Which IRs qualify: wasmSupports(). Everything else stays on the JS kernel.
import type { KBody, KInst, KRef, KernelIR } from "../kir.js";
import { Code, encodeModule } from "./encoder.js";
import { rowCode } from "./rows.js";
import { emitExp, emitLog, emitLogistic, emitTanh } from "./simd-math.js";

const UNARY = new Set(["neg", "abs", "sqrt", "exp", "log", "tanh", "logistic", "floor", "ceil", "round", "stop_gradient"]);
const BINARY = new Set(["add", "sub", "mul", "div", "max", "min"]);

/** Ops whose f32x4 form is a different approximation than the JS kernels' (equal within tolerance, not bitwise). */
const APPROX = new Set(["exp", "log", "tanh", "logistic"]);

function instSupported(i: KInst): boolean {
  const o = i.op;
  // a value the schedule needs bit-equal to eager (it feeds a discontinuous op or a widening cast)
  // cannot come from a polynomial that differs from eager's; + - * / sqrt are correctly rounded in both
  if (i.round && o.op === "unary" && APPROX.has(o.prim)) return false;
  if (o.op === "compare") return i.dtype === "float32";
  if (i.dtype !== "float32" || i.out !== "float32") return o.op === "select" && i.out === "float32";
  if (o.op === "unary") return UNARY.has(o.prim);
  if (o.op === "binary") return BINARY.has(o.prim);
  if (o.op === "convert") return o.to === "float32";
  return true;
}

/** Whether this kernel has a WebAssembly form: float32 in and out, ops with an f32x4 lowering. */
export function wasmSupports(ir: KernelIR): boolean {
  if (ir.kind === "dot" || ir.kind === "cumulative" || ir.sig.out !== "float32") return false;
  if (ir.kind === "rows") return true;
  if (ir.kind === "reduce" && ir.accum === "int") return false;
  const b = ir.body;
  if (!b.inputs.every((d) => d === "float32")) return false;
  // a compare's mask may only feed a select's predicate (there is no float form of a mask)
  const masks = new Set(b.insts.filter((i) => i.op.op === "compare").map((i) => i.k));
  if (b.root.t === "val" && masks.has(b.root.k)) return false;
  for (const i of b.insts) {
    if (!instSupported(i)) return false;
    for (let a = 0; a < i.args.length; a++) {
      const r = i.args[a]!;
      const isMask = r.t === "val" && masks.has(r.k);
      if (isMask !== (i.op.op === "select" && a === 0)) return false;
    }
  }
  return true;
}

const CMP = { eq: "f32x4.eq", ne: "f32x4.ne", lt: "f32x4.lt", le: "f32x4.le", gt: "f32x4.gt", ge: "f32x4.ge" } as const;
const BIN = { add: "f32x4.add", sub: "f32x4.sub", mul: "f32x4.mul", div: "f32x4.div", max: "f32x4.max", min: "f32x4.min" } as const;
const UN = {
  neg: "f32x4.neg",
  abs: "f32x4.abs",
  sqrt: "f32x4.sqrt",
  floor: "f32x4.floor",
  ceil: "f32x4.ceil",
  round: "f32x4.nearest",
} as const;

/** Emits the body for one vector; loads[i] / consts[i] are v128 locals. Leaves the root on the stack. */
export function emitBody(c: Code, b: KBody, loads: number[], consts: number[]): void {
  const vals = new Map<number, number>();
  const ref = (r: KRef): number => {
    if (r.t === "in") return loads[r.i]!;
    if (r.t === "const") return consts[r.i]!;
    if (r.t === "val") return vals.get(r.k)!;
    throw new Error("internal: accumulator in an elementwise body");
  };
  for (const i of b.insts) {
    const o = i.op;
    const a = i.args.map(ref);
    if (o.op === "select") {
      // select(p, x, y) = p ? x : y; the mask is all ones where p holds
      c.get(a[1]!).get(a[2]!).get(a[0]!).simd("v128.bitselect");
    } else if (o.op === "compare") c.get(a[0]!).get(a[1]!).simd(CMP[o.prim]);
    else if (o.op === "binary")
      c.get(a[0]!)
        .get(a[1]!)
        .simd(BIN[o.prim as keyof typeof BIN]);
    else if (o.op === "convert") c.get(a[0]!);
    else if (o.prim === "exp") emitExp(c, a[0]!);
    else if (o.prim === "log") emitLog(c, a[0]!);
    else if (o.prim === "tanh") emitTanh(c, a[0]!);
    else if (o.prim === "logistic") emitLogistic(c, a[0]!);
    else if (o.prim === "stop_gradient") c.get(a[0]!);
    else c.get(a[0]!).simd(UN[o.prim as keyof typeof UN]);
    const l = c.local("v128");
    c.set(l);
    vals.set(i.k, l);
  }
  c.get(ref(b.root));
}

/** lo += lanes 0,1 of the f32x4 `v` and hi += lanes 2,3, widened to float64x2 (float64 sums of float32 data). */
export function addWidened(c: Code, v: number, lo: number, hi: number): void {
  c.get(lo).get(v).simd("f64x2.promote_low_f32x4").simd("f64x2.add").set(lo);
  c.get(hi)
    .get(v)
    .get(v)
    .simd("i8x16.shuffle", ...[8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7]);
  c.simd("f64x2.promote_low_f32x4").simd("f64x2.add").set(hi);
}

export interface Inputs {
  ptr: number[];
  rowStride: number[];
  step: number[];
}

/** Params after the leading three: [ptr, rowStride, step] per input, then consts (and mask). */
export function inputParams(n: number, extra: number): ("i32" | "v128")[] {
  return [...Array(3 + 3 * n + extra)].map(() => "i32" as const);
}

export function bindInputs(n: number): Inputs {
  const r: Inputs = { ptr: [], rowStride: [], step: [] };
  for (let i = 0; i < n; i++) {
    r.ptr.push(3 + 3 * i);
    r.rowStride.push(4 + 3 * i);
    r.step.push(5 + 3 * i);
  }
  return r;
}

/** Loads the splatted constants once, before the loops. */
export function loadConsts(c: Code, b: KBody, cptr: number): number[] {
  return b.consts.map((_, i) => {
    const l = c.local("v128");
    c.get(cptr)
      .mem("v128.load32_splat", 4 * i)
      .set(l);
    return l;
  });
}

/** One vector: load used inputs at their cursors (then advance them), evaluate the body. */
function vector(c: Code, b: KBody, cur: number[], ins: Inputs, loads: number[], consts: number[]): void {
  for (const i of b.used) {
    c.get(cur[i]!).mem("v128.load").set(loads[i]!);
    c.get(cur[i]!).get(ins.step[i]!).i32op("add").set(cur[i]!);
  }
  emitBody(c, b, loads, consts);
}

function rowCursors(c: Code, b: KBody, ins: Inputs, row: number): number[] {
  return b.inputs.map((_, i) => {
    const l = c.local("i32");
    if (b.used.has(i)) c.get(ins.ptr[i]!).get(row).get(ins.rowStride[i]!).i32op("mul").i32op("add").set(l);
    return l;
  });
}

function elementwise(b: KBody): Code {
  const n = b.inputs.length;
  const c = new Code(inputParams(n, 1));
  const [rows, nvec, out] = [0, 1, 2];
  const cptr = 3 + 3 * n;
  const ins = bindInputs(n);
  const consts = loadConsts(c, b, cptr);
  const loads = b.inputs.map(() => c.local("v128"));
  const r = c.local("i32"),
    j = c.local("i32"),
    q = c.local("i32");
  c.get(out).set(q);
  c.i32(0).set(r);
  c.block().loop();
  c.get(r).get(rows).i32op("ge_u").brIf(1);
  const cur = rowCursors(c, b, ins, r);
  // two vectors per iteration (independent chains through a long body overlap), then an odd one
  const res = c.local("v128"),
    res2 = c.local("v128");
  c.i32(0).set(j);
  c.block().loop();
  c.get(j).i32(1).i32op("add").get(nvec).i32op("ge_u").brIf(1);
  vector(c, b, cur, ins, loads, consts);
  c.set(res);
  vector(c, b, cur, ins, loads, consts);
  c.set(res2);
  c.get(q).get(res).mem("v128.store").get(q).get(res2).mem("v128.store", 16);
  c.get(q).i32(32).i32op("add").set(q);
  c.get(j).i32(2).i32op("add").set(j).br(0);
  c.end().end();
  c.get(nvec).i32(1).i32op("and").if();
  vector(c, b, cur, ins, loads, consts);
  c.set(res).get(q).get(res).mem("v128.store");
  c.get(q).i32(16).i32op("add").set(q);
  c.end();
  c.get(r).i32(1).i32op("add").set(r).br(0);
  c.end().end();
  return c;
}

type Red = Extract<KernelIR, { kind: "reduce" }>;
const IDENTITY = { reduce_sum: 0, reduce_prod: 1, reduce_max: -Infinity, reduce_min: Infinity } as const;

function reduce(ir: Red): Code {
  const b = ir.body;
  const n = b.inputs.length;
  const c = new Code(inputParams(n, 2));
  const [rows, len, out] = [0, 1, 2];
  const cptr = 3 + 3 * n,
    mptr = 4 + 3 * n;
  const ins = bindInputs(n);
  const consts = loadConsts(c, b, cptr);
  const loads = b.inputs.map(() => c.local("v128"));
  const mask = c.local("v128"),
    ident = c.local("v128");
  c.get(mptr).mem("v128.load").set(mask);
  c.f32x4(IDENTITY[ir.reduce]).set(ident);
  const sum = ir.reduce === "reduce_sum";
  const acc = c.local("v128"),
    acc2 = c.local("v128"),
    nan = c.local("v128"),
    v = c.local("v128");
  const minmax = ir.reduce === "reduce_max" || ir.reduce === "reduce_min";
  const r = c.local("i32"),
    j = c.local("i32"),
    full = c.local("i32");
  c.get(len).i32(2).op(0x76).set(full); // i32.shr_u: whole vectors
  c.i32(0).set(r);
  c.block().loop();
  c.get(r).get(rows).i32op("ge_u").brIf(1);
  const cur = rowCursors(c, b, ins, r);
  if (sum) c.f32x4(0).tee(acc).set(acc2);
  else c.get(ident).set(acc);
  if (minmax) c.f32x4(0).set(nan);
  const combine = () => {
    if (sum) {
      addWidened(c, v, acc, acc2);
    } else if (minmax) {
      // pmax/pmin keep the accumulator on ties, as the JS kernel's `if (v > a)` does, in one instruction
      // where f32x4.max's NaN rules cost several on this loop-carried chain; NaNs are tracked aside
      c.get(v).get(v).simd("f32x4.ne").get(nan).simd("v128.or").set(nan);
      c.get(acc)
        .get(v)
        .simd(ir.reduce === "reduce_max" ? "f32x4.pmax" : "f32x4.pmin")
        .set(acc);
    } else c.get(acc).get(v).simd("f32x4.mul").set(acc);
  };
  c.i32(0).set(j);
  c.block().loop();
  c.get(j).get(full).i32op("ge_u").brIf(1);
  vector(c, b, cur, ins, loads, consts);
  c.set(v);
  combine();
  c.get(j).i32(1).i32op("add").set(j).br(0);
  c.end().end();
  // the partial vector: lanes past n take the identity
  c.get(len).i32(3).i32op("and").if();
  vector(c, b, cur, ins, loads, consts);
  c.get(ident).get(mask).simd("v128.bitselect").set(v);
  combine();
  c.end();
  // horizontal: out[r] = lanes combined, stored as float32
  c.get(out).get(r).i32(2).i32op("shl").i32op("add");
  if (sum) {
    c.get(acc).get(acc2).simd("f64x2.add").set(acc);
    c.get(acc).simd("f64x2.extract_lane", 0).get(acc).simd("f64x2.extract_lane", 1).op(0xa0); // f64.add
    c.op(0xb6); // f32.demote_f64
  } else {
    const scalar = ir.reduce === "reduce_max" ? 0x97 : ir.reduce === "reduce_min" ? 0x96 : 0x94; // f32.max/min/mul
    if (minmax) c.f32(Number.NaN);
    c.get(acc).simd("f32x4.extract_lane", 0);
    for (let l = 1; l < 4; l++) c.get(acc).simd("f32x4.extract_lane", l).op(scalar);
    if (minmax) c.get(nan).simd("v128.any_true").op(0x1b); // select: NaN when any lane saw one
  }
  c.f32store();
  c.get(r).i32(1).i32op("add").set(r).br(0);
  c.end().end();
  return c;
}

/** The function of a supported kernel (the `run` export of its module). */
function wasmCode(ir: KernelIR): Code {
  if (ir.kind === "elementwise") return elementwise(ir.body);
  if (ir.kind === "reduce") return reduce(ir);
  if (ir.kind === "rows") return rowCode(ir.row);
  throw new Error(`internal: no WebAssembly form for ${ir.kind} kernels`);
}

/** The module bytes of a supported kernel (export `run`). */
export function emitWasm(ir: KernelIR): Uint8Array<ArrayBuffer> {
  return encodeModule([{ name: "run", code: wasmCode(ir) }]);
}

/**
 * The wasm functions of the kernels a build shipped, by kernel signature: equal signatures are
 * interchangeable kernels (their constants are arguments), and a Code is only read once made, so each
 * distinct kernel is generated once for all the modules of a build (internal.ts clearCodegenCaches empties it).
 */
export const shippedCode = new Map<string, Code>();

/**
 * One module holding several supported kernels, each exported under its name (what a build ships); a
 * kernel given with its signature reuses the function generated for that signature before.
 */
export function emitWasmModule(
  kernels: { name: string; ir: KernelIR; signature?: string }[],
  extra: { name: string; code: Code }[] = [],
): Uint8Array<ArrayBuffer> {
  const code = (k: (typeof kernels)[number]): Code => {
    if (k.signature === undefined) return wasmCode(k.ir);
    let c = shippedCode.get(k.signature);
    if (c === undefined) shippedCode.set(k.signature, (c = wasmCode(k.ir)));
    return c;
  };
  return encodeModule([...kernels.map((k) => ({ name: k.name, code: code(k) })), ...extra]);
}
