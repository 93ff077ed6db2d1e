// The fused row kernels (softmax, log_softmax, logsumexp over the last axis: kernel IR kind "rows") and
// the float32 log polynomial, against NumPy references (refs/rows.json, from scripts/gen_rows_refs.py):
// rows of 1, 3, 4, 5 and 1027 elements, NaN / +-Inf / all -Inf rows (7 and 35 long); inside jit on the wasm and JS
// backends with the row input a dense, offset, broadcast, row-reversed, transposed or fully reversed
// view (the last two have no unit inner stride: the JS form of the kernel runs); eager on the same
// inputs; and precompiled (a module built by the compiler ships the same kernel). Each jitted case
// must be one rows kernel, which ran on wasm exactly when its rows are unit-stride.
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { jit, type NDArray, nn, numpy as np } from "@numjit/runtime";
import { wasmStats } from "@numjit/runtime/internal";
import { buildModule, importFresh } from "../compiler/helpers.js";

type Enc = (number | "NaN" | "Infinity" | "-Infinity")[];
type Op = "softmax" | "log_softmax" | "logsumexp";
interface RowCase extends Record<Op, Enc> {
  name: string;
  shape: [number, number];
  x: Enc;
}
const refs = JSON.parse(fs.readFileSync(fileURLToPath(new URL("./refs/rows.json", import.meta.url)), "utf8")) as {
  rows: RowCase[];
  log: { x: Enc; out: Enc };
};
const dec = (a: Enc): number[] => a.map(Number);

const OPS: Record<Op, (x: NDArray) => NDArray> = {
  softmax: (x) => nn.softmax(x, -1),
  log_softmax: (x) => nn.logSoftmax(x, -1),
  logsumexp: (x) => nn.logsumexp(x, -1),
};
const TOL: Record<Op, [number, number]> = { softmax: [2e-6, 1e-7], log_softmax: [2e-6, 4e-6], logsumexp: [2e-6, 2e-6] };

/** got (float32) vs a float64 reference: NaN where NaN, infinities (after rounding to float32) exact, else close. */
function expectRef(got: ArrayLike<number>, want: readonly number[], [rtol, atol]: [number, number], what: string): void {
  expect(got.length, `${what}: length`).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const g = got[i]!,
      w = Math.fround(want[i]!);
    if (Number.isNaN(w)) expect(g, `${what}[${i}]`).toBeNaN();
    else if (!Number.isFinite(w)) expect(g, `${what}[${i}]`).toBe(w);
    else if (Math.abs(g - want[i]!) > rtol * Math.abs(want[i]!) + atol) expect.fail(`${what}[${i}]: got ${g}, want ${want[i]}`);
  }
}

/**
 * How the row input reaches the kernel: the argument built from x [r, n], the view taken inside the jitted
 * function, which rows of the reference it equals, and whether its rows are unit-stride (the wasm form runs).
 */
interface Variant {
  arg: (x: NDArray) => NDArray;
  view: (a: NDArray, r: number, n: number) => NDArray;
  rowsOf: (r: number) => number[];
  unit: boolean;
}
const all = (r: number) => [...Array(r).keys()];
const VARIANTS: Record<string, Variant> = {
  dense: { arg: (x) => x, view: (a) => a, rowsOf: all, unit: true },
  offset: {
    arg: (x) =>
      np.pad(x, [
        [1, 0],
        [2, 3],
      ]),
    view: (a, _r, n) => a.slice("1:", `2:${n + 2}`),
    rowsOf: all,
    unit: true,
  },
  broadcast: { arg: (x) => x.slice(0), view: (a, r, n) => np.broadcastTo(a, [r, n]), rowsOf: (r) => all(r).map(() => 0), unit: true },
  "rows reversed": { arg: (x) => np.flip(x, 0).copy(), view: (a) => np.flip(a, 0), rowsOf: all, unit: true },
  transposed: { arg: (x) => np.transpose(x).copy(), view: (a) => np.transpose(a), rowsOf: all, unit: false },
  "fully reversed": { arg: (x) => np.flip(np.flip(x, 0), 1).copy(), view: (a) => np.flip(np.flip(a, 0), 1), rowsOf: all, unit: false },
};

/** The reference of `op` for the rows `rows` of a case (logsumexp: one value per row). */
function refRows(c: RowCase, op: Op, rows: number[]): number[] {
  const w = dec(c[op]);
  const len = op === "logsumexp" ? 1 : c.shape[1];
  return rows.flatMap((r) => w.slice(r * len, (r + 1) * len));
}

describe("fused row kernels against NumPy", () => {
  for (const c of refs.rows) {
    const [r, n] = c.shape;
    const x = np.reshape(np.array(dec(c.x), { dtype: "float32" }), [r, n]);
    for (const op of Object.keys(OPS) as Op[]) {
      it(`${op} ${c.name}: eager, and jit on wasm and js over every view`, () => {
        expectRef(OPS[op](x).toTypedArray(), refRows(c, op, all(r)), TOL[op], `${op} eager`);
        for (const [vname, v] of Object.entries(VARIANTS)) {
          const arg = v.arg(x);
          const want = refRows(c, op, v.rowsOf(r));
          const f = (a: NDArray) => OPS[op](v.view(a, r, n));
          for (const backend of ["wasm", "js"] as const) {
            const what = `${op} ${vname} on ${backend}`;
            const j = jit(f, { backend });
            expect(
              j.lower(arg).kernels.map((k) => k.kind),
              `${what}: one rows kernel`,
            ).toEqual(["rows"]);
            const before = wasmStats.calls;
            expectRef(j(arg).toTypedArray(), want, TOL[op], what);
            const onWasm = backend === "wasm" && (v.unit || n === 1);
            expect(wasmStats.calls - before, `${what}: wasm calls`).toBe(onWasm ? 1 : 0);
          }
        }
      });
    }
  }
  it("an intermediate read outside the pattern, or a reduction over another axis, is not fused", () => {
    const x = np.reshape(np.array(dec(refs.rows[4]!.x), { dtype: "float32" }), refs.rows[4]!.shape);
    const kinds = (f: (a: NDArray) => NDArray) =>
      jit(f)
        .lower(x)
        .kernels.map((k) => k.kind);
    expect(kinds((a) => np.add(nn.logSoftmax(a, -1), np.max(a, -1, { keepdims: true })))).not.toContain("rows");
    expect(kinds((a) => nn.softmax(a, 0))).not.toContain("rows");
    expect(kinds((a) => nn.logsumexp(a, null))).not.toContain("rows");
  });
});

describe("precompiled plans ship the same row kernels", () => {
  const SOURCE = `import { numpy as np, jit, nn } from "@numjit/runtime";
/** @numjit x: f32[B, N] */
export const softmax = jit((x: np.NDArray) => nn.softmax(x, -1));
/** @numjit x: f32[B, N] */
export const log_softmax = jit((x: np.NDArray) => nn.logSoftmax(x, -1));
/** @numjit x: f32[B, N] */
export const logsumexp = jit((x: np.NDArray) => nn.logsumexp(x, -1));
`;
  let file: string;
  let emitted: string;
  beforeAll(() => {
    const built = buildModule("wasm-rows", SOURCE);
    file = built.file;
    emitted = built.result.code;
  });
  type Pre = ((x: NDArray) => NDArray) & { cacheInfo(): { traces: number; runtimeCompiles: number; precompiledCalls: number } };

  it("each function's plan is one rows kernel, shipped in the module's wasm", () => {
    for (const op of ["softmax", "log_softmax", "logsumexp"]) expect(emitted).toContain(`"kind":"rows","row":"${op}"`);
    expect(emitted).not.toMatch(/nj_reduce_|nj_elementwise_/);
  });
  for (const backend of ["wasm", "js"] as const) {
    it(`on ${backend}: NumPy's numbers, no trace, no kernel generated at run time`, async () => {
      const { setBackend, getBackend } = await import("@numjit/runtime");
      const initial = getBackend();
      setBackend(backend);
      try {
        const m = await importFresh<Record<Op, Pre>>(file);
        const before = { ...wasmStats };
        let calls = 0;
        for (const c of refs.rows) {
          const x = np.reshape(np.array(dec(c.x), { dtype: "float32" }), c.shape);
          for (const op of Object.keys(OPS) as Op[]) {
            expectRef(m[op](x).toTypedArray(), refRows(c, op, all(c.shape[0])), TOL[op], `precompiled ${op} ${c.name} on ${backend}`);
            calls++;
          }
        }
        expect(wasmStats.calls - before.calls, "row kernel calls on wasm").toBe(backend === "wasm" ? calls : 0);
        expect(wasmStats.compiles - before.compiles, "wasm generated at run time").toBe(0);
        for (const op of Object.keys(OPS) as Op[])
          expect(m[op].cacheInfo(), op).toMatchObject({ traces: 0, runtimeCompiles: 0, precompiledCalls: refs.rows.length });
      } finally {
        setBackend(initial);
      }
    });
  }
});

describe("wasm float32 log", () => {
  const logJit = jit((x: NDArray) => np.log(x), { backend: "wasm" });
  it("special values (0, -0, negatives, +-Inf, NaN, subnormals, around 1 and sqrt(1/2)) against NumPy", () => {
    const before = wasmStats.calls;
    const got = logJit(np.array(dec(refs.log.x), { dtype: "float32" })).toTypedArray();
    expect(wasmStats.calls - before, "ran on wasm").toBe(1);
    expectRef(got, dec(refs.log.out), [1.5e-7, 0], "log");
  });
  it("within one float32 ulp of Math.log over every binade (bit patterns from a fixed LCG)", () => {
    const n = 1 << 18;
    const bits = new Uint32Array(n);
    let s = 12345;
    for (let i = 0; i < n; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      bits[i] = s % 0x7f800000; // every positive finite float32, subnormals included
    }
    const xs = new Float32Array(bits.buffer);
    const got = logJit(np.array(xs)).toTypedArray();
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const w = Math.log(xs[i]!);
      if (w !== 0) worst = Math.max(worst, Math.abs(got[i]! - w) / Math.abs(w));
      else expect(got[i]).toBe(0);
    }
    expect(worst).toBeLessThan(1.5e-7);
    const neg = logJit(np.negative(np.array(xs.subarray(0, 1001)))).toTypedArray();
    expect(neg.every((v) => Number.isNaN(v))).toBe(true);
  });
});
