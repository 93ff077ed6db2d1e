// The one place the compiler touches the runtime's build-time API (@numjit/runtime/internal).
// Keeping it here makes the contract visible: buildKernels in, kernel sources and the plan out.
import { NDArray, type DType } from "@numjit/runtime";
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

/** An abstract array for tracing: tracing reads only shape and dtype (data is never touched). */
export function placeholder(shape: number[], dtype: DType): NDArray {
  const data =
    dtype === "float64"
      ? new Float64Array(0)
      : dtype === "int32"
        ? new Int32Array(0)
        : dtype === "uint32"
          ? new Uint32Array(0)
          : dtype === "bool"
            ? new Uint8Array(0)
            : new Float32Array(0);
  return new NDArray(
    data,
    shape.slice(),
    dtype,
    shape.map(() => 0),
    0,
    false,
  );
}
