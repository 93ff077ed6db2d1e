// Types that catch mistakes: grad, valueAndGrad, vjp, jvp, linearize, jacfwd/jacrev/hessian, vmap, jit and
// makeJaxpr keep their argument and result types (no `any`), and dtype options take the DType union or
// its aliases. vitest type-checks this file (typecheck in vitest.config.ts, so `npm test` fails on a type
// error or an unused @ts-expect-error); the runtime assertions check the same values by hand.
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  ArgumentError,
  type DType,
  type DTypeLike,
  DTypeError,
  type Jaxpr,
  type NDArray,
  TransformError,
  grad,
  hessian,
  jacfwd,
  jacrev,
  jit,
  jvp,
  linearize,
  makeJaxpr,
  nn,
  numpy as np,
  lax,
  pmap,
  valueAndGrad,
  vjp,
  vmap,
} from "@numjit/runtime";

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

  it("vjp and jvp: numbers become arrays; cotangents and tangents follow pytrees", () => {
    const f = (p: { a: NDArray; b: [NDArray, number] }) => ({ s: np.sum(np.multiply(p.a, p.b[0])), n: p.b[1] });
    const [out, back] = vjp(f, { a: w, b: [x, 2] });
    expectTypeOf(out).toEqualTypeOf<{ s: NDArray; n: NDArray }>();
    expectTypeOf(back).parameter(0).toEqualTypeOf<{ s: NDArray; n: NDArray }>();
    const [ct] = back({ s: np.array(1), n: np.array(0) });
    expectTypeOf(ct).toEqualTypeOf<{ a: NDArray; b: [NDArray, NDArray] }>();
    // d sum(a*b0)/da = b0, /db0 = a; the number leaf is not differentiated (zeros)
    expect(ct.a.toArray()).toEqual([3, 4]);
    expect(ct.b[0].toArray()).toEqual([1, 2]);
    expect(out.n.item()).toBe(2);
    // @ts-expect-error the cotangent must have the output's structure
    expect(() => back(np.array(1))).toThrow(TransformError);
    // @ts-expect-error vjp passes the primals to f: a missing argument does not compile
    expect(() => vjp(loss, w)).toThrow();
    const [y, t] = jvp((a: NDArray, k: number) => np.multiply(a, k), [w, 3], [np.ones([2]), 0]);
    expectTypeOf(y).toEqualTypeOf<NDArray>();
    expectTypeOf(t).toEqualTypeOf<NDArray>();
    expect(t.toArray()).toEqual([3, 3]);
    // @ts-expect-error one tangent per primal
    expect(() => jvp((a: NDArray) => a, [w], [w, w])).toThrow(TransformError);
    // @ts-expect-error primals must match f's parameters
    expect(() => jvp((a: NDArray) => np.sum(a), ["w"], ["w"])).toThrow();
    const [y0, lin] = linearize((a: NDArray) => np.multiply(a, a), w);
    expectTypeOf(y0).toEqualTypeOf<NDArray>();
    expectTypeOf(lin).toEqualTypeOf<(t: NDArray) => NDArray>();
    expect(lin(np.ones([2])).toArray()).toEqual([2, 4]);
  });

  it("jacfwd, jacrev, hessian: the output tree of gradients, argnums lists and hasAux", () => {
    const sq = (a: NDArray) => np.multiply(a, a);
    expectTypeOf(jacfwd(sq)(w)).toEqualTypeOf<NDArray>();
    expect(jacrev(sq)(w).toArray()).toEqual([
      [2, 0],
      [0, 4],
    ]);
    const two = (a: NDArray, b: NDArray) => ({ p: np.multiply(a, b) });
    const j = jacrev(two, { argnums: [0, 1] })(w, x);
    expectTypeOf(j).toEqualTypeOf<{ p: [NDArray, NDArray] }>();
    expect(j.p[1].toArray()).toEqual([
      [1, 0],
      [0, 2],
    ]);
    const [jf, aux] = jacfwd((a: NDArray) => [sq(a), "aux"] as [NDArray, string], { hasAux: true })(w);
    expectTypeOf(jf).toEqualTypeOf<NDArray>();
    expectTypeOf(aux).toEqualTypeOf<string>();
    expect(jf.toArray()).toEqual([
      [2, 0],
      [0, 4],
    ]);
    const h = hessian((a: NDArray) => np.sum(np.multiply(np.multiply(a, a), a)))(w);
    expectTypeOf(h).toEqualTypeOf<NDArray>();
    // d2/da2 sum(a^3) = diag(6a)
    expect(h.toArray()).toEqual([
      [6, 0],
      [0, 12],
    ]);
    const hh = hessian(loss, { argnums: [0, 1] })(w, x);
    expectTypeOf(hh).toEqualTypeOf<[[NDArray, NDArray], [NDArray, NDArray]]>();
    // d2/dw2 sum(w^2 x^2) = diag(2 x^2)
    expect(hh[0][0].toArray()).toEqual([
      [18, 0],
      [0, 32],
    ]);
    // @ts-expect-error jacobians take f's arguments
    expect(() => jacrev(sq)(w, w)).not.toThrow();
  });

  it("vmap: inAxes is checked against the parameters, outAxes against the output; numbers come out as arrays", () => {
    const f = (a: NDArray, p: { s: NDArray; k: number }) => ({ y: np.multiply(np.multiply(a, p.s), p.k), k: p.k });
    const m = np.array([
      [1, 2],
      [3, 4],
    ]);
    const bf = vmap(f, { inAxes: [0, { s: null, k: null }], outAxes: { y: 1, k: null } });
    expectTypeOf(bf).parameters.toEqualTypeOf<[NDArray, { s: NDArray; k: number }]>();
    expectTypeOf(bf).returns.toEqualTypeOf<{ y: NDArray; k: NDArray }>();
    const r = bf(m, { s: np.array([10, 100]), k: 2 });
    expect(r.y.toArray()).toEqual([
      [20, 60],
      [400, 800],
    ]);
    expect(r.k.item()).toBe(2);
    expectTypeOf(vmap(f, { inAxes: [1, null] })).returns.toEqualTypeOf<{ y: NDArray; k: NDArray }>();
    expectTypeOf(vmap(f, { inAxes: 0 })).parameters.toEqualTypeOf<[NDArray, { s: NDArray; k: number }]>();
    // @ts-expect-error inAxes has one entry per argument
    expect(() => vmap(f, { inAxes: [0] })(m, { s: w, k: 2 })).toThrow(TransformError);
    // @ts-expect-error an axis is a number or null
    expect(() => vmap(f, { inAxes: ["0", null] })).not.toThrow();
    // @ts-expect-error outAxes is a prefix of the output tree ({ y, k }), not a list
    expect(() => vmap(f, { outAxes: [0, 0] })(m, { s: w, k: 2 })).toThrow();
    // @ts-expect-error the batched function takes f's arguments
    expect(() => vmap(f)(m)).toThrow();
  });

  it("pmap: the same axis types as vmap; collectives keep their operand's tree", () => {
    const f = (a: NDArray, p: { s: NDArray; k: number }) => ({ y: lax.psum(np.multiply(a, p.s), "i"), k: p.k });
    const pf = pmap(f, { axisName: "i", inAxes: [0, { s: null, k: null }], outAxes: { y: 0, k: null } });
    expectTypeOf(pf).parameters.toEqualTypeOf<[NDArray, { s: NDArray; k: number }]>();
    expectTypeOf(pf).returns.toEqualTypeOf<{ y: NDArray; k: NDArray }>();
    const r = pf(np.array([1, 2]), { s: np.array(3), k: 2 });
    expect(r.y.toArray()).toEqual([9, 9]);
    expect(r.k.item()).toBe(2);
    const t = vmap((a: NDArray) => lax.psum({ a, b: 1 }, "i"), { axisName: "i" })(w);
    expectTypeOf(t).toEqualTypeOf<{ a: NDArray; b: NDArray }>();
    expect(t.b.toArray()).toEqual([2, 2]);
    // @ts-expect-error inAxes has one entry per argument
    expect(() => pmap(f, { inAxes: [0] })(w, { s: w, k: 2 })).toThrow(TransformError);
    // @ts-expect-error the axis name is a string
    expect(() => pmap(f, { axisName: 1 })).toThrow(TransformError);
  });

  it("jit: staticArgnums names a parameter; makeJaxpr keeps the argument types", () => {
    const scale = (a: NDArray, k: number) => np.multiply(a, k);
    const js = jit(scale, { staticArgnums: 1 });
    expectTypeOf(js).parameters.toEqualTypeOf<[NDArray, number]>();
    expect(js(w, 3).toArray()).toEqual([3, 6]);
    expect(jit(scale, { staticArgnums: [1] })(w, 2).toArray()).toEqual([2, 4]);
    // @ts-expect-error scale has two parameters: position 2 does not exist
    expect(() => jit(scale, { staticArgnums: 2 })).toThrow(ArgumentError);
    // @ts-expect-error
    expect(() => jit(scale, { staticArgnums: [0, 5] })).toThrow(ArgumentError);
    // @ts-expect-error a jitted function takes f's arguments
    expect(() => js(w)).toThrow();
    const rest = jit((...xs: NDArray[]) => np.add(xs[0]!, xs[1]!), { staticArgnums: [] });
    expectTypeOf(rest).parameters.toEqualTypeOf<NDArray[]>();
    expectTypeOf(jit(vmap(loss))).returns.toEqualTypeOf<NDArray>();
    const jp = makeJaxpr(scale, { staticArgnums: [1] });
    expectTypeOf(jp).parameters.toEqualTypeOf<[NDArray, number]>();
    expectTypeOf(jp(w, 2)).toEqualTypeOf<Jaxpr>();
    expect(jp(w, 2).toString()).toContain("mul");
    // @ts-expect-error
    makeJaxpr(scale, { staticArgnums: [2] });
  });

  it("dtype options are the DType union or its aliases: a misspelled or unsupported dtype does not compile", () => {
    expectTypeOf(np.array).parameter(1).toEqualTypeOf<{ dtype?: DTypeLike } | undefined>();
    expectTypeOf<DTypeLike>().toEqualTypeOf<DType | "f32" | "f64" | "i32" | "u32">();
    // JS callers get the typed error at run time (NJ201, naming the op and the dtype)
    // @ts-expect-error float16 is not a numjit dtype
    expect(() => np.array([1], { dtype: "float16" })).toThrow(DTypeError);
    // @ts-expect-error
    expect(() => np.zeros([2], { dtype: "float" })).toThrow(DTypeError);
    // @ts-expect-error
    expect(() => w.astype("float16")).toThrow(DTypeError);
    expect(np.zeros([2], { dtype: "int32" }).dtype).toBe("int32");
  });

  it("every dtype option takes the aliases f32/f64/i32 and rejects others with a DTypeError", () => {
    const v = np.array([1, 2, 3]);
    const ix = np.array([0, 2], { dtype: "i32" });
    const withDType: [string, (d: DTypeLike) => NDArray][] = [
      ["array", (d) => np.array([1, 2], { dtype: d })],
      ["asarray", (d) => np.asarray(v, { dtype: d })],
      ["zeros", (d) => np.zeros([2], { dtype: d })],
      ["full", (d) => np.full([2], 1, { dtype: d })],
      ["zerosLike", (d) => np.zerosLike(v, { dtype: d })],
      ["fullLike", (d) => np.fullLike(v, 1, { dtype: d })],
      ["arange", (d) => np.arange(0, 3, 1, { dtype: d })],
      ["eye", (d) => np.eye(2, undefined, 0, { dtype: d })],
      ["sum", (d) => np.sum(v, null, { dtype: d })],
      ["mean", (d) => np.mean(v, null, { dtype: d })],
      ["var", (d) => np.var(v, null, { dtype: d })],
      ["cumsum", (d) => np.cumsum(v, 0, { dtype: d })],
      ["cumprod", (d) => np.cumprod(v, 0, { dtype: d })],
      ["oneHot", (d) => nn.oneHot(ix, 3, { dtype: d })],
      ["astype", (d) => v.astype(d)],
    ];
    const names: Record<"f32" | "f64" | "i32", DType> = { f32: "float32", f64: "float64", i32: "int32" };
    for (const [op, f] of withDType) {
      for (const [alias, full] of Object.entries(names) as ["f32" | "f64" | "i32", DType][]) {
        // mean/var with an int dtype return float32 (NumPy/JAX: the int dtype), so compare with the long name
        expect(f(alias).dtype, `${op} ${alias}`).toBe(op === "mean" || op === "var" ? f(full).dtype : full);
        expect(f(alias).toArray(), `${op} ${alias}`).toEqual(f(full).toArray());
      }
      let err: unknown;
      try {
        f("float16" as DTypeLike);
      } catch (e) {
        err = e;
      }
      expect(err, op).toBeInstanceOf(DTypeError);
      expect((err as DTypeError).code, op).toBe("NJ201");
    }
  });
});
