// The build summary every front door prints, and the per-diagnostic text bundlers without code frames get.
import type { Stats } from "./compile-module.js";
import { type Diagnostic, codeFrame } from "./diagnostics.js";

export interface Totals extends Stats {
  /** modules that contain jit() functions */
  modules: number;
  /** wall time spent in transform(), ms */
  ms: number;
}

export function emptyTotals(): Totals {
  return { modules: 0, functions: 0, precompiled: 0, fallbacks: 0, kernels: 0, ms: 0 };
}

/** Adds one module's transform stats into running totals. */
export function addStats(t: Totals, s: Stats, ms: number): void {
  if (s.functions === 0) return;
  t.modules++;
  t.functions += s.functions;
  t.precompiled += s.precompiled;
  t.fallbacks += s.fallbacks;
  t.kernels += s.kernels;
  t.ms += ms;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** One line, the same in every front door: "numjit: 3/4 jit functions precompiled (5 kernels) in 2 modules, ...". */
export function summaryLine(t: Totals): string {
  if (t.functions === 0) return "numjit: no jit() functions found";
  const fallbacks = t.fallbacks === 0 ? "0 fallbacks" : `${plural(t.fallbacks, "fallback")} to the runtime jit (see warnings above)`;
  return (
    `numjit: ${t.precompiled}/${plural(t.functions, "jit function")} precompiled ` +
    `(${plural(t.kernels, "kernel")}) in ${plural(t.modules, "module")}, ${fallbacks}, ${Math.round(t.ms)} ms`
  );
}

/** "NJ705 message\n  at file:line:col\n<frame>": for hosts whose warnings carry only a message. */
export function diagnosticText(d: Diagnostic, source: string): string {
  const head = d.message.startsWith(d.code) ? d.message : `${d.code} ${d.message}`;
  const frame = d.frame ?? codeFrame(source, d.line - 1, d.column - 1, 1);
  return `${head}\n  at ${d.file}:${d.line}:${d.column}\n${frame
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n")}`;
}
