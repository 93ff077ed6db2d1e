// The packages as a user gets them: `npm pack` the workspace packages, install the tarballs into fresh
// apps in a temp folder outside the workspace (other dependencies from the npm registry, cache first),
// follow each front door's README recipe, build, run the output and check that the jit function ran on
// kernels compiled at build time (cacheInfo: precompiledHits > 0, nothing generated at run time).
// Node outputs run under --disallow-code-generation-from-strings; the Vite app in headless chromium
// under `script-src 'self'`.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, SKIP_BROWSER, SKIP_REASON } from "../browser/support/chromium.js";
import { REPO, type Tarball, brokenLinks, install, must, pack, serveStatic, tempRoot, writeFiles } from "./support.js";

const PACKAGES = ["packages/runtime", "packages/compiler", "packages/vite-plugin"];
const NO_CODEGEN = "--disallow-code-generation-from-strings";

const PACKAGE_DIRS: Record<string, string> = Object.fromEntries(
  PACKAGES.map((p) => {
    const dir = path.join(REPO, p);
    return [JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).name as string, dir];
  }),
);

interface Report {
  value: number[];
  info: { precompiledHits: number; runtimeCompiles: number; eagerFallbacks: number };
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
      name, private: true, type: "module",
      dependencies: deps, devDependencies: devDeps,
      overrides: Object.fromEntries(Object.entries(numjit).filter(([n]) => n in deps || n in devDeps)),
    },
    null,
    2,
  );
}

function parseReport(out: string): Report {
  const line = out.trim().split("\n").filter((l) => l.startsWith("{")).pop();
  if (!line) throw new Error(`no report in the output:\n${out}`);
  return JSON.parse(line) as Report;
}

function expectPrecompiled(r: Report): void {
  expect(r.value).toEqual(EXPECTED);
  expect(r.info.precompiledHits).toBeGreaterThan(0);
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
      console.log(`${t.name}: ${(t.size / 1024).toFixed(1)} kB packed, ${(t.unpackedSize / 1024).toFixed(1)} kB unpacked, ${t.files.length} files`);
      expect(t.files.filter((f) => f.endsWith(".tsbuildinfo") || f.endsWith(".map")), t.name).toEqual([]);
      expect(t.files.filter((f) => f.startsWith("src/") || f.startsWith("test/")), t.name).toEqual([]);
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
    for (const [name, dir] of Object.entries(PACKAGE_DIRS)) {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
      expect(pkg.engines?.node, name).toBe(">=20.19");
    }
    const vite = JSON.parse(fs.readFileSync(path.join(PACKAGE_DIRS["@numjit/vite-plugin"]!, "package.json"), "utf8"));
    expect(vite.peerDependencies).toEqual({ vite: "^8.0.0" });
  });
});

describe("front doors, installed from the tarballs", () => {
  // One Node app for the CLI and tsc + ts-patch (the versions the compiler README names), one Vite app
  // with no TypeScript of its own; installed concurrently.
  let nodeApp: string;
  let viteApp: string;

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
          target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: true,
          rootDir: "src", outDir: "out-tsc", types: [], rewriteRelativeImportExtensions: true,
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
      "vite.config.js": `import { defineConfig } from "vite";\nimport numjit from "@numjit/vite-plugin";\n\n` +
        `export default defineConfig({ plugins: [numjit()] });\n`,
      "index.html": `<!doctype html>\n<html><head><meta charset="utf-8"><title>numjit</title></head>\n` +
        `<body><pre id="out">running</pre><script type="module" src="/src/main.ts"></script></body></html>\n`,
      "src/kernels.ts": KERNELS_TS,
      "src/report.ts": REPORT_TS,
      "src/main.ts": `import { report } from "./report.ts";\n\n` +
        `(window as unknown as { __report: unknown }).__report = report;\n` +
        `document.getElementById("out")!.textContent = JSON.stringify(report);\n`,
    });
    const i0 = Date.now();
    const [a, b] = await Promise.all([install(nodeApp), install(viteApp)]);
    timings.push(`install ${Date.now() - i0} ms (node app ${a.ms} ms, vite app ${b.ms} ms)`);
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
    expect(fs.readFileSync(path.join(nodeApp, "out-tsc/kernels.js"), "utf8")).toMatch(/@numjit\/runtime\/internal/);
    const r = await must("node", [NO_CODEGEN, "out-tsc/main.js"], nodeApp);
    expectPrecompiled(parseReport(r.out));
  });

  it("Vite: `vite build`, the page runs in chromium under script-src 'self'", async (ctx) => {
    const b = await must("npx", ["--no-install", "vite", "build"], viteApp);
    timings.push(`vite build ${b.ms} ms`);
    expect(b.out).toMatch(/numjit: 1\/1 jit function precompiled \(1 kernel\)/);
    // the compiler's own TypeScript 6 is installed for it; the app itself has none
    expect(fs.existsSync(path.join(viteApp, "node_modules/typescript/package.json")) ||
      fs.existsSync(path.join(viteApp, "node_modules/@numjit/compiler/node_modules/typescript/package.json"))).toBe(true);
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
});
