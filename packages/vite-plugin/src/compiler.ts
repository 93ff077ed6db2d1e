// The compiler <-> vite-plugin contract (.notes/HELPERS.md), and the lazy loader for @numjit/compiler.
//
// The compiler pulls in TypeScript (~10 MB of JS), so it is imported on the first module that actually
// contains a jit() call, not when vite.config.ts is loaded: `vite dev` on an app without jit functions,
// or the config-loading phase of every build, never pays for it.

export type DiagnosticSeverity = "warning" | "error";

export interface Diagnostic {
  /** NJ7xx: not analysable, left to the runtime jit (warning). NJ8xx: a real error (error). */
  code: string;
  severity: DiagnosticSeverity;
  message: string;
  file: string;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
  frame?: string;
}

export interface TransformStats {
  functions: number;
  precompiled: number;
  fallbacks: number;
  kernels: number;
}

export interface CompilerSourceMap {
  version: number;
  mappings: string;
  sources: string[];
  names: string[];
  file?: string;
  sourcesContent?: (string | null)[];
  toString?(): string;
}

export interface CompilerTransformOptions {
  sourceMap?: boolean;
  inputMap?: object;
  diagnostics?: "warn" | "error";
}

export interface CompilerTransformResult {
  code: string;
  map: CompilerSourceMap | null;
  diagnostics: Diagnostic[];
  stats: TransformStats;
}

export interface CompilerModule {
  transform(code: string, id: string, options?: CompilerTransformOptions): CompilerTransformResult;
}

export type CompilerLoader = () => Promise<CompilerModule>;

export const loadCompiler: CompilerLoader = async () => {
  const specifier = "@numjit/compiler";
  const mod = (await import(specifier)) as CompilerModule;
  if (typeof mod.transform !== "function") {
    throw new Error("@numjit/compiler does not export transform(); is its build (dist/) up to date?");
  }
  return mod;
};
