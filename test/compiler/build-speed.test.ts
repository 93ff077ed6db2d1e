// What makes `numjit build` cheaper must not change what it writes: the declarations spliced in after
// TypeScript's emit (splice.ts) give the same module and source map as printing them through the
// printer, and the content-keyed caches of the build return the same output on a hit and new output when
// the input changed.
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { buildFile, clearBuildCaches, numjitTransformer } from "@numjit/compiler";
import { numpy as np, type NDArray } from "@numjit/runtime";
import { buildKernels, clearCodegenCaches } from "@numjit/runtime/internal";
import { freeNames, parsesAlone, shadowedName } from "../../packages/compiler/src/phases/codegen/index.js";

// several functions, multi-line kernels and plans, code after the declarations (mapped lines that move)
const SRC = `import { jit, numpy as np, type NDArray } from "@numjit/runtime";

const scale = 1.5;

export const chain = jit((x: NDArray, y: NDArray) => np.add(np.multiply(np.tanh(np.add(np.multiply(x, scale), 0.3)), y), 1));

/** @numjit x: f32[B, N] */
export const rowSum = jit((x: NDArray) => np.sum(np.exp(x), -1));

export function use(a: NDArray) {
  return chain(a, a);
}
`;

/** The tsc transformer's output, every declaration printed by TypeScript (nothing deferred). */
function printed(file: string, code: string): { code: string; map: string | undefined } {
  const r = ts.transpileModule(code, {
    fileName: file,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: file.endsWith(".cts") ? ts.ModuleKind.CommonJS : ts.ModuleKind.ESNext,
      sourceMap: true,
      jsx: ts.JsxEmit.ReactJSX,
      allowJs: true,
      verbatimModuleSyntax: false,
      isolatedModules: true,
      rewriteRelativeImportExtensions: true,
    },
    transformers: { before: [numjitTransformer(undefined, { log: false })] },
  });
  return { code: r.outputText, map: r.sourceMapText };
}

describe("build speed keeps the output", () => {
  it("declarations spliced in after the emit: the same code and source map as printed by TypeScript", () => {
    for (const [file, code] of [
      ["src/model.ts", SRC],
      ["src/model.cts", SRC.replace(/^export /gm, "")],
      ["src/crlf.ts", SRC.replace(/\n/g, "\r\n")],
    ] as const) {
      const built = buildFile(file, code, {});
      expect(built.valid).toBe(true);
      expect(built.module?.stats.precompiled).toBe(2);
      // some declarations were deferred (multi-line ones among them)
      const deferred = built.module!.plan!.declTexts.filter((d) => d.parsed);
      expect(deferred.some((d) => d.text.includes("\n"))).toBe(true);
      const ref = printed(file, code);
      expect(built.code).toBe(ref.code);
      expect(built.map).toBe(ref.map);
    }
  });

  it("the content caches: a rebuild gives the same output, a changed function new kernels (none stale), as a first build", () => {
    const file = "src/cached.ts";
    clearBuildCaches();
    const first = buildFile(file, SRC, {});
    const again = buildFile(file, SRC, {});
    expect(again.code).toBe(first.code);
    expect(again.map).toBe(first.map);
    // one op changed: tanh -> exp in chain, rowSum untouched
    const edited = SRC.replace("np.tanh(", "np.exp(");
    const warm = buildFile(file, edited, {});
    clearBuildCaches();
    const cold = buildFile(file, edited, {});
    expect(warm.code).toBe(cold.code);
    expect(warm.map).toBe(cold.map);
    expect(warm.code).not.toBe(first.code);
    // the edited chain's kernel computes exp, and no declaration of the first build's tanh kernel remains
    expect(warm.code).toContain("H.exp32(");
    expect(warm.code).not.toContain("H.tanh32(");
    expect(first.code).toContain("H.tanh32(");
    // the shared wasm module follows its kernels
    const wasm = (code: string) => /const __nj_w = \{ bytes: "([^"]*)"/.exec(code)?.[1];
    expect(wasm(first.code)).toBeDefined();
    expect(wasm(warm.code)).toBe(wasm(cold.code));
    expect(wasm(warm.code)).not.toBe(wasm(first.code));
    // another module with a kernel of the first (its wasm function reused) ships what a first build ships
    const other = `import { jit, numpy as np } from "@numjit/runtime";
export const rowMax = jit((x: np.NDArray) => np.max(np.exp(x), -1));
export const again = jit((x: np.NDArray, y: np.NDArray) => np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1));
`;
    clearBuildCaches();
    buildFile(file, SRC, {});
    const shared = buildFile("src/other.ts", other, {});
    clearBuildCaches();
    const alone = buildFile("src/other.ts", other, {});
    expect(wasm(shared.code)).toBeDefined();
    expect(shared.code).toBe(alone.code);
  });

  it("elementwise kernel texts are reused by what determines them: a hit is the fresh text, with its own constants", () => {
    const f32 = (n: number) => ({ shape: [n], dtype: "float32" as const });
    const i32 = (n: number) => ({ shape: [n], dtype: "int32" as const });
    const scaled = (c: number) => (a: NDArray, b: NDArray) => np.add(np.multiply(a, c), b);
    const kernel = (fn: (a: NDArray, b: NDArray) => NDArray, args: unknown[]) => {
      const ks = buildKernels(fn, args).kernels;
      expect(ks).toHaveLength(1);
      return ks[0]!;
    };
    clearCodegenCaches();
    const two = kernel(scaled(2), [f32(4), f32(4)]);
    // another function, other constants, other sizes: the same text and signature (a hit), its own constants
    const three = kernel(scaled(3), [f32(7), f32(7)]);
    expect(three.source).toBe(two.source);
    expect(three.signature).toBe(two.signature);
    expect(two.constants).toEqual([2]);
    expect(three.constants).toEqual([3]);
    expect(three.ir.body.consts).toEqual([3]);
    // the hit is what a generation without the cache writes
    clearCodegenCaches();
    const fresh = kernel(scaled(3), [f32(7), f32(7)]);
    expect(fresh.source).toBe(three.source);
    expect(fresh.signature).toBe(three.signature);
    // another dtype, another structure: another kernel
    const ints = kernel(scaled(3), [i32(7), i32(7)]);
    expect(ints.signature).not.toBe(three.signature);
    expect(ints.source).toContain("Math.imul");
    const sub = kernel((a, b) => np.subtract(np.multiply(a, 3), b), [f32(7), f32(7)]);
    expect(sub.signature).not.toBe(three.signature);
    expect(sub.source).toContain(" - ");
    // one input read twice: other loads, another kernel
    const square = kernel((a, b) => np.add(np.multiply(a, a), b), [f32(7), f32(7)]);
    expect(square.signature).not.toBe(three.signature);
  });

  it("shadowedName (token scan, parse only when a name is spelled) answers as the full parse does", () => {
    const top = new Set(["Math", "a", "b", "x", "args", "tmp", "k"]);
    const sources = [
      "function k0(o, a0) { o[0] = Math.exp(a0[0]); }",
      'function p(R) { return R.fail("dtype", "a", "b"); }',
      "function p(R) { /* a b */ const x = 1; // Math\n return R.x + x; }",
      "function p(R) { return R.Math.a?.b; }",
      "function p(...args) { return [...args, tmp]; }",
      "function p() { return 'it\\'s a' + \"q\\\"b\" + b; }",
      "function p(o) { o[0] = 1e5 / 2 + a; }",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal inside the generated source
      "function p() { return `${x}`; }",
      'function p() { return /a"/.test(k); }',
      "function p() { const \\u0061 = 1; return a; }",
      "function p(o) { const y = { a: 1, Math: 2 }; return y.a; }",
      'function p() { return "é" + a + "a".length; }',
      "function p(o) { return o. x + o.\n Math; }",
    ];
    for (const src of sources) expect(shadowedName(src, top), src).toBe(freeNames(src).find((n) => top.has(n)));
    expect(shadowedName("function k0(o, a0) { o[0] = Math.exp(a0[0]); }", top)).toBe("Math");
    expect(shadowedName('function p(R) { return R.fail("dtype", "a", "b"); }', top)).toBeUndefined();
  });

  it("parsesAlone: V8 compiles a source (strict mode, never run) or reports it does not", () => {
    expect(parsesAlone("function k(o) { o[0] = 1; }")).toBe(true);
    expect(parsesAlone("function k(o) { o[0] = ; }")).toBe(false);
    expect(parsesAlone("function k(o) { with (o) {} }")).toBe(false);
    // compiling is not running
    expect(parsesAlone("function k() { throw new Error('ran'); }")).toBe(true);
  });
});
