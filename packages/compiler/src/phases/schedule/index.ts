// Phase 4: schedule. Merges the traces of one jit function (one per candidate structure / static
// value) into what the function will ship with: the union of its kernels by signature (equal
// signatures are interchangeable functions), its fusion groups for `numjit inspect`, and a status.
import type { RawDiagnostic } from "../../diagnostics.js";
import type { BuiltCall, Trace } from "../trace/index.js";

export interface KernelSource {
  signature: string;
  kind: string;
  source: string;
}

export type CallStatus = "precompiled" | "fallback" | "error";

export interface ScheduledCall {
  built: BuiltCall;
  status: CallStatus;
  kernels: KernelSource[];
  /** Per trace: the fusion groups (the runtime's schedule description). */
  groups: { trace: Trace; text: string }[];
  reasons: RawDiagnostic[];
}

export function scheduleCall(built: BuiltCall, analysisProblems: readonly RawDiagnostic[]): ScheduledCall {
  const reasons = [...analysisProblems, ...built.problems];
  const status: CallStatus = reasons.some((r) => r.severity === "error")
    ? "error"
    : reasons.length || !built.traces.length
      ? "fallback"
      : "precompiled";
  const kernels: KernelSource[] = [];
  const seen = new Set<string>();
  if (status === "precompiled") {
    for (const t of built.traces) {
      for (const k of t.result.kernels) {
        if (seen.has(k.signature)) continue;
        seen.add(k.signature);
        kernels.push({ signature: k.signature, kind: k.kind, source: k.source });
      }
    }
  }
  return { built, status, kernels, groups: built.traces.map((t) => ({ trace: t, text: t.result.scheduleText })), reasons };
}
