// W1 dispatch: `add` of two 1-element float32 arrays. Measures per-call overhead (ns/call); every column
// returns a fresh array, as a library call must.
import { handImpl, jaxImpls, ndarrayImpl, numjitImpls, tfjsImpl } from "../lib/impls.mjs";

export const id = "W1";
export const title = "W1 dispatch: tiny add";
export const description = "`add` of two 1-element float32 arrays, result allocated by the call (ns/call, lower is better).";

export function cases(ctx) {
  const A = Float32Array.of(1.25);
  const B = Float32Array.of(2.5);
  return [
    {
      workload: id,
      name: "[1] + [1]",
      unit: "ns/call",
      better: "lower",
      perCall: (ns) => ns,
      tol: { rtol: 0, atol: 0 },
      // far below the pool's break-even: both columns run on the caller, so their difference is noise
      // (the threads table lists it without an Amdahl fit)
      pool: false,
      impls: [
        ...numjitImpls(ctx, {
          threads: true,
          eager: (np, _nn, a, b) => np.add(a, b),
          inputs: (np) => [np.array(A), np.array(B)],
          kernel: "seed",
          exportName: "add",
        }),
        tfjsImpl(ctx, "cpu", { inputs: (tf) => [tf.tensor1d(A), tf.tensor1d(B)], op: (tf, a, b) => tf.add(a, b), tidy: false }),
        tfjsImpl(ctx, "wasm", { inputs: (tf) => [tf.tensor1d(A), tf.tensor1d(B)], op: (tf, a, b) => tf.add(a, b), tidy: false }),
        ...jaxImpls(ctx, {
          inputs: (np) => [np.array(A), np.array(B)],
          op: (jax, a, b) => jax.numpy.add(a, b),
        }),
        ndarrayImpl(ctx, {
          note: "output ndarray allocated per call",
          setup: ({ ndarray, ops }) => {
            const a = ndarray(A.slice(), [1]);
            const b = ndarray(B.slice(), [1]);
            const call = () => {
              const out = ndarray(new Float32Array(a.size), a.shape);
              ops.add(out, a, b);
              return out;
            };
            return { run: call, output: () => call().data };
          },
        }),
        handImpl(() => {
          const a = A.slice();
          const b = B.slice();
          const add = (x, y) => {
            const n = x.length;
            const out = new Float32Array(n);
            for (let i = 0; i < n; i++) out[i] = x[i] + y[i];
            return out;
          };
          return { run: () => add(a, b), output: () => add(a, b) };
        }),
      ],
    },
  ];
}
