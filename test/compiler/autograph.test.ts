// AutoGraph (compiler phases/autograph + runtime autograph helpers): the source conversion of if/else,
// ?:, while and counted for loops (exact converted text), the constructs it keeps as JS with their one
// diagnostic (code, line, column), and the behaviour of converted functions: eager ≡ runtime jit ≡
// precompiled ≡ a JS reference, on dense inputs and views; grad through the lowered if (lax.cond) against
// float64 central differences; vmap of a lowered if against a JS loop.
import { describe, expect, it } from "vitest";
import { type NDArray, grad, jit, jvp, numpy as np, vmap } from "@numjit/runtime";
import { autograph, parse, transform } from "@numjit/compiler";
import { type ArraySpec, type Layout, makeInput } from "../numpy/runner.js";
import { buildModule, importFresh } from "./helpers.js";

const HEAD = 'import { numpy as np, jit } from "@numjit/runtime";\n';
const convert = (body: string) => autograph(parse(HEAD + body, "m.ts"))?.code.slice(HEAD.length);
const AG = 'import { autograph as __nj_ag } from "@numjit/runtime";\n';

describe("conversion", () => {
  it("if/else on a traced value: a carry of the assigned locals", () => {
    const src =
      "export const f = jit((x: np.NDArray) => {\n  let y = x;\n" +
      "  if (np.any(x)) { y = np.sin(y); } else y = np.cos(y);\n  return y;\n});\n";
    expect(convert(src)).toBe(
      AG +
        "export const f = jit((x: np.NDArray) => {\n  let y = x;\n" +
        '  __nj_ag.ifStmt(np.any(x), () => { y = np.sin(y); }, () => { y = np.cos(y); }, () => [y], v => { [y] = v; }, ["y"]);\n' +
        "  return y;\n});\n",
    );
  });

  it("an if without else, nested in a while: inner first, the loop carries both variables", () => {
    const src =
      "export const f = jit((x: np.NDArray) => {\n  let s = x, n = 0;\n  while (np.less(np.sum(s), 9)) {\n" +
      "    if (np.any(s)) n = np.add(n, 1);\n    s = np.add(s, 1);\n  }\n  return [s, n];\n});\n";
    expect(convert(src)).toBe(
      AG +
        "export const f = jit((x: np.NDArray) => {\n  let s = x, n = 0;\n" +
        "  __nj_ag.whileStmt(() => (np.less(np.sum(s), 9)), () => {\n" +
        '    __nj_ag.ifStmt(np.any(s), () => { n = np.add(n, 1); }, undefined, () => [n], v => { [n] = v; }, ["n"]);\n' +
        "    s = np.add(s, 1);\n" +
        '  }, () => [n, s], v => { [n, s] = v; }, ["n","s"]);\n' +
        "  return [s, n];\n});\n",
    );
  });

  it("a return in tail position: the rest of the function becomes the other branch", () => {
    const src = "export const f = jit((x: np.NDArray) => {\n  if (np.any(x)) return np.sin(x);\n  const y = np.cos(x);\n  return y;\n});\n";
    expect(convert(src)).toBe(
      AG +
        "export const f = jit((x: np.NDArray) => {\n" +
        "  return __nj_ag.ifExp(np.any(x), () => { return np.sin(x); }, () => {" +
        " \n  const y = np.cos(x);\n  return y; }, () => [], () => {});\n" +
        "});\n",
    );
  });

  it("ternaries (nested) and counted for loops; static conditions and bounds stay JS", () => {
    const src =
      "const K = 3;\nexport const f = jit((x: np.NDArray, n: number) => {\n" +
      "  let y = x.ndim === 2 ? np.sum(x, 1) : x;\n" +
      "  for (let i = 0; i < K; i++) y = np.add(y, i);\n" +
      "  for (let i = 0; i < n; i++) y = np.multiply(y, 2);\n" +
      "  return np.any(y) ? (np.all(y) ? y : x) : x;\n});\n";
    expect(convert(src)).toBe(
      AG +
        "const K = 3;\nexport const f = jit((x: np.NDArray, n: number) => {\n" +
        "  let y = x.ndim === 2 ? np.sum(x, 1) : x;\n" +
        "  for (let i = 0; i < K; i++) y = np.add(y, i);\n" +
        '  __nj_ag.forRange(0, n, i => { y = np.multiply(y, 2); }, () => [y], v => { [y] = v; }, ["y"]);\n' +
        "  return (__nj_ag.ifExp(np.any(y), () => (((__nj_ag.ifExp(np.all(y), () => (y), () => (x))))), () => (x)));\n});\n",
    );
  });

  it("module helpers the jit function calls are converted; other functions are not", () => {
    const src =
      "function helper(x: np.NDArray) { return np.any(x) ? x : np.negative(x); }\n" +
      "function other(x: np.NDArray) { return np.any(x) ? x : 1; }\n" +
      "export const f = jit((x: np.NDArray) => helper(x));\n";
    const out = convert(src)!;
    expect(out).toContain("function helper(x: np.NDArray) { return (__nj_ag.ifExp(np.any(x), () => (x), () => (np.negative(x)))); }");
    expect(out).toContain("function other(x: np.NDArray) { return np.any(x) ? x : 1; }");
  });

  it("constructs that cannot be lowered keep their JS form, the condition guarded", () => {
    const src =
      "export const f = jit((x: np.NDArray) => {\n  const out: np.NDArray[] = [];\n" +
      "  if (np.any(x)) out.push(x);\n" +
      "  while (np.any(x)) { x = np.subtract(x, 1); if (np.all(x)) break; }\n" +
      "  return out;\n});\n";
    expect(convert(src)).toBe(
      AG +
        "export const f = jit((x: np.NDArray) => {\n  const out: np.NDArray[] = [];\n" +
        '  if (__nj_ag.test(np.any(x), "an if", "it mutates \'out\', an object declared outside it")) out.push(x);\n' +
        '  while (__nj_ag.test(np.any(x), "a while loop", "it contains a break, continue or return")) { x = np.subtract(x, 1); ' +
        'if (__nj_ag.test(np.all(x), "an if", "it contains a break or continue")) break; }\n' +
        "  return out;\n});\n",
    );
  });

  it("!, && and || whose left side may be traced: helpers with JS short-circuit semantics", () => {
    const src = "export const f = jit((x: np.NDArray) => (!np.any(x) && np.all(x)) || x.ndim === 1 && np.any(x));\n";
    expect(convert(src)).toBe(
      AG +
        "export const f = jit((x: np.NDArray) => __nj_ag.or((__nj_ag.and(__nj_ag.not(np.any(x)), () => (np.all(x)))), " +
        "() => (x.ndim === 1 && np.any(x))));\n",
    );
  });

  it("transforming a transformed module changes nothing", () => {
    const src =
      HEAD +
      "export const f = jit((x: np.NDArray) => {\n  const out = [x];\n  if (np.any(x)) out.push(x);\n  let y = x;\n" +
      "  while (np.any(y)) y = np.subtract(y, 1);\n  return np.any(y) ? out : [y];\n});\n";
    const once = transform(src, "/virtual/twice.ts", { sourceMap: false }).code;
    expect(once).toContain("__nj_ag.whileStmt(");
    expect(transform(once, "/virtual/twice.ts", { sourceMap: false }).code).toBe(once);
  });

  it("a module with nothing to convert is not converted", () => {
    expect(convert("export const f = jit((x: np.NDArray) => (x.ndim === 1 ? x : np.ravel(x)));\n")).toBeUndefined();
  });
});

describe("diagnostics", () => {
  const diagnose = (body: string) =>
    transform(HEAD + body, "/virtual/m.ts", { sourceMap: false }).diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`);

  it("one NJ717 at the condition of a construct kept as JS when the build meets it traced", () => {
    const src =
      "/** @numjit x: f32[N] */\nexport const f = jit((x: np.NDArray) => {\n  for (let i = 0; i < 3; i++) {\n" +
      "    if (np.any(x)) return x;\n    x = np.add(x, 1);\n  }\n  return x;\n});\n" +
      "/** @numjit x: f32[N] */\nexport const g = jit((x: np.NDArray) => {\n" +
      "  const out = [x];\n  if (np.any(x)) out.push(x);\n  return out;\n});\n";
    expect(diagnose(src)).toEqual(["NJ717 5:9", "NJ717 13:7"]);
  });

  it("a guarded condition that is static at build time reports nothing", () => {
    const src =
      "/** @numjit x: f32[N], flag = true | false */\nexport const f = jit((x: np.NDArray, flag: boolean) => {\n  const out = [x];\n" +
      "  if (flag) out.push(np.sin(x));\n  return out[out.length - 1];\n}, { staticArgnums: [1] });\n";
    expect(transform(HEAD + src, "/virtual/m.ts").code).toContain('if (__nj_ag.test(flag, "an if"');
    expect(diagnose(src)).toEqual([]);
  });

  it("the positions of other diagnostics inside converted code point at the original source", () => {
    const src =
      "/** @numjit x: f32[N] */\nexport const f = jit((x: np.NDArray) => {\n  let y = x;\n" +
      "  if (np.any(x)) { y = np.nosuch(y); }\n  return y;\n});\n";
    expect(diagnose(src)).toEqual(["NJ803 5:27"]);
  });
});

const SRC = `import { numpy as np, jit } from "@numjit/runtime";

export function flipBody(x: np.NDArray) {
  let y = np.multiply(x, 2);
  if (np.greater(np.sum(x), 0)) {
    y = np.add(y, 1);
  } else {
    y = np.negative(y);
  }
  return y;
}
export function earlyBody(x: np.NDArray) {
  if (np.any(np.less(x, 0))) return np.abs(x);
  const r = np.sqrt(x);
  return r;
}
export function pickBody(x: np.NDArray) {
  return np.greater(np.max(x), 1) ? np.divide(x, np.max(x)) : x;
}
export function doublingBody(x: np.NDArray) {
  let s = np.sum(np.abs(x));
  let n = np.zeros([], { dtype: "int32" });
  while (np.less(s, 100)) {
    s = np.multiply(s, 2);
    n = np.add(n, 1);
  }
  return [s, n];
}
export function powersBody(x: np.NDArray, k: number) {
  let acc = x;
  for (let i = 0; i < k; i++) acc = np.multiply(acc, x);
  return acc;
}
export function logicBody(x: np.NDArray) {
  if (!np.any(np.less(x, 0)) && np.greater(np.sum(x), 1)) return np.multiply(x, 10);
  return np.less(np.max(x), 0) || np.greater(np.min(x), 0.3) ? np.negative(x) : x;
}
export function growBody(x: np.NDArray) {
  let y = x;
  while (np.less(np.sum(y), 10)) y = np.multiply(y, 1.5);
  return np.sum(np.sin(y));
}
export function scalarBody(x: np.NDArray) {
  let y = np.sum(np.sin(x));
  if (np.greater(y, 0)) {
    y = np.multiply(y, y);
  } else {
    y = np.negative(y);
  }
  return y;
}
/** @numjit x: f32[N] */
export const flip = jit(flipBody);
/** @numjit x: f32[N] */
export const early = jit(earlyBody);
/** @numjit x: f32[N] */
export const pick = jit(pickBody);
/** @numjit x: f32[N] */
export const doubling = jit(doublingBody);
/** @numjit x: f32[N], k: number */
export const powers = jit(powersBody);
/** @numjit x: f64[N] */
export const scalar = jit(scalarBody);
/** @numjit x: f32[N] */
export const logic = jit(logicBody);
/** @numjit x: f64[N] */
export const grow = jit(growBody);
`;

type Fn = (...a: unknown[]) => unknown;
const values = (a: unknown): number[] =>
  Array.isArray(a) ? a.flatMap(values) : Array.from((a as NDArray).toTypedArray() as ArrayLike<number>);
const LAYOUTS: Layout[] = ["dense", "strided", "offset", "negative", "broadcast"];
const input = (data: number[], layout: Layout, dtype: "float32" | "float64" = "float32") =>
  makeInput({ dtype, shape: [data.length], data } as ArraySpec, layout);

/** JS references (float64 arithmetic, rounded to float32 where the function is float32). */
const REF: Record<string, (x: number[], k?: number) => number[]> = {
  flip: (x) => (x.reduce((a, b) => a + b, 0) > 0 ? x.map((v) => 2 * v + 1) : x.map((v) => -2 * v)),
  early: (x) => (x.some((v) => v < 0) ? x.map(Math.abs) : x.map(Math.sqrt)),
  pick: (x) => {
    const m = Math.max(...x);
    return m > 1 ? x.map((v) => v / m) : x;
  },
  doubling: (x) => {
    let s = x.reduce((a, b) => a + Math.abs(b), 0);
    let n = 0;
    while (s < 100) [s, n] = [s * 2, n + 1];
    return [s, n];
  },
  powers: (x, k = 0) => x.map((v) => v ** (k + 1)),
  logic: (x) => {
    if (!x.some((v) => v < 0) && x.reduce((a, b) => a + b, 0) > 1) return x.map((v) => 10 * v);
    return Math.max(...x) < 0 || Math.min(...x) > 0.3 ? x.map((v) => -v) : x;
  },
};
const INPUTS = [
  [0.5, 1, 2, -0.25],
  [-3, 1, 0.25, -1],
  [4, 9, 0.25, 1],
  [-4, -9, -0.25, -1],
  [0.5, 0.25, 0.125, 0.0625],
];

describe("behaviour: eager ≡ runtime jit ≡ precompiled ≡ reference", async () => {
  const built = buildModule("autograph", SRC);
  const mod = await importFresh<Record<string, Fn>>(built.file);

  it("every function is precompiled, with no diagnostic", () => {
    expect(built.result.diagnostics).toEqual([]);
    expect(built.result.module?.stats).toMatchObject({ functions: 8, precompiled: 8 });
    expect(built.result.code).toContain("__nj_ag.whileStmt(");
  });

  for (const name of ["flip", "early", "pick", "doubling", "powers", "logic"]) {
    it(`${name}: every path and layout`, () => {
      const body = mod[`${name}Body`]!;
      const runtimeJit = jit(body as (...a: never[]) => unknown) as unknown as Fn;
      for (const data of INPUTS)
        for (const layout of LAYOUTS)
          for (const k of name === "powers" ? [0, 1, 3] : [undefined]) {
            const x = input(data, layout);
            const args = k === undefined ? [x] : [x, k];
            const want = REF[name]!(values(x), k);
            const label = `${name}(${data}) ${layout} k=${k}`;
            for (const [path, f] of [
              ["eager", body],
              ["runtime jit", runtimeJit],
              ["precompiled", mod[name]!],
            ] as const) {
              const got = values(f(...args));
              expect(got.length, `${label} ${path}`).toBe(want.length);
              got.forEach((g, i) => expect(g, `${label} ${path} [${i}]`).toBeCloseTo(want[i]!, 4));
            }
          }
    });
  }

  it("the lowered functions trace lax control flow (cond / while), not a branch chosen at trace time", () => {
    const ir = built.result.module!.calls.map(
      (c) => `${c.name}: ${c.scheduled!.groups.map((g) => g.trace.result.optimizedText).join("\n")}`,
    );
    expect(ir.find((t) => t.startsWith("flip:"))).toMatch(/= cond\[/);
    expect(ir.find((t) => t.startsWith("early:"))).toMatch(/= cond\[/);
    expect(ir.find((t) => t.startsWith("pick:"))).toMatch(/= cond\[/);
    expect(ir.find((t) => t.startsWith("doubling:"))).toMatch(/= while\[/);
    expect(ir.find((t) => t.startsWith("powers:"))).toMatch(/= while\[/);
  });

  it("grad through the lowered if (lax.cond) equals float64 central differences, eager and under jit", () => {
    const f = mod["scalarBody"]! as (x: NDArray) => NDArray;
    for (const data of [
      [0.3, 1.2, -0.4],
      [-0.3, -1.2, 0.4],
    ]) {
      const x = input(data, "dense", "float64");
      const h = 1e-6;
      const fd = data.map((_, i) => {
        const p = data.slice(),
          m = data.slice();
        p[i]! += h;
        m[i]! -= h;
        return ((f(input(p, "dense", "float64")).item() as number) - (f(input(m, "dense", "float64")).item() as number)) / (2 * h);
      });
      for (const g of [grad(f), grad(jit(f)), grad(mod["scalar"] as (x: NDArray) => NDArray)]) {
        const got = values(g(x));
        got.forEach((v, i) => expect(v).toBeCloseTo(fd[i]!, 6));
      }
    }
  });

  it("vmap of a lowered if: a batched predicate selects per row, equal to a JS loop over the rows", () => {
    const rows = [
      [0.5, 1, 2],
      [-3, 1, 0.25],
      [1, -2, -0.5],
    ];
    const xs = np.array(rows, { dtype: "float32" });
    for (const f of [mod["flipBody"]!, jit(mod["flipBody"] as (x: NDArray) => NDArray) as unknown as Fn]) {
      const got = values(vmap(f as (x: NDArray) => NDArray)(xs));
      expect(got).toEqual(rows.flatMap((r) => REF["flip"]!(r).map((v) => Math.fround(v))));
    }
  });

  it("jvp through a lowered while (lax.whileLoop) equals central differences; grad: eager unrolls, under jit NJ508", () => {
    const f = mod["growBody"]! as (x: NDArray) => NDArray;
    const data = [0.5, 1.25, 2];
    const dir = [0.3, -0.2, 0.1];
    const h = 1e-6;
    const at = (s: number) =>
      f(
        input(
          data.map((v, i) => v + s * dir[i]!),
          "dense",
          "float64",
        ),
      ).item() as number;
    const fd = (at(h) - at(-h)) / (2 * h);
    for (const g of [f, jit(f), mod["grow"] as typeof f]) {
      const [, t] = jvp(g, [input(data, "dense", "float64")], [input(dir, "dense", "float64")]) as [NDArray, NDArray];
      expect(t.item()).toBeCloseTo(fd, 6);
    }
    // eager grad sees concrete values (as JAX's grad does): the JS loop runs, its ops are differentiated
    const g = values(grad(f)(input(data, "dense", "float64")));
    data.forEach((_, i) => {
      const e = data.map((__, j) => (i === j ? 1 : 0));
      const one = (s: number) =>
        f(
          input(
            data.map((v, j) => v + s * e[j]!),
            "dense",
            "float64",
          ),
        ).item() as number;
      expect(g[i]).toBeCloseTo((one(h) - one(-h)) / (2 * h), 6);
    });
    // under jit the loop is a whileLoop: reverse mode is NJ508, as for lax.whileLoop
    expect(() => grad(jit(f))(input(data, "dense", "float64"))).toThrow(expect.objectContaining({ code: "NJ508" }));
  });

  it("vmap of a lowered while: each lane runs until its own condition ends, equal to a JS loop over the rows", () => {
    const rows = [
      [0.5, 1, 2],
      [30, 40, 50],
      [-0.1, 0.1, 0.05],
    ];
    const xs = np.array(rows, { dtype: "float32" });
    for (const f of [mod["doublingBody"]!, jit(mod["doublingBody"] as (x: NDArray) => NDArray) as unknown as Fn]) {
      const [s, n] = vmap(f as (x: NDArray) => NDArray[])(xs) as unknown as NDArray[];
      expect([values(s!), values(n!)]).toEqual([
        rows.map((r) => Math.fround(REF["doubling"]!(r)[0]!)),
        rows.map((r) => REF["doubling"]!(r)[1]!),
      ]);
    }
  });

  it("a variable assigned in one branch only has no value on the other path: NJ404 naming it", () => {
    const src = `import { numpy as np, jit } from "@numjit/runtime";
export function oneBranch(x: np.NDArray) {
  let y;
  if (np.any(x)) y = np.sin(x);
  return y;
}
export const f = jit(oneBranch);
`;
    const t = transform(src, "/virtual/one.ts", { sourceMap: false });
    expect(t.code).toContain("__nj_ag.ifStmt(");
    return importFresh<Record<string, Fn>>(buildModule("autograph-one-branch", src).file).then((m) => {
      expect(values(m["oneBranch"]!(np.array([1, 0])))).toEqual([Math.fround(Math.sin(1)), 0]);
      expect(() => (jit(m["oneBranch"] as (x: NDArray) => NDArray) as Fn)(np.array([1, 0]))).toThrow(
        expect.objectContaining({ code: "NJ404", data: { construct: "if", name: "y" } }),
      );
    });
  });
});
