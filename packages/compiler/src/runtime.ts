// The one place the compiler touches the runtime's build-time API (@numjit/runtime/internal).
// Keeping it here makes the contract visible: buildKernels in, kernel sources and the plan out.
import { buildKernels as rtBuildKernels, type BuildResult } from "@numjit/runtime/internal";

export type { BuildResult };
export type KernelKind = BuildResult["kernels"][number]["kind"];

export interface BuildOptions {
  staticArgnums?: number[];
  name?: string;
  /** Parameter names, for the plan guard's messages. */
  argNames?: string[];
}

export function buildKernels(fn: (...args: unknown[]) => unknown, args: unknown[], opts: BuildOptions): BuildResult {
  return rtBuildKernels(fn, args, opts);
}
