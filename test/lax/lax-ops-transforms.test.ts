// Transformations of lax's elementwise, structural, reduction, dot and sort functions: gradients (forward
// and reverse mode) against float64 central differences (checkGrads), jit(grad) equal to eager grad, and
// vmap equal to a JS loop over the batch, eagerly and under jit (integer ops included); operands of different
// ranks as ShapeErrors eagerly and under jit (the reference area cannot hold these rows: see gen_lax_refs.py).
import { describe, expect, it } from "vitest";
import { type NDArray, ShapeError, checkGrads, grad, jit, lax, numpy as np, vmap } from "@numjit/runtime";
import { type Domain, expectClose, rand, rng } from "../transforms/helpers.js";

interface Case {
  name: string;
  f: (...xs: NDArray[]) => NDArray | NDArray[];
  inputs: [number[], Domain][];
  /** Integer or boolean results: vmap only. */
  noGrad?: boolean;
}
const S: number[] = [3, 4];
const u = (name: string, f: (x: NDArray) => NDArray | NDArray[], d: Domain = "any"): Case => ({ name, f, inputs: [[S, d]] });
const b = (name: string, f: (x: NDArray, y: NDArray) => NDArray, da: Domain = "any", db: Domain = "any"): Case => ({
  name,
  f,
  inputs: [
    [S, da],
    [S, db],
  ],
});
const I = (name: string, f: (...xs: NDArray[]) => NDArray | NDArray[], inputs: [number[], Domain][]): Case => ({
  name,
  f,
  inputs,
  noGrad: true,
});

const CASES: Case[] = [
  u("abs", lax.abs, "nonzero"),
  u("acos", lax.acos, "unit"),
  u("acosh", lax.acosh, "gt1"),
  u("asin", lax.asin, "unit"),
  u("asinh", lax.asinh),
  u("atan", lax.atan),
  u("atanh", lax.atanh, "unit"),
  u("cbrt", lax.cbrt, "nonzero"),
  u("cos", lax.cos),
  u("cosh", lax.cosh),
  u("erf", lax.erf),
  u("erfc", lax.erfc),
  u("erfInv", lax.erfInv, "unit"),
  u("exp", lax.exp),
  u("exp2", lax.exp2),
  u("expm1", lax.expm1),
  u("log", lax.log, "pos"),
  u("log1p", lax.log1p, "pos"),
  u("logistic", lax.logistic),
  u("neg", lax.neg),
  u("reciprocal", lax.reciprocal, "nonzero"),
  u("rsqrt", lax.rsqrt, "pos"),
  u("sin", lax.sin),
  u("sinh", lax.sinh),
  u("sqrt", lax.sqrt, "pos"),
  u("square", lax.square),
  u("tan", lax.tan, "unit"),
  u("tanh", lax.tanh),
  u("lgamma", lax.lgamma, "pos"),
  u("digamma", lax.digamma, "pos"),
  u("round", (x) => lax.round(lax.mul(x, 3.3))),
  u("integerPow 3", (x) => lax.integerPow(x, 3)),
  u("integerPow -2", (x) => lax.integerPow(x, -2), "nonzero"),
  b("add", lax.add),
  b("sub", lax.sub),
  b("mul", lax.mul),
  b("div", lax.div, "any", "nonzero"),
  b("rem", lax.rem, "any", "nonzero"),
  b("max", lax.max),
  b("min", lax.min),
  b("atan2", lax.atan2, "any", "nonzero"),
  b("pow", lax.pow, "pos"),
  {
    name: "clamp",
    f: (l, x, h) => lax.clamp(l!, x!, h!),
    inputs: [
      [[], "any"],
      [S, "any"],
      [[], "pos"],
    ],
  },
  u("convertElementType", (x) => lax.convertElementType(x, "float64")),
  u("broadcastInDim", (x) => lax.broadcastInDim(lax.reshape(x, [3, 1, 4]), [3, 2, 2, 4], [0, 1, 3])),
  u("reshape with dimensions", (x) => lax.reshape(x, [2, 6], [1, 0])),
  u("squeeze/expandDims", (x) => lax.squeeze(lax.expandDims(x, [0, 2]), [0])),
  u("transpose", (x) => lax.transpose(x, [1, 0])),
  u("rev", (x) => lax.rev(x, [0, 1])),
  u("slice strided", (x) => lax.slice(x, [0, 1], [3, 4], [2, 2])),
  u("sliceInDim", (x) => lax.sliceInDim(x, 1, -1, 1, 1)),
  b("concatenate", (x, y) => lax.concatenate([x, y], 1)),
  u("pad interior and negative", (x) =>
    lax.pad(x, 0.5, [
      [1, -1, 1],
      [-1, 2, 2],
    ]),
  ),
  u("tile", (x) => lax.tile(x, [2, 1])),
  u("collapse", (x) => lax.collapse(lax.reshape(x, [3, 2, 2]), 1)),
  u("split", (x) => lax.split(x, [1, 3], 1)),
  b("stack", (x, y) => lax.stack([x, y], 2)),
  u("unstack", (x) => lax.unstack(x, 1)),
  u("reduceSum", (x) => lax.reduceSum(x, [1])),
  u("reduceMax", (x) => lax.reduceMax(x, [0])),
  u("reduceMin", (x) => lax.reduceMin(x, [0, 1])),
  u("reduceProd", (x) => lax.reduceProd(x, [1]), "pos"),
  u("cumsum", (x) => lax.cumsum(x, 1)),
  u("cumprod reverse", (x) => lax.cumprod(x, 1, true), "pos"),
  u("cummax", (x) => lax.cummax(x, 0)),
  u("cummin reverse", (x) => lax.cummin(x, 1, true)),
  u("cumlogsumexp", (x) => lax.cumlogsumexp(x, 1)),
  u("cumlogsumexp reverse", (x) => lax.cumlogsumexp(x, 0, true)),
  b("dot", (x, y) => lax.dot(x, lax.transpose(y, [1, 0]))),
  b("dotGeneral", (x, y) =>
    lax.dotGeneral(x, y, [
      [[1], [1]],
      [[0], [0]],
    ]),
  ),
  b("batchMatmul", (x, y) => lax.batchMatmul(lax.reshape(x, [3, 4, 1]), lax.reshape(y, [3, 1, 4]))),
  u("sort", (x) => lax.sort(x, 1) as NDArray),
  b("sortKeyVal values", (k, v) => lax.sortKeyVal(k, v, 0)[1]),
  I("div int32", (x, y) => lax.div(x!, lax.add(lax.abs(y!), 1)), [
    [S, "int"],
    [S, "int"],
  ]),
  I("rem int32", (x, y) => lax.rem(x!, lax.add(lax.abs(y!), 1)), [
    [S, "int"],
    [S, "int"],
  ]),
  I("clz", (x) => lax.clz(x!), [[S, "int"]]),
  I("mulhi", (x, y) => lax.mulhi(lax.mul(x!, 123456789), y!), [
    [S, "int"],
    [S, "int"],
  ]),
  I("populationCount", (x) => lax.populationCount(x!), [[S, "int"]]),
  I("reduceXor", (x) => lax.reduceXor(x!, [1]), [[S, "int"]]),
  I("reduceAnd", (x) => lax.reduceAnd(x!, [0]), [[S, "int"]]),
  I("argmax", (x) => lax.argmax(x!, 1, "int32"), [[S, "any"]]),
  I("nextafter", (x, y) => lax.nextafter(x!, y!), [
    [S, "any"],
    [S, "any"],
  ]),
  I("sort two keys", (k, v) => lax.sort([k!, v!], 1, true, 2) as NDArray[], [
    [S, "int"],
    [S, "any"],
  ]),
];

const scalarLoss =
  (f: Case["f"]) =>
  (...xs: NDArray[]): NDArray => {
    const ys = f(...xs);
    return (Array.isArray(ys) ? ys : [ys]).reduce<NDArray>(
      (acc, y, j) => np.add(acc, np.sum(np.multiply(y, 1 + j / 3))),
      np.array(0, { dtype: "float64" }),
    );
  };

describe("lax gradients vs central differences (float64)", () => {
  CASES.filter((c) => !c.noGrad).forEach((c, k) => {
    const xs = c.inputs.map(([shape, d]) => rand(rng(300 + k), shape, d));
    it(`${c.name}: fwd and rev`, () => checkGrads(c.f, xs, { order: 1 }));
    it(`${c.name}: jit(grad) equals grad`, () => {
      const argnums = xs.map((_, i) => i);
      expectClose(jit(grad(scalarLoss(c.f), { argnums }))(...xs), grad(scalarLoss(c.f), { argnums })(...xs), 1e-9);
    });
  });
});

it("stopGradient: d/dx sum(x * stopGradient(x)) is x, eagerly and under jit", () => {
  const x = rand(rng(9), S);
  const f = (a: NDArray) => lax.reduceSum(lax.mul(a, lax.stopGradient(a)), [0, 1]);
  expectClose(grad(f)(x), x, 0);
  expectClose(jit(grad(f))(x), x, 0);
});

describe("lax vmap equals a loop over the batch", () => {
  CASES.forEach((c, k) => {
    const n = 3;
    const xs = c.inputs.map(([shape, d]) => rand(rng(700 + k), [n, ...shape], d));
    const loop = () => {
      const per = Array.from({ length: n }, (_, i) => c.f(...xs.map((x) => np.take(x, i, 0))));
      const first = per[0]!;
      return Array.isArray(first) ? first.map((_, j) => np.stack(per.map((p) => (p as NDArray[])[j]!))) : np.stack(per as NDArray[]);
    };
    it(`${c.name}: vmap`, () => expectClose(vmap(c.f)(...xs), loop(), 1e-12));
    it(`${c.name}: jit(vmap)`, () => expectClose(jit(vmap(c.f))(...xs), loop(), 1e-12));
  });
  it("covers every case", () => expect(CASES.length).toBeGreaterThan(80));
});

describe("lax does not broadcast across ranks", () => {
  const x = np.ones([2, 3]);
  const rows: [string, () => unknown, string[]][] = [
    ["lax.add of (2, 3) and (3,)", () => lax.add(x, np.ones([3])), ["lax.add", "(2, 3)", "(3,)"]],
    ["jit(lax.add) of (2, 3) and (3,)", () => jit(lax.add)(x, np.ones([3])), ["lax.add", "(2, 3)", "(3,)"]],
    ["lax.clamp with a (3,) bound", () => lax.clamp(np.zeros([3]), x, 1), ["lax.clamp", "(3,)", "(2, 3)"]],
    [
      "jit(lax.clamp) with a (3,) bound",
      () => jit((l: NDArray, a: NDArray) => lax.clamp(l, a, 1))(np.zeros([3]), x),
      ["lax.clamp", "(3,)"],
    ],
  ];
  for (const [name, run, parts] of rows)
    it(name, () => {
      let err: unknown;
      try {
        run();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ShapeError);
      for (const p of parts) expect((err as Error).message).toContain(p);
    });
});
