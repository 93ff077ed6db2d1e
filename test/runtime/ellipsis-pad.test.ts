// einsum with '...', np.pad's reflect/symmetric/wrap modes, isclose/allclose/tril/triu/diff/meshgrid
// against NumPy (scripts/gen_extra_refs.py), eager and jitted.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { numpy as np, jit, type NDArray } from "@numjit/runtime";

type Case =
  | {
      kind: "fn";
      name: string;
      fn: string;
      inputs: { data: (number | string)[]; shape: number[]; dtype: string }[];
      out: (number | null)[];
      outShape: number[];
      outDtype: string;
    }
  | { kind: "pad"; x: number[]; shape: number[]; pw: number[] | number[][]; mode: "reflect" | "symmetric" | "wrap"; out: unknown }
  | { kind: "einsum"; sub: string; ops: { data: number[]; shape: number[] }[]; out: number[]; outShape: number[] };
const cases: Case[] = JSON.parse(readFileSync(new URL("./refs/ellipsis-pad.json", import.meta.url), "utf8"));

const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);
function close(got: NDArray, want: number[], shape: number[]) {
  expect(got.shape).toEqual(shape);
  const g = Array.from(got.toTypedArray());
  g.forEach((v, i) => expect(Math.abs(v - want[i]!) <= 1e-5 + 2e-5 * Math.abs(want[i]!), `[${i}] ${v} vs ${want[i]}`).toBe(true));
}
const shapeOf = (v: unknown): number[] => (Array.isArray(v) ? [v.length, ...shapeOf(v[0])] : []);

// each describe below filters the file by kind: a kind missing from the file must fail, not run zero tests
describe("reference file", () => {
  it("has cases of every kind", () => {
    const counts = (["pad", "fn", "einsum"] as const).map((k) => cases.filter((c) => c.kind === k).length);
    expect(
      counts.every((n) => n >= 5),
      `cases per kind (pad, fn, einsum): ${counts}`,
    ).toBe(true);
  });
});

describe("np.pad reflect / symmetric / wrap", () => {
  for (const c of cases.filter((c): c is Extract<Case, { kind: "pad" }> => c.kind === "pad")) {
    it(`${c.mode} ${JSON.stringify(c.pw)} on [${c.shape}]`, () => {
      const x = np.reshape(np.array(c.x), c.shape);
      const f = (a: NDArray) => np.pad(a, c.pw as never, { mode: c.mode });
      close(f(x), flat(c.out), shapeOf(c.out));
      close(jit(f)(x), flat(c.out), shapeOf(c.out));
    });
  }
});

describe("isclose, allclose, tril, triu, diff, meshgrid", () => {
  for (const c of cases.filter((c): c is Extract<Case, { kind: "fn" }> => c.kind === "fn")) {
    it(c.name, () => {
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      const f = new Function("np", `return ${c.fn};`)(np) as (...a: NDArray[]) => NDArray;
      const dec = (v: number | string) => (v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : (v as number));
      const ins = c.inputs.map((i) => {
        const data = i.data.map(dec);
        return np.reshape(np.array(i.dtype === "bool" ? data.map(Boolean) : data, { dtype: i.dtype as never }), i.shape);
      });
      for (const [mode, g] of [
        ["eager", f],
        ["jit", jit(f)],
      ] as const) {
        const got = g(...ins);
        expect(got.shape, mode).toEqual(c.outShape);
        expect(got.dtype, mode).toBe(c.outDtype);
        const vals = Array.from(got.toTypedArray());
        c.out.forEach((w, k) =>
          w === null ? expect(Number.isNaN(vals[k]), `${mode} [${k}]`).toBe(true) : expect(vals[k], `${mode} [${k}]`).toBeCloseTo(w, 5),
        );
      }
    });
  }
});

describe("einsum with ellipsis", () => {
  for (const c of cases.filter((c): c is Extract<Case, { kind: "einsum" }> => c.kind === "einsum")) {
    it(`${c.sub} on ${c.ops.map((o) => `[${o.shape}]`).join(", ")}`, () => {
      const ops = c.ops.map((o) => np.reshape(np.array(o.data), o.shape));
      close(np.einsum(c.sub, ...ops), c.out, c.outShape);
      close(jit((...xs: NDArray[]) => np.einsum(c.sub, ...xs))(...ops), c.out, c.outShape);
    });
  }
  it("rejects two ellipses in one term", () => {
    expect(() => np.einsum("...i...", np.ones([2, 2]))).toThrow(/more than one ellipsis/);
  });
});
