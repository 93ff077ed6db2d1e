// jit regressions: option validation, caches of dropped jitted functions, and arguments that are not
// array pytrees. Each test failed before its fix (a hang, a silently ignored option, a leak, a raw TypeError).
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { numpy as np, jit, grad, clearCaches, ArgumentError, type NDArray } from "@numjit/runtime";

/** The error `run` throws (fails the test when it returns). */
function thrown(run: () => unknown): ArgumentError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ArgumentError);
    return e as ArgumentError;
  }
  return expect.fail("expected an ArgumentError");
}

describe("jit options are validated when jit() is called", () => {
  const f = (x: NDArray, k: number) => np.multiply(x, k);
  const BAD: [string, Record<string, unknown>, string, unknown][] = [
    ["cacheSize -1 (hung on the first call)", { cacheSize: -1 }, "cacheSize", -1],
    ["cacheSize NaN (meant unbounded)", { cacheSize: NaN }, "cacheSize", NaN],
    ["cacheSize 2.5", { cacheSize: 2.5 }, "cacheSize", 2.5],
    ["cacheSize as a string", { cacheSize: "8" }, "cacheSize", "8"],
    ["recompileWarning -3", { recompileWarning: -3 }, "recompileWarning", -3],
    ["staticArgnums with a name (was ignored)", { staticArgnums: ["k"] }, "staticArgnums", ["k"]],
    ["staticArgnums out of range (was ignored)", { staticArgnums: [2] }, "staticArgnums", [2]],
    ["staticArgnums negative", { staticArgnums: [-1] }, "staticArgnums", [-1]],
    ["staticArgnums 1.5", { staticArgnums: 1.5 }, "staticArgnums", 1.5],
    ["staticArgnums an object", { staticArgnums: { 0: 1 } }, "staticArgnums", { 0: 1 }],
    ["staticArgnames with a position", { staticArgnames: [1] }, "staticArgnames", [1]],
    ["staticArgnames unknown name", { staticArgnames: ["nope"] }, "staticArgnames", ["nope"]],
    ["unknown option backend", { backend: "cpu" }, "backend", "cpu"],
    ["unknown option (JAX spelling)", { static_argnums: [1] }, "static_argnums", [1]],
    ["explainCacheMisses as a string", { explainCacheMisses: "yes" }, "explainCacheMisses", "yes"],
    ["name as a number", { name: 3 }, "name", 3],
  ];
  it.each(BAD)("%s", (_, opts, option, value) => {
    const e = thrown(() => jit(f, opts as never));
    expect(e.code).toBe("NJ306");
    expect(e.data).toEqual({ op: "jit", option, value });
    expect(e.message).toMatch(/^\[NJ306\] jit: /);
    expect(e.message).toContain(option);
  });

  it("options that are not an object", () => {
    expect(thrown(() => jit(f, 3 as never)).data).toEqual({ op: "jit", option: "options", value: 3 });
    expect(thrown(() => jit(f, [1] as never)).code).toBe("NJ306");
  });

  it("valid options still work: Infinity, 0, single numbers and names, defaults, destructuring and rest", () => {
    const g = jit(f, { cacheSize: Infinity, recompileWarning: Infinity, staticArgnums: 1, explainCacheMisses: false, name: "g" });
    expect(g(np.array([1, 2]), 3).toArray()).toEqual([3, 6]);
    const noCache = jit(f, { cacheSize: 0, staticArgnames: "k" });
    expect(noCache(np.array([1, 2]), 2).toArray()).toEqual([2, 4]);
    expect(noCache(np.array([1, 2]), 2).toArray()).toEqual([2, 4]);
    expect(noCache.cacheInfo()).toMatchObject({ traces: 2, entries: 0 });
    // parameters with nested defaults and destructuring are counted right; a rest parameter takes any position
    const h = (x: NDArray, shape: unknown[] = [1, [2, 3]], { a }: { a: number } = { a: 0 }, mode = "s,(") =>
      np.add(np.add(x, shape.length + mode.length), a);
    const jh = jit(h, { staticArgnums: [3], staticArgnames: ["shape"] });
    expect(jh(np.array([0]), Object.freeze([1]) as unknown[], { a: 1 }, "ab").toArray()).toEqual([4]);
    // @ts-expect-error h has four parameters (the type rejects position 4 as well)
    expect(thrown(() => jit(h, { staticArgnums: [4] })).data).toEqual({ op: "jit", option: "staticArgnums", value: [4] });
    const r = (x: NDArray, ...ks: number[]) => np.multiply(x, ks.length);
    expect(jit(r, { staticArgnums: [3] })(np.array([1]), 0, 0, 5).toArray()).toEqual([3]);
  });
});

describe("caches of dropped jitted functions are collected", () => {
  it("a child `node --expose-gc` creating and dropping 5,000 jitted functions keeps the heap bounded", () => {
    const runtime = fileURLToPath(new URL("../../packages/runtime/dist/index.js", import.meta.url));
    const dir = mkdtempSync(join(tmpdir(), "numjit-gc-"));
    const script = join(dir, "gc.mjs");
    writeFileSync(
      script,
      `
      const { numpy: np, jit, clearCaches } = await import(${JSON.stringify(runtime)});
      const x = np.ones([4]);
      const settle = async () => { for (let i = 0; i < 4; i++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 0)); } };
      for (let i = 0; i < 100; i++) jit((a) => np.add(a, 1))(x);
      await settle();
      const before = process.memoryUsage().heapUsed;
      let first;
      for (let i = 0; i < 5000; i++) {
        const f = jit((a) => np.add(a, 1));
        f(x);
        if (i === 0) first = new WeakRef(f);
      }
      await settle();
      const growth = process.memoryUsage().heapUsed - before;
      const kept = jit((a) => np.multiply(a, 2));
      kept(x);
      clearCaches();
      console.log(JSON.stringify({ growth, collected: first.deref() === undefined, keptEntries: kept.cacheInfo().entries }));
    `,
    );
    const r = spawnSync(process.execPath, ["--expose-gc", script], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout.trim()) as { growth: number; collected: boolean; keptEntries: number };
    expect(out.collected).toBe(true);
    // a strong registry kept ~9 KB per jitted function (~45 MB here); bounded means a few MB of noise
    expect(out.growth).toBeLessThan(8 * 2 ** 20);
    expect(out.keptEntries).toBe(0);
  });

  it("clearCaches() still empties every live cache", () => {
    const fs = [0, 1, 2].map((k) => jit((x: NDArray) => np.add(x, k)));
    for (const f of fs) f(np.ones([2]));
    clearCaches();
    expect(fs.map((f) => f.cacheInfo().entries)).toEqual([0, 0, 0]);
  });
});

describe("arguments of a jitted function", () => {
  const add = jit((x: NDArray, y: unknown) => np.add(x, y as NDArray));
  const BAD: [string, unknown, string, string][] = [
    ["a string", "abc", "args[1]", "a string"],
    ["a BigInt", 3n, "args[1]", "a BigInt"],
    ["a function", () => 1, "args[1]", "a function"],
    ["a symbol", Symbol("s"), "args[1]", "a symbol"],
    ["a Map", new Map(), "args[1]", "a Map instance"],
    ["a Date deep in a pytree", { a: [1, { b: new Date(0) }] }, "args[1].a[1].b", "a Date instance"],
    ["a string under an odd key", { "my key": "s" }, 'args[1]["my key"]', "a string"],
  ];
  it.each(BAD)("%s is an ArgumentError naming jit, the path and the type", (_, y, path, type) => {
    const e = thrown(() => add(np.ones([2]), y));
    expect(e.code).toBe("NJ307");
    expect(e.data).toMatchObject({ op: "jit", path, type });
    expect(e.message).toMatch(/^\[NJ307\] jit\(/);
    expect(e.message).toContain("staticArgnums");
  });

  it("non-array values pass as static arguments", () => {
    const f = jit((x: NDArray, mode: string) => (mode === "sum" ? np.sum(x) : np.max(x)), { staticArgnums: [1] });
    expect(f(np.array([1, 5]), "sum").item()).toBe(6);
    expect(f(np.array([1, 5]), "max").item()).toBe(5);
  });

  it("pytree errors outside jit are typed too (grad of a string)", () => {
    const e = thrown(() => grad((x: unknown) => np.sum(x as NDArray))("s" as never));
    expect(e.code).toBe("NJ301");
    expect(e.message).toContain("pytree");
  });

  it("typed arrays are array leaves, converted like np.array (dtype from the typed array)", () => {
    const cases: [ArrayBufferView, string][] = [
      [new Float32Array([0.1, 2]), "float32"],
      [new Float64Array([0.1, 2]), "float64"],
      [new Int32Array([1, -2]), "int32"],
      [new Int16Array([1, -2]), "int32"],
    ];
    const f = (x: NDArray, y: NDArray) => np.multiply(np.add(x, y), 2);
    for (const [t, dtype] of cases) {
      const got = jit(f)(t as never, t as never);
      const want = f(np.array(t as never), np.array(t as never));
      expect(got.dtype).toBe(dtype);
      expect(got.toArray()).toEqual(want.toArray());
    }
    expect(jit(f)(new Float64Array([0.5]) as never, np.array([1], { dtype: "float64" })).toArray()).toEqual([3]);
    const tree = jit((p: { w: NDArray; b: NDArray[] }) => np.add(np.sum(p.w), p.b[0]!));
    expect(tree({ w: new Float64Array([1, 2, 3]) as never, b: [new Int32Array([10]) as never] }).toArray()).toEqual([16]);
    const e = thrown(() => jit(f)(new BigInt64Array(2) as never, np.ones([2])));
    expect(e.code).toBe("NJ302");
  });
});
