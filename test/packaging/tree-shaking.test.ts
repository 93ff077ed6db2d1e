// An app whose jit functions all have exact plans imports only @numjit/runtime/precompiled: its bundle must not
// contain the tracer, the IR and its passes, the scheduler, the plan builder, the kernel code generators (JS
// and wasm: shipped wasm kernels are instantiated, never generated) or the runtime jit. Checked on the
// bundle esbuild writes (bytes each module contributes to the output), then the bundle is run with code
// generation from strings disallowed: plans answer (traces: 0), and a call no plan serves runs the function
// eagerly, correct, with one warning (no runtime jit is bundled).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";
import { buildFile } from "@numjit/compiler";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const OUT = path.join(ROOT, "test-artifacts/tree-shaking");

/** Runtime modules only the runtime jit and the build need. */
const HEAVY = [
  "ir/trace-jaxpr.js",
  "ir/jaxpr.js",
  "ir/passes.js",
  "ir/schedule.js",
  "jit/plan.js",
  "jit/lower.js",
  "jit/jit.js",
  "jit/emit-plan.js",
  "codegen/kernels.js",
  "codegen/scalar.js",
  "codegen/wasm/emit.js",
  "codegen/wasm/runtime.js",
  "transforms/vjp.js",
];

const DRIVER = `
import { affine, tree } from "./app.mjs";
import { numpy as np } from "@numjit/runtime";
const x = np.array([[1, -2, 3], [0.5, 4, -1]]), w = np.array([[1, 0], [0, 1], [-1, 2]]);
const p = { a: np.array([1, 2, 3, 4]), b: np.array([0.5, -1, 2, 0]) };
const t = tree(p, np.array(2));
const big = np.ones([3, 3]);
console.log(JSON.stringify({
  plan: affine(x, w).toArray(), eager: affine.fn(x, w).toArray(),
  tree: [t.sum.item(), t.scaled[1].toArray()], treeEager: [tree.fn(p, np.array(2)).sum.item(), tree.fn(p, np.array(2)).scaled[1].toArray()],
  other: affine(big, w).toArray(), otherAgain: affine(big, w).toArray(), otherEager: affine.fn(big, w).toArray(),
  info: affine.cacheInfo(),
}));
`;

describe("tree-shaking: an app with exact plans only", () => {
  fs.mkdirSync(OUT, { recursive: true });
  const input = fs.readFileSync(path.join(ROOT, "test/samples/plans-exact/input.mts"), "utf8");
  const built = buildFile("input.mts", input, { sourceMap: false });
  fs.writeFileSync(path.join(OUT, "app.mjs"), built.code);
  fs.writeFileSync(path.join(OUT, "driver.mjs"), DRIVER);
  const bundled = esbuild.buildSync({
    entryPoints: [path.join(OUT, "driver.mjs")],
    bundle: true,
    format: "esm",
    platform: "node",
    metafile: true,
    outfile: path.join(OUT, "bundle.mjs"),
    logLevel: "silent",
  });
  const output = Object.values(bundled.metafile.outputs)[0]!;
  const included = Object.entries(output.inputs)
    .filter(([, v]) => v.bytesInOutput > 0)
    .map(([f]) => f.replace(/\\/g, "/").replace(/.*packages\/runtime\/dist\//, ""));

  it("the emitted module imports the light entry", () => {
    expect(built.code).toContain('from "@numjit/runtime/precompiled"');
    expect(built.code).not.toContain("@numjit/runtime/internal");
  });

  it("the bundle holds no tracer, IR, passes, scheduler, code generator or runtime jit", () => {
    expect(included).toContain("precompiled.js");
    expect(included).toContain("jit/plan-runtime.js");
    expect(HEAVY.filter((m) => included.includes(m))).toEqual([]);
  });

  it("runs without code generation: plans answer, an unplanned shape runs eagerly with one warning", () => {
    const r = spawnSync(process.execPath, ["--disallow-code-generation-from-strings", path.join(OUT, "bundle.mjs")], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split("\n").pop()!);
    expect(out.plan).toEqual(out.eager);
    expect(out.tree).toEqual(out.treeEager);
    expect(out.other).toEqual(out.otherEager);
    expect(out.otherAgain).toEqual(out.otherEager);
    expect(out.info).toMatchObject({ calls: 3, traces: 0, precompiledCalls: 1, eagerFallbacks: 2, runtimeCompiles: 0 });
    const warnings = r.stderr.split("\n").filter((l) => l.includes("[numjit]"));
    expect(warnings).toEqual([
      "[numjit] jit(affine): the precompiled plan does not serve this call (x.shape[0] == 2 (3 vs 2)); " +
        "the runtime jit is not bundled (import jit from @numjit/runtime), running it eagerly (correct, slower)",
    ]);
  });
});
