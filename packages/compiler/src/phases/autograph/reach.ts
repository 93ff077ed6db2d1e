// Which functions AutoGraph converts, across the modules of a program: the targets of jit() calls and
// every top-level function they reach by name — in their own module, and through imports of local
// modules (named, renamed, namespace `ns.f`, re-exports), transitively. A helper module's exported
// function is converted when, and only when, a jit function of some module of the program reaches it;
// functions no jit function reaches keep their plain JS semantics (conversion is not free, and JS on an
// eager array differs: `if (arr)` is always true).
import path from "node:path";
import type * as ts from "typescript";
import { tsv } from "../../ts.js";
import { type FunctionNode, type ModuleScope, find } from "../find/index.js";

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
  /** `exported` of the module `spec` imported from `scope`: a function there (re-exports followed). */
  const imported = (scope: ModuleScope, spec: string, exported: string, depth = 0): void => {
    const file = host.resolve(spec, scope.sf.fileName);
    const target = file ? host.scope(file) : undefined;
    if (!target || depth > 16) return;
    const local = target.exportNames.get(exported) ?? exported;
    const again = target.imports.get(local);
    if (again && again.exported !== "*") imported(target, again.from, again.exported, depth + 1);
    else add(target, local);
  };
  // the roots: jit targets in the files and in every local module they import, transitively (a bundler
  // indexes a module before it transforms the modules it imports)
  const files = [...host.files];
  for (let k = 0; k < files.length; k++) {
    const scope = host.scope(files[k]!);
    if (!scope) continue;
    for (const { from } of scope.imports.values()) {
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
    const visit = (n: ts.Node): void => {
      if (tsv.isIdentifier(n)) {
        const imp = scope.imports.get(n.text);
        if (scope.functions.has(n.text)) add(scope, n.text);
        else if (imp && imp.exported !== "*") imported(scope, imp.from, imp.exported);
      } else if (tsv.isPropertyAccessExpression(n) && tsv.isIdentifier(n.expression)) {
        const imp = scope.imports.get(n.expression.text);
        if (imp?.exported === "*") return imported(scope, imp.from, n.name.text);
      }
      tsv.forEachChild(n, visit);
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
