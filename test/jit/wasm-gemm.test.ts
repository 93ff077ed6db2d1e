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
