// The tsc front door: @numjit/compiler/transformer from ts-patch's tsconfig `plugins` entry (tspc, the
// live-patched compiler; no install step), from program.emit(..., { before }), and from
// ts.transpileModule with CommonJS output.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { numpy as np } from "@numjit/runtime";
import { numjitTransformer } from "@numjit/compiler";
import { ARTIFACTS, REPO, importFresh } from "./helpers.js";

const TSPC = path.join(REPO, "node_modules", "ts-patch", "bin", "tspc.js");

const MODEL = `import { numpy as np, nn, jit } from "@numjit/runtime";
export const f = jit((x: np.NDArray, y: np.NDArray) => np.add(np.exp(x), y));
/** @numjit x: f32[B, 4], w: f32[4, 3], b: f32[3] */
export const layer = jit((x: np.NDArray, w: np.NDArray, b: np.NDArray) => nn.relu(np.add(np.matmul(x, w), b)));
export const g = jit((x: np.NDArray) => { if (np.any(x)) return np.cumsum(x, -1); return np.negative(x); });
export const h = jit((x: np.NDArray) => { for (let i = 0; i < 2; i++) { if (np.any(x)) return x; } return x; });
`;

// AutoGraph through tsc: traced if / ?: / while / counted for (a traced bound), each function exported
// eager (converted too: JS semantics on concrete arrays) and jitted (precompiled: no trace at run time)
const AG_MODEL = `import { numpy as np, jit } from "@numjit/runtime";
export function flipE(x: np.NDArray) {
  let y = np.multiply(x, 2); // doubled
  if (np.greater(np.sum(x), 0)) {
    y = np.add(y, 1);
  } else y = np.negative(y);
  return y;
}
export function pickE(x: np.NDArray) {
  return np.greater(np.max(x), 1) ? np.divide(x, np.max(x)) : x;
}
export function doublingE(x: np.NDArray) {
  let s = np.sum(np.abs(x));
  let n = np.asarray(0, { dtype: "int32" });
  while (np.less(s, 100)) {
    s = np.multiply(s, 2);
    n = np.add(n, 1);
  }
  return [s, n];
}
export function powersE(x: np.NDArray, k: number) {
  let acc = x;
  for (let i = 0; i < k; i++) acc = np.multiply(acc, x);
  return acc;
}
/** @numjit x: f32[3] */
export const flip = jit(flipE);
/** @numjit x: f32[3] */
export const pick = jit(pickE);
/** @numjit x: f32[3] */
export const doubling = jit(doublingE);
/** @numjit x: f32[2], k: i32[] */
export const powers = jit(powersE);
`;

type AnyNp = typeof np;
type Fn = (...a: unknown[]) => unknown;

/** The AutoGraph model's functions, eager and precompiled, against JS references: returns the jitted ones. */
function checkAutograph(m: Record<string, Fn>, rnp: AnyNp = np): J[] {
  const f32 = (a: number[]) => rnp.array(a, { dtype: "float32" });
  const vals = (a: unknown): number[] =>
    Array.isArray(a) ? a.flatMap(vals) : [...((a as np.NDArray).toTypedArray() as Float32Array)].map(Number);
  const cases: [string, unknown[], number[]][] = [
    ["flip", [f32([0.5, 1, 2])], [2, 3, 5]],
    ["flip", [f32([-3, 1, 0.25])], [6, -2, -0.5]],
    ["pick", [f32([0.5, 1, 2])], [0.25, 0.5, 1]],
    ["pick", [f32([0.5, -1, 0])], [0.5, -1, 0]],
    ["doubling", [f32([0.5, 1, 2])], [112, 5]],
    ["doubling", [f32([50, 30, 40])], [120, 0]],
    ["powers", [f32([2, 3]), rnp.asarray(3, { dtype: "int32" })], [16, 81]],
    ["powers", [f32([2, 3]), rnp.asarray(0, { dtype: "int32" })], [2, 3]],
  ];
  for (const [name, args, want] of cases) {
    expect(vals(m[`${name}E`]!(...args)), `${name} eager`).toEqual(want);
    expect(vals(m[name]!(...args)), `${name} jit`).toEqual(want);
  }
  const jitted = ["flip", "pick", "doubling", "powers"].map((n) => m[n] as unknown as J);
  for (const j of jitted) expect(j.cacheInfo()).toMatchObject({ traces: 0, runtimeCompiles: 0 });
  return jitted;
}

type J = ((...a: unknown[]) => { toArray(): unknown }) & { cacheInfo(): { calls: number; traces: number; runtimeCompiles: number } };

function project(name: string, files: Record<string, string>, plugin: object = { transform: "@numjit/compiler/transformer" }): string {
  const dir = path.join(ARTIFACTS, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ type: "module" }));
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          outDir: "out",
          rootDir: "src",
          strict: true,
          skipLibCheck: true,
          types: [],
          plugins: [plugin],
        },
        include: ["src/**/*.ts"],
      },
      null,
      2,
    ),
  );
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, "src", f), text);
  return dir;
}

describe("ts-patch (tsconfig plugins entry, tspc)", () => {
  it("precompiles, prints fallbacks as warnings, and exits 0", async () => {
    const dir = project("tsp-ok", { "model.ts": MODEL });
    const r = spawnSync(process.execPath, [TSPC, "-p", "tsconfig.json"], { cwd: dir, encoding: "utf8" });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    // g is converted (its cumsum needs a rank, unknown without an annotation: NJ710); h's return inside a loop is not (NJ717)
    expect(r.stderr).toMatch(/model\.ts:5:\d+ - warning NJ710/);
    expect(r.stderr).toMatch(/model\.ts:6:77 - warning NJ717/);
    const out = fs.readFileSync(path.join(dir, "out", "model.js"), "utf8");
    expect(out).toMatch(/import \{ precompiled as __nj_pre \} from "@numjit\/runtime\/(internal|precompiled)";/);
    expect(out).toMatch(/export const f = __nj_pre\(/);
    expect(out).toMatch(/export const g = jit\(\(x\) => \{ return __nj_ag\.ifExp\(np\.any\(x\)/);
    const m = await importFresh<Record<string, J>>(path.join(dir, "out", "model.js"));
    expect(m.f!(np.array([0, 1]), np.array([1, 1])).toArray()).toEqual([2, Math.fround(Math.E + 1)]);
    expect(m.layer!(np.ones([2, 4]), np.ones([4, 3]), np.array([-5, 0, 1])).toArray()).toEqual([
      [0, 4, 5],
      [0, 4, 5],
    ]);
    expect(m.f!.cacheInfo()).toMatchObject({ runtimeCompiles: 0 });
    expect(m.layer!.cacheInfo()).toMatchObject({ runtimeCompiles: 0 });
  });

  it("reports NJ8xx errors as tsc errors (exit status 2), with the named export form", () => {
    const dir = project(
      "tsp-err",
      {
        "bad.ts":
          `import { numpy as np, jit } from "@numjit/runtime";\n/** @numjit x: f32[N, 3], w: f32[4, M] */\n` +
          "export const p = jit((x: np.NDArray, w: np.NDArray) => np.matmul(x, w));\n",
      },
      { transform: "@numjit/compiler/transformer", import: "numjitTransformer" },
    );
    const r = spawnSync(process.execPath, [TSPC, "-p", "tsconfig.json"], { cwd: dir, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/src\/bad\.ts\(3,\d+\): error TS801: NJ801: \[NJ104\] matmul: shapes \(N, 3\) and \(4, M\) are not aligned/);
  });
});

describe("program.emit(..., { before: [numjitTransformer(program)] })", () => {
  it("emits precompiled modules through the TS API", async () => {
    const dir = path.join(ARTIFACTS, "emit-api");
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "model.ts");
    fs.writeFileSync(file, MODEL);
    const program = ts.createProgram([file], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      outDir: dir,
      skipLibCheck: true,
      types: [],
      sourceMap: true,
    });
    const written = new Map<string, string>();
    const warnings: string[] = [];
    const res = program.emit(undefined, (name, text) => written.set(path.basename(name), text), undefined, false, {
      before: [numjitTransformer(program, { log: false, onModule: (_f, m) => warnings.push(...m.diagnostics.map((d) => d.code)) })],
    });
    expect(res.emitSkipped).toBe(false);
    expect(warnings).toEqual(["NJ710", "NJ717"]);
    const js = written.get("model.js")!;
    expect(js).toMatch(/__nj_pre\(/);
    expect(JSON.parse(written.get("model.js.map")!).sources).toEqual(["model.ts"]);
    const out = path.join(dir, "model.emitted.js");
    fs.writeFileSync(out, js.replace(/\/\/# sourceMappingURL=.*/, ""));
    const m = await importFresh<Record<string, J>>(out);
    expect(m.f!(np.array([0]), np.array([1])).toArray()).toEqual([2]);
    expect(m.f!.cacheInfo()).toMatchObject({ calls: 1, runtimeCompiles: 0 });
  });
});

describe("AutoGraph through tsc: traced if / ?: / while / for, eager ≡ precompiled", () => {
  it("ts-patch (tspc)", async () => {
    const dir = project("tsp-ag", { "model.ts": AG_MODEL });
    const r = spawnSync(process.execPath, [TSPC, "-p", "tsconfig.json"], { cwd: dir, encoding: "utf8" });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    const out = fs.readFileSync(path.join(dir, "out", "model.js"), "utf8");
    expect(out).toMatch(/^import \{ autograph as __nj_ag \} from "@numjit\/runtime";$/m);
    // the user's statements are tsc's own nodes: comments and types handled as without AutoGraph
    expect(out).toContain("let y = np.multiply(x, 2); // doubled");
    expect(out).toMatch(/__nj_ag\.whileStmt\(\(\) => \(np\.less\(s, 100\)\)/);
    expect(out).not.toMatch(/: np\.NDArray/);
    checkAutograph(await importFresh<Record<string, Fn>>(path.join(dir, "out", "model.js")));
  });

  for (const kind of ["ESNext", "CommonJS"] as const) {
    it(`program.emit with { before: [numjitTransformer(program)] }, ${kind} output`, async () => {
      const dir = path.join(ARTIFACTS, `emit-ag-${kind}`);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, "model.ts");
      fs.writeFileSync(file, AG_MODEL);
      const program = ts.createProgram([file], {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind[kind],
        moduleResolution: kind === "ESNext" ? ts.ModuleResolutionKind.Bundler : ts.ModuleResolutionKind.Node10,
        outDir: dir,
        skipLibCheck: true,
        types: [],
        sourceMap: true,
      });
      const written = new Map<string, string>();
      const diags: string[] = [];
      const res = program.emit(undefined, (name, text) => written.set(path.basename(name), text), undefined, false, {
        before: [numjitTransformer(program, { log: false, onModule: (_f, m) => diags.push(...m.diagnostics.map((d) => d.code)) })],
      });
      expect(res.emitSkipped).toBe(false);
      expect(diags).toEqual([]);
      const js = written.get("model.js")!.replace(/\/\/# sourceMappingURL=.*/, "");
      // the original positions of the user's code: `np.greater(np.sum(x), 0)` is on line 4 of model.ts
      const map = JSON.parse(written.get("model.js.map")!) as { sources: string[] };
      expect(map.sources).toEqual(["model.ts"]);
      if (kind === "ESNext") {
        const out = path.join(dir, "model.emitted.js");
        fs.writeFileSync(out, js);
        checkAutograph(await importFresh<Record<string, Fn>>(out));
      } else {
        expect(js).toMatch(/const \{ autograph: __nj_ag \} = require\("@numjit\/runtime"\);/);
        const out = path.join(dir, "model.cjs");
        fs.writeFileSync(out, js);
        const req = createRequire(import.meta.url);
        checkAutograph(req(out) as Record<string, Fn>, (req("@numjit/runtime") as { numpy: AnyNp }).numpy);
      }
    });
  }
});

describe("ts.transpileModule with CommonJS output", () => {
  it("uses require() for the internal entry and runs", () => {
    const r = ts.transpileModule(MODEL, {
      fileName: "model.ts",
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS },
      transformers: { before: [numjitTransformer(undefined, { log: false })] },
    });
    expect(r.outputText).toMatch(/const \{ precompiled: __nj_pre \} = require\("@numjit\/runtime\/(internal|precompiled)"\);/);
    const file = path.join(ARTIFACTS, "model.cjs");
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(file, r.outputText);
    const req = createRequire(import.meta.url);
    const m = req(file) as Record<string, J>;
    // the same runtime instance as the CommonJS module (vitest's own import is a separate instance)
    const rnp = (req("@numjit/runtime") as { numpy: typeof np }).numpy;
    const out = m.f!(rnp.array([0, 0]), rnp.array([1, 2]));
    expect(out.toArray()).toEqual([2, 3]);
    expect(m.f!.cacheInfo()).toMatchObject({ calls: 1, runtimeCompiles: 0 });
  });
});
