// The runtime jit's two-input fast path (jit/plan.ts makeRunner run2): one elementwise kernel over two
// inputs of at most one collapsed dimension runs in a runner generated per plan with the kernel's loop
// inside (jit/subplan.ts compileRun2). Checked against eager, bit for bit (the loop is the kernel's own
// body code), on dense inputs and views (offset, transposed, negatively strided: the runner hands them to
// the generic plan), a stride-0 input (a broadcast the trace sees), several dtypes, and the cache counters.
import { describe, expect, it } from "vitest";
import { type NDArray, jit, numpy as np } from "@numjit/runtime";
import { expectClose } from "./helpers.js";

const seq = (shape: number[], dtype: "float32" | "float64" | "int32", k = 1): NDArray =>
  np.reshape(
    np.add(
      np.multiply(
        np.arange(
          shape.reduce((a, b) => a * b, 1),
          undefined,
          undefined,
          { dtype },
        ),
        k,
      ),
      1,
    ),
    shape,
  );

const views = (x: NDArray): [string, NDArray][] => {
  const out: [string, NDArray][] = [["dense", x]];
  const pad = np.concatenate([np.zeros([1, ...x.shape.slice(1)], { dtype: x.dtype }), x], 0);
  out.push(["offset", np.slice(pad, "1:")]);
  out.push(["negative", np.flip(np.array(np.flip(x, 0).toArray() as never, { dtype: x.dtype }), 0)]);
  if (x.ndim === 2) out.push(["transposed", np.transpose(np.array(np.transpose(x).toArray() as never, { dtype: x.dtype }))]);
  return out;
};

describe("runtime jit: tiny elementwise calls", () => {
  it("equals eager bit for bit on [1], [5] and [2, 3], dense and as views, counters exact", () => {
    const fn = (x: NDArray, y: NDArray) => np.add(np.multiply(x, 1.5), y);
    const f = jit(fn);
    let calls = 0;
    for (const shape of [[1], [5], [2, 3]])
      for (const dtype of ["float32", "float64", "int32"] as const)
        for (const [kind, x] of views(seq(shape, dtype, 3)))
          for (let rep = 0; rep < 2; rep++) {
            const y = seq(shape, dtype, -2);
            const got = f(x, y);
            expectClose(got, fn(x, y), 0, 0, `${dtype}[${shape}] ${kind}`);
            calls++;
          }
    const info = f.cacheInfo();
    expect(info.calls).toBe(calls);
    expect(info.hits + info.misses).toBe(calls);
    // one entry per shape and dtype (a view hits the entry its dense shape made)
    expect(info.misses).toBe(9);
  });

  it("a stride-0 input (one element broadcast by the program) and a compare's bool output", () => {
    const g = jit((x: NDArray, s: NDArray) => np.multiply(x, np.broadcastTo(s, x.shape)));
    const h = jit((x: NDArray, y: NDArray) => np.less(x, y));
    for (const n of [1, 4, 4, 9]) {
      const x = seq([n], "float32", 0.25),
        s = np.array(Float32Array.of(-3));
      expectClose(g(x, s), np.multiply(x, -3), 0, 0, `broadcast n=${n}`);
      const y = np.flip(x, 0);
      expectClose(h(x, y), np.less(x, y), 0, 0, `less n=${n}`);
    }
    expect(g.cacheInfo()).toMatchObject({ calls: 4, hits: 1, misses: 3 });
  });
});
