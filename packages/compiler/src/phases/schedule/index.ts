// Phase 4: schedule. Merges the traces of one jit function (one per candidate structure / static
// value) into what the function will ship with: the union of its kernels by signature (equal
// signatures are interchangeable functions), one emitted plan per trace (the runtime's emitPlan; none
// at all when a trace has no plan: then every call goes through the runtime jit, as before plans),
// its fusion groups for `numjit inspect`, and a status.
import type { KernelIR } from "@numjit/runtime/internal";
import type { RawDiagnostic } from "../../diagnostics.js";
import type { BuiltCall, Trace } from "../trace/index.js";

export interface KernelSource {
  signature: string;
  kind: string;
  source: string;
  /** The kernel IR (the wasm emitter ships a module from it). */
  ir: KernelIR;
}

export type CallStatus = "precompiled" | "fallback" | "error";

/** An emitted plan: the call key it serves, its factory source and the signatures of its kernels (`K[i]`). */
export interface PlanSource {
  key: string;
  source: string;
  kernels: string[];
  /** It also serves inputs that broadcast to its input shape (the runtime's broadcastsLikeNumpy). */
  broadcasts: boolean;
}

export interface ScheduledCall {
  built: BuiltCall;
  status: CallStatus;
  kernels: KernelSource[];
  /** One plan per trace; empty when some trace has none (why: `planProblem`). */
  plans: PlanSource[];
  planProblem: string | undefined;
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
  let plans: PlanSource[] = [];
  let planProblem: string | undefined;
  if (status === "precompiled") {
    for (const t of built.traces) {
      const p = t.result.plan;
      if ("error" in p) planProblem ??= p.error;
      else if (!plans.some((q) => q.key === p.key && q.source === p.emitted.source))
        plans.push({
          key: p.key,
          source: p.emitted.source,
          kernels: p.emitted.kernels.map((k) => k.signature),
          broadcasts: p.emitted.broadcasts,
        });
    }
    if (planProblem !== undefined) plans = [];
    for (const t of built.traces) {
      for (const k of t.result.kernels) {
        if (seen.has(k.signature)) continue;
        seen.add(k.signature);
        kernels.push({ signature: k.signature, kind: k.kind, source: k.source, ir: k.ir });
      }
    }
  }
  return {
    built,
    status,
    kernels,
    plans,
    planProblem,
    groups: built.traces.map((t) => ({ trace: t, text: t.result.scheduleText })),
    reasons,
  };
}
