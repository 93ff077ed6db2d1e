// @numjit/runtime/precompiled: the light entry that build-time emitted modules import. A precompiled call
// runs the function's emitted plan (jit/emit-plan.ts): guard, size arithmetic, kernels. It imports the
// arrays, the eager kernels and the plan runtime, never the tracer, IR passes, scheduler or code
// generator, so an app whose jit functions are all precompiled does not bundle them. A call no plan
// serves (failed guard, a static value or argument structure the build did not see) goes to the runtime
// jit when the app bundles it (jit/fallback.ts), else runs the function eagerly; either way with one
// warning per function naming the failed condition.
// Kernels with a wasm form ship as one WebAssembly module per source module (codegen/wasm/shipped.ts);
// a plan calls them where the backend rules say so (codegen/backend.ts: the function's `backend`
// option, setBackend / NUMJIT_BACKEND, sizes), decided at the function's first call like the runtime
// jit decides at its compile, else the JS kernel emitted alongside. The module itself is loaded when the
// function is defined (prepareShipped), so no call pays for compiling or instantiating it.
import "./eager/kernels.js";
import "./methods.js";
import { Tracer, impls } from "./core/trace.js";
import { NDArray } from "./ndarray.js";
import { ShapeError, compileError } from "./errors.js";
import { broadcastShapes, shapesEqual } from "./shape.js";
import { treeDefKey, treeFlatten } from "./ir/tree.js";
import { emptyCacheInfo, prepareArgs, scalarLeafArray, splitStatics } from "./jit/args.js";
import { runtimeJit } from "./jit/fallback.js";
import { getBackend, wasmThreshold } from "./codegen/backend.js";
import { type ShippedWasm, prepareShipped, shippedKernel } from "./codegen/wasm/shipped.js";
import type { CacheInfo, JitOptions, Jitted } from "./jit/jit.js";
import { resolveJitOptions } from "./jit/options.js";
import { GuardFailure, type PlanFactory, type PlanFn, planRuntime } from "./jit/plan-runtime.js";

export type KernelFn = (...args: any[]) => void;
export { GuardFailure };
export type { PlanFactory };

/** One emitted plan: the call signature it serves and its factory with the kernels it calls. */
export interface PlanEntry {
  /** `treeDefKey(argument tree) + "|S|" + static keys`: the argument structure and static values it serves. */
  key: string;
  make: PlanFactory;
  kernels: KernelFn[];
  /** Per kernel: its export in the spec's shipped wasm module, or null (no wasm form). */
  wasm?: (string | null)[];
  /**
   * The function is elementwise over inputs of one shape (jit/emit-plan.ts broadcastsLikeNumpy): the plan
   * also serves inputs that only broadcast to such a shape, passed to it as broadcast views.
   */
  broadcasts?: boolean;
}

export interface PrecompiledSpec extends JitOptions {
  name: string;
  /** signature -> kernel function, emitted as plain JS at build time (the runtime jit's table on fallback). */
  kernels: Record<string, KernelFn>;
  /** The emitted plans, one per traced signature. Without plans every call goes through the runtime jit. */
  plans?: PlanEntry[];
  /**
   * Static argument positions the build traced as weak scalar inputs (a value used only as a value: a
   * scale, a clip bound): a JS number there is a scalar input of the plan, not part of its key.
   */
  tracedStatics?: number[];
  /** The wasm kernels the build shipped for the module's precompiled functions (shared by them). */
  wasm?: ShippedWasm;
  /**
   * `[index, value]` of parameters with a number default (`eps = 1e-5`) that the plans take as scalar
   * inputs: a call leaving them out (or passing undefined) gets the default, as the function itself would.
   */
  defaults?: [number, number][];
}

/** The call key of a plan: argument structure and static values (shapes and dtypes are the plan's guard). */
export const planKey = (treeKey: string, staticKeys: readonly string[]): string => `${treeKey}|S|${staticKeys.join(";")}`;

const ZERO: CacheInfo = emptyCacheInfo();

/** An array argument a plan may read directly (not a tracer of a transformation). */
const isPlainArray = (x: unknown): x is NDArray => x instanceof NDArray && !(x instanceof Tracer);
const NOT_TRIED: unique symbol = Symbol("not tried");

/** Fill the number defaults of parameters left out or passed as undefined (PrecompiledSpec.defaults). */
function withDefaults(argv: unknown[], defaults: readonly [number, number][]): void {
  for (const [i, v] of defaults) {
    if (i < argv.length) {
      if (argv[i] === undefined) argv[i] = v;
    } else if (i === argv.length) argv.push(v);
  }
}

/** A jitted function whose calls run build-time plans; see PrecompiledSpec and cacheInfo(). */
export function precompiled<F extends (...args: any[]) => any>(fn: F, spec: PrecompiledSpec): Jitted<F> {
  const { kernels, plans = [], tracedStatics, wasm, defaults, ...opts } = spec;
  const { name, staticNums, backend } = resolveJitOptions(fn, opts);
  for (const i of tracedStatics ?? []) staticNums.delete(i);
  let calls = 0,
    precompiledCalls = 0,
    eagerCalls = 0;
  const byKey = new Map<string, PlanFn[]>();
  /** The `broadcasts` plans, by key. */
  const bcastByKey = new Map<string, PlanFn[]>();
  // plans over a flat list of array arguments (no statics) are tried first, without flattening
  let flatArity = -1;
  let flatFns: PlanFn[] = [];
  let flatKey = "";
  /** The plan that served the last flat call (flatFns[0]). */
  let flat: PlanFn = () => NOT_TRIED;
  /** The backend's wasm threshold the plans are bound with. */
  let boundMin = Number.NaN;
  /**
   * Binds the plans to their kernels under the backend in force: JS kernels, and for calls of at least
   * `min` elements the shipped wasm ones. Done when the function is defined, and again at its first call
   * if the backend changed in between (setBackend after the import), as the runtime jit decides at compile.
   */
  const bind = () => {
    const min = wasmThreshold(backend ?? getBackend());
    if (min === boundMin) return;
    boundMin = min;
    byKey.clear();
    bcastByKey.clear();
    for (const p of plans) {
      const fns = byKey.get(p.key) ?? byKey.set(p.key, []).get(p.key)!;
      const large = p.kernels.map((js, i) => {
        const w = p.wasm?.[i];
        return wasm && w ? shippedKernel(wasm, w, js, min) : js;
      });
      const made = p.make(planRuntime, p.kernels, large, min);
      fns.push(made);
      if (p.broadcasts) (bcastByKey.get(p.key) ?? bcastByKey.set(p.key, []).get(p.key)!).push(made);
    }
    if (staticNums.size === 0)
      for (const [key, fns] of byKey) {
        const m = /^\[(\*(?:,\*)*)?\]\|S\|$/.exec(key);
        if (m) {
          flatArity = m[1] ? (m[1].length + 1) / 2 : 0;
          flatFns = fns;
          flatKey = key;
          flat = fns[0]!;
        }
      }
  };
  bind();

  // the wasm module (and the kernel memory it imports) is made ready when the function is defined, not by
  // its first large call: a call that reaches the wasm size threshold pays only for its own work
  // (the threefry2x32 function it may export serves random draws on every backend, as eager's does)
  if (
    wasm &&
    (wasm.threefry !== undefined ||
      (wasmThreshold(backend ?? getBackend()) !== Infinity && plans.some((p) => p.wasm?.some((w) => w !== null))))
  )
    prepareShipped(wasm);

  let fallback: Jitted<F> | null | undefined;
  const runtime = (): Jitted<F> | null => {
    if (fallback === undefined)
      fallback =
        (runtimeJit()?.(fn, opts, { kernels, name, ...(tracedStatics ? { tracedStatics } : {}), ...(wasm ? { wasm } : {}) }) as
          | Jitted<F>
          | undefined) ?? null;
    return fallback;
  };
  let warned = false;
  /** `why`: the failed condition to warn about; undefined when falling back is expected (no plans). */
  const viaFallback = (self: unknown, args: unknown[], why: string | undefined): unknown => {
    const rt = runtime();
    if ((why !== undefined || !rt) && !warned) {
      warned = true;
      const what = why === undefined ? "no precompiled plan serves this call" : `the precompiled plan does not serve this call (${why})`;
      console.warn(
        `[numjit] jit(${name}): ${what}; ` +
          (rt
            ? "compiling it at run time"
            : "the runtime jit is not bundled (import jit from @numjit/runtime), running it eagerly (correct, slower)"),
      );
    }
    if (rt) return rt.apply(self, args);
    eagerCalls++;
    return fn.apply(self, args);
  };
  /**
   * The outputs, or the first failed guard (`fns` is never empty). The plan that served is moved to the
   * front, so a run of calls of one signature fails no guard (a failed guard allocates its GuardFailure).
   */
  const tryPlans = (fns: PlanFn[], leaves: ArrayLike<NDArray>, from = 0, failedFirst?: GuardFailure): unknown => {
    let failed = failedFirst;
    for (let i = from; i < fns.length; i++) {
      const f = fns[i]!;
      const r = f.apply(null, leaves as NDArray[]);
      if (!(r instanceof GuardFailure)) {
        precompiledCalls++;
        if (i > 0) {
          fns[i] = fns[0]!;
          fns[0] = f;
          if (fns === flatFns) flat = f;
        }
        return r;
      }
      failed ??= r;
    }
    return failed;
  };

  /**
   * A call whose array inputs differ in shape but broadcast to one (NumPy rules), run by a `broadcasts` plan
   * on broadcast views of them; undefined when none serves it (shapes that do not broadcast included: the
   * fallback reports them as eager NumPy would).
   */
  const tryBroadcast = (key: string, leaves: ArrayLike<NDArray>): unknown => {
    const fns = bcastByKey.get(key);
    if (fns === undefined) return undefined;
    let shape = leaves[0]!.shape;
    let differ = false;
    try {
      for (let i = 1; i < leaves.length; i++) {
        differ ||= !shapesEqual(shape, leaves[i]!.shape);
        shape = broadcastShapes(name, shape, leaves[i]!.shape);
      }
    } catch (e) {
      if (e instanceof ShapeError) return undefined;
      throw e;
    }
    if (!differ) return undefined;
    const views = Array.from(leaves, (x) =>
      impls.broadcast_in_dim([x], { shape: [...shape], broadcastDimensions: x.shape.map((_, i) => i + shape.length - x.ndim) }),
    );
    const r = tryPlans(fns, views);
    return r instanceof GuardFailure ? undefined : r;
  };

  /**
   * A flat call of plain arrays: the flat plans from `from` on (the fast path has tried the first and
   * passes its failed guard), then the broadcasting plans, then the fallback.
   */
  const flatCall = (self: unknown, argv: NDArray[], from: number, failed?: GuardFailure): unknown => {
    const r = tryPlans(flatFns, argv, from, failed);
    if (!(r instanceof GuardFailure)) return r;
    const b = tryBroadcast(flatKey, argv);
    return b !== undefined ? b : viaFallback(self, argv, r.message);
  };

  /** Every call but a flat one of up to three arrays that the last plan serves. */
  const general = function (this: unknown): unknown {
    // biome-ignore lint/complexity/noArguments: forwarded by the fast path without being materialized
    const argv = Array.prototype.slice.call(arguments) as unknown[];
    if (defaults) withDefaults(argv, defaults);
    if (argv.length === flatArity && argv.every(isPlainArray)) return flatCall(this, argv as NDArray[], 0);
    const args = prepareArgs(name, argv, staticNums);
    const { dyn, skeys } = splitStatics(name, args, staticNums);
    const [leaves, inTree] = treeFlatten(dyn);
    // under a transformation (grad of a function calling this one): run inline, as the runtime jit does
    if (leaves.some((x) => x instanceof Tracer)) {
      const rt = runtime();
      return rt ? rt.apply(this, args) : fn.apply(this, args);
    }
    if (byKey.size === 0) return viaFallback(this, args, undefined);
    const key = planKey(treeDefKey(inTree), skeys);
    const fns = byKey.get(key);
    if (fns === undefined) return viaFallback(this, args, skeys.length ? `static arguments ${skeys.join(", ")}` : "argument structure");
    const arrays = leaves.map((x) => (x instanceof NDArray ? x : scalarLeafArray(x)));
    const r = tryPlans(fns, arrays);
    if (!(r instanceof GuardFailure)) return r;
    const b = tryBroadcast(key, arrays);
    return b !== undefined ? b : viaFallback(this, args, r.message);
  };

  // The dispatch fast path: named parameters, `arguments` only counted and forwarded (V8 then allocates
  // no arguments object), the last plan that served called directly; its guard is the plan's own.
  const jitted = function (this: unknown, x0?: unknown, x1?: unknown, x2?: unknown): unknown {
    if (calls++ === 0) bind();
    // biome-ignore lint/complexity/noArguments: only counted (a rest parameter would allocate per call)
    const n = arguments.length;
    if (n === flatArity) {
      let r: unknown = NOT_TRIED;
      if (n === 2) {
        if (isPlainArray(x0) && isPlainArray(x1)) r = flat(x0, x1);
      } else if (n === 1) {
        if (isPlainArray(x0)) r = flat(x0);
      } else if (n === 3 && isPlainArray(x0) && isPlainArray(x1) && isPlainArray(x2)) r = flat(x0, x1, x2);
      if (r instanceof GuardFailure) return flatCall(this, (n === 1 ? [x0] : n === 2 ? [x0, x1] : [x0, x1, x2]) as NDArray[], 1, r);
      if (r !== NOT_TRIED) {
        precompiledCalls++;
        return r;
      }
    }
    // biome-ignore lint/complexity/noArguments: f.apply(this, arguments) forwards without materializing them
    return general.apply(this, arguments as never);
  } as unknown as Jitted<F> & ((...a: unknown[]) => unknown);

  Object.defineProperty(jitted, "name", { value: `jit(${name})` });
  Object.assign(jitted, {
    fn,
    cacheInfo: (): CacheInfo => {
      const rt = fallback ? fallback.cacheInfo() : ZERO;
      return {
        ...rt,
        calls,
        precompiledCalls,
        eagerFallbacks: rt.eagerFallbacks + eagerCalls,
        entries: rt.entries + plans.length,
      };
    },
    clearCache: () => fallback?.clearCache(),
    lower: (...args: unknown[]) => {
      const rt = runtime();
      if (!rt) throw compileError.precompiled(`jit(${name}).lower() needs the runtime jit: import jit from @numjit/runtime`);
      return rt.lower(...(args as Parameters<F>));
    },
  });
  return jitted as Jitted<F>;
}
