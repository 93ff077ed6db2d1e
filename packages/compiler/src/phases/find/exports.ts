// Where an imported name of a local module lands: the top-level function or constant a module's export is
// bound to, or a whole module (a namespace: `import * as ns`, `export * as ns from`), through renamed
// and default exports and re-exports (`export { f } from`, `export * from`, an import exported again),
// transitively. An export cycle ends the search (undefined), as does a module the host does not follow.
// Shared by AutoGraph's reach (which helpers to convert) and the module graph (which the trace evaluates).
import type { ModuleScope } from "./index.js";

export interface ExportHost {
  /** The scope of the local module `spec` names from `importer`, or undefined (packages are not followed). */
  module(spec: string, importer: ModuleScope): ModuleScope | undefined;
}

/** A top-level binding `name` of `scope`, or the module `scope` itself as a namespace object. */
export type ExportBinding = { kind: "value"; scope: ModuleScope; name: string } | { kind: "namespace"; scope: ModuleScope };

/** The binding the imported local name `local` of `scope` refers to (undefined: not an import, or not followed). */
export function resolveImport(host: ExportHost, scope: ModuleScope, local: string, seen = new Set<string>()): ExportBinding | undefined {
  const imp = scope.imports.get(local);
  const target = imp && host.module(imp.from, scope);
  if (!imp || !target) return undefined;
  return imp.exported === "*" ? { kind: "namespace", scope: target } : resolveExport(host, target, imp.exported, seen);
}

/** The binding the export `exported` of module `scope` refers to (undefined: no such export, or not followed). */
export function resolveExport(host: ExportHost, scope: ModuleScope, exported: string, seen = new Set<string>()): ExportBinding | undefined {
  const key = `${scope.sf.fileName}#${exported}`;
  if (seen.has(key)) return undefined;
  seen.add(key);
  const re = scope.reexports.get(exported);
  if (re) {
    const target = host.module(re.from, scope);
    if (!target) return undefined;
    return re.exported === "*" ? { kind: "namespace", scope: target } : resolveExport(host, target, re.exported, seen);
  }
  const local = scope.exportNames.get(exported);
  if (local !== undefined) {
    if (scope.functions.has(local) || scope.constants.has(local)) return { kind: "value", scope, name: local };
    return resolveImport(host, scope, local, seen);
  }
  // `export * from` never re-exports a default
  if (exported === "default") return undefined;
  for (const from of scope.starExports) {
    const target = host.module(from, scope);
    const b = target && resolveExport(host, target, exported, seen);
    if (b) return b;
  }
  return undefined;
}
