// Runs wasm kernels behind the JS kernels' calling convention: wasmKernel() wraps a JS kernel in a
// function with the same signature that, for a large enough call whose layout the wasm form covers
// (at most two collapsed dims, unit or broadcast innermost strides), copies the operands into the one
// shared WebAssembly.Memory, runs the module emitted from the kernel IR and copies the result out;
// every other call goes to the JS kernel. Copies instead of arrays living in wasm memory: a copy is a
// native memcpy (~0.1 ns/elem measured on W2), small next to the kernel, and keeps NDArray storage
// ordinary garbage-collected typed arrays. The memory only grows to the largest call and is reused.
// Large calls are split across the worker pool (codegen/wasm/split.ts) between the copies.
import type { TypedArray } from "../../dtype.js";
import type { KernelFn } from "../../jit/plan.js";
import type { ParallelKernel } from "../../threads/pool.js";
import { type KernelIR, argIndex } from "../kir.js";
import { wasmAvailable } from "../wasm-gemm.js";
import { emitWasm, wasmSupports } from "./emit.js";
import { kernelMemory } from "./memory.js";
import { runKernel } from "./split.js";

const modules = new Map<string, ParallelKernel | null>();

/** Kernel calls and float32 GEMMs that ran on wasm (tests check where calls went). */
export const wasmStats = { calls: 0, sgemms: 0 };

function instantiate(signature: string, ir: KernelIR): ParallelKernel | null {
  let k = modules.get(signature);
  if (k === undefined) {
    try {
      const module = new WebAssembly.Module(emitWasm(ir));
      const inst = new WebAssembly.Instance(module, { env: { mem: kernelMemory(0) } });
      const ops = [...new Set(ir.body.insts.map((i) => ("prim" in i.op ? i.op.prim : i.op.op)))];
      k = {
        module,
        fn: "run",
        run: inst.exports.run as ParallelKernel["run"],
        op: `${ir.kind === "reduce" ? ir.reduce : ir.kind} kernel (${ops.join(", ")})`,
      };
    } catch {
      k = null; // an engine without SIMD128: the JS kernel
    }
    modules.set(signature, k);
  }
  return k;
}

interface Operand {
  data: TypedArray;
  off: number;
  /** element strides across rows and within a row (0: broadcast) */
  outer: number;
  inner: number;
}

const up16 = (n: number) => (n + 15) & ~15;

/**
 * Lays the operands out for a kernel over `rows` rows of `n` elements (rows padded to whole vectors),
 * runs it, and returns the float32 view of memory and the output's byte address.
 */
function call(
  run: (params: number[]) => void,
  rows: number,
  n: number,
  ops: Operand[],
  consts: readonly number[],
  outBytes: number,
  reduce: boolean,
): [Float32Array, number] {
  const nvec = (n + 3) >> 2,
    rowBytes = nvec * 16;
  const sizes = ops.map((o) => (o.inner === 0 ? 16 : rowBytes) * (o.outer === 0 ? 1 : rows));
  const cBytes = up16(4 * consts.length);
  let top = 16 + cBytes;
  const bases = sizes.map((s) => {
    const b = top;
    top += up16(s);
    return b;
  });
  const out = top;
  const m = kernelMemory(top + up16(outBytes));
  const f = new Float32Array(m.buffer);
  if (reduce) {
    const u = new Int32Array(m.buffer, 0, 4);
    for (let l = 0; l < 4; l++) u[l] = l < (n & 3) ? -1 : 0;
  }
  for (let i = 0; i < consts.length; i++) f[4 + i] = consts[i]!;
  const params: number[] = [rows, reduce ? n : nvec, out];
  ops.forEach((o, i) => {
    const b = bases[i]! >> 2;
    const nr = o.outer === 0 ? 1 : rows;
    if (o.inner === 0) {
      for (let r = 0; r < nr; r++) f.fill(o.data[o.off + r * o.outer]!, b + 4 * r, b + 4 * r + 4);
    } else if (o.outer === n && (n & 3) === 0) f.set(o.data.subarray(o.off, o.off + nr * n), b);
    else for (let r = 0; r < nr; r++) f.set(o.data.subarray(o.off + r * o.outer, o.off + r * o.outer + n), b + r * nvec * 4);
    params.push(bases[i]!, o.outer === 0 ? 0 : o.inner === 0 ? 16 : rowBytes, o.inner === 0 ? 0 : 16);
  });
  params.push(16);
  if (reduce) params.push(0);
  wasmStats.calls++;
  run(params);
  return [f, out >> 2];
}

/**
 * `js` with a wasm fast path for calls over at least `min` elements, or null when the kernel has no
 * wasm form here (unsupported ops or dtypes, no WebAssembly SIMD, a CSP without 'wasm-unsafe-eval').
 */
export function wasmKernel(signature: string, ir: KernelIR, js: KernelFn, min: number): KernelFn | null {
  if (min === Infinity || !wasmSupports(ir) || !wasmAvailable()) return null;
  const k = instantiate(signature, ir);
  if (k === null) return null;
  const sig = ir.sig;
  const nin = sig.inputs.length;
  const used = [...ir.body.used].sort((a, b) => a - b);
  const expand = expandUsed(used, nin);
  const run = (params: number[]) => runKernel(k, ir.kind === "elementwise" ? "elementwise" : "reduce", nin, expand(params));
  const data = [...Array(nin).keys()].map((i) => argIndex(sig, "data", i));
  const offs = [...Array(nin).keys()].map((i) => argIndex(sig, "offset", i));
  const iOut = argIndex(sig, "out"),
    iC = argIndex(sig, "consts");
  if (ir.kind === "elementwise") {
    const iShape = argIndex(sig, "shape");
    const strides = [...Array(nin).keys()].map((i) => argIndex(sig, "strides", i));
    return (...args: unknown[]) => {
      const shape = args[iShape] as number[];
      const nd = shape.length;
      // a 0-d kernel (also every size-1 shape, which collapses to 0-d) is one element: a row of 1
      const n = nd ? shape[nd - 1]! : 1,
        rows = nd === 2 ? shape[0]! : 1;
      if (nd > 2 || rows * n < min) return js(...args);
      const ops: Operand[] = [];
      for (const i of used) {
        const s = args[strides[i]!] as number[];
        const inner = nd ? s[nd - 1]! : 1;
        if (inner !== 0 && inner !== 1) return js(...args);
        ops.push({ data: args[data[i]!] as TypedArray, off: args[offs[i]!] as number, outer: nd === 2 ? s[0]! : 0, inner });
      }
      const o = args[iOut] as Float32Array;
      const nvec = (n + 3) >> 2;
      const [f, p] = call(run, rows, n, ops, args[iC] as number[], rows * nvec * 16, false);
      if ((n & 3) === 0) o.set(f.subarray(p, p + rows * n));
      else for (let r = 0; r < rows; r++) o.set(f.subarray(p + r * nvec * 4, p + r * nvec * 4 + n), r * n);
    };
  }
  const iK = argIndex(sig, "kshape"),
    iR = argIndex(sig, "rshape");
  const ks = [...Array(nin).keys()].map((i) => argIndex(sig, "kstrides", i));
  const rs = [...Array(nin).keys()].map((i) => argIndex(sig, "rstrides", i));
  return (...args: unknown[]) => {
    const kshape = args[iK] as number[],
      rshape = args[iR] as number[];
    if (kshape.length > 1 || rshape.length > 1) return js(...args);
    const rows = kshape.length ? kshape[0]! : 1,
      n = rshape.length ? rshape[0]! : 1;
    if (rows * n < min) return js(...args);
    const ops: Operand[] = [];
    for (const i of used) {
      const inner = rshape.length ? (args[rs[i]!] as number[])[0]! : 1;
      if (inner !== 0 && inner !== 1) return js(...args);
      const outer = kshape.length ? (args[ks[i]!] as number[])[0]! : 0;
      ops.push({ data: args[data[i]!] as TypedArray, off: args[offs[i]!] as number, outer, inner });
    }
    const [f, p] = call(run, rows, n, ops, args[iC] as number[], rows * 4, true);
    (args[iOut] as Float32Array).set(f.subarray(p, p + rows));
  };
}

/** The module takes [ptr, rowStride, step] for every input; unused ones get zeros. */
function expandUsed(used: number[], nin: number): (p: number[]) => number[] {
  if (used.length === nin && used.every((u, i) => u === i)) return (p) => p;
  return (p) => {
    const full = p.slice(0, 3);
    for (let i = 0; i < nin; i++) {
      const k = used.indexOf(i);
      full.push(...(k < 0 ? [0, 0, 0] : p.slice(3 + 3 * k, 6 + 3 * k)));
    }
    full.push(...p.slice(3 + 3 * used.length));
    return full;
  };
}
