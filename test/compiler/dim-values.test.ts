// Sizes used as values and JS arithmetic on sizes, precompiled. Under the build's symbolic trace
// `x.shape[0]` is a symbolic dimension: as an operand (`np.divide(s, x.shape[0])`, np.sort's own index
// arithmetic) it is the weak int32 `dim_value` the plan computes per call, and `+ - *`, `%`,
// `Math.floor/ceil(d / k)`, `Math.max/min` and decidable comparisons give dimension expressions
// (phases/trace/dim-arith.ts); np.arange takes a symbolic start or stop with either sign of step; roll,
// diagonal and trace gather with indices computed from the sizes.
// Each function builds to a plan, runs with `traces: 0` at two sizes, dense
// and as a strided view, and equals the runtime jit (plain transpile of the same module). What the trace
// cannot express (a size formatted into a string, a comparison the sizes decide) is a warning and a
// correct runtime-jit fallback, never a build error.
import { beforeAll, describe, expect, it } from "vitest";
import { type NDArray, numpy as np } from "@numjit/runtime";
import { buildModule, importFresh, writePlain } from "./helpers.js";

type J = ((...a: unknown[]) => NDArray) & { cacheInfo(): { traces: number; precompiledCalls: number } };

const PRECOMPILED: Record<string, string> = {
  meanByHand: "(x) => np.divide(np.sum(x, 0), x.shape[0])",
  sortRows: "(x) => np.sort(x, 0)",
  unbiased: "(x) => { const n = x.shape[0]; return np.divide(np.sum(np.square(np.subtract(x, np.mean(x, 0))), 0), n - 1); }",
  flatten: "(x) => { const [n, m] = x.shape; return np.reshape(x, [n * m]); }",
  pairs: "(x) => np.sum(np.reshape(x, [Math.floor((x.shape[0] * x.shape[1]) / 2), 2]), 1)",
  ceilHalf: "(x) => np.multiply(np.ones([Math.ceil(x.shape[0] / 2), Math.max(x.shape[1], 2)]), x.shape[1] % 2)",
  scaledBySize: "(x) => np.divide(x, x.size)",
  decided: "(x) => (x.shape[0] >= 1 ? np.add(x, x.shape[1] + 1) : x)",
  // arange from a symbolic start, counting down (polyint's own divisors); vander's default N = len(x)
  descending: "(x) => np.multiply(x, np.arange(x.shape[1], 0, -1))",
  everyOther: "(x) => np.add(x.slice(':', '::-2'), np.arange(x.shape[1] - 1, -1, -2))",
  polyint: "(x) => np.polyint(np.ravel(x), 2, 3)",
  vander: "(x) => np.vander(np.ravel(x.slice(':', ':2')))",
  // an array of sizes (np.array of dims and numbers): each size its dim_value
  sizesArray: "(x) => np.multiply(np.array([[x.shape[0], 2], [x.size, np.ndim(x)]]), np.sum(x))",
  sizesInt: "(x) => np.add(np.array([x.shape[1], x.shape[0] * 3], { dtype: 'int32' }), 1)",
  // runtime ops whose own index arithmetic takes the size: roll's (i - s) mod n, diagonal's and trace's
  // gather of a[i, i + offset] (an offset past the edge gives no elements)
  roll: "(x) => np.add(np.roll(x, 2, 1), np.roll(x, -7, 0))",
  rollFlat: "(x) => np.roll(x, 3)",
  diagonals: "(x) => np.concatenate([np.diagonal(x), np.diagonal(x, 2), np.diagonal(x, -1)])",
  diagonalPastEdge: "(x) => np.diagonal(x, 7)",
  trace: "(x) => np.add(np.trace(x), np.trace(x, -2))",
  // cov's n - ddof
  cov: "(x) => np.cov(x)",
  covColumns: "(x) => np.cov(x, null, { rowvar: false, ddof: 2 })",
  corrcoef: "(x) => np.corrcoef(x)",
  // quantiles: the sorted length n and its last index n - 1
  median: "(x) => np.median(x, 0)",
  quantiles: "(x) => np.quantile(x, [0.3, 0.9], 1, { method: 'nearest' })",
  percentile: "(x) => np.percentile(x, 75)",
  nanmedian: "(x) => np.nanmedian(np.where(np.greater(x, 0.5), NaN, x), 1)",
  kron: "(x) => np.kron(x, np.ones([2, 3]))",
};

const FALLBACK: Record<string, string> = {
  // a size in a string: `x.slice("floordiv(N, 2):")` would be its expression's text
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the module's source text holds the template string
  sliceString: "(x) => x.slice(`${Math.floor(x.shape[0] / 2)}:`)",
  // a comparison the sizes decide: the plan cannot take one branch for every N
  undecided: "(x) => (x.shape[0] > 3 ? np.sum(x) : np.negative(x))",
};

const source = (fns: Record<string, string>) =>
  [
    `import { jit, numpy as np } from "@numjit/runtime";`,
    ...Object.entries(fns).flatMap(([k, fn]) => ["/** @numjit x: f32[N, M] */", `export const ${k} = jit(${fn});`]),
  ].join("\n");

const SOURCE = source({ ...PRECOMPILED, ...FALLBACK });
const built = buildModule("dim-values", SOURCE);
const plainFile = writePlain("dim-values", SOURCE);

function inputs(n: number, m: number): NDArray[] {
  const x = np.reshape(np.sin(np.arange(n * m, undefined, undefined, { dtype: "float32" })), [n, m]);
  // the same values as a column-offset view with a negative row stride
  const wide = np.concatenate([np.zeros([n, 2], { dtype: "float32" }), np.flip(x, 0)], 1);
  return [x, np.flip(wide.slice(":", "2:"), 0)];
}
const values = (r: NDArray) => ({ dtype: r.dtype, shape: r.shape, data: Array.from(r.toTypedArray()) });

describe("sizes as values and JS arithmetic on sizes, precompiled", () => {
  let mod: Record<string, J>;
  let plain: Record<string, J>;
  beforeAll(async () => {
    mod = await importFresh<Record<string, J>>(built.file);
    plain = await importFresh<Record<string, J>>(plainFile);
  });

  it("builds without errors: the arithmetic ones precompiled, the rest runtime-jit fallbacks with NJ715 warnings", () => {
    const calls = built.result.module!.calls;
    expect(calls.map((c) => [c.name, c.status])).toEqual([
      ...Object.keys(PRECOMPILED).map((k) => [k, "precompiled"]),
      ...Object.keys(FALLBACK).map((k) => [k, "fallback"]),
    ]);
    expect(built.result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    for (const k of Object.keys(FALLBACK))
      expect(
        calls.find((c) => c.name === k)!.reasons.map((d) => [d.code, d.cause?.code]),
        k,
      ).toContainEqual(["NJ715", "NJ115"]);
  });

  for (const name of Object.keys(PRECOMPILED))
    it(`${name}: one plan for every size (4×6, 6×5), dense and as views, equal to the runtime jit; traces 0`, () => {
      for (const [n, m] of [
        [4, 6],
        [6, 5],
      ] as const)
        for (const x of inputs(n, m)) expect(values(mod[name]!(x)), `${n}x${m}`).toEqual(values(plain[name]!(x)));
      expect(mod[name]!.cacheInfo()).toMatchObject({ traces: 0, precompiledCalls: 4 });
    });

  for (const name of Object.keys(FALLBACK))
    it(`${name}: the runtime jit answers, equal to the plain module`, () => {
      for (const x of inputs(5, 4)) expect(values(mod[name]!(x))).toEqual(values(plain[name]!(x)));
    });

  it("JS arithmetic between an array and a size stays the JS operator on an array (NJ705), not numpy's add", () => {
    const m = buildModule(
      "dim-values-array-op",
      [
        `import { jit, numpy as np } from "@numjit/runtime";`,
        "/** @numjit x: f32[N, M] */",
        "export const f = jit((x) => np.sum(x) + x.shape[0]);",
      ].join("\n"),
    );
    const [call] = m.result.module!.calls;
    expect([call!.status, call!.reasons.map((d) => d.code)]).toEqual(["fallback", ["NJ705"]]);
  });

  it("a build error carries the runtime error behind it as structured data (code, op, shapes), not only text", () => {
    const bad = buildModule(
      "dim-values-bad",
      [
        `import { jit, numpy as np } from "@numjit/runtime";`,
        "/** @numjit x: f32[N, 3], w: f32[4, M] */",
        "export const project = jit((x, w) => np.matmul(x, w));",
      ].join("\n"),
    );
    const [d] = bad.result.diagnostics.filter((k) => k.severity === "error");
    expect(d).toMatchObject({ code: "NJ801", line: 3, cause: { code: "NJ104", data: { op: "matmul" } } });
  });
});
