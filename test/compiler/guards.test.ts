// Guard tests: a precompiled function called outside what was precompiled (new dtype, new rank,
// new broadcast pattern) still answers correctly, through the runtime jit (codegen allowed) or the
// eager IR (codegen forbidden); which path ran is observable through cacheInfo(). And: one
// precompiled function called with 100 sizes of the same rank compiles nothing at run time.
// Every test is independent of the others (order, -t, --sequence.shuffle): cacheInfo() counts per
// jitted instance, so each test imports its own instance of the built module; and the runtime's
// log-once / warn-once keys are process-wide, so a test that asserts a once-only message uses a key
// no other test (or a repeat of itself) can have used.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type NDArray, ShapeError, numpy as np, setDebugLevel } from "@numjit/runtime";
import { ARTIFACTS, buildModule, importFresh, runInNoEvalContext } from "./helpers.js";

type Info = { calls: number; traces: number; precompiledCalls: number; runtimeCompiles: number; eagerFallbacks: number };
type J = ((...a: unknown[]) => NDArray) & { cacheInfo(): Info; clearCache(): void };

const SOURCE = `
import { numpy as np, nn, jit } from "@numjit/runtime";

/** @numjit x: f32[N], y: f32[N] */
export const fused = jit((x: np.NDArray, y: np.NDArray) => np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1));

// unannotated and elementwise: rank-polymorphic, float32
export const unannotated = jit((x: np.NDArray, y: np.NDArray) => np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1));
/** @numjit x: f32[N, M] */
export const rowSums = jit((x: np.NDArray) => np.sum(np.exp(x), -1));
// ranks from the call below
export const dense = jit((x: np.NDArray, w: np.NDArray, b: np.NDArray) => nn.relu(np.add(np.matmul(x, w), b)));
export const warm = () => dense(np.zeros([2, 3]), np.zeros([3, 4]), np.zeros([4]));
/** @numjit x: f32[N, M] */
export const centered = jit((x: np.NDArray) => np.subtract(x, np.mean(x, 0)));
`;

const built = buildModule("guards", SOURCE);
/** A fresh instance of the built module: its jitted functions start with empty caches and counters. */
const fresh = () => importFresh<Record<string, J>>(built.file);
let unique = 0;
const rand = (shape: number[], dtype: "float32" | "float64" | "int32" = "float32") => {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + shape.length) * 3);
  return np
    .array(
      data.map((v) => (dtype === "int32" ? Math.round(v) : v)),
      { dtype },
    )
    .reshape(shape);
};
const eagerFused = (x: NDArray, y: NDArray) => np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1);
const close = (a: NDArray, b: NDArray, tol = 1e-5) => {
  expect(a.shape).toEqual(b.shape);
  expect(a.dtype).toBe(b.dtype);
  const x = a.toTypedArray(),
    y = b.toTypedArray();
  for (let i = 0; i < x.length; i++) expect(Math.abs(x[i]! - y[i]!)).toBeLessThanOrEqual(tol * (1 + Math.abs(y[i]!)));
};

afterEach(() => {
  setDebugLevel(undefined);
  vi.restoreAllMocks();
});

describe("guards (codegen allowed)", () => {
  it("builds: every function precompiled", async () => {
    const m = await fresh();
    expect(Object.keys(m).sort()).toEqual(["centered", "dense", "fused", "rowSums", "unannotated", "warm"]);
    expect(built.result.module!.calls.map((c) => [c.name, c.status])).toEqual([
      ["fused", "precompiled"],
      ["unannotated", "precompiled"],
      ["rowSums", "precompiled"],
      ["dense", "precompiled"],
      ["centered", "precompiled"],
    ]);
  });

  it("the precompiled shapes run the build's kernels: nothing compiled at run time", async () => {
    const m = await fresh();
    const x = rand([7]),
      y = rand([7]);
    close(m.fused!(x, y), eagerFused(x, y));
    // a rank-1 symbolic plan serves [7]: no trace, no kernel compiled at run time
    expect(m.fused!.cacheInfo()).toMatchObject({ calls: 1, traces: 0, precompiledCalls: 1, runtimeCompiles: 0, eagerFallbacks: 0 });
  });

  it("a new rank reuses the same shape-polymorphic kernel", async () => {
    const m = await fresh();
    const x = rand([3, 4, 5]),
      y = rand([3, 4, 5]);
    close(m.fused!(x, y), eagerFused(x, y));
    expect(m.fused!.cacheInfo()).toMatchObject({ calls: 1, traces: 1, runtimeCompiles: 0 });
  });

  it("a new broadcast pattern and strided (transposed) inputs reuse it too", async () => {
    const m = await fresh();
    const x = rand([4, 5]),
      y = rand([5]);
    close(m.fused!(x, y), eagerFused(x, y));
    const xt = rand([5, 4]).T;
    close(m.fused!(xt, rand([4, 5])), eagerFused(xt, rand([4, 5])));
    expect(m.fused!.cacheInfo().runtimeCompiles).toBe(0);
  });

  it("an outer-product broadcast changes the fusion groups: compiled at run time, still correct", async () => {
    const m = await fresh();
    // tanh(x*1.5+0.3) runs on the [5,1] operand before the broadcast: a different kernel structure
    const before = m.fused!.cacheInfo().runtimeCompiles;
    const x = rand([5, 1]),
      y = rand([4]);
    close(m.fused!(x, y), eagerFused(x, y));
    expect(m.fused!.cacheInfo().runtimeCompiles).toBeGreaterThan(before);
  });

  it("a new dtype falls back to the runtime jit (correct), and NUMJIT_DEBUG logs why", async () => {
    // the "not in the precompiled table" line is logged once per function name and kernel: a name of its own
    const name = `fused_${process.pid}_${unique++}`;
    const own = buildModule(`guards-dtype-${unique}`, SOURCE.replace("export const fused =", `export const ${name} =`));
    const m = { fused: (await importFresh<Record<string, J>>(own.file))[name] };
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    setDebugLevel(1);
    const before = m.fused!.cacheInfo().runtimeCompiles;
    expect(before).toBe(0);
    const x = rand([6], "float64"),
      y = rand([6], "float64");
    close(m.fused!(x, y), eagerFused(x, y), 1e-12);
    expect(m.fused!.cacheInfo().runtimeCompiles).toBe(before + 1);
    const xi = rand([6], "int32"),
      yi = rand([6], "int32");
    close(m.fused!(xi, yi), eagerFused(xi, yi));
    expect(spy.mock.calls.map((c) => String(c[0])).join("\n")).toMatch(/not in the precompiled table/);
    spy.mockRestore();
  });

  it("100 sizes of the same rank and dtype compile nothing at run time", async () => {
    const m = await fresh();
    for (const [name, f, args] of [
      ["unannotated", m.unannotated!, (n: number) => [rand([n, n + 1]), rand([n, n + 1])]],
      ["rowSums", m.rowSums!, (n: number) => [rand([n, (n % 7) + 1])]],
      ["dense", m.dense!, (n: number) => [rand([n, 3]), rand([3, (n % 5) + 1]), rand([(n % 5) + 1])]],
    ] as const) {
      f.clearCache();
      for (let n = 1; n <= 100; n++) f(...(args(n) as unknown[]));
      const info = f.cacheInfo();
      expect(info.runtimeCompiles, `${name}: ${JSON.stringify(info)}`).toBe(0);
      expect(info.eagerFallbacks).toBe(0);
      expect(info.calls).toBeGreaterThanOrEqual(100);
    }
  });

  // mean's divisor n is a kernel argument, not source text: one precompiled kernel serves every n
  it("mean over 100 sizes compiles nothing at run time", async () => {
    const m = await fresh();
    for (let n = 1; n <= 100; n++) m.centered!(rand([n, 3]));
    expect(m.centered!.cacheInfo().runtimeCompiles).toBe(0);
    const x = rand([5, 3]);
    close(m.centered!(x), np.subtract(x, np.mean(x, 0)));
  });
});

describe("guards (codegen forbidden: vm context)", () => {
  it("a new dtype runs the IR on eager kernels; precompiled dtypes never do", async () => {
    const entry = path.join(ARTIFACTS, "guards-entry.js");
    // the app imports jit (as apps that also jit at run time do): calls no plan serves take the kernel table
    fs.writeFileSync(entry, `export * as mod from "./guards.js";\nexport { numpy, jit } from "@numjit/runtime";\n`);
    const { exports: ctx, logs } = await runInNoEvalContext<{ mod: Record<string, J>; numpy: typeof np }>(entry);
    const cnp = ctx.numpy;
    const arr = (xs: number[], dtype: string) => cnp.array(xs, { dtype: dtype as "float32" });
    const f = ctx.mod.fused!;
    const host = (a: NDArray) => Array.from(a.toTypedArray());
    const expectClose = (got: number[], want: number[], tol: number) =>
      got.forEach((g, i) => expect(Math.abs(g - want[i]!)).toBeLessThanOrEqual(tol));
    const xs = [0.5, -1, 2, 3],
      ys = [1, 2, -3, 0.25];
    const want = host(eagerFused(np.array(xs), np.array(ys)));
    expectClose(host(f(arr(xs, "float32"), arr(ys, "float32"))), want, 1e-6);
    expect(f.cacheInfo()).toMatchObject({ runtimeCompiles: 0, eagerFallbacks: 0 });
    // same structure, other rank and a trailing broadcast: still the precompiled kernel
    expectClose(
      host(f(arr([1, 2, 3, 4, 5, 6, 7, 8], "float32").reshape([2, 4]), arr(xs, "float32"))),
      host(eagerFused(np.array([1, 2, 3, 4, 5, 6, 7, 8]).reshape([2, 4]), np.array(xs))),
      1e-6,
    );
    expect(f.cacheInfo().eagerFallbacks).toBe(0);
    // an outer-product broadcast changes the fusion (tanh runs on the small operand): eager IR
    expectClose(
      host(f(arr([1, 2, 3, 4, 5], "float32").reshape([5, 1]), arr(xs, "float32"))),
      host(eagerFused(np.array([1, 2, 3, 4, 5]).reshape([5, 1]), np.array(xs))),
      1e-6,
    );
    expect(f.cacheInfo().eagerFallbacks).toBe(1);
    const want64 = host(eagerFused(np.array(xs, { dtype: "float64" }), np.array(ys, { dtype: "float64" })));
    expectClose(host(f(arr(xs, "float64"), arr(ys, "float64"))), want64, 1e-12);
    expect(f.cacheInfo()).toMatchObject({ runtimeCompiles: 0, eagerFallbacks: 2 });
    expect(logs.join("\n")).toMatch(/code generation is not allowed/);
  });
});

describe("codegen version guard", () => {
  it("warns once when a kernel table comes from a different code generator", async () => {
    const { precompiled, codegenVersion } = await import("@numjit/runtime/internal");
    const { numpy: np } = await import("@numjit/runtime");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    // warned once per foreign generator id: one no other test (or repeat) uses
    const foreign = `0000-${process.pid}-${unique++}`;
    const f = precompiled((x: any) => np.add(x, 1), { name: "stale", kernels: { "@codegen": foreign, "elementwise:0": () => {} } as any });
    f(np.ones([2]));
    f(np.ones([3]));
    const g = precompiled((x: any) => np.add(x, 2), { name: "fresh", kernels: { "@codegen": codegenVersion() } as any });
    g(np.ones([2]));
    const msgs = warn.mock.calls.map((c) => String(c[0]));
    warn.mockRestore();
    expect(msgs.filter((m) => m.includes("jit(stale) was precompiled by a different numjit code generator"))).toHaveLength(1);
    expect(msgs.some((m) => m.includes("fresh"))).toBe(false);
    expect(f(np.ones([2])).toArray()).toEqual([2, 2]);
  });
});

describe("a failed guard of a built module: the runtime jit answers, one warning per function naming the condition", () => {
  const GUARDED = `
import { numpy as np, jit } from "@numjit/runtime";

/** @numjit x: f32[B, N], y: f32[B, N] */
export const rankGuarded = jit((x: np.NDArray, y: np.NDArray) => np.add(np.multiply(x, 2), y));
/** @numjit x: f32[B, N] */
export const dtypeGuarded = jit((x: np.NDArray) => np.sum(np.exp(x), -1));
/** @numjit x: f32[B, N], w: f32[N, M], b: f32[B, M] */
export const dimGuarded = jit((x: np.NDArray, w: np.NDArray, b: np.NDArray) => np.add(np.matmul(x, w), b));
`;
  const guarded = buildModule("guards-conditions", GUARDED);
  const cases: [name: string, good: () => NDArray[], bad: () => NDArray[], eager: (...a: NDArray[]) => NDArray, condition: string][] = [
    [
      "rankGuarded",
      () => [rand([3, 4]), rand([3, 4])],
      () => [rand([2, 3, 4]), rand([2, 3, 4])],
      (x, y) => np.add(np.multiply(x!, 2), y!),
      "x: expected rank 2, got 3",
    ],
    [
      "dtypeGuarded",
      () => [rand([3, 4])],
      () => [rand([3, 4], "float64")],
      (x) => np.sum(np.exp(x!), -1),
      "x: dtype float64, plan has float32",
    ],
    [
      "dimGuarded",
      () => [rand([3, 4]), rand([4, 2]), rand([3, 2])],
      // B bound to 3 by x and to 1 by b (numpy broadcasts b's rows: a valid call the plan does not serve)
      () => [rand([3, 4]), rand([4, 2]), rand([1, 2])],
      (x, w, b) => np.add(np.matmul(x!, w!), b!),
      "b.shape[0] == B (1 vs 3)",
    ],
  ];

  it("builds: every function precompiled with exact plans (the light entry)", () => {
    expect(guarded.result.module!.calls.map((c) => [c.name, c.status, c.scheduled!.plans.length > 0])).toEqual(
      cases.map(([n]) => [n, "precompiled", true]),
    );
    expect(guarded.result.code).toContain('from "@numjit/runtime/precompiled"');
  });

  for (const [name, good, bad, eager, condition] of cases)
    it(`${name}: ${condition}`, async () => {
      const f = (await importFresh<Record<string, J>>(guarded.file))[name]!;
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      try {
        close(f(...good()), eager(...good()));
        expect(f.cacheInfo()).toMatchObject({ traces: 0, precompiledCalls: 1 });
        const tol = name === "dtypeGuarded" ? 1e-12 : 1e-5;
        close(f(...bad()), eager(...bad()), tol);
        close(f(...bad()), eager(...bad()), tol);
        const msgs = warn.mock.calls.map((c) => String(c[0]));
        expect(msgs).toEqual([
          `[numjit] jit(${name}): the precompiled plan does not serve this call (${condition}); compiling it at run time`,
        ]);
        // the plan still serves the calls it fits
        close(f(...good()), eager(...good()));
        expect(f.cacheInfo().precompiledCalls).toBe(2);
      } finally {
        warn.mockRestore();
      }
    });
});

describe("a call whose inputs broadcast to a traced shape runs the plan on broadcast views", () => {
  const BCAST = `
import { numpy as np, jit } from "@numjit/runtime";

export const add = jit((a: np.NDArray, b: np.NDArray) => np.add(a, b));
/** @numjit x: f32[B, N], y: f32[B, N] */
export const axpy = jit((x: np.NDArray, y: np.NDArray) => np.add(np.multiply(x, 2), y));
// x * 2 does not depend on y: its eager shape is x's, so no broadcast may serve a mixed call
/** @numjit x: f32[B, N], y: f32[B, N] */
export const pair = jit((x: np.NDArray, y: np.NDArray) => [np.multiply(x, 2), np.add(x, y)]);
`;
  const bcast = buildModule("guards-broadcast", BCAST);
  const grid = () => rand([3, 4]);
  // the vite-app's checkAdd cases, and views: transposed, negatively strided, offset
  const cases: [string, () => NDArray[]][] = [
    ["[3,4] + [4]", () => [grid(), rand([4])]],
    ["[3,1] + [5]", () => [rand([3, 1]), rand([5])]],
    ["0-d + [3,4]", () => [np.array(2.5, { dtype: "float32" }), grid()]],
    ["[4,3]^T + [4]", () => [rand([4, 3]).T, rand([4])]],
    ["[4] reversed + [2,4]", () => [rand([4]).slice("::-1"), rand([2, 4])]],
    ["[1,4] offset + [3,4] transposed", () => [rand([2, 4]).slice("1:"), rand([4, 3]).T]],
  ];

  it("emits broadcasts: true only for programs elementwise in every input", () => {
    const plans = new Map(bcast.result.module!.calls.map((c) => [c.name, c.scheduled!.plans] as const));
    expect(plans.get("add")!.map((p) => p.broadcasts)).toEqual([true, true]);
    expect(plans.get("axpy")!.map((p) => p.broadcasts)).toEqual([true]);
    expect(plans.get("pair")!.map((p) => p.broadcasts)).toEqual([false]);
  });

  for (const fn of ["add", "axpy"] as const)
    it(`${fn}: every broadcasting call is precompiled, equal to eager, with no warning`, async () => {
      const f = (await importFresh<Record<string, J>>(bcast.file))[fn]!;
      const eager = fn === "add" ? (a: NDArray, b: NDArray) => np.add(a, b) : (a: NDArray, b: NDArray) => np.add(np.multiply(a, 2), b);
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      try {
        let n = 0;
        for (const [what, make] of cases) {
          const [a, b] = make() as [NDArray, NDArray];
          const got = f(a, b),
            want = eager(a, b);
          expect(got.shape, what).toEqual(want.shape);
          expect(Array.from(got.toTypedArray()), what).toEqual(Array.from(want.toTypedArray()));
          n++;
        }
        expect(f.cacheInfo()).toMatchObject({ calls: n, precompiledCalls: n, traces: 0, eagerFallbacks: 0 });
        expect(warn).not.toHaveBeenCalled();
      } finally {
        warn.mockRestore();
      }
    });

  it("shapes that do not broadcast, or a dtype the plan lacks, still go to the fallback (eager's error / answer)", async () => {
    const { add } = await importFresh<Record<string, J>>(bcast.file);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      expect(() => add!(rand([3]), rand([4]))).toThrow(ShapeError);
      const [a, b] = [grid(), rand([4], "float64")];
      close(add!(a, b), np.add(a, b), 1e-12);
      expect(add!.cacheInfo().precompiledCalls).toBe(0);
    } finally {
      warn.mockRestore();
    }
  });

  it("a program with an output not computed from every input is not served by broadcasting", async () => {
    const { pair } = await importFresh<Record<string, J>>(bcast.file);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const x = rand([4]),
        y = rand([3, 4]);
      const [twice, sum] = pair!(x, y) as unknown as [NDArray, NDArray];
      expect(twice.shape).toEqual([4]);
      close(twice, np.multiply(x, 2));
      close(sum, np.add(x, y));
      expect(pair!.cacheInfo().precompiledCalls).toBe(0);
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
  });
});
