// @numjit/unplugin with the real bundlers: Rollup, webpack, Rspack and esbuild each build a small app; the output
// runs under --disallow-code-generation-from-strings on kernels compiled at build time. Diagnostics come
// through the bundler's own warning/error channels; the source map leads back to the original file.
import fs from "node:fs";
import path from "node:path";
import { TraceMap, originalPositionFor } from "@jridgewell/trace-mapping";
import { describe, expect, it } from "vitest";
import { esbuild as numjitEsbuild, rollup as numjitRollup, rspack as numjitRspack, webpack as numjitWebpack } from "@numjit/unplugin";
import { ERROR_JS, FALLBACK_JS, KERNELS_JS, KERNELS_TS, MAIN_JS, expectPrecompiled, makeApp, runNoCodegen } from "./apps.js";

describe("@numjit/unplugin", { timeout: 120_000 }, () => {
  it("Rollup: builds, runs precompiled without codegen, prints the summary, maps back to the source", async () => {
    const { rollup } = await import("rollup");
    const dir = makeApp("rollup", { "src/kernels.js": KERNELS_JS, "src/main.js": MAIN_JS });
    const logs: string[] = [];
    const bundle = await rollup({
      input: path.join(dir, "src/main.js"),
      external: (id) => id.startsWith("@numjit/runtime"),
      plugins: [numjitRollup({ log: (l) => logs.push(l) })],
    });
    const { output } = await bundle.write({ file: path.join(dir, "out/main.mjs"), format: "es", sourcemap: true });
    await bundle.close();
    expect(logs).toEqual([expect.stringMatching(/^numjit: 1\/1 jit function precompiled \(1 kernel\) in 1 module, 0 fallbacks, \d+ ms$/)]);
    expectPrecompiled(runNoCodegen(path.join(dir, "out/main.mjs")));
    // the generated `multiply(a, 2)` (Rollup renames `np` to `numpy`) maps to line 3 of src/kernels.js
    const chunk = output[0];
    const at = chunk.code.split("\n").findIndex((l) => l.includes("multiply(a, 2)"));
    expect(at).toBeGreaterThanOrEqual(0);
    const col = chunk.code.split("\n")[at]!.indexOf("multiply(a, 2)");
    const pos = originalPositionFor(new TraceMap(chunk.map as never), { line: at + 1, column: col });
    expect(pos.source).toMatch(/src\/kernels\.js$/);
    expect(pos.line).toBe(3);
    expect(KERNELS_JS.split("\n")[2]!.slice(pos.column!)).toMatch(/^multiply\(a, 2\)/);
  });

  it("Rollup: AutoGraph converts a helper module that a jit function of another module reaches", async () => {
    const { rollup } = await import("rollup");
    const dir = makeApp("rollup-ag", {
      "src/helpers.js":
        'import { numpy as np } from "@numjit/runtime";\n' +
        "export function flipNeg(x) {\n  if (np.less(np.sum(x), 0)) return np.negative(x);\n  return x;\n}\n",
      "src/kernels.js":
        'import { numpy as np, jit } from "@numjit/runtime";\nimport { flipNeg } from "./helpers.js";\n' +
        "/** @numjit x: f32[3] */\nexport const f = jit((x) => np.multiply(flipNeg(x), 2));\n",
      "src/main.js":
        'import { numpy as np } from "@numjit/runtime";\nimport { f } from "./kernels.js";\nimport { flipNeg } from "./helpers.js";\n' +
        'const a = np.array([1, -5, 2], { dtype: "float32" }), b = np.array([1, 5, 2], { dtype: "float32" });\n' +
        "const value = [...f(a).toArray(), ...f(b).toArray(), ...flipNeg(a).toArray()];\n" +
        "console.log(JSON.stringify({ value, info: f.cacheInfo() }));\n",
    });
    const bundle = await rollup({
      input: path.join(dir, "src/main.js"),
      external: (id) => id.startsWith("@numjit/runtime"),
      plugins: [numjitRollup({ summary: false })],
    });
    const { output } = await bundle.write({ file: path.join(dir, "out/main.mjs"), format: "es" });
    await bundle.close();
    expect(output[0].code).toMatch(/return autograph\.ifExp\(numpy\.less\(numpy\.sum\(x\), 0\)/);
    const r = runNoCodegen(path.join(dir, "out/main.mjs"));
    expect(r.value).toEqual([-2, 10, -4, 2, 10, 4, -1, 5, -2]);
    expect(r.info).toMatchObject({ calls: 2, traces: 0, runtimeCompiles: 0 });
  });

  it("Rollup: a fallback is a Rollup warning with code and location; an NJ8xx error fails the build", async () => {
    const { rollup } = await import("rollup");
    const dir = makeApp("rollup-diag", { "src/fallback.js": FALLBACK_JS, "src/error.js": ERROR_JS });
    const warnings: { plugin?: string; message: string }[] = [];
    const b = await rollup({
      input: path.join(dir, "src/fallback.js"),
      external: (id) => id.startsWith("@numjit/runtime"),
      plugins: [numjitRollup({ summary: false })],
      onwarn: (w) => void warnings.push(w),
    });
    await b.close();
    expect(warnings.map((w) => w.plugin)).toEqual(["numjit"]);
    expect(warnings[0]!.message).toMatch(/NJ705 [\s\S]*at .*src\/fallback\.js:3:\d+\n[\s\S]*> +3 \|/);
    const failed = rollup({
      input: path.join(dir, "src/error.js"),
      external: (id) => id.startsWith("@numjit/runtime"),
      plugins: [numjitRollup({ summary: false })],
    });
    await expect(failed).rejects.toMatchObject({ plugin: "numjit", message: expect.stringMatching(/NJ801[\s\S]*error\.js:4:/) });
  });

  it("webpack: bundles the app with the runtime, runs precompiled without codegen", async () => {
    const webpack = (await import("webpack")).default;
    const dir = makeApp("webpack", { "src/kernels.js": KERNELS_JS, "src/main.js": MAIN_JS });
    const logs: string[] = [];
    const stats = await new Promise<import("webpack").Stats>((resolve, reject) => {
      webpack(
        {
          mode: "production",
          target: "node",
          context: dir,
          entry: "./src/main.js",
          devtool: "source-map",
          output: { path: path.join(dir, "out"), filename: "main.mjs", module: true, chunkFormat: "module" },
          experiments: { outputModule: true },
          optimization: { minimize: false }, // minifying the whole runtime takes ~20 s on 2 cores
          plugins: [numjitWebpack({ log: (l) => logs.push(l) })],
        },
        (err, s) => (err || !s ? reject(err ?? new Error("no stats")) : resolve(s)),
      );
    });
    expect(stats.hasErrors(), stats.toString("errors-only")).toBe(false);
    expect(logs).toEqual([expect.stringMatching(/^numjit: 1\/1 jit function precompiled \(1 kernel\) in 1 module, 0 fallbacks/)]);
    expectPrecompiled(runNoCodegen(path.join(dir, "out/main.mjs")));
  });

  it("Rspack: bundles the app with the runtime, runs precompiled without codegen; an NJ8xx error is a build error", async () => {
    const { rspack } = await import("@rspack/core");
    const dir = makeApp("rspack", { "src/kernels.js": KERNELS_JS, "src/main.js": MAIN_JS, "src/error.js": ERROR_JS });
    const build = (entry: string, logs: string[]) =>
      new Promise<import("@rspack/core").Stats>((resolve, reject) => {
        rspack(
          {
            mode: "production",
            target: "node",
            context: dir,
            entry,
            devtool: "source-map",
            output: { path: path.join(dir, "out"), filename: "main.mjs", module: true, chunkFormat: "module" },
            optimization: { minimize: false },
            plugins: [numjitRspack({ log: (l) => logs.push(l) })],
          },
          (err, s) => (err || !s ? reject(err ?? new Error("no stats")) : resolve(s)),
        );
      });
    const logs: string[] = [];
    const stats = await build("./src/main.js", logs);
    expect(stats.hasErrors(), stats.toString("errors-only")).toBe(false);
    expect(logs).toEqual([expect.stringMatching(/^numjit: 1\/1 jit function precompiled \(1 kernel\) in 1 module, 0 fallbacks/)]);
    expectPrecompiled(runNoCodegen(path.join(dir, "out/main.mjs")));
    const bad = await build("./src/error.js", []);
    expect(bad.hasErrors()).toBe(true);
    expect(bad.toString("errors-only")).toMatch(/NJ801[\s\S]*error\.js:4:/);
  });

  it("esbuild: bundles a TypeScript app, runs precompiled without codegen", async () => {
    const esbuild = await import("esbuild");
    const dir = makeApp("esbuild", { "src/kernels.ts": KERNELS_TS, "src/main.ts": MAIN_JS });
    const logs: string[] = [];
    const r = await esbuild.build({
      entryPoints: [path.join(dir, "src/main.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      outfile: path.join(dir, "out/main.mjs"),
      sourcemap: true,
      logLevel: "silent",
      plugins: [numjitEsbuild({ log: (l) => logs.push(l) })],
    });
    expect(r.errors).toEqual([]);
    expect(logs).toEqual([expect.stringMatching(/^numjit: 1\/1 jit function precompiled \(1 kernel\) in 1 module, 0 fallbacks/)]);
    expect(fs.readFileSync(path.join(dir, "out/main.mjs"), "utf8")).toMatch(/__nj_pre|precompiled/);
    expectPrecompiled(runNoCodegen(path.join(dir, "out/main.mjs")));
  });
});
