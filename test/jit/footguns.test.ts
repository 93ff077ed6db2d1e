// One test per surprising behaviour users of jit hit.
import { describe, expect, it, vi } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { numpy as np, nn, jit, clearCaches, ConcretizationError, ArgumentError, ShapeError, type NDArray } from "@numjit/runtime";
import { expectClose } from "./helpers.js";

describe("caching and recompilation", () => {
  it("compiles once per input signature and counts hits", () => {
    const f = jit((x: NDArray) => np.multiply(x, 2));
    for (let i = 0; i < 5; i++) f(np.ones([3]));
    expect(f.cacheInfo()).toMatchObject({ calls: 5, traces: 1, precompiledCalls: 0, hits: 4, misses: 1, entries: 1 });
    f(np.ones([4]));
    f(np.ones([3], { dtype: "float64" }));
    expect(f.cacheInfo()).toMatchObject({ traces: 3, entries: 3 });
  });

  it("explains a cache miss: which argument changed, and the compile cost", () => {
    const err = vi.spyOn(console, "error").mockImplementation(() => {});
    const f = jit((x: NDArray, y: NDArray) => np.add(x, y), { explainCacheMisses: true });
    f(np.ones([2]), np.ones([2]));
    f(np.ones([2]), np.ones([2], { dtype: "float64" }));
    const msg = err.mock.calls.map((c) => String(c[0])).join("\n");
    err.mockRestore();
    expect(msg).toMatch(/recompiling: leaf 1: float32\[2\] -> float64\[2\]/);
    expect(msg).toMatch(/compile \d+\.\d+ ms/);
  });

  it("warns once when a function keeps recompiling", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const f = jit((x: NDArray) => np.sin(x), { recompileWarning: 3, name: "wobbly" });
    for (let n = 1; n <= 8; n++) f(np.ones([n]));
    const calls = warn.mock.calls.filter((c) => String(c[0]).includes("wobbly"));
    warn.mockRestore();
    expect(calls).toHaveLength(1);
    expect(String(calls[0]![0])).toMatch(/compiled 4 times.*float32\[3\] -> float32\[4\]/);
  });

  it("keeps the cache bounded under 10,000 distinct shapes", () => {
    const f = jit((x: NDArray) => np.add(x, 1), { cacheSize: 16, recompileWarning: Infinity });
    for (let n = 0; n < 10000; n++) f(np.zeros([n % 5000, 1 + (n >= 5000 ? 1 : 0)]));
    expect(f.cacheInfo().entries).toBeLessThanOrEqual(16);
    expect(f.cacheInfo().traces).toBe(10000);
  });

  it("clearCaches() empties every cache", () => {
    const f = jit((x: NDArray) => np.exp(x));
    f(np.ones([2]));
    clearCaches();
    expect(f.cacheInfo().entries).toBe(0);
    f(np.ones([2]));
    expect(f.cacheInfo().traces).toBe(2);
  });
});

describe("static arguments", () => {
  it("hashes static args by value and recompiles per value", () => {
    const f = jit((x: NDArray, axis: number) => np.sum(x, axis), { staticArgnums: [1] });
    const x = np.arange(6).reshape(2, 3);
    expect(f(x, 0).toArray()).toEqual([3, 5, 7]);
    expect(f(x, 1).toArray()).toEqual([3, 12]);
    expect(f(x, 0).toArray()).toEqual([3, 5, 7]);
    expect(f.cacheInfo().traces).toBe(2);
  });
  it("maps staticArgnames to parameters by name", () => {
    const f = jit((x: NDArray, power: number) => np.power(x, power), { staticArgnames: ["power"] });
    expect(f(np.array([2, 3]), 3).toArray()).toEqual([8, 27]);
    expect(() => jit((x: NDArray) => x, { staticArgnames: ["nope"] })).toThrow(/'nope' is not a parameter/);
  });
  it("rejects unhashable static args at the call, with a clear error", () => {
    const f = jit((x: NDArray, _o: unknown) => x, { staticArgnums: [1] });
    expect(() => f(np.ones([1]), () => 1)).toThrow(ArgumentError);
    expect(() => f(np.ones([1]), { a: 1 })).toThrow(/mutable object; freeze it/);
    expect(() => f(np.ones([1]), new Map())).toThrow(/Map instance/);
    expect(f(np.ones([1]), Object.freeze({ a: 1 })).toArray()).toEqual([1]);
  });
});

describe("tracing", () => {
  it("a traced value in an if is a ConcretizationError naming the function", () => {
    const relu = jit(function myRelu(x: NDArray) {
      return (x.item() as number) > 0 ? x : np.zerosLike(x);
    });
    expect(() => relu(np.array(1))).toThrow(ConcretizationError);
    expect(() => relu(np.array(1))).toThrow(/inside 'myRelu'.*np\.where.*staticArgnums/s);
  });
  it("Number(x) and toArray() while tracing are concretization errors", () => {
    expect(() => jit((x: NDArray) => np.add(x, Number(x)))(np.array(1))).toThrow(ConcretizationError);
    expect(() => jit((x: NDArray) => (x.toArray(), x))(np.array(1))).toThrow(ConcretizationError);
  });
  it("shape errors while tracing name the op and the user's source line", () => {
    const f = jit((x: NDArray, y: NDArray) => np.add(x, y));
    try {
      f(np.ones([2, 3]), np.ones([4]));
      expect.fail("should throw");
    } catch (e) {
      expect(e).toBeInstanceOf(ShapeError);
      expect((e as ShapeError).code).toBe("NJ101");
      expect(String((e as Error).message)).toMatch(/footguns\.test\.ts:\d+/);
    }
  });
  it("side effects run at trace time only", () => {
    let calls = 0;
    const f = jit((x: NDArray) => {
      calls++;
      return np.add(x, 1);
    });
    for (let i = 0; i < 5; i++) f(np.ones([2]));
    expect(calls).toBe(1);
  });
  it("nested jit inlines into the outer trace", () => {
    const inner = jit((x: NDArray) => np.multiply(x, 3));
    const outer = jit((x: NDArray) => np.add(inner(x), 1));
    expect(outer(np.array([1, 2])).toArray()).toEqual([4, 7]);
    // inner traced once, inside outer's trace (a jit_call inlined into outer's program)
    expect(inner.cacheInfo()).toMatchObject({ traces: 1, misses: 0, runtimeCompiles: 0 });
    expect(outer.lower(np.array([1, 2])).jaxpr.toString()).toContain("mul");
  });
  it("pytrees in and out", () => {
    const f = jit((p: { w: NDArray; b: NDArray }, xs: NDArray[]) => ({ y: np.add(np.matmul(xs[0]!, p.w), p.b), n: xs.length }));
    const out = f({ w: np.ones([2, 2]), b: np.array([1, 2]) }, [np.array([[1, 2]])]) as unknown as { y: NDArray; n: NDArray };
    expect(out.y.toArray()).toEqual([[4, 5]]);
    expect(out.n.item()).toBe(1);
  });
});

describe("views and layouts", () => {
  it("accepts non-contiguous inputs (transposed, sliced, reversed, broadcast)", () => {
    const base = np.arange(24).astype("float32").reshape(2, 3, 4);
    const views = [
      base.transpose([2, 0, 1]),
      base.slice(":", "::-1", "1:3"),
      np.broadcastTo(np.array([1, 2, 3, 4]), [3, 4]),
      base.T.slice(0),
    ];
    const f = (x: NDArray) => np.add(np.multiply(x, x), np.sum(x, -1, { keepdims: true }));
    const jf = jit(f);
    for (const v of views) expectClose(jf(v), f(v), 0, 0, `view ${v.shape}`);
  });
  it("returns views of inputs where the program is a view", () => {
    const f = jit((x: NDArray) => x.T);
    const x = np.arange(6).reshape(2, 3);
    expect(f(x).toArray()).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
  });
  it("matmul with transposed operands and a fused epilogue matches eager", () => {
    const a = np.arange(12).astype("float32").reshape(3, 4),
      b = np.arange(20).astype("float32").reshape(5, 4);
    const f = (a: NDArray, b: NDArray) => nn.relu(np.subtract(np.matmul(a, b.T), 100));
    expectClose(jit(f)(a, b), f(a, b));
  });
});

describe("no code generation allowed", () => {
  it("falls back to the IR on eager kernels under --disallow-code-generation-from-strings", () => {
    mkdirSync("test-artifacts", { recursive: true });
    const dir = mkdtempSync(join("test-artifacts", "nocg-"));
    const script = join(dir, "run.mjs");
    writeFileSync(
      script,
      `
      import { numpy as np, nn, jit } from "@numjit/runtime";
      let blocked = false; try { new Function("return 1"); } catch { blocked = true; }
      const f = jit((x, y) => nn.softmax(np.add(np.multiply(x, 2), y)));
      const x = np.arange(6).astype("float32").reshape(2, 3), y = np.ones([3]);
      const got = f(x, y).toArray(), want = nn.softmax(np.add(np.multiply(x, 2), y)).toArray();
      console.log(JSON.stringify({ blocked, got, want, info: f.cacheInfo() }));
    `,
    );
    const r = spawnSync(process.execPath, ["--disallow-code-generation-from-strings", script], { cwd: process.cwd(), encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split("\n").pop()!);
    expect(out.blocked).toBe(true);
    expect(out.info.eagerFallbacks).toBe(1);
    expect(out.got).toEqual(out.want);
    expect(r.stderr).toMatch(/code generation is not allowed here/);
  });
});

describe("regressions", () => {
  it("a jitted function first run eagerly still transforms correctly (no fast path on tracers)", async () => {
    const { vmap } = await import("@numjit/runtime");
    const jf = jit((x: NDArray) => np.multiply(x, 2));
    const x = np.array([1, 2, 3]);
    jf(x);
    expect(jit((y: NDArray) => np.add(jf(y), 1))(x).toArray()).toEqual([3, 5, 7]);
    expect(
      (vmap(jf) as (a: NDArray) => NDArray)(
        np.array([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      ).toArray(),
    ).toEqual([
      [2, 4, 6],
      [8, 10, 12],
    ]);
  });
  it("an elementwise op is either a matmul epilogue or fused into its reduction, never both", () => {
    const f = (x: NDArray, y: NDArray, w: NDArray) => np.sum(np.multiply(np.matmul(x, y), w));
    const args = [np.arange(12).astype("float32").reshape(3, 4), np.ones([4, 2]), np.arange(6).astype("float32").reshape(3, 2)] as const;
    expectClose(jit(f)(...args), f(...args));
    const g = (x: NDArray, w: NDArray) => np.mean(nn.relu(np.matmul(x, w)));
    expectClose(jit(g)(args[0], args[1]), g(args[0], args[1]));
  });
  it("an output that is a broadcast view of a kernel result has the view's size", () => {
    const r = jit((x: NDArray) => np.broadcastTo(np.sum(x, 0, { keepdims: true }), [2, 4]))(np.ones([3, 4]));
    expect(r.size).toBe(8);
    expect(r.toArray()).toEqual([
      [3, 3, 3, 3],
      [3, 3, 3, 3],
    ]);
  });
  it("jit inside grad that closes over the differentiated value runs inline", async () => {
    const { grad } = await import("@numjit/runtime");
    const g = grad((y: NDArray) => np.sum(jit((z: NDArray) => np.multiply(z, y))(np.array([1, 2]))));
    expect((g(np.array(3)) as NDArray).item()).toBeCloseTo(3, 6);
  });
});
