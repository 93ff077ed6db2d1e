import { expect } from "vitest";
import type { NDArray } from "@numjit/runtime";

type Jitted = ((...a: unknown[]) => NDArray) & { cacheInfo(): { precompiledHits: number; runtimeCompiles: number } };

export function check(mod: Record<string, unknown>): void {
  expect((mod["result"] as NDArray).toArray()).toEqual([1.5, 2.5]);
  expect(mod["offsetSeen"]).toBe(0.5);
  expect((mod["shift"] as Jitted).cacheInfo()).toMatchObject({ precompiledHits: 1, runtimeCompiles: 0 });
}
