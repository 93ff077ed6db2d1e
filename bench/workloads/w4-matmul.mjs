// W4 matmul: [n, n] @ [n, n] float32 for n = 512 and 1024 (GFLOP/s = 2n³ / time).
import { uniform } from "../lib/data.mjs";
import { handImpl, jaxImpls, jaxXlaImpl, ndarrayImpl, numjitImpls, tfjsImpl } from "../lib/impls.mjs";

export const id = "W4";
export const title = "W4 matmul";
export const description =
  "Square float32 matrix product C = A·B (GFLOP/s = 2n³ / median time, higher is better). " + "Quick mode runs 512 only.";

export function cases(ctx) {
  const sizes = ctx.quick ? [512] : [512, 1024];
  return sizes.map((n) => {
    const A = uniform(n * n, 41 + n, -1, 1);
    const B = uniform(n * n, 42 + n, -1, 1);
    const flop = 2 * n ** 3;
    return {
      workload: id,
      name: `${n}×${n}`,
      unit: "GFLOP/s",
      better: "higher",
      perCall: (ns) => flop / ns,
      // Sums of n products: float32 accumulation order differs between libraries.
      tol: { rtol: 1e-4, atol: 1e-5, scaled: true },
      impls: [
        ...numjitImpls(ctx, {
          threads: true,
          eager: (np, _nn, a, b) => np.matmul(a, b),
          inputs: (np) => [np.reshape(np.array(A), [n, n]), np.reshape(np.array(B), [n, n])],
          kernel: "matmul",
          exportName: "matmul",
        }),
        ...["cpu", "wasm"].map((be) =>
          tfjsImpl(ctx, be, {
            inputs: (tf) => [tf.tensor2d(A, [n, n]), tf.tensor2d(B, [n, n])],
            op: (tf, a, b) => tf.matMul(a, b),
            tidy: false,
          }),
        ),
        ...jaxImpls(ctx, {
          inputs: (np) => [np.array(A, { shape: [n, n] }), np.array(B, { shape: [n, n] })],
          op: ({ numpy: np }, a, b) => np.matmul(a, b),
        }),
        jaxXlaImpl(ctx, {
          fn: "matmul",
          inputs: () => [
            [A, [n, n]],
            [B, [n, n]],
          ],
        }),
        ndarrayImpl(ctx, { skip: "n/a: ndarray-ops has no matrix product", setup: () => null }),
        handImpl(() => {
          const a = A.slice();
          const b = B.slice();
          // i-k-j order: the inner loop streams a row of B and a row of C (what a careful programmer writes).
          const matmul = (a, b) => {
            const c = new Float32Array(n * n);
            for (let i = 0; i < n; i++) {
              const ci = i * n;
              for (let k = 0; k < n; k++) {
                const aik = a[ci + k];
                const bk = k * n;
                for (let j = 0; j < n; j++) c[ci + j] += aik * b[bk + j];
              }
            }
            return c;
          };
          return { run: () => matmul(a, b), output: () => matmul(a, b) };
        }, "i-k-j loops over Float32Array"),
      ],
    };
  });
}
