// @numjit/compiler: precompile jit() functions at build time.
export { transform } from "./transform.js";
export type { TransformOptions, TransformResult } from "./transform.js";
export { compileModule, compileConverted, parse, parseErrors, PIPELINE } from "./compile-module.js";
export type { CompileOptions, ModuleResult, CallReport, Stats } from "./compile-module.js";
export { CODES, NumjitCompileError, formatDiagnostic, codeFrame } from "./diagnostics.js";
export type { Diagnostic, DiagnosticCause, Severity } from "./diagnostics.js";
export { numjitTransformer } from "./transformer.js";
export { autograph } from "./phases/autograph/index.js";
export { clearBuildCaches } from "./phases/codegen/index.js";
export type { Conversion } from "./phases/autograph/index.js";
export type { RawSourceMap } from "./sourcemap.js";
export { buildFile, collectFiles, outputName } from "./build.js";
export { checkEmitted } from "./validate.js";
export type { FileResult, BuildFileOptions } from "./build.js";
export { addStats, diagnosticText, emptyTotals, summaryLine } from "./summary.js";
export type { Totals } from "./summary.js";
export { ModuleGraph } from "./module-graph.js";
