// Kernel IR: the loop-level program of one fused kernel, between the schedule and the emitters.
// A kernel is a loop nest fixed by its kind (elementwise over a strided shape, reduce over kept x
// reduced dims, batched dot with an epilogue) around a scalar body: SSA instructions over strided
// loads (`in`), literal arguments (`const`) and, in reductions and dots, the accumulator (`acc`).
// Every kernel carries a typed signature record naming each argument's role, so plans and backends
// read "the strides of input 1" by name, never by a position computed from a function's length.
// Emitters: codegen/kernels.ts (JS source) and codegen/wasm/ (WebAssembly bytes).
import type { BinaryOp, CompareOp, ReduceOp, UnaryOp } from "../core/primitives.js";
import { isBinary, isCompare, isUnary } from "../core/primitives.js";
import type { DType } from "../dtype.js";
import { compileError } from "../errors.js";
import { type Atom, type Eqn, Lit, Var } from "../ir/jaxpr.js";
import { ROUNDED_CONE_OPS } from "../ir/schedule.js";

/** An operand of a body instruction. */
export type KRef = { t: "in"; i: number } | { t: "const"; i: number } | { t: "val"; k: number } | { t: "acc" };

/** The scalar op of an instruction; semantics per dtype live in codegen/scalar.ts (one table). */
export type KOp =
  | { op: "unary"; prim: UnaryOp }
  | { op: "binary"; prim: BinaryOp }
  | { op: "compare"; prim: CompareOp }
  | { op: "select" }
  | { op: "convert"; to: DType };

export interface KInst {
  /** SSA index: later instructions read it as { t: "val", k }. */
  k: number;
  op: KOp;
  /** dtype of the first operand (selects the per-dtype scalar template). */
  dtype: DType;
  out: DType;
  args: KRef[];
  /** Round the float32 result before use (the input cone of a discontinuous op, see Schedule.exact). */
  round: boolean;
}

/** The scalar program evaluated once per output element (per accumulated element in a reduction). */
export interface KBody {
  inputs: DType[];
  insts: KInst[];
  root: KRef;
  /** Inputs the body reads (an unread input still has arguments, but no load). */
  used: ReadonlySet<number>;
  consts: number[];
  /** A float32 dot accumulator the body must round first (it feeds a discontinuous op or a widening cast). */
  roundAcc?: boolean;
}

/** The role of one kernel argument; `input` names the body input it belongs to. */
export type ArgRole =
  | "helpers"
  | "out"
  | "shape"
  | "kshape"
  | "rshape"
  | "mode"
  | "B"
  | "M"
  | "N"
  | "K"
  | "data"
  | "offset"
  | "strides"
  | "kstrides"
  | "rstrides"
  | "length"
  | "stride"
  | "outOffset"
  | "outStride"
  | "outKstrides"
  | "bstride"
  | "mstride"
  | "kstride"
  | "nstride"
  | "consts";

export interface KernelArg {
  name: string;
  role: ArgRole;
  /** Index into KernelSignature.inputs for per-input arguments. */
  input?: number;
}

export type KernelKind = "elementwise" | "reduce" | "dot" | "cumulative" | "rows";

/**
 * A fused row kernel (ir/row-fusion.ts): along the last axis, softmax = exp(x - max) / sum,
 * log_softmax = (x - max) - log(sum exp(x - max)), logsumexp = log(sum exp(x - m)) + m with m the
 * max where finite, else 0 (one value per row).
 */
export type RowOp = "softmax" | "log_softmax" | "logsumexp";

/** The typed calling convention of a kernel: what each argument is, in order. */
export interface KernelSignature {
  kind: KernelKind;
  out: DType;
  inputs: { dtype: DType; role: "operand" | "lhs" | "rhs" | "epilogue" }[];
  args: KernelArg[];
}

/** Position of the argument with `role` (of input `input`); -1 when the kernel has none. */
export function argIndex(sig: KernelSignature, role: ArgRole, input?: number): number {
  return sig.args.findIndex((a) => a.role === role && a.input === input);
}

export type KernelIR =
  | { kind: "elementwise"; sig: KernelSignature; body: KBody }
  | {
      kind: "reduce";
      sig: KernelSignature;
      body: KBody;
      reduce: ReduceOp;
      /** float: double accumulator; int: int32 wrap-around; f32prod: product rounded every step. */
      accum: "float" | "int" | "f32prod";
    }
  | { kind: "dot"; sig: KernelSignature; body: KBody; dtype: DType }
  | {
      kind: "cumulative";
      sig: KernelSignature;
      body: KBody;
      /** the scan's combining step, with a reduction's accumulator semantics */
      reduce: ReduceOp;
      accum: "float" | "int" | "f32prod";
    }
  /** float32 rows [rows, n] (strides [rowStride, step]) -> dense [rows, n], or [rows] for logsumexp; the body is its one load */
  | { kind: "rows"; sig: KernelSignature; body: KBody; row: RowOp };

/** Literal values of a kernel: each distinct value becomes one `const` operand. */
export class Constants {
  values: number[] = [];
  private index = new Map<string, number>();
  ref(l: Lit): KRef {
    const key = Object.is(l.value, -0) ? "-0" : String(l.value);
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(l.value);
      this.index.set(key, i);
    }
    return { t: "const", i };
  }
}

function opOf(e: Eqn): KOp {
  const p = e.primitive;
  if (isUnary(p)) return { op: "unary", prim: p };
  if (isBinary(p)) return { op: "binary", prim: p };
  if (isCompare(p)) return { op: "compare", prim: p };
  if (p === "select") return { op: "select" };
  if (p === "convert_element_type") return { op: "convert", to: e.outs[0]!.aval.dtype };
  throw compileError.codegen(`primitive ${p} is not elementwise`);
}

/**
 * Lower a fused group of elementwise equations to a body. `acc` (dots) is the variable the
 * accumulator stands for; `exact` the schedule's float32 values rounded after every step.
 * With no equations the body is `emptyRoot` (default: the first input).
 */
export function lowerBody(
  eqns: Eqn[],
  inputs: Var[],
  consts: Constants,
  opts: { acc?: Var; exact?: ReadonlySet<Var>; emptyRoot?: KRef } = {},
): KBody {
  const names = new Map<Var, KRef>();
  inputs.forEach((v, i) => names.set(v, { t: "in", i }));
  if (opts.acc) names.set(opts.acc, { t: "acc" });
  const used = new Set<number>();
  const ref = (a: Atom): KRef => {
    if (a instanceof Lit) return consts.ref(a);
    const n = names.get(a);
    if (n === undefined) throw compileError.codegen("unbound variable in fused group");
    if (n.t === "in") used.add(n.i);
    return n;
  };
  // the whole upstream cone of a discontinuous op is rounded, so its input equals eager's bit for bit
  // (`exact`: the schedule's cones across kernels; the local pass covers a group scheduled on its own)
  // the group's own cone apart from the schedule's set: copying `exact` per kernel made a build quadratic
  const local = new Set<Var>();
  const roundBeforeUse = { has: (v: Var) => local.has(v) || opts.exact?.has(v) === true, add: (v: Var) => local.add(v) };
  for (let i = eqns.length - 1; i >= 0; i--) {
    const e = eqns[i]!;
    if (ROUNDED_CONE_OPS.has(e.primitive) || roundBeforeUse.has(e.outs[0]!))
      for (const a of e.inputs) if (a instanceof Var) roundBeforeUse.add(a);
  }
  const insts: KInst[] = [];
  eqns.forEach((e, k) => {
    if (e.primitive === "broadcast_in_dim" && e.inputs[0] instanceof Lit) {
      names.set(e.outs[0]!, consts.ref(e.inputs[0]));
      return;
    }
    const args = e.inputs.map(ref);
    const out = e.outs[0]!.aval.dtype;
    insts.push({ k, op: opOf(e), dtype: e.inputs[0]!.aval.dtype, out, args, round: out === "float32" && roundBeforeUse.has(e.outs[0]!) });
    names.set(e.outs[0]!, { t: "val", k });
  });
  let root: KRef;
  if (eqns.length) root = names.get(eqns[eqns.length - 1]!.outs[0]!)!;
  else {
    root = opts.emptyRoot ?? { t: "in", i: 0 };
    if (root.t === "in") used.add(root.i);
  }
  const roundAcc = opts.acc !== undefined && opts.acc.aval.dtype === "float32" && roundBeforeUse.has(opts.acc);
  return { inputs: inputs.map((v) => v.aval.dtype), insts, root, used, consts: consts.values, ...(roundAcc ? { roundAcc } : {}) };
}

const perInput = (n: number, roles: [string, ArgRole][]): KernelArg[] =>
  [...Array(n).keys()].flatMap((i) => roles.map(([p, role]) => ({ name: `${p}${i}`, role, input: i })));

/** o (dense over `shape`) = body(inputs read through their strides over `shape`). */
export function elementwiseSignature(out: DType, inputs: DType[]): KernelSignature {
  return {
    kind: "elementwise",
    out,
    inputs: inputs.map((dtype) => ({ dtype, role: "operand" })),
    args: [
      { name: "H", role: "helpers" },
      { name: "o", role: "out" },
      { name: "shape", role: "shape" },
      ...perInput(inputs.length, [
        ["a", "data"],
        ["o", "offset"],
        ["s", "strides"],
      ]),
      { name: "C", role: "consts" },
    ],
  };
}

/** o[k] = reduce_r body(x[k, r]) over kept dims `kshape` and reduced dims `rshape`. */
export function reduceSignature(out: DType, inputs: DType[]): KernelSignature {
  return {
    kind: "reduce",
    out,
    inputs: inputs.map((dtype) => ({ dtype, role: "operand" })),
    args: [
      { name: "H", role: "helpers" },
      { name: "o", role: "out" },
      { name: "kshape", role: "kshape" },
      { name: "rshape", role: "rshape" },
      { name: "mode", role: "mode" },
      ...perInput(inputs.length, [
        ["a", "data"],
        ["o", "offset"],
        ["ks", "kstrides"],
        ["rs", "rstrides"],
      ]),
      { name: "C", role: "consts" },
    ],
  };
}

/**
 * Inclusive scan along one axis: for each kept index k, o[oo + k.oks + j*os] = scan_{i <= j} body(x[o0 + k.ks0 + i*s0]);
 * a reverse scan passes offsets at the axis' end and negated strides.
 */
export function cumulativeSignature(out: DType, input: DType): KernelSignature {
  return {
    kind: "cumulative",
    out,
    inputs: [{ dtype: input, role: "operand" }],
    args: [
      { name: "H", role: "helpers" },
      { name: "o", role: "out" },
      { name: "oo", role: "outOffset" },
      { name: "kshape", role: "kshape" },
      { name: "n", role: "length" },
      { name: "a0", role: "data", input: 0 },
      { name: "o0", role: "offset", input: 0 },
      { name: "ks0", role: "kstrides", input: 0 },
      { name: "s0", role: "stride", input: 0 },
      { name: "oks", role: "outKstrides" },
      { name: "os", role: "outStride" },
      { name: "C", role: "consts" },
    ],
  };
}

/** o[b, i, j] = epilogue(sum_k A[b, i, k] W[b, k, j], epilogue inputs over [B, M, N]). */
export function dotSignature(out: DType, operand: DType, epilogue: DType[]): KernelSignature {
  const mat = (name: string, o: string, s: [string, string, string], input: number, kRole: "kstride"): KernelArg[] => [
    { name, role: "data", input },
    { name: o, role: "offset", input },
    { name: s[0], role: "bstride", input },
    { name: s[1], role: input === 0 ? "mstride" : kRole, input },
    { name: s[2], role: input === 0 ? kRole : "nstride", input },
  ];
  return {
    kind: "dot",
    out,
    inputs: [
      { dtype: operand, role: "lhs" },
      { dtype: operand, role: "rhs" },
      ...epilogue.map((dtype) => ({ dtype, role: "epilogue" as const })),
    ],
    args: [
      { name: "H", role: "helpers" },
      { name: "o", role: "out" },
      { name: "B", role: "B" },
      { name: "M", role: "M" },
      { name: "N", role: "N" },
      { name: "K", role: "K" },
      ...mat("A", "ao", ["sab", "sam", "sak"], 0, "kstride"),
      ...mat("W", "wo", ["swb", "swk", "swn"], 1, "kstride"),
      ...epilogue.flatMap((_, e) => {
        const i = e + 2;
        return [
          { name: `a${e}`, role: "data" as const, input: i },
          { name: `o${e}`, role: "offset" as const, input: i },
          { name: `s${e}`, role: "strides" as const, input: i },
        ];
      }),
      { name: "C", role: "consts" },
    ],
  };
}

/** A fused row kernel: o = row(x) over `shape` = [rows, n] read through `s0` = [rowStride, step]. */
export function rowsSignature(): KernelSignature {
  return { ...elementwiseSignature("float32", ["float32"]), kind: "rows" };
}

/** Printable form of a body, for debugging and IR snapshots. */
export function printBody(b: KBody): string {
  const r = (x: KRef) => (x.t === "in" ? `x${x.i}` : x.t === "const" ? `L${x.i}` : x.t === "val" ? `v${x.k}` : "acc");
  const name = (o: KOp) =>
    o.op === "unary" || o.op === "binary" || o.op === "compare" ? o.prim : o.op === "convert" ? `convert:${o.to}` : "select";
  const lines = b.insts.map((i) => `v${i.k}: ${i.out} = ${name(i.op)}(${i.args.map(r).join(", ")})${i.round ? " round" : ""}`);
  return [...lines, `root ${r(b.root)}`].join("\n");
}
