// The shape rules on symbolic dims (core/shape-rules.ts): for every covered primitive, the symbolic rule
// instantiated at random sizes equals the concrete rule at those sizes. Where the concrete rule throws,
// the symbolic one throws too, or records a constraint in its ShapeEnv that those sizes violate (the
// compiled function's guard then sends the call to the runtime jit).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { NumjitError, ShapeError } from "@numjit/runtime";
import {
  type Dim,
  type SymAval,
  ShapeEnv,
  broadcastDims,
  dimAdd,
  dimMul,
  dimFloorDiv,
  dimToString,
  evalDim,
  evalShape,
  inferReshape,
  shapeRules,
  sliceIndicesDim,
  sliceLength,
  sym,
  symbolicShapeRules,
} from "@numjit/runtime/internal";

const seedEnv = process.env.FC_SEED;
fc.configureGlobal(seedEnv === "random" ? {} : { seed: seedEnv ? Number(seedEnv) : 20261129 });

const N = sym("N"),
  M = sym("M"),
  K = sym("K");
type Bind = { N: number; M: number; K: number };
const POOL: Dim[] = [1, 2, 3, N, M, K, dimMul(2, N), dimAdd(N, 1), dimMul(N, M), dimAdd(dimFloorDiv(N, 2), 1)];
const dimArb = fc.constantFrom(...POOL);
const bindArb = fc.record({ N: fc.integer({ min: 1, max: 5 }), M: fc.integer({ min: 1, max: 5 }), K: fc.integer({ min: 1, max: 5 }) });
const shapeArb = (min = 0, max = 3) => fc.array(dimArb, { minLength: min, maxLength: max });
/** A shape like `s`, each dim kept with probability ~2/3 (so equal dims are common) or redrawn. */
const likeArb = (s: readonly Dim[]) => fc.tuple(...s.map((d) => fc.oneof(fc.constant(d), fc.constant(d), dimArb)));

const aval = (shape: readonly Dim[], dtype: SymAval["dtype"] = "float32"): SymAval => ({ shape, dtype, weakType: false });
const inst = (v: unknown, b: Bind): unknown =>
  typeof v === "object" && v !== null && "key" in v
    ? evalDim(v as Dim, b)
    : Array.isArray(v)
      ? v.map((x) => inst(x, b))
      : typeof v === "object" && v !== null
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, inst(x, b)]))
        : v;

type Rules = Record<string, (inputs: readonly SymAval[], params: unknown, env?: ShapeEnv) => SymAval>;
const sym_ = symbolicShapeRules as unknown as Rules;
const conc = shapeRules as unknown as Rules;

function attempt<T>(f: () => T): { ok: true; v: T } | { ok: false; e: unknown } {
  try {
    return { ok: true, v: f() };
  } catch (e) {
    return { ok: false, e };
  }
}

const stats = { agree: 0, guarded: 0, bothThrow: 0 };
/** The property: symbolic (with and without an env) against concrete, at one binding. */
function check(prim: string, inputs: readonly SymAval[], params: unknown, b: Bind): void {
  const cIn = inputs.map((a) => ({ ...a, shape: evalShape(a.shape, b) }));
  const c = attempt(() => conc[prim]!(cIn, inst(params, b)));
  if (!c.ok) expect(c.e).toBeInstanceOf(NumjitError);
  const env = new ShapeEnv();
  const s = attempt(() => sym_[prim]!(inputs, params, env));
  if (!s.ok) {
    expect(s.e).toBeInstanceOf(NumjitError);
    // A definite error (not "undecidable") must be an error at every size.
    if ((s.e as NumjitError).code !== "NJ112") expect(c.ok, `${prim}: symbolic threw ${(s.e as Error).message}`).toBe(false);
    stats.bothThrow++;
    return;
  }
  const violated = env.checkConstraints(b);
  if (violated) {
    stats.guarded++;
    return;
  }
  const why = c.ok ? "" : (c.e as Error).message;
  expect(c.ok, `${prim}: concrete threw ${why} but no constraint of ${env.constraints.length} is violated`).toBe(true);
  if (!c.ok) return;
  expect(evalShape(s.v.shape, b)).toEqual(c.v.shape);
  expect([s.v.dtype, s.v.weakType]).toEqual([c.v.dtype, c.v.weakType]);
  // Without an env the rule assumes nothing: it either decides alone (then it is right) or raises NJ112.
  const free = attempt(() => sym_[prim]!(inputs, params));
  if (free.ok) expect(evalShape(free.v.shape, b)).toEqual(c.v.shape);
  else expect([(free.e as NumjitError).code, c.ok]).toEqual(["NJ112", true]);
  stats.agree++;
}

const RUNS = { numRuns: 250 };
const prop = <T>(arb: fc.Arbitrary<T>, f: (t: T, b: Bind) => void) => fc.assert(fc.property(arb, bindArb, f), RUNS);

describe("symbolic rule at random sizes == concrete rule", () => {
  it("elementwise: unary, binary, compare, select", () => {
    const pair = shapeArb().chain((a) => fc.tuple(fc.constant(a), likeArb(a), likeArb(a)));
    prop(pair, ([a, b2, c2], b) => {
      check("exp", [aval(a)], {}, b);
      check("add", [aval(a), aval(b2)], {}, b);
      check("lt", [aval(a), aval(b2)], {}, b);
      check("select", [aval(a, "bool"), aval(b2), aval(c2)], {}, b);
    });
  });

  it("reductions, argmax, cumsum", () => {
    const arb = shapeArb(1).chain((s) =>
      fc.tuple(fc.constant(s), fc.subarray(s.map((_, i) => i)), fc.integer({ min: 0, max: s.length - 1 })),
    );
    prop(arb, ([s, axes, axis], b) => {
      check("reduce_sum", [aval(s)], { axes }, b);
      check("reduce_max", [aval(s)], { axes }, b);
      check("argmax", [aval(s)], { axis }, b);
      check("cumsum", [aval(s)], { axis, reverse: false }, b);
    });
  });

  it("transpose, rev, copy, iota", () => {
    const arb = shapeArb(1).chain((s) =>
      fc.tuple(
        fc.constant(s),
        fc.shuffledSubarray(
          s.map((_, i) => i),
          { minLength: s.length },
        ),
      ),
    );
    prop(arb, ([s, perm], b) => {
      check("transpose", [aval(s)], { perm }, b);
      check("rev", [aval(s)], { axes: [0] }, b);
      check("copy", [aval(s)], {}, b);
      check("iota", [], { shape: s, dimension: 0, dtype: "int32" }, b);
    });
  });

  it("broadcast_in_dim", () => {
    const arb = shapeArb(0, 4).chain((target) =>
      fc
        .tuple(fc.constant(target), fc.subarray(target.map((_, i) => i)))
        .chain(([t, bd]) =>
          fc.tuple(fc.constant(t), fc.constant(bd), fc.tuple(...bd.map((i) => fc.oneof(fc.constant(t[i]!), fc.constant(1), dimArb)))),
        ),
    );
    prop(arb, ([shape, bd, xs], b) => check("broadcast_in_dim", [aval(xs)], { shape, broadcastDimensions: bd }, b));
  });

  it("reshape (with and without -1)", () => {
    // The target: the input's dims with neighbours merged by product, maybe one replaced by -1, or random dims.
    const arb = shapeArb(1, 3).chain((s) =>
      fc.tuple(
        fc.constant(s),
        fc.oneof(fc.constant(s.length > 1 ? [dimMul(s[0]!, s[1]!), ...s.slice(2)] : s), fc.constant([...s].reverse()), shapeArb(1, 3)),
        fc.option(fc.nat(2), { nil: undefined }),
      ),
    );
    prop(arb, ([s, t, neg], b) => {
      const to = neg !== undefined && neg < t.length ? t.map((d, i) => (i === neg ? -1 : d)) : t;
      check("reshape", [aval(s)], { shape: to }, b);
    });
  });

  it("slice with NumPy's clamping on symbolic sizes", () => {
    const index = fc.option(fc.integer({ min: -7, max: 7 }));
    const spec = fc.tuple(index, index, fc.integer({ min: 1, max: 3 }));
    const arb = shapeArb(1, 3).chain((s) => fc.tuple(fc.constant(s), fc.tuple(...s.map(() => spec))));
    prop(arb, ([s, specs], b) => {
      const idx = specs.map(([st, sp, step], i) => sliceIndicesDim(st, sp, step, s[i]!));
      check("slice", [aval(s)], { starts: idx.map((x) => x[0]), limits: idx.map((x) => x[1]), strides: idx.map((x) => x[2]) }, b);
    });
  });

  it("pad (negative pads crop)", () => {
    const amount = fc.integer({ min: -3, max: 2 });
    const arb = shapeArb(1, 3).chain((s) => fc.tuple(fc.constant(s), fc.tuple(...s.map(() => fc.tuple(amount, amount)))));
    prop(arb, ([s, pads], b) => check("pad", [aval(s), aval([])], { lo: pads.map((p) => p[0]), hi: pads.map((p) => p[1]) }, b));
  });

  it("concatenate", () => {
    const arb = shapeArb(1, 3).chain((s) => fc.tuple(fc.constant(s), likeArb(s), likeArb(s), fc.integer({ min: 0, max: s.length - 1 })));
    prop(arb, ([a, b2, c2, axis], b) => check("concatenate", [aval(a), aval(b2), aval(c2)], { axis }, b));
  });

  it("dot_general (matmul and batched matmul)", () => {
    const arb = fc.tuple(dimArb, dimArb, dimArb, dimArb, dimArb, fc.boolean());
    prop(arb, ([m, k, k2, n, batch, batched], b) => {
      const kk = k2 === 1 ? k : k2; // mostly different contracting dims, sometimes equal
      if (batched) {
        const params = { lhsContract: [2], rhsContract: [1], lhsBatch: [0], rhsBatch: [0] };
        check("dot_general", [aval([batch, m, k]), aval([batch, kk, n])], params, b);
      } else {
        check("dot_general", [aval([m, k]), aval([k, n])], { lhsContract: [1], rhsContract: [0], lhsBatch: [], rhsBatch: [] }, b);
        check("dot_general", [aval([m, k]), aval([kk, n])], { lhsContract: [1], rhsContract: [0], lhsBatch: [], rhsBatch: [] }, b);
      }
    });
  });

  it("gather: the shape comes from the indices", () => {
    const arb = fc
      .tuple(shapeArb(1, 3), shapeArb(0, 2))
      .chain(([x, i]) => fc.tuple(fc.constant(x), fc.constant(i), fc.integer({ min: 0, max: x.length - 1 })));
    prop(arb, ([x, i, axis], b) => check("gather", [aval(x), aval(i, "int32")], { axis }, b));
  });

  it("exercised all three outcomes", () => {
    expect(stats.agree).toBeGreaterThan(500);
    expect(stats.guarded).toBeGreaterThan(50);
    expect(stats.bothThrow).toBeGreaterThan(20);
  });
});

describe("helpers", () => {
  const pySliceIndices = (start: number | null, stop: number | null, step: number, n: number) => {
    const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
    const at = (v: number, lo: number, hi: number) => clamp(v < 0 ? v + n : v, lo, hi);
    if (step > 0) return [start === null ? 0 : at(start, 0, n), stop === null ? n : at(stop, 0, n)];
    return [start === null ? n - 1 : at(start, -1, n - 1), stop === null ? -1 : at(stop, -1, n - 1)];
  };
  it("sliceIndicesDim evaluates to Python's slice.indices (both step signs)", () => {
    const index = fc.option(fc.integer({ min: -9, max: 9 }));
    const arb = fc.tuple(index, index, fc.constantFrom(-3, -2, -1, 1, 2, 3), dimArb);
    fc.assert(
      fc.property(arb, bindArb, ([st, sp, step, n], b) => {
        const [s, e] = sliceIndicesDim(st, sp, step, n);
        const nv = evalDim(n, b);
        expect([evalDim(s, b), evalDim(e, b)]).toEqual(pySliceIndices(st, sp, step, nv));
        if (step > 0) expect(evalDim(sliceLength(s, e, step), b)).toBe(Math.max(0, Math.ceil((evalDim(e, b) - evalDim(s, b)) / step)));
      }),
      { numRuns: 400 },
    );
  });

  it("x[1:] and x[:-1] of a symbolic N are N - 1 long (N >= 1)", () => {
    const [s1, e1] = sliceIndicesDim(1, null, 1, N);
    expect(dimToString(sliceLength(s1, e1, 1))).toBe("N - 1"); // min(1, N) is 1 and N - 1 >= 0: both decided from N >= 1
    const [s3, e3] = sliceIndicesDim(2, null, 1, N);
    expect(dimToString(sliceLength(s3, e3, 1))).toBe("max(0, N - min(2, N))");
    const [s2, e2] = sliceIndicesDim(null, -1, 1, N);
    expect(dimToString(sliceLength(s2, e2, 1))).toBe("N - 1");
  });

  it("broadcastDims: a literal 1 stretches; B vs N is NJ112 without an env, an assumption with one", () => {
    expect(broadcastDims("add", [N, 1], [3]).map(dimToString)).toEqual(["N", "3"]);
    expect(broadcastDims("add", [1], [M, N]).map(dimToString)).toEqual(["M", "N"]);
    let e: unknown;
    try {
      broadcastDims("add", [M], [N]);
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(ShapeError);
    expect((e as ShapeError).code).toBe("NJ112");
    expect((e as ShapeError).data).toMatchObject({ op: "add" });
    expect(((e as ShapeError).data.dims as Dim[]).map(dimToString)).toEqual(["M", "N"]);
    const env = new ShapeEnv();
    expect(broadcastDims("add", [M], [N], env).map(dimToString)).toEqual(["M"]);
    expect(env.checkConstraints({ M: 2, N: 3 })?.text).toBe("M == N");
    // Two different numbers stay NumPy's NJ101, with both shapes as data.
    try {
      broadcastDims("add", [N, 2], [3]);
    } catch (err) {
      expect((err as ShapeError).code).toBe("NJ101");
      expect(((err as ShapeError).data.shapes as Dim[][]).map((s) => s.map(dimToString))).toEqual([["N", "2"], ["3"]]);
    }
  });

  it("reshape with -1 divides exactly or records divisibility", () => {
    expect(inferReshape("reshape", [dimMul(2, N), M], [-1, 2]).map(dimToString)).toEqual(["M*N", "2"]);
    expect(inferReshape("reshape", [N, M], [M, -1]).map(dimToString)).toEqual(["M", "N"]);
    const env = new ShapeEnv();
    expect(inferReshape("reshape", [N], [-1, 3], env).map(dimToString)).toEqual(["floordiv(N, 3)", "3"]);
    expect(env.checkConstraints({ N: 7, M: 1, K: 1 })?.text).toBe("mod(N, 3) == 0");
    let code: string | undefined;
    try {
      inferReshape("reshape", [N], [-1, 3]);
    } catch (err) {
      code = (err as ShapeError).code;
    }
    expect(code).toBe("NJ112");
  });

  it("matmul: a symbolic contracting dim against a literal binds the symbol", () => {
    const env = new ShapeEnv();
    const mm = { lhsContract: [1], rhsContract: [0], lhsBatch: [], rhsBatch: [] };
    const out = symbolicShapeRules.dot_general([aval([M, K]), aval([8, N])], mm, env);
    expect(out.shape.map(dimToString)).toEqual(["M", "N"]);
    expect(env.resolve(K)).toBe(8);
    expect(env.checkConstraints({ M: 2, K: 7, N: 3 })?.text).toBe("K == 8");
    let e: ShapeError | undefined;
    try {
      symbolicShapeRules.dot_general([aval([M, dimAdd(K, 1)]), aval([K, N])], mm, env);
    } catch (err) {
      e = err as ShapeError;
    }
    expect(e?.code).toBe("NJ104");
    expect(e?.data).toMatchObject({ op: "matmul" });
  });
});
