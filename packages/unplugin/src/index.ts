// @numjit/unplugin: numjit for webpack, Rollup, esbuild, Rspack (and Vite), one plugin through unplugin.
//
// A thin shell over `transform` from @numjit/compiler, like @numjit/vite-plugin: it picks the modules to
// hand over, reports diagnostics through the bundler's own warn/error channels, returns the source map
// for the bundler to chain with its other transforms, and prints the one-line build summary.
import { createUnplugin, type UnpluginFactory, type UnpluginInstance } from "unplugin";
import {
  ModuleGraph,
  type TransformOptions,
  type Totals,
  addStats,
  diagnosticText,
  emptyTotals,
  summaryLine,
  transform,
} from "@numjit/compiler";

export interface NumjitOptions {
  /** Module ids to consider. Default: JS/TS files outside node_modules. */
  include?: RegExp;
  /** Module ids to skip. Default: node_modules and virtual modules (`\0...`). */
  exclude?: RegExp;
  /**
   * "warn" (default): a jit() the compiler cannot analyse is left to the runtime jit and reported as a
   * warning. "error": such fallbacks fail the build too. Real errors (NJ8xx) always fail.
   */
  diagnostics?: "warn" | "error";
  /** Emit source maps for transformed modules. Default true. */
  sourceMap?: boolean;
  /** Print the build summary when the build ends. Default true. */
  summary?: boolean;
  /** Where the summary goes. Default: console.log. */
  log?: (line: string) => void;
}

const INCLUDE = /\.[cm]?[jt]sx?$/;
const EXCLUDE = /[\\/]node_modules[\\/]|^\0/;
// A module that uses jit under any import style mentions the word `jit` (see the Vite plugin).
const CODE_FILTER = /\bjit\b/;
const RUNTIME = "@numjit/runtime";

export const unpluginFactory: UnpluginFactory<NumjitOptions | undefined> = (options = {}) => {
  const include = options.include ?? INCLUDE;
  const exclude = options.exclude ?? EXCLUDE;
  let totals: Totals = emptyTotals();
  // the build's modules that import the runtime, as they are transformed, with the local modules they
  // import: AutoGraph converts the helpers their jit functions reach (a bundler transforms a module
  // before the modules it imports)
  let graph = new ModuleGraph();
  return {
    name: "numjit",
    enforce: "pre",
    buildStart() {
      totals = emptyTotals();
      graph = new ModuleGraph();
    },
    transformInclude(id) {
      const file = id.replace(/[?#].*$/, "");
      return include.test(file) && !exclude.test(id);
    },
    transform(code, id) {
      const file = id.replace(/[?#].*$/, "");
      // a module without jit() may hold helpers a jit function of a module transformed earlier reaches
      if (code.includes(RUNTIME)) {
        graph.forget(file);
        graph.addFile(file);
      }
      if (!CODE_FILTER.test(code) && !graph.reachedIn(file).size) return null;
      const t0 = performance.now();
      const opts: TransformOptions = { sourceMap: options.sourceMap !== false, graph };
      const r = transform(code, file, opts);
      addStats(totals, r.stats, performance.now() - t0);
      const errors = r.diagnostics.filter((d) => d.severity === "error" || options.diagnostics === "error");
      for (const d of r.diagnostics) if (!errors.includes(d)) this.warn(diagnosticText(d, code));
      if (errors.length > 0) this.error(errors.map((d) => diagnosticText(d, code)).join("\n"));
      if (r.code === code) return null;
      return r.map ? { code: r.code, map: r.map as never } : r.code;
    },
    buildEnd() {
      if (options.summary !== false) (options.log ?? console.log)(summaryLine(totals));
    },
  };
};

export const numjit: UnpluginInstance<NumjitOptions | undefined> = /* #__PURE__ */ createUnplugin(unpluginFactory);

export const webpack = numjit.webpack;
export const rspack = numjit.rspack;
export const rollup = numjit.rollup;
export const esbuild = numjit.esbuild;
export const vite = numjit.vite;
export const rolldown = numjit.rolldown;
