// Whole-file builds (TS/JS in, JS + source maps out) and file discovery, shared by the CLI.
// A file goes through tsv.transpileModule with the numjit transformer in `before`, so AutoGraph's
// conversion, type stripping, our edits and the source map happen in one pass.
import fs from "node:fs";
import path from "node:path";
import type * as ts from "typescript";
import { tsv } from "./ts.js";
import type { ModuleResult } from "./compile-module.js";
import type { Diagnostic } from "./diagnostics.js";
import { numjitTransformer } from "./transformer.js";
import type { ModuleGraph } from "./module-graph.js";
import { addedTextValid, checkEmitted } from "./validate.js";
import { spliceDecls } from "./splice.js";

export const SOURCE_EXTS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

export class UsageError extends Error {}

/** Expand files and directories into source files (skipping .d.ts, node_modules, dist and dot-dirs). */
export function collectFiles(inputs: string[]): { files: string[]; bases: Map<string, string> } {
  const files: string[] = [];
  const bases = new Map<string, string>();
  for (const input of inputs) {
    const abs = path.resolve(input);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      throw new UsageError(`no such file or directory: ${input}`);
    }
    if (st.isDirectory()) {
      const walk = (dir: string) => {
        for (const ent of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
          if (ent.name.startsWith(".") || ent.name === "node_modules" || ent.name === "dist") continue;
          const p = path.join(dir, ent.name);
          if (ent.isDirectory()) walk(p);
          else if (isSource(ent.name)) {
            files.push(p);
            bases.set(p, abs);
          }
        }
      };
      walk(abs);
    } else {
      if (!isSource(abs)) throw new UsageError(`not a TypeScript/JavaScript file: ${input} (expected ${SOURCE_EXTS.join(", ")})`);
      files.push(abs);
      bases.set(abs, path.dirname(abs));
    }
  }
  return { files: [...new Set(files)], bases };
}

function isSource(name: string): boolean {
  return !/\.d\.[cm]?ts$/.test(name) && SOURCE_EXTS.some((e) => name.endsWith(e));
}

export function outputName(file: string): string {
  return file
    .replace(/\.tsx$/, ".js")
    .replace(/\.ts$/, ".js")
    .replace(/\.mts$/, ".mjs")
    .replace(/\.cts$/, ".cjs")
    .replace(/\.jsx$/, ".js");
}

export interface FileResult {
  file: string;
  out?: string;
  code: string;
  map?: string;
  module?: ModuleResult;
  diagnostics: Diagnostic[];
  /** TypeScript syntax errors (file, line, column, message). */
  syntax: Diagnostic[];
  /**
   * False when `code` must not be written: the input has syntax errors (TS recovers from them and emits
   * a different program, `f(x, )` as `f(x)`), or the output does not load (NJ810 in `diagnostics`).
   */
  valid: boolean;
}

export interface BuildFileOptions {
  sourceMap?: boolean;
  emitIR?: boolean;
  /** Skip the numjit transformer (plain transpile, for throughput comparison). */
  plain?: boolean;
  target?: ts.ScriptTarget;
  module?: ts.ModuleKind;
  /** The local modules around the file (the CLI passes one graph for all its inputs). */
  graph?: ModuleGraph;
}

export function buildFile(file: string, code: string, opts: BuildFileOptions = {}): FileResult {
  let module: ModuleResult | undefined;
  const transformer = numjitTransformer(undefined, {
    log: false,
    ...(opts.emitIR ? { emitIR: true } : {}),
    ...(opts.graph ? { graph: opts.graph } : {}),
    onModule: (_f, m) => (module = m),
    deferDecls: true,
  });
  const r = tsv.transpileModule(code, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: {
      target: opts.target ?? tsv.ScriptTarget.ES2022,
      module: opts.module ?? (file.endsWith(".cts") || file.endsWith(".cjs") ? tsv.ModuleKind.CommonJS : tsv.ModuleKind.ESNext),
      sourceMap: opts.sourceMap !== false,
      jsx: tsv.JsxEmit.ReactJSX,
      allowJs: true,
      verbatimModuleSyntax: false,
      isolatedModules: true,
      // `import "./kernels.ts"` (allowImportingTsExtensions style) must name the emitted `./kernels.js`
      rewriteRelativeImportExtensions: true,
    },
    transformers: opts.plain ? {} : { before: [transformer] },
  });
  const syntax: Diagnostic[] = (r.diagnostics ?? [])
    .filter((d) => d.category === tsv.DiagnosticCategory.Error && d.file)
    .map((d) => {
      const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return {
        code: "NJ808",
        severity: "error" as const,
        file,
        line: line + 1,
        column: character + 1,
        message: `syntax error: ${tsv.flattenDiagnosticMessageText(d.messageText, " ")}`,
        frame: frameOf(code, line, character),
      };
    });
  // the output is JS whatever the input was (.mts -> .mjs, .cts -> .cjs, .tsx -> .js); the deferred
  // declarations are stubs in r.outputText, spliced in after the check
  const name = outputName(file);
  const plan = module?.plan;
  const deferred = plan?.declTexts.filter((d) => d.parsed) ?? [];
  // TypeScript printed the module from nodes: what numjit added as text is checked (validate.ts); the whole
  // output is parsed only to locate a problem found there
  let emitted = !plan || addedTextValid(module!.sf, plan) ? [] : checkEmitted(r.outputText, name, file);
  const out = spliceDecls(r.outputText, r.sourceMapText, deferred);
  // a problem is located in the text written
  if (emitted.length && deferred.length) emitted = checkEmitted(out.code, name, file);
  const diagnostics = [...(module?.diagnostics ?? [])];
  // with syntax errors in the input its NJ808s explain a broken output; NJ810 is the compiler's own fault
  if (!syntax.length && emitted.length) diagnostics.push(...emitted);
  const res: FileResult = { file, code: out.code, diagnostics, syntax, valid: !syntax.length && !emitted.length };
  if (out.map) res.map = out.map;
  if (module) res.module = module;
  return res;
}

function frameOf(code: string, line: number, col: number): string {
  const l = code.split(/\r?\n/)[line] ?? "";
  return `> ${line + 1} | ${l}\n  ${" ".repeat(String(line + 1).length)} | ${" ".repeat(col)}^`;
}
