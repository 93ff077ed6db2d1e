// Launching Debian's chromium through playwright-core. No browser is ever downloaded: the executable is
// the system one (apt-get install chromium), overridable with NUMJIT_CHROMIUM.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from "playwright-core";

export const CHROMIUM = process.env.NUMJIT_CHROMIUM ?? "/usr/bin/chromium";
export const IN_CI = Boolean(process.env.CI);
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
/** Skip only on a developer machine without chromium; in CI a missing browser must fail the run. */
export const SKIP_BROWSER = !HAVE_CHROMIUM && !IN_CI;
export const SKIP_REASON =
  `browser tests skipped: ${CHROMIUM} not found (install it with \`apt-get install -y chromium\`, ` +
  `or point NUMJIT_CHROMIUM at a chromium binary). In CI (CI=1) they run and fail instead.`;

// The user-data-dir is passed by launchPersistentContext (playwright rejects it in `args`).
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  if (!HAVE_CHROMIUM) {
    throw new Error(`${CHROMIUM} not found. CI must install it: apt-get update && apt-get install -y chromium`);
  }
  const profile = mkdtempSync(join(tmpdir(), "numjit-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1200, height: 1500 },
    timeout: 60_000,
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface PageLog {
  consoleErrors: string[];
  consoleAll: string[];
  pageErrors: string[];
  cspConsole: string[];
}

/** Collects console output, uncaught errors and CSP reports of a page (attach before navigating). */
export function watchPage(page: Page): PageLog {
  const log: PageLog = { consoleErrors: [], consoleAll: [], pageErrors: [], cspConsole: [] };
  page.on("console", (m: ConsoleMessage) => {
    const text = `${m.type()}: ${m.text()}`;
    log.consoleAll.push(text);
    if (m.type() === "error") log.consoleErrors.push(text);
    if (/Content Security Policy|unsafe-eval|Refused to/i.test(m.text())) log.cspConsole.push(text);
  });
  page.on("pageerror", (e) => log.pageErrors.push(`${e.name}: ${e.message}`));
  return log;
}

/**
 * Records `securitypolicyviolation` events into `window.__cspViolations`. Init scripts are injected by
 * the DevTools protocol, so they run under the page's CSP without being subject to `script-src`.
 */
export async function recordCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      w.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "(inline)"} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}
