// Per-module compile results, kept across rebuilds (watch mode, dev server) so the summary and the
// plugin API always describe the current module graph, not just the modules transformed last.
// (the summary line is the compiler's: its own entry, which does not load TypeScript)
import type { TransformStats } from "./compiler.js";

export interface ModuleReport extends TransformStats {
  /** module id without query */
  file: string;
  warnings: number;
  errors: number;
  /** wall time of the compiler's transform, ms */
  ms: number;
  /** how many times this module has been compiled (dev: 1 + HMR edits) */
  compiles: number;
}

export interface Totals extends TransformStats {
  modules: number;
  warnings: number;
  errors: number;
  ms: number;
}

export class CompileLedger {
  private readonly modules = new Map<string, ModuleReport>();

  record(file: string, stats: TransformStats, warnings: number, errors: number, ms: number): ModuleReport {
    const prev = this.modules.get(file);
    const report: ModuleReport = { file, ...stats, warnings, errors, ms, compiles: (prev?.compiles ?? 0) + 1 };
    this.modules.set(file, report);
    return report;
  }

  get(file: string): ModuleReport | undefined {
    return this.modules.get(file);
  }

  /** Drops modules that are no longer part of the graph (deleted or no longer imported). */
  retain(keep: (file: string) => boolean): void {
    for (const file of [...this.modules.keys()]) if (!keep(file)) this.modules.delete(file);
  }

  reports(): ModuleReport[] {
    return [...this.modules.values()];
  }

  totals(): Totals {
    const t: Totals = { modules: 0, functions: 0, precompiled: 0, fallbacks: 0, kernels: 0, warnings: 0, errors: 0, ms: 0 };
    for (const r of this.modules.values()) {
      if (r.functions === 0) continue;
      t.modules++;
      t.functions += r.functions;
      t.precompiled += r.precompiled;
      t.fallbacks += r.fallbacks;
      t.kernels += r.kernels;
      t.warnings += r.warnings;
      t.errors += r.errors;
      t.ms += r.ms;
    }
    return t;
  }
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

export function moduleLine(r: ModuleReport, shortName: string): string {
  const fb = r.fallbacks > 0 ? `, ${plural(r.fallbacks, "fallback")}` : "";
  return (
    `numjit: recompiled ${shortName}: ${r.precompiled}/${plural(r.functions, "jit function")} precompiled ` +
    `(${plural(r.kernels, "kernel")})${fb}, ${Math.round(r.ms)} ms`
  );
}
