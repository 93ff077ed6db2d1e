// What makes `numjit build` cheaper must not change what it writes: the declarations spliced in after
// TypeScript's emit (splice.ts) give the same module and source map as printing them through the
// printer, and the content-keyed caches of the build return the same output on a hit and new output when
// the input changed.
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { buildFile, numjitTransformer } from "@numjit/compiler";

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
});
