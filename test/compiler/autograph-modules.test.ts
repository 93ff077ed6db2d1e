// AutoGraph across modules: a jit function calling helpers imported from another module of the program
// (named and renamed imports) has the helpers' traced control flow converted too — through the tsc
// transformer (program.emit), the CLI's buildFile with its graph, and transform() with a graph a bundler
// plugin fills as it goes. Only the exported functions a jit function reaches are converted; eager ≡
// precompiled (no trace at run time) ≡ JS references; a construct that cannot be lowered in a helper is
// reported at the call with the helper's file:line:col.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { numpy as np } from "@numjit/runtime";
import { ModuleGraph, buildFile, numjitTransformer, transform } from "@numjit/compiler";
import { ARTIFACTS, importFresh } from "./helpers.js";

const HELPERS = `import { numpy as np } from "@numjit/runtime";
export function flipNeg(x: np.NDArray) {
  if (np.less(np.sum(x), 0)) return np.negative(x);
  return x;
}
export function doublings(x: np.NDArray) {
  let s = np.sum(x);
  let n = np.asarray(0, { dtype: "int32" });
  while (np.less(s, 100)) {
    s = np.multiply(s, 2);
    n = np.add(n, 1);
  }
  return n;
}
export function unreached(x: np.NDArray) {
  return np.any(x) ? x : np.negative(x);
}
export function loopy(x: np.NDArray) {
  for (let i = 0; i < 3; i++) {
    if (np.any(np.less(x, 0))) return x;
  }
  return x;
}
`;

const MODEL = `import { numpy as np, jit } from "@numjit/runtime";
import { flipNeg, doublings as dbl } from "./helpers.js";
import { loopy } from "./helpers.js";
/** @numjit x: f32[3] */
export const f = jit((x: np.NDArray) => dbl(flipNeg(x)));
/** @numjit x: f32[3] */
export const g = jit((x: np.NDArray) => loopy(x));
export { flipNeg, doublings } from "./helpers.js";
`;

type J = ((...a: unknown[]) => np.NDArray) & { cacheInfo(): { traces: number; runtimeCompiles: number } };

function write(dir: string): { model: string; helpers: string } {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const model = path.join(dir, "model.ts");
  const helpers = path.join(dir, "helpers.ts");
  fs.writeFileSync(model, MODEL);
  fs.writeFileSync(helpers, HELPERS);
  return { model, helpers };
}

function checkHelpers(js: string): void {
  expect(js).toContain("return __nj_ag.ifExp(np.less(np.sum(x), 0)");
  expect(js).toContain("__nj_ag.whileStmt(() => (np.less(s, 100))");
  // not reached from a jit function: plain JS
  expect(js).toMatch(/return np\.any\(x\) \? x : np\.negative\(x\);/);
}

async function checkRun(dir: string, diags: string[]): Promise<void> {
  // g's helper returns from inside a loop: reported at the call in model.ts, naming helpers.ts:line:col
  expect(diags).toEqual([expect.stringMatching(/^model\.ts:7:\d+ NJ717 .*in 'loopy' \(helpers\.ts:20:9\)/)]);
  const m = await importFresh<Record<string, J>>(path.join(dir, "model.js"));
  const f32 = (a: number[]) => np.array(a, { dtype: "float32" });
  for (const [x, want] of [
    [[0.5, 1, 2], 5],
    [[-10, -20, 5], 2],
    [[50, 30, 40], 0],
  ] as const) {
    expect(Number(m.f!(f32([...x])).item()), `f(${x})`).toBe(want);
    expect(Number(m.doublings!(m.flipNeg!(f32([...x]))).item()), `eager (${x})`).toBe(want);
  }
  expect(m.f!.cacheInfo()).toMatchObject({ traces: 0, runtimeCompiles: 0 });
  expect(() => m.g!(f32([1, -1, 0]))).toThrow(expect.objectContaining({ code: "NJ403" }));
}

const located = (file: string, d: { line: number; column: number; code: string; message: string }) =>
  `${path.basename(file)}:${d.line}:${d.column} ${d.code} ${d.message}`;

describe("AutoGraph across modules", () => {
  it("the tsc transformer (program.emit): the helpers a jit function reaches are converted", async () => {
    const dir = path.join(ARTIFACTS, "ag-modules-tsc");
    const { model, helpers } = write(dir);
    const program = ts.createProgram([model, helpers], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      outDir: dir,
      skipLibCheck: true,
      types: [],
    });
    const diags: string[] = [];
    const res = program.emit(undefined, undefined, undefined, false, {
      before: [numjitTransformer(program, { log: false, onModule: (f, m) => diags.push(...m.diagnostics.map((d) => located(f, d))) })],
    });
    expect(res.emitSkipped).toBe(false);
    checkHelpers(fs.readFileSync(path.join(dir, "helpers.js"), "utf8"));
    await checkRun(dir, diags);
  });

  it("the CLI (buildFile with the inputs' graph)", async () => {
    const dir = path.join(ARTIFACTS, "ag-modules-cli");
    const files = write(dir);
    const graph = ModuleGraph.ofFiles([files.model, files.helpers]);
    const diags: string[] = [];
    for (const file of [files.model, files.helpers]) {
      const r = buildFile(file, fs.readFileSync(file, "utf8"), { sourceMap: false, graph });
      expect(r.valid).toBe(true);
      diags.push(...r.diagnostics.map((d) => located(file, d)));
      fs.writeFileSync(file.replace(/\.ts$/, ".js"), r.code);
    }
    checkHelpers(fs.readFileSync(path.join(dir, "helpers.js"), "utf8"));
    await checkRun(dir, diags);
  });

  it("transform() with a graph filled as modules are transformed (bundler plugins), importer first", () => {
    const dir = path.join(ARTIFACTS, "ag-modules-bundler");
    const { model, helpers } = write(dir);
    const graph = new ModuleGraph();
    expect(transform(HELPERS, helpers, { graph }).code).toBe(HELPERS);
    graph.addFile(model);
    const t = transform(MODEL, model, { graph });
    expect(t.stats.precompiled).toBe(1);
    checkHelpers(transform(HELPERS, helpers, { graph }).code);
  });
});
