// transform(code, id, options): the front door bundler plugins use (contract: compiler <-> vite plugin).
import { type Diagnostic, NumjitCompileError } from "./diagnostics.js";
import {
  type CompileOptions,
  type ModuleResult,
  type Stats,
  compileConverted,
  mayContainJit,
  parse,
  parseErrors,
} from "./compile-module.js";
import MagicString from "magic-string";
import { applyPlan } from "./phases/emit/index.js";
import { type RawSourceMap, chainMaps } from "./sourcemap.js";
import { checkEmitted } from "./validate.js";

export interface TransformOptions extends CompileOptions {
  /** Produce a source map (default true). */
  sourceMap?: boolean;
  /** Map of `code` to its originals (from an earlier step); the result map is chained through it. */
  inputMap?: object | string | null;
  /** "warn" (default): report diagnostics, never throw. "error": throw NumjitCompileError on any NJ8xx. */
  diagnostics?: "warn" | "error";
}

export interface TransformResult {
  code: string;
  map: RawSourceMap | null;
  diagnostics: Diagnostic[];
  stats: Stats;
  /** The full pipeline result (for inspect tooling); undefined when the module was skipped. */
  module?: ModuleResult;
}

const EMPTY: Stats = { functions: 0, precompiled: 0, fallbacks: 0, kernels: 0 };

export function transform(code: string, id: string, options: TransformOptions = {}): TransformResult {
  const file = id.replace(/[?#].*$/, "");
  // a module without jit() calls may hold helpers a jit function of another module reaches (AutoGraph)
  if (!mayContainJit(code) && !options.graph?.reachedIn(file).size) return { code, map: null, diagnostics: [], stats: { ...EMPTY } };
  const sf = parse(code, file);
  const syntax = parseErrors(sf, id);
  if (syntax.length) {
    if (options.diagnostics === "error") throw new NumjitCompileError(syntax);
    return { code, map: null, diagnostics: syntax, stats: { ...EMPTY } };
  }
  // AutoGraph first: the pipeline compiles the converted text, the edits go on the original
  const { mod, conv } = compileConverted(sf, id, options);
  if (options.diagnostics === "error" && mod.diagnostics.some((d) => d.severity === "error")) throw new NumjitCompileError(mod.diagnostics);
  if (!mod.plan && !conv) return { code, map: null, diagnostics: mod.diagnostics, stats: mod.stats, module: mod };
  const ms = new MagicString(code);
  conv?.apply(ms);
  if (mod.plan) applyPlan(ms, mod.plan, conv?.toOriginal);
  const out = ms.toString();
  const invalid = checkEmitted(
    out,
    file,
    id,
    (mod.plan?.declTexts ?? []).filter((d) => d.parsed).map((d) => d.text),
  );
  if (invalid.length) {
    // never hand on code that would not load: the input is valid, and its jit() calls work at run time
    const diagnostics = [...mod.diagnostics, ...invalid];
    if (options.diagnostics === "error") throw new NumjitCompileError(diagnostics);
    const stats = { ...mod.stats, precompiled: 0, fallbacks: mod.stats.functions, kernels: 0 };
    return { code, map: null, diagnostics, stats, module: { ...mod, diagnostics, stats } };
  }
  let map: RawSourceMap | null = null;
  if (options.sourceMap !== false) {
    map = ms.generateMap({ source: id, hires: true, includeContent: true }) as unknown as RawSourceMap;
    // sources: the module id as given (bundlers resolve it), not relative to a guessed map location
    map = { ...map, file: basename(id), sources: [id] };
    const input =
      typeof options.inputMap === "string"
        ? (JSON.parse(options.inputMap) as RawSourceMap)
        : (options.inputMap as RawSourceMap | null | undefined);
    if (input && typeof input === "object" && "mappings" in input) map = chainMaps(map, input);
  }
  return { code: out, map, diagnostics: mod.diagnostics, stats: mod.stats, module: mod };
}

function basename(p: string): string {
  return (
    p
      .replace(/[?#].*$/, "")
      .split(/[\\/]/)
      .pop() ?? p
  );
}
