// The runtime jit as a precompiled function's fallback, reached through a hook so the precompiled entry
// does not import it: jit/jit.ts registers `makeJitted` when it loads (an app that bundles `jit` has it),
// and @numjit/runtime/internal replaces it with one that also checks the kernel table's code generator.
// Without a registration, a call no plan serves runs the function eagerly (correct, slower).
import type { CompileHooks, JitOptions, Jitted } from "./jit.js";

export type RuntimeJit = (f: (...args: any[]) => any, opts: JitOptions, hooks: CompileHooks & { name: string }) => Jitted<any>;

let registered: RuntimeJit | undefined;

export function registerRuntimeJit(f: RuntimeJit): void {
  registered = f;
}

export function runtimeJit(): RuntimeJit | undefined {
  return registered;
}
