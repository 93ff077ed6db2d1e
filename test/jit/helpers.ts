import { expect } from "vitest";
import type { NDArray } from "@numjit/runtime";

/** Assert two arrays agree: shape, dtype, and values (NaN == NaN; tolerance for floats). */
export function expectClose(got: NDArray, want: NDArray, rtol = 2e-5, atol = 1e-6, what = ""): void {
  expect(got.shape, `${what} shape`).toEqual(want.shape);
  expect(got.dtype, `${what} dtype`).toBe(want.dtype);
  const a = got.toTypedArray(),
    b = want.toTypedArray();
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!,
      y = b[i]!;
    if (Number.isNaN(y)) {
      if (!Number.isNaN(x)) expect.fail(`${what}[${i}]: got ${x}, want NaN`);
      continue;
    }
    if (x === y) continue;
    if (want.dtype === "int32" || want.dtype === "bool") expect.fail(`${what}[${i}]: got ${x}, want ${y}`);
    if (!(Math.abs(x - y) <= atol + rtol * Math.max(Math.abs(x), Math.abs(y))))
      expect.fail(`${what}[${i}]: got ${x}, want ${y} (|diff| ${Math.abs(x - y)})`);
  }
}
