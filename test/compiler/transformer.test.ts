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
export const g = jit((x: np.NDArray) => { if (np.any(x)) return x; return np.negative(x); });
`;

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
    expect(r.stderr).toMatch(/model\.ts:5:\d+ - warning NJ705/);
    const out = fs.readFileSync(path.join(dir, "out", "model.js"), "utf8");
    expect(out).toMatch(/import \{ precompiled as __nj_pre \} from "@numjit\/runtime\/(internal|precompiled)";/);
    expect(out).toMatch(/export const f = __nj_pre\(/);
    expect(out).toMatch(/export const g = jit\(/);
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
    expect(warnings).toEqual(["NJ705"]);
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
