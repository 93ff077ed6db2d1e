// lax and custom-derivative types: results keep the carry / branch / function types, operands are checked
// against the branch parameters. Type-checked by vitest (typecheck in vitest.config.ts); the runtime
// assertions check the values by hand.
import { describe, expect, expectTypeOf, it } from "vitest";
import { type NDArray, checkpoint, customJvp, lax, numpy as np } from "@numjit/runtime";

describe("lax types", () => {
  it("cond / switch return the branch type; operands must fit the branch parameters", () => {
    const r = lax.cond(
      true,
      (a: NDArray, k: number) => ({ y: np.multiply(a, k) }),
      (a: NDArray, k: number) => ({ y: np.add(a, k) }),
      np.array([1, 2]),
      3,
    );
    expectTypeOf(r).toEqualTypeOf<{ y: NDArray }>();
    expect(r.y.toArray()).toEqual([3, 6]);
    const mul = (a: NDArray, k: number) => np.multiply(a, k);
    // @ts-expect-error -- the second operand must be a number
    expect(() => lax.cond(true, mul, mul, np.array([1]), "3")).toThrow();
    const s = lax.switch(1, [(a: NDArray) => np.negative(a), (a: NDArray) => np.square(a)], np.array([3]));
    expectTypeOf(s).toEqualTypeOf<NDArray>();
    expect(s.toArray()).toEqual([9]);
  });
  it("whileLoop / foriLoop return the carry type; scan returns [carry, ys]", () => {
    const c = lax.whileLoop(
      (c: { i: NDArray; x: NDArray }) => np.less(c.i, 3),
      (c) => ({ i: np.add(c.i, 1), x: np.multiply(c.x, 2) }),
      { i: np.array(0, { dtype: "int32" }), x: np.array([1]) },
    );
    expectTypeOf(c).toEqualTypeOf<{ i: NDArray; x: NDArray }>();
    expect(c.x.toArray()).toEqual([8]);
    const f = lax.foriLoop(0, 4, (i, x: NDArray) => np.add(x, i), np.array([0]));
    expectTypeOf(f).toEqualTypeOf<NDArray>();
    expect(f.toArray()).toEqual([6]);
    const [carry, ys] = lax.scan((c: NDArray, x: NDArray) => [np.add(c, x), np.multiply(c, 2)] as const, np.array(0), np.array([1, 2, 3]));
    expectTypeOf(carry).toEqualTypeOf<NDArray>();
    expectTypeOf(ys).toEqualTypeOf<NDArray>();
    expect([carry.item(), ys.toArray()]).toEqual([6, [0, 2, 6]]);
  });
  it("customJvp and checkpoint keep the function's type", () => {
    const f = customJvp((x: NDArray, k: number) => np.multiply(x, k));
    expectTypeOf(f).parameters.toEqualTypeOf<[NDArray, number]>();
    const g = checkpoint((x: NDArray) => np.sin(x));
    expectTypeOf(g).returns.toEqualTypeOf<NDArray>();
    expect(f(np.array([2]), 3).toArray()).toEqual([6]);
  });
});
