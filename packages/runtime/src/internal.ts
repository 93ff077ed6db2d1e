// @numjit/runtime/internal: the only API that build-time emitted code and @numjit/compiler use.
import "./eager/kernels.js";
import "./methods.js";
import type { KernelSource } from "./codegen/kernels.js";
import { describeSchedule } from "./ir/schedule.js";
import { traceFlat, withStatics, type ShapeDtype } from "./ir/trace-jaxpr.js";
import { placeholders } from "./ir/symbolic.js";
import type { Jaxpr } from "./ir/jaxpr.js";
import { treeFlatten } from "./ir/tree.js";
import type { NDArray } from "./ndarray.js";
import { type JitOptions, type Jitted, makeJitted } from "./jit/jit.js";
import type { KernelFn } from "./jit/plan.js";
import { kernelSources, optimizeAndSchedule } from "./jit/lower.js";
import * as np from "./numpy/index.js";
import { warnOnce } from "./jit/debug.js";

export { helpers } from "./codegen/helpers.js";
export { setWasmEnabled, wasmAvailable } from "./codegen/wasm-gemm.js";
export type { KernelSource } from "./codegen/kernels.js";
export { argIndex, printBody, type KernelIR, type KernelSignature } from "./codegen/kir.js";
export { wasmStats } from "./codegen/wasm/runtime.js";
export { wasmMemoryBytes } from "./codegen/wasm/memory.js";
export { emitWasm, wasmSupports } from "./codegen/wasm/emit.js";
export type { KernelFn } from "./jit/plan.js";
export { canGenerateCode } from "./jit/jit.js";
export { printJaxpr } from "./ir/jaxpr.js";
export { PIPELINE, optimize } from "./ir/passes.js";
export { schedule, describeSchedule } from "./ir/schedule.js";
export { shapeRules } from "./core/shape-rules.js";
// Symbolic dimensions for the build-time compiler's one symbolic trace (README: "Symbolic dimensions").
export {
  symbolicShapeRules,
  abstractEvalSymbolic,
  broadcastDims,
  inferReshape,
  sliceIndicesDim,
  sliceLength,
  unifyDims,
  dimsSize,
  type SymAval,
  type SymParams,
} from "./core/shape-rules.js";
export * from "./core/dims.js";
export {
  traceSymbolic,
  instantiate,
  type SymbolicArg,
  type SymbolicTrace,
  type TraceSymbolicOptions,
} from "./ir/symbolic.js";
export {
  ShapeEnv,
  checkConstraints,
  describeConstraint,
  bindShape,
  type DimConstraint,
  type ConstraintViolation,
} from "./core/shape-env.js";

let fingerprint: string | undefined;
/**
 * Identifies the kernel code generator: the signatures of a few reference kernels. The compiler
 * writes it into every kernel table ("@codegen"); a precompiled function whose table came from a
 * different generator warns once, since none of its kernels can match (they are regenerated at run
 * time, or run on eager kernels where code generation is forbidden).
 */
export function codegenVersion(): string {
  if (fingerprint === undefined) {
    const f = (x: NDArray, w: NDArray) => np.sum(np.exp(np.add(np.matmul(x, w), 1)));
    const r = buildKernels(f, [
      { shape: [2, 3], dtype: "float32" },
      { shape: [3, 2], dtype: "float32" },
    ]);
    fingerprint = r.kernels
      .map((k) => k.signature.split(":")[1])
      .join("")
      .slice(0, 24);
  }
  return fingerprint;
}

export interface PrecompiledSpec extends JitOptions {
  name: string;
  /** signature -> kernel function, emitted as plain JS at build time. */
  kernels: Record<string, KernelFn>;
}

/** A jitted function whose kernels come from the build; see JitOptions / cacheInfo(). */
export function precompiled<F extends (...args: any[]) => any>(fn: F, spec: PrecompiledSpec): Jitted<F> {
  const { kernels, ...opts } = spec;
  const built = (kernels as Record<string, unknown>)["@codegen"];
  let checked = false;
  return makeJitted(fn, opts, {
    kernels,
    onFirstCompile: () => {
      if (checked || typeof built !== "string") return;
      checked = true;
      if (built !== codegenVersion())
        warnOnce(
          `codegen:${built}`,
          `jit(${spec.name}) was precompiled by a different numjit code generator (${built}, this runtime is ${codegenVersion()}): ` +
            "its kernels cannot be used and are regenerated at run time (or run on eager kernels where code generation is forbidden). " +
            "Rebuild the app with the installed @numjit/compiler.",
        );
    },
  });
}

export interface BuildResult {
  jaxpr: Jaxpr;
  jaxprText: string;
  optimizedText: string;
  scheduleText: string;
  kernels: KernelSource[];
}

/** Build time: trace fn on abstract args, optimize, schedule, and return kernel sources. */
export function buildKernels(
  fn: (...args: any[]) => unknown,
  args: (ShapeDtype | number | boolean | unknown)[],
  opts: { staticArgnums?: number[]; name?: string } = {},
): BuildResult {
  const stat = new Set(opts.staticArgnums ?? []);
  const [leaves, inTree] = treeFlatten(args.map((a, i) => (stat.has(i) ? null : placeholders(a))));
  const traced = traceFlat(
    withStatics(fn, args, stat),
    opts.name ?? fn.name,
    inTree,
    leaves,
    leaves.map(() => true),
  );
  const { optimized, sched } = optimizeAndSchedule(traced.jaxpr);
  const kernels = kernelSources(sched).filter((k, i, all) => all.findIndex((o) => o.signature === k.signature) === i);
  return {
    jaxpr: traced.jaxpr,
    jaxprText: traced.jaxpr.toString(),
    optimizedText: optimized.toString(),
    scheduleText: describeSchedule(sched),
    kernels,
  };
}
