// The lowering pipeline shared by jit (compile and lower()) and the build-time buildKernels:
// a traced jaxpr optimized by the PIPELINE passes and scheduled into kernels.
import type { KernelSource } from "../codegen/kernels.js";
import type { Jaxpr } from "../ir/jaxpr.js";
import { optimize } from "../ir/passes.js";
import { type Schedule, schedule } from "../ir/schedule.js";
import { buildPlan } from "./plan.js";

/** Passes, then fusion into kernels. */
export function optimizeAndSchedule(jaxpr: Jaxpr, onPass?: (name: string, j: Jaxpr) => void): { optimized: Jaxpr; sched: Schedule } {
  const optimized = optimize(jaxpr, onPass);
  return { optimized, sched: schedule(optimized) };
}

/** The kernel sources a schedule's plan uses, in plan order (no code is generated or run). */
export function kernelSources(sched: Schedule): KernelSource[] {
  const kernels: KernelSource[] = [];
  buildPlan(sched, (src) => {
    kernels.push(src);
    return () => {};
  });
  return kernels;
}
