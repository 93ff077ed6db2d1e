// Source maps from transform(): positions in the emitted code map back to the input, and through an
// input map (e.g. TS -> JS from an earlier step) back to the original file.
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { decode } from "@jridgewell/sourcemap-codec";
import { type RawSourceMap, transform } from "@numjit/compiler";

const SRC = `import { numpy as np, jit } from "@numjit/runtime";

const helper = (x: np.NDArray) => np.exp(x);

export const f = jit((x: np.NDArray, y: np.NDArray) => {
  return np.add(helper(x), y);
});
`;

/** Original [line, column] (0-based) of the generated position, or undefined. */
function original(map: RawSourceMap, code: string, needle: string): [string | null, number, number] | undefined {
  const at = code.indexOf(needle);
  expect(at, needle).toBeGreaterThanOrEqual(0);
  const before = code.slice(0, at).split("\n");
  const line = before.length - 1,
    col = before[before.length - 1]!.length;
  const segs = decode(map.mappings)[line] ?? [];
  let best: number[] | undefined;
  for (const s of segs) if (s[0] <= col && s.length >= 4) best = s as number[];
  if (!best) return undefined;
  return [map.sources[best[1]!] ?? null, best[2]!, best[3]!];
}

function pos(text: string, needle: string): [number, number] {
  const at = text.indexOf(needle);
  const before = text.slice(0, at).split("\n");
  return [before.length - 1, before[before.length - 1]!.length];
}

describe("source maps", () => {
  it("transform() maps emitted code back to the input (the rewritten call and untouched code)", () => {
    const r = transform(SRC, "src/model.ts");
    expect(r.map).not.toBeNull();
    expect(r.map!.sources).toEqual(["src/model.ts"]);
    expect(r.map!.sourcesContent).toEqual([SRC]);
    const [, l1, c1] = original(r.map!, r.code, "np.add(helper(x), y)")!;
    expect([l1, c1]).toEqual(pos(SRC, "np.add(helper(x), y)"));
    const [, l2, c2] = original(r.map!, r.code, "__nj_pre(")!;
    expect([l2, c2]).toEqual(pos(SRC, "jit((x"));
    const [, l3] = original(r.map!, r.code, "const helper")!;
    expect(l3).toBe(pos(SRC, "const helper")[0]);
  });

  it("chains through an input map to the original file", () => {
    const js = ts.transpileModule(SRC, {
      fileName: "model.ts",
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, sourceMap: true },
    });
    const inputMap = JSON.parse(js.sourceMapText!) as RawSourceMap;
    const code = js.outputText.replace(/\/\/# sourceMappingURL=.*/, "");
    const r = transform(code, "model.js", { inputMap });
    expect(r.map!.sources).toEqual(["model.ts"]);
    const [src, line, col] = original(r.map!, r.code, "np.add(helper(x), y)")!;
    expect(src).toBe("model.ts");
    expect([line, col]).toEqual(pos(SRC, "np.add(helper(x), y)"));
    // a string input map works the same
    const r2 = transform(code, "model.js", { inputMap: js.sourceMapText! });
    expect(r2.map!.mappings).toBe(r.map!.mappings);
  });

  it("sourceMap: false gives no map; modules without jit are returned untouched with map null", () => {
    expect(transform(SRC, "a.ts", { sourceMap: false }).map).toBeNull();
    const plain = transform("export const x = 1;\n", "b.ts");
    expect(plain).toMatchObject({ code: "export const x = 1;\n", map: null, diagnostics: [], stats: { functions: 0 } });
  });
});
