// The WebAssembly GEMMs against the JS loops: at precision "highest" both accumulate in float64 and agree
// to summation order; at "default" float32 operands accumulate in float32 on the 2x16 f32x4 kernel, within
// float32 summation error of the JS result.
import { afterAll, describe, expect, it } from "vitest";
import { numpy as np, nn, jit, grad, valueAndGrad, type NDArray, setMatmulPrecision, ArgumentError } from "@numjit/runtime";
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
  it("M, N remainders of the register tile, NaN and Inf propagate", () => {
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

/**
 * float64 reference of a (batched, broadcast) matmul of two float32 arrays read in logical order, and the
 * bound float32 accumulation may reach: (K + 2) * 2^-24 * sum_k |a_ik * b_kj| per element.
 */
function ref64(a: NDArray, b: NDArray): { want: Float64Array; bound: Float64Array; shape: number[] } {
  const [M, K] = a.shape.slice(-2) as [number, number],
    N = b.shape[b.ndim - 1]!;
  const batch = np.broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const av = np.broadcastTo(a, [...batch, M, K]).toTypedArray(),
    bv = np.broadcastTo(b, [...batch, K, N]).toTypedArray();
  const B = batch.reduce((x, y) => x * y, 1);
  const want = new Float64Array(B * M * N),
    bound = new Float64Array(B * M * N);
  for (let t = 0; t < B; t++)
    for (let i = 0; i < M; i++)
      for (let j = 0; j < N; j++) {
        let s = 0,
          m = 0;
        for (let k = 0; k < K; k++) {
          const p = av[t * M * K + i * K + k]! * bv[t * K * N + k * N + j]!;
          s += p;
          m += Math.abs(p);
        }
        want[(t * M + i) * N + j] = s;
        bound[(t * M + i) * N + j] = (K + 2) * 2 ** -24 * m + 1e-30;
      }
  return { want, bound, shape: [...batch, M, N] };
}

function expectMatmul(got: NDArray, a: NDArray, b: NDArray, what: string, r = ref64(a, b)): void {
  const { want, bound, shape } = r;
  expect(got.shape, what).toEqual(shape);
  const g = got.toTypedArray();
  for (let i = 0; i < want.length; i++)
    if (!(Math.abs(g[i]! - want[i]!) <= bound[i]!)) expect.fail(`${what}[${i}]: got ${g[i]}, want ${want[i]} (bound ${bound[i]})`);
}

describe("float32 GEMM: packing, cache blocks, views (against float64 references)", () => {
  const views = (x: NDArray): [string, NDArray][] => {
    const [m, k] = x.shape as [number, number];
    return [
      ["dense", x],
      ["offset", np.slice(np.concatenate([np.zeros([1, k], { dtype: "float32" }), x], 0), "1:")],
      ["transposed", np.array(x.T.toArray() as never, { dtype: "float32" }).T],
      ["negatively strided", np.flip(np.flip(np.array(np.flip(x, 0).toArray() as never, { dtype: "float32" }), 0), 1).slice(":", "::-1")],
      ["broadcast rows", m > 1 ? np.broadcastTo(x.slice("0:1"), [m, k]) : x],
    ];
  };
  it("every size 1, 3, 7, 65, 257 of M and N (tails of the 2x16 tile), K 1 to 257, eager and jit", () => {
    setMatmulPrecision("default");
    const mm = jit((a: NDArray, b: NDArray) => np.matmul(a, b));
    let ran = 0,
      large = 0;
    for (const m of [1, 3, 7, 65, 257])
      for (const n of [1, 3, 7, 65, 257])
        for (const k of [1, 7, 65, 257]) {
          const a = seq([m, k], "float32", 1.3),
            b = seq([k, n], "float32", 2.1);
          const before = wasmStats.sgemms;
          expectMatmul(np.matmul(a, b), a, b, `eager ${m}x${k}x${n}`);
          if (m * n * k >= 1 << 15) large++;
          ran += wasmStats.sgemms - before;
          expectMatmul(mm(a, b), a, b, `jit ${m}x${k}x${n}`);
        }
    expect(ran, "every product of at least 2^15 multiply-adds ran the float32 kernel").toBe(large);
    expect(large).toBe(26);
  });
  it("a product with no epilogue is stored by the GEMM in the kernel's output (no copy); 'highest', float64 accumulate in float64", () => {
    const mm = jit((a: NDArray, b: NDArray) => np.matmul(a, b));
    const a = seq([130, 70], "float32", 1.3),
      b = seq([70, 90], "float32", 2.1);
    expect(
      mm
        .lower(a, b)
        .kernels.some((k) =>
          k.source.includes('H.gemmFused(A, ao, sab, sam, sak, W, wo, swb, swk, swn, B, M, N, K, { bias: null, act: "none" }, o)'),
        ),
    ).toBe(true);
    setMatmulPrecision("default");
    let before = wasmStats.sgemms;
    expectMatmul(mm(a, b), a, b, "jit, default");
    expectMatmul(np.matmul(a, b), a, b, "eager, default");
    expect(wasmStats.sgemms - before).toBe(2);
    setMatmulPrecision("highest");
    before = wasmStats.sgemms;
    const [w, j] = both(() => mm(a, b));
    expectClose(w, j, 1e-6, 1e-6, "highest: the float64 kernel");
    expect(wasmStats.sgemms).toBe(before);
    setMatmulPrecision("default");
    const a64 = a.astype("float64"),
      b64 = b.astype("float64");
    const [w64, j64] = both(() => mm(a64, b64));
    expectClose(w64, j64, 1e-12, 1e-12, "float64 operands");
  });
  it("K = 0 gives zeros; empty M or N gives an empty result", () => {
    for (const [m, k, n] of [
      [300, 0, 200],
      [0, 300, 200],
      [300, 200, 0],
    ] as const) {
      const a = np.ones([m, k], { dtype: "float32" }),
        b = np.ones([k, n], { dtype: "float32" });
      for (const r of [np.matmul(a, b), jit((x: NDArray, y: NDArray) => np.matmul(x, y))(a, b)]) {
        expect(r.shape).toEqual([m, n]);
        expect([...r.toTypedArray()].every((v) => v === 0)).toBe(true);
      }
    }
  });
  it("k blocks (K 1100 > 1024: partial sums re-read, also in partial panels) and row blocks (M 300 > 128), views of A and W", () => {
    const a = seq([300, 1100], "float32", 0.7),
      w = seq([1100, 37], "float32", 1.9);
    const r = ref64(a, w); // every view but the broadcast one holds the same values
    const pairs = [...views(a).map(([n, v]) => [`A ${n}`, v, w] as const), ...views(w).map(([n, v]) => [`W ${n}`, a, v] as const)];
    for (const [name, av, wv] of pairs) {
      const before = wasmStats.sgemms;
      expectMatmul(np.matmul(av, wv), av, wv, name, name.endsWith("broadcast rows") ? ref64(av, wv) : r);
      expect(wasmStats.sgemms, name).toBe(before + 1);
    }
    // the bias and relu of the last k block only
    const b = seq([37], "float32", 3);
    const f = (x: NDArray, y: NDArray, c: NDArray) => nn.relu(np.add(np.matmul(x, y), c));
    expect(jit(f)(a, w, b).toTypedArray()).toEqual(f(a, w, b).toTypedArray());
  });
  it("batched and broadcast operands, small (staged) and large (in wasm memory)", () => {
    for (const [m, k, n] of [
      [9, 40, 33],
      [70, 90, 50],
    ] as const) {
      const a = seq([3, 1, m, k], "float32", 1.1),
        b = np.flip(seq([2, k, n], "float32", 0.9), 1);
      expectMatmul(np.matmul(a, b), a, b, `${m}x${k}x${n}`);
      expectMatmul(jit((x: NDArray, y: NDArray) => np.matmul(x, y))(a, b), a, b, `jit ${m}x${k}x${n}`);
    }
  });
});

describe("x ± L·(A @ B) (an SGD update) in a pass over the float32 GEMM's result (jit)", () => {
  const L = Math.fround(0.1);
  /** The JS store's arithmetic on the unfused float32 GEMM result: one double product and sum, rounded once. */
  function expected(x: NDArray, p: NDArray, form: (x: number, lp: number) => number): Float32Array {
    const xv = x.toTypedArray(),
      pv = p.toTypedArray();
    return Float32Array.from(xv, (v, i) => form(v, L * pv[i]!));
  }
  const cases: [string, (w: NDArray, x: NDArray, g: NDArray) => NDArray, (x: number, lp: number) => number][] = [
    ["w - 0.1 * (xᵀ @ g)", (w, x, g) => np.subtract(w, np.multiply(0.1, np.matmul(x.T, g))), (x, lp) => x - lp],
    ["w + (xᵀ @ g) * 0.1", (w, x, g) => np.add(w, np.multiply(np.matmul(x.T, g), 0.1)), (x, lp) => x + lp],
    ["0.1 * (xᵀ @ g) - w", (w, x, g) => np.subtract(np.multiply(0.1, np.matmul(x.T, g)), w), (x, lp) => lp - x],
  ];
  const x = seq([128, 70], "float32", 1.7),
    g = seq([128, 33], "float32", 0.3);
  const p = jit((x: NDArray, g: NDArray) => np.matmul(x.T, g))(x, g);
  for (const [name, f, form] of cases)
    it(`${name}: fused, bit-identical to the JS store; a non-dense w runs the JS store`, () => {
      const w = seq([70, 33], "float32", 2.3);
      expect(
        jit(f)
          .lower(w, x, g)
          .kernels.some((k) => k.source.includes(`kind: "axpy"`)),
      ).toBe(true);
      const before = wasmStats.sgemms;
      expect(jit(f)(w, x, g).toTypedArray()).toEqual(expected(w, p, form));
      expect(wasmStats.sgemms).toBe(before + 1);
      const wt = np.array(w.T.toArray() as never, { dtype: "float32" }).T; // same values, column-major: declined at run time
      expect(jit(f)(wt, x, g).toTypedArray()).toEqual(expected(w, p, form));
      expectClose(jit(f)(w, x, g), f(w, x, g), 1e-6, 1e-7, "vs eager");
    });
  it("batched: w [3, 70, 33] dense, and a small staged w", () => {
    const f = cases[0]![1];
    const xb = seq([3, 128, 70], "float32", 1.7),
      gb = seq([3, 128, 33], "float32", 0.3),
      wb = seq([3, 70, 33], "float32", 2.3);
    const pb = jit((x: NDArray, g: NDArray) => np.matmul(np.swapaxes(x, 1, 2), g))(xb, gb);
    const fb = (w: NDArray, x: NDArray, g: NDArray) => np.subtract(w, np.multiply(0.1, np.matmul(np.swapaxes(x, 1, 2), g)));
    expect(jit(fb)(wb, xb, gb).toTypedArray()).toEqual(expected(wb, pb, cases[0]![2]));
    const ws = seq([70, 33], "float32", 2.3).slice(":10"),
      xs = x.slice(":", ":10");
    const ps = jit((x: NDArray, g: NDArray) => np.matmul(x.T, g))(xs, g);
    expect(jit(f)(ws, xs, g).toTypedArray()).toEqual(expected(ws, ps, cases[0]![2]));
  });
});

describe("relu's backward mask z > 0 ? A @ B : 0 in a pass over the float32 GEMM's result (jit)", () => {
  it("fused, bit-identical to the JS store (NaN and -0 in z mask to +0); a non-dense z runs the JS store", () => {
    const d = seq([128, 10], "float32", 0.3),
      w = seq([256, 10], "float32", 1.1);
    const zv = seq([128, 256], "float32", 0.7).toTypedArray().slice();
    zv[5] = Number.NaN;
    zv[6] = -0;
    zv[7] = Number.POSITIVE_INFINITY;
    const z = np.array(zv, { dtype: "float32" }).reshape([128, 256]);
    const f = (d: NDArray, w: NDArray, z: NDArray) => np.where(np.greater(z, 0), np.matmul(d, w.T), 0);
    expect(
      jit(f)
        .lower(d, w, z)
        .kernels.some((k) => k.source.includes('kind: "reluGrad"')),
    ).toBe(true);
    const p = jit((d: NDArray, w: NDArray) => np.matmul(d, w.T))(d, w).toTypedArray();
    const want = Float32Array.from(zv, (v, i) => (v > 0 ? p[i]! : 0));
    const before = wasmStats.sgemms;
    const got = jit(f)(d, w, z).toTypedArray();
    expect(wasmStats.sgemms).toBe(before + 1);
    expect(got).toEqual(want);
    expect(Object.is(got[5], 0) && Object.is(got[6], 0)).toBe(true);
    const zt = np.array(z.T.toArray() as never, { dtype: "float32" }).T; // same values, column-major: declined at run time
    expect(jit(f)(d, w, zt).toTypedArray()).toEqual(want);
    // the backward pass of relu(x @ w) through grad: the mask fused, equal to eager
    const loss = (w1: NDArray, x: NDArray) => np.sum(nn.relu(np.matmul(x, w1)));
    const x = seq([128, 70], "float32", 1.3),
      w1 = seq([70, 256], "float32", 0.2);
    expectClose(jit(grad(loss))(w1, x), grad(loss)(w1, x), 1e-6, 1e-6, "grad");
  });
});

describe("the MLP SGD step of bench W5 (784-256-10, batch 128)", () => {
  it("jit(step) equals the eager step; bias+relu, both updates and the relu mask run in the GEMMs' stores and passes", () => {
    const loss = (p: Record<string, NDArray>, x: NDArray, y: NDArray) => {
      const h = nn.relu(np.add(np.matmul(x, p.W1!), p.b1!));
      const logits = np.add(np.matmul(h, p.W2!), p.b2!);
      return np.mean(np.negative(np.sum(np.multiply(y, nn.logSoftmax(logits, -1)), -1)));
    };
    const step = (p: Record<string, NDArray>, x: NDArray, y: NDArray) => {
      const [l, g] = valueAndGrad(loss)(p, x, y) as [NDArray, Record<string, NDArray>];
      return [l, ...["W1", "b1", "W2", "b2"].map((k) => np.subtract(p[k]!, np.multiply(0.1, g[k]!)))];
    };
    const p = {
      W1: np.multiply(seq([784, 256], "float32", 0.37), 0.07),
      b1: np.multiply(seq([256], "float32", 1.3), 0.01),
      W2: np.multiply(seq([256, 10], "float32", 0.71), 0.15),
      b2: np.multiply(seq([10], "float32", 2.9), 0.01),
    };
    const x = np.abs(seq([128, 784], "float32", 0.11)),
      y = np.take(np.eye(10, undefined, undefined, { dtype: "float32" }), np.mod(np.arange(128), 10), 0);
    const lowered = jit(step).lower(p, x, y);
    const sources = lowered.kernels.map((k) => k.source).join("\n");
    // relu's mask reads relu's output, so x@W1 + b1 has one use: bias and relu in the forward GEMM's store
    expect(lowered.schedule).toMatch(/= dot\[dot_general,broadcast_in_dim,add,max\]/);
    expect(lowered.schedule).not.toMatch(/= elementwise\[[a-z_,]*max\]/);
    expect(sources).toMatch(/bias: \{ data: a\d+, offset: o\d+, stride: s\d+\[2\] \}, act: "relu"/);
    expect(sources.match(/kind: "axpy"/g)).toHaveLength(2); // W1 and W2 updated in their gradients' GEMMs
    expect(sources).toContain('kind: "reluGrad"');
    const before = wasmStats.sgemms;
    const got = jit(step)(p, x, y);
    expect(wasmStats.sgemms - before).toBe(5);
    const want = step(p, x, y);
    got.forEach((g, i) => expectClose(g, want[i]!, 1e-5, 1e-6, `output ${i}`));
  });
});
