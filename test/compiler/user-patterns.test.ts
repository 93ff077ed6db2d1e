// Model code as users write it, precompiled: a list of layers walked by `params.length` and `for..of`
// (the pytree's structure is known when the function is traced, as in JAX), a jitted function called by
// another jit and by a helper under valueAndGrad (a nested program, inlined by the passes), a runtime
// namespace indexed by a static name (`np[k]` over a literal list, `nn[act]` for a static argument), a
// number default (`eps = 1e-5`) left out or passed, and a training step over all of it. Every function
// builds to a plan, runs with `traces: 0`, and equals the runtime jit
// (plain transpile of the same module) bit for bit, with inputs dense and as strided views.
import fs from "node:fs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { transform } from "@numjit/compiler";
import { type NDArray, numpy as np } from "@numjit/runtime";
import { buildModule, importFresh, writePlain } from "./helpers.js";

const SOURCE = `
import { jit, valueAndGrad, numpy as np, nn, type NDArray } from "@numjit/runtime";

type Layer = { w: NDArray; b: NDArray };

/** @numjit params: [{ w: f32[I, H], b: f32[H] }, { w: f32[H, H], b: f32[H] }, { w: f32[H, O], b: f32[O] }], x: f32[B, I] */
export const predict = jit((params: Layer[], x: NDArray) => {
  let h = x;
  for (let i = 0; i < params.length - 1; i++) h = nn.relu(np.add(np.matmul(h, params[i]!.w), params[i]!.b));
  const last = params[params.length - 1]!;
  return np.add(np.matmul(h, last.w), last.b);
});

/** @numjit params: [{ w: f32[I, H], b: f32[H] }, { w: f32[H, H], b: f32[H] }, { w: f32[H, O], b: f32[O] }] */
export const weightNorm = jit((params: Layer[]) => {
  let s = np.zeros([]);
  for (const layer of params) s = np.add(s, np.sum(np.square(layer.w)));
  return np.sqrt(s);
});

/** @numjit x: f32[B, N] */
export const logits = jit((x: NDArray) => nn.logSoftmax(x, -1));

/** @numjit x: f32[B, N] */
export const confidence = jit((x: NDArray) => np.max(np.exp(logits(x)), -1));

/** @numjit x: f32[B, N] */
export const stats = jit((x: NDArray) => {
  const out: Record<string, NDArray> = {};
  for (const k of ["min", "max", "mean"] as const) out[k] = np[k](x, 0);
  return out;
});

/**
 * @numjit x: f32[B, N]
 * @numjit act = "relu" | "gelu" | "silu"
 */
export const activate = jit((x: NDArray, act: "relu" | "gelu" | "silu") => nn[act](x), { staticArgnames: ["act"] });

/** @numjit x: f32[B, N] */
export const normalize = jit((x: NDArray, eps = 1e-5) => {
  const mu = np.mean(x, -1, { keepdims: true });
  return np.divide(np.subtract(x, mu), np.sqrt(np.add(np.var(x, -1, { keepdims: true }), eps)));
});

function loss(params: Layer[], x: NDArray, y: NDArray): NDArray {
  return np.negative(np.mean(np.sum(np.multiply(logits(predict(params, x)), y), -1)));
}

/**
 * @numjit params: [{ w: f32[I, H], b: f32[H] }, { w: f32[H, H], b: f32[H] }, { w: f32[H, O], b: f32[O] }]
 * @numjit x: f32[B, I], y: f32[B, O], lr: number
 */
export const step = jit((params: Layer[], x: NDArray, y: NDArray, lr: number) => {
  const [value, grads] = valueAndGrad(loss)(params, x, y);
  const sgd = (w: NDArray, g: NDArray) => np.subtract(w, np.multiply(lr, g));
  return { loss: value, params: params.map((p, i) => ({ w: sgd(p.w, grads[i]!.w), b: sgd(p.b, grads[i]!.b) })) };
});
`;

type J = ((...a: unknown[]) => unknown) & { cacheInfo(): { traces: number; precompiledCalls: number } };
const built = buildModule("user-patterns", SOURCE);
const plainFile = writePlain("user-patterns", SOURCE);

const det = (shape: number[], seed: number): NDArray => {
  const n = shape.reduce((a, b) => a * b, 1);
  return np.reshape(np.multiply(np.sin(np.add(np.arange(n, undefined, undefined, { dtype: "float32" }), seed)), 0.5), shape);
};
/** The same values as a negatively strided, offset view. */
const view = (x: NDArray): NDArray => np.flip(np.concatenate([np.zeros([1, ...x.shape.slice(1)]), np.flip(x, 0)], 0).slice("1:"), 0);
const flat = (r: unknown): number[][] =>
  r instanceof Object && "toTypedArray" in (r as object)
    ? [Array.from((r as NDArray).toTypedArray())]
    : Array.isArray(r)
      ? r.flatMap(flat)
      : Object.values(r as object).flatMap(flat);

describe("model code as users write it, precompiled", () => {
  let mod: Record<string, J>;
  let plain: Record<string, J>;
  beforeAll(async () => {
    mod = await importFresh<Record<string, J>>(built.file);
    plain = await importFresh<Record<string, J>>(plainFile);
  });

  it("builds every function to a plan (structural loops and a jit called by a jit are not fallbacks)", () => {
    expect(built.result.module!.calls.map((c) => [c.name, c.status])).toEqual([
      ["predict", "precompiled"],
      ["weightNorm", "precompiled"],
      ["logits", "precompiled"],
      ["confidence", "precompiled"],
      ["stats", "precompiled"],
      ["activate", "precompiled"],
      ["normalize", "precompiled"],
      ["step", "precompiled"],
    ]);
    expect(built.result.diagnostics).toEqual([]);
  });

  for (const [B, I, H, O] of [
    [5, 8, 16, 4],
    [3, 6, 7, 2],
  ] as const)
    it(`equals the runtime jit bit for bit at B=${B} I=${I} H=${H} O=${O}, dense and as views; traces 0`, () => {
      const params = [
        { w: det([I, H], 1), b: det([H], 2) },
        { w: det([H, H], 3), b: det([H], 4) },
        { w: det([H, O], 5), b: det([O], 6) },
      ];
      const x = det([B, I], 7);
      const y = np.eye(B, O);
      for (const v of [false, true]) {
        const p = v ? params.map((l) => ({ w: view(l.w), b: view(l.b) })) : params;
        const xs = v ? view(x) : x;
        const calls: [string, unknown[]][] = [
          ["predict", [p, xs]],
          ["weightNorm", [p]],
          ["logits", [xs]],
          ["confidence", [xs]],
          ["stats", [xs]],
          ["activate", [xs, "relu"]],
          ["activate", [xs, "gelu"]],
          ["activate", [xs, "silu"]],
          // a number default the plan takes as a scalar input: left out, passed, passed as undefined
          ["normalize", [xs]],
          ["normalize", [xs, 0.5]],
          ["normalize", [xs, undefined]],
          ["step", [p, xs, y, 0.1]],
        ];
        for (const [name, args] of calls)
          expect(flat(mod[name]!(...args)), `${name}${v ? " (views)" : ""}`).toEqual(flat(plain[name]!(...args)));
      }
      for (const name of Object.keys(mod)) expect(mod[name]!.cacheInfo().traces, name).toBe(0);
    });

  it("both emitters (the tsc transformer's factory and transform()'s text edits) pass the number default", () => {
    expect(fs.readFileSync(built.file, "utf8")).toMatch(/name: "normalize".*defaults: \[\[1, 0\.00001\]\]/);
    expect(transform(SOURCE, "user-patterns.ts").code).toMatch(/name: "normalize".*defaults: \[\[1,0\.00001\]\]/);
  });

  it("a static name the runtime namespace does not have is a build error naming the namespace and the name, at file:line:col", () => {
    const bad = buildModule(
      "user-patterns-bad",
      [
        `import { jit, nn } from "@numjit/runtime";`,
        `/** @numjit x: f32[N]\n * @numjit act = "relu" | "tanh" */`,
        `export const f = jit((x, act) => nn[act](x), { staticArgnames: ["act"] });`,
      ].join("\n"),
    );
    const errors = bad.result.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => [d.code, d.line])).toEqual([["NJ803", 4]]);
    expect(errors[0]!.message).toContain("'nn.tanh'");
  });
});

// Unannotated losses: elementwise code reduced to a scalar has no rank in its structure, so it is traced at
// ranks 1 and 2 as elementwise code is (a rank-3 call falls back, once, with a warning). A default export
// is named `default`, as JavaScript names it.
const LOSSES = `
import { jit, grad, numpy as np, nn, type NDArray } from "@numjit/runtime";
const mse = (p: NDArray, y: NDArray) => np.mean(np.square(np.subtract(p, y)));
export const loss = jit(mse);
export const lossGrad = jit(grad(mse));
export const total = jit((x: NDArray) => np.sum(nn.relu(x)));
export default jit((x: NDArray) => np.max(np.abs(x)));
`;

describe("unannotated scalar losses, precompiled at ranks 1 and 2", () => {
  const lossesBuilt = buildModule("user-losses", LOSSES);
  const lossesPlain = writePlain("user-losses", LOSSES);
  let mod: Record<string, J>;
  let plain: Record<string, J>;
  beforeAll(async () => {
    mod = await importFresh<Record<string, J>>(lossesBuilt.file);
    plain = await importFresh<Record<string, J>>(lossesPlain);
  });

  it("builds every function to a plan, the default export named 'default'", () => {
    expect(lossesBuilt.result.module!.calls.map((c) => [c.name, c.status])).toEqual([
      ["loss", "precompiled"],
      ["lossGrad", "precompiled"],
      ["total", "precompiled"],
      ["default", "precompiled"],
    ]);
    expect(lossesBuilt.result.diagnostics).toEqual([]);
  });

  it("equals the runtime jit bit for bit at ranks 1 and 2, dense and as views; traces 0", () => {
    for (const shape of [[7], [1], [3, 5], [4, 1]]) {
      const p = det(shape, 1);
      const y = det(shape, 9);
      for (const v of [false, true]) {
        const [ps, ys] = v ? [view(p), view(y)] : [p, y];
        const calls: [string, unknown[]][] = [
          ["loss", [ps, ys]],
          ["lossGrad", [ps, ys]],
          ["total", [ps]],
          ["default", [ys]],
        ];
        for (const [name, args] of calls)
          expect(flat(mod[name]!(...args)), `${name} ${JSON.stringify(shape)}${v ? " (views)" : ""}`).toEqual(flat(plain[name]!(...args)));
      }
    }
    for (const name of Object.keys(mod)) expect(mod[name]!.cacheInfo().traces, name).toBe(0);
  });

  it("a rank-3 call falls back to the runtime jit with one warning and the right answer", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const x = det([2, 3, 4], 3);
      expect(flat(mod.total!(x))).toEqual(flat(plain.total!(x)));
      expect(flat(mod.total!(x))).toEqual(flat(plain.total!(x)));
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toContain("jit(total)");
    } finally {
      warn.mockRestore();
    }
  });
});

// Literal options of a transform (`vmap(f, { inAxes: [null, 0] })`, `grad(f, { argnums: 1 })`, also through a
// module const) and JS number arguments that are integers: a number traced as a float scalar that only meets
// float32 arrays gives the same program for an integer (`lr = 1`), so the plan serves both; one whose
// integer-ness matters (it meets an int32 array) is traced for floats only and an integer falls back.
// Attention of symbolic sizes (its 1 / sqrt(H) scale computed from the size, its checks on dims).
const OPTIONS = `
import { jit, vmap, grad, valueAndGrad, numpy as np, nn, type NDArray } from "@numjit/runtime";
const f = (w: NDArray, x: NDArray) => np.sum(np.square(np.subtract(np.multiply(w, x), 1)));
/** @numjit w: f32[N], x: f32[N] */
export const gradX = jit(grad(f, { argnums: 1 }));
/** @numjit w: f32[N], x: f32[N] */
export const both = jit(valueAndGrad(f, { argnums: [0, 1] }));
/** @numjit w: f32[D], x: f32[B, D] */
export const batched = jit(vmap((w: NDArray, x: NDArray) => np.dot(w, x), { inAxes: [null, 0] }));
const AXES = { inAxes: [0, null] };
/** @numjit x: f32[B, D], w: f32[D] */
export const batched2 = jit(vmap((x: NDArray, w: NDArray) => np.dot(w, x), AXES));
/** @numjit w: f32[N], g: f32[N] */
export const sgd = jit((w: NDArray, g: NDArray, lr: number) => np.subtract(w, np.multiply(lr, g)));
/** @numjit g: f32[N] */
export const clip = jit((g: NDArray, maxNorm = 1.0) => {
  const n = np.linalg.norm(g);
  return np.where(np.greater(n, maxNorm), np.multiply(g, np.divide(maxNorm, n)), g);
});
/** @numjit q: f32[T, N, H] */
export const attend = jit((q: NDArray) => nn.dotProductAttention(q, q, q, { isCausal: true }));
/** @numjit i: i32[N] */
export const shift = jit((i: NDArray, k: number) => np.add(i, k));
`;

describe("transform options and integer JS numbers, precompiled", () => {
  const optsBuilt = buildModule("user-options", OPTIONS);
  const optsPlain = writePlain("user-options", OPTIONS);
  let mod: Record<string, J>;
  let plain: Record<string, J>;
  beforeAll(async () => {
    mod = await importFresh<Record<string, J>>(optsBuilt.file);
    plain = await importFresh<Record<string, J>>(optsPlain);
  });

  it("builds every function to a plan", () => {
    expect(optsBuilt.result.module!.calls.filter((c) => c.status !== "precompiled").map((c) => c.name)).toEqual([]);
    expect(optsBuilt.result.diagnostics).toEqual([]);
  });

  it("equals the runtime jit bit for bit, integers and floats alike, dense and as views; traces 0", () => {
    const w = det([6], 1);
    const x = det([6], 2);
    const xs = det([4, 6], 3);
    for (const v of [false, true]) {
      const [wv, xv, xsv] = v ? [view(w), view(x), view(xs)] : [w, x, xs];
      const calls: [string, unknown[]][] = [
        ["gradX", [wv, xv]],
        ["both", [wv, xv]],
        ["batched", [wv, xsv]],
        ["batched2", [xsv, wv]],
        ["sgd", [wv, xv, 0.25]],
        ["sgd", [wv, xv, 1]],
        ["sgd", [wv, xv, -3]],
        ["clip", [xv]],
        ["clip", [xv, 0.5]],
        ["clip", [xv, 2]],
        ["attend", [np.reshape(xsv, [4, 2, 3])]],
      ];
      for (const [name, args] of calls)
        expect(flat(mod[name]!(...args)), `${name}(${args.slice(2).join()})${v ? " (views)" : ""}`).toEqual(flat(plain[name]!(...args)));
    }
    for (const name of Object.keys(mod)) expect(mod[name]!.cacheInfo().traces, name).toBe(0);
  });

  it("an integer whose integer-ness matters (it meets an int32 array) falls back, once, with the right dtype", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const i = np.array([1, 2, 3], { dtype: "int32" });
      expect(flat(mod.shift!(i, 0.5))).toEqual(flat(plain.shift!(i, 0.5)));
      expect(mod.shift!.cacheInfo().traces).toBe(0);
      const r = mod.shift!(i, 2) as NDArray;
      expect(r.dtype).toBe("int32");
      expect(flat(r)).toEqual([[3, 4, 5]]);
      expect(mod.shift!.cacheInfo().traces).toBe(1);
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
  });
});
