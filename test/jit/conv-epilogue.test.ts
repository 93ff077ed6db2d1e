// A convolution followed by a bias add and/or an activation under jit: the scheduler makes the chain one
// conv_general_dilated step whose GEMM store applies both (ir/schedule.ts convEpilogues). The bias add and
// relu are bit-identical to the unfused path (every step rounds to float32 once, either way); tanh and
// logistic within float32 tolerance (the wasm polynomials); float64 and the JS loop (wasm off) too.
import { afterAll, describe, expect, it } from "vitest";
import { jit, lax, type NDArray, nn, numpy as np } from "@numjit/runtime";
import { setWasmEnabled, wasmStats } from "@numjit/runtime/internal";
import { expectClose } from "./helpers.js";

afterAll(() => setWasmEnabled(true));

const seq = (shape: number[], dtype: "float32" | "float64" = "float32", s = 1) =>
  np.reshape(np.sin(np.multiply(np.arange(shape.reduce((a, b) => a * b, 1)), 0.37 * s)), shape).astype(dtype);
const NHWC = { dimensionNumbers: ["NHWC", "HWIO", "NHWC"] as [string, string, string] };
const conv = (x: NDArray, w: NDArray) => lax.convGeneralDilated(x, w, [1, 2], "SAME", { ...NHWC, featureGroupCount: 2 });

type F = (x: NDArray, w: NDArray, b: NDArray) => NDArray;
const cases: [string, F, boolean][] = [
  ["conv + b", (x, w, b) => np.add(conv(x, w), b), true],
  ["relu(conv + b)", (x, w, b) => nn.relu(np.add(conv(x, w), b)), true],
  ["relu(b + conv), bias first", (x, w, b) => nn.relu(np.add(b, conv(x, w))), true],
  ["relu(conv), no bias", (x, w) => nn.relu(conv(x, w)), true],
  ["tanh(conv + b)", (x, w, b) => np.tanh(np.add(conv(x, w), b)), false],
  ["sigmoid(conv + b)", (x, w, b) => nn.sigmoid(np.add(conv(x, w), b)), false],
];

describe("conv epilogues fused under jit", () => {
  for (const dtype of ["float32", "float64"] as const) {
    // [2, 9, 10, 16] x [3, 3, 8, 12], 2 groups: past the wasm break-even in float32; offset, reversed views
    const inputs: [string, NDArray, NDArray, NDArray][] = [
      ["dense", seq([2, 9, 10, 16], dtype), seq([3, 3, 8, 12], dtype, 2), seq([12], dtype, 3)],
      [
        "views",
        np.flip(seq([2, 9, 10, 17], dtype), 1).slice(":", ":", ":", "1:"),
        seq([12, 8, 3, 3], dtype, 2).transpose([2, 3, 1, 0]),
        np.flip(seq([12], dtype, 3)),
      ],
    ];
    for (const [name, f, exact] of cases)
      it(`${name}, ${dtype}: one step, ${exact ? "bit-identical to" : "close to"} eager, wasm on and off`, () => {
        expect(jit(f).lower(inputs[0]![1], inputs[0]![2], inputs[0]![3]).kernels).toHaveLength(0); // no elementwise kernel
        for (const wasm of [true, false]) {
          setWasmEnabled(wasm);
          for (const [, x, w, b] of inputs) {
            const before = wasmStats.sgemms;
            const got = jit(f)(x, w, b),
              want = f(x, w, b);
            expect(wasmStats.sgemms - before).toBe(wasm && dtype === "float32" ? 2 : 0); // fused and unfused
            if (exact || dtype === "float64") expect(got.toTypedArray()).toEqual(want.toTypedArray());
            else expectClose(got, want, 1e-6, 1e-6);
          }
        }
        setWasmEnabled(true);
      });
  }
  it("NCHW output (a transpose after the conv) and a bias with two uses are not fused, still right", () => {
    const x = seq([2, 16, 9, 10]),
      w = seq([12, 8, 3, 3], "float32", 2),
      b = seq([12, 1, 1], "float32", 3);
    const f = (x: NDArray, w: NDArray, b: NDArray) =>
      nn.relu(np.add(lax.convGeneralDilated(x, w, [1, 1], "SAME", { featureGroupCount: 2 }), b));
    expect(jit(f).lower(x, w, b).kernels.length).toBeGreaterThan(0);
    expect(jit(f)(x, w, b).toTypedArray()).toEqual(f(x, w, b).toTypedArray());
    const g = (x: NDArray, w: NDArray, b: NDArray) => {
      const y = np.add(conv(x, w), b);
      return np.add(nn.relu(y), y);
    };
    const args = [seq([2, 9, 10, 16]), seq([3, 3, 8, 12], "float32", 2), seq([12], "float32", 3)] as const;
    expect(jit(g)(...args).toTypedArray()).toEqual(g(...args).toTypedArray());
  });
});
