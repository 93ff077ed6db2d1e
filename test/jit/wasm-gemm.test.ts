// The WebAssembly GEMMs against the JS loops: at precision "highest" both accumulate in float64 and agree
// to summation order; at "default" float32 operands accumulate in float32 on the 4x8 f32x4 kernel, within
// float32 summation error of the JS result.
import { afterAll, describe, expect, it } from "vitest";
import { numpy as np, nn, jit, type NDArray, setMatmulPrecision, ArgumentError } from "@numjit/runtime";
import { setWasmEnabled, wasmAvailable, wasmStats } from "@numjit/runtime/internal";
import { expectClose } from "./helpers.js";

afterAll(() => {
  setWasmEnabled(true);
  setMatmulPrecision("default");
});

function both<T>(f: () => T): [T, T] {
  setWasmEnabled(true);
  const w = f();
  setWasmEnabled(false);
  const j = f();
  setWasmEnabled(true);
  return [w, j];
}

const seq = (shape: number[], dtype: "float32" | "float64" = "float32", s = 1) =>
  np.reshape(np.sin(np.multiply(np.arange(shape.reduce((a, b) => a * b, 1)), 0.37 * s)), shape).astype(dtype);

for (const precision of ["highest", "default"] as const)
  describe(`WebAssembly GEMM, precision ${precision}`, () => {
    it("is available in Node", () => expect(wasmAvailable()).toBe(true));
    // float32 accumulation of K products of magnitude <= 1: error ~ sqrt(K) * 6e-8 per unit, bounded here with margin
    const tol = (a: NDArray) => (precision === "highest" || a.dtype === "float64" ? 1e-6 : 2e-6 * Math.sqrt(a.shape[a.ndim - 1]!));

    const cases: [string, NDArray, NDArray][] = [
      ["128x784 @ 784x256 (MLP layer)", seq([128, 784]), seq([784, 256], "float32", 2)],
      ["odd sizes 33x65 @ 65x47", seq([33, 65]), seq([65, 47], "float32", 3)],
      ["transposed operands", seq([70, 60]).T, seq([90, 70], "float32", 2).T],
      ["batched with broadcast", seq([3, 1, 40, 50]), seq([4, 50, 30], "float32", 2)],
      ["float64", seq([64, 64], "float64"), seq([64, 64], "float64", 2)],
      ["matrix-vector", seq([300, 200]), seq([200], "float32", 2)],
    ];
    for (const [name, a, b] of cases) {
      it(`eager: ${name}`, () => {
        setMatmulPrecision(precision);
        const before = wasmStats.sgemms;
        const [w, j] = both(() => np.matmul(a, b));
        const f32 = precision === "default" && a.dtype === "float32";
        expect(wasmStats.sgemms > before, "ran the float32 kernel").toBe(f32);
        expectClose(w, j, tol(a), tol(a), name);
      });
      it(`jit with a fused epilogue: ${name}`, () => {
        const f = (x: NDArray, y: NDArray) => nn.relu(np.subtract(np.matmul(x, y), 0.5));
        const g = jit(f);
        setMatmulPrecision(precision);
        const [w, j] = both(() => {
          g.clearCache();
          return g(a, b);
        });
        expectClose(w, j, tol(a), tol(a), name);
        expectClose(w, f(a, b), tol(a), tol(a), name);
      });
    }
  });

describe("float32 GEMM edges", () => {
  it("every M, N remainder of the 4x8 tile, NaN and Inf propagate", () => {
    setMatmulPrecision("default");
    const sizes: [number, number, number][] = [
      [33, 41, 40],
      [64, 64, 64],
      [37, 9, 200],
      [5, 131, 60],
    ];
    for (const [m, n, k] of sizes) {
      const a = np.reshape(np.sin(np.arange(m * k)), [m, k]).astype("float32");
      const b = np.reshape(np.cos(np.arange(k * n)), [k, n]).astype("float32");
      const [w, j] = both(() => np.matmul(a, b));
      expectClose(w, j, 2e-6 * Math.sqrt(k), 2e-6 * Math.sqrt(k), `${m}x${k}x${n}`);
    }
    const a = np.where(np.equal(np.arange(64 * 64).reshape([64, 64]), 70), NaN, np.ones([64, 64])).astype("float32");
    const b = np.where(np.equal(np.arange(64 * 64).reshape([64, 64]), 3), Infinity, np.ones([64, 64])).astype("float32");
    const [w, j] = both(() => np.matmul(a, b));
    expectClose(w, j, 0, 0, "NaN/Inf");
  });
  it("setMatmulPrecision rejects unknown names", () => {
    expect(() => setMatmulPrecision("high" as never)).toThrow(ArgumentError);
  });
});

describe("bias and activation in the float32 GEMM's store (jit)", () => {
  const x = seq([67, 45]),
    w = seq([45, 37], "float32", 2),
    b = seq([37], "float32", 3);
  // relu and the bias add are bit-identical to the unfused path (eager: the GEMM, then an add and a max, all
  // rounding to float32 once per step); tanh and logistic are the wasm polynomials, within float32 tolerance
  const cases: [string, (x: NDArray, w: NDArray, b: NDArray) => NDArray, boolean][] = [
    ["x @ w + b", (x, w, b) => np.add(np.matmul(x, w), b), true],
    ["relu(x @ w + b)", (x, w, b) => nn.relu(np.add(np.matmul(x, w), b)), true],
    ["relu(b + x @ w), bias first", (x, w, b) => nn.relu(np.add(b, np.matmul(x, w))), true],
    ["relu(x @ w), no bias", (x, w) => nn.relu(np.matmul(x, w)), true],
    ["tanh(x @ w + b)", (x, w, b) => np.tanh(np.add(np.matmul(x, w), b)), false],
    ["sigmoid(x @ w + b)", (x, w, b) => nn.sigmoid(np.add(np.matmul(x, w), b)), false],
  ];
  for (const [name, f, exact] of cases)
    it(`${name}: fused, ${exact ? "bit-identical to the unfused path" : "within float32 tolerance"}, views`, () => {
      const lowered = jit(f).lower(x, w, b);
      expect(lowered.kernels.some((k) => k.source.includes("H.gemmFused("))).toBe(true);
      for (const [xs, ws, bs] of [
        [x, w, b],
        [np.flip(seq([45, 67]).T, 0).T.T, seq([37, 45], "float32", 2).T, np.flip(seq([37], "float32", 3))],
      ] as [NDArray, NDArray, NDArray][]) {
        const fused = jit(f)(xs, ws, bs);
        const unfused = f(xs, ws, bs);
        if (exact) expect(fused.toTypedArray()).toEqual(unfused.toTypedArray());
        else expectClose(fused, unfused, 1e-6, 1e-6);
        const [, js] = both(() => jit(f)(xs, ws, bs));
        expectClose(fused, js, 2e-6 * Math.sqrt(45), 2e-6 * Math.sqrt(45));
      }
    });
  it("a bias column (the kernel's run-time stride check declines it); gelu (x used thrice): only the bias fused", () => {
    const bcol = seq([67, 1], "float32", 4);
    const g = (x: NDArray, w: NDArray, c: NDArray) => nn.relu(np.add(np.matmul(x, w), c));
    expect(jit(g)(x, w, bcol).toTypedArray()).toEqual(g(x, w, bcol).toTypedArray());
    const gelu = (x: NDArray, w: NDArray, c: NDArray) => nn.gelu(np.add(np.matmul(x, w), c));
    expect(
      jit(gelu)
        .lower(x, w, b)
        .kernels.some((k) => k.source.includes('act: "none"')),
    ).toBe(true);
    expectClose(jit(gelu)(x, w, b), gelu(x, w, b), 1e-6, 1e-6);
  });
  it("NaN and infinities pass through the fused relu and tanh", () => {
    const xn = np
      .array(
        seq([67, 45])
          .toTypedArray()
          .map((v, i) => (i === 3 ? Number.NaN : i === 50 ? Number.POSITIVE_INFINITY : v)),
        {
          dtype: "float32",
        },
      )
      .reshape([67, 45]);
    expect(jit(cases[1]![1])(xn, w, b).toTypedArray()).toEqual(cases[1]![1](xn, w, b).toTypedArray());
    const t = jit(cases[4]![1])(xn, w, b);
    expect(Number.isNaN(t.toTypedArray()[0])).toBe(true); // row 0 holds the NaN
    expectClose(t, cases[4]![1](xn, w, b), 1e-6, 1e-6);
  });
});
