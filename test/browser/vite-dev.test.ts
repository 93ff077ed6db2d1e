// @numjit/vite-plugin under `vite dev` in chromium: a build-time shape error reaches the error overlay
// (with code, location and code frame), and editing a jit module hot-swaps just that module.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Plugin, ViteDevServer } from "vite";
import numjit, { type NumjitPluginApi } from "@numjit/vite-plugin";
import { launchChromium, recordCspViolations, SKIP_BROWSER, SKIP_REASON, watchPage, type Browser } from "./support/chromium.js";
import { ARTIFACTS, copyFixture, FIXTURES, startDev, type CapturedLogger } from "./support/servers.js";

if (SKIP_BROWSER) console.warn(SKIP_REASON);

const pluginApi = (server: ViteDevServer): NumjitPluginApi => {
  const p = server.config.plugins.find((q): q is Plugin<NumjitPluginApi> => q.name === "numjit");
  if (!p?.api) throw new Error("numjit plugin not found in the resolved config");
  return p.api;
};

describe.skipIf(SKIP_BROWSER)("vite dev in chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe("a statically incompatible matmul (fixtures/broken-app)", () => {
    let server: ViteDevServer;
    let logger: CapturedLogger;
    let overlayText = "";

    beforeAll(async () => {
      ({ server, logger } = await startDev(join(FIXTURES, "broken-app"), { plugins: [numjit()] }));
      const page = await browser.context.newPage();
      await page.goto(server.resolvedUrls!.local[0]!);
      const overlay = page.locator("vite-error-overlay");
      await overlay.waitFor({ state: "attached", timeout: 60_000 });
      // the overlay renders into its shadow root
      overlayText = await overlay.evaluate((el) => (el.shadowRoot?.textContent ?? "").replace(/\s+/g, " "));
      const shot = join(ARTIFACTS, "vite-dev-overlay.png");
      await page.screenshot({ path: shot });
      console.log(`screenshot: ${shot}`);
      await page.close();
    }, 180_000);
    afterAll(async () => {
      await server?.close();
    });

    it("shows the NJ801 shape error in the overlay, with the plugin, the file and the code frame", () => {
      expect(overlayText).toContain("[plugin:numjit]");
      expect(overlayText).toMatch(/NJ801 .*matmul: shapes \(3, 4\) and \(5, 2\) are not aligned/);
      // loc: line 6, the matmul call (Rollup's 0-based column: 61 is the 62nd character)
      expect(overlayText).toMatch(/broken-app\/main\.ts:6:61/);
      expect(overlayText).toContain("np.matmul(a, b)");
      expect(overlayText).toContain("^^^^^^^^^^^^^^^");
    });

    it("prints the same error in the terminal", () => {
      const out = logger.lines.join("\n");
      expect(out).toMatch(/NJ801/);
      expect(out).toMatch(/main\.ts:6:61/);
    });
  });

  describe("HMR of a jit module (fixtures/hmr-app)", () => {
    let server: ViteDevServer;
    let logger: CapturedLogger;
    let root: string;

    beforeAll(async () => {
      root = copyFixture("hmr-app");
      ({ server, logger } = await startDev(root, { plugins: [numjit()] }));
    });
    afterAll(async () => {
      await server?.close();
      if (root) rmSync(root, { recursive: true, force: true });
    });

    it("serves precompiled kernels in dev, then recompiles only the edited module", async () => {
      const page = await browser.context.newPage();
      const log = watchPage(page);
      await recordCspViolations(page);
      await page.goto(server.resolvedUrls!.local[0]!);
      await page.waitForFunction(() => document.getElementById("shift")?.textContent === "[11,12,13]", null, { timeout: 60_000 });
      expect(await page.textContent("#scale")).toBe("[2,4,6]");

      const api = pluginApi(server);
      const compiles = () =>
        Object.fromEntries(
          api
            .reports()
            .filter((r) => r.functions > 0)
            .map((r) => [r.file.split("/").pop(), r.compiles]),
        );
      expect(compiles()).toEqual({ "scale.ts": 1, "shift.ts": 1 });

      const file = join(root, "scale.ts");
      writeFileSync(file, readFileSync(file, "utf8").replace("np.multiply(x, 2)", "np.multiply(x, 3)"));
      await page.waitForFunction(() => document.getElementById("scale")?.textContent === "[3,6,9]", null, { timeout: 60_000 });

      const state = await page.evaluate(() => {
        const w = window as unknown as { __loads: number; __cache: Record<string, Record<string, number>>; __cspViolations: string[] };
        return { loads: w.__loads, cache: w.__cache, csp: w.__cspViolations };
      });
      expect(state.loads, "hot update, not a full reload").toBe(1);
      expect(compiles()).toEqual({ "scale.ts": 2, "shift.ts": 1 });
      expect(logger.lines.join("\n")).toMatch(/numjit: recompiled scale\.ts: 1\/1 jit function precompiled/);
      // the dev server also emits precompiled kernels: nothing was generated in the page, under a CSP
      for (const [name, c] of Object.entries(state.cache)) {
        expect(c.calls, `${name}: ${JSON.stringify(c)}`).toBeGreaterThan(0);
        expect(c.runtimeCompiles, name).toBe(0);
        expect(c.eagerFallbacks, name).toBe(0);
      }
      expect(state.csp).toEqual([]);
      expect(log.pageErrors).toEqual([]);
      expect(log.consoleErrors).toEqual([]);
      await page.close();
    }, 180_000);
  });
});
