// Ops on views: every op reads a view's own elements (offset, strides, negative and zero strides),
// whichever kernel runs (eager JS loops, the WebAssembly GEMM, jit, the CSP fallback).
// Regressions: eager matmul/dot/einsum/inner/vdot read a contiguous view from the start of its
// buffer (the offset was dropped), so eager `grad` on a minibatch slice was wrong.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { NDArray, grad, jit, numpy as np } from "@numjit/runtime";
import { setWasmEnabled, wasmAvailable } from "@numjit/runtime/internal";

afterAll(() => setWasmEnabled(true));

/** A dense copy with the same values (no view): the reference an op on the view must match. */
const copyOf = (x: NDArray) => new NDArray(x.toTypedArray(), x.shape.slice(), x.dtype);

/** Naive float64 C = A @ B over nested arrays, independent of every numjit kernel. */
function naiveMatmul(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
}

function expectClose(got: NDArray, want: number[] | number[][] | number, rtol = 1e-5): void {
  const g = got.toTypedArray(),
    w = [want].flat(2) as number[];
  expect(g.length).toBe(w.length);
  for (let i = 0; i < w.length; i++)
    expect(Math.abs(g[i]! - w[i]!), `element ${i}: ${g[i]} vs ${w[i]}`).toBeLessThanOrEqual(1e-6 + rtol * Math.abs(w[i]!));
}

describe("eager dot ops on offset views (bug: the view's offset was dropped)", () => {
  const X = np.array([
      [1, 2],
      [3, 4],
      [5, 6],
    ]),
    W = np.eye(2);
  const Xs = X.slice("1:"); // [[3, 4], [5, 6]], a contiguous view at offset 2
  it("the slice is a contiguous view with a nonzero offset", () => {
    expect([Xs.isContiguous, Xs.offset, Xs.data === X.data]).toEqual([true, 2, true]);
  });
  it("matmul, dot, inner, einsum, vdot, tensordot-like contractions", () => {
    expect(np.matmul(Xs, W).toArray()).toEqual([
      [3, 4],
      [5, 6],
    ]);
    expect(np.matmul(W, Xs).toArray()).toEqual([
      [3, 4],
      [5, 6],
    ]);
    expect(np.dot(Xs, W).toArray()).toEqual([
      [3, 4],
      [5, 6],
    ]);
    expect(np.dot(Xs, np.array([1, 1])).toArray()).toEqual([7, 11]);
    expect(np.inner(Xs, W).toArray()).toEqual([
      [3, 4],
      [5, 6],
    ]);
    expect(np.einsum("ij,jk->ik", Xs, W).toArray()).toEqual([
      [3, 4],
      [5, 6],
    ]);
    expect(np.einsum("ij,ij->", Xs, Xs).toArray()).toBe(9 + 16 + 25 + 36);
    expect(np.vdot(Xs, np.ones([2, 2])).toArray()).toBe(18);
    expect(np.matmul(X.slice(2), np.array([1, 10])).toArray()).toBe(65);
    // tensordot(a, b, axes=2) as einsum over two contracted axes, both operands offset views
    const T = np.arange(24).astype("float32").reshape(2, 3, 4).slice(1); // values 12..23, offset 12
    expect(np.einsum("ij,ij->", T.slice("1:"), T.slice(":2")).toArray()).toBe(
      [16, 17, 18, 19, 20, 21, 22, 23].reduce((s, v, i) => s + v * (12 + i), 0),
    );
  });
  it("int32 operands (the integer loop) and batched matmul", () => {
    const A = np.arange(30, undefined, undefined, { dtype: "int32" }).reshape(5, 3, 2).slice("2:");
    const B = np.arange(8, undefined, undefined, { dtype: "int32" }).reshape(2, 2, 2).slice("1:");
    const got = np.matmul(A, B);
    expect(got.dtype).toBe("int32");
    const a = A.toArray() as number[][][],
      b = (B.toArray() as number[][][])[0]!;
    expect(got.toArray()).toEqual(a.map((m) => naiveMatmul(m, b)));
  });
  for (const wasm of [true, false]) {
    it(`large products (${wasm ? "WebAssembly GEMM" : "JS loop"}): offset, transposed and reversed operands`, () => {
      setWasmEnabled(wasm);
      if (wasm) expect(wasmAvailable()).toBe(true);
      const base = np.divide(np.arange(70 * 64).astype("float32"), 997).reshape(70, 64);
      const a = base.slice("5:69"); // 64 x 64 at offset 5*64: 64^3 work takes the GEMM path when enabled
      const b = np.flip(base.slice("3:67"), 0).T; // negative and transposed strides
      for (const [x, y] of [
        [a, b],
        [b, a],
        [a.T, a],
        [a, a.slice(":", "::-1")],
      ] as [NDArray, NDArray][]) {
        const want = naiveMatmul(copyOf(x).toArray() as number[][], copyOf(y).toArray() as number[][]);
        expectClose(np.matmul(x, y), want);
        expectClose(np.matmul(copyOf(x), copyOf(y)), want);
      }
      // views made inside a jit reach the kernel's GEMM call as strides (not copies): reversed, transposed, offset
      const inJit = jit((p: NDArray, q: NDArray) => np.matmul(np.flip(p.slice("5:69"), 0), np.flip(q, 1).T));
      const want = naiveMatmul(copyOf(np.flip(a, 0)).toArray() as number[][], copyOf(np.flip(a, 1).T).toArray() as number[][]);
      expectClose(inJit(base, a), want);
      expectClose(inJit(base, a), want);
      setWasmEnabled(true);
    });
  }
  it("stride-0 (broadcast) operands", () => {
    const row = np.array([1, 2, 3, 4]).slice("1:"); // [2, 3, 4], offset 1
    const B = np.broadcastTo(row, [2, 3]); // stride 0 on axis 0
    expect(np.matmul(B, np.ones([3, 1])).toArray()).toEqual([[9], [9]]);
    expect(np.matmul(np.ones([2, 2]), B).toArray()).toEqual([
      [4, 6, 8],
      [4, 6, 8],
    ]);
  });
});

describe("jit with views captured as constants", () => {
  const C: [string, NDArray][] = [
    ["offset", np.arange(24).astype("float32").reshape(6, 4).slice("2:5")],
    ["transposed", np.arange(12).astype("float32").reshape(4, 3).T],
    ["negative", np.flip(np.arange(12).astype("float32").reshape(3, 4))],
    ["broadcast", np.broadcastTo(np.arange(7).astype("float32").slice("3:"), [3, 4])],
  ];
  const x = np.divide(np.arange(12).astype("float32"), 5).reshape(3, 4);
  const fns: [string, (c: NDArray) => (x: NDArray) => NDArray][] = [
    ["add", (c) => (x) => np.add(x, c)],
    ["matmul", (c) => (x) => np.matmul(c, x.T)],
    ["sum of product", (c) => (x) => np.sum(np.multiply(x, c), 0)],
    ["concatenate", (c) => (x) => np.concatenate([c, x], 1)],
  ];
  for (const [kind, c] of C) {
    it(`${kind} constant`, () => {
      for (const [_name, f] of fns) {
        const want = Array.from(f(copyOf(c))(x).toTypedArray());
        expectClose(jit(f(c))(x), want);
        expectClose(f(c)(x), want);
      }
    });
  }
});

describe("eager grad on a minibatch slice equals grad on a copy", () => {
  const n = 8,
    d = 3;
  const X = np.divide(np.arange(n * d).astype("float32"), 7).reshape(n, d);
  const Y = np.cos(np.arange(n).astype("float32"));
  const w = np.array([0.5, -1, 0.25]);
  const loss = (w: NDArray, x: NDArray, y: NDArray) => np.mean(np.square(np.subtract(np.matmul(x, w), y)));
  /** d/dw mean((xw - y)^2) = 2/m x^T (xw - y), in float64 from the values. */
  function analytic(x: NDArray, y: NDArray): number[] {
    const xs = x.toArray() as number[][],
      ys = y.toArray() as number[],
      ws = w.toArray() as number[];
    const r = xs.map((row, i) => row.reduce((s, v, k) => s + v * ws[k]!, 0) - ys[i]!);
    return ws.map((_, k) => (2 / xs.length) * xs.reduce((s, row, i) => s + row[k]! * r[i]!, 0));
  }
  for (const [lo, hi] of [
    [0, 4],
    [4, 8],
    [2, 7],
  ]) {
    it(`rows ${lo}:${hi}`, () => {
      const xb = X.slice([lo!, hi]),
        yb = Y.slice([lo!, hi]);
      const want = analytic(copyOf(xb), copyOf(yb));
      expectClose(grad(loss)(w, xb, yb), want);
      expectClose(grad(loss)(w, copyOf(xb), copyOf(yb)), want);
      expectClose(jit(grad(loss))(w, xb, yb), want);
      expectClose(np.asarray(loss(w, xb, yb)), loss(w, copyOf(xb), copyOf(yb)).item() as number);
    });
  }
});

describe("no code generation: the jit runs its IR on the eager kernels, views included", () => {
  it("matmul and grad on offset views under --disallow-code-generation-from-strings", () => {
    mkdirSync("test-artifacts", { recursive: true });
    const dir = mkdtempSync(join("test-artifacts", "nocg-views-"));
    const script = join(dir, "run.mjs");
    writeFileSync(
      script,
      `
      import { numpy as np, jit, grad } from "@numjit/runtime";
      const X = np.array([[1, 2], [3, 4], [5, 6]]), W = np.eye(2);
      const mm = jit((a, b) => np.matmul(a, b));
      const loss = (w, x) => np.sum(np.matmul(x, w));
      const g = jit(grad(loss));
      // 64^3: the eager kernel takes the WebAssembly GEMM path
      const big = np.arange(70 * 64).astype("float32").reshape(70, 64), I = np.eye(64);
      const bigOk = JSON.stringify(mm(big.slice("5:69"), I).toArray()) === JSON.stringify(big.slice("5:69").toArray());
      console.log(JSON.stringify({ mm: mm(X.slice("1:"), W).toArray(), g: g(np.ones([2]), X.slice("1:")).toArray(), bigOk,
        info: [mm.cacheInfo().eagerFallbacks, g.cacheInfo().eagerFallbacks] }));
    `,
    );
    const r = spawnSync(process.execPath, ["--disallow-code-generation-from-strings", script], { cwd: process.cwd(), encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split("\n").pop()!);
    expect(out.info).toEqual([2, 1]); // one eager-IR compile per shape
    expect(out.mm).toEqual([
      [3, 4],
      [5, 6],
    ]);
    expect(out.g).toEqual([8, 10]);
    expect(out.bigOk).toBe(true);
  });
});
