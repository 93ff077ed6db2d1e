// W3 softmax over the last axis of a [1024, 1024] float32 matrix (ms).
import { uniform } from "../lib/data.mjs";
import { handImpl, jaxImpls, jaxXlaImpl, ndarrayImpl, numjitImpls, tfjsImpl } from "../lib/impls.mjs";

export const id = "W3";
export const title = "W3 softmax";
export const description = "Numerically stable softmax over the last axis of a [1024, 1024] float32 matrix (ms per call, lower is better).";

const R = 1024;
const C = 1024;

export function cases(ctx) {
  const X = uniform(R * C, 31, -4, 4);
  return [
    {
      workload: id,
      name: "[1024, 1024]",
      unit: "ms",
      better: "lower",
      perCall: (ns) => ns / 1e6,
      tol: { rtol: 1e-4, atol: 1e-7 },
      impls: [
        ...numjitImpls(ctx, {
          threads: true,
          eager: (_np, nn, x) => nn.softmax(x, -1),
          inputs: (np) => [np.reshape(np.array(X), [R, C])],
          kernel: "softmax",
          exportName: "softmax",
        }),
        ...["cpu", "wasm"].map((b) =>
          tfjsImpl(ctx, b, { inputs: (tf) => [tf.tensor2d(X, [R, C])], op: (tf, x) => tf.softmax(x), tidy: false }),
        ),
        ...jaxImpls(ctx, {
          inputs: (np) => [np.array(X, { shape: [R, C] })],
          op: ({ nn }, x) => nn.softmax(x, -1),
        }),
        jaxXlaImpl(ctx, { fn: "softmax", inputs: () => [[X, [R, C]]] }),
        ndarrayImpl(ctx, {
          note: "per row: sup, subs, expeq, sum, divseq",
          setup: ({ ndarray, ops }) => {
            const x = ndarray(X.slice(), [R, C]);
            const call = () => {
              const out = ndarray(new Float32Array(R * C), [R, C]);
              for (let i = 0; i < R; i++) {
                const xi = x.pick(i, null);
                const oi = out.pick(i, null);
                ops.subs(oi, xi, ops.sup(xi));
                ops.expeq(oi);
                ops.divseq(oi, ops.sum(oi));
              }
              return out;
            };
            return { run: call, output: () => call().data };
          },
        }),
        handImpl(() => {
          const x = X.slice();
          const softmax = (x) => {
            const out = new Float32Array(R * C);
            for (let i = 0; i < R; i++) {
              const o = i * C;
              let m = -Infinity;
              for (let j = 0; j < C; j++) if (x[o + j] > m) m = x[o + j];
              let s = 0;
              for (let j = 0; j < C; j++) {
                const e = Math.exp(x[o + j] - m);
                out[o + j] = e;
                s += e;
              }
              const inv = 1 / s;
              for (let j = 0; j < C; j++) out[o + j] *= inv;
            }
            return out;
          };
          return { run: () => softmax(x), output: () => softmax(x) };
        }, "max, exp+sum, scale per row; Math.exp"),
      ],
    },
  ];
}
