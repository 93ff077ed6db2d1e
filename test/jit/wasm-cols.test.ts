// Sums over the leading axis (a dense layer's bias gradient, sum(dh, 0)) on the wasm column-sum kernel
// (codegen/wasm/cols.ts): per element the double sum in row order rounded to float32, as the JS
// kernel's row accumulator computes it, so a plain sum is bit-identical to the JS backend, to eager and
// to the reference computed here (float64 additions in row order, rounded once). Kept sizes that are not
// multiples of 4, operands resident (read in place) and staged, offset / row-reversed / broadcast views;
// a kept axis that is not contiguous runs the JS kernel, a contiguous reduced axis the row kernel.
import { afterAll, describe, expect, it } from "vitest";
import { jit, type NDArray, numpy as np, setBackend } from "@numjit/runtime";
import { wasmStats } from "@numjit/runtime/internal";

afterAll(() => setBackend("auto"));

/** Deterministic float32 data with mixed signs and magnitudes (sums round differently in float32). */
const data = (shape: [number, number], s: number): NDArray =>
  np
    .reshape(
      np.multiply(
        np.sin(np.multiply(np.arange(shape[0] * shape[1]), 0.37 * s)),
        np.exp(np.multiply(np.cos(np.arange(shape[0] * shape[1])), 3)),
      ),
      shape,
    )
    .astype("float32");

/** sum over axis 0 of a float32 [R, C] array in float64, row by row, rounded once. */
function reference(x: NDArray): Float32Array {
  const [R, C] = x.shape as [number, number];
  const v = x.toArray() as number[][];
  const out = new Float32Array(C);
  for (let j = 0; j < C; j++) {
    let s = 0;
    for (let r = 0; r < R; r++) s += v[r]![j]!;
    out[j] = s;
  }
  return out;
}

const sum0 = (x: NDArray) => np.sum(x, 0);

/** jit on `backend`, and how many wasm kernel calls it made. */
function run(f: (...a: NDArray[]) => NDArray, args: NDArray[], backend: "wasm" | "js" | "auto"): [Float32Array, number] {
  const before = wasmStats.calls;
  const out = jit(f, { backend })(...args).toTypedArray() as Float32Array;
  return [out, wasmStats.calls - before];
}

describe("column sums on wasm (reductions over leading axes)", () => {
  const SHAPES: [number, number][] = [
    [128, 256], // the W5 MLP's bias gradient: resident, read in place, written in place
    [129, 10], // staged (under the resident size), kept 10: a partial vector
    [7, 4097],
    [2, 9],
    [5000, 3],
  ];
  // views taken inside the jitted function (an argument that is not contiguous is copied before the plan runs)
  const VIEWS: [string, (x: NDArray) => NDArray][] = [
    ["dense", (x) => x],
    ["offset rows", (x) => x.slice("1:")],
    ["rows reversed", (x) => np.flip(x, 0)],
    ["rows reversed, offset columns", (x) => np.flip(x, 0).slice(":", "1:")],
    ["every other row", (x) => x.slice("::2")],
  ];
  for (const shape of SHAPES) {
    it(`[${shape}]: dense, offset, row-reversed, strided: one wasm call, bit-identical to the reference, JS and eager`, () => {
      const x = data(shape, 1);
      for (const [name, view] of VIEWS) {
        const v = view(x);
        if (v.size === 0) continue;
        const f = (a: NDArray) => sum0(view(a));
        const want = reference(v);
        const [got, calls] = run(f, [x], "wasm");
        expect(calls, name).toBe(1);
        expect(got, name).toEqual(want);
        expect(run(f, [x], "js")[0], name).toEqual(want);
        expect(f(x).toTypedArray(), name).toEqual(want);
      }
    });
  }

  it("the auto backend takes the W5 size ([128, 256]) on wasm, a small one ([3, 5]) on JS", () => {
    expect(run(sum0, [data([128, 256], 2)], "auto")[1]).toBe(1);
    const small = data([3, 5], 2);
    const [got, calls] = run(sum0, [small], "auto");
    expect(calls).toBe(0);
    expect(got).toEqual(reference(small));
  });

  it("a row broadcast down the reduced axis (stride 0) is read once per row, in place and staged", () => {
    for (const n of [256, 10]) {
      const row = np.reshape(data([1, n], 3), [n]);
      const f = (r: NDArray) => sum0(np.broadcastTo(r, [300, n]));
      const [got, calls] = run(f, [row], "wasm");
      expect(calls).toBe(1);
      expect(got).toEqual(reference(np.broadcastTo(row, [300, n])));
    }
  });

  it("a body over the rows (sum of x*y): float32 products as eager rounds them, within tolerance of the JS kernel", () => {
    const x = data([128, 257], 4),
      y = data([128, 257], 5);
    const f = (a: NDArray, b: NDArray) => np.sum(np.multiply(a, b), 0);
    const [got, calls] = run(f, [x, y], "wasm");
    expect(calls).toBe(1);
    expect(got).toEqual(f(x, y).toTypedArray());
    const js = run(f, [x, y], "js")[0];
    for (let j = 0; j < js.length; j++) expect(Math.abs(got[j]! - js[j]!)).toBeLessThanOrEqual(1e-5 * Math.abs(js[j]!) + 1e-6);
  });

  it("the kept axis reversed: the JS kernel, same values", () => {
    const x = data([128, 256], 6);
    const f = (a: NDArray) => sum0(np.flip(a, 1));
    const [got, calls] = run(f, [x], "wasm");
    expect(calls).toBe(0);
    expect(got).toEqual(reference(np.flip(x, 1)));
  });

  it("a transposed operand or a column broadcast along the kept axis reduce along a contiguous axis: the row kernel", () => {
    const cases: [NDArray, (a: NDArray) => NDArray][] = [
      [data([256, 128], 8), (a) => a.T],
      [data([128, 1], 7), (a) => np.broadcastTo(a, [128, 256])],
    ];
    for (const [x, view] of cases) {
      const [got, calls] = run((a: NDArray) => sum0(view(a)), [x], "wasm");
      expect(calls).toBe(1);
      const want = reference(view(x));
      for (let j = 0; j < want.length; j++) expect(Math.abs(got[j]! - want[j]!)).toBeLessThanOrEqual(1e-6 * Math.abs(want[j]!) + 1e-6);
    }
  });
});
