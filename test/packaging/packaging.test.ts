// The packages as a user gets them: `npm pack` the workspace packages, install the tarballs into fresh
// apps in a temp folder outside the workspace (other dependencies from the npm registry, cache first),
// follow each front door's README recipe, build, run the output and check that the jit function ran on
// kernels compiled at build time (cacheInfo: calls > 0, runtimeCompiles 0: nothing generated at run time).
// Node outputs run under --disallow-code-generation-from-strings; the Vite app in headless chromium
// under `script-src 'self'`.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, SKIP_BROWSER, SKIP_REASON } from "../browser/support/chromium.js";
import { REPO, type Tarball, brokenLinks, install, must, pack, serveStatic, tempRoot, writeFiles } from "./support.js";

const PACKAGES = ["packages/runtime", "packages/compiler", "packages/vite-plugin", "packages/unplugin", "packages/babel-plugin"];
const NO_CODEGEN = "--disallow-code-generation-from-strings";

const PACKAGE_DIRS: Record<string, string> = Object.fromEntries(
  PACKAGES.map((p) => {
    const dir = path.join(REPO, p);
    return [JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).name as string, dir];
  }),
);

interface Report {
  value: number[];
  info: { calls: number; traces: number; precompiledCalls: number; runtimeCompiles: number; eagerFallbacks: number };
}

// 2 * a + b with a = [1, 2, 3], b = [10, 20, 30]
const EXPECTED = [12, 24, 36];
const KERNELS_TS = `import { numpy as np, jit } from "@numjit/runtime";

export const fma = jit((a: np.NDArray, b: np.NDArray) => np.add(np.multiply(a, 2), b));
`;
const REPORT_TS = `import { numpy as np } from "@numjit/runtime";
import { fma } from "./kernels.ts";

const r = fma(np.array([1, 2, 3]), np.array([10, 20, 30]));
export const report = { value: r.toArray() as number[], info: fma.cacheInfo() };
`;
const NODE_MAIN_TS = `import { report } from "./report.ts";

console.log(JSON.stringify(report));
`;

let root: string;
let tarballs: Map<string, Tarball>;
const timings: string[] = [];
const t0 = Date.now();

function tgz(name: string): string {
  const t = tarballs.get(name);
  if (!t) throw new Error(`${name} was not packed`);
  return `file:${t.file}`;
}

/** package.json of a fresh app; the tarballs also override the packages' own dependencies on each other. */
function appPackage(name: string, deps: Record<string, string>, devDeps: Record<string, string>): string {
  const numjit = Object.fromEntries([...tarballs.keys()].map((n) => [n, `$${n}`]));
  return JSON.stringify(
    {
      name,
      private: true,
      type: "module",
      dependencies: deps,
      devDependencies: devDeps,
      overrides: Object.fromEntries(Object.entries(numjit).filter(([n]) => n in deps || n in devDeps)),
    },
    null,
    2,
  );
}

function parseReport(out: string): Report {
  const line = out
    .trim()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .pop();
  if (!line) throw new Error(`no report in the output:\n${out}`);
  return JSON.parse(line) as Report;
}

function expectPrecompiled(r: Report): void {
  expect(r.value).toEqual(EXPECTED);
  expect(r.info.calls).toBeGreaterThan(0);
  expect(r.info.runtimeCompiles).toBe(0);
  expect(r.info.eagerFallbacks).toBe(0);
}

beforeAll(async () => {
  root = tempRoot();
  const p0 = Date.now();
  tarballs = await pack(PACKAGES, root);
  timings.push(`pack ${Date.now() - p0} ms`);
}, 120_000);

afterAll(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
  console.log(`packaging: ${timings.join(", ")}; total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
});

describe("tarballs", () => {
  it("hold what a user needs: dist JS and types, README; no tsbuildinfo, no source maps into unshipped src", () => {
    for (const t of tarballs.values()) {
      console.log(
        `${t.name}: ${(t.size / 1024).toFixed(1)} kB packed, ${(t.unpackedSize / 1024).toFixed(1)} kB unpacked, ${t.files.length} files`,
      );
      expect(
        t.files.filter((f) => f.endsWith(".tsbuildinfo") || f.endsWith(".map")),
        t.name,
      ).toEqual([]);
      expect(
        t.files.filter((f) => f.startsWith("src/") || f.startsWith("test/")),
        t.name,
      ).toEqual([]);
      expect(t.files, t.name).toContain("README.md");
      expect(t.files, t.name).toContain("dist/index.js");
      expect(t.files, t.name).toContain("dist/index.d.ts");
    }
    expect(tarballs.get("@numjit/compiler")!.files).toContain("bin/numjit.js");
    expect(tarballs.get("@numjit/runtime")!.files).toEqual(expect.arrayContaining(["FEATURES.md", "TRANSFORMS.md", "dist/internal.js"]));
  });

  it("READMEs link only to files inside the package (or to URLs)", () => {
    for (const t of tarballs.values()) {
      const dir = path.join(root, "readme-check", t.name);
      fs.mkdirSync(dir, { recursive: true });
      for (const readme of t.files.filter((f) => f.endsWith(".md"))) {
        const text = fs.readFileSync(path.join(PACKAGE_DIRS[t.name]!, readme), "utf8");
        expect(brokenLinks(text, readme, t.files), `${t.name}/${readme}`).toEqual([]);
      }
    }
  });

  it("engines and peer dependency ranges are declared", () => {
    const pkg = (name: string) => JSON.parse(fs.readFileSync(path.join(PACKAGE_DIRS[name]!, "package.json"), "utf8"));
    for (const name of Object.keys(PACKAGE_DIRS)) expect(pkg(name).engines?.node, name).toBe(">=20.19");
    expect(pkg("@numjit/vite-plugin").peerDependencies).toEqual({ vite: "^8.0.0" });
    expect(pkg("@numjit/babel-plugin").peerDependencies).toEqual({ "@babel/core": "^7.22.0" });
  });
});

describe("front doors, installed from the tarballs", { timeout: 180_000 }, () => {
  // One Node app for the CLI and tsc + ts-patch (the versions the compiler README names), one Vite app
  // with no TypeScript of its own; installed concurrently.
  let nodeApp: string;
  let viteApp: string;
  let bundlerApp: string;

  beforeAll(async () => {
    nodeApp = path.join(root, "node-app");
    viteApp = path.join(root, "vite-app");
    writeFiles(nodeApp, {
      "package.json": appPackage(
        "node-app",
        { "@numjit/runtime": tgz("@numjit/runtime") },
        { "@numjit/compiler": tgz("@numjit/compiler"), typescript: "~6.0.3", "ts-patch": "^4" },
      ),
      "src/kernels.ts": KERNELS_TS,
      "src/report.ts": REPORT_TS,
      "src/main.ts": NODE_MAIN_TS,
      "tsconfig.json": JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          skipLibCheck: true,
          rootDir: "src",
          outDir: "out-tsc",
          types: [],
          rewriteRelativeImportExtensions: true,
          plugins: [{ transform: "@numjit/compiler/transformer" }],
        },
        include: ["src"],
      }),
    });
    writeFiles(viteApp, {
      "package.json": appPackage(
        "vite-app",
        { "@numjit/runtime": tgz("@numjit/runtime") },
        { "@numjit/vite-plugin": tgz("@numjit/vite-plugin"), "@numjit/compiler": tgz("@numjit/compiler"), vite: "^8.0.0" },
      ),
      "vite.config.js":
        `import { defineConfig } from "vite";\nimport numjit from "@numjit/vite-plugin";\n\n` +
        `export default defineConfig({ plugins: [numjit()] });\n`,
      "index.html":
        `<!doctype html>\n<html><head><meta charset="utf-8"><title>numjit</title></head>\n` +
        `<body><pre id="out">running</pre><script type="module" src="/src/main.ts"></script></body></html>\n`,
      "src/kernels.ts": KERNELS_TS,
      "src/report.ts": REPORT_TS,
      "src/main.ts":
        `import { report } from "./report.ts";\n\n` +
        `(window as unknown as { __report: unknown }).__report = report;\n` +
        `document.getElementById("out")!.textContent = JSON.stringify(report);\n`,
    });
    bundlerApp = path.join(root, "bundler-app");
    writeFiles(bundlerApp, {
      "package.json": appPackage(
        "bundler-app",
        { "@numjit/runtime": tgz("@numjit/runtime") },
        {
          "@numjit/unplugin": tgz("@numjit/unplugin"),
          "@numjit/babel-plugin": tgz("@numjit/babel-plugin"),
          "@numjit/compiler": tgz("@numjit/compiler"),
          rollup: "^4",
          esbuild: "^0.28",
          "@babel/core": "^7",
        },
      ),
      "src/kernels.ts": KERNELS_TS,
      "src/report.ts": REPORT_TS,
      "src/main.ts": NODE_MAIN_TS,
      "js/kernels.js": KERNELS_TS.replace("(a: np.NDArray, b: np.NDArray)", "(a, b)"),
      "js/main.js":
        `import { numpy as np } from "@numjit/runtime";\nimport { fma } from "./kernels.js";\n\n` +
        `const r = fma(np.array([1, 2, 3]), np.array([10, 20, 30]));\n` +
        `console.log(JSON.stringify({ value: r.toArray(), info: fma.cacheInfo() }));\n`,
      // the READMEs' recipes
      "rollup.config.mjs":
        `import { rollup as numjit } from "@numjit/unplugin";\n` +
        `export default { input: "js/main.js", output: { dir: "out-rollup", format: "es" }, external: /^@numjit\\/runtime/, ` +
        `plugins: [numjit()] };\n`,
      "esbuild.mjs":
        `import { build } from "esbuild";\nimport { esbuild as numjit } from "@numjit/unplugin";\n` +
        `await build({ entryPoints: ["src/main.ts"], bundle: true, platform: "node", format: "esm", outfile: "out-esbuild/main.mjs", ` +
        `plugins: [numjit()] });\n`,
      "babel.config.json": `{ "plugins": ["@numjit/babel-plugin"] }\n`,
      "babel.mjs":
        `import fs from "node:fs";\nimport { transformFileSync } from "@babel/core";\n` +
        `fs.mkdirSync("out-babel", { recursive: true });\n` +
        `for (const f of ["kernels.js", "main.js"]) fs.writeFileSync(\`out-babel/\${f}\`, transformFileSync(\`js/\${f}\`).code);\n`,
    });
    const i0 = Date.now();
    const [a, b, c] = await Promise.all([install(nodeApp), install(viteApp), install(bundlerApp)]);
    timings.push(`install ${Date.now() - i0} ms (node app ${a.ms} ms, vite app ${b.ms} ms, bundler app ${c.ms} ms)`);
  }, 300_000);

  it("CLI: `npx numjit --help`, `numjit build`, the output runs without code generation", async () => {
    const help = await must("npx", ["--no-install", "numjit", "--help"], nodeApp);
    expect(help.out).toMatch(/numjit build <files\|dirs\.\.\.> --outDir <dir>/);
    const b = await must("npx", ["--no-install", "numjit", "build", "src", "--outDir", "out-cli"], nodeApp);
    timings.push(`cli build ${b.ms} ms`);
    expect(b.out).toMatch(/precompiled\s+1/);
    expect(fs.readFileSync(path.join(nodeApp, "out-cli/report.js"), "utf8")).toMatch(/from "\.\/kernels\.js"/);
    const r = await must("node", [NO_CODEGEN, "out-cli/main.js"], nodeApp);
    expectPrecompiled(parseReport(r.out));
  });

  it("tsc + ts-patch (typescript ~6.0.3, ts-patch ^4): `tspc` builds, the output runs without code generation", async () => {
    const b = await must("npx", ["--no-install", "tspc", "-p", "tsconfig.json"], nodeApp);
    timings.push(`tspc ${b.ms} ms`);
    expect(fs.readFileSync(path.join(nodeApp, "out-tsc/kernels.js"), "utf8")).toMatch(/@numjit\/runtime\/(internal|precompiled)/);
    const r = await must("node", [NO_CODEGEN, "out-tsc/main.js"], nodeApp);
    expectPrecompiled(parseReport(r.out));
  });

  it("Vite: `vite build`, the page runs in chromium under script-src 'self'", async (ctx) => {
    const b = await must("npx", ["--no-install", "vite", "build"], viteApp);
    timings.push(`vite build ${b.ms} ms`);
    expect(b.out).toMatch(/numjit: 1\/1 jit function precompiled \(1 kernel\)/);
    // the compiler's own TypeScript 6 is installed for it; the app itself has none
    expect(
      fs.existsSync(path.join(viteApp, "node_modules/typescript/package.json")) ||
        fs.existsSync(path.join(viteApp, "node_modules/@numjit/compiler/node_modules/typescript/package.json")),
    ).toBe(true);
    if (SKIP_BROWSER) {
      console.warn(SKIP_REASON);
      ctx.skip();
      return;
    }
    const server = await serveStatic(path.join(viteApp, "dist"), "default-src 'self'; script-src 'self'");
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      await page.goto(server.url, { waitUntil: "load" });
      await page.waitForFunction(() => "__report" in window, null, { timeout: 30_000 });
      const report = (await page.evaluate(() => (window as unknown as { __report: unknown }).__report)) as Report;
      expect(errors).toEqual([]);
      expectPrecompiled(report);
    } finally {
      await browser.close();
      await server.close();
    }
  });

  it("Rollup (rollup -c with @numjit/unplugin): the output runs without code generation", async () => {
    const b = await must("npx", ["--no-install", "rollup", "-c"], bundlerApp);
    timings.push(`rollup ${b.ms} ms`);
    expect(b.out).toMatch(/numjit: 1\/1 jit function precompiled \(1 kernel\)/);
    expectPrecompiled(parseReport((await must("node", [NO_CODEGEN, "out-rollup/main.js"], bundlerApp)).out));
  });

  it("esbuild (build() with @numjit/unplugin, TypeScript sources): the output runs without code generation", async () => {
    const b = await must("node", ["esbuild.mjs"], bundlerApp);
    timings.push(`esbuild ${b.ms} ms`);
    expect(b.out).toMatch(/numjit: 1\/1 jit function precompiled \(1 kernel\)/);
    expectPrecompiled(parseReport((await must("node", [NO_CODEGEN, "out-esbuild/main.mjs"], bundlerApp)).out));
  });

  it("Babel (@babel/core 7 with babel.config.json): the output runs without code generation", async () => {
    const b = await must("node", ["babel.mjs"], bundlerApp);
    timings.push(`babel ${b.ms} ms`);
    expect(fs.readFileSync(path.join(bundlerApp, "out-babel/kernels.js"), "utf8")).toMatch(/@numjit\/runtime\/(internal|precompiled)/);
    expectPrecompiled(parseReport((await must("node", [NO_CODEGEN, "out-babel/main.js"], bundlerApp)).out));
  });
});
