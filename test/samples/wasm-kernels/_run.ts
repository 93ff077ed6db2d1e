import { expect } from "vitest";
import type { NDArray } from "@numjit/runtime";

type Jitted = ((...a: unknown[]) => NDArray) & { cacheInfo(): { calls: number; traces: number; runtimeCompiles: number; eagerFallbacks: number } };

/** The module's plans run (wasm or JS per the backend in force): no trace, no generated kernel. */
export function check(mod: Record<string, unknown>): void {
  for (const name of ["chain", "rowSoftmax", "project", "ints"]) {
    const f = mod[name] as Jitted;
    expect(typeof f.cacheInfo, name).toBe("function");
    expect(f.cacheInfo(), name).toMatchObject({ traces: 0, runtimeCompiles: 0 });
  }
}
