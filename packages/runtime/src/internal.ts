// @numjit/runtime/internal: the only API that build-time emitted code and @numjit/compiler use.
import "./eager/kernels.js";
import "./methods.js";
import type { DType } from "./dtype.js";
import type { KernelSource } from "./codegen/kernels.js";
import { optimize } from "./ir/passes.js";
import { describeSchedule, schedule } from "./ir/schedule.js";
import { traceFlat, type ShapeDtype } from "./ir/trace-jaxpr.js";
import type { Jaxpr } from "./ir/jaxpr.js";
import { treeFlatten } from "./ir/tree.js";
import { NDArray } from "./ndarray.js";
import { type JitOptions, type Jitted, makeJitted } from "./jit/jit.js";
import { type KernelFn, buildPlan } from "./jit/plan.js";
import { allocate } from "./dtype.js";

export { helpers } from "./codegen/helpers.js";
export { setWasmEnabled, wasmAvailable } from "./codegen/wasm-gemm.js";
export type { KernelSource } from "./codegen/kernels.js";
export type { KernelFn } from "./jit/plan.js";
export { canGenerateCode } from "./jit/jit.js";
export { printJaxpr } from "./ir/jaxpr.js";
export { PIPELINE, optimize } from "./ir/passes.js";
export { schedule, describeSchedule } from "./ir/schedule.js";
export { shapeRules } from "./core/shape-rules.js";

export interface PrecompiledSpec extends JitOptions {
  name: string;
  /** signature -> kernel function, emitted as plain JS at build time. */
  kernels: Record<string, KernelFn>;
}

/** A jitted function whose kernels come from the build; see JitOptions / cacheInfo(). */
export function precompiled<F extends (...args: any[]) => any>(fn: F, spec: PrecompiledSpec): Jitted<F> {
  const { kernels, ...opts } = spec;
  return makeJitted(fn, opts, { kernels });
}

export interface BuildResult {
  jaxpr: Jaxpr;
  jaxprText: string;
  optimizedText: string;
  scheduleText: string;
  kernels: KernelSource[];
}

type AbstractArg = ShapeDtype | number | boolean;

/** A placeholder array of the given shape/dtype; tracing reads only shape and dtype. */
function placeholder(a: ShapeDtype): NDArray {
  return new NDArray(allocate(a.dtype as DType, 0), a.shape.slice(), a.dtype as DType, a.shape.map(() => 0), 0, a.weakType ?? false);
}

/** Build time: trace fn on abstract args, optimize, schedule, and return kernel sources. */
export function buildKernels(
  fn: (...args: any[]) => unknown,
  args: (AbstractArg | unknown)[],
  opts: { staticArgnums?: number[]; name?: string } = {},
): BuildResult {
  const stat = new Set(opts.staticArgnums ?? []);
  const dyn = args.map((a, i) => {
    if (stat.has(i)) return null;
    if (a !== null && typeof a === "object" && "shape" in (a as object) && "dtype" in (a as object) && !(a instanceof NDArray))
      return placeholder(a as ShapeDtype);
    return a;
  });
  const [leaves, inTree] = treeFlatten(dyn);
  const f = (...xs: unknown[]) => fn(...xs.map((x, i) => (stat.has(i) ? args[i] : x)));
  const traced = traceFlat(f, opts.name ?? fn.name, inTree, leaves, leaves.map(() => true));
  const optimized = optimize(traced.jaxpr);
  const sched = schedule(optimized);
  const kernels: KernelSource[] = [];
  buildPlan(sched, (src) => {
    if (!kernels.some((k) => k.signature === src.signature)) kernels.push(src);
    return () => {};
  });
  return {
    jaxpr: traced.jaxpr,
    jaxprText: traced.jaxpr.toString(),
    optimizedText: optimized.toString(),
    scheduleText: describeSchedule(sched),
    kernels,
  };
}
