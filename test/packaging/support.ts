// Helpers for the packaging test: pack the workspace packages, make fresh apps in a temp folder outside the
// workspace, install the tarballs there from the npm registry (cache first), run commands.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface Result {
  code: number | null;
  out: string;
  ms: number;
}

/** The environment a user's shell would have: none of the npm_* variables of the `npm test` running us. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== "INIT_CWD" && k !== "NODE_OPTIONS") env[k] = v;
  return { ...env, FORCE_COLOR: "0", NO_COLOR: "1", CI: "true", ...extra };
}

/** Runs a command (no stdin, no shell), capturing stdout and stderr together. */
export function run(cmd: string, args: string[], cwd: string, timeoutMs = 180_000, env: Record<string, string> = {}): Promise<Result> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: cleanEnv(env), stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error(`${cmd} ${args.join(" ")} (in ${cwd}) timed out after ${timeoutMs} ms\n${out}`));
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, out, ms: Date.now() - t0 });
    });
  });
}

/** Like run, but a non-zero exit is an error carrying the output. */
export async function must(cmd: string, args: string[], cwd: string, timeoutMs?: number, env?: Record<string, string>): Promise<Result> {
  const r = await run(cmd, args, cwd, timeoutMs, env);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(" ")} (in ${cwd}) exited ${r.code}:\n${r.out}`);
  return r;
}

export interface Tarball {
  name: string;
  file: string;
  size: number;
  unpackedSize: number;
  files: string[];
}

/** `npm pack` of workspace packages into dir; what npm would publish. */
export async function pack(workspaces: string[], dir: string): Promise<Map<string, Tarball>> {
  const args = ["pack", "--json", "--pack-destination", dir, ...workspaces.flatMap((w) => ["-w", w])];
  const r = await must("npm", args, REPO, 120_000);
  const json = JSON.parse(r.out.slice(r.out.indexOf("[")));
  const out = new Map<string, Tarball>();
  for (const p of json as { name: string; filename: string; size: number; unpackedSize: number; files: { path: string }[] }[]) {
    out.set(p.name, {
      name: p.name,
      file: path.join(dir, p.filename),
      size: p.size,
      unpackedSize: p.unpackedSize,
      files: p.files.map((f) => f.path),
    });
  }
  return out;
}

/** A fresh temp folder outside the workspace (the OS temp dir). */
export function tempRoot(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "numjit-packaging-"));
  if (path.relative(REPO, dir).split(path.sep)[0] !== "..") throw new Error(`temp dir ${dir} is inside the repository`);
  return dir;
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const f = path.join(root, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
  }
}

/** npm install in an app: registry packages from the cache when it has them. */
export function install(app: string): Promise<Result> {
  return must("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], app, 240_000);
}

/** Relative links of a README ([text](target), not http(s)/#anchors) that do not resolve among files. */
export function brokenLinks(readme: string, readmePath: string, files: string[]): string[] {
  const bad: string[] = [];
  // code (fenced blocks and `inline` spans) is not markdown: `nn[act](x)` there is a call, not a link
  const prose = readme.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  for (const m of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1]!;
    if (/^(https?:|mailto:|#)/.test(target)) continue;
    const rel = path.posix.normalize(path.posix.join(path.posix.dirname(readmePath), target.replace(/#.*$/, "")));
    if (!files.includes(rel)) bad.push(target);
  }
  return bad;
}

/** Serves a folder on localhost with a strict CSP header (no 'unsafe-eval'). */
export async function serveStatic(root: string, csp: string): Promise<{ url: string; close(): Promise<void> }> {
  const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".map": "application/json" };
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    if (rel === "/favicon.ico") {
      res.writeHead(204).end(); // the browser asks for it; an app without one is not an error
      return;
    }
    const file = path.join(root, rel.endsWith("/") ? `${rel}index.html` : rel);
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": types[path.extname(file)] ?? "application/octet-stream", "Content-Security-Policy": csp });
    res.end(fs.readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const addr = server.address();
  if (!addr || typeof addr === "string") throw new Error("static server: no TCP port");
  return { url: `http://127.0.0.1:${addr.port}/`, close: () => new Promise((r) => server.close(() => r())) };
}
