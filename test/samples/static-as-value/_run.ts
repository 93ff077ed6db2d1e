import { expect } from "vitest";
import { numpy as np, type NDArray } from "@numjit/runtime";

type Jitted = ((...a: unknown[]) => NDArray) & { cacheInfo(): { entries: number; traces: number; precompiledCalls: number; runtimeCompiles: number } };

export function check(mod: Record<string, unknown>): void {
  const x = np.array([-3, -0.5, 0, 2, 5]);
  const clipTo = mod["clipTo"] as Jitted;
  for (const k of [1, 2.5]) expect(clipTo(x, k).toArray()).toEqual(np.clip(x, -k, k).toArray());
  const scaled = mod["scaled"] as Jitted;
  for (const s of [2, 3, 7]) expect(scaled(x, s).toArray()).toEqual(np.multiply(x, s).toArray());
  // s is a kernel argument that only meets float32 arrays: the build's plan takes integers as well as
  // floats (integerSafeScalars), no trace, every kernel from the build
  expect(scaled.cacheInfo()).toMatchObject({ traces: 0, runtimeCompiles: 0, precompiledCalls: 3 });
  for (const s of [2.5, -1.5]) expect(scaled(x, s).toArray()).toEqual(np.multiply(x, s).toArray());
  expect(scaled.cacheInfo()).toMatchObject({ traces: 0, precompiledCalls: 5 });
  expect(scaled(x, 0.5).toArray()).toEqual(np.multiply(x, 0.5).toArray());
  const rows = mod["rows"] as Jitted;
  expect(rows(np.arange(6), 2).shape).toEqual([2, 3]);
}
