// Shared helpers for the transformation tests: seeded random arrays and closeness checks.
import { expect } from "vitest";
import { NDArray, numpy as np } from "@numjit/runtime";

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Domain = "any" | "pos" | "unit" | "gt1" | "nonzero" | "int";

/** Random float64 array (or int32 for "int") with values in a domain where the op is smooth. */
export function rand(r: () => number, shape: readonly number[], domain: Domain = "any", dtype: "float32" | "float64" = "float64"): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = r();
    switch (domain) {
      case "any":
        d[i] = 4 * u - 2;
        break;
      case "pos":
        d[i] = 0.3 + 2 * u;
        break;
      case "unit":
        d[i] = 1.6 * u - 0.8;
        break;
      case "gt1":
        d[i] = 1.3 + 2 * u;
        break;
      case "nonzero":
        d[i] = (0.4 + 1.5 * u) * (r() < 0.5 ? -1 : 1);
        break;
      case "int":
        d[i] = Math.floor(7 * u) - 3;
        break;
    }
  }
  if (domain === "int") return np.array(Int32Array.from(d), { dtype: "int32" }).reshape(shape);
  return np.array(d, { dtype }).reshape(shape);
}

export function values(x: unknown): number[] {
  if (x instanceof NDArray) return Array.from(x.toTypedArray() as ArrayLike<number>);
  if (typeof x === "number" || typeof x === "boolean") return [Number(x)];
  throw new Error(`not an array: ${String(x)}`);
}

/** Assert two pytrees of arrays are equal in structure, shape, dtype and values (within tol). */
export function expectClose(got: unknown, want: unknown, tol = 1e-9, path = "$"): void {
  if (Array.isArray(want)) {
    expect(Array.isArray(got), `${path}: expected a list`).toBe(true);
    expect((got as unknown[]).length, `${path}: list length`).toBe(want.length);
    want.forEach((w, i) => expectClose((got as unknown[])[i], w, tol, `${path}[${i}]`));
    return;
  }
  if (want !== null && typeof want === "object" && !(want instanceof NDArray)) {
    expect(Object.keys(got as object).sort(), `${path}: keys`).toEqual(Object.keys(want).sort());
    for (const k of Object.keys(want))
      expectClose((got as Record<string, unknown>)[k], (want as Record<string, unknown>)[k], tol, `${path}.${k}`);
    return;
  }
  const g = got as NDArray,
    w = want as NDArray;
  if (w instanceof NDArray) {
    expect(g instanceof NDArray, `${path}: expected an NDArray`).toBe(true);
    expect(g.shape, `${path}: shape`).toEqual(w.shape);
    expect(g.dtype, `${path}: dtype`).toBe(w.dtype);
  }
  const a = values(g),
    b = values(w);
  expect(a.length, `${path}: size`).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    const ok = (Number.isNaN(a[i]) && Number.isNaN(b[i])) || Math.abs(a[i]! - b[i]!) <= tol * (1 + Math.abs(b[i]!));
    if (!ok) expect(a[i], `${path}[${i}] (got ${a}, want ${b})`).toBeCloseTo(b[i]!, 12);
  }
}
