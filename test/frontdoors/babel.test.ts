// @numjit/babel-plugin through @babel/core (what babel-loader, Jest, Metro and Next.js call): a small
// app is transformed file by file, runs under --disallow-code-generation-from-strings on kernels compiled
// at build time; TypeScript syntax goes through preset-style parser plugins; the output's source map
// leads back to the original; diagnostics are Babel-style.
import fs from "node:fs";
import path from "node:path";
import { TraceMap, originalPositionFor } from "@jridgewell/trace-mapping";
import { transformAsync } from "@babel/core";
import { describe, expect, it } from "vitest";
import numjitBabel from "@numjit/babel-plugin";
import { ERROR_JS, FALLBACK_JS, KERNELS_JS, KERNELS_TS, MAIN_JS, expectPrecompiled, makeApp, runNoCodegen } from "./apps.js";

async function babelFile(file: string, extra: object = {}, pluginOptions: object = {}) {
  const code = fs.readFileSync(file, "utf8");
  return transformAsync(code, {
    filename: file,
    babelrc: false,
    configFile: false,
    sourceMaps: true,
    plugins: [[numjitBabel, pluginOptions]],
    ...extra,
  });
}

describe("@numjit/babel-plugin", () => {
  it("transforms each file; the app runs precompiled without codegen; the map leads back to the source", async () => {
    const dir = makeApp("babel", { "src/kernels.js": KERNELS_JS, "src/main.js": MAIN_JS });
    fs.mkdirSync(path.join(dir, "out"), { recursive: true });
    for (const f of ["kernels.js", "main.js"]) {
      const r = await babelFile(path.join(dir, "src", f));
      fs.writeFileSync(path.join(dir, "out", f), r!.code!);
      if (f === "kernels.js") {
        expect(r!.code).toMatch(/@numjit\/runtime\/(internal|precompiled)/);
        const lines = r!.code!.split("\n");
        const at = lines.findIndex((l) => l.includes("np.multiply(a, 2)"));
        const pos = originalPositionFor(new TraceMap(r!.map as never), { line: at + 1, column: lines[at]!.indexOf("np.multiply(a, 2)") });
        expect(pos.line).toBe(3);
        expect(KERNELS_JS.split("\n")[2]!.slice(pos.column!)).toMatch(/^np\.multiply\(a, 2\)/);
        // inserted kernel code has no original position of its own: Babel carries the last one forward
        // (the import it follows), never a position after the jit call it was made for
        const k = lines.findIndex((l) => /^const __nj_k0 = function/.test(l));
        expect(originalPositionFor(new TraceMap(r!.map as never), { line: k + 1, column: 0 }).line).toBeLessThanOrEqual(3);
      }
    }
    expectPrecompiled(runNoCodegen(path.join(dir, "out/main.js")));
  });

  it("TypeScript through Babel's parser plugins (as @babel/preset-typescript enables them)", async () => {
    const dir = makeApp("babel-ts", { "src/kernels.ts": KERNELS_TS });
    const r = await babelFile(path.join(dir, "src/kernels.ts"), { parserOpts: { plugins: ["typescript"] } });
    expect(r!.code).toMatch(/__nj_pre\(\(a: np\.NDArray, b: np\.NDArray\) => np\.add/);
  });

  it("warnings go to the warn channel Babel-style; an NJ8xx error is a Babel error with a code frame", async () => {
    const dir = makeApp("babel-diag", { "src/fallback.js": FALLBACK_JS, "src/error.js": ERROR_JS });
    const warnings: string[] = [];
    const ok = await babelFile(path.join(dir, "src/fallback.js"), {}, { warn: (t: string) => warnings.push(t) });
    expect(ok!.code).toMatch(/const branchy = jit\(/);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/src\/fallback\.js:3:\d+ - warning NJ705 [\s\S]*> +3 \|/);
    const err = await babelFile(path.join(dir, "src/error.js")).then(
      () => null,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(err).not.toBeNull();
    expect(err!.code).toBe("BABEL_PARSE_ERROR");
    // Babel colours the code frame when it thinks the terminal can show colour (it does under CI=true)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
    const plain = err!.message.replace(/\u001b\[[0-9;]*m/g, "");
    expect(plain).toMatch(/error\.js: NJ801 [\s\S]*> 4 \|/);
  });
});
