// The WebAssembly GEMM path and the JS loops must agree (both accumulate in float64).
import { afterAll, describe, expect, it } from "vitest";
import { numpy as np, nn, jit, type NDArray } from "@numjit/runtime";
import { setWasmEnabled, wasmAvailable } from "@numjit/runtime/internal";
import { expectClose } from "./helpers.js";

afterAll(() => setWasmEnabled(true));

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

describe("WebAssembly GEMM", () => {
  it("is available in Node", () => expect(wasmAvailable()).toBe(true));

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
      const [w, j] = both(() => np.matmul(a, b));
      expectClose(w, j, 1e-6, 1e-6, name);
    });
    it(`jit with a fused epilogue: ${name}`, () => {
      const f = (x: NDArray, y: NDArray) => nn.relu(np.subtract(np.matmul(x, y), 0.5));
      const g = jit(f);
      const [w, j] = both(() => {
        g.clearCache();
        return g(a, b);
      });
      expectClose(w, j, 1e-6, 1e-6, name);
      expectClose(w, f(a, b), 1e-6, 1e-6, name);
    });
  }
});
