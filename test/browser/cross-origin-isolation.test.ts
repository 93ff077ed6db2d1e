// @numjit/vite-plugin serves `vite dev` and `vite preview` pages cross-origin isolated (COOP
// same-origin + COEP require-corp), so `crossOriginIsolated` is true there (SharedArrayBuffer for the
// worker pool); `crossOriginIsolation: false` turns the headers off. The dev page also runs the
// fixture's precompiled functions on their wasm kernels, shipped inline in dev. In a Web Worker of an
// isolated page the runtime's worker pool runs (nested Web Workers), in a minified production bundle too;
// pmap runs its devices on the calling thread there and on the main thread, matching vmap bit for bit.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, preview } from "vite";
import { launchChromium, SKIP_BROWSER, SKIP_REASON, type Browser } from "./support/chromium.js";
import { ARTIFACTS, FIXTURES, startDev } from "./support/servers.js";
import { WASM_APP as APP, fixturePlugin } from "./support/wasm-app.js";

if (SKIP_BROWSER) console.warn(SKIP_REASON);

interface PageState {
  isolated: boolean;
  coop: string | null;
  result: { errors: { pre: number }; wasm: { calls: number; compiles: number; shipped: number } };
}

describe.skipIf(SKIP_BROWSER)("cross-origin isolation from the vite plugin, in chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function open(url: string): Promise<PageState> {
    const page = await browser.context.newPage();
    const res = await page.goto(url);
    await page.waitForFunction(
      () => {
        const w = window as unknown as { __result?: unknown; __error?: string };
        return w.__result !== undefined || w.__error !== undefined;
      },
      null,
      { timeout: 60_000 },
    );
    const s = await page.evaluate(() => {
      const w = window as unknown as { __result?: PageState["result"]; __error?: string };
      return { isolated: globalThis.crossOriginIsolated, result: w.__result, error: w.__error };
    });
    await page.close();
    if (s.error !== undefined || s.result === undefined) throw new Error(`${url}: ${s.error}`);
    return { isolated: s.isolated, coop: res?.headers()["cross-origin-opener-policy"] ?? null, result: s.result };
  }

  it("vite dev: crossOriginIsolated, and the inline wasm kernels run", async () => {
    const { server } = await startDev(APP, { plugins: [fixturePlugin()], logLevel: "silent" });
    try {
      const s = await open(server.resolvedUrls!.local[0]!);
      expect(s.coop).toBe("same-origin");
      expect(s.isolated).toBe(true);
      expect(s.result.errors.pre).toBeLessThanOrEqual(1);
      expect(s.result.wasm.shipped).toBe(1);
      expect(s.result.wasm.calls).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  }, 120_000);

  it("vite dev with crossOriginIsolation: false: not isolated", async () => {
    const { server } = await startDev(APP, { plugins: [fixturePlugin({ crossOriginIsolation: false })], logLevel: "silent" });
    try {
      const s = await open(server.resolvedUrls!.local[0]!);
      expect(s.coop).toBe(null);
      expect(s.isolated).toBe(false);
    } finally {
      await server.close();
    }
  }, 120_000);

  it("vite preview: crossOriginIsolated", async () => {
    const outDir = join(ARTIFACTS, "wasm-app-preview");
    const config = { root: APP, configFile: false as const, logLevel: "silent" as const, plugins: [fixturePlugin()] };
    await build({ ...config, build: { outDir, emptyOutDir: true, target: "es2022" } });
    const server = await preview({ ...config, build: { outDir }, preview: { host: "127.0.0.1", port: 0, strictPort: false } });
    try {
      const s = await open(server.resolvedUrls!.local[0]!);
      expect(s.coop).toBe("same-origin");
      expect(s.isolated).toBe(true);
      expect(s.result.wasm.shipped).toBe(1);
    } finally {
      await server.close();
    }
  }, 120_000);

  it("vite preview: the worker pool runs inside a Web Worker (minified production bundle); pmap on the caller", async () => {
    const root = join(FIXTURES, "pool-worker-app");
    const outDir = join(ARTIFACTS, "pool-worker-app");
    const config = { root, configFile: false as const, logLevel: "silent" as const, plugins: [fixturePlugin()] };
    await build({ ...config, build: { outDir, emptyOutDir: true, target: "es2022", minify: true } });
    const server = await preview({ ...config, build: { outDir }, preview: { host: "127.0.0.1", port: 0, strictPort: false } });
    try {
      const page = await browser.context.newPage();
      await page.goto(server.resolvedUrls!.local[0]!);
      await page.waitForFunction(
        () => {
          const w = window as unknown as { __result?: unknown; __error?: string };
          return w.__result !== undefined || w.__error !== undefined;
        },
        null,
        { timeout: 90_000 },
      );
      const got = await page.evaluate(() => {
        const w = window as unknown as { __result?: Record<string, unknown>; __error?: string; __mainPmap?: boolean };
        return { result: w.__result, error: w.__error, mainPmap: w.__mainPmap };
      });
      await page.close();
      expect(got.error).toBeUndefined();
      // pool workers claimed chunks (the caller waited for them: poolTesting.workerFirst), bit-identical to one thread
      expect(got.result).toMatchObject({ isolated: true, threads: 2, jobs: 1, same: true });
      // pmap runs its devices on the calling thread in a browser, main thread and worker alike: same bits as vmap
      expect(got.result!.pmapSame).toBe(true);
      expect(got.mainPmap).toBe(true);
      expect(got.result!.workerChunks).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  }, 180_000);
});
