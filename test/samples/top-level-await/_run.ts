import { expect } from "vitest";
import type { NDArray } from "@numjit/runtime";

type Jitted = ((...a: unknown[]) => NDArray) & { cacheInfo(): { calls: number; runtimeCompiles: number; eagerFallbacks: number } };

export function check(mod: Record<string, unknown>): void {
  expect((mod["result"] as NDArray).toArray()).toEqual([1.5, 2.5]);
  expect(mod["offsetSeen"]).toBe(0.5);
  expect((mod["shift"] as Jitted).cacheInfo()).toMatchObject({ calls: 1, runtimeCompiles: 0, eagerFallbacks: 0 });
}
