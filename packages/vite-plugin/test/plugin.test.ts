// @numjit/vite-plugin under `vite build` (Rolldown), with the real compiler: what is compiled, what is
// never parsed, how diagnostics surface, the summary line, source maps.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { tmpdir } from "node:os";
import { stripVTControlCharacters } from "node:util";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { build, createLogger, createServer, type ConfigEnv, type Logger, type Rollup, type UserConfig } from "vite";
import numjit, { createNumjitPlugin, type NumjitOptions } from "../src/index.js";
import { loadCompiler } from "../src/compiler.js";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures");

function capture(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const base = createLogger("info", { allowClearScreen: false });
  // picocolors colours output when CI is set: keep what a user reads, without escape codes
  const keep = (level: string) => (msg: string) => void lines.push(`${level}: ${stripVTControlCharacters(msg)}`);
  return { logger: { ...base, info: keep("info"), warn: keep("warn"), warnOnce: keep("warn"), error: keep("error") }, lines };
}

/** Builds `entry` (a fixture) as an ES module in memory; returns the output chunk and the log lines. */
async function bundle(entry: string, options: NumjitOptions = {}, plugin = numjit(options)) {
  const { logger, lines } = capture();
  const out = (await build({
    root: FIXTURES,
    configFile: false,
    logLevel: "info",
    customLogger: logger,
    plugins: [plugin],
    build: {
      write: false,
      minify: false,
      sourcemap: true,
      lib: { entry: join(FIXTURES, entry), formats: ["es"], fileName: "out" },
      rolldownOptions: { external: [/^@numjit\//] },
    },
  })) as Rollup.RolldownOutput[];
  const chunk = out[0]!.output.find((o): o is Rollup.OutputChunk => o.type === "chunk")!;
  const assets = out[0]!.output.filter((o): o is Rollup.OutputAsset => o.type === "asset");
  return { chunk, assets, lines, log: lines.join("\n") };
}

describe("vite build with @numjit/vite-plugin", () => {
  it("precompiles jit functions into plain-JS kernels and prints a one-line summary", async () => {
    const { chunk, log } = await bundle("entry.ts");
    expect(chunk.code).toContain('from "@numjit/runtime/precompiled"'); // every function has plans: the light entry
    expect(chunk.code).toMatch(/function nj_elementwise_[0-9a-f]+\(/);
    expect(chunk.code).not.toMatch(/new Function|eval\(/);
    expect(log).toMatch(/numjit: 2\/2 jit functions precompiled \(2 kernels\) in 1 module, 0 fallbacks, \d+ ms/);
  });

  it("emits the module's wasm kernels as one .wasm asset, referenced by URL (inline or none on request)", async () => {
    const { chunk, assets } = await bundle("entry.ts");
    const wasm = assets.filter((a) => a.fileName.endsWith(".wasm"));
    expect(wasm.map((a) => a.fileName)).toEqual([expect.stringMatching(/good\.numjit(-[\w-]+)?\.wasm$/)]);
    const bytes = wasm[0]!.source as Uint8Array;
    expect(WebAssembly.validate(bytes)).toBe(true);
    // Vite renders the asset's URL for the build's base ("/good.numjit.wasm" here; `new URL(…, import.meta.url)` under base "./")
    const name = wasm[0]!.fileName.split("/").pop()!.replace(/\./g, "\\.");
    expect(chunk.code).toMatch(new RegExp(`url: [^,\\n]*${name}`));
    expect(chunk.code).toMatch(/wasm: __nj_w\s*\}/);
    const inline = await bundle("entry.ts", { wasm: "inline" });
    expect(inline.assets.filter((a) => a.fileName.endsWith(".wasm"))).toEqual([]);
    expect(inline.chunk.code).toMatch(/__nj_w = \{\s*bytes: "[A-Za-z0-9+/=]+"/);
    const none = await bundle("entry.ts", { wasm: "none" });
    expect(none.chunk.code).not.toContain("__nj_w");
  });

  it("never hands the compiler a module without jit, or one that does not import @numjit/runtime", async () => {
    const seen: string[] = [];
    const spy = createNumjitPlugin({}, async () => {
      const real = await loadCompiler();
      return { transform: (code, id, o) => (seen.push(id.split("/").pop()!), real.transform(code, id, o)) };
    });
    await bundle("entry.ts", {}, spy);
    expect(seen).toEqual(["good.ts"]);
  });

  it("precompiles jit functions calling helpers of other modules (namespace, default, re-exports)", async () => {
    const { chunk, log } = await bundle("ns-model.ts");
    expect(log).toMatch(/numjit: 2\/2 jit functions precompiled \(\d+ kernels?\) in 1 module, 0 fallbacks/);
    expect(log).not.toMatch(/NJ70\d/);
    // the helper a jit function reaches is converted by AutoGraph in its own module
    expect(chunk.code).toMatch(/\.ifExp\(\w+\.less\(\w+\.sum\(x\), 0\)/);
  });

  it("reports a fallback as a warning with code, location and frame, and keeps building", async () => {
    const { chunk, log } = await bundle("fallback.ts");
    expect(log).toContain("[plugin numjit] NJ701 jit argument is 'external', which is imported from './helper.js'");
    expect(log).toMatch(/at .*fixtures\/fallback\.ts:5:30/);
    expect(log).toContain("> 5 | export const viaHelper = jit(external);");
    expect(log).toMatch(/numjit: 1\/2 jit functions precompiled \(1 kernel\) in 1 module, 1 fallback to the runtime jit/);
    expect(chunk.code).toContain("jit(external)"); // left to the runtime jit
  });

  it('fails the build on a fallback with diagnostics: "error"', async () => {
    await expect(bundle("fallback.ts", { diagnostics: "error" })).rejects.toThrow(/NJ701/);
  });

  it("fails the build on a shape error, with a located, framed error", async () => {
    const err = (await bundle("broken.ts").catch((e: unknown) => e)) as Rollup.RollupError & { errors?: Rollup.RollupError[] };
    expect(err).toBeInstanceOf(Error);
    const first = err.errors?.[0] ?? err;
    expect(first.message).toMatch(/NJ801 .*matmul: shapes \(3, 4\) and \(5, 2\) are not aligned/);
    expect(first.plugin).toBe("numjit");
    expect(first.loc).toEqual({ file: join(FIXTURES, "broken.ts"), line: 4, column: 61 });
    expect(first.frame).toContain("4 | export const product = jit(");
    expect(first.frame).toContain("^^^^^^^^^^^^^^^");
  });

  it("returns a source map that points back into the original module", async () => {
    const { chunk } = await bundle("good.ts");
    const map = chunk.map!;
    expect(map.sources.some((s) => s.endsWith("good.ts"))).toBe(true);
    const i = map.sources.findIndex((s) => s.endsWith("good.ts"));
    expect(map.sourcesContent?.[i]).toContain("export const softish = jit(");
  });

  it("a module whose import follows its jit() call, and that uses an emitted-looking name, loads and runs", async () => {
    const { chunk, log } = await bundle("late-import.ts");
    expect(log).toMatch(/numjit: 1\/1 jit function precompiled \(1 kernel\) in 1 module, 0 fallbacks/);
    // the bundle keeps @numjit/* external: write it inside the repo so they resolve, and load it
    const dir = join(FIXTURES, "../../../../test-artifacts/vite-plugin");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `late-import-${process.pid}.mjs`);
    writeFileSync(file, chunk.code.replace(/\/\/# sourceMappingURL=.*$/m, ""));
    const mod = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as Record<string, unknown>;
    expect((mod["first"] as { toArray(): unknown }).toArray()).toEqual([2, 4, 6]);
    expect(mod["__nj_t0"]).toBe("user");
    const info = (mod["doubled"] as { cacheInfo(): { calls: number; runtimeCompiles: number } }).cacheInfo();
    expect(info).toMatchObject({ calls: 1, runtimeCompiles: 0 });
  });

  it("respects include/exclude", async () => {
    const { chunk, log } = await bundle("good.ts", { exclude: [/good\.ts$/] });
    expect(chunk.code).not.toContain("@numjit/runtime/internal");
    expect(log).toContain("numjit: no jit() functions found");
  });

  it("rejects a bad diagnostics option early", () => {
    expect(() => numjit({ diagnostics: "loud" as "warn" })).toThrow(/diagnostics must be "warn" or "error"/);
  });
});

describe("a compiler crash", () => {
  const crashing = (options: NumjitOptions) =>
    createNumjitPlugin(options, async () => ({
      transform: () => {
        throw new TypeError("boom");
      },
    }));

  it("leaves the module to the runtime jit with a warning", async () => {
    const { chunk, log } = await bundle("good.ts", {}, crashing({}));
    expect(log).toMatch(/NUMJIT_COMPILER_CRASH|@numjit\/compiler failed on .*good\.ts; its jit\(\) calls are left to the runtime jit/);
    expect(log).toContain("TypeError: boom");
    expect(chunk.code).toContain("jit((x, y) =>");
  });

  it('fails the build under diagnostics: "error"', async () => {
    await expect(bundle("good.ts", {}, crashing({ diagnostics: "error" }))).rejects.toThrow(/@numjit\/compiler failed on/);
  });
});

describe("dev-server dependency pre-bundling and headers", () => {
  const configHook = (root: string, opts: Parameters<typeof numjit>[0] = {}, command: "serve" | "build" = "serve") => {
    const hook = numjit(opts).config as (c: UserConfig, e: ConfigEnv) => UserConfig | undefined;
    return hook({ root }, { command, mode: "development" });
  };
  const isolation = { headers: { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" } };
  const linked = join(FIXTURES, "../../../../examples/vite-app");

  it("pre-bundles the runtime and its internal entry together when it is an installed package", () => {
    const root = mkdtempSync(join(tmpdir(), "numjit-deps-"));
    try {
      const pkg = join(root, "node_modules/@numjit/runtime");
      mkdirSync(pkg, { recursive: true });
      writeFileSync(
        join(pkg, "package.json"),
        JSON.stringify({ name: "@numjit/runtime", type: "module", exports: { ".": "./index.js", "./internal": "./internal.js" } }),
      );
      writeFileSync(join(pkg, "index.js"), "export {};\n");
      expect(configHook(root)).toEqual({
        optimizeDeps: { include: ["@numjit/runtime", "@numjit/runtime/internal"] },
        server: isolation,
        preview: isolation,
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("leaves a linked workspace runtime alone (Vite serves it as source)", () => {
    expect(configHook(linked)).toEqual({ server: isolation, preview: isolation });
  });

  it("sets COOP/COEP on the dev and preview servers unless crossOriginIsolation is false; never in a build", () => {
    expect(configHook(linked, { crossOriginIsolation: false })).toEqual({});
    expect(configHook(linked, {}, "build")).toBeUndefined();
  });

  it("rejects an unknown wasm mode", () => {
    expect(() => numjit({ wasm: "bytes" as "inline" })).toThrow(/wasm must be "asset", "inline" or "none"/);
  });
});

describe("vite dev (transform on request)", () => {
  it("prints a fallback warning with plugin, file:line:column and frame in the terminal", async () => {
    const { logger, lines } = capture();
    const server = await createServer({
      root: FIXTURES,
      configFile: false,
      customLogger: logger,
      plugins: [numjit()],
      server: { middlewareMode: true, ws: false },
      optimizeDeps: { noDiscovery: true },
    });
    try {
      const result = await server.transformRequest("/fallback.ts");
      expect(result?.code).toMatch(/import \{ precompiled as __nj_pre \} from "[^"]*runtime\/dist\/precompiled\.js"/);
      const out = lines.join("\n");
      expect(out).toContain("warning: NJ701 jit argument is 'external'");
      expect(out).toContain("Plugin: numjit");
      expect(out).toMatch(/File: .*fixtures\/fallback\.ts:5:29/);
      expect(out).toContain("5 | export const viaHelper = jit(external);");
    } finally {
      await server.close();
    }
  });
});
