// The runtime's AutoGraph helpers (src/autograph.ts), called directly as the compiler's converted code calls
// them: JS values run JS semantics, concrete arrays are read as scalars, traced values lower to lax (the
// equations appear in makeJaxpr), and the guard of a construct the compiler kept as JS raises NJ403.
import { describe, expect, it } from "vitest";
import { type NDArray, autograph as ag, jit, makeJaxpr, numpy as np } from "@numjit/runtime";

describe("autograph helpers", () => {
  it("ifStmt: JS and concrete conditions pick one branch; a concrete array of size != 1 is an error", () => {
    const taken: string[] = [];
    const run = (c: unknown) =>
      ag.ifStmt(
        c,
        () => taken.push("T"),
        () => taken.push("F"),
        () => [],
        () => {},
        [],
      );
    run(true);
    run(0);
    run(np.array(2.5));
    run(np.array(false));
    expect(taken).toEqual(["T", "F", "T", "F"]);
    expect(() => run(np.array([1, 2]))).toThrow(expect.objectContaining({ code: "NJ305" }));
  });

  it("ifStmt on a traced condition: one cond equation, both branches from the state before the if", () => {
    const f = (x: NDArray) => {
      let y = x;
      ag.ifStmt(
        np.greater(np.sum(x), 0),
        () => {
          y = np.add(y, 1);
        },
        () => {
          y = np.multiply(y, 3);
        },
        () => [y],
        (v) => {
          [y] = v as [NDArray];
        },
        ["y"],
      );
      return y;
    };
    expect(makeJaxpr(f)(np.array([1, 2], { dtype: "float32" })).toString()).toMatch(/= cond\[/);
    expect((jit(f)(np.array([1, -2], { dtype: "float32" })) as NDArray).toArray()).toEqual([3, -6]);
    expect((jit(f)(np.array([1, 2], { dtype: "float32" })) as NDArray).toArray()).toEqual([2, 3]);
  });

  it("ifExp on a float condition: JS truthiness is != 0 (also for negative numbers)", () => {
    const f = (c: NDArray) =>
      ag.ifExp(
        c,
        () => np.ones([]),
        () => np.zeros([]),
      );
    for (const v of [-2, 0, 0.5]) expect((jit(f)(np.array(v, { dtype: "float32" })) as NDArray).item()).toBe(v !== 0 ? 1 : 0);
  });

  it("whileStmt / forRange: JS loops on JS values, lax loops on traced ones", () => {
    let n = 0;
    ag.whileStmt(
      () => n < 3,
      () => void n++,
      () => [],
      () => {},
      [],
    );
    expect(n).toBe(3);
    const seen: unknown[] = [];
    ag.forRange(
      1,
      4,
      (i) => void seen.push(i),
      () => [],
      () => {},
      [],
    );
    expect(seen).toEqual([1, 2, 3]);
    const loop = (x: NDArray, k: NDArray) => {
      let acc = x;
      ag.forRange(
        0,
        k,
        () => {
          acc = np.multiply(acc, 2);
        },
        () => [acc],
        (v) => {
          [acc] = v as [NDArray];
        },
        ["acc"],
      );
      return acc;
    };
    expect(makeJaxpr(loop)(np.ones([2]), np.array(3, { dtype: "int32" })).toString()).toMatch(/= while\[/);
    expect((jit(loop)(np.ones([2]), np.array(3, { dtype: "int32" })) as NDArray).toArray()).toEqual([8, 8]);
  });

  it("not/and/or: JS semantics on JS values, logical ops on traced ones", () => {
    expect([ag.not(0), ag.and(0, () => 5), ag.and(2, () => 5), ag.or(0, () => 5), ag.or(2, () => 5)]).toEqual([true, 0, 5, 5, 2]);
    const f = (x: NDArray) => ag.or(ag.not(np.any(x)), () => np.all(x)) as NDArray;
    expect(
      [
        [0, 0],
        [1, 0],
        [1, 1],
      ].map((r) => (jit(f)(np.array(r)) as NDArray).item()),
    ).toEqual([true, false, true]);
  });

  it("test: passes JS values through, NJ403 naming the construct and the reason on a traced one", () => {
    expect(ag.test(np.array(1), "an if", "r")).toBe(true);
    expect(ag.test("", "an if", "r")).toBe(false);
    const f = jit((x: NDArray) => (ag.test(np.any(x), "a while loop", "it contains a break") ? x : np.negative(x)));
    expect(() => f(np.array([1]))).toThrow(
      expect.objectContaining({ code: "NJ403", data: { construct: "a while loop", reason: "it contains a break" } }),
    );
  });
});
