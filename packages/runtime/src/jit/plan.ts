// Execution plans: a schedule bound to its shapes. Views become strided layouts at plan time, so at
// call time a plan only allocates outputs and calls kernels with precomputed sizes and strides. The
// steps of a softmax / log_softmax / logsumexp over the last axis (ir/row-fusion.ts) become one row
// kernel (codegen/row-kernels.ts), in run-time and build-time plans alike.
// Layouts, sizes and kernel arguments are `Dim`s (core/dims.ts, plain-number fast paths): the runtime
// jit binds a concrete schedule and runs it (runPlan / makeRunner), the build binds a symbolic one and
// prints it as JS (jit/emit-plan.ts). A decision on sizes (drop a size-1 dim, merge contiguous dims,
// pick a reduction order) is taken only when the dims decide it; otherwise the dims are kept as they
// are, which is always correct. Kernels are looked up by signature (precompiled) or produced on demand.
import { type DType, allocate, typedArrayFor } from "../dtype.js";
import { NDArray, scalarArray } from "../ndarray.js";
import { type ReduceOp, isReduce } from "../core/primitives.js";
import { higherImpls, impls, multiImpls } from "../core/trace.js";
import { isMultiOutput } from "../core/multi-primitives.js";
import { helpers } from "../codegen/helpers.js";
import { memoryLimits } from "../codegen/wasm/memory.js";
import type { KernelSource } from "../codegen/kernels.js";
import { kernelFor } from "../codegen/kernels.js";
import { type KernelSignature, argIndex } from "../codegen/kir.js";
import { collapse, reduceLayout } from "../codegen/layout.js";
import { type Eqn, type HigherEqn, Lit, type Var, isHigherEqn } from "../ir/jaxpr.js";
import type { Schedule, Step } from "../ir/schedule.js";
import { findRowPatterns } from "../ir/row-fusion.js";
import { rowsKernel } from "../codegen/row-kernels.js";
import { assign } from "../eager/strided.js";
import { compileError } from "../errors.js";
import { type Dim, dimAdd, dimCompare, dimEq, dimMul, dimNeg, dimSub } from "../core/dims.js";
import { dimsSize } from "../core/shape-rules.js";

export type KernelFn = (...args: any[]) => void;
/** `elems`: the most elements the kernel reads or writes in this plan (a backend may choose by size). */
export type KernelProvider = (src: KernelSource, elems: number) => KernelFn;

export interface Layout {
  slot: number;
  offset: Dim;
  shape: readonly Dim[];
  strides: readonly Dim[];
}

export type Action =
  | {
      t: "kernel";
      fn: KernelFn;
      /** Kernel index in `Plan.kernels`. */
      kernel: number;
      /** Dims, arrays of Dims, and (at [0], [1] and the refs) placeholders filled at call time. */
      /** The kernel's typed calling convention (argument roles), from its IR. */
      sig: KernelSignature;
      args: unknown[];
      outSlot: number;
      size: Dim;
      /** The sizes of what it reads and writes (distinct): the most of them picks the backend (emitted plans: per call). */
      elems: Dim[];
      dtype: DType;
      /** [args index of the data, slot, layout offset]: the offset argument follows the data. */
      refs: [number, number, Dim][];
      /** An intermediate no output refers to: its buffer is kept and reused by the next call. */
      scratch?: boolean;
      buffer?: ArrayLike<number>;
    }
  /** A primitive's eager kernel; a multi-output primitive (core/multi-primitives.ts) fills one slot per output. */
  | { t: "eager"; prim: string; params: unknown; ins: (Layout | Lit)[]; avals: { dtype: DType; weakType: boolean }[]; outSlots: number[] }
  | { t: "copy"; src: Layout; dtype: DType; outSlot: number }
  /** A higher-order equation (control flow, nested jit): its impl runs it on arrays; emitters generate its code. */
  | {
      t: "call";
      eqn: HigherEqn;
      run: (ins: NDArray[]) => NDArray[];
      ins: (Layout | Lit)[];
      avals: { dtype: DType; weakType: boolean }[];
      outSlots: number[];
    };

export interface Plan {
  nslots: number;
  inSlots: number;
  constSlots: NDArray[];
  actions: Action[];
  outs: (Layout | Lit)[];
  outAvals: { dtype: DType; weakType: boolean }[];
  kernels: KernelSource[];
  bufs?: unknown[];
  offs?: number[];
}

/** Row-major strides of a shape. */
export function denseStrides(shape: readonly Dim[]): Dim[] {
  const st = new Array<Dim>(shape.length);
  let s: Dim = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    st[i] = s;
    s = dimMul(s, shape[i]!);
  }
  return st;
}

/** Provably 1 (a symbol is >= 1 but may be 1: such a dim is kept, with its stride, which is always correct). */
const isOne = (d: Dim): boolean => d === 1;
/** The distinct sizes of some shapes (a kernel's operands and output). */
function distinctSizes(shapes: readonly (readonly Dim[])[]): Dim[] {
  const out: Dim[] = [];
  for (const s of shapes) {
    const n = dimsSize(s);
    if (!out.some((m) => dimEq(m, n))) out.push(n);
  }
  return out;
}
/** The most of some sizes, Infinity when one is symbolic: what a kernel provider chooses a backend by. */
const mostElems = (elems: readonly Dim[]): number => Math.max(...elems.map((n) => (typeof n === "number" ? n : Number.POSITIVE_INFINITY)));

/** Dense row-major from its offset on (a size-1 dim may have any stride). */
export function isContiguous(l: Layout): boolean {
  let s: Dim = 1;
  for (let i = l.shape.length - 1; i >= 0; i--) {
    if (!isOne(l.shape[i]!) && !dimEq(l.strides[i]!, s)) return false;
    s = dimMul(s, l.shape[i]!);
  }
  return true;
}

/**
 * `keepIntermediates`: every intermediate keeps its buffer between calls, whatever its size (the bodies of
 * loops, whose plan runs once per iteration: no allocation but the outputs').
 */
export function buildPlan(sched: Schedule, getKernel: KernelProvider, keepIntermediates = false): Plan {
  const j = sched.jaxpr;
  const layouts = new Map<Var, Layout>();
  let nslots = 0;
  const dense = (v: Var, slot: number): Layout => ({ slot, offset: 0, shape: v.aval.shape, strides: denseStrides(v.aval.shape) });
  for (const v of j.inBinders) layouts.set(v, dense(v, nslots++));
  const inSlots = nslots;
  const constSlots: NDArray[] = [];
  j.constvars.forEach((v, i) => {
    const c = j.consts[i]!;
    layouts.set(v, { slot: nslots++, offset: c.offset, shape: c.shape, strides: c.strides });
    constSlots.push(c);
  });
  const actions: Action[] = [];
  const kernels: KernelSource[] = [];
  const fresh = (v: Var): Layout => {
    const l = dense(v, nslots++);
    layouts.set(v, l);
    return l;
  };
  const materialize = (l: Layout, dtype: DType): Layout => {
    const slot = nslots++;
    actions.push({ t: "copy", src: l, dtype, outSlot: slot });
    return { slot, offset: 0, shape: l.shape, strides: denseStrides(l.shape) };
  };
  const layoutOf = (v: Var): Layout => {
    const l = layouts.get(v);
    // the schedule orders producers before consumers; a miss is a scheduling bug, not bad input
    if (l === undefined)
      throw compileError.codegen(`internal: a ${v.aval.dtype}[${v.aval.shape.join(",")}] value is read before any step produces it`);
    return l;
  };

  const patterns = findRowPatterns(sched);
  const fused = new Set<Step>();
  for (const step of sched.steps) {
    if (fused.has(step)) continue;
    const pat = patterns.get(step);
    const rowArgs = pat && rowsArgs(layoutOf(pat.x));
    if (pat && rowArgs) {
      pat.steps.forEach((s) => fused.add(s));
      const src = rowsKernel(pat.kind);
      const x = layoutOf(pat.x);
      const elems = distinctSizes([pat.x.aval.shape]);
      const fn = getKernel(src, mostElems(elems));
      const out = fresh(pat.out);
      const args = [helpers, null, rowArgs.shape, null, 0, rowArgs.strides, src.constants];
      const refs: [number, number, Dim][] = [[3, x.slot, x.offset]];
      const size = dimsSize(pat.out.aval.shape);
      actions.push({
        t: "kernel",
        fn,
        kernel: kernels.push(src) - 1,
        sig: src.ir.sig,
        args,
        outSlot: out.slot,
        size,
        elems,
        dtype: "float32",
        refs,
      });
      continue;
    }
    if (step.kind === "view") {
      const e = step.eqn;
      const a = e.inputs[0]!;
      const src = a instanceof Lit ? null : layoutOf(a);
      if (!src) {
        // a view of a literal: materialize the literal as a 0-d eager value
        const out = fresh(e.outs[0]!);
        actions.push({ t: "eager", prim: e.primitive, params: e.params, ins: [a as Lit], avals: [e.outs[0]!.aval], outSlots: [out.slot] });
        continue;
      }
      layouts.set(
        e.outs[0]!,
        viewLayout(e, src, (l) => materialize(l, (a as Var).aval.dtype)),
      );
      continue;
    }
    if (step.kind === "eager") {
      const e = step.eqn;
      if (isHigherEqn(e)) {
        const impl = higherImpls[e.primitive] as (ins: NDArray[], p: unknown) => NDArray[];
        const params = e.params;
        actions.push({
          t: "call",
          eqn: e,
          run: (ins) => impl(ins, params),
          ins: e.inputs.map((a) => (a instanceof Lit ? a : layoutOf(a))),
          avals: e.inputs.map((a) => a.aval),
          outSlots: e.outs.map((v) => fresh(v).slot),
        });
        continue;
      }
      actions.push({
        t: "eager",
        prim: e.primitive,
        params: e.params,
        ins: e.inputs.map((a) => (a instanceof Lit ? a : layoutOf(a))),
        avals: e.inputs.map((a) => a.aval),
        outSlots: e.outs.map((v) => fresh(v).slot),
      });
      continue;
    }
    const src = kernelFor(step, sched.exact)!;
    const kernel = kernels.push(src) - 1;
    const outVar = step.out;
    // the backend choice reads the sizes (a symbolic size counts as large)
    const elems = distinctSizes([outVar.aval.shape, ...step.inputs.map((v) => v.aval.shape)]);
    const fn = getKernel(src, mostElems(elems));
    const out = fresh(outVar);
    const args: unknown[] = [helpers, null];
    const refs: [number, number, Dim][] = []; // [args index of data, slot, layout offset]
    const pushInput = (l: Layout, ...strides: unknown[]) => {
      refs.push([args.length, l.slot, l.offset]);
      args.push(null, 0, ...strides);
    };
    if (step.kind === "elementwise") {
      const ins = step.inputs.map(layoutOf);
      const [shape, st] = collapse(
        outVar.aval.shape,
        ins.map((l) => l.strides),
      );
      args.push(shape);
      ins.forEach((l, i) => pushInput(l, st[i]!));
    } else if (step.kind === "reduce") {
      planReduce(step, layoutOf, args, pushInput);
    } else {
      planDot(step, layoutOf, materialize, args, pushInput);
    }
    args.push(src.constants);
    if (args.length !== src.ir.sig.args.length)
      throw compileError.codegen(`internal: ${src.kind} kernel takes ${src.ir.sig.args.length} arguments, the plan passes ${args.length}`);
    actions.push({
      t: "kernel",
      fn,
      kernel,
      sig: src.ir.sig,
      args,
      outSlot: out.slot,
      size: dimsSize(outVar.aval.shape),
      elems,
      dtype: outVar.aval.dtype,
      refs,
    });
  }
  const outs = j.outs.map((a) => (a instanceof Lit ? a : layoutOf(a)));
  // intermediates (slots no output layout points into) keep their buffers between calls: large
  // fresh allocations cost page faults on first touch, a reused buffer does not
  const outSlots = new Set(outs.flatMap((l) => (l instanceof Lit ? [] : [l.slot])));
  // a control-flow equation may return its operand as is (a branch that passes it through): its operands'
  // buffers can reach the outputs, so they are never reused
  for (const a of actions) if (a.t === "call") for (const l of a.ins) if (!(l instanceof Lit)) outSlots.add(l.slot);
  for (const a of actions)
    if (a.t === "kernel" && !outSlots.has(a.outSlot) && (keepIntermediates || dimCompare(a.size, "<", 4096) !== true)) a.scratch = true;
  return { nslots, inSlots, constSlots, actions, outs, outAvals: j.outs.map((a) => a.aval), kernels };
}

/**
 * A row kernel's shape [rows, n] and strides [rowStride, step] over x's layout, or null when its leading
 * dims do not collapse into one (the steps then run as they are).
 */
function rowsArgs(x: Layout): { shape: Dim[]; strides: Dim[] } | null {
  const nd = x.shape.length;
  const [lead, [ls]] = collapse(x.shape.slice(0, -1), [x.strides.slice(0, -1)]);
  if (lead.length > 1) return null;
  return { shape: [lead[0] ?? 1, x.shape[nd - 1]!], strides: [ls![0] ?? 0, x.strides[nd - 1]!] };
}

function viewLayout(e: Eqn, src: Layout, materialize: (l: Layout) => Layout): Layout {
  const shape = e.outs[0]!.aval.shape;
  switch (e.primitive) {
    case "broadcast_in_dim": {
      const p = e.params;
      const strides = new Array<Dim>(shape.length).fill(0);
      p.broadcastDimensions.forEach((d, i) => (strides[d] = isOne(src.shape[i]!) ? 0 : src.strides[i]!));
      return { slot: src.slot, offset: src.offset, shape, strides };
    }
    case "transpose": {
      const p = e.params;
      return { slot: src.slot, offset: src.offset, shape, strides: p.perm.map((q) => src.strides[q]!) };
    }
    case "slice": {
      const p = e.params;
      let offset = src.offset;
      // an empty slice is never read: its start may lie past the end
      if (dimCompare(dimsSize(shape), "==", 0) !== true) p.starts.forEach((s, i) => (offset = dimAdd(offset, dimMul(s, src.strides[i]!))));
      return { slot: src.slot, offset, shape, strides: src.strides.map((s, i) => dimMul(s, p.strides[i]!)) };
    }
    case "rev": {
      const p = e.params;
      let offset = src.offset;
      const strides = src.strides.slice();
      for (const a of p.axes) {
        if (dimCompare(src.shape[a]!, ">", 0) !== false) offset = dimAdd(offset, dimMul(dimSub(src.shape[a]!, 1), strides[a]!));
        strides[a] = dimNeg(strides[a]!);
      }
      return { slot: src.slot, offset, shape, strides };
    }
    case "reshape": {
      const base = isContiguous(src) ? src : materialize(src);
      return { slot: base.slot, offset: base.offset, shape, strides: denseStrides(shape) };
    }
    default:
      throw new Error(`internal: ${e.primitive} is not a view`);
  }
}

const isReduceEqn = (e: Eqn): e is Extract<Eqn, { primitive: ReduceOp }> => isReduce(e.primitive);

function planReduce(
  step: Extract<Step, { kind: "reduce" }>,
  layoutOf: (v: Var) => Layout,
  args: unknown[],
  pushInput: (l: Layout, ...strides: unknown[]) => void,
) {
  const red = step.reduce;
  if (!isReduceEqn(red)) throw new Error(`internal: ${red.primitive} is not a reduction`);
  const axes = red.params.axes;
  const ins = step.inputs.map(layoutOf);
  // input layouts are over the reduce input's shape (producers are elementwise, same shape)
  const { kshape, rshape, kst, rst, mode } = reduceLayout(
    red.inputs[0]!.aval.shape,
    axes,
    ins.map((l) => l.strides),
  );
  args.push(kshape, rshape, mode);
  ins.forEach((l, i) => pushInput(l, kst[i]!, rst[i]!));
}

function planDot(
  step: Extract<Step, { kind: "dot" }>,
  layoutOf: (v: Var) => Layout,
  materialize: (l: Layout, dtype: DType) => Layout,
  args: unknown[],
  pushInput: (l: Layout, ...strides: unknown[]) => void,
) {
  const d = step.dot;
  if (d.primitive !== "dot_general") throw new Error(`internal: ${d.primitive} is not dot_general`);
  const p = d.params;
  const [av, bv] = d.inputs as Var[];
  const dt = av!.aval.dtype;
  let a = layoutOf(av!),
    b = layoutOf(bv!);
  const lf = a.shape.map((_, i) => i).filter((i) => !p.lhsContract.includes(i) && !p.lhsBatch.includes(i));
  const rf = b.shape.map((_, i) => i).filter((i) => !p.rhsContract.includes(i) && !p.rhsBatch.includes(i));
  const group = (l: Layout, dims: number[]): [Dim, Dim] | null => {
    const ds = dims.filter((i) => !isOne(l.shape[i]!));
    if (ds.length === 0) return [1, 0];
    for (let k = 0; k + 1 < ds.length; k++)
      if (!dimEq(l.strides[ds[k]!]!, dimMul(l.strides[ds[k + 1]!]!, l.shape[ds[k + 1]!]!))) return null;
    return [dimsSize(dims.map((i) => l.shape[i]!)), l.strides[ds[ds.length - 1]!]!];
  };
  const permuted = (l: Layout, perm: number[]): Layout => ({
    ...l,
    shape: perm.map((i) => l.shape[i]!),
    strides: perm.map((i) => l.strides[i]!),
  });
  const groups = (l: Layout, order: number[][]) => order.map((g) => group(l, g));
  let ga = groups(a, [p.lhsBatch, lf, p.lhsContract]);
  if (ga.some((g) => g === null)) {
    const perm = [...p.lhsBatch, ...lf, ...p.lhsContract];
    const m = materialize(permuted(a, perm), dt);
    const nb = p.lhsBatch.length,
      nf = lf.length;
    a = m;
    ga = groups(m, [range(0, nb), range(nb, nb + nf), range(nb + nf, perm.length)]);
  }
  let gb = groups(b, [p.rhsBatch, p.rhsContract, rf]);
  if (gb.some((g) => g === null)) {
    const perm = [...p.rhsBatch, ...p.rhsContract, ...rf];
    const m = materialize(permuted(b, perm), dt);
    const nb = p.rhsBatch.length,
      nc = p.rhsContract.length;
    b = m;
    gb = groups(m, [range(0, nb), range(nb, nb + nc), range(nb + nc, perm.length)]);
  }
  const [[B, sab], [M, sam], [K, sak]] = ga as [[Dim, Dim], [Dim, Dim], [Dim, Dim]];
  const [[, swb], [, swk], [N, swn]] = gb as [[Dim, Dim], [Dim, Dim], [Dim, Dim]];
  args.push(B, M, N, K);
  pushInput(a, sab, sam, sak);
  pushInput(b, swb, swk, swn);
  // epilogue inputs: layouts over the output [batch..., lf..., rf...] -> [B, M, N] strides
  const outShape = d.outs[0]!.aval.shape;
  const nb = p.lhsBatch.length,
    nlf = lf.length;
  const epi = step.inputs.filter((v) => step.eqns.some((e) => e.inputs.includes(v)));
  for (const v of epi) {
    let l = layoutOf(v);
    const og = [range(0, nb), range(nb, nb + nlf), range(nb + nlf, outShape.length)];
    let g = og.map((dims) => group(l, dims));
    if (g.some((x) => x === null)) {
      l = materialize(l, v.aval.dtype);
      g = og.map((dims) => group(l, dims));
    }
    pushInput(
      l,
      (g as [Dim, Dim][]).map(([, s]) => s),
    );
  }
}

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a }, (_, i) => a + i);
}

/**
 * A runner for the plan. The common single-kernel case (one fused loop over the inputs, one
 * output) gets a specialized closure that skips the slot machinery: this is the per-call
 * overhead the seed benchmark measures.
 */
export interface Runner {
  run: (inputs: readonly NDArray[]) => NDArray[];
  /** Present when the plan has a single output: returns it without the array wrapper. */
  run1?: (inputs: readonly NDArray[]) => NDArray;
  /** One elementwise kernel over two inputs (the seed's add): run1 on the inputs as arguments, no array. */
  run2?: (x: NDArray, y: NDArray) => NDArray;
}

/**
 * A generated two-input runner whose body is the kernel's rank-1 loop (jit/subplan.ts compileRun2), for a
 * call of `elems` elements whose inputs have the given steps, where the caller's backend runs it in JS and
 * may generate code; else undefined (a closure calls the kernel).
 */
export type Run2Provider = (
  src: KernelSource,
  steps: readonly [0 | 1, 0 | 1],
  elems: number,
  ctor: string,
) => ((...env: any[]) => (x: NDArray, y: NDArray) => NDArray) | undefined;

/** A runner for a plan over concrete shapes (the runtime jit's): every Dim in it is a number. */
export function makeRunner(plan: Plan, run2For?: Run2Provider): Runner {
  const generic = (inputs: readonly NDArray[]) => runPlan(plan, inputs);
  const single = plan.outs.length === 1 ? { run: generic, run1: (inputs: readonly NDArray[]) => generic(inputs)[0]! } : { run: generic };
  const act = plan.actions[0]!;
  const out0 = plan.outs[0]!;
  if (
    plan.actions.length !== 1 ||
    act.t !== "kernel" ||
    plan.outs.length !== 1 ||
    out0 instanceof Lit ||
    out0.slot !== act.outSlot ||
    out0.offset !== 0 ||
    plan.constSlots.length !== 0 ||
    act.refs.some((r) => r[1] >= plan.inSlots) ||
    dimsSize(out0.shape) !== act.size ||
    !isContiguous(out0)
  )
    return single;
  const { args, fn } = act;
  const refs = act.refs as [number, number, number][];
  const size = act.size as number;
  const Ctor = typedArrayFor(act.dtype);
  // frozen once: every output shares them, and NDArray keeps a frozen array without a per-call copy
  const shape = Object.freeze(out0.shape.slice()),
    strides = Object.freeze(out0.strides.slice());
  const { dtype, weakType } = plan.outAvals[0]!;
  const nin = refs.length;
  // a large output goes to the wasm kernels' memory (dtype.ts allocate); small ones stay a plain `new`
  const big = size * Ctor.BYTES_PER_ELEMENT >= memoryLimits.minBytes;
  // Elementwise kernels over two direct inputs are the seed benchmark's case: call them with a
  // fixed argument list (no apply, no argument array writes).
  const sig = act.sig;
  const isEw = sig.kind === "elementwise" && refs.every((r, i) => r[0] === argIndex(sig, "data", i));
  if (isEw && nin === 2 && refs[0]![1] === 0 && refs[1]![1] === 1) {
    const H = args[argIndex(sig, "helpers")],
      sh = args[argIndex(sig, "shape")],
      s0 = args[argIndex(sig, "strides", 0)],
      s1 = args[argIndex(sig, "strides", 1)],
      C = args[argIndex(sig, "consts")];
    const off0 = refs[0]![2],
      off1 = refs[1]![2];
    // one dimension at most and inputs dense or repeated: a generated runner with the kernel's loop inside
    const rank = (sh as readonly number[]).length;
    const steps = [s0, s1].map((s) => (rank === 0 ? 0 : (s as readonly number[])[0])) as [0 | 1, 0 | 1];
    const make =
      rank <= 1 && steps.every((t) => t === 0 || t === 1) ? run2For?.(plan.kernels[act.kernel]!, steps, size, Ctor.name) : undefined;
    if (make !== undefined) {
      const run2 = make(NDArray, allocate, generic, H, C, size, shape, strides, dtype, weakType, big, off0, off1);
      const run1 = (inputs: readonly NDArray[]): NDArray => run2(inputs[0]!, inputs[1]!);
      return { run: (inputs) => [run1(inputs)], run1, run2 };
    }
    const run2 = (x: NDArray, y: NDArray): NDArray => {
      if (!x.isContiguous || !y.isContiguous) return generic([x, y])[0]!;
      const out = big ? allocate(dtype, size, false) : new Ctor(size);
      fn(H, out, sh, x.data, x.offset + off0, s0, y.data, y.offset + off1, s1, C);
      return new NDArray(out, shape as readonly number[], dtype, strides as readonly number[], 0, weakType, size, true);
    };
    const run1 = (inputs: readonly NDArray[]): NDArray => run2(inputs[0]!, inputs[1]!);
    return { run: (inputs) => [run1(inputs)], run1, run2 };
  }
  const run1 = (inputs: readonly NDArray[]): NDArray => {
    for (let r = 0; r < nin; r++) {
      const ref = refs[r]!;
      const x = inputs[ref[1]]!;
      if (!x.isContiguous) return generic(inputs)[0]!;
      args[ref[0]] = x.data;
      args[ref[0] + 1] = x.offset + ref[2];
    }
    const out = big ? allocate(dtype, size, false) : new Ctor(size);
    args[1] = out;
    fn.apply(null, args);
    for (let r = 0; r < nin; r++) args[refs[r]![0]] = null;
    return new NDArray(out, shape as readonly number[], dtype, strides as readonly number[], 0, weakType, size, true);
  };
  return { run: (inputs) => [run1(inputs)], run1 };
}

/** Run a plan over concrete shapes on flat input arrays. Not re-entrant per plan (slot arrays are reused). */
export function runPlan(plan: Plan, inputs: readonly NDArray[]): NDArray[] {
  const bufs = plan.bufs ?? (plan.bufs = new Array(plan.nslots).fill(null));
  const offs = plan.offs ?? (plan.offs = new Array(plan.nslots).fill(0));
  for (let i = 0; i < plan.inSlots; i++) {
    let x = inputs[i]!;
    if (!x.isContiguous) {
      const c = allocate(x.dtype, x.size);
      assign(new NDArray(c, x.shape, x.dtype), x);
      x = new NDArray(c, x.shape, x.dtype);
    }
    bufs[i] = x.data;
    offs[i] = x.offset;
  }
  const cs = plan.constSlots;
  for (let i = 0; i < cs.length; i++) {
    bufs[plan.inSlots + i] = cs[i]!.data;
    offs[plan.inSlots + i] = 0;
  }
  const acts = plan.actions;
  for (let a = 0; a < acts.length; a++) {
    const act = acts[a]!;
    if (act.t === "kernel") {
      const size = act.size as number;
      const out = act.scratch ? (act.buffer ??= allocate(act.dtype, size, false)) : allocate(act.dtype, size, false);
      const args = act.args;
      args[1] = out;
      const refs = act.refs;
      for (let r = 0; r < refs.length; r++) {
        const ref = refs[r]!;
        args[ref[0]] = bufs[ref[1]];
        args[ref[0] + 1] = offs[ref[1]]! + (ref[2] as number);
      }
      act.fn.apply(null, args);
      bufs[act.outSlot] = out;
      offs[act.outSlot] = 0;
    } else if (act.t === "eager") {
      const ins = act.ins.map((l, i) =>
        l instanceof Lit
          ? scalarArray(l.value, l.aval.dtype, l.aval.weakType)
          : slotView(bufs, offs, l, act.avals[i]!.dtype, act.avals[i]!.weakType),
      );
      const rs = runEager(act.prim, act.params, ins);
      for (let k = 0; k < rs.length; k++) {
        const r = rs[k]!;
        const rr = r.isContiguous ? r : new NDArray(r.toTypedArray(), r.shape, r.dtype);
        bufs[act.outSlots[k]!] = rr.data;
        offs[act.outSlots[k]!] = rr.offset;
      }
    } else if (act.t === "call") {
      const ins = act.ins.map((l, i) =>
        l instanceof Lit
          ? scalarArray(l.value, l.aval.dtype, l.aval.weakType)
          : slotView(bufs, offs, l, act.avals[i]!.dtype, act.avals[i]!.weakType),
      );
      const rs = act.run(ins);
      for (let k = 0; k < rs.length; k++) {
        const r = rs[k]!;
        const rr = r.isContiguous ? r : new NDArray(r.toTypedArray(), r.shape, r.dtype);
        bufs[act.outSlots[k]!] = rr.data;
        offs[act.outSlots[k]!] = rr.offset;
      }
    } else {
      const out = allocate(act.dtype, dimsSize(act.src.shape) as number);
      assign(new NDArray(out, act.src.shape as number[], act.dtype), slotView(bufs, offs, act.src, act.dtype, false));
      bufs[act.outSlot] = out;
      offs[act.outSlot] = 0;
    }
  }
  const outs = plan.outs;
  const res = new Array<NDArray>(outs.length);
  for (let i = 0; i < outs.length; i++) {
    const l = outs[i]!,
      av = plan.outAvals[i]!;
    res[i] = l instanceof Lit ? scalarArray(l.value, av.dtype, av.weakType) : slotView(bufs, offs, l, av.dtype, av.weakType);
  }
  // drop references so intermediates can be collected
  bufs.fill(null);
  return res;
}

/** Every output of a primitive's eager kernel. */
export function runEager(prim: string, params: unknown, ins: NDArray[]): NDArray[] {
  type Kernel<R> = Record<string, (x: NDArray[], p: unknown) => R>;
  return isMultiOutput(prim) ? (multiImpls as Kernel<NDArray[]>)[prim]!(ins, params) : [(impls as Kernel<NDArray>)[prim]!(ins, params)];
}

function slotView(bufs: unknown[], offs: number[], l: Layout, dtype: DType, weak: boolean): NDArray {
  return new NDArray(bufs[l.slot] as never, l.shape as number[], dtype, l.strides as number[], offs[l.slot]! + (l.offset as number), weak);
}
