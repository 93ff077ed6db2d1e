// @numjit/vite-plugin: precompiles jit() functions at build time (and on request in `vite dev`).
//
// A thin shell over `transform` from @numjit/compiler: the compiler finds jit() calls, builds their IR,
// fuses and emits plain-JS kernels into the module. This plugin decides which modules to hand it,
// reports its diagnostics the way Vite expects, and prints what it did. It also ships each module's
// wasm kernels as a `.wasm` asset in `vite build` (inline in `vite dev`), and serves dev and preview
// pages cross-origin isolated (COOP/COEP), which the worker pool's SharedArrayBuffer needs.
import { createRequire } from "node:module";
import { realpathSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { FilterPattern, Logger, Plugin, Rollup, UserConfig } from "vite";
import { loadCompiler, type CompilerLoader, type CompilerModule } from "./compiler.js";
import { combineErrors, effectiveSeverity, toLog, type DiagnosticsMode, type NumjitLog } from "./diagnostics.js";
import { summaryLine } from "@numjit/compiler/summary";
import { CompileLedger, moduleLine, type ModuleReport, type Totals } from "./stats.js";

export interface NumjitOptions {
  /** Modules to consider (globs resolve against the working directory, or RegExps). Default: JS/TS files. */
  include?: FilterPattern;
  /** Modules to skip. Default: node_modules, virtual modules and `?raw` / `?url` / `?inline` imports. */
  exclude?: FilterPattern;
  /**
   * "warn" (default): a jit() the compiler cannot analyse is left to the runtime jit and reported as a
   * warning; the build goes on. "error": such fallbacks fail the build too, for apps that must never
   * generate code at run time (strict CSP). Real errors (NJ8xx: incompatible shapes, ...) always fail.
   */
  diagnostics?: DiagnosticsMode;
  /** Emit source maps for transformed modules. Default true. */
  sourceMap?: boolean;
  /** Print the one-line summary at the end of `vite build`. Default true. */
  summary?: boolean;
  /**
   * Serve `vite dev` and `vite preview` pages with `Cross-Origin-Opener-Policy: same-origin` and
   * `Cross-Origin-Embedder-Policy: require-corp`, so `crossOriginIsolated` is true (SharedArrayBuffer,
   * threads). Default true; false for apps that embed cross-origin resources without CORP/CORS headers.
   * Production servers must send the same two headers themselves.
   */
  crossOriginIsolation?: boolean;
  /**
   * How wasm kernels ship: "asset" (default: one `.wasm` file per module in `vite build`, fetched and
   * compiled once; inline in `vite dev`), "inline" (base64 in the module) or "none" (JS kernels only).
   */
  wasm?: "asset" | "inline" | "none";
}

/** The headers that make a page cross-origin isolated. */
export const CROSS_ORIGIN_ISOLATION_HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
} as const;

/** Exposed as `plugin.api` for tools and tests: what has been compiled so far. */
export interface NumjitPluginApi {
  reports(): ModuleReport[];
  totals(): Totals;
}

export type { Diagnostic, TransformStats } from "./compiler.js";
export type { ModuleReport, Totals } from "./stats.js";

const DEFAULT_INCLUDE: RegExp[] = [/\.[cm]?[jt]sx?(?:\?.*)?$/];
const DEFAULT_EXCLUDE: RegExp[] = [/[\\/]node_modules[\\/]/, /^\0/, /[?&](?:raw|url|inline)(?:&|=|$)/];
// A module that uses jit under any import style mentions the word `jit`: `jit(`, `nj.jit(`, or
// `import { jit as J }`. `numjit` and `@numjit/runtime` do not match (no word boundary before `jit`).
// Modules that import the runtime without jit pass too: they may hold helpers a jit function reaches.
const JIT_WORD = /\bjit\b/;
const CODE_FILTER = /\bjit\b|@numjit\/runtime/;
const RUNTIME = "@numjit/runtime";

export function numjit(options: NumjitOptions = {}): Plugin<NumjitPluginApi> {
  return createNumjitPlugin(options, loadCompiler);
}

export default numjit;

/** @internal The plugin with an injectable compiler loader (tests use a fake compiler). */
export function createNumjitPlugin(options: NumjitOptions, load: CompilerLoader): Plugin<NumjitPluginApi> {
  const mode: DiagnosticsMode = options.diagnostics ?? "warn";
  if (mode !== "warn" && mode !== "error") {
    throw new Error(`@numjit/vite-plugin: diagnostics must be "warn" or "error", got ${JSON.stringify(mode)}`);
  }
  const sourceMap = options.sourceMap ?? true;
  const wasmMode = options.wasm ?? "asset";
  if (wasmMode !== "asset" && wasmMode !== "inline" && wasmMode !== "none") {
    throw new Error(`@numjit/vite-plugin: wasm must be "asset", "inline" or "none", got ${JSON.stringify(wasmMode)}`);
  }
  const ledger = new CompileLedger();
  let compiler: Promise<CompilerModule> | undefined;
  let command: "build" | "serve" = "serve";
  let root = process.cwd();
  let logger: Logger | undefined;
  let graph: InstanceType<NonNullable<CompilerModule["ModuleGraph"]>> | undefined;

  const shortName = (file: string): string => {
    const rel = relative(root, file);
    return rel.startsWith("..") ? file : rel.split(sep).join("/");
  };

  return {
    name: "numjit",
    enforce: "pre",
    api: { reports: () => ledger.reports(), totals: () => ledger.totals() },

    config(config, env) {
      if (env.command !== "serve") return;
      const headers = (options.crossOriginIsolation ?? true) ? { headers: { ...CROSS_ORIGIN_ISOLATION_HEADERS } } : undefined;
      return { ...optimizeDepsFor(config), ...(headers ? { server: headers, preview: headers } : {}) };
    },

    buildStart() {
      graph = undefined;
    },

    configResolved(config) {
      command = config.command;
      root = config.root;
      logger = config.logger;
    },

    transform: {
      filter: {
        id: { include: patterns(options.include, DEFAULT_INCLUDE), exclude: patterns(options.exclude, DEFAULT_EXCLUDE) },
        code: CODE_FILTER,
      },
      async handler(code, id) {
        // The compiler only looks at jit imported from @numjit/runtime; skip the load of TypeScript for
        // modules that merely contain the word.
        if (!code.includes(RUNTIME)) return null;
        const file = id.replace(/[?#].*$/, "");
        // a module without jit() may hold helpers that a jit function reaches: the graph indexes every
        // module importing the runtime and the local modules it imports (transformed after it)
        compiler ??= load();
        const { transform, ModuleGraph } = await compiler;
        if (ModuleGraph) graph ??= new ModuleGraph();
        graph?.forget(file);
        graph?.addFile(file);
        if (!JIT_WORD.test(code) && !graph?.reachedIn(file).size) return null;
        const t0 = performance.now();
        // Always "warn": the compiler then reports every diagnostic instead of throwing on the first
        // error, and this plugin decides what fails (see `diagnostics` above).
        let result: ReturnType<typeof transform>;
        try {
          const wasm = wasmMode === "asset" ? (command === "build" ? emitWasmAsset(this, file) : "inline") : wasmMode;
          result = transform(code, file, { sourceMap, diagnostics: "warn", wasm, ...(graph ? { graph } : {}) });
        } catch (e) {
          // A compiler bug must not take the app down: the module is left as written, so its jit()
          // calls compile at run time. Under diagnostics: "error" it fails like any fallback.
          const log = crashLog(e, file);
          if (mode === "error") this.error(log);
          this.warn(log);
          ledger.record(file, { functions: 0, precompiled: 0, fallbacks: 0, kernels: 0 }, 1, 0, performance.now() - t0);
          return null;
        }
        const ms = performance.now() - t0;

        const inBuild = command === "build";
        const errors: NumjitLog[] = [];
        let warnings = 0;
        for (const d of result.diagnostics) {
          const severity = effectiveSeverity(d, mode);
          // `vite build` prints errors with their loc and frame, but warnings as a bare message
          const log = toLog(d, d.file || file, code, inBuild && severity === "warning");
          if (severity === "error") errors.push(log);
          else {
            warnings++;
            this.warn(log);
          }
        }
        const report = ledger.record(file, result.stats, warnings, errors.length, ms);
        if (errors.length > 0) this.error(combineErrors(errors));
        if (command === "serve" && report.compiles > 1 && report.functions > 0) {
          logger?.info(moduleLine(report, shortName(file)), { timestamp: true });
        }
        if (result.code === code) return null;
        return { code: result.code, map: result.map ?? null };
      },
    },

    buildEnd(error) {
      if (command !== "build" || error !== undefined) return;
      const ids = new Set<string>();
      for (const moduleId of this.getModuleIds()) ids.add(moduleId.replace(/[?#].*$/, ""));
      ledger.retain((file) => ids.has(file));
      if (options.summary ?? true) logger?.info(summaryLine(ledger.totals()));
    },
  };
}

/**
 * Emitted modules import `@numjit/runtime/internal`, which Vite's dependency scan cannot see (this plugin
 * adds the import). When the runtime is an installed package, pre-bundle both entries together up front:
 * otherwise the first jit module would trigger a re-optimization and a full page reload, and bundling the
 * entries in two runs would duplicate the runtime's module state. A linked (workspace) runtime is served
 * as source by Vite and needs nothing.
 */
function optimizeDepsFor(config: UserConfig): UserConfig | undefined {
  const root = config.root ?? process.cwd();
  let resolved: string;
  try {
    resolved = realpathSync(createRequire(join(root, "noop.js")).resolve(RUNTIME));
  } catch {
    return undefined;
  }
  if (!/[\\/]node_modules[\\/]/.test(resolved)) return undefined;
  const excluded = config.optimizeDeps?.exclude ?? [];
  if (excluded.includes(RUNTIME)) return undefined;
  return { optimizeDeps: { include: [RUNTIME, `${RUNTIME}/internal`] } };
}

/** The compiler's `wasm` option for a build: the module bytes become an asset, referenced by URL. */
function emitWasmAsset(ctx: Rollup.PluginContext, file: string): (bytes: Uint8Array) => string {
  return (bytes) => {
    const name = `${file
      .split(/[\\/]/)
      .pop()!
      .replace(/\.[^.]*$/, "")}.numjit.wasm`;
    const ref = ctx.emitFile({ type: "asset", name, source: bytes });
    return `import.meta.ROLLUP_FILE_URL_${ref}`;
  };
}

function crashLog(e: unknown, file: string): Rollup.RollupLog {
  const why = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
  return {
    code: "NUMJIT_COMPILER_CRASH",
    message: `@numjit/compiler failed on ${file}; its jit() calls are left to the runtime jit. Please report this.\n${why}`,
  };
}

function patterns(p: FilterPattern | undefined, fallback: RegExp[]): (string | RegExp)[] {
  if (p === undefined) return fallback;
  if (p === null) return [];
  return typeof p === "string" || p instanceof RegExp ? [p] : [...p];
}
