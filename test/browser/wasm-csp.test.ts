// Shipped wasm kernels and the page's Content-Security-Policy, in chromium. The fixture (fixtures/
// wasm-app) is built by @numjit/vite-plugin (precompiled functions + their `.wasm` asset; one module
// left to the runtime jit) and served under several policies, each sent as a header:
//   strict         script-src 'self' (+ the same policy as a <meta>): no eval, no wasm. Precompiled
//                  functions run their JS kernels, the runtime jit its interpreter path (eager IR), and
//                  the probes read the meta policy instead of trying: no securitypolicyviolation at all.
//   strict-header  the same policy as a header only: script cannot read it, so each probe (eval, wasm)
//                  is one refused attempt — at most one report each, answers still correct.
//   wasm           script-src 'self' 'wasm-unsafe-eval' (+ meta): the shipped wasm kernels run (fetched,
//                  compiled once, no module generated in the page); still no eval, no report.
//   open           no CSP: the runtime jit generates its JS and wasm kernels in the page.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "vite";
import { launchChromium, recordCspViolations, SKIP_BROWSER, SKIP_REASON, watchPage, type Browser } from "./support/chromium.js";
import { ARTIFACTS, serveScenarios } from "./support/servers.js";
import { WASM_APP as APP, fixturePlugin } from "./support/wasm-app.js";

if (SKIP_BROWSER) console.warn(SKIP_REASON);

const OUT = join(ARTIFACTS, "wasm-app-dist");
const POLICIES: Record<string, string | undefined> = {
  strict: "script-src 'self'",
  "strict-header": "script-src 'self'",
  wasm: "script-src 'self' 'wasm-unsafe-eval'",
  open: undefined,
};
const META = new Set(["strict", "wasm"]);

type Info = Record<string, number>;
interface Result {
  errors: { pre: number; sum: number; rt: number };
  wasm: { calls: number; compiles: number; shipped: number };
  wasmAvailable: boolean;
  canGenerateCode: boolean;
  cache: { chain: Info; rowSum: Info; chainRt: Info };
}

describe.skipIf(SKIP_BROWSER)("shipped wasm kernels under a CSP, in chromium", () => {
  let browser: Browser;
  let server: { url: string; close(): Promise<void> };
  const results: Record<string, { result: Result; violations: string[]; cspConsole: string[] }> = {};

  beforeAll(async () => {
    await build({
      root: APP,
      configFile: false,
      base: "./",
      logLevel: "silent",
      plugins: [fixturePlugin()],
      build: { outDir: OUT, emptyOutDir: true, target: "es2022" },
    });
    server = await serveScenarios(
      OUT,
      (s): Record<string, string> => (POLICIES[s] ? { "Content-Security-Policy": POLICIES[s]! } : {}),
      (s, html) =>
        META.has(s) ? html.replace("<!--CSP-->", `<meta http-equiv="Content-Security-Policy" content="${POLICIES[s]}" />`) : html,
    );
    browser = await launchChromium();
    for (const scenario of Object.keys(POLICIES)) {
      const page = await browser.context.newPage();
      const log = watchPage(page);
      await recordCspViolations(page);
      await page.goto(`${server.url}${scenario}/`);
      await page.waitForFunction(
        () => {
          const w = window as unknown as { __result?: unknown; __error?: string };
          return w.__result !== undefined || w.__error !== undefined;
        },
        null,
        { timeout: 60_000 },
      );
      const got = await page.evaluate(() => {
        const w = window as unknown as { __result?: Result; __error?: string; __cspViolations: string[] };
        return { result: w.__result, error: w.__error, violations: [...w.__cspViolations] };
      });
      if (got.error !== undefined || got.result === undefined) throw new Error(`${scenario}: ${got.error}\n${log.consoleAll.join("\n")}`);
      results[scenario] = { result: got.result, violations: got.violations, cspConsole: log.cspConsole };
      const r = got.result;
      console.log(
        `${scenario}: errors ${JSON.stringify(r.errors)} wasm ${JSON.stringify(r.wasm)} violations ${JSON.stringify(got.violations)}`,
      );
      await page.close();
    }
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("strict (header + meta): JS kernels and the interpreter path give eager's numbers, and nothing is reported", () => {
    const { result: r, violations, cspConsole } = results["strict"]!;
    expect(r.errors.pre).toBeLessThanOrEqual(1);
    expect(r.errors.sum).toBeLessThanOrEqual(1);
    expect(r.errors.rt).toBeLessThanOrEqual(1);
    expect(r.wasmAvailable).toBe(false);
    expect(r.canGenerateCode).toBe(false);
    expect(r.wasm).toMatchObject({ calls: 0, compiles: 0, shipped: 0 });
    expect(r.cache.chain).toMatchObject({ traces: 0, runtimeCompiles: 0, eagerFallbacks: 0 });
    expect(r.cache.chainRt.eagerFallbacks).toBeGreaterThan(0);
    expect(r.cache.chainRt.runtimeCompiles).toBe(0);
    expect(violations).toEqual([]);
    expect(cspConsole).toEqual([]);
  });

  it("strict-header (no meta): the same answers; each probe is one refused attempt (one report each)", () => {
    const { result: r, violations } = results["strict-header"]!;
    expect(r.errors.pre).toBeLessThanOrEqual(1);
    expect(r.errors.sum).toBeLessThanOrEqual(1);
    expect(r.errors.rt).toBeLessThanOrEqual(1);
    expect(r.canGenerateCode).toBe(false);
    expect(r.wasm.calls).toBe(0);
    expect(r.cache.chainRt.eagerFallbacks).toBeGreaterThan(0);
    // a header policy is invisible to script: the wasm probe and the eval probe are refused once each
    const kinds = violations.map((v) => /blocked (\S+)/.exec(v)?.[1]).sort();
    expect(kinds, violations.join("; ")).toEqual(["eval", "wasm-eval"]);
  });

  it("wasm allowed: the shipped kernels run (compiled once, none generated), eager's numbers, no report", () => {
    const { result: r, violations, cspConsole } = results["wasm"]!;
    expect(r.errors.pre).toBeLessThanOrEqual(1);
    expect(r.errors.sum).toBeLessThanOrEqual(1);
    expect(r.errors.rt).toBeLessThanOrEqual(1);
    expect(r.wasmAvailable).toBe(true);
    expect(r.canGenerateCode).toBe(false);
    expect(r.wasm.calls).toBeGreaterThan(0);
    expect(r.wasm.shipped).toBe(1);
    expect(r.wasm.compiles).toBe(0);
    expect(r.cache.chain).toMatchObject({ traces: 0, runtimeCompiles: 0 });
    expect(violations).toEqual([]);
    expect(cspConsole).toEqual([]);
  });

  it("no CSP: the runtime jit generates its kernels (JS and wasm) in the page", () => {
    const { result: r, violations } = results["open"]!;
    expect(r.errors.rt).toBeLessThanOrEqual(1);
    expect(r.errors.pre).toBeLessThanOrEqual(1);
    expect(r.canGenerateCode).toBe(true);
    expect(r.cache.chainRt.runtimeCompiles).toBeGreaterThan(0);
    expect(r.wasm.compiles).toBeGreaterThan(0);
    expect(r.cache.chain).toMatchObject({ traces: 0, runtimeCompiles: 0 });
    expect(violations).toEqual([]);
  });
});
