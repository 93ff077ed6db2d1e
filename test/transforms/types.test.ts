// Types that catch mistakes: grad, valueAndGrad, vjp, jvp, vmap and jit keep their argument and result
// types (no `any`), and dtype options take the DType union. Checked by `tsc -p tsconfig.json` (npm run
// typecheck); the runtime assertions check the same values by hand.
import { describe, expect, expectTypeOf, it } from "vitest";
import { type DType, DTypeError, type NDArray, grad, jit, jvp, numpy as np, valueAndGrad, vjp, vmap } from "@numjit/runtime";

const loss = (w: NDArray, x: NDArray) => np.sum(np.square(np.multiply(w, x)));
const w = np.array([1, 2]);
const x = np.array([3, 4]);

describe("transformation types", () => {
  it("grad: the argument's type; a tuple for an argnums list; [grad, aux] with hasAux", () => {
    const g = grad(loss)(w, x);
    expectTypeOf(g).toEqualTypeOf<NDArray>();
    expectTypeOf(grad(loss)).parameters.toEqualTypeOf<[NDArray, NDArray]>();
    // d/dw sum((w x)^2) = 2 w x^2 = [2*1*9, 2*2*16]
    expect(g.toArray()).toEqual([18, 64]);
    const both = grad(loss, { argnums: [0, 1] })(w, x);
    expectTypeOf(both).toEqualTypeOf<[NDArray, NDArray]>();
    // d/dx = 2 w^2 x = [6, 32]
    expect(both[1].toArray()).toEqual([6, 32]);
    expectTypeOf(grad(loss, { argnums: 1 })(w, x)).toEqualTypeOf<NDArray>();
    const withAux = grad((p: NDArray) => [np.sum(p), { n: 2 }] as [NDArray, { n: number }], { hasAux: true })(w);
    expectTypeOf(withAux).toEqualTypeOf<[NDArray, { n: number }]>();
    expect(withAux[1].n).toBe(2);
  });

  it("grad of a pytree argument keeps its structure", () => {
    const f = (p: { a: NDArray; b: NDArray[] }) => np.add(np.sum(p.a), np.sum(p.b[0]!));
    const g = grad(f)({ a: w, b: [x] });
    expectTypeOf(g).toEqualTypeOf<{ a: NDArray; b: NDArray[] }>();
    expect(g.a.toArray()).toEqual([1, 1]);
  });

  it("valueAndGrad: [value, grad]; with hasAux the value is [output, aux]", () => {
    const [v, g] = valueAndGrad(loss)(w, x);
    expectTypeOf(v).toEqualTypeOf<NDArray>();
    expectTypeOf(g).toEqualTypeOf<NDArray>();
    // sum((1*3)^2 + (2*4)^2) = 9 + 64
    expect(v.item()).toBe(73);
    const [[out, aux]] = valueAndGrad((p: NDArray) => [np.sum(p), "tag"] as [NDArray, string], { hasAux: true })(w);
    expectTypeOf(out).toEqualTypeOf<NDArray>();
    expectTypeOf(aux).toEqualTypeOf<string>();
  });

  it("vjp, jvp, vmap and jit keep the function's types", () => {
    const [out, back] = vjp(loss, w, x);
    expectTypeOf(out).toEqualTypeOf<NDArray>();
    expectTypeOf(back).returns.toEqualTypeOf<[NDArray, NDArray]>();
    const [y, t] = jvp((a: NDArray) => np.multiply(a, a), [w], [np.ones([2])]);
    expectTypeOf(y).toEqualTypeOf<NDArray>();
    expectTypeOf(t).toEqualTypeOf<NDArray>();
    expect(t.toArray()).toEqual([2, 4]);
    const batched = vmap((a: NDArray, s: NDArray) => np.multiply(a, s));
    expectTypeOf(batched).parameters.toEqualTypeOf<[NDArray, NDArray]>();
    expectTypeOf(batched).returns.toEqualTypeOf<NDArray>();
    const f = jit(loss);
    expectTypeOf(f).parameters.toEqualTypeOf<[NDArray, NDArray]>();
    expectTypeOf(f).returns.toEqualTypeOf<NDArray>();
    expectTypeOf(jit(grad(loss))).returns.toEqualTypeOf<NDArray>();
  });

  it("dtype options are the DType union: a misspelled or unsupported dtype does not compile", () => {
    expectTypeOf(np.array).parameter(1).toEqualTypeOf<{ dtype?: DType } | undefined>();
    // JS callers get the typed error at run time (NJ201, naming the op and the dtype)
    // @ts-expect-error float16 is not a numjit dtype
    expect(() => np.array([1], { dtype: "float16" })).toThrow(DTypeError);
    // @ts-expect-error
    expect(() => np.zeros([2], { dtype: "float" })).toThrow(DTypeError);
    // @ts-expect-error
    expect(() => w.astype("float16")).toThrow(DTypeError);
    expect(np.zeros([2], { dtype: "int32" }).dtype).toBe("int32");
  });
});
