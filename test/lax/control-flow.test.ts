// lax control flow: cond, switch, whileLoop, foriLoop, scan, select. Eager (JS control flow) and jit
// (cond/while/scan primitives with compiled bodies) against values computed by plain JS loops, on
// operands that are offset, transposed, negatively strided and broadcast views; pytree carries.
import { describe, expect, it } from "vitest";
import { type NDArray, TransformError, jit, lax, numpy as np } from "@numjit/runtime";
import { expectClose, rand, rng, values } from "../transforms/helpers.js";

const f64 = (x: number | number[] | number[][]) => np.array(x, { dtype: "float64" });

/** x itself and the same values as offset, transposed and negatively strided views; plus a broadcast view of row 0. */
function views(x: NDArray): [string, NDArray][] {
  const padded = np
    .pad(x, [
      [1, 0],
      [2, 0],
    ])
    .slice("1:", "2:");
  return [
    ["contiguous", x],
    ["offset", padded],
    ["transposed", np.transpose(np.array(np.transpose(x)))],
    ["negative stride", np.flip(np.array(np.flip(x, 0)), 0)],
    ["broadcast", np.broadcastTo(x.slice("0:1"), x.shape)],
  ];
}

/** Same values as x.tolist() (for JS reference loops). */
const rows = (x: NDArray) => x.toArray() as number[][];

describe("views helper", () => {
  it("produces the promised layouts with unchanged values", () => {
    const x = rand(rng(1), [3, 4]);
    for (const [k, v] of views(x)) {
      if (k === "broadcast") expectClose(v, np.broadcastTo(x.slice("0:1"), [3, 4]));
      else expectClose(v, x);
    }
    const vs = Object.fromEntries(views(x));
    expect(vs.offset!.offset).toBeGreaterThan(0);
    expect(vs["negative stride"]!.strides[0]).toBeLessThan(0);
    expect(vs.broadcast!.strides[0]).toBe(0);
  });
});

describe("lax.cond / lax.switch", () => {
  const f = (p: unknown, x: NDArray, y: { a: NDArray; k: number }) =>
    lax.cond(
      p as boolean,
      (x: NDArray, y: { a: NDArray; k: number }) => ({ s: np.add(np.sin(x), y.a), t: np.multiply(x, y.k) }),
      (x: NDArray, y: { a: NDArray; k: number }) => ({ s: np.subtract(np.cos(x), y.a), t: np.multiply(x, np.negative(y.k)) }),
      x,
      y,
    );
  it.each([true, false])("pred %s: eager and jit equal the chosen branch, on every view", (p) => {
    const base = rand(rng(2), [3, 4]);
    for (const [, x] of views(base)) {
      const a = rand(rng(3), [3, 4]);
      const want = p ? { s: np.add(np.sin(x), a), t: np.multiply(x, 2) } : { s: np.subtract(np.cos(x), a), t: np.multiply(x, -2) };
      expectClose(f(p, x, { a, k: 2 }), want);
      expectClose(jit(f)(p, x, { a, k: 2 }), want);
      expectClose(jit(f)(np.array(p), x, { a, k: 2 }), want);
    }
  });
  it("a traced predicate compiles both branches once", () => {
    const g = jit((x: NDArray) =>
      lax.cond(
        np.greater(np.sum(x), 0),
        (v: NDArray) => np.exp(v),
        (v: NDArray) => np.negative(v),
        x,
      ),
    );
    const pos = f64([1, 2]),
      neg = f64([-1, -2]);
    expectClose(g(pos), np.exp(pos));
    expectClose(g(neg), f64([1, 2]));
    expect(g.cacheInfo().compiles).toBe(1);
    const lowered = g.lower(pos);
    expect(lowered.optimized.eqns.some((e) => e.primitive === "cond")).toBe(true);
    expect(String(lowered.jaxpr)).toContain("branches=({ lambda");
  });
  it("switch: index picks the branch and is clamped like JAX", () => {
    const br = [(x: NDArray) => np.add(x, 1), (x: NDArray) => np.multiply(x, 10), (x: NDArray) => np.square(x)];
    const s = (i: unknown, x: NDArray) => lax.switch(i as number, br, x);
    const x = f64([1, 2, 3]);
    const want = [f64([2, 3, 4]), f64([10, 20, 30]), f64([1, 4, 9])];
    for (const [i, k] of [
      [-3, 0],
      [0, 0],
      [1, 1],
      [2, 2],
      [7, 2],
    ]) {
      expectClose(s(i, x), want[k!]);
      expectClose(jit(s)(np.array(i!, { dtype: "int32" }), x), want[k!]);
    }
  });
  it("branches may close over arrays and over traced values", () => {
    const w = f64([2, 3]);
    const g = (x: NDArray, p: NDArray) =>
      lax.cond(
        p,
        () => np.multiply(x, w),
        () => np.add(x, w),
      );
    expectClose(jit(g)(f64([1, 1]), np.array(true)), f64([2, 3]));
    expectClose(jit(g)(f64([1, 1]), np.array(false)), f64([3, 4]));
  });
  it("weak and strong branch outputs join to strong", () => {
    const g = jit((p: NDArray, x: NDArray) =>
      lax.cond(
        p,
        () => np.multiply(x, 2),
        () => np.array(1, { dtype: "float32" }).reshape([]),
      ),
    );
    const r = g(np.array(false), np.array(3, { dtype: "float32" }));
    expect(r.dtype).toBe("float32");
    expect(r.weakType).toBe(false);
  });
});

describe("lax.whileLoop", () => {
  const collatz = (n: NDArray) =>
    lax.whileLoop(
      ([v]: [NDArray, NDArray]) => np.greater(v, 1),
      ([v, steps]: [NDArray, NDArray]) =>
        [np.where(np.equal(np.remainder(v, 2), 0), np.floorDivide(v, 2), np.add(np.multiply(v, 3), 1)), np.add(steps, 1)] as [
          NDArray,
          NDArray,
        ],
      [n, np.array(0, { dtype: "int32" })] as [NDArray, NDArray],
    );
  const jsCollatz = (n: number) => {
    let s = 0;
    while (n > 1) {
      n = n % 2 === 0 ? n / 2 : 3 * n + 1;
      s++;
    }
    return s;
  };
  it.each([1, 6, 7, 27])("collatz(%i): eager and jit equal the JS loop", (n) => {
    const x = np.array(n, { dtype: "int32" });
    expect(collatz(x)[1].item()).toBe(jsCollatz(n));
    expect(jit(collatz)(x)[1].item()).toBe(jsCollatz(n));
  });
  it("pytree carry with arrays on every view", () => {
    const loop = (x: NDArray) =>
      lax.whileLoop(
        (c: { i: NDArray; v: NDArray }) => np.less(c.i, 5),
        (c: { i: NDArray; v: NDArray }) => ({ i: np.add(c.i, 1), v: np.add(np.multiply(c.v, 0.5), 1) }),
        { i: np.array(0, { dtype: "int32" }), v: x },
      ).v;
    const base = rand(rng(4), [3, 4]);
    for (const [, x] of views(base)) {
      const want = rows(x).map((r) =>
        r.map((v) => {
          for (let i = 0; i < 5; i++) v = v * 0.5 + 1;
          return v;
        }),
      );
      expectClose(loop(x), f64(want));
      expectClose(jit(loop)(x), f64(want));
    }
  });
  it("zero iterations return the init carry", () => {
    const g = (x: NDArray) =>
      lax.whileLoop(
        () => np.array(false),
        (v: NDArray) => np.add(v, 1),
        x,
      );
    expectClose(g(f64([1, 2])), f64([1, 2]));
    expectClose(jit(g)(f64([1, 2])), f64([1, 2]));
  });
  it("a weak JS-number carry takes the body's dtype", () => {
    const g = jit((x: NDArray) =>
      lax.whileLoop(
        ([i]: [NDArray, NDArray]) => np.less(i, 3),
        ([i, s]: [NDArray, NDArray]) => [np.add(i, 1), np.add(s, x)] as [NDArray, NDArray],
        [0, 0] as unknown as [NDArray, NDArray],
      ),
    );
    const [i, s] = g(f64(1.5)) as [NDArray, NDArray];
    expect(i.item()).toBe(3);
    expect(s.dtype).toBe("float64");
    expect(s.item()).toBe(4.5);
  });
});

describe("lax.foriLoop", () => {
  const body = (i: NDArray, x: NDArray) => np.add(np.multiply(x, 0.9), i);
  const js = (lo: number, hi: number, x: number) => {
    for (let i = lo; i < hi; i++) x = x * 0.9 + i;
    return x;
  };
  it("static bounds: eager and jit (a scan) equal the JS loop", () => {
    const x = f64([1, -2, 3]);
    const g = (x: NDArray) => lax.foriLoop(2, 9, body, x);
    const want = f64([1, -2, 3].map((v) => js(2, 9, v)));
    expectClose(g(x), want);
    expectClose(jit(g)(x), want);
    expect(
      jit(g)
        .lower(x)
        .optimized.eqns.some((e) => e.primitive === "scan"),
    ).toBe(true);
  });
  it("traced bounds: a whileLoop", () => {
    const g = jit((lo: NDArray, hi: NDArray, x: NDArray) => lax.foriLoop(lo, hi, body, x));
    const x = f64([1, -2]);
    expectClose(g(np.array(1, { dtype: "int32" }), np.array(6, { dtype: "int32" }), x), f64([1, -2].map((v) => js(1, 6, v))));
    expectClose(g(np.array(5, { dtype: "int32" }), np.array(2, { dtype: "int32" }), x), x);
  });
});

describe("lax.scan", () => {
  const cumsumProd = (c: NDArray, x: NDArray): [NDArray, NDArray] => [np.add(c, x), np.multiply(c, x)];
  it("carry and stacked ys equal the JS loop, forward and reverse, on every view", () => {
    const base = rand(rng(5), [4, 3]);
    for (const reverse of [false, true]) {
      for (const [, xs] of views(base)) {
        const init = np.zeros([3], { dtype: "float64" });
        const r = rows(xs);
        let c = [0, 0, 0];
        const ys: number[][] = new Array(r.length);
        for (let k = 0; k < r.length; k++) {
          const i = reverse ? r.length - 1 - k : k;
          ys[i] = c.map((v, j) => v * r[i]![j]!);
          c = c.map((v, j) => v + r[i]![j]!);
        }
        const g = (init: NDArray, xs: NDArray) => lax.scan(cumsumProd, init, xs, { reverse });
        expectClose(g(init, xs), [f64(c), f64(ys)]);
        expectClose(jit(g)(init, xs), [f64(c), f64(ys)]);
      }
    }
  });
  it("pytree carry, pytree xs and ys; xs null with length", () => {
    const step = (c: { a: NDArray; n: NDArray }, x: { u: NDArray; v: NDArray }) =>
      [{ a: np.add(c.a, np.multiply(x.u, x.v)), n: np.add(c.n, 1) }, [x.u, np.sum(c.a)]] as const;
    const xs = { u: f64([1, 2, 3]), v: f64([4, 5, 6]) };
    const init = { a: f64(0), n: np.array(0, { dtype: "int32" }) };
    const want = [{ a: f64(32), n: np.array(3, { dtype: "int32" }) }, [f64([1, 2, 3]), f64([0, 4, 14])]];
    expectClose(lax.scan(step, init, xs), want);
    expectClose(jit((i: typeof init, x: typeof xs) => lax.scan(step, i, x))(init, xs), want);
    const count = (x: NDArray) => lax.scan((c: NDArray) => [np.multiply(c, 2), c] as const, x, null, { length: 4 });
    expectClose(count(f64(1)), [f64(16), f64([1, 2, 4, 8])]);
    expectClose(jit(count)(f64(1)), [f64(16), f64([1, 2, 4, 8])]);
  });
  it("a body closing over a traced array (RNN weights)", () => {
    const w = rand(rng(6), [3, 3]);
    const rnn = (w: NDArray, xs: NDArray) =>
      lax.scan(
        (h: NDArray, x: NDArray) => {
          const h2 = np.tanh(np.add(np.matmul(w, h), x));
          return [h2, np.sum(h2)] as const;
        },
        np.zeros([3], { dtype: "float64" }),
        xs,
      );
    const xs = rand(rng(7), [5, 3]);
    let h = [0, 0, 0];
    const W = rows(w),
      X = rows(xs);
    const ys: number[] = [];
    for (const x of X) {
      h = W.map((r, i) => Math.tanh(r.reduce((s, v, j) => s + v * h[j]!, 0) + x[i]!));
      ys.push(h.reduce((a, b) => a + b, 0));
    }
    expectClose(rnn(w, xs), [f64(h), f64(ys)], 1e-12);
    expectClose(jit(rnn)(w, xs), [f64(h), f64(ys)], 1e-12);
  });
  it("length 0 under jit returns the init carry and empty ys", () => {
    const g = jit((c: NDArray, xs: NDArray) => lax.scan((c: NDArray, x: NDArray) => [np.add(c, x), x] as const, c, xs));
    const [c, ys] = g(f64([1, 2]), np.zeros([0, 2], { dtype: "float64" }));
    expectClose(c, f64([1, 2]));
    expect(ys.shape).toEqual([0, 2]);
  });
});

describe("lax.select", () => {
  it("elementwise choice, scalar predicate broadcast", () => {
    const p = np.array([true, false, true]);
    expectClose(lax.select(p, f64([1, 2, 3]), f64([4, 5, 6])), f64([1, 5, 3]));
    expectClose(jit(lax.select)(p, f64([1, 2, 3]), f64([4, 5, 6])), f64([1, 5, 3]));
    expectClose(lax.select(np.array(false), f64([1, 2]), f64([4, 5])), f64([4, 5]));
  });
});

describe("errors", () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(TransformError);
      return { code: (e as TransformError).code, data: (e as TransformError).data, message: (e as Error).message };
    }
    throw new Error("expected an error");
  };
  it("branches with different output types name the branch and both avals", () => {
    const e = code(() =>
      jit((p: NDArray, x: NDArray) =>
        lax.cond(
          p,
          (x: NDArray) => x,
          (x: NDArray) => np.sum(x),
          x,
        ),
      )(np.array(true), f64([1, 2])),
    );
    expect(e.code).toBe("NJ507");
    expect(e.data).toMatchObject({ op: "lax.cond", what: "trueFn output leaf 0", got: "f64[2]" });
    expect(e.message).toContain("f64[]");
  });
  it("a switch branch with another structure", () => {
    const e = code(() =>
      jit((i: NDArray, x: NDArray) => lax.switch(i, [(x: NDArray) => [x, x], (x: NDArray) => [x]], x))(
        np.array(0, { dtype: "int32" }),
        f64([1]),
      ),
    );
    expect(e.code).toBe("NJ507");
    expect(e.data.what).toBe("branches[1] output structure");
  });
  it("a loop body changing the carry's shape or dtype names the carry leaf", () => {
    const e = code(() =>
      jit((x: NDArray) =>
        lax.whileLoop(
          () => np.array(false),
          (v: NDArray) => np.concatenate([v, v]),
          x,
        ),
      )(f64([1])),
    );
    expect(e.code).toBe("NJ507");
    expect(e.data).toMatchObject({ op: "lax.whileLoop", what: "carry leaf 0", got: "f64[2]" });
    const s = code(() => jit((x: NDArray) => lax.scan((c: NDArray, y: NDArray) => [c.astype("int32"), y] as const, x, x))(f64([1, 2])));
    expect(s.data).toMatchObject({ op: "lax.scan", what: "carry leaf 0", got: "i32[2]" });
  });
  it("bad predicates, lengths and functions", () => {
    expect(
      code(() =>
        lax.cond(
          f64([1, 2]) as never,
          (x: NDArray) => x,
          (x: NDArray) => x,
          f64(1),
        ),
      ).code,
    ).toBe("NJ509");
    expect(
      code(() =>
        lax.cond(
          f64(1) as never,
          (x: NDArray) => x,
          (x: NDArray) => x,
          f64(1),
        ),
      ).code,
    ).toBe("NJ509");
    expect(code(() => lax.scan((c: NDArray, x: NDArray) => [c, x] as const, f64(0), f64([1, 2]), { length: 3 })).code).toBe("NJ509");
    expect(code(() => lax.scan((c: NDArray) => [c, c] as const, f64(0), null)).code).toBe("NJ509");
    expect(code(() => lax.switch(0, [] as ((x: NDArray) => NDArray)[], f64(1))).code).toBe("NJ509");
    expect(code(() => lax.whileLoop(1 as never, (x: NDArray) => x, f64(1))).code).toBe("NJ509");
    expect(
      code(() =>
        lax.whileLoop(
          () => f64(1),
          (x: NDArray) => x,
          f64(1),
        ),
      ).code,
    ).toBe("NJ507");
  });
});

void values;

describe("compiled loop bodies", () => {
  it("a carry passed through a branch unchanged is not overwritten by the next call (buffer reuse)", () => {
    const f = jit((x: NDArray) =>
      lax.foriLoop(
        0,
        3,
        (i: NDArray, v: NDArray) =>
          lax.cond(
            np.greater(i, 5),
            (u: NDArray) => np.add(u, 1),
            (u: NDArray) => u,
            np.multiply(v, 2),
          ),
        x,
      ),
    );
    const a = f(f64([1, 2]));
    const b = f(f64([5, 6]));
    expectClose(a, f64([8, 16]));
    expectClose(b, f64([40, 48]));
  });
  it("a jitted loop's optimized program keeps one scan equation whose body is optimized too", () => {
    const f = jit((x: NDArray) => lax.foriLoop(0, 10, (_i: NDArray, v: NDArray) => np.add(np.multiply(v, 1), np.multiply(v, 1)), x));
    const low = f.lower(f64([1]));
    const scans = low.optimized.eqns.filter((e) => e.primitive === "scan");
    expect(scans).toHaveLength(1);
    // simplify removed the multiplications by 1 inside the body; cse merged the two identical terms
    const body = String(low.optimized)
      .split("\n")
      .filter((l) => l.includes(" mul "));
    expect(body).toHaveLength(0);
    expectClose(f(f64([1])), f64([1024]));
  });
});

describe("no code generation allowed", () => {
  it("loops, branches and grad(jit(f)) run on eager kernels under --disallow-code-generation-from-strings", async () => {
    const { mkdirSync, mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { spawnSync } = await import("node:child_process");
    mkdirSync("test-artifacts", { recursive: true });
    const script = join(mkdtempSync(join("test-artifacts", "nocg-lax-")), "run.mjs");
    writeFileSync(
      script,
      `
      import { numpy as np, jit, grad, lax } from "@numjit/runtime";
      let blocked = false; try { new Function("return 1"); } catch { blocked = true; }
      const body = (c, t) => [lax.cond(np.greater(t, 1), (a) => np.sin(a), (a) => np.multiply(a, t), c), c];
      const f = (x) => np.sum(lax.scan(body, x, np.array([1, 2, 3]))[1]);
      const x = np.array(0.5);
      const jf = jit(f);
      const got = [jf(x).item(), grad(jf)(x).item(), jit(grad(f))(x).item()];
      const want = [f(x).item(), grad(f)(x).item(), grad(f)(x).item()];
      console.log(JSON.stringify({ blocked, got, want }));
    `,
    );
    const r = spawnSync(process.execPath, ["--disallow-code-generation-from-strings", script], { cwd: process.cwd(), encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split("\n").pop()!);
    expect(out.blocked).toBe(true);
    expect(out.got).toEqual(out.want);
  });
});
