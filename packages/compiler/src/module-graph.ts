// The local modules the compiler can see beyond the one it compiles: relative imports resolved through
// TypeScript's module resolution (a TS program's options when there is one — the tsc transformer, the
// CLI with a tsconfig —, bundler-style defaults otherwise) and parsed once. Two uses:
//   - helpers imported from another local module are evaluated by that module's interpreter (followed,
//     not a fallback);
//   - call sites of an exported jitted binding in other modules give its arguments' ranks (callSitesOf).
import fs from "node:fs";
import path from "node:path";
import type * as ts from "typescript";
import { tsv } from "./ts.js";
import { parse, scriptKind } from "./compile-module.js";
import { type ModuleScope, moduleScope } from "./phases/find/index.js";
import { autograph } from "./phases/autograph/index.js";
import { reachable } from "./phases/autograph/reach.js";
import { type ExportBinding, resolveExport, resolveImport } from "./phases/find/exports.js";
import type { CallSite } from "./phases/trace/call-sites.js";

const DEFAULT_OPTIONS: ts.CompilerOptions = {
  module: 99 /* ESNext */,
  moduleResolution: 100 /* Bundler */,
  allowJs: true,
  allowImportingTsExtensions: true,
  noEmit: true,
};

const NONE: ReadonlySet<string> = new Set();

export class ModuleGraph {
  private readonly originals = new Map<string, ModuleScope | null>();
  private readonly loaded = new Map<string, ModuleScope | null>();
  private readonly memo = new Map<string, unknown>();
  private sites: Map<string, CallSite[]> | undefined;
  private reach: Map<string, Set<string>> | undefined;
  private readonly files: string[];

  constructor(
    private readonly options: ts.CompilerOptions = DEFAULT_OPTIONS,
    private readonly program?: ts.Program,
    /** Files whose calls of jitted bindings are indexed (the program's, or the CLI's inputs). */
    files: readonly string[] = program ? program.getRootFileNames() : [],
  ) {
    this.files = files.map((f) => path.resolve(f));
  }

  /**
   * Index one more file (a bundler plugin adds each module with jit() calls as it transforms it): its
   * jit functions' reach counts from now on, for modules compiled after it.
   */
  addFile(file: string): void {
    const key = path.resolve(file);
    if (this.files.includes(key)) return;
    this.files.push(key);
    this.forget();
  }

  /** Drop what was read of `file` (a dev server re-transforms an edited module), or every derived cache. */
  forget(file?: string): void {
    if (file) this.originals.delete(path.resolve(file));
    this.reach = this.sites = undefined;
    this.loaded.clear();
    this.memo.clear();
  }

  /** The names of `file`'s top-level functions that a jit function of an indexed module reaches (reach.ts). */
  reachedIn(file: string): ReadonlySet<string> {
    this.reach ??= reachable({ files: this.files, scope: (f) => this.original(f), resolve: (s, f) => this.resolve(s, f) });
    return this.reach.get(path.resolve(file)) ?? NONE;
  }

  /** A TS program's graph: its options, its parsed files. */
  static ofProgram(program: ts.Program): ModuleGraph {
    return new ModuleGraph(program.getCompilerOptions(), program);
  }

  /** The CLI's graph: the options of the nearest tsconfig.json (if any), every input file indexed. */
  static ofFiles(files: readonly string[]): ModuleGraph {
    const config = files[0] && tsv.findConfigFile(path.dirname(files[0]), tsv.sys.fileExists);
    if (!config) return new ModuleGraph(DEFAULT_OPTIONS, undefined, files);
    const read = tsv.readConfigFile(config, tsv.sys.readFile);
    const parsed = tsv.parseJsonConfigFileContent(read.config ?? {}, tsv.sys, path.dirname(config));
    return new ModuleGraph({ ...DEFAULT_OPTIONS, ...parsed.options }, undefined, [...new Set([...files, ...parsed.fileNames])]);
  }

  /** The file a relative import names, or undefined (packages and unresolvable specifiers are not followed). */
  resolve(spec: string, from: string): string | undefined {
    if (!spec.startsWith(".") && !path.isAbsolute(spec)) return undefined;
    const r = tsv.resolveModuleName(spec, from, this.options, tsv.sys).resolvedModule;
    if (r && !r.isExternalLibraryImport && !r.resolvedFileName.endsWith(".d.ts")) return path.resolve(r.resolvedFileName);
    // plain JS projects: `./helpers.js` next to the importer
    const p = path.resolve(path.dirname(from), spec);
    return fs.existsSync(p) && fs.statSync(p).isFile() ? p : undefined;
  }

  /**
   * The module scope of a local file as AutoGraph converts it (its jit functions and what they reach), the
   * positions of its diagnostics mapped back to the file (cached; undefined when it cannot be read).
   */
  load(file: string): ModuleScope | undefined {
    const key = path.resolve(file);
    if (!this.loaded.has(key)) {
      const orig = this.original(key);
      const conv = orig && autograph(orig.sf, this.reachedIn(key));
      const scope = conv
        ? { ...moduleScope(parse(conv.code, orig.sf.fileName)), origin: { sf: orig.sf, toOriginal: conv.toOriginal } }
        : orig;
      this.loaded.set(key, scope ?? null);
    }
    return this.loaded.get(key) ?? undefined;
  }

  /** The module scope of a local file as written (cached). */
  private original(file: string): ModuleScope | undefined {
    const key = path.resolve(file);
    if (!this.originals.has(key)) {
      let sf = this.program?.getSourceFile(file);
      if (!sf) {
        const text = tsv.sys.readFile(key);
        sf = text === undefined ? undefined : tsv.createSourceFile(key, text, tsv.ScriptTarget.Latest, true, scriptKind(key));
      }
      this.originals.set(key, sf ? moduleScope(sf) : null);
    }
    return this.originals.get(key) ?? undefined;
  }

  /**
   * What an imported local binding of `scope` refers to, when it is followed: a top-level function or
   * constant of a local module, or a local module as a namespace (every import form, re-exports followed).
   */
  follow(scope: ModuleScope, local: string): ExportBinding | undefined {
    return resolveImport(this.exportHost, scope, local);
  }

  /** The export `exported` of a local module (a namespace's member), when it is followed. */
  exportOf(scope: ModuleScope, exported: string): ExportBinding | undefined {
    return resolveExport(this.exportHost, scope, exported);
  }

  /** Why the imported binding `local` of `scope` is not followed (a package, an unresolved file, no such export). */
  whyNotFollowed(scope: ModuleScope, local: string): string | undefined {
    const imp = scope.imports.get(local);
    if (!imp) return undefined;
    if (!imp.from.startsWith(".") && !path.isAbsolute(imp.from))
      return (
        `is imported from the package '${imp.from}': the compiler follows only relative imports of local modules ` +
        "(move the helper into a local module, or compute it outside the jit function and pass it in)"
      );
    const file = this.resolve(imp.from, scope.sf.fileName);
    if (!file || !this.load(file)) return `is imported from '${imp.from}', a module the compiler cannot find or read`;
    return `is imported from '${imp.from}', which does not export '${imp.exported}' as a function or constant the compiler can follow`;
  }

  private readonly exportHost = {
    module: (spec: string, importer: ModuleScope): ModuleScope | undefined => {
      const file = this.resolve(spec, importer.sf.fileName);
      return file ? this.load(file) : undefined;
    },
  };

  /** One object per file, made once (the interpreter of an imported module). */
  memoize<T>(file: string, make: () => T): T {
    if (!this.memo.has(file)) this.memo.set(file, make());
    return this.memo.get(file) as T;
  }

  /** Calls, in other indexed modules, of the binding `exported` of `file` (imported by name or namespace). */
  callSitesOf(file: string, exported: string): CallSite[] {
    this.sites ??= this.indexCallSites();
    return this.sites.get(`${path.resolve(file)}#${exported}`) ?? [];
  }

  private indexCallSites(): Map<string, CallSite[]> {
    const out = new Map<string, CallSite[]>();
    for (const f of this.files) {
      const scope = this.original(f);
      if (!scope) continue;
      const targets = new Map<string, { file: string; exported: string }>();
      for (const [local, imp] of scope.imports) {
        const file = this.resolve(imp.from, scope.sf.fileName);
        if (file) targets.set(local, { file, exported: imp.exported });
      }
      if (!targets.size) continue;
      const visit = (n: ts.Node): void => {
        if (tsv.isCallExpression(n)) {
          const c = n.expression;
          let key: string | undefined;
          if (tsv.isIdentifier(c)) {
            const t = targets.get(c.text);
            if (t && t.exported !== "*") key = `${t.file}#${t.exported}`;
          } else if (tsv.isPropertyAccessExpression(c) && tsv.isIdentifier(c.expression)) {
            const t = targets.get(c.expression.text);
            if (t?.exported === "*") key = `${t.file}#${c.name.text}`;
          }
          if (key) (out.get(key) ?? out.set(key, []).get(key)!).push({ call: n, scope });
        }
        tsv.forEachChild(n, visit);
      };
      visit(scope.sf);
    }
    return out;
  }
}
