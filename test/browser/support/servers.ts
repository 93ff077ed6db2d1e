// Building and serving the example app, and dev servers over fixtures, for the browser tests.
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { AddressInfo } from "node:net";
import { stripVTControlCharacters } from "node:util";
import { createLogger, createServer, preview, type InlineConfig, type Logger, type PreviewServer, type ViteDevServer } from "vite";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const EXAMPLE = join(REPO, "examples/vite-app");
export const ARTIFACTS = join(REPO, "test-artifacts");
export const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), "../fixtures");

export interface CommandResult {
  code: number | null;
  output: string;
}

/** Runs a command to completion, capturing stdout and stderr together. */
export function run(cmd: string, args: string[], cwd = REPO, timeoutMs = 240_000): Promise<CommandResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" } });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error(`${cmd} ${args.join(" ")} timed out after ${timeoutMs} ms\n${output}`));
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolvePromise({ code, output });
    });
  });
}

function urlOf(server: { httpServer: { address(): AddressInfo | string | null } | null }): string {
  const addr = server.httpServer?.address();
  if (!addr || typeof addr === "string") throw new Error("server is not listening on a TCP port");
  return `http://127.0.0.1:${addr.port}/`;
}

/** `vite preview` of a built app on a free localhost port. */
export async function startPreview(root: string): Promise<{ url: string; server: PreviewServer }> {
  const server = await preview({ root, logLevel: "silent", preview: { host: "127.0.0.1", port: 0, strictPort: false, open: false } });
  return { url: urlOf(server), server };
}

export interface CapturedLogger extends Logger {
  lines: string[];
}

/** A Vite logger that keeps every line (what a user would see in the terminal). */
export function captureLogger(): CapturedLogger {
  const base = createLogger("info", { allowClearScreen: false });
  const lines: string[] = [];
  const keep =
    (level: "info" | "warn" | "error") =>
    (msg: string): void => {
      // picocolors colours output when CI is set: keep what a user reads, without escape codes
      lines.push(`${level}: ${stripVTControlCharacters(msg)}`);
    };
  return { ...base, info: keep("info"), warn: keep("warn"), warnOnce: keep("warn"), error: keep("error"), lines };
}

/** A dev server over `root` (vite.config.ts in root is ignored; the plugins are given here). */
export async function startDev(
  root: string,
  config: InlineConfig = {},
): Promise<{ url: string; server: ViteDevServer; logger: CapturedLogger }> {
  const logger = captureLogger();
  const server = await createServer({
    root,
    configFile: false,
    customLogger: logger,
    clearScreen: false,
    ...config,
    server: { host: "127.0.0.1", port: 0, strictPort: false, ...config.server },
  });
  await server.listen();
  return { url: urlOf(server), server, logger };
}

/** A writable copy of a fixture inside the repo (so @numjit/* resolve through the root node_modules). */
export function copyFixture(name: string): string {
  const dest = join(ARTIFACTS, "fixtures", `${name}-${process.pid}`);
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dirname(dest), { recursive: true });
  cpSync(join(FIXTURES, name), dest, { recursive: true });
  return dest;
}

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".map": "application/json",
};

/**
 * A static server over a built app where the first path segment picks a scenario: `/<name>/...` serves
 * `dir/...` with `headers(name)`, and `html(name, text)` may rewrite HTML (e.g. add a meta CSP).
 */
export async function serveScenarios(
  dir: string,
  headers: (scenario: string) => Record<string, string>,
  html: (scenario: string, text: string) => string = (_, t) => t,
): Promise<{ url: string; close(): Promise<void> }> {
  const { createServer: createHttp } = await import("node:http");
  const { existsSync, readFileSync } = await import("node:fs");
  const { extname } = await import("node:path");
  const server = createHttp((req, res) => {
    const [, scenario = "", ...rest] = (req.url ?? "/").replace(/[?#].*$/, "").split("/");
    const rel = rest.join("/") || "index.html";
    const file = join(dir, rel);
    if (rel.includes("..") || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const type = MIME[extname(file)] ?? "application/octet-stream";
    const body = type.startsWith("text/html") ? html(scenario, readFileSync(file, "utf8")) : readFileSync(file);
    res.writeHead(200, { "Content-Type": type, "Cache-Control": "no-store", ...headers(scenario) }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = urlOf({ httpServer: server });
  return { url, close: () => new Promise<void>((r) => server.close(() => r())) };
}
