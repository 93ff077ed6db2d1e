// The `numjit` CLI: build / inspect / check, --help for each, exit codes, and clear errors for missing
// files, bad flags and unparsable input.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ARTIFACTS, REPO } from "./helpers.js";

const CLI = path.join(REPO, "packages", "compiler", "dist", "cli.js");
const run = (args: string[], cwd = REPO) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

const DIR = path.join(ARTIFACTS, "cli");
const write = (rel: string, text: string) => {
  const f = path.join(DIR, rel);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, text);
  return f;
};

fs.rmSync(DIR, { recursive: true, force: true });
write(
  "app/src/model.ts",
  `import { numpy as np, nn, jit } from "@numjit/runtime";
import { mse } from "./util/loss.ts";
export const act = jit((x: np.NDArray) => nn.gelu(x));
export const branchy = jit((x: np.NDArray) => np.multiply(x, x.item() as number));
export const score = () => mse(np.zeros([2, 3]), np.ones([2, 3]));
`,
);
write(
  "app/src/util/loss.ts",
  `import { numpy as np, jit } from "@numjit/runtime";
export const mse = jit((a: np.NDArray, b: np.NDArray) => np.mean(np.square(np.subtract(a, b))));
`,
);
write("app/src/plain.js", `export const answer = 42;\n`);
// mse's argument ranks come from the call in model.ts (another module of the tsconfig's program)
write(
  "app/tsconfig.json",
  JSON.stringify({
    compilerOptions: { module: "esnext", moduleResolution: "bundler", allowImportingTsExtensions: true },
    include: ["src"],
  }),
);
write("app/src/types.d.ts", `export type X = number;\n`);
write(
  "bad/shapes.ts",
  `import { numpy as np, jit } from "@numjit/runtime";
/** @numjit x: f32[N, 3], w: f32[4, M] */
export const p = jit((x: np.NDArray, w: np.NDArray) => np.matmul(x, w));
`,
);
write(
  "bad/syntax.ts",
  `import { numpy as np, jit } from "@numjit/runtime";
export const f = jit((x: np.NDArray) => np.add(x, );
`,
);

describe("numjit CLI", () => {
  it("--help for the tool and each command", () => {
    const main = run(["--help"]);
    expect(main.code).toBe(0);
    expect(main.out).toMatch(/numjit build <files\|dirs\.\.\.> --outDir <dir>/);
    for (const cmd of ["build", "inspect", "check"]) {
      const r = run([cmd, "--help"]);
      expect(r.code, cmd).toBe(0);
      expect(r.out).toMatch(new RegExp(`Usage:\\n  numjit ${cmd}`));
      expect(r.out).toMatch(/--help/);
    }
    expect(run([]).code).toBe(1);
    expect(run(["--version"]).out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("clear errors: unknown command, bad flag, missing value, missing file, missing --outDir", () => {
    let r = run(["buidl"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command 'buidl'; did you mean 'build'\?/);
    r = run(["build", "x.ts", "--out", "d"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown option '--out' for 'numjit build'; did you mean '--outDir'\?/);
    r = run(["build", "x.ts", "--outDir"]);
    expect(r.err).toMatch(/option '--outDir' needs a value <dir>/);
    r = run(["build", path.join(DIR, "nope.ts"), "--outDir", path.join(DIR, "o")]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no such file or directory: .*nope\.ts/);
    r = run(["build", path.join(DIR, "app")]);
    expect(r.err).toMatch(/needs --outDir <dir>/);
    r = run(["check", path.join(DIR, "app/src/types.d.ts")]);
    expect(r.err).toMatch(/not a TypeScript\/JavaScript file/);
  });

  it("build: a directory in, JS + source maps out, and a summary", () => {
    const out = path.join(DIR, "out");
    const r = run(["build", path.join(DIR, "app"), "--outDir", out]);
    expect(r.code, r.err).toBe(0);
    for (const f of ["src/model.js", "src/model.js.map", "src/util/loss.js", "src/util/loss.js.map", "src/plain.js"])
      expect(fs.existsSync(path.join(out, f)), f).toBe(true);
    expect(fs.existsSync(path.join(out, "src/types.js"))).toBe(false);
    const js = fs.readFileSync(path.join(out, "src/model.js"), "utf8");
    expect(js).toMatch(/__nj_pre\(\(x\) => nn\.gelu\(x\)/);
    expect(js).toMatch(/\/\/# sourceMappingURL=model\.js\.map$/m);
    const map = JSON.parse(fs.readFileSync(path.join(out, "src/model.js.map"), "utf8"));
    expect(path.resolve(path.join(out, "src"), map.sources[0])).toBe(path.join(DIR, "app/src/model.ts"));
    expect(r.out).toMatch(/files\s+3/);
    expect(r.out).toMatch(/jit functions\s+3/);
    expect(r.out).toMatch(/precompiled\s+2/);
    expect(r.out).toMatch(/fallbacks \(runtime\)\s+1\n\s+branchy \(.*model\.ts:4\): NJ705/);
    expect(r.out).toMatch(/kernels emitted\s+\d+/);
    expect(r.out).toMatch(/time\s+\d+ ms \([\d.]+ files\/s\)/);
    expect(r.err).toMatch(/model\.ts:4:\d+ - warning NJ705/);
  });

  it("build: NJ8xx errors and syntax errors exit 1 with file:line:col and a code frame", () => {
    const r = run(["build", path.join(DIR, "bad"), "--outDir", path.join(DIR, "out-bad")]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/shapes\.ts:3:\d+ - error NJ801: \[NJ104\] matmul/);
    expect(r.err).toMatch(/> 3 \| export const p = jit/);
    expect(r.err).toMatch(/syntax\.ts:2:52 - error NJ808: syntax error: '\)' expected\./);
    expect(r.err).toMatch(/\^/);
    // output that does not parse is never written; a valid module with NJ8xx errors is (they fail at run time too)
    expect(fs.existsSync(path.join(DIR, "out-bad", "syntax.js"))).toBe(false);
    expect(fs.existsSync(path.join(DIR, "out-bad", "shapes.js"))).toBe(true);
    expect(fs.readdirSync(path.join(DIR, "out-bad")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("check: diagnostics only; exit 1 on errors, 0 on warnings (unless --warnings-as-errors)", () => {
    let r = run(["check", path.join(DIR, "app")]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/numjit check: 3 files, 3 jit functions \(2 precompilable\), 0 errors, 1 warning/);
    expect(fs.existsSync(path.join(DIR, "app/src/model.js"))).toBe(false);
    r = run(["check", "--warnings-as-errors", path.join(DIR, "app")]);
    expect(r.code).toBe(1);
    r = run(["check", path.join(DIR, "bad/shapes.ts")]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error NJ801/);
    r = run(["check", "--codes"]);
    expect(r.out).toMatch(/NJ701\s+warning/);
    expect(r.out).toMatch(/NJ801\s+error/);
  });

  it("inspect: IR, optimized IR, fusion groups and kernel source per jit function", () => {
    const r = run(["inspect", path.join(DIR, "app/src/util/loss.ts")]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/== mse\s+\(.*loss\.ts:2\)\s+precompiled/);
    expect(r.out).toMatch(/IR:\n {2}\{ lambda a:f32\[/);
    expect(r.out).toMatch(/optimized IR:/);
    expect(r.out).toMatch(/fusion groups:\n {2}%\d+ = reduce\[sub,mul,reduce_sum\]/);
    expect(r.out).toMatch(/-- kernel __nj_k0 reduce:[0-9a-f]{16} \(reduce\)\nfunction nj_reduce_/);
    const one = run(["inspect", path.join(DIR, "app/src/model.ts"), "--function", "branchy", "--no-kernels"]);
    expect(one.out).toMatch(/== branchy\s+.* fallback\n {2}warning NJ705/);
    expect(one.out).not.toMatch(/== act/);
    expect(run(["inspect", path.join(DIR, "app/src/model.ts"), "--function", "nope"]).err).toMatch(
      /no jit function named 'nope' .*found: act, branchy/,
    );
    expect(run(["inspect", path.join(DIR, "bad/syntax.ts")]).code).toBe(1);
  });

  it("build: relative `.ts` import specifiers name the emitted `.js` files, and the output runs", () => {
    write(
      "tsext/src/kernels.ts",
      `import { numpy as np, jit } from "@numjit/runtime";
export const addJit = jit((a: np.NDArray, b: np.NDArray) => np.add(a, b));
`,
    );
    write(
      "tsext/src/main.mts",
      `import { addJit } from "./kernels.ts";
import { numpy as np } from "@numjit/runtime";
export * from "./kernels.ts";
const again = await import("./kernels.ts");
console.log(JSON.stringify(addJit(np.array([1, 2]), np.array([3, 4])).toArray()), again.addJit === addJit);
`,
    );
    const out = path.join(DIR, "tsext-out");
    const r = run(["build", path.join(DIR, "tsext/src"), "--outDir", out, "--quiet"]);
    expect(r.code, r.err).toBe(0);
    const js = fs.readFileSync(path.join(out, "main.mjs"), "utf8");
    expect(js).toMatch(/from "\.\/kernels\.js"/);
    expect(js).toMatch(/import\("\.\/kernels\.js"\)/);
    expect(js).not.toMatch(/kernels\.ts/);
    // the output resolves @numjit/runtime from the repository's node_modules (ARTIFACTS is inside it)
    const ran = spawnSync(process.execPath, ["--disallow-code-generation-from-strings", path.join(out, "main.mjs")], { encoding: "utf8" });
    expect(ran.stderr).toBe("");
    expect(ran.stdout.trim()).toBe("[4,6] true");
  });

  it("the `numjit` bin that npm links is a committed shim (it exists before dist/ is built)", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "packages/compiler/package.json"), "utf8"));
    expect(pkg.bin).toEqual({ numjit: "./bin/numjit.js" });
    expect(fs.readFileSync(path.join(REPO, "packages/compiler/bin/numjit.js"), "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
    const linked = path.join(REPO, "node_modules/.bin/numjit");
    const r = spawnSync(linked, ["--help"], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/numjit build <files\|dirs\.\.\.> --outDir <dir>/);
    expect(spawnSync(linked, ["buidl"], { encoding: "utf8" }).status).toBe(2);
  });
});
