import { expect } from "vitest";
import type { NDArray } from "@numjit/runtime";

type Jitted = ((...a: unknown[]) => NDArray) & { cacheInfo(): { calls: number; runtimeCompiles: number; eagerFallbacks: number } };

export function check(mod: Record<string, unknown>): void {
  // computed while the module body ran, above the import: 2*x + y
  expect((mod["first"] as NDArray).toArray()).toEqual([12, 24, 36]);
  const f = mod["scaled"] as Jitted;
  expect(f.cacheInfo().calls).toBeGreaterThan(0);
  expect(f.cacheInfo().runtimeCompiles).toBe(0);
}
