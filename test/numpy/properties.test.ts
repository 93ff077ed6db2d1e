// Algebraic laws the eager runtime must keep, checked on random shapes and data with fast-check.
// int32 data keeps every law exact; float laws use float64 with a tolerance.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { NDArray, ShapeError, numpy as np } from "@numjit/runtime";

// Deterministic by default so CI is reproducible; FC_SEED=<n> replays a seed, FC_SEED=random explores.
const seedEnv = process.env.FC_SEED;
fc.configureGlobal(seedEnv === "random" ? {} : { seed: seedEnv ? Number(seedEnv) : 20250601 });
const RUNS = { numRuns: 150 };

interface Arr {
  shape: number[];
  data: number[];
}
const sizeOf = (s: number[]) => s.reduce((a, b) => a * b, 1);
const shapeArb = (maxRank = 4, maxDim = 4, minDim = 0, minRank = 0) =>
  fc.array(fc.integer({ min: minDim, max: maxDim }), { minLength: minRank, maxLength: maxRank });
const dataFor = (shape: number[], lo = -50, hi = 50) =>
  fc.array(fc.integer({ min: lo, max: hi }), { minLength: sizeOf(shape), maxLength: sizeOf(shape) }).map((data): Arr => ({ shape, data }));
const arrArb = (maxRank = 4, maxDim = 4, minDim = 0, minRank = 0) => shapeArb(maxRank, maxDim, minDim, minRank).chain((s) => dataFor(s));
const i32 = (a: Arr) => new NDArray(Int32Array.from(a.data), a.shape.slice(), "int32");
const f64 = (a: Arr) => new NDArray(Float64Array.from(a.data.map((v) => v / 7)), a.shape.slice(), "float64");
const flat = (x: NDArray) => Array.from(x.toTypedArray());
const strides = (s: number[]) => s.map((_, i) => sizeOf(s.slice(i + 1)));
const unravel = (k: number, s: readonly number[]) => s.map((_, i) => Math.floor(k / sizeOf(s.slice(i + 1))) % s[i]!);

/** NumPy's broadcasting rule, written independently of the runtime: right-align, 1 stretches. */
function broadcastRule(a: number[], b: number[]): number[] | null {
  const n = Math.max(a.length, b.length),
    out: number[] = [];
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1,
      db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) return null;
    out.push(da === 1 ? db : da);
  }
  return out;
}

/** A shape that broadcasts with `a`: drop leading dims or prepend new ones, and set some dims to 1. */
const compatibleArb = (a: number[]) =>
  fc
    .tuple(
      fc.integer({ min: 0, max: a.length }),
      fc.array(fc.boolean(), { minLength: a.length, maxLength: a.length }),
      fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
    )
    .map(([keep, ones, lead]) => [...(keep === a.length ? lead : []), ...a.slice(a.length - keep).map((d, i) => (ones[i] ? 1 : d))]);

describe("broadcasting", () => {
  it("result shape follows NumPy's rule and is symmetric", () => {
    fc.assert(
      fc.property(
        shapeArb().chain((a) => fc.tuple(fc.constant(a), compatibleArb(a))),
        ([a, b]) => {
          const expected = broadcastRule(a, b)!;
          expect(np.add(np.zeros(a), np.zeros(b)).shape).toEqual(expected);
          expect(np.multiply(np.zeros(b, { dtype: "int32" }), np.zeros(a, { dtype: "int32" })).shape).toEqual(expected);
        },
      ),
      RUNS,
    );
  });

  it("incompatible shapes throw ShapeError NJ101 naming both shapes", () => {
    const arb = shapeArb(3, 4, 2)
      .filter((s) => s.length > 0)
      .chain((a) => fc.tuple(fc.constant(a), fc.integer({ min: 0, max: a.length - 1 }), fc.integer({ min: 2, max: 5 })));
    fc.assert(
      fc.property(arb, ([a, i, d]) => {
        fc.pre(d !== a[i]);
        const b = a.slice();
        b[i] = d;
        let err: unknown;
        try {
          np.add(np.zeros(a), np.zeros(b));
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(ShapeError);
        expect((err as ShapeError).code).toBe("NJ101");
        expect((err as Error).message).toContain(`(${a.join(", ")}${a.length === 1 ? "," : ""})`);
      }),
      RUNS,
    );
  });

  it("values: out[i] = x[i mod shape] + y[i mod shape] (int32, exact)", () => {
    const arb = arrArb(3, 3).chain((x) =>
      compatibleArb(x.shape)
        .chain((s) => dataFor(s))
        .map((y) => [x, y] as const),
    );
    fc.assert(
      fc.property(arb, ([x, y]) => {
        const out = np.add(i32(x), i32(y));
        const shape = broadcastRule(x.shape, y.shape)!;
        const pick = (a: Arr, idx: number[]) => {
          const tail = idx.slice(idx.length - a.shape.length).map((v, k) => (a.shape[k] === 1 ? 0 : v));
          return a.data[tail.reduce((acc, v, k) => acc + v * strides(a.shape)[k]!, 0)];
        };
        const expected = Array.from({ length: sizeOf(shape) }, (_, k) => (pick(x, unravel(k, shape))! + pick(y, unravel(k, shape))!) | 0);
        expect(flat(out)).toEqual(expected);
      }),
      RUNS,
    );
  });
});

/** A random shape with the same size: the prime factors of the size, shuffled and grouped. */
const sameSizeShape = (n: number) => {
  const factors: number[] = [];
  for (let m = n, p = 2; m > 1; )
    if (m % p === 0) {
      factors.push(p);
      m /= p;
    } else p++;
  return fc
    .tuple(
      fc.shuffledSubarray(factors, { minLength: factors.length, maxLength: factors.length }),
      fc.array(fc.boolean(), { minLength: factors.length, maxLength: factors.length }),
    )
    .map(([fs, cuts]) => {
      const out: number[] = [];
      fs.forEach((f, i) => (i > 0 && !cuts[i] ? (out[out.length - 1]! *= f) : out.push(f)));
      return out.length ? out : [1];
    });
};
const permArb = (n: number) => fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n });

describe("reshape and transpose", () => {
  it("reshape round trip keeps row-major order", () => {
    const arb = arrArb(4, 4, 1).chain((x) => fc.tuple(fc.constant(x), sameSizeShape(sizeOf(x.shape))));
    fc.assert(
      fc.property(arb, ([x, s]) => {
        const y = np.reshape(i32(x), s);
        expect(y.shape).toEqual(s);
        expect(flat(y)).toEqual(x.data);
        expect(flat(np.reshape(y, x.shape))).toEqual(x.data);
        expect(np.reshape(y, -1).shape).toEqual([x.data.length]);
      }),
      RUNS,
    );
  });

  it("transpose by p then by p^-1 is the identity; x.T.T == x", () => {
    const arb = arrArb(4, 3).chain((x) => fc.tuple(fc.constant(x), permArb(x.shape.length)));
    fc.assert(
      fc.property(arb, ([x, p]) => {
        const inv = p.map((_, i) => p.indexOf(i));
        const t = np.transpose(i32(x), p);
        expect(t.shape).toEqual(p.map((i) => x.shape[i]));
        expect(flat(np.transpose(t, inv))).toEqual(x.data);
        expect(flat(i32(x).T.T)).toEqual(x.data);
      }),
      RUNS,
    );
  });

  it("transpose values: t[idx] == x[idx permuted back]", () => {
    const arb = arrArb(4, 3, 1).chain((x) => fc.tuple(fc.constant(x), permArb(x.shape.length)));
    fc.assert(
      fc.property(arb, ([x, p]) => {
        const t = np.transpose(i32(x), p);
        const ts = t.shape,
          got = flat(t),
          st = strides(x.shape);
        for (let k = 0; k < got.length; k++) {
          const idx = unravel(k, ts);
          const src = p.reduce((acc, ax, j) => acc + idx[j]! * st[ax]!, 0);
          expect(got[k]).toBe(x.data[src]);
        }
      }),
      RUNS,
    );
  });

  it("reshape of a transposed view (a copy) equals reshape of its contiguous copy", () => {
    const arb = arrArb(3, 4, 1).chain((x) =>
      fc
        .tuple(fc.constant(x), permArb(x.shape.length))
        .chain(([x2, p]) => fc.tuple(fc.constant(x2), fc.constant(p), sameSizeShape(sizeOf(x2.shape)))),
    );
    fc.assert(
      fc.property(arb, ([x, p, s]) => {
        const t = np.transpose(i32(x), p);
        expect(flat(np.reshape(t, s))).toEqual(flat(t));
      }),
      RUNS,
    );
  });
});

describe("reductions", () => {
  it("sum over all axes == sum of sums, in any axis order", () => {
    const arb = arrArb(4, 4).chain((x) => fc.tuple(fc.constant(x), permArb(x.shape.length)));
    fc.assert(
      fc.property(arb, ([x, order]) => {
        const a = i32(x);
        const total = x.data.reduce((s, v) => s + v, 0);
        expect(np.sum(a).item()).toBe(total);
        let r = a;
        // reduce the highest remaining axis first so the later axes keep their numbers
        for (const ax of [...order].sort((u, v) => v - u)) r = np.sum(r, ax);
        expect(r.shape).toEqual([]);
        expect(r.item()).toBe(total);
        if (x.shape.length >= 2) {
          const [i, j] = order;
          const both = np.sum(a, [i!, j!]);
          const seq = np.sum(np.sum(a, Math.max(i!, j!)), Math.min(i!, j!));
          expect(flat(both)).toEqual(flat(seq));
        }
      }),
      RUNS,
    );
  });

  it("keepdims keeps rank and broadcasts back", () => {
    const arb = arrArb(4, 3, 1).chain((x) => fc.tuple(fc.constant(x), fc.subarray([...x.shape.keys()])));
    fc.assert(
      fc.property(arb, ([x, axes]) => {
        const a = i32(x);
        const k = np.sum(a, axes, { keepdims: true });
        expect(k.shape).toEqual(x.shape.map((d, i) => (axes.includes(i) ? 1 : d)));
        expect(flat(k)).toEqual(flat(np.sum(a, axes)));
        expect(np.subtract(a, k).shape).toEqual(x.shape);
      }),
      RUNS,
    );
  });

  it("mean * count == sum (float64)", () => {
    const arb = arrArb(3, 4, 1, 1).chain((x) => fc.tuple(fc.constant(x), fc.integer({ min: 0, max: x.shape.length - 1 })));
    fc.assert(
      fc.property(arb, ([x, ax]) => {
        const a = f64(x);
        const m = flat(np.multiply(np.mean(a, ax), x.shape[ax]!)),
          s = flat(np.sum(a, ax));
        m.forEach((v, i) => expect(Math.abs(v - s[i]!)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(s[i]!))));
      }),
      RUNS,
    );
  });

  it("cumsum's last slice == sum; x[argmax] == max", () => {
    const arb = arrArb(3, 4, 1, 1).chain((x) => fc.tuple(fc.constant(x), fc.integer({ min: 0, max: x.shape.length - 1 })));
    fc.assert(
      fc.property(arb, ([x, ax]) => {
        const a = i32(x),
          n = x.shape[ax]!;
        const last = np.take(np.cumsum(a, ax), [n - 1], ax);
        expect(flat(last)).toEqual(flat(np.sum(a, ax)));
        const am = np.expandDims(np.argmax(a, ax), ax);
        const picked = np.take(
          np.moveaxis(a, ax, -1).reshape(-1, n),
          np
            .arange(a.size / n)
            .mul(n)
            .add(np.ravel(np.moveaxis(am, ax, -1))),
        );
        expect(flat(picked)).toEqual(flat(np.ravel(np.moveaxis(np.max(a, ax, { keepdims: true }), ax, -1))));
      }),
      RUNS,
    );
  });
});

/** Python's slice semantics on one axis, written independently: the selected indices. */
function pySlice(n: number, start: number | null, stop: number | null, step: number): number[] {
  const norm = (v: number, lo: number, hi: number) => Math.min(Math.max(v < 0 ? v + n : v, lo), hi);
  let a: number, b: number;
  if (step > 0) {
    a = start === null ? 0 : norm(start, 0, n);
    b = stop === null ? n : norm(stop, 0, n);
  } else {
    a = start === null ? n - 1 : norm(start, -1, n - 1);
    b = stop === null ? -1 : norm(stop, -1, n - 1);
  }
  const out: number[] = [];
  for (let i = a; step > 0 ? i < b : i > b; i += step) out.push(i);
  return out;
}

describe("indexing", () => {
  const sliceArb = fc.tuple(
    fc.option(fc.integer({ min: -6, max: 6 })),
    fc.option(fc.integer({ min: -6, max: 6 })),
    fc.integer({ min: -3, max: 3 }).filter((s) => s !== 0),
  );
  it("x.slice([start, stop, step], ...) selects what Python slicing selects", () => {
    const arb = arrArb(3, 5, 0).chain((x) =>
      fc.tuple(fc.constant(x), fc.array(sliceArb, { minLength: x.shape.length, maxLength: x.shape.length })),
    );
    fc.assert(
      fc.property(arb, ([x, specs]) => {
        const y = i32(x).slice(...specs.map(([a, b, c]) => [a, b, c] as [number | null, number | null, number]));
        const sel = specs.map(([a, b, c], i) => pySlice(x.shape[i]!, a, b, c));
        expect(y.shape).toEqual(sel.map((s) => s.length));
        const got = flat(y),
          st = strides(x.shape);
        for (let k = 0; k < got.length; k++) {
          const idx = unravel(k, y.shape);
          expect(got[k]).toBe(x.data[idx.reduce((acc, v, i) => acc + sel[i]![v]! * st[i]!, 0)]);
        }
      }),
      RUNS,
    );
  });

  it("slice strings and tuples agree; a view of a view equals slicing the copy", () => {
    const arb = arrArb(2, 6, 1).chain((x) =>
      fc.tuple(
        fc.constant(x),
        fc.array(sliceArb, { minLength: x.shape.length, maxLength: x.shape.length }),
        fc.array(sliceArb, { minLength: x.shape.length, maxLength: x.shape.length }),
      ),
    );
    fc.assert(
      fc.property(arb, ([x, s1, s2]) => {
        const str = (s: [number | null, number | null, number]) => `${s[0] ?? ""}:${s[1] ?? ""}:${s[2]}`;
        const a = i32(x);
        const v1 = a.slice(...s1.map(str));
        expect(flat(v1)).toEqual(flat(a.slice(...s1.map(([p, q, r]) => [p, q, r] as [number | null, number | null, number]))));
        const copy = np.array(v1);
        expect(flat(v1.slice(...s2.map(str)))).toEqual(flat(copy.slice(...s2.map(str))));
      }),
      RUNS,
    );
  });

  it("take(x, idx, axis) == stacking x's slices at idx (negative indices wrap)", () => {
    const arb = arrArb(3, 4, 1, 1).chain((x) =>
      fc
        .integer({ min: 0, max: x.shape.length - 1 })
        .chain((ax) =>
          fc.tuple(fc.constant(x), fc.constant(ax), fc.array(fc.integer({ min: -x.shape[ax]!, max: x.shape[ax]! - 1 }), { maxLength: 5 })),
        ),
    );
    fc.assert(
      fc.property(arb, ([x, ax, idx]) => {
        const a = i32(x);
        const y = np.take(a, new NDArray(Int32Array.from(idx), [idx.length], "int32"), ax);
        const n = x.shape[ax]!;
        const parts = idx.map((i) =>
          a.slice(...x.shape.map((_, k) => (k === ax ? [(i + n) % n, ((i + n) % n) + 1, 1] : ":") as [number, number, number] | string)),
        );
        expect(y.shape).toEqual(x.shape.map((d, k) => (k === ax ? idx.length : d)));
        if (idx.length) expect(flat(y)).toEqual(flat(np.concatenate(parts, ax)));
      }),
      RUNS,
    );
  });

  it("concatenate then split is the identity; flip is an involution and equals slicing '::-1'", () => {
    const arb = arrArb(3, 4, 1, 1).chain((x) =>
      fc.tuple(fc.constant(x), fc.integer({ min: 0, max: x.shape.length - 1 }), fc.integer({ min: 1, max: 3 })),
    );
    fc.assert(
      fc.property(arb, ([x, ax, k]) => {
        const a = i32(x);
        const parts = Array.from({ length: k }, (_, i) => np.add(a, i));
        const joined = np.concatenate(parts, ax);
        np.split(joined, k, ax).forEach((p, i) => expect(flat(p)).toEqual(flat(parts[i]!)));
        expect(flat(np.flip(np.flip(a, ax), ax))).toEqual(x.data);
        expect(flat(np.flip(a, ax))).toEqual(flat(a.slice(...x.shape.map((_, i) => (i === ax ? "::-1" : ":")))));
      }),
      RUNS,
    );
  });
});

describe("arithmetic laws", () => {
  const i32s = fc.array(fc.integer({ min: -2147483648, max: 2147483647 }), { minLength: 1, maxLength: 20 });
  it("int32 add/subtract/multiply wrap like (a + b) | 0 and Math.imul", () => {
    fc.assert(
      fc.property(i32s, i32s, (x, y) => {
        const n = Math.min(x.length, y.length);
        const a = new NDArray(Int32Array.from(x.slice(0, n)), [n], "int32"),
          b = new NDArray(Int32Array.from(y.slice(0, n)), [n], "int32");
        expect(flat(np.add(a, b))).toEqual(x.slice(0, n).map((v, i) => (v + y[i]!) | 0));
        expect(flat(np.subtract(a, b))).toEqual(x.slice(0, n).map((v, i) => (v - y[i]!) | 0));
        expect(flat(np.multiply(a, b))).toEqual(x.slice(0, n).map((v, i) => Math.imul(v, y[i]!)));
      }),
      RUNS,
    );
  });

  it("floorDivide/mod: a == (a // b) * b + a % b, with mod taking the divisor's sign", () => {
    const nz = fc.integer({ min: -1000, max: 1000 }).filter((v) => v !== 0);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -100000, max: 100000 }), nz), { minLength: 1, maxLength: 20 }), (pairs) => {
        const a = new NDArray(Int32Array.from(pairs.map((p) => p[0])), [pairs.length], "int32");
        const b = new NDArray(Int32Array.from(pairs.map((p) => p[1])), [pairs.length], "int32");
        const q = flat(np.floorDivide(a, b)),
          r = flat(np.mod(a, b));
        pairs.forEach(([x, y], i) => {
          expect(q[i]! * y + r[i]!).toBe(x);
          expect(r[i] === 0 || Math.sign(r[i]!) === Math.sign(y)).toBe(true);
          expect(Math.abs(r[i]!)).toBeLessThan(Math.abs(y));
          expect(q[i]).toBe(Math.floor(x / y) + 0);
        });
        const fa = a.astype("float64"),
          fb = b.astype("float64");
        expect(flat(np.floorDivide(fa, fb)).map((v) => v + 0)).toEqual(q); // float 0 // -1 is -0
        expect(flat(np.mod(fa, fb)).map((v) => v + 0)).toEqual(r);
      }),
      RUNS,
    );
  });

  it("round(k + 0.5) is even; round is idempotent", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -100000, max: 100000 }), { minLength: 1, maxLength: 20 }), (ks) => {
        const x = new NDArray(Float64Array.from(ks.map((k) => k + 0.5)), [ks.length], "float64");
        const r = flat(np.round(x));
        r.forEach((v, i) => {
          expect(Math.abs(v - ks[i]! - 0.5)).toBe(0.5);
          expect(Math.abs(v % 2)).toBe(0);
        });
        expect(flat(np.round(np.round(x)))).toEqual(r);
      }),
      RUNS,
    );
  });

  it("matmul: associative, (AB)^T = B^T A^T, equals einsum and a dot loop (int32, exact)", () => {
    const dims = fc.tuple(
      fc.integer({ min: 0, max: 4 }),
      fc.integer({ min: 0, max: 4 }),
      fc.integer({ min: 0, max: 4 }),
      fc.integer({ min: 0, max: 4 }),
    );
    const arb = dims.chain(([m, k, n, p]) => fc.tuple(dataFor([m, k], -9, 9), dataFor([k, n], -9, 9), dataFor([n, p], -9, 9)));
    fc.assert(
      fc.property(arb, ([A, B, C]) => {
        const a = i32(A),
          b = i32(B),
          c = i32(C);
        const ab = np.matmul(a, b);
        expect(flat(np.matmul(ab, c))).toEqual(flat(np.matmul(a, np.matmul(b, c))));
        expect(flat(ab.T)).toEqual(flat(np.matmul(b.T, a.T)));
        expect(flat(np.einsum("ij,jk->ik", a, b))).toEqual(flat(ab));
        const [m, k] = A.shape,
          n = B.shape[1]!;
        const loop = Array.from({ length: m! * n }, (_, q) => {
          const i = Math.floor(q / n),
            j = q % n;
          let s = 0;
          for (let t = 0; t < k!; t++) s += A.data[i * k! + t]! * B.data[t * n + j]!;
          return s;
        });
        expect(flat(ab)).toEqual(loop);
      }),
      RUNS,
    );
  });

  it("where(c, x, y) picks elementwise; maximum(x, y) == where(x >= y, x, y) without NaN", () => {
    const arb = arrArb(3, 4).chain((x) =>
      fc.tuple(fc.constant(x), dataFor(x.shape), fc.array(fc.boolean(), { minLength: sizeOf(x.shape), maxLength: sizeOf(x.shape) })),
    );
    fc.assert(
      fc.property(arb, ([x, y, c]) => {
        const cond = new NDArray(Uint8Array.from(c.map(Number)), x.shape.slice(), "bool");
        expect(flat(np.where(cond, i32(x), i32(y)))).toEqual(c.map((v, i) => (v ? x.data[i] : y.data[i])));
        expect(flat(np.maximum(i32(x), i32(y)))).toEqual(flat(np.where(np.greaterEqual(i32(x), i32(y)), i32(x), i32(y))));
      }),
      RUNS,
    );
  });
});

describe("dtype promotion", () => {
  const dtypes = ["bool", "int32", "float32", "float64"] as const;
  const rank = { bool: 0, int32: 1, float32: 2, float64: 3 };
  it("array op array gives the lattice join, commutative and associative", () => {
    const d = fc.constantFrom(...dtypes);
    fc.assert(
      fc.property(d, d, d, (a, b, c) => {
        const z = (t: (typeof dtypes)[number]) => np.zeros([1], { dtype: t });
        const join = (p: string, q: string) => (rank[p as keyof typeof rank] >= rank[q as keyof typeof rank] ? p : q);
        expect(np.add(z(a), z(b)).dtype).toBe(join(a, b));
        expect(np.add(z(b), z(a)).dtype).toBe(join(a, b));
        expect(np.add(np.add(z(a), z(b)), z(c)).dtype).toBe(np.add(z(a), np.add(z(b), z(c))).dtype);
      }),
      { numRuns: 64 },
    );
  });

  it("weak JS scalars yield to the array unless their kind is higher", () => {
    const d = fc.constantFrom(...dtypes);
    const s = fc.constantFrom<number | boolean>(true, 2, -3, 2.5, 0.1);
    fc.assert(
      fc.property(d, s, (t, v) => {
        const kind = typeof v === "boolean" ? 0 : Number.isInteger(v) ? 1 : 2;
        const tkind = t === "bool" ? 0 : t === "int32" ? 1 : 2;
        const expected = kind <= tkind ? t : kind === 1 ? "int32" : "float32";
        expect(np.multiply(np.ones([2], { dtype: t }), v).dtype).toBe(expected);
        expect(np.multiply(v, np.ones([2], { dtype: t })).dtype).toBe(expected);
      }),
      { numRuns: 64 },
    );
  });
});
