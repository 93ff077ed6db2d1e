// jit: trace -> IR -> passes -> schedule -> plan (kernels) -> cached per input signature.
import { ConcretizationError, NumjitError, argumentError } from "../errors.js";
import { NDArray } from "../ndarray.js";
import { Tracer, bindHigher } from "../core/trace.js";
import type { KernelSource } from "../codegen/kernels.js";
import { getBackend, wasmThreshold } from "../codegen/backend.js";
import { wasmKernel } from "../codegen/wasm/runtime.js";
import { type ShippedWasm, shippedKernel, shippedName } from "../codegen/wasm/shipped.js";
import type { Jaxpr } from "../ir/jaxpr.js";
import { describeSchedule } from "../ir/schedule.js";
import { CapturedTracer, evalJaxpr, scalarLeafArray, scalarLeafKey, traceFlat, withStatics } from "../ir/trace-jaxpr.js";
import { type Leaf, type TreeDef, treeDefKey, treeFlatten, treeUnflatten } from "../ir/tree.js";
import { debugLevel, debugLog, debugLogOnce, userFrame, warnOnce } from "./debug.js";
import { type KernelFn, type Plan, buildPlan, makeRunner } from "./plan.js";
import { kernelSources, optimizeAndSchedule } from "./lower.js";
import { type JitOptions, resolveJitOptions } from "./options.js";
import { emptyCacheInfo, prepareArgs, splitStatics } from "./args.js";
import { registerRuntimeJit } from "./fallback.js";
import { canGenerateCode, compileKernel, compileRun2 } from "./subplan.js";

export { canGenerateCode } from "./subplan.js";

export type { JitOptions } from "./options.js";

/** What a jitted function did so far (README: "Cache counters"). */
export interface CacheInfo {
  /** Every call of the function (including inline calls under a transformation). */
  calls: number;
  /** Run-time traces of the function to a jaxpr (each cache miss, and each `lower()`). */
  traces: number;
  /** Kernels generated at run time with `new Function` (not found in a build-time kernel table). */
  runtimeCompiles: number;
  /** Calls answered by a build-time plan: no trace, no IR, no passes, no scheduling. */
  precompiledCalls: number;
  /** Calls run on eager kernels: code generation forbidden, or a precompiled call with no runtime jit to fall back on. */
  eagerFallbacks: number;
  /** Compiled signatures held: run-time cache entries plus a precompiled function's build-time plans. */
  entries: number;
  /** Calls answered by a run-time cache entry. */
  hits: number;
  /** Calls that traced and compiled a new run-time entry. */
  misses: number;
}

export interface Lowered {
  jaxpr: Jaxpr;
  optimized: Jaxpr;
  schedule: string;
  kernels: KernelSource[];
}

export type Jitted<F extends (...args: any[]) => any> = F & {
  cacheInfo(): CacheInfo;
  clearCache(): void;
  lower(...args: Parameters<F>): Lowered;
  readonly fn: F;
};

interface Entry {
  key: string;
  /** `seen`: the last (frozen) shape array found equal to `shape`, so the same array is not compared again. */
  leafAvals: { shape: number[]; dtype: string; weak: boolean; isArray: boolean; seen: readonly number[] | null }[];
  statics: unknown[];
  plan: Plan | null;
  jaxpr: Jaxpr;
  optimized: Jaxpr;
  outTree: TreeDef;
  run: (leaves: NDArray[]) => NDArray[];
  run1?: (leaves: NDArray[]) => NDArray;
  run2?: (x: NDArray, y: NDArray) => NDArray;
  /** All arguments are top-level NDArrays, no statics: eligible for the fast path. */
  treeFlat?: boolean;
  single?: boolean;
}

interface CacheHandle {
  clear(): void;
}
// Every live jitted function's cache, held weakly: a jitted function that is dropped is collected with
// its compiled entries (a strong set kept every jit() ever created, ~9 KB each), and the registry
// removes its WeakRef from the set.
const liveCaches = new Set<WeakRef<CacheHandle>>();
const droppedCaches = new FinalizationRegistry<WeakRef<CacheHandle>>((ref) => liveCaches.delete(ref));
function registerCache(handle: CacheHandle): void {
  const ref = new WeakRef(handle);
  liveCaches.add(ref);
  droppedCaches.register(handle, ref);
}
/** Empty every jit cache at once. */
export function clearCaches(): void {
  for (const ref of liveCaches) ref.deref()?.clear();
}

/** Cache key of a leaf: shape and dtype; a JS scalar's value is a run-time argument, only its class counts. */
function leafSig(x: Leaf): string {
  if (x instanceof NDArray) return `${x.dtype}${x.weakType ? "~" : ""}[${x.shape.join(",")}]`;
  return scalarLeafKey(x);
}

export interface CompileHooks {
  /** Kernel table from a build (precompiled functions). */
  kernels?: Record<string, KernelFn>;
  /** Called before each compile (precompiled functions check their table's generator here). */
  onFirstCompile?: () => void;
  /** Static positions traced as weak scalar inputs (precompiled statics used only as values; numbers only). */
  tracedStatics?: readonly number[];
  /** Wasm kernels a build shipped (precompiled functions): used by signature instead of generating them. */
  wasm?: ShippedWasm;
}

export function makeJitted<F extends (...args: any[]) => any>(f: F, opts: JitOptions = {}, hooks: CompileHooks = {}): Jitted<F> {
  if (typeof f !== "function") throw argumentError.invalid("jit", `expected a function, got ${typeof f}`);
  const { name, staticNums, cacheSize, warnAfter, explainCacheMisses, backend } = resolveJitOptions(f, opts);
  // a precompiled static used only as a value is an ordinary (weak scalar) argument
  for (const i of hooks.tracedStatics ?? []) staticNums.delete(i);
  const cache = new Map<string, Entry>();
  /** Programs traced for tracer arguments (jit under a transformation), by input signature. */
  const tracedCache = new Map<string, ReturnType<typeof traceFlat>>();
  let last: Entry | null = null;
  const info = emptyCacheInfo();
  let compiles = 0;
  // the jitted function holds its handle (clearCache below); clearCaches() reaches it only weakly
  const cacheHandle: CacheHandle = {
    clear: () => {
      cache.clear();
      tracedCache.clear();
      last = null;
      info.entries = 0;
    },
  };
  registerCache(cacheHandle);

  const split = (args: unknown[]) => splitStatics(name, args, staticNums);
  /** Trace f on the call's arguments (statics by value, every dynamic leaf abstract). */
  const trace = (args: unknown[], inTree: TreeDef, leaves: Leaf[]) =>
    traceFlat(
      withStatics(f, args, staticNums),
      name,
      inTree,
      leaves,
      leaves.map(() => true),
    );

  const explainMiss = (key: string, leaves: Leaf[], skeys: string[]): string => {
    if (cache.size === 0) return "first call";
    let bestDiff = Infinity,
      reason = "";
    for (const e of [...cache.values()].reverse()) {
      const diffs: string[] = [];
      if (e.leafAvals.length !== leaves.length)
        diffs.push(`argument structure changed (${e.leafAvals.length} -> ${leaves.length} array leaves)`);
      else
        leaves.forEach((x, i) => {
          const a = e.leafAvals[i]!;
          const s = leafSig(x);
          const prev = `${a.dtype}${a.weak ? "~" : ""}[${a.shape.join(",")}]`;
          if (s !== prev) diffs.push(`leaf ${i}: ${prev} -> ${s}`);
        });
      const ek = e.key.split("|S|")[1] ?? "";
      if (ek !== skeys.join(";")) diffs.push(`static args: ${ek || "none"} -> ${skeys.join(";") || "none"}`);
      if (diffs.length < bestDiff) {
        bestDiff = diffs.length;
        reason = diffs.join("; ");
      }
    }
    return reason || `new input signature ${key}`;
  };

  const compile = (key: string, args: unknown[], dynLeaves: Leaf[], inTree: TreeDef, statics: unknown[], skeys: string[]): Entry => {
    hooks.onFirstCompile?.();
    const t0 = performance.now();
    info.traces++;
    let traced: ReturnType<typeof traceFlat>;
    try {
      traced = trace(args, inTree, dynLeaves);
    } catch (err) {
      if (err instanceof CapturedTracer) throw err;
      if (err instanceof NumjitError) {
        const frame = userFrame(err);
        if (frame && !err.message.includes("\n  at ")) err.message += `\n  while tracing ${name}, at ${frame}`;
      }
      throw err;
    }
    const t1 = performance.now();
    const { optimized, sched } = optimizeAndSchedule(traced.jaxpr, (pass, j) => debugLog(2, `${name} after ${pass}:\n${j}`));
    debugLog(2, `${name} schedule:\n${describeSchedule(sched)}`);
    let plan: Plan | null = null;
    let run: Entry["run"];
    let run1: Entry["run1"];
    let run2: Entry["run2"];
    let usedEager = false;
    const table = hooks.kernels;
    const wasmMin = wasmThreshold(backend ?? getBackend());
    const provider = (src: KernelSource, elems: number): KernelFn => {
      const js = jsKernel(src);
      // below the backend's size threshold the plan calls the JS kernel directly: no wasm dispatch cost
      if (elems < wasmMin) return js;
      const shipped = hooks.wasm && shippedName(hooks.wasm, src.signature);
      return shipped ? shippedKernel(hooks.wasm!, shipped, js, wasmMin) : (wasmKernel(src.signature, src.ir, js, wasmMin) ?? js);
    };
    const jsKernel = (src: KernelSource): KernelFn => {
      const pre = table?.[src.signature];
      if (typeof pre === "function") return pre;
      if (!canGenerateCode()) throw new NoCodegen();
      info.runtimeCompiles++;
      if (table)
        debugLogOnce(
          1,
          `missing:${name}:${src.signature}`,
          `${name}: kernel ${src.signature} (${src.kind}) is not in the precompiled table; generating it at run time`,
        );
      return compileKernel(src);
    };
    try {
      plan = buildPlan(sched, provider);
      // one elementwise kernel over two inputs: a runner generated for this plan with the kernel's loop inside,
      // where the kernel runs in JS (below the wasm threshold) and was generated here anyway (a build-time
      // table's kernels never make the jit generate code)
      ({ run, run1, run2 } = makeRunner(plan, (src, steps, elems, ctor) =>
        elems < wasmMin && typeof table?.[src.signature] !== "function" ? compileRun2(src, steps, ctor) : undefined,
      ));
    } catch (err) {
      if (!(err instanceof NoCodegen)) throw err;
      usedEager = true;
      warnOnce(
        `nocodegen:${name}`,
        `jit(${name}): code generation is not allowed here (CSP / codeGeneration: {strings: false})` +
          `${table ? " and a kernel was not precompiled for this input" : ""}; ` +
          "running the optimized IR on eager kernels instead (correct, slower).",
      );
      run = (leaves) => {
        info.eagerFallbacks++;
        return evalJaxpr(optimized, leaves);
      };
    }
    const t2 = performance.now();
    compiles++;
    // the explanation compares against every cached entry: build it only when it is printed
    const why = () => explainMiss(key, dynLeaves, skeys);
    if (compiles > 1 && (explainCacheMisses || debugLevel() >= 1))
      console.error(`[numjit] jit(${name}) recompiling: ${why()} (trace ${(t1 - t0).toFixed(2)} ms, compile ${(t2 - t1).toFixed(2)} ms)`);
    else debugLog(1, `jit(${name}) compiled ${key} in ${(t2 - t0).toFixed(2)} ms${usedEager ? " (eager IR)" : ""}`);
    debugLog(4, `jit(${name}) timings: trace ${(t1 - t0).toFixed(3)} ms, optimize+codegen ${(t2 - t1).toFixed(3)} ms`);
    if (compiles === warnAfter + 1)
      warnOnce(
        `recompile:${name}`,
        `jit(${name}) has compiled ${compiles} times; the last recompile was because ${why()}. ` +
          "Each new input shape/dtype or static value compiles again: pad inputs to a few fixed shapes, " +
          "or make varying values regular (non-static) arguments.",
      );
    return {
      key,
      leafAvals: dynLeaves.map((x) =>
        x instanceof NDArray
          ? { shape: x.shape.slice(), dtype: x.dtype, weak: x.weakType, isArray: true, seen: null }
          : { shape: [], dtype: scalarLeafKey(x).replace(/~\[\]$/, ""), weak: true, isArray: false, seen: null },
      ),
      statics,
      plan,
      jaxpr: traced.jaxpr,
      optimized,
      outTree: traced.outTree,
      run,
      run1,
      run2,
    };
  };

  const toArrays = (leaves: Leaf[]): NDArray[] => leaves.map((x) => (x instanceof NDArray ? x : scalarLeafArray(x)));

  /** The fast check of one argument: an array of its leaf's dtype, weak type and shape. */
  const same = (x: unknown, a: Entry["leafAvals"][number]): boolean => {
    if (!(x instanceof NDArray) || x instanceof Tracer || !a.isArray || x.dtype !== a.dtype || x.weakType !== a.weak) return false;
    const s = x.shape,
      t = a.shape;
    // shapes are frozen: the array last found equal still is (an element load from a frozen array is slow in V8)
    if (s === a.seen) return true;
    if (s.length !== t.length) return false;
    for (let k = 0; k < s.length; k++) if (s[k] !== t[k]) return false;
    a.seen = s;
    return true;
  };

  const fastMatch = (e: Entry, args: ArrayLike<unknown>): boolean => {
    if (staticNums.size || args.length !== e.leafAvals.length) return false;
    for (let i = 0; i < args.length; i++) if (!same(args[i], e.leafAvals[i]!)) return false;
    return true;
  };

  // The dispatch fast path (a cache hit of the last entry on two arrays, the seed's add): named parameters,
  // `arguments` only counted and forwarded, so V8 allocates no arguments object.
  const jitted = function (this: unknown, x0?: unknown, x1?: unknown): unknown {
    info.calls++;
    const l = last;
    // biome-ignore lint/complexity/noArguments: only counted (a rest parameter would allocate per call)
    if (arguments.length === 2 && l !== null && l.run2 !== undefined && l.single && l.treeFlat) {
      const a = l.leafAvals;
      if (a.length === 2 && same(x0, a[0]!) && same(x1, a[1]!)) {
        info.hits++;
        return l.run2(x0 as NDArray, x1 as NDArray);
      }
    }
    // biome-ignore lint/complexity/noArguments: f.apply(this, arguments) forwards without materializing them
    return general.apply(this, arguments as never);
  } as unknown as Jitted<F> & ((...a: unknown[]) => unknown);

  const general = function (this: unknown): unknown {
    // fast path: same flat array signature as the last call (reads `arguments` without copying it)
    const l = last;
    // biome-ignore lint/complexity/noArguments: no rest-array allocation on the dispatch fast path
    const argv = arguments as unknown as NDArray[];
    if (l?.treeFlat && fastMatch(l, argv)) {
      info.hits++;
      if (l.single && l.run1 !== undefined) return l.run1(argv);
      const outs = l.run(Array.prototype.slice.call(argv) as NDArray[]);
      return l.single ? outs[0] : treeUnflatten(l.outTree, outs);
    }
    const args = prepareArgs(name, Array.prototype.slice.call(argv), staticNums);
    const { dyn, statics, skeys } = split(args);
    const [leaves, inTree] = treeFlatten(dyn);
    const key = `${treeDefKey(inTree)}|${leaves.map(leafSig).join(",")}|S|${skeys.join(";")}`;
    // under a transformation (or an enclosing jit): bind jit_call with the traced program; the
    // transformation's rule transforms it and the result compiles (an enclosing jit inlines it)
    if (leaves.some((x) => x instanceof Tracer)) {
      let traced = tracedCache.get(key);
      if (!traced) {
        info.traces++; // the function runs on tracers: a trace, whether or not its program compiles on its own
        try {
          traced = trace(args, inTree, leaves);
        } catch (err) {
          // f closes over a value of an enclosing transformation: it runs inline under that transformation
          if (err instanceof CapturedTracer) return f.apply(this, args);
          throw err;
        }
        tracedCache.set(key, traced);
      }
      const outs = bindHigher("jit_call", toArrays(leaves), { jaxpr: traced.jaxpr, name, counters: info });
      return treeUnflatten(traced.outTree, outs);
    }
    let entry = cache.get(key);
    if (entry) {
      info.hits++;
      cache.delete(key);
      cache.set(key, entry);
    } else {
      info.misses++;
      try {
        entry = compile(key, args, leaves, inTree, statics, skeys);
      } catch (err) {
        // f closes over a value of an enclosing transformation (grad/vmap of a function calling
        // this jit): it cannot be compiled on its own, so it runs inline under that transformation
        if (err instanceof CapturedTracer) {
          info.misses--;
          return f.apply(this, args);
        }
        // a static traced as a value was used as a JS number (`-k`): make it static again (correct, per value)
        if (err instanceof ConcretizationError && hooks.tracedStatics?.some((i) => !staticNums.has(i))) {
          info.misses--;
          for (const i of hooks.tracedStatics) staticNums.add(i);
          return general.apply(this, argv as never);
        }
        throw err;
      }
      entry.treeFlat = staticNums.size === 0 && leaves.length === args.length && args.every((a) => a instanceof NDArray);
      entry.single = entry.outTree.kind === "leaf";
      cache.set(key, entry);
      while (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
      info.entries = cache.size;
    }
    last = entry;
    const outs = entry.run(toArrays(leaves));
    return entry.single ? outs[0] : treeUnflatten(entry.outTree, outs);
  };

  Object.defineProperty(jitted, "name", { value: `jit(${name})` });
  Object.assign(jitted, {
    fn: f,
    cacheInfo: (): CacheInfo => ({ ...info, entries: cache.size }),
    clearCache: () => cacheHandle.clear(),
    lower: (...given: unknown[]): Lowered => {
      const args = prepareArgs(name, given, staticNums);
      const [leaves, inTree] = treeFlatten(split(args).dyn);
      info.traces++;
      const traced = traceFlat(
        withStatics(f, args, staticNums),
        name,
        inTree,
        leaves,
        leaves.map(() => true),
      );
      const { optimized, sched } = optimizeAndSchedule(traced.jaxpr);
      return { jaxpr: traced.jaxpr, optimized, schedule: describeSchedule(sched), kernels: kernelSources(sched) };
    },
  });
  return jitted as Jitted<F>;
}

class NoCodegen extends Error {}

/** A parameter position of F: `0 | 1 | …` for a fixed parameter list, any number with a rest parameter. */
export type ArgIndex<F extends (...args: any[]) => any> = number extends Parameters<F>["length"]
  ? number
  : Exclude<keyof Parameters<F>, keyof unknown[]> extends infer K
    ? K extends `${infer N extends number}`
      ? N
      : never
    : never;
/** JitOptions whose staticArgnums must name parameters of F (checked at run time as well). */
export type JitOptionsFor<F extends (...args: any[]) => any> = Omit<JitOptions, "staticArgnums"> & {
  staticArgnums?: ArgIndex<F> | readonly ArgIndex<F>[];
};

// precompiled functions whose plans do not serve a call fall back to this runtime jit (jit/fallback.ts)
registerRuntimeJit((f, opts, hooks) => makeJitted(f, opts, hooks));

/** jit(f, options): compile f on first call per input signature; see JitOptions. */
export function jit<F extends (...args: any[]) => any>(f: F, opts: JitOptionsFor<F> = {}): Jitted<F> {
  return makeJitted(f, opts as JitOptions);
}
