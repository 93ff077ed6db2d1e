// The build-time trace follows helpers imported from local modules in every import form — named, renamed,
// namespace (`helpers.f(x)`), default, re-exported (`export { f } from`, `export * from`,
// `export * as ns from`, `export { default as g } from`) — transitively and through an import cycle, in
// the three front doors (tsc transformer, CLI with a tsconfig, transform() with a bundler's graph). Each
// jit function is precompiled (no trace at run time) and equals the same helpers run eagerly. A helper
// that cannot be followed (a package import) is reported with file:line:col and the reason.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { numpy as np } from "@numjit/runtime";
import { ModuleGraph, buildFile, numjitTransformer, transform } from "@numjit/compiler";
import { ARTIFACTS, importFresh } from "./helpers.js";

const FILES: Record<string, string> = {
  "helpers.ts": `import { numpy as np } from "@numjit/runtime";
import { viaCycle } from "./cycle.js";
const OFFSET = 0.5;
export function scale(x: np.NDArray) {
  return np.multiply(x, 2);
}
export default function center(x: np.NDArray) {
  return np.subtract(x, np.mean(x));
}
export const shift = (x: np.NDArray) => np.add(x, OFFSET);
export function flipNeg(x: np.NDArray) {
  if (np.less(np.sum(x), 0)) return np.negative(x);
  return x;
}
export function useCycle(x: np.NDArray) {
  return np.add(viaCycle(x), 1);
}
`,
  // imports back from helpers.ts: a cycle
  "cycle.ts": `import { numpy as np } from "@numjit/runtime";
import * as h from "./helpers.js";
export function viaCycle(x: np.NDArray) {
  return h.scale(np.sin(x));
}
`,
  "more.ts": `import { numpy as np } from "@numjit/runtime";
export function cube(x: np.NDArray) {
  return np.multiply(np.multiply(x, x), x);
}
`,
  "reexport.ts": `export { scale as twice } from "./helpers.js";
export { default as centered } from "./helpers.js";
export * from "./more.js";
export * as H from "./helpers.js";
`,
  "model.ts": `import { numpy as np, jit } from "@numjit/runtime";
import { scale } from "./helpers.js";
import { scale as dbl } from "./helpers.js";
import * as helpers from "./helpers.js";
import center from "./helpers.js";
import { twice, centered, cube, H } from "./reexport.js";
import * as R from "./reexport.js";
/** @numjit x: f32[N] */
export const named = jit((x: np.NDArray) => scale(x));
/** @numjit x: f32[N] */
export const renamed = jit((x: np.NDArray) => dbl(x));
/** @numjit x: f32[N] */
export const namespace = jit((x: np.NDArray) => helpers.flipNeg(helpers.shift(helpers.scale(x))));
/** @numjit x: f32[N] */
export const byDefault = jit((x: np.NDArray) => center(x));
/** @numjit x: f32[N] */
export const reexported = jit((x: np.NDArray) => np.add(np.add(twice(x), centered(x)), np.add(cube(x), H.shift(x))));
/** @numjit x: f32[N] */
export const reexportedNs = jit((x: np.NDArray) => R.H.scale(R.cube(R.twice(x))));
/** @numjit x: f32[N] */
export const cyclic = jit((x: np.NDArray) => helpers.useCycle(x));
`,
};

/** Each jit function of model.ts, and the same computation with the helpers run eagerly. */
type H = Record<string, (x: np.NDArray) => np.NDArray> & { H: Record<string, (x: np.NDArray) => np.NDArray> };
const EAGER: Record<string, (h: H, r: H, x: np.NDArray) => np.NDArray> = {
  named: (h, _r, x) => h.scale!(x),
  renamed: (h, _r, x) => h.scale!(x),
  namespace: (h, _r, x) => h.flipNeg!(h.shift!(h.scale!(x))),
  byDefault: (h, _r, x) => h.default!(x),
  reexported: (_h, r, x) => np.add(np.add(r.twice!(x), r.centered!(x)), np.add(r.cube!(x), r.H.shift!(x))),
  reexportedNs: (_h, r, x) => r.H.scale!(r.cube!(r.twice!(x))),
  cyclic: (h, _r, x) => h.useCycle!(x),
};

type J = ((x: np.NDArray) => np.NDArray) & { cacheInfo(): { traces: number; runtimeCompiles: number } };

function write(dir: string, files = FILES): Record<string, string> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const out: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) fs.writeFileSync((out[name] = path.join(dir, name)), text);
  return out;
}

const located = (file: string, d: { line: number; column: number; code: string; message: string }) =>
  `${path.basename(file)}:${d.line}:${d.column} ${d.code} ${d.message}`;

async function checkRun(dir: string, diags: string[]): Promise<void> {
  expect(diags).toEqual([]);
  const m = await importFresh<Record<string, J>>(path.join(dir, "model.js"));
  const h = await importFresh<H>(path.join(dir, "helpers.js"));
  const r = await importFresh<H>(path.join(dir, "reexport.js"));
  for (const [name, eager] of Object.entries(EAGER)) {
    for (const x of [
      [0.5, 1, -2],
      [-3, -4, 1.5, 0.25],
    ]) {
      const a = np.array(x, { dtype: "float32" });
      const got = m[name]!(a);
      const want = eager(h, r, a);
      expect(got.dtype, name).toBe("float32");
      expect(got.shape, name).toEqual(want.shape);
      // a fused float32 chain rounds once at the store (FEATURES.md): an ulp from eager's op-by-op rounding
      const w = want.toTypedArray() as Float32Array;
      (got.toTypedArray() as Float32Array).forEach((v, i) =>
        expect(Math.abs(v - w[i]!), `${name}(${x})[${i}]`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(w[i]!))),
      );
    }
    expect(m[name]!.cacheInfo(), name).toMatchObject({ traces: 0, runtimeCompiles: 0 });
  }
  // the values themselves, not only agreement: scale then shift then flipNeg on [0.5, 1, -2] is [1.5, 2.5, -3.5]
  expect(Array.from(m.namespace!(np.array([0.5, 1, -2], { dtype: "float32" })).toTypedArray() as Float32Array)).toEqual([1.5, 2.5, -3.5]);
}

describe("helpers imported from local modules are traced at build time", () => {
  it("the tsc transformer (program.emit)", async () => {
    const dir = path.join(ARTIFACTS, "imports-tsc");
    const files = write(dir);
    const program = ts.createProgram(Object.values(files), {
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
    await checkRun(dir, diags);
  });

  it("the CLI with a tsconfig (buildFile with the program's graph)", async () => {
    const dir = path.join(ARTIFACTS, "imports-cli");
    const files = write(dir, {
      ...FILES,
      "tsconfig.json": JSON.stringify({ compilerOptions: { module: "ESNext", moduleResolution: "Bundler" }, include: ["*.ts"] }),
    });
    const graph = ModuleGraph.ofFiles([files["model.ts"]!]);
    const diags: string[] = [];
    for (const [name, file] of Object.entries(files)) {
      if (!name.endsWith(".ts")) continue;
      const r = buildFile(file, fs.readFileSync(file, "utf8"), { sourceMap: false, graph });
      expect(r.valid, name).toBe(true);
      diags.push(...r.diagnostics.map((d) => located(file, d)));
      fs.writeFileSync(file.replace(/\.ts$/, ".js"), r.code);
    }
    await checkRun(dir, diags);
  });

  it("transform() with a graph filled as a bundler transforms modules (Vite plugin, unplugin)", async () => {
    const dir = path.join(ARTIFACTS, "imports-bundler");
    const files = write(dir);
    const graph = new ModuleGraph();
    const diags: string[] = [];
    // importer first, as a bundler does
    for (const name of ["model.ts", "reexport.ts", "helpers.ts", "cycle.ts", "more.ts"]) {
      const file = files[name]!;
      graph.addFile(file);
      const t = transform(FILES[name]!, file, { graph, sourceMap: false });
      if (name === "model.ts") expect(t.stats.precompiled).toBe(Object.keys(EAGER).length);
      diags.push(...t.diagnostics.map((d) => located(file, d)));
      const js = ts.transpileModule(t.code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
      fs.writeFileSync(file.replace(/\.ts$/, ".js"), js.outputText);
    }
    await checkRun(dir, diags);
  });

  it("a helper that cannot be followed is reported at file:line:col with the reason", () => {
    const dir = path.join(ARTIFACTS, "imports-unfollowed");
    const files = write(dir, {
      "helpers.ts": `import { numpy as np } from "@numjit/runtime";
import { softplus } from "some-package";
export function viaPackage(x: np.NDArray) {
  return np.add(softplus(x), 1);
}
`,
      "model.ts": `import { numpy as np, jit } from "@numjit/runtime";
import { softplus } from "some-package";
import * as helpers from "./helpers.js";
import { viaStar, notThere } from "./star-b.js";
/** @numjit x: f32[N] */
export const direct = jit((x: np.NDArray) => softplus(x));
/** @numjit x: f32[N] */
export const inHelper = jit((x: np.NDArray) => helpers.viaPackage(x));
/** @numjit x: f32[N] */
export const missing = jit((x: np.NDArray) => helpers.nope(x));
/** @numjit x: f32[N] */
export const throughStars = jit((x: np.NDArray) => viaStar(x));
/** @numjit x: f32[N] */
export const starMissing = jit((x: np.NDArray) => notThere(x));
`,
      // two modules re-exporting each other (an export cycle): found where it exists, and no hang where not
      "star-a.ts": `import { numpy as np } from "@numjit/runtime";
export * from "./star-b.js";
export function viaStar(x: np.NDArray) {
  return np.exp(x);
}
`,
      "star-b.ts": `export * from "./star-a.js";
`,
    });
    const graph = ModuleGraph.ofFiles([files["model.ts"]!]);
    const r = buildFile(files["model.ts"]!, fs.readFileSync(files["model.ts"]!, "utf8"), { sourceMap: false, graph });
    expect(r.module?.stats.precompiled).toBe(1); // throughStars
    expect(r.diagnostics.map((d) => located(files["model.ts"]!, d))).toEqual([
      expect.stringMatching(
        /^model\.ts:6:46 NJ703 call to 'softplus', which is imported from the package 'some-package'.*only relative imports/,
      ),
      expect.stringMatching(
        /^model\.ts:8:56 NJ707 in 'helpers\.viaPackage' \(helpers\.ts:4:17\): 'softplus' is imported from the package 'some-package'/,
      ),
      expect.stringMatching(/^model\.ts:10:55 NJ707 'helpers\.nope' is not exported by helpers\.ts/),
      expect.stringMatching(/^model\.ts:14:51 NJ703 call to 'notThere', which is imported from '\.\/star-b\.js', which does not export/),
    ]);
  });
});
