// The run-time jit's compiled control flow: a higher-order equation (cond, whileLoop, foriLoop, scan,
// nested jit, custom rules, checkpoint) generated as one JS function by jit/plan-code.ts and instantiated
// with `new Function`, once per equation (cached on its params). A loop then costs one call, whatever its
// trip count: no plan dispatch, no NDArray or typed array per iteration. Where code generation is
// forbidden, or a body cannot be generated, callers run the interpreted implementation (lax/impls.ts).
import type { HigherParams, HigherPrimitive } from "../core/primitives.js";
import { NumjitError } from "../errors.js";
import type { Aval } from "../core/trace.js";
import { type HigherEqn, Jaxpr } from "../ir/jaxpr.js";
import type { NDArray } from "../ndarray.js";
import { dimsSize } from "../core/shape-rules.js";
import { debugLog } from "./debug.js";
import { PlanCode, emitHigher } from "./plan-code.js";
import { denseStrides } from "./plan.js";
import { type PlanFactory, planRuntime } from "./plan-runtime.js";
import { canGenerateCode, compileKernel } from "./subplan.js";

type Run = (ins: NDArray[]) => NDArray[];
/** Cached by the equation's first body and the rest of its program text (transformations rebuild params). */
const compiled = new WeakMap<Jaxpr, Map<string, Run | null>>();
const jaxprIds = new WeakMap<Jaxpr, number>();
let nextId = 0;
const idOf = (j: Jaxpr) => jaxprIds.get(j) ?? (jaxprIds.set(j, nextId++), nextId - 1);

/** The bodies of an equation and its other params as a cache key. */
function cacheKey(prim: HigherPrimitive, p: HigherParams[HigherPrimitive], arity: number): [Jaxpr, string] {
  const bodies: Jaxpr[] = [];
  const rest: unknown[] = [prim, arity];
  for (const [k, v] of Object.entries(p)) {
    if (v instanceof Jaxpr) bodies.push(v);
    else if (Array.isArray(v) && v.every((x) => x instanceof Jaxpr)) bodies.push(...v);
    else if (typeof v === "number" || typeof v === "boolean") rest.push(k, v);
  }
  return [bodies[0]!, [...bodies.slice(1).map(idOf), ...rest].join(":")];
}

/** The avals of a higher-order equation's outputs, from its bodies. */
function outAvals(prim: HigherPrimitive, p: HigherParams[HigherPrimitive]): Aval[] {
  const outs = (j: Jaxpr) => j.outs.map((o) => o.aval);
  switch (prim) {
    case "jit_call":
    case "checkpoint":
      return outs((p as HigherParams["jit_call"]).jaxpr);
    case "custom_jvp_call":
    case "custom_vjp_call":
      return outs((p as HigherParams["custom_jvp_call"]).fun);
    case "cond":
      return outs((p as HigherParams["cond"]).branches[0]!);
    case "while":
      return outs((p as HigherParams["while"]).body);
    case "scan": {
      const s = p as HigherParams["scan"];
      const o = outs(s.body);
      return [...o.slice(0, s.carry), ...o.slice(s.carry).map((a) => ({ ...a, shape: [s.length, ...a.shape] }))];
    }
  }
}

/** The generated source of a higher-order equation over `arity` input arrays, and its kernels. */
export function callSource(
  prim: HigherPrimitive,
  params: HigherParams[HigherPrimitive],
  arity: number,
): { source: string; code: PlanCode } {
  const code = new PlanCode();
  const lines: string[] = [];
  const ins = Array.from({ length: arity }, (_, i) => {
    lines.push(`const c${i} = xs[${i}].isContiguous ? xs[${i}] : R.dense(xs[${i}]);`);
    return { buf: `c${i}.data`, off: `c${i}.offset` };
  });
  const outs = emitHigher(code, { primitive: prim, params } as HigherEqn, ins, lines, false);
  const avals = outAvals(prim, params);
  const arrays = outs.map((s, k) => {
    const a = avals[k]!;
    const shape = code.value(a.shape),
      strides = code.value(denseStrides(a.shape));
    return `new N(${s.buf}, ${shape}, ${JSON.stringify(a.dtype)}, ${strides}, ${s.off}, ${a.weakType}, ${code.value(dimsSize(a.shape))})`;
  });
  lines.push(`return [${arrays.join(", ")}];`);
  return { source: code.factory("xs", lines), code };
}

let generate = true;
/** Off: control flow runs interpreted (one sub-plan call per body per iteration); tests compare both forms. */
export function setGeneratedControlFlow(on: boolean): void {
  generate = on;
}

/**
 * The compiled function of a higher-order equation (by its params), or undefined where code generation is
 * forbidden or a body is not generable (NJ603). `counters`: the nested jit's cacheInfo, told of the kernels
 * it generates (its trace was counted when it traced).
 */
export function compiledCall(prim: HigherPrimitive, params: HigherParams[HigherPrimitive], arity: number): Run | undefined {
  if (!generate) return undefined;
  const [first, key] = cacheKey(prim, params, arity);
  let cache = compiled.get(first);
  if (cache === undefined) compiled.set(first, (cache = new Map()));
  let run = cache.get(key);
  if (run === undefined) {
    run = null;
    if (canGenerateCode()) {
      try {
        const { source, code } = callSource(prim, params, arity);
        debugLog(3, `${prim}:\n${source}`);
        const make = new Function(`return (${source});`)() as PlanFactory;
        const fn = make(planRuntime, code.kernels.map(compileKernel)) as unknown as Run;
        run = fn;
        const counters = prim === "jit_call" ? (params as HigherParams["jit_call"]).counters : undefined;
        if (counters) counters.runtimeCompiles += code.kernels.length;
      } catch (e) {
        if (!(e instanceof NumjitError && e.code === "NJ603")) throw e;
        debugLog(1, `${prim}: interpreted (${e.message})`);
      }
    }
    cache.set(key, run);
  }
  return run ?? undefined;
}
