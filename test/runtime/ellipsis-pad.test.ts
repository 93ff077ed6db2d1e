// einsum with '...' and np.pad's reflect/symmetric/wrap modes against NumPy (scripts/gen_extra_refs.py),
// eager and jitted.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { numpy as np, jit, type NDArray } from "@numjit/runtime";

type Case =
  | { kind: "pad"; x: number[]; shape: number[]; pw: number[] | number[][]; mode: "reflect" | "symmetric" | "wrap"; out: unknown }
  | { kind: "einsum"; sub: string; ops: { data: number[]; shape: number[] }[]; out: number[]; outShape: number[] };
const cases: Case[] = JSON.parse(readFileSync(new URL("./refs/ellipsis-pad.json", import.meta.url), "utf8"));

const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);
function close(got: NDArray, want: number[], shape: number[]) {
  expect(got.shape).toEqual(shape);
  const g = Array.from(got.toTypedArray());
  g.forEach((v, i) => expect(Math.abs(v - want[i]) <= 1e-5 + 2e-5 * Math.abs(want[i]), `[${i}] ${v} vs ${want[i]}`).toBe(true));
}
const shapeOf = (v: unknown): number[] => (Array.isArray(v) ? [v.length, ...shapeOf(v[0])] : []);

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
