// The wasm exp for x <= 0 (codegen/wasm/simd-math.ts: expNonPositive, under the softmax, log_softmax and
// logsumexp row kernels and the logistic), run directly in a test kernel in both of its forms: one
// vector at a time (an elementwise logistic's form) and four at a time, stage by stage (the row kernels'
// form). Over a dense sweep of [-87.3, 0] its relative error against Math.exp stays under 2e-7, the
// bound simd-math.ts documents; at the edges NaN -> NaN, -Inf -> 0, +-0 -> 1, and 0 below -126.5 ln2
// (down to -3e38), also with the other lanes of the vector ordinary.
import { describe, expect, it } from "vitest";
import { Code, encodeModule, expNonPositive, kernelMemory, staging } from "@numjit/runtime/internal";

/** run(n, in, out): exp of n float32 at `in` (n a multiple of 4 * width) to `out`, `width` vectors at a time. */
function expKernel(width: number): (x: Float32Array) => Float32Array {
  const c = new Code(["i32", "i32", "i32"]);
  const [n, src, dst] = [0, 1, 2];
  c.block().loop();
  c.get(n).i32op("eqz").brIf(1);
  const xs = Array.from({ length: width }, (_, i) => {
    const v = c.local("v128");
    c.get(src)
      .mem("v128.load", 16 * i)
      .set(v);
    return v;
  });
  expNonPositive(c, xs).forEach((e, i) =>
    c
      .get(dst)
      .get(e)
      .mem("v128.store", 16 * i),
  );
  for (const [p, by] of [
    [src, 16 * width],
    [dst, 16 * width],
    [n, -4 * width],
  ] as const)
    c.get(p).i32(by).i32op("add").set(p);
  c.br(0);
  c.end().end();
  const module = new WebAssembly.Module(encodeModule([{ name: "run", code: c }]));
  const run = new WebAssembly.Instance(module, { env: { mem: kernelMemory(0) } }).exports.run as (...a: number[]) => void;
  return (x) => {
    const at = staging(8 * x.length);
    const f = new Float32Array(kernelMemory(0).buffer);
    f.set(x, at >> 2);
    run(x.length, at, at + 4 * x.length);
    return f.slice((at >> 2) + x.length, (at >> 2) + 2 * x.length);
  };
}

describe("wasm exp for x <= 0", () => {
  for (const width of [1, 4]) {
    const exp = expKernel(width);
    it(`${width} vector(s) at a time: relative error < 2e-7 over a dense sweep of [-87.3, 0]`, () => {
      const n = 1 << 20;
      const x = Float32Array.from({ length: n }, (_, i) => (-87.3 * i) / (n - 1));
      // and the 4096 float32 values nearest 0 and nearest -87.3
      for (let i = 0; i < 4096; i++) x[i] = -i * 2 ** -30;
      const got = exp(x);
      let worst = 0,
        at = 0;
      for (let i = 0; i < n; i++) {
        const want = Math.exp(x[i]!);
        const e = Math.abs(got[i]! - want) / want;
        if (!(e <= worst)) [worst, at] = [e, x[i]!];
      }
      expect(worst, `worst at x = ${at}`).toBeLessThan(2e-7);
    });
    it(`${width} vector(s) at a time: NaN, -Inf, +-0 and underflow in vectors with ordinary lanes`, () => {
      const edges = [Number.NaN, -Infinity, 0, -0, -87.4, -88, -127 * Math.LN2, -200, -1e10, -3e38];
      const ordinary = [-1, -0.5, -10, -87.3];
      const x = new Float32Array(16 * width);
      for (let i = 0; i < x.length; i++) x[i] = i % 2 ? edges[(i >> 1) % edges.length]! : ordinary[(i >> 1) % 4]!;
      const got = exp(x);
      for (let i = 0; i < x.length; i++) {
        const v = x[i]!,
          want = Math.fround(Math.exp(v));
        if (Number.isNaN(v)) expect(got[i], `exp(${v})`).toBeNaN();
        else if (v === 0) expect(got[i], `exp(${v})`).toBe(1);
        // 2^n is 0 from n = -127 on (x < -126.5 ln2); above, a subnormal no larger than exp(x)
        else if (v < -126.5 * Math.LN2) expect(got[i], `exp(${v})`).toBe(0);
        else if (want < 2 ** -126) expect(got[i]! >= 0 && got[i]! <= want * (1 + 2e-7), `exp(${v}) = ${got[i]}`).toBe(true);
        else expect(Math.abs(got[i]! - want), `exp(${v})`).toBeLessThanOrEqual(2e-7 * want);
      }
    });
  }
});
