// The compiler <-> vite-plugin contract (.notes/HELPERS.md), and the lazy loader for @numjit/compiler.
//
// The compiler pulls in TypeScript (~10 MB of JS), so it is imported on the first module that imports
// @numjit/runtime (it may call jit(), or hold helpers a jit function reaches), not when vite.config.ts is
// loaded: the config-loading phase of every build, and `vite dev` on pages without numjit, never pay for it.
import type * as Compiler from "@numjit/compiler";

export type Diagnostic = Compiler.Diagnostic;
export type TransformStats = Compiler.Stats;

/** The part of @numjit/compiler this plugin uses. */
export interface CompilerModule {
  transform: typeof Compiler.transform;
  /** The build's module graph (AutoGraph across modules); absent in test doubles. */
  ModuleGraph?: typeof Compiler.ModuleGraph;
}

export type CompilerLoader = () => Promise<CompilerModule>;

export const loadCompiler: CompilerLoader = () => import("@numjit/compiler");
