// W2 fused chain: tanh(x*1.5+0.3)*y+1 over 1e6 float32 elements (ns/element).
import { uniform } from "../lib/data.mjs";
import { handImpl, jaxImpls, jaxXlaImpl, ndarrayImpl, numjitImpls, tfjsImpl } from "../lib/impls.mjs";

export const id = "W2";
export const title = "W2 fused elementwise chain";
export const description =
  "`tanh(x*1.5+0.3)*y+1` on two float32 vectors of 1e6 elements (ns per element, lower is better). " +
  "Eager libraries run 5 ops and write 4 temporaries; a fusing compiler runs one loop.";

const N = 1_000_000;

export function cases(ctx) {
  const X = uniform(N, 21, -2, 2);
  const Y = uniform(N, 22, -1, 1);
  return [
    {
      workload: id,
      name: "1e6 float32",
      unit: "ns/elem",
      better: "lower",
      perCall: (ns) => ns / N,
      // float32 tanh may be a polynomial (rtol 2e-5 vs NumPy); composed with *y+1 in float32.
      tol: { rtol: 5e-5, atol: 5e-6 },
      impls: [
        ...numjitImpls(ctx, {
          eager: (np, _nn, x, y) => np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1),
          inputs: (np) => [np.array(X), np.array(Y)],
          kernel: "chain",
          exportName: "chain",
          threads: true,
          noEval: [
            { n: N, seed: 21, lo: -2, hi: 2, shape: [N] },
            { n: N, seed: 22, lo: -1, hi: 1, shape: [N] },
          ],
        }),
        ...["cpu", "wasm"].map((b) =>
          tfjsImpl(ctx, b, {
            inputs: (tf) => [tf.tensor1d(X), tf.tensor1d(Y)],
            op: (tf, x, y) => tf.add(tf.mul(tf.tanh(tf.add(tf.mul(x, 1.5), 0.3)), y), 1),
          }),
        ),
        ...jaxImpls(ctx, {
          inputs: (np) => [np.array(X), np.array(Y)],
          op: ({ numpy: np }, x, y) => np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1),
        }),
        jaxXlaImpl(ctx, {
          fn: "chain",
          inputs: () => [
            [X, [N]],
            [Y, [N]],
          ],
        }),
        ndarrayImpl(ctx, {
          note: "tanh(z) = 1 − 2/(exp(2z)+1): ndarray-ops has no tanh",
          setup: ({ ndarray, ops }) => {
            const x = ndarray(X.slice(), [N]);
            const y = ndarray(Y.slice(), [N]);
            const call = () => {
              const t = ndarray(new Float32Array(N), [N]);
              ops.muls(t, x, 3); // 2z = 2(1.5x + 0.3)
              ops.addseq(t, 0.6);
              ops.expeq(t);
              ops.addseq(t, 1);
              ops.recipeq(t);
              ops.mulseq(t, -2);
              ops.addseq(t, 1); // tanh(z)
              ops.muleq(t, y);
              ops.addseq(t, 1);
              return t;
            };
            return { run: call, output: () => call().data };
          },
        }),
        handImpl(() => {
          const x = X.slice();
          const y = Y.slice();
          const chain = (x, y) => {
            const n = x.length;
            const out = new Float32Array(n);
            for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i] * 1.5 + 0.3) * y[i] + 1;
            return out;
          };
          return { run: () => chain(x, y), output: () => chain(x, y) };
        }, "one loop, Math.tanh"),
      ],
    },
  ];
}
