// Multi-output first-order primitives (core/multi-primitives.ts): each factorization and top_k is one
// equation with several outs in the jaxpr, CSE merges two identical ones (every out), DCE keeps one while any
// out is used, the schedule runs it as one eager step, and the emitted plan calls its kernel once (R.eagerN).
import { describe, expect, it } from "vitest";
import { type NDArray, jit, lax, makeJaxpr, numpy as np, scipyLinalg } from "@numjit/runtime";
import { describeSchedule, emitPlan, optimize, schedule } from "@numjit/runtime/internal";

const L = np.linalg;
const m43 = np.array(
  [
    [2, -1, 0],
    [1, 3, 1],
    [0, 1, 4],
    [1, 0, 1],
  ],
  { dtype: "float64" },
);
const sq = np.array(
  [
    [4, 1, 0],
    [1, 3, 1],
    [0, 1, 2],
  ],
  { dtype: "float32" },
);

/** The equation lines of a jaxpr's text naming `prim`. */
const eqnLines = (text: string, prim: string) => text.split("\n").filter((l) => new RegExp(`= ${prim}(\\[| )`).test(l));

const CASES: [string, string, number, (...xs: NDArray[]) => unknown, NDArray[]][] = [
  ["qr reduced", "qr", 2, (a) => L.qr(a), [m43]],
  ["qr mode r (q computed, dropped)", "qr", 2, (a) => L.qr(a, "r"), [m43]],
  ["svd", "svd", 3, (a) => L.svd(a, false), [m43]],
  ["svd values only", "svd", 1, (a) => L.svd(a, false, false), [m43]],
  ["eigh", "eigh", 2, (a) => L.eigh(a), [sq]],
  ["eigvalsh", "eigh", 2, (a) => L.eigvalsh(a), [sq]],
  ["slogdet", "slogdet", 2, (a) => L.slogdet(a), [sq]],
  ["det (through slogdet)", "slogdet", 2, (a) => L.det(a), [sq]],
  ["lax.linalg.lu", "lu", 3, (a) => lax.linalg.lu(a), [m43]],
  ["scipyLinalg.lu", "lu", 3, (a) => scipyLinalg.lu(a), [m43]],
  ["lstsq", "lstsq", 4, (a, b) => L.lstsq(a, b), [m43, np.ones([4, 2], { dtype: "float64" })]],
  ["topK", "top_k", 2, (x) => lax.topK(x, 2), [sq]],
];

describe("one equation with several outs", () => {
  it.each(CASES)("%s: one %s equation with %i outs", (_, prim, nouts, f, xs) => {
    const text = makeJaxpr(f)(...xs).toString();
    const lines = eqnLines(text, prim);
    expect(lines, text).toHaveLength(1);
    const outs = lines[0]!.split(" = ")[0]!.trim().split(/\s+/);
    expect(outs, lines[0]).toHaveLength(nouts);
  });

  it("prints as JAX prints a multiple-results equation", () => {
    expect(eqnLines(makeJaxpr((a: NDArray) => L.qr(a))(m43).toString(), "qr")[0]!.trim()).toBe("b:f64[4,3] c:f64[3,3] = qr[full=false] a");
  });

  it("CSE merges two identical factorizations (both outs), DCE keeps one whose outs are partly used", () => {
    const f = (a: NDArray) => {
      const [q] = L.qr(a);
      const [, r] = L.qr(a);
      return np.add(np.sum(q), np.sum(r));
    };
    const opt = optimize(makeJaxpr(f)(m43)).toString();
    expect(eqnLines(opt, "qr"), opt).toHaveLength(1);
    const unused = optimize(makeJaxpr((a: NDArray) => (L.svd(a), np.sum(a)))(m43)).toString();
    expect(eqnLines(unused, "svd"), unused).toHaveLength(0);
  });

  it("the schedule runs it as one eager step with every out; the emitted plan calls the kernel once", () => {
    const j = optimize(makeJaxpr((a: NDArray) => L.svd(a, false))(m43));
    const steps = describeSchedule(schedule(j));
    expect(
      steps.split("\n").filter((l) => l.includes("eager svd")),
      steps,
    ).toHaveLength(1);
    expect(steps).toMatch(/%\d+, %\d+, %\d+ = eager svd\(%0\)/);
    const code = emitPlan(schedule(j)).source;
    expect(code.match(/R\.eagerN\("svd"/g), code).toHaveLength(1);
  });

  it("jit runs it once per call and equals eager", () => {
    const f = (a: NDArray) => L.svd(a, false);
    const want = f(m43).map((x) => x.toArray());
    const j = jit(f);
    expect(j(m43).map((x: NDArray) => x.toArray())).toEqual(want);
    expect(j(m43).map((x: NDArray) => x.toArray())).toEqual(want);
  });
});
