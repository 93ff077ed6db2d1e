// Typed errors of the transformations (TransformError NJ5xx).
import { describe, expect, it } from "vitest";
import { type NDArray, TransformError, grad, jvp, numpy as np, valueAndGrad, vjp, vmap } from "@numjit/runtime";

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TransformError);
    return (e as TransformError).code;
  }
  throw new Error("expected an error");
}

describe("transformation errors", () => {
  const x = np.array([1, 2, 3]);
  it("grad of a non-scalar output is NJ501", () => {
    expect(code(() => grad((a: NDArray) => np.multiply(a, 2))(x))).toBe("NJ501");
    expect(code(() => grad((a: NDArray) => [np.sum(a), np.sum(a)])(x))).toBe("NJ501");
    expect(() => grad((a: NDArray) => np.multiply(a, 2))(x)).toThrow(/must return a scalar.*\(3,\)/);
  });
  it("grad with respect to an int or bool input is NJ502", () => {
    expect(code(() => grad((a: NDArray) => np.sum(a))(np.array([1, 2], { dtype: "int32" })))).toBe("NJ502");
    expect(code(() => grad((_a: NDArray, b: NDArray) => np.sum(b), { argnums: 0 })(np.array([true]), x))).toBe("NJ502");
    expect(() => grad((a: NDArray) => np.sum(a))(np.array([1], { dtype: "int32" }))).toThrow(/argument 0 has dtype int32/);
  });
  it("argnums out of range is NJ503", () => {
    expect(code(() => grad((a: NDArray) => np.sum(a), { argnums: 1 })(x))).toBe("NJ503");
    expect(code(() => valueAndGrad((a: NDArray) => np.sum(a), { argnums: [0, -2] })(x))).toBe("NJ503");
  });
  it("vmap misuse is NJ505", () => {
    expect(code(() => vmap((a: NDArray, b: NDArray) => np.add(a, b))(np.ones([2, 3]), np.ones([3, 3])))).toBe("NJ505");
    expect(code(() => vmap((a: NDArray) => a, { inAxes: null })(x))).toBe("NJ505");
    expect(code(() => vmap((a: NDArray) => a, { inAxes: 1 })(x))).toBe("NJ505");
    // @ts-expect-error one inAxes entry per parameter (the type rejects it as well)
    expect(code(() => vmap((a: NDArray) => a, { inAxes: [0, 0] })(x))).toBe("NJ505");
    expect(code(() => vmap((a: NDArray) => a, { outAxes: null })(x))).toBe("NJ505");
    expect(code(() => vmap((a: number) => a)(3 as never))).toBe("NJ505");
  });
  it("structure mismatches are NJ506", () => {
    expect(code(() => grad((a: NDArray) => np.sum(a), { hasAux: true })(x))).toBe("NJ506");
    const [, back] = vjp((a: NDArray) => [a, a], x);
    expect(code(() => back([x] as never))).toBe("NJ506");
    expect(code(() => jvp((a: NDArray) => a, [x], [np.ones([2])]))).toBe("NJ506");
  });
});
