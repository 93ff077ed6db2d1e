// Compiled sub-programs: the bodies of higher-order primitives (jit_call, cond branches, loop bodies) as
// plans, compiled once per jaxpr and cached on it: the interpreted form of control flow (lax/impls.ts) where
// a generated one (jit/call-code.ts) is off or not generable; a loop then runs its body's plan once per
// iteration. Also the `new Function` probe and the kernel compile cache both forms share.
import type { NDArray } from "../ndarray.js";
import { type KernelSource, flatLoop } from "../codegen/kernels.js";
import type { Jaxpr } from "../ir/jaxpr.js";
import { evalJaxpr } from "../ir/trace-jaxpr.js";
import { knownForbidden } from "../core/csp.js";
import { debugLog } from "./debug.js";
import { optimizeAndSchedule } from "./lower.js";
import { type KernelFn, buildPlan, makeRunner } from "./plan.js";

let codegenAllowed: boolean | undefined;
/**
 * Whether `new Function` works here (false under CSP without 'unsafe-eval' or vm codeGeneration off).
 * A meta CSP (or NUMJIT_CODEGEN = false) answers without an attempt, so the probe reports no violation
 * (core/csp.ts).
 */
export function canGenerateCode(): boolean {
  if (codegenAllowed === undefined) {
    if (knownForbidden("eval")) return (codegenAllowed = false);
    try {
      codegenAllowed = new Function("return 1")() === 1;
    } catch {
      codegenAllowed = false;
    }
  }
  return codegenAllowed;
}

const compiledKernels = new Map<string, KernelFn>();
/** The kernel for a source, generated with `new Function` once per signature. */
export function compileKernel(src: KernelSource): KernelFn {
  let fn = compiledKernels.get(src.signature);
  if (!fn) {
    fn = new Function(`return (${src.source});`)() as KernelFn;
    compiledKernels.set(src.signature, fn);
    debugLog(3, `kernel ${src.signature}:\n${src.source}`);
  }
  return fn;
}

/** What a generated two-input runner closes over (jit/plan.ts makeRunner). */
export type Run2Env = [
  NDArrayClass: unknown,
  allocate: unknown,
  generic: unknown,
  H: unknown,
  C: unknown,
  size: number,
  shape: readonly number[],
  strides: readonly number[],
  dtype: string,
  weakType: boolean,
  big: boolean,
  off0: number,
  off1: number,
];
const RUN2_ENV = "NDArray, allocate, generic, H, C, size, shape, strides, dtype, weakType, big, off0, off1";

/**
 * The runtime jit's runner of one elementwise kernel over two inputs, the kernel's rank-1 loop in its body
 * (codegen/kernels.ts flatLoop; input i read densely, step 1, or as one repeated element, step 0). Generated
 * with `new Function` per plan, not a closure: V8 shares feedback among the closures of one function
 * literal, so one runner serving every jitted function would see every dtype and kernel (megamorphic) and
 * call a kernel it cannot inline. Undefined where code cannot be generated.
 */
export function compileRun2(
  src: KernelSource,
  steps: readonly [0 | 1, 0 | 1],
  ctor: string,
): ((...env: Run2Env) => (x: NDArray, y: NDArray) => NDArray) | undefined {
  if (!canGenerateCode()) return undefined;
  let k = 0;
  const ins = steps.map((step, i) => ({ buf: `a${i}`, off: `o${i}`, step }));
  const loop = flatLoop(src, "out", "size", ins, "C", (p) => `${p}_${k++}`);
  const body = [
    "return function run2(x, y) {",
    "  if (!x.isContiguous || !y.isContiguous) return generic([x, y])[0];",
    `  const out = big ? allocate(dtype, size, false) : new ${ctor}(size);`,
    "  const a0 = x.data, o0 = x.offset + off0, a1 = y.data, o1 = y.offset + off1;",
    ...loop.map((l) => `  ${l}`),
    "  return new NDArray(out, shape, dtype, strides, 0, weakType, size, true);",
    "};",
  ];
  return new Function(...RUN2_ENV.split(", "), body.join("\n")) as (...env: Run2Env) => (x: NDArray, y: NDArray) => NDArray;
}

/** Compile counters a sub-program reports to (the jitted function it came from; it counted its trace). */
export interface CompileCounters {
  traces: number;
  runtimeCompiles: number;
}

type Run = (xs: NDArray[]) => NDArray[];
const runners = new WeakMap<Jaxpr, Run>();

/**
 * Run a jaxpr on concrete arrays through its compiled plan (built on first use). Where code generation is
 * forbidden the optimized jaxpr runs on eager kernels.
 */
export function runCompiled(j: Jaxpr, counters?: CompileCounters): Run {
  let run = runners.get(j);
  if (run === undefined) {
    const { optimized, sched } = optimizeAndSchedule(j);
    if (canGenerateCode()) {
      let n = 0;
      const r = makeRunner(
        buildPlan(
          sched,
          (src) => {
            n++;
            return compileKernel(src);
          },
          true,
        ),
      ).run;
      run = (xs) => r(xs);
      if (counters) counters.runtimeCompiles += n;
    } else run = (xs) => evalJaxpr(optimized, xs);
    runners.set(j, run);
  }
  return run;
}
