// @numjit/runtime/internal: the API of @numjit/compiler and of emitted modules that need the runtime jit
// (functions the build could not write a plan for). Loading it registers the runtime jit, with the kernel
// table's generator check, as the fallback of precompiled functions; modules whose functions all have
// plans import the light @numjit/runtime/precompiled instead.
import "./eager/kernels.js";
import "./lax/impls.js";
import "./eager/linalg-impls.js";
import "./eager/conv-impl.js";
import "./eager/top-k.js";
import "./methods.js";
import type { KernelSource } from "./codegen/kernels.js";
import { type Schedule, describeSchedule } from "./ir/schedule.js";
import type { ShapeDtype } from "./ir/trace-jaxpr.js";
import { traceSymbolic } from "./ir/symbolic.js";
import type { DimConstraint } from "./core/shape-env.js";
import type { Dim } from "./core/dims.js";
import { type Jaxpr, usesPrimitive } from "./ir/jaxpr.js";
import { type TreeDef, treeDefKey } from "./ir/tree.js";
import type { NDArray } from "./ndarray.js";
import { makeJitted } from "./jit/jit.js";
import { kernelSources, optimizeAndSchedule } from "./jit/lower.js";
import * as np from "./numpy/index.js";
import { warnOnce } from "./jit/debug.js";
import { registerRuntimeJit } from "./jit/fallback.js";
import { splitStatics } from "./jit/args.js";
import { type EmittedPlan, emitPlan, integerSafeScalars } from "./jit/emit-plan.js";
import { NumjitError } from "./errors.js";
export { shapeError } from "./errors.js";
import { planKey } from "./precompiled.js";

export { helpers } from "./codegen/helpers.js";
export { setWasmEnabled, wasmAvailable } from "./codegen/wasm-gemm.js";
export type { KernelSource } from "./codegen/kernels.js";
export { precompiled, planKey, GuardFailure, type PrecompiledSpec, type PlanEntry, type KernelFn } from "./precompiled.js";
export { emitPlan, dimToJs, type EmittedPlan, type EmitPlanOptions } from "./jit/emit-plan.js";
export { callSource, setGeneratedControlFlow } from "./jit/call-code.js";
export { argIndex, printBody, type KernelIR, type KernelSignature } from "./codegen/kir.js";
export { wasmStats, type WasmLayout } from "./codegen/wasm/call.js";
export { shipWasm } from "./codegen/wasm/runtime.js";
export type { ShippedWasm } from "./codegen/wasm/shipped.js";
export { knownForbidden, scriptSources } from "./core/csp.js";
export { wasmMemoryBytes, kernelMemory, staging, threadsReady, memoryLimits, memoryStats, isResident } from "./codegen/wasm/memory.js";
export { runChunks, poolStats, poolTesting, poolWorkers, type ParallelKernel } from "./threads/pool.js";
export { chunking, splitMin } from "./codegen/wasm/split.js";
export { Code, encodeModule } from "./codegen/wasm/encoder.js";
export { sgemmBlocking, sgemmModule } from "./codegen/wasm/sgemm.js";
export { expNonPositive } from "./codegen/wasm/simd-math.js";
export { emitWasm, wasmSupports } from "./codegen/wasm/emit.js";
export { clearCodegenCaches } from "./codegen/build-caches.js";
export { canGenerateCode } from "./jit/jit.js";
export { printJaxpr, subJaxprs } from "./ir/jaxpr.js";
export type { Jaxpr } from "./ir/jaxpr.js";
export { isReduce } from "./core/primitives.js";
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
    const { sched } = traceAndSchedule(f, [
      { shape: [2, 3], dtype: "float32" },
      { shape: [3, 2], dtype: "float32" },
    ]);
    fingerprint = uniqueKernels(sched)
      .map((k) => k.signature.split(":")[1])
      .join("")
      .slice(0, 24);
  }
  return fingerprint;
}

// the runtime jit as precompiled functions' fallback, checking that the build's kernel table came from
// this code generator (else none of its signatures can match)
registerRuntimeJit((fn, opts, { kernels, name, tracedStatics, wasm }) => {
  const built = (kernels as Record<string, unknown> | undefined)?.["@codegen"];
  let checked = false;
  return makeJitted(fn, opts, {
    ...(kernels ? { kernels } : {}),
    ...(tracedStatics ? { tracedStatics } : {}),
    ...(wasm ? { wasm } : {}),
    onFirstCompile: () => {
      if (checked || typeof built !== "string") return;
      checked = true;
      if (built !== codegenVersion())
        warnOnce(
          `codegen:${built}`,
          `jit(${name}) was precompiled by a different numjit code generator (${built}, this runtime is ${codegenVersion()}): ` +
            "its kernels cannot be used and are regenerated at run time (or run on eager kernels where code generation is forbidden). " +
            "Rebuild the app with the installed @numjit/compiler.",
        );
    },
  });
});

export interface BuildResult {
  jaxpr: Jaxpr;
  jaxprText: string;
  optimizedText: string;
  scheduleText: string;
  kernels: KernelSource[];
  /** The call's plan (key: argument structure and static values), or why the build cannot write one. */
  plan: { key: string; emitted: EmittedPlan } | { key: string; error: string };
  /** What a symbolic trace assumed about the sizes (the plan's guard checks it at call time). */
  constraints: readonly DimConstraint[];
  /** Symbols the trace found equal to another dimension (`w_0` -> `x_1` after a matmul). */
  substitution: ReadonlyMap<string, Dim>;
  /** The program hashes with threefry2x32 (draws random numbers): the build ships its wasm (shipWasm). */
  threefry: boolean;
}

type BuildOptions = { staticArgnums?: number[]; name?: string; argNames?: readonly string[] };

/** Build time: trace fn on abstract args, optimize, schedule, and return kernel sources and the plan. */
export function buildKernels(
  fn: (...args: any[]) => unknown,
  args: (ShapeDtype | number | boolean | unknown)[],
  opts: BuildOptions = {},
): BuildResult {
  const { traced, optimized, sched, inTree, skeys, env } = traceAndSchedule(fn, args, opts);
  const key = planKey(treeDefKey(inTree), skeys);
  let plan: BuildResult["plan"];
  try {
    plan = {
      key,
      emitted: emitPlan(sched, env, {
        inputNames: leafNames(inTree, opts.argNames),
        outTree: traced.outTree,
        intScalars: integerSafeScalars(traced.jaxpr),
      }),
    };
  } catch (e) {
    if (!(e instanceof NumjitError)) throw e;
    plan = { key, error: e.message };
  }
  // the plan's kernels are the schedule's (each generated once): generated again only without a plan
  const kernels = "emitted" in plan ? plan.emitted.kernels : uniqueKernels(sched);
  // the texts are for `numjit inspect` and the samples: printed when read, not on every build
  return {
    jaxpr: traced.jaxpr,
    get jaxprText() {
      return traced.jaxpr.toString();
    },
    get optimizedText() {
      return optimized.toString();
    },
    get scheduleText() {
      return describeSchedule(sched);
    },
    kernels,
    plan,
    constraints: env.constraints,
    substitution: env.substitution,
    threefry: usesPrimitive(optimized, "threefry2x32"),
  };
}

const uniqueKernels = (sched: Schedule): KernelSource[] =>
  kernelSources(sched).filter((k, i, all) => all.findIndex((o) => o.signature === k.signature) === i);

/**
 * Trace fn once on abstract args (dims numbers or symbols; statics by value), optimize and schedule. What
 * the rules could not decide about symbolic sizes is in `env`: the plan's guard.
 */
function traceAndSchedule(fn: (...args: any[]) => unknown, args: (ShapeDtype | number | boolean | unknown)[], opts: BuildOptions = {}) {
  const { skeys } = splitStatics(opts.name ?? fn.name, args, new Set(opts.staticArgnums ?? []));
  const traced = traceSymbolic(fn, args, { staticArgnums: opts.staticArgnums ?? [], name: opts.name ?? fn.name });
  const { optimized, sched } = optimizeAndSchedule(traced.jaxpr);
  return { traced, optimized, sched, inTree: traced.inTree, skeys, env: traced.env };
}

/** Names of the input leaves for guard messages: `x`, `params.w`, `xs[1]` (`args[i]` without names). */
function leafNames(inTree: TreeDef, argNames: readonly string[] = []): string[] {
  const out: string[] = [];
  const rec = (d: TreeDef, path: string): void => {
    if (d.kind === "leaf") out.push(path);
    else if (d.kind === "list") d.children.forEach((c, i) => rec(c, `${path}[${i}]`));
    else if (d.kind === "dict")
      d.children.forEach((c, i) =>
        rec(c, /^[A-Za-z_$][\w$]*$/.test(d.keys[i]!) ? `${path}.${d.keys[i]}` : `${path}[${JSON.stringify(d.keys[i])}]`),
      );
  };
  if (inTree.kind === "list") inTree.children.forEach((c, i) => rec(c, argNames[i] ?? `args[${i}]`));
  else rec(inTree, "args");
  return out;
}
export { vmapRef } from "./transforms/vmap-ref.js";
