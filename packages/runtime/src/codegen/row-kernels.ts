// JS emitter of the fused row kernels (kernel IR kind "rows", found by ir/row-fusion.ts): softmax,
// log_softmax and logsumexp along the last axis of x, one row at a time, over shape [rows, n] read
// through strides [rowStride, step]. Each computes what the unfused kernels compute, in their order
// and with their roundings (the max, exp's float32 template, a double sum rounded to float32 where the
// unfused schedule stores it), so the JS form agrees with eager; the WebAssembly form of the same IR
// (codegen/wasm/rows.ts) is the fast one, within float32 tolerance.
import type { KernelSource } from "./kernels.js";
import { accumulator, finish } from "./kernels.js";
import { type KernelIR, type RowOp, rowsSignature } from "./kir.js";
import { unaryExpr } from "./scalar.js";

const exp = (a: string) => unaryExpr("exp", "float32", a);
const log = (a: string) => unaryExpr("log", "float32", a);

/** Per-row statements after `m` (the row max) is known; `b` is the row's first element, `q` its output. */
const ROW: Record<RowOp, string[]> = {
  softmax: [
    `let s = 0;`,
    `for (let j = 0, p = b; j < n; j++, p += t) {`,
    `  const e = Math.fround(${exp("a0[p] - m")});`,
    `  o[q + j] = e;`,
    `  s += e;`,
    `}`,
    `const d = Math.fround(s);`,
    `for (let j = q; j < q + n; j++) o[j] = o[j] / d;`,
  ],
  log_softmax: [
    `let s = 0;`,
    `for (let j = 0, p = b; j < n; j++, p += t) s += ${exp("Math.fround(a0[p] - m)")};`,
    `const l = Math.fround(${log("Math.fround(s)")});`,
    `for (let j = 0, p = b; j < n; j++, p += t) o[q + j] = Math.fround(a0[p] - m) - l;`,
  ],
  logsumexp: [
    `const ms = m - m === 0 ? m : 0;`,
    `let s = 0;`,
    `for (let j = 0, p = b; j < n; j++, p += t) s += ${exp("a0[p] - ms")};`,
    `o[r] = ${log("Math.fround(s)")} + ms;`,
  ],
};

/** The kernel IR of a fused row op: one float32 input, its body the load. */
export function rowsIR(row: RowOp): Extract<KernelIR, { kind: "rows" }> {
  const body = { inputs: ["float32" as const], insts: [], root: { t: "in" as const, i: 0 }, used: new Set([0]), consts: [] };
  return { kind: "rows", sig: rowsSignature(), body, row };
}

const made = new Map<RowOp, KernelSource>();

/** The JS kernel of a fused row op (arguments H, o, shape = [rows, n], a0, o0, s0 = [rowStride, step], C). */
export function rowsKernel(row: RowOp): KernelSource {
  const hit = made.get(row);
  if (hit) return hit;
  const max = accumulator("reduce_max", "float").update("m", "x");
  const body = [
    `  const rows = shape[0], n = shape[1], rs = s0[0], t = s0[1];`,
    `  for (let r = 0, q = 0; r < rows; r++, q += n) {`,
    `    const b = o0 + r * rs;`,
    `    let m = -Infinity;`,
    `    for (let j = 0, p = b; j < n; j++, p += t) {`,
    `      const x = a0[p];`,
    `      ${max}`,
    `    }`,
    ...ROW[row].map((l) => `    ${l}`),
    `  }`,
  ].join("\n");
  const src = finish(rowsIR(row), body);
  made.set(row, src);
  return src;
}
