// numpy.linalg, numpy.fft and convolution under the transformations: first-order (and for the smooth
// ones second-order) derivatives against float64 central differences, jit(grad) == grad, and vmap
// against a loop. Factors unique up to sign (the columns of U, V, Q and the rows of R) enter through
// their squares, which are smooth where the factorization is.
import { describe, expect, it } from "vitest";
import { type NDArray, TransformError, checkGrads, grad, jit, lax, numpy as np, scipyLinalg, vmap } from "@numjit/runtime";
import { expectClose, rand, rng } from "./helpers.js";

const L = np.linalg,
  F = np.fft;
type Kind = "any" | "well" | "spd" | "sym" | "pos";
interface Case {
  name: string;
  f: (...xs: NDArray[]) => NDArray | NDArray[];
  inputs: [number[], Kind][];
  order2?: boolean;
  tol?: { atol: number; rtol: number };
}

function input(r: () => number, shape: number[], kind: Kind): NDArray {
  const x = rand(r, shape, kind === "pos" ? "pos" : "any");
  const n = shape[shape.length - 1]!;
  const eye = np.eye(n, null, 0, { dtype: "float64" });
  if (kind === "well") return np.add(x, np.multiply(eye, n));
  if (kind === "spd") return np.add(np.matmul(x, np.swapaxes(x, -1, -2)), np.multiply(eye, n));
  if (kind === "sym") return np.multiply(np.add(x, np.swapaxes(x, -1, -2)), 0.5);
  return x;
}

const sq = (x: NDArray) => np.multiply(x, x);
const tri = (o: { leftSide: boolean; lower: boolean; transposeA: boolean; unitDiagonal: boolean }): Case => ({
  name: `triangularSolve ${JSON.stringify(o)}`,
  f: (a, b) => lax.linalg.triangularSolve(a, b, o),
  inputs: [
    [[3, 3], "well"],
    [o.leftSide ? [3, 2] : [2, 3], "any"],
  ],
});

const CASES: Case[] = [
  { name: "det", f: (a) => L.det(a), inputs: [[[3, 3], "well"]], order2: true },
  { name: "det batched", f: (a) => L.det(a), inputs: [[[2, 3, 3], "any"]] },
  { name: "slogdet", f: (a) => L.slogdet(a)[1], inputs: [[[3, 3], "any"]] },
  { name: "inv", f: (a) => L.inv(a), inputs: [[[3, 3], "well"]], order2: true },
  {
    name: "solve",
    f: (a, b) => L.solve(a, b),
    inputs: [
      [[3, 3], "well"],
      [[3, 2], "any"],
    ],
    order2: true,
  },
  { name: "cholesky", f: (a) => L.cholesky(a), inputs: [[[4, 4], "spd"]], order2: true },
  { name: "qr tall: Q^2, R^2", f: (a) => L.qr(a).map(sq), inputs: [[[4, 3], "any"]] },
  { name: "qr square batched: Q^2, R^2", f: (a) => L.qr(a).map(sq), inputs: [[[2, 3, 3], "any"]] },
  {
    name: "svd tall: s, U^2, Vh^2",
    f: (a) => L.svd(a, false).map((x, i) => (i === 1 ? x : sq(x))),
    inputs: [[[4, 3], "any"]],
  },
  {
    name: "svd wide: s, U^2, Vh^2",
    f: (a) => L.svd(a, false).map((x, i) => (i === 1 ? x : sq(x))),
    inputs: [[[3, 4], "any"]],
  },
  { name: "svd values", f: (a) => L.svd(a, false, false), inputs: [[[3, 3], "any"]], order2: true },
  {
    name: "eigh: w, V^2",
    f: (a) => {
      const [w, v] = L.eigh(a);
      return [w, sq(v)];
    },
    inputs: [[[4, 4], "sym"]],
  },
  { name: "eigvalsh batched", f: (a) => L.eigvalsh(a), inputs: [[[2, 3, 3], "sym"]] },
  { name: "pinv", f: (a) => L.pinv(a), inputs: [[[4, 3], "any"]] },
  {
    name: "lstsq solution",
    f: (a, b) => L.lstsq(a, b)[0],
    inputs: [
      [[5, 3], "any"],
      [[5], "any"],
    ],
  },
  {
    name: "lstsq tall, matrix b: x, residuals, s",
    f: (a, b) => {
      const [x, res, , s] = L.lstsq(a, b);
      return [x, res, s];
    },
    inputs: [
      [[5, 3], "any"],
      [[5, 2], "any"],
    ],
  },
  {
    name: "lstsq wide: minimum-norm x",
    f: (a, b) => L.lstsq(a, b)[0],
    inputs: [
      [[3, 5], "any"],
      [[3], "any"],
    ],
  },
  { name: "slogdet: sign and logabsdet", f: (a) => L.slogdet(a), inputs: [[[2, 3, 3], "well"]], order2: true },
  ...(
    [
      [3, 3],
      [4, 3],
      [3, 4],
    ] as [number, number][]
  ).map(
    (shape): Case => ({
      name: `scipy lu ${shape.join("x")}: l, u`,
      f: (a) => (scipyLinalg.lu(a) as NDArray[]).slice(1),
      inputs: [[shape, "any"]],
      order2: shape[0] === shape[1],
    }),
  ),
  { name: "lax.linalg.lu batched: lu", f: (a) => lax.linalg.lu(a)[0], inputs: [[[2, 3, 3], "any"]] },
  { name: "lax.topK values along axis 0", f: (x) => lax.topK(x, 2, { axis: 0 })[0], inputs: [[[4, 3], "any"]], order2: true },
  { name: "norm fro", f: (a) => L.norm(a), inputs: [[[3, 4], "any"]], order2: true },
  { name: "norm 2 (matrix)", f: (a) => L.norm(a, 2), inputs: [[[3, 3], "any"]] },
  { name: "norm nuc", f: (a) => L.norm(a, "nuc"), inputs: [[[3, 4], "any"]] },
  { name: "norm 3 (vector)", f: (a) => L.norm(a, 3), inputs: [[[5], "pos"]] },
  { name: "matrixPower -2", f: (a) => L.matrixPower(a, -2), inputs: [[[3, 3], "well"]] },
  ...[true, false].flatMap((leftSide) =>
    [true, false].flatMap((lower) =>
      [false, true].flatMap((transposeA) => [false, true].map((unitDiagonal) => tri({ leftSide, lower, transposeA, unitDiagonal }))),
    ),
  ),
  { name: "fft", f: (z) => F.fft(z), inputs: [[[8, 2], "any"]], order2: true },
  { name: "fft Bluestein n=5, ortho", f: (z) => F.fft(z, null, -1, "ortho"), inputs: [[[5, 2], "any"]] },
  { name: "ifft padded to 6", f: (z) => F.ifft(z, 6), inputs: [[[4, 2], "any"]] },
  { name: "rfft even", f: (x) => F.rfft(x), inputs: [[[8], "any"]] },
  { name: "rfft odd, axis 0", f: (x) => F.rfft(x, null, 0), inputs: [[[7, 2], "any"]] },
  { name: "irfft default n", f: (z) => F.irfft(z), inputs: [[[5, 2], "any"]] },
  { name: "irfft odd n", f: (z) => F.irfft(z, 7), inputs: [[[4, 2], "any"]] },
  { name: "fft2", f: (z) => F.fft2(z), inputs: [[[3, 4, 2], "any"]] },
  { name: "rfft2", f: (x) => F.rfft2(x), inputs: [[[3, 4], "any"]] },
  { name: "irfft2", f: (z) => F.irfft2(z, [4, 6]), inputs: [[[4, 4, 2], "any"]] },
  {
    name: "convGeneralDilated SAME stride 2, 2 groups",
    f: (l, r) => lax.convGeneralDilated(l, r, [2, 1], "SAME", { featureGroupCount: 2 }),
    inputs: [
      [[2, 4, 5, 4], "any"],
      [[4, 2, 3, 2], "any"],
    ],
    order2: true,
  },
  {
    name: "convGeneralDilated lhs/rhs dilation, NHWC",
    f: (l, r) =>
      lax.convGeneralDilated(
        l,
        r,
        [1, 1],
        [
          [1, 2],
          [0, 1],
        ],
        { lhsDilation: [2, 1], rhsDilation: [1, 2], dimensionNumbers: ["NHWC", "HWIO", "NHWC"] },
      ),
    inputs: [
      [[1, 3, 4, 2], "any"],
      [[2, 2, 2, 3], "any"],
    ],
  },
  {
    name: "convTranspose SAME stride 2, NHWC",
    f: (l, r) => lax.convTranspose(l, r, [2, 2], "SAME"),
    inputs: [
      [[1, 3, 3, 2], "any"],
      [[3, 3, 2, 2], "any"],
    ],
    order2: true,
  },
  {
    name: "convTranspose VALID, transposeKernel, rhs dilation",
    f: (l, r) => lax.convTranspose(l, r, [1, 2], "VALID", { rhsDilation: [2, 1], transposeKernel: true }),
    inputs: [
      [[2, 3, 3, 1], "any"],
      [[2, 2, 2, 1], "any"],
    ],
  },
  {
    name: "reduceWindow sum: padding, strides, base and window dilation",
    f: (x) =>
      lax.reduceWindow(
        x,
        0,
        np.add,
        [2, 2],
        [2, 1],
        [
          [1, 0],
          [0, 2],
        ],
        [1, 2],
        [2, 1],
      ),
    inputs: [[[4, 3], "any"]],
    order2: true,
  },
  {
    name: "reduceWindow max SAME (max pooling)",
    f: (x) => lax.reduceWindow(x, -Infinity, np.maximum, [2, 2], [2, 2], "SAME"),
    inputs: [[[5, 4], "any"]],
  },
  {
    name: "reduceWindow min, init 0.25 joins every window",
    f: (x) => lax.reduceWindow(x, 0.25, np.minimum, [1, 3], [1, 1], "VALID"),
    inputs: [[[2, 5], "any"]],
  },
  { name: "hfft", f: (z) => F.hfft(z, 6), inputs: [[[4, 2], "any"]] },
  { name: "ihfft ortho", f: (x) => F.ihfft(x, null, -1, "ortho"), inputs: [[[5], "any"]] },
  {
    name: "applyAlongAxis (cumsum of squares) and applyOverAxes (sum)",
    f: (x) => [np.applyAlongAxis((v) => np.cumsum(np.multiply(v, v)), 0, x), np.applyOverAxes((a, ax) => np.sum(a, ax), x, [1])],
    inputs: [[[3, 4], "any"]],
    order2: true,
  },
  {
    name: "convolve full",
    f: (a, v) => np.convolve(a, v),
    inputs: [
      [[6], "any"],
      [[3], "any"],
    ],
  },
  {
    name: "correlate same, swapped lengths",
    f: (a, v) => np.correlate(a, v, "same"),
    inputs: [
      [[3], "any"],
      [[5], "any"],
    ],
  },
];

const outputs = (y: NDArray | NDArray[]) => (Array.isArray(y) ? y : [y]);

describe("linalg / fft / conv: gradients vs central differences (float64)", () => {
  CASES.forEach((c, k) => {
    const r = rng(3000 + k);
    const xs = c.inputs.map(([shape, kind]) => input(r, shape, kind));
    it(`${c.name}: first order, fwd and rev`, () => checkGrads(c.f, xs, { order: 1, ...c.tol }));
    if (c.order2) it(`${c.name}: second order`, () => checkGrads(c.f, xs, { order: 2, atol: 1e-5, rtol: 1e-5 }));
    it(`${c.name}: jit(grad) equals eager grad`, () => {
      const ws = outputs(c.f(...xs)).map((y) => rand(rng(7 + k), y.shape));
      const loss = (...ys: NDArray[]) =>
        outputs(c.f(...ys)).reduce<NDArray>((acc, y, j) => np.add(acc, np.sum(np.multiply(y, ws[j]!))), np.array(0, { dtype: "float64" }));
      const argnums = xs.map((_, i) => i);
      expectClose(jit(grad(loss, { argnums }))(...xs), grad(loss, { argnums })(...xs), 1e-9);
    });
    it(`${c.name}: vmap equals a loop, eager and under jit`, () => {
      const rb = rng(5000 + k);
      const bs = c.inputs.map(([shape, kind]) => np.stack([input(rb, shape, kind), input(rb, shape, kind)]));
      const per = [0, 1].map((i) => outputs(c.f(...bs.map((b) => np.take(b, i, 0)))));
      const want = per[0]!.map((_, j) => np.stack(per.map((p) => p[j]!)));
      const wrap = (...ys: NDArray[]) => outputs(c.f(...ys));
      expectClose(vmap(wrap)(...bs), want, 1e-9);
      expectClose(jit(vmap(wrap))(...bs), want, 1e-9);
    });
  });
});

describe("linalg gradients JAX does not define", () => {
  it("qr of a wide matrix and svd with full matrices of a non-square one: TransformError naming the op", () => {
    const x = rand(rng(1), [2, 3]);
    const cases: [string, () => unknown][] = [
      ["qr", () => grad((a: NDArray) => np.sum(L.qr(a)[1]))(x)],
      ["svd", () => grad((a: NDArray) => np.sum(L.svd(a)[0]))(x)],
    ];
    for (const [op, run] of cases) {
      let err: unknown;
      try {
        run();
      } catch (e) {
        err = e;
      }
      expect(err, op).toBeInstanceOf(TransformError);
      expect((err as TransformError).code, op).toBe("NJ510");
      expect((err as Error).message, op).toContain(op);
    }
  });
});
