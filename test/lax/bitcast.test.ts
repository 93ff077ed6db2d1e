// lax.bitcastConvertType against NumPy's x.view(dtype) (refs/bitcast.json, scripts/gen_bitcast_refs.py):
// eager, jit and vmap, on dense, offset, transposed, negatively strided and broadcast inputs, compared
// byte for byte; bad dtypes and shapes are typed errors naming the op.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type DType, DTypeError, jit, lax, type NDArray, numpy as np, ShapeError, vmap } from "@numjit/runtime";

interface Case {
  name: string;
  dtype: DType;
  shape: number[];
  data: number[];
  to: DType;
  outShape: number[];
  out: number[];
}
const refs = JSON.parse(readFileSync(new URL("./refs/bitcast.json", import.meta.url), "utf8")) as { cases: Case[] };

const bytes = (a: NDArray) => {
  const t = a.toTypedArray();
  return Array.from(new Uint8Array(t.buffer, t.byteOffset, t.byteLength));
};
const arr = (data: number[], shape: number[], dtype: DType) => np.reshape(np.array(data, { dtype }), shape);
/** `x`'s values and shape from a permuted copy: rows prepended and sliced off, or the axes reversed twice. */
const views: Record<string, (x: NDArray) => NDArray> = {
  dense: (x) => x,
  offset: (x) => np.concatenate([np.zerosLike(x.slice("0:1")), x], 0).slice("1:"),
  transposed: (x) => (x.ndim < 2 ? x : np.transpose(np.array(np.transpose(x)))),
  "negatively strided": (x) => np.flip(np.array(np.flip(x, 0)), 0),
};

describe("lax.bitcastConvertType (NumPy's view)", () => {
  for (const c of refs.cases) {
    const x = arr(c.data, c.shape, c.dtype);
    const want = arr(c.out, c.outShape, c.to);
    const f = (a: NDArray) => lax.bitcastConvertType(a, c.to);
    const jf = jit(f);
    for (const [view, make] of Object.entries(views)) {
      it(`${c.name}, ${view}: eager, jit and vmap equal NumPy byte for byte`, () => {
        const v = make(x);
        expect(v.shape).toEqual(c.shape);
        for (const got of [f(v), jf(v), vmap(f)(v)]) {
          expect(got.dtype).toBe(c.to);
          expect(got.shape).toEqual(c.outShape);
          expect(bytes(got)).toEqual(bytes(want));
        }
      });
    }
    it(`${c.name}, broadcast: every row is the first row's bits`, () => {
      const v = np.broadcastTo(x.slice("0:1"), c.shape);
      const first = want.slice("0:1");
      const expected = np.array(np.broadcastTo(first, c.outShape));
      expect(bytes(f(v))).toEqual(bytes(expected));
      expect(bytes(jf(v))).toEqual(bytes(expected));
    });
  }

  it("round-trips float32 through uint32 and float64 through two words, NaN payloads included", () => {
    const x = np.array(new Float32Array(new Uint32Array([0x7fc00001, 0xffa00000, 1, 0x80000000]).buffer));
    expect(bytes(lax.bitcastConvertType(lax.bitcastConvertType(x, "uint32"), "float32"))).toEqual(bytes(x));
    const d = np.array([Math.PI, -1e300, 5e-324], { dtype: "float64" });
    const back = jit((a: NDArray) => lax.bitcastConvertType(lax.bitcastConvertType(a, "int32"), "float64"))(d);
    expect(bytes(back)).toEqual(bytes(d));
  });

  it("rejects bool, a missing last axis of 2, and unknown dtypes, naming the op", () => {
    const err = (g: () => unknown) => {
      try {
        g();
      } catch (e) {
        return e as { code: string; message: string };
      }
      throw new Error("no error");
    };
    const b = err(() => lax.bitcastConvertType(np.array([true]), "int32"));
    expect(b).toBeInstanceOf(DTypeError);
    expect(b.code).toBe("NJ202");
    expect(b.message).toContain("bitcast_convert_type");
    const s = err(() => lax.bitcastConvertType(np.zeros([3], { dtype: "int32" }), "float64"));
    expect(s).toBeInstanceOf(ShapeError);
    expect(s.message).toContain("bitcast_convert_type");
    const u = err(() => lax.bitcastConvertType(np.zeros([2]), "float16" as DType));
    expect(u).toBeInstanceOf(DTypeError);
    expect(u.code).toBe("NJ201");
    expect(lax.bitcastConvertType(np.array([1], { dtype: "float32" }), "i32" as DType).dtype).toBe("int32");
  });
});
