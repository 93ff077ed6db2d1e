// Which functions AutoGraph converts, across the modules of a program: the targets of jit() calls and
// every top-level function they reach by name — in their own module, and through imports of local
// modules (named, renamed, default, namespace `ns.f`, re-exports: find/exports.ts), transitively. A
// helper module's exported function is converted when, and only when, a jit function of some module of
// the program reaches it; functions no jit function reaches keep their plain JS semantics (conversion is
// not free, and JS on an eager array differs: `if (arr)` is always true).
import path from "node:path";
import type * as ts from "typescript";
import { tsv } from "../../ts.js";
import { type FunctionNode, type ModuleScope, find } from "../find/index.js";
import { type ExportBinding, type ExportHost, resolveExport, resolveImport } from "../find/exports.js";

export interface ReachHost {
  /** The files whose jit() calls are roots, with the local modules they import. */
  files: readonly string[];
  /** The original (unconverted) scope of a local file, or undefined. */
  scope(file: string): ModuleScope | undefined;
  /** The local file an import specifier names from `from`, or undefined (packages are not followed). */
  resolve(spec: string, from: string): string | undefined;
}

/** Per file (absolute path), the names of its top-level functions some jit function reaches. */
export function reachable(host: ReachHost): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const queue: [ModuleScope, string, FunctionNode][] = [];
  const add = (scope: ModuleScope, name: string): void => {
    const file = path.resolve(scope.sf.fileName);
    const set = out.get(file) ?? out.set(file, new Set()).get(file)!;
    const fn = scope.functions.get(name);
    if (!fn || set.has(name)) return;
    set.add(name);
    queue.push([scope, name, fn]);
  };
  const exportHost: ExportHost = {
    module: (spec, importer) => {
      const file = host.resolve(spec, importer.sf.fileName);
      return file ? host.scope(file) : undefined;
    },
  };
  // the roots: jit targets in the files and in every local module they import, transitively (a bundler
  // indexes a module before it transforms the modules it imports)
  const files = [...host.files];
  for (let k = 0; k < files.length; k++) {
    const scope = host.scope(files[k]!);
    if (!scope) continue;
    const specs = [...[...scope.imports.values(), ...scope.reexports.values()].map((i) => i.from), ...scope.starExports];
    for (const from of specs) {
      const file = host.resolve(from, scope.sf.fileName);
      if (file && !files.includes(file)) files.push(file);
    }
    for (const fn of jitTargets(scope.sf)) {
      // a jit target that is a module function by name is added as such; an inline one is walked here
      const name = [...scope.functions].find(([, f]) => f === fn)?.[0];
      if (name) add(scope, name);
      else queue.push([scope, "", fn]);
    }
  }
  while (queue.length) {
    const [scope, , fn] = queue.pop()!;
    // a module function by name, an imported one, or a member of an imported namespace (`ns.f`, `ns.sub.f`)
    const binding = (n: ts.Node): ExportBinding | undefined => {
      if (tsv.isIdentifier(n))
        return scope.functions.has(n.text) ? { kind: "value", scope, name: n.text } : resolveImport(exportHost, scope, n.text);
      if (!tsv.isPropertyAccessExpression(n)) return undefined;
      const ns = binding(n.expression);
      return ns?.kind === "namespace" ? resolveExport(exportHost, ns.scope, n.name.text) : undefined;
    };
    const visit = (n: ts.Node): void => {
      const b = binding(n);
      if (b?.kind === "value") add(b.scope, b.name);
      // a property name is not a reference
      if (tsv.isPropertyAccessExpression(n)) visit(n.expression);
      else tsv.forEachChild(n, visit);
    };
    if (fn.body) visit(fn.body);
  }
  return out;
}

const targets = new WeakMap<ts.SourceFile, FunctionNode[]>();

/** The functions a module's jit() calls compile (cached per parsed file). */
function jitTargets(sf: ts.SourceFile): FunctionNode[] {
  let t = targets.get(sf);
  if (!t) targets.set(sf, (t = find(sf).calls.flatMap((c) => (c.fn ? [c.fn] : []))));
  return t;
}
