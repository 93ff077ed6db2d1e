// traceSymbolic (ir/symbolic.ts): a battery of NumPy functions traced ONCE with symbolic dims, then
// instantiated at random sizes. At every size the instantiated jaxpr must print exactly like a concrete
// trace at those sizes, run (evalJaxpr) to the eager result, and the passes and the schedule must
// commute with instantiation (they decide the same for every size). Also: the two paths for an
// undecidable comparison (a recorded constraint, or NJ112 under `strict`), NJ115 for JS arithmetic on a
// symbolic dim, interning, and the dim_value primitive.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { type NDArray, NumjitError, evalJaxpr, grad, jit, nn, numpy as np, valueAndGrad, vmap } from "@numjit/runtime";
import {
  type Dim,
  type SymbolicArg,
  describeSchedule,
  dimAdd,
  evalShape,
  instantiate,
  optimize,
  parseDim,
  schedule,
  sym,
  traceSymbolic,
} from "@numjit/runtime/internal";

const N = sym("N"),
  M = sym("M"),
  K = sym("K");
const f32 = (...shape: Dim[]): SymbolicArg => ({ shape, dtype: "float32" });

type Bind = Record<string, number>;
interface Case {
  name: string;
  fn: (...xs: NDArray[]) => NDArray;
  args: SymbolicArg[];
  /** Smallest size of every symbol (slices that must not be empty, indices that must be in range). */
  min?: number;
  /** Sizes derived from the drawn ones (a symbol the trace unified with another). */
  derive?: (b: Bind) => Bind;
  /** A concrete trace bakes a constant (arange, eye, zeros) where the symbolic one stages iota/broadcast. */
  valueOnly?: boolean;
}

const loss = (w: NDArray, x: NDArray, y: NDArray) => np.mean(np.square(np.subtract(np.matmul(x, w), y)));
const sliceConcatPad = (x: NDArray) => np.sum(np.multiply(np.pad(np.concatenate([x.slice("1:"), x], 0), 1), 1.5));
const x1 = [f32(N)],
  x2 = [f32(N, M)];
const CASES: Case[] = [
  // elementwise and broadcasting
  { name: "exp(sin(x))", fn: (x) => np.exp(np.sin(x!)), args: x2 },
  { name: "x * 2 + 1 (weak scalars)", fn: (x) => np.add(np.multiply(x!, 2), 1), args: x2 },
  { name: "broadcast [N,1] + [M]", fn: (x, y) => np.add(x!, y!), args: [f32(N, 1), f32(M)] },
  { name: "where(x > 0, x, y[None])", fn: (x, y) => np.where(np.greater(x!, 0), x!, y!), args: [f32(N, M), f32(M)] },
  { name: "add [N] [M], unified", fn: (x, y) => np.add(x!, y!), args: [f32(N), f32(M)], derive: (b) => ({ ...b, M: b.N! }) },
  // reductions
  { name: "sum axis 0", fn: (x) => np.sum(x!, 0), args: x2 },
  { name: "max axis -1 keepdims", fn: (x) => np.max(x!, -1, { keepdims: true }), args: x2 },
  { name: "mean (all)", fn: (x) => np.mean(x!), args: x2 },
  { name: "mean axis 1", fn: (x) => np.mean(x!, 1), args: [f32(N, M, 3)] },
  { name: "var ddof=1", fn: (x) => np.var(x!, 0, { ddof: 1 }), args: x2, min: 2 },
  { name: "std", fn: (x) => np.std(x!, [0, 1]), args: x2 },
  { name: "standardize", fn: (x) => nn.standardize(x!, -1), args: x2 },
  { name: "cumsum", fn: (x) => np.cumsum(x!, 1), args: x2 },
  { name: "argmax", fn: (x) => np.argmax(x!, 0), args: x2 },
  // reshape
  { name: "reshape [-1, 2] of [N, 4]", fn: (x) => np.reshape(x!, [-1, 2]), args: [f32(N, 4)] },
  { name: "reshape [-1] of [N, M]", fn: (x) => np.reshape(x!, [-1]), args: x2 },
  { name: "reshape [M, -1] of [N, M]", fn: (x) => np.reshape(x!, [x!.shape[1]!, -1]), args: x2 },
  { name: "reshape [-1, 3] of [N], N = 3K", fn: (x) => np.reshape(x!, [-1, 3]), args: x1, derive: (b) => ({ N: 3 * b.N! }) },
  { name: "ravel + expandDims + squeeze", fn: (x) => np.squeeze(np.expandDims(np.ravel(x!), 0), 0), args: x2 },
  // slicing
  { name: "x[1:-1]", fn: (x) => x!.slice("1:-1"), args: x1, min: 3 },
  { name: "x[::-1]", fn: (x) => x!.slice("::-1"), args: x1 },
  { name: "x[-3:]", fn: (x) => x!.slice("-3:"), args: x1 },
  { name: "x[:, 1::2]", fn: (x) => x!.slice(":", "1::2"), args: x2, min: 2 },
  { name: "x[-2:0:-1]", fn: (x) => x!.slice("-2:0:-1"), args: x1, min: 3 },
  { name: "x[0], x[-1]", fn: (x) => np.add(x!.slice(0), x!.slice(-1)), args: x2 },
  { name: "x[2] (records N >= 3)", fn: (x) => x!.slice(2), args: x2, min: 3 },
  { name: "diff", fn: (x) => np.diff(x!, 1, 0), args: x2, min: 2 },
  { name: "take", fn: (x) => np.take(x!, [0, 2, 1], 0), args: x2, min: 3 },
  // joining and splitting
  { name: "concatenate axis 0", fn: (x, y) => np.concatenate([x!, y!], 0), args: [f32(N, 3), f32(M, 3)] },
  { name: "concatenate axis 1", fn: (x, y) => np.concatenate([x!, y!], 1), args: [f32(N, M), f32(N, 2)] },
  { name: "stack", fn: (x, y) => np.stack([x!, y!], 1), args: [f32(N, M), f32(N, M)] },
  {
    name: "split in 2, N = 2K",
    fn: (x) => np.subtract(...(np.split(x!, 2, 0) as [NDArray, NDArray])),
    args: x2,
    derive: (b) => ({ ...b, N: 2 * b.N! }),
  },
  { name: "arraySplit in 3", fn: (x) => np.arraySplit(x!, 3, 0)[1]!, args: x2, min: 3 },
  {
    name: "pad constant",
    fn: (x) =>
      np.pad(
        x!,
        [
          [1, 2],
          [0, 1],
        ],
        { constantValues: 5 },
      ),
    args: x2,
  },
  {
    name: "pad edge",
    fn: (x) =>
      np.pad(
        x!,
        [
          [1, 2],
          [0, 1],
        ],
        { mode: "edge" },
      ),
    args: x2,
  },
  { name: "tile", fn: (x) => np.tile(x!, [2, 1]), args: x2 },
  { name: "repeat", fn: (x) => np.repeat(x!, 2, 0), args: x2 },
  { name: "transpose", fn: (x) => np.transpose(x!), args: [f32(N, M, 2)] },
  { name: "moveaxis", fn: (x) => np.moveaxis(x!, 0, -1), args: [f32(N, M, 2)] },
  // products
  { name: "matmul", fn: (a, b) => np.matmul(a!, b!), args: [f32(N, K), f32(K, M)] },
  { name: "matmul batch", fn: (a, b) => np.matmul(a!, b!), args: [f32(2, N, K), f32(K, M)] },
  { name: "matvec", fn: (a, b) => np.matmul(a!, b!), args: [f32(N, K), f32(K)] },
  { name: "dot", fn: (a, b) => np.dot(a!, b!), args: [f32(N, K), f32(K, 3)] },
  { name: "einsum ij,jk->ik", fn: (a, b) => np.einsum("ij,jk->ik", a!, b!), args: [f32(N, K), f32(K, M)] },
  { name: "einsum bij,bj->bi", fn: (a, b) => np.einsum("bij,bj->bi", a!, b!), args: [f32(N, M, K), f32(N, K)] },
  { name: "outer", fn: (a, b) => np.outer(a!, b!), args: [f32(N), f32(M)] },
  // nn
  { name: "softmax", fn: (x) => nn.softmax(x!), args: x2 },
  { name: "logsumexp axis 0", fn: (x) => nn.logsumexp(x!, 0), args: x2 },
  { name: "logSoftmax", fn: (x) => nn.logSoftmax(x!, 0), args: x2 },
  { name: "mlp layer", fn: (x, w, b) => nn.relu(np.add(np.matmul(x!, w!), b!)), args: [f32(N, K), f32(K, M), f32(M)] },
  { name: "flip, swapaxes", fn: (x) => np.swapaxes(np.flip(x!, 0), 0, 1), args: x2 },
  { name: "vstack, hstack", fn: (x, y) => np.hstack([np.vstack([x!, y!]), np.vstack([y!, x!])]), args: [f32(N, M), f32(K, M)] },
  { name: "clip", fn: (x) => np.clip(x!, -0.5, 0.5), args: x2 },
  { name: "inner", fn: (a, b) => np.inner(a!, b!), args: [f32(N, K), f32(M, K)] },
  { name: "vdot", fn: (a, b) => np.vdot(a!, b!), args: [f32(N, M), f32(N, M)] },
  { name: "oneHot", fn: (x) => nn.oneHot(np.floor(np.abs(x!)), 3), args: x1 },
  // the class count from another input's symbolic size (examples/data-parallel: nn.oneHot(y, b.shape[0]))
  {
    name: "oneHot, symbolic classes",
    fn: (y, b) => nn.oneHot(np.floor(np.abs(y!)), b!.shape[0]!),
    args: [f32(N), f32(M)],
    valueOnly: true,
  },
  // transformations of the same numpy code
  { name: "grad of a least-squares loss", fn: grad(loss), args: [f32(K, M), f32(N, K), f32(N, M)] },
  { name: "jit(valueAndGrad)", fn: (w, x, y) => jit(valueAndGrad(loss))(w!, x!, y!)[1], args: [f32(K, M), f32(N, K), f32(N, M)] },
  { name: "grad through slice, concatenate, pad", fn: grad(sliceConcatPad), args: x2, min: 2 },
  { name: "grad through a strided slice", fn: grad((x: NDArray) => np.sum(np.square(x.slice("1::2")))), args: x2, min: 2 },
  { name: "grad through take", fn: grad((x: NDArray) => np.sum(np.take(x, [0, -1], 0))), args: x2 },
  { name: "vmap(softmax)", fn: vmap((x: NDArray) => nn.softmax(x)), args: [f32(N, M, K)] },
  { name: "vmap(grad(logsumexp))", fn: vmap(grad((x: NDArray) => nn.logsumexp(x))), args: x2 },
  // sizes as values
  { name: "x + arange(N)", fn: (x) => np.add(x!, np.arange(x!.shape[1]!)), args: x2, valueOnly: true },
  { name: "x @ eye(M)", fn: (x) => np.matmul(x!, np.eye(x!.shape[1]!)), args: x2, valueOnly: true },
  { name: "x + zerosLike(x)", fn: (x) => np.add(x!, np.zerosLike(x!)), args: x2, valueOnly: true },
  { name: "tril", fn: (x) => np.tril(x!), args: x2, valueOnly: true },
  { name: "triu k=1", fn: (x) => np.triu(x!, 1), args: x2, valueOnly: true },
];

function symbolsOf(args: SymbolicArg[]): string[] {
  const out = new Set<string>();
  for (const a of args) for (const d of a.shape) if (typeof d !== "number") out.add(d.toString());
  return [...out].sort();
}

/** Deterministic data of a shape (values in [-2, 2), a few exact zeros). */
function data(shape: number[], seed: number): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    v[i] = i % 7 === 3 ? 0 : (s / 2 ** 32) * 4 - 2;
  }
  return np.reshape(np.array(v), shape);
}

function close(a: NDArray, b: NDArray): void {
  expect(a.shape).toEqual(b.shape);
  expect(a.dtype).toBe(b.dtype);
  const x = Array.from(a.toTypedArray()),
    y = Array.from(b.toTypedArray());
  x.forEach((v, i) => expect(Math.abs(v - y[i]!)).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(y[i]!))));
}

/** Sizes where a concrete trace takes no shortcut the symbolic one cannot (a dim of 1, two equal dims). */
const generic = (n: number) => fc.uniqueArray(fc.integer({ min: 5, max: 11 }), { minLength: n, maxLength: n });

describe("traceSymbolic: one trace, instantiated at random sizes, equals a concrete trace and eager", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const traced = traceSymbolic(c.fn, c.args);
      const symbols = symbolsOf(c.args);
      const opt = optimize(traced.jaxpr);
      const symSchedule = describeSchedule(schedule(opt));
      const hasDimValue = opt.eqns.some((e) => e.primitive === "dim_value");
      const check = (drawn: Bind, seed: number, sameProgram: boolean) => {
        const b: Bind = c.derive ? c.derive(drawn) : drawn;
        expect(traced.env.checkConstraints(b)).toBeUndefined();
        const shapes = c.args.map((a) => evalShape(a.shape, b));
        const inst = instantiate(traced.jaxpr, b);
        if (sameProgram) {
          const concrete = traceSymbolic(
            c.fn,
            shapes.map((shape) => ({ shape, dtype: "float32" })),
          );
          expect(concrete.env.constraints).toEqual([]);
          if (!c.valueOnly) expect(inst.toString()).toBe(concrete.jaxpr.toString());
          // the passes and the schedule decide the same at every size (where a dim_value stands for a size,
          // the concrete program folds the literal's cast before the passes see it: checked by value only)
          if (!hasDimValue) {
            expect(instantiate(opt, b).toString()).toBe(optimize(inst).toString());
            expect(describeSchedule(schedule(instantiate(opt, b)))).toBe(symSchedule);
          }
        }
        const inputs = shapes.map((s, i) => data(s, seed + i));
        close(evalJaxpr(inst, inputs)[0]!, c.fn(...inputs));
      };
      const toBind = (vs: number[]) => Object.fromEntries(symbols.map((s, i) => [s, vs[i]!]));
      // the program: the same as a concrete trace at generic sizes
      fc.assert(
        fc.property(generic(symbols.length), fc.nat(), (vs, seed) => check(toBind(vs), seed, true)),
        { numRuns: 8 },
      );
      // the values: right at every size, 1 and equal sizes included
      const small = fc.array(fc.integer({ min: c.min ?? 1, max: 6 }), { minLength: symbols.length, maxLength: symbols.length });
      fc.assert(
        fc.property(small, fc.nat(), (vs, seed) => check(toBind(vs), seed, false)),
        { numRuns: 8 },
      );
    });
  }
});

function codeOf(f: () => unknown): { code: string; data: Record<string, unknown> } {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(NumjitError);
    return { code: (e as NumjitError).code, data: (e as NumjitError).data as Record<string, unknown> };
  }
  throw new Error("expected an error");
}

describe("undecidable comparisons", () => {
  const add = (x: NDArray, y: NDArray) => np.add(x, y);

  it("unify through the env: add of [N] and [M] records N == M, which the guard checks", () => {
    const t = traceSymbolic(add, [f32(N), f32(M)]);
    expect(t.env.constraints.map((c) => c.kind === "eq" && `${c.op}: ${c.a} == ${c.b}`)).toEqual(["add: N == M"]);
    expect(t.env.checkConstraints({ N: 4, M: 4 })).toBeUndefined();
    const bad = t.env.checkConstraints({ N: 4, M: 5 });
    expect(bad?.text).toBe("N == M");
    expect(bad?.values).toEqual([4, 5]);
    // no broadcast staged for the unified operand: the jaxpr is the one a concrete trace gives
    expect(t.jaxpr.eqns.map((e) => e.primitive)).toEqual(["add"]);
  });

  it("reshape with -1 records one divisibility, not also the equality it implies", () => {
    const t = traceSymbolic((x: NDArray) => np.reshape(x, [-1, 2]), [f32(N)]);
    expect(t.env.constraints.map((c) => c.kind)).toEqual(["divisible"]);
    expect(t.env.checkConstraints({ N: 5 })?.text).toBe("mod(N, 2) == 0");
    expect(t.outAvals[0]!.shape.map(String)).toEqual(["floordiv(N, 2)", "2"]);
  });

  it("raise NJ112 naming the op and the dims without an env (strict)", () => {
    for (const [f, args, op] of [
      [add, [f32(N), f32(M)], "add"],
      [(a: NDArray, b: NDArray) => np.matmul(a, b), [f32(N, K), f32(M, 3)], "matmul"],
      [(a: NDArray, b: NDArray) => np.concatenate([a, b], 0), [f32(2, N), f32(3, M)], "concatenate"],
    ] as const) {
      const run = () => traceSymbolic(f as (...a: NDArray[]) => NDArray, args as unknown as SymbolicArg[], { strict: true });
      const { code, data } = codeOf(run);
      expect(code).toBe("NJ112");
      expect(data.op).toBe(op);
      expect((data.dims as Dim[]).map(String).sort()).toEqual(op === "matmul" ? ["K", "M"] : ["M", "N"]);
    }
  });

  it("an index in range only for some sizes records `N >= 3`, or raises NJ112 when strict", () => {
    const f = (x: NDArray) => x.slice(2);
    const t = traceSymbolic(f, [f32(N)]);
    expect(t.env.checkConstraints({ N: 3 })).toBeUndefined();
    expect(t.env.checkConstraints({ N: 2 })?.text).toBe("N >= 3");
    expect(codeOf(() => traceSymbolic(f, [f32(N)], { strict: true })).code).toBe("NJ112");
    // never in range: the index error of a concrete trace
    expect(codeOf(() => traceSymbolic((x: NDArray) => x.slice(3), [f32(2)])).code).toBe("NJ109");
  });

  it("squeeze asks whether a symbolic dim is 1: kept assuming `N >= 2`, a named axis assumes `N == 1`", () => {
    // without an axis the dim stays (a plan traced this way must not serve N = 1, where NumPy drops it)
    const t = traceSymbolic((x: NDArray) => np.squeeze(x), [f32(N, 1, 3)]);
    expect(t.outAvals[0]!.shape.map(String)).toEqual(["N", "3"]);
    expect(t.env.checkConstraints({ N: 4 })).toBeUndefined();
    expect(t.env.checkConstraints({ N: 1 })?.text).toBe("N >= 2");
    const named = traceSymbolic((x: NDArray) => np.squeeze(x, 0), [f32(N, 3)]);
    expect(named.outAvals[0]!.shape).toEqual([3]);
    expect(named.env.checkConstraints({ N: 2 })?.text).toBe("N == 1");
    expect(codeOf(() => traceSymbolic((x: NDArray) => np.squeeze(x), [f32(N, 3)], { strict: true })).code).toBe("NJ112");
  });

  it("sizes that can never match are the concrete errors (NJ101 / NJ114)", () => {
    expect(codeOf(() => traceSymbolic(add, [f32(N), f32(dimAdd(N, 1))])).code).toBe("NJ101");
    expect(codeOf(() => traceSymbolic((x: NDArray) => np.reshape(x, [-1, 2]), [f32(dimAdd(parseDim("2*N"), 1))])).code).toBe("NJ103");
  });
});

describe("JS arithmetic on a symbolic dim is NJ115 (InconclusiveDimensionOperation)", () => {
  it("valueOf throws a ShapeError with {op, dim}", () => {
    const { code, data } = codeOf(() => traceSymbolic((x: NDArray) => np.reshape(x, [x.shape[0]! * 2]), [f32(N)]));
    expect(code).toBe("NJ115");
    expect(data.dim).toBe(N);
    expect(codeOf(() => (N as unknown as number) < 3).code).toBe("NJ115");
    expect(`${N}`).toBe("N"); // printing is not arithmetic
  });

  it("numpy functions that need a concrete size name themselves", () => {
    for (const [f, op] of [
      [(x: NDArray) => np.pad(x, 1, { mode: "reflect" }), "pad (mode 'reflect')"],
      [(x: NDArray) => np.repeat(x, [1, 2], 0), "repeat"],
      [(x: NDArray) => np.linspace(0, 1, x.shape[0]!), "linspace"],
      [(x: NDArray) => np.arange(0.5, x.shape[0]!), "arange"],
    ] as const) {
      const { code, data } = codeOf(() => traceSymbolic(f, [f32(N)]));
      expect([code, data.op, data.dim]).toEqual(["NJ115", op, N]);
    }
  });
});

describe("dims for the numpy layer", () => {
  it("SymDims are interned: === is structural equality", () => {
    expect(sym("N")).toBe(N);
    expect(dimAdd(N, 1)).toBe(parseDim("1 + N"));
    expect(parseDim("(N+1)*(N-1)")).toBe(parseDim("N^2 - 1"));
    expect(JSON.stringify({ shape: [N, 2] })).toBe('{"shape":["N",2]}');
  });

  it("dim_value stages a size as a weak int32 scalar, folded to a literal by instantiate", () => {
    const t = traceSymbolic((x: NDArray) => np.mean(x), [f32(N, 3)]);
    const dv = t.jaxpr.eqns.find((e) => e.primitive === "dim_value");
    expect(dv?.outs[0]?.aval).toEqual({ shape: [], dtype: "int32", weakType: true });
    expect(String((dv!.params as { dim: Dim }).dim)).toBe("3*N");
    const inst = instantiate(t.jaxpr, { N: 5 });
    expect(inst.eqns.some((e) => e.primitive === "dim_value")).toBe(false);
    expect(inst.toString()).toContain("convert_element_type[dtype=float32 weakType=false] 15");
    // run without instantiating, the size has no value: NJ115 naming dim_value
    const run = () => evalJaxpr(t.jaxpr, [np.ones([5, 3])]);
    expect([codeOf(run).code, codeOf(run).data.op]).toEqual(["NJ115", "dim_value"]);
  });

  it("pytrees of abstract leaves, JS scalars and static arguments", () => {
    const layer = (p: { w: NDArray; b: NDArray }, x: NDArray, scale: number, act: string) =>
      act === "relu" ? nn.relu(np.multiply(np.add(np.matmul(x, p.w), p.b), scale)) : np.matmul(x, p.w);
    const t = traceSymbolic(layer, [{ w: f32(K, M), b: f32(M) }, f32(N, K), 2.5, "relu"], { staticArgnums: [3] });
    expect(t.jaxpr.inBinders.map((v) => v.aval.shape.map(String))).toEqual([["M"], ["K", "M"], ["N", "K"], []]);
    expect(t.outAvals[0]!.shape.map(String)).toEqual(["N", "M"]);
    const b = { N: 5, K: 4, M: 3 };
    const [w, bias, x] = [data([4, 3], 1), data([3], 2), data([5, 4], 3)];
    const got = evalJaxpr(instantiate(t.jaxpr, b), [bias, w, x, np.array(2.5, { dtype: "float64" })])[0]!;
    close(got, layer({ w, b: bias }, x, 2.5, "relu"));
  });

  it("outAvals carry the symbolic output shape", () => {
    const t = traceSymbolic((x: NDArray, y: NDArray) => np.concatenate([x, y], 0), [f32(N, 3), f32(M, 3)]);
    expect(t.outAvals.map((a) => a.shape.map(String))).toEqual([["M + N", "3"]]);
  });
});
