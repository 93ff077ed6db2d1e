// np.applyAlongAxis where vmap is not loaded (the light entry, @numjit/runtime/precompiled): the slice loop
// gives vmap's answers for results of rank 0, 1 and 2, on every axis, over dense, offset, transposed and
// negatively strided inputs.
import { afterEach, describe, expect, it } from "vitest";
import { type NDArray, numpy as np } from "@numjit/runtime";
import { vmapRef } from "@numjit/runtime/internal";

const saved = vmapRef.fn;
afterEach(() => {
  vmapRef.fn = saved;
});

const x = np.reshape(np.sin(np.arange(60)), [3, 4, 5]);
const inputs: Record<string, NDArray> = {
  dense: x,
  offset: np.concatenate([np.zeros([1, 4, 5]), x], 0).slice("1:"),
  transposed: np.transpose(np.array(np.transpose(x))),
  "negatively strided": np.flip(np.array(np.flip(x, 1)), 1),
};
const fns: [string, (v: NDArray) => NDArray][] = [
  ["sum (rank 0)", (v) => np.sum(v)],
  ["cumsum * 2 (rank 1)", (v) => np.multiply(np.cumsum(v), 2)],
  ["outer (rank 2)", (v) => np.outer(v, np.arange(2))],
];

describe("np.applyAlongAxis without vmap", () => {
  for (const [view, a] of Object.entries(inputs))
    for (const [name, f] of fns)
      for (const axis of [0, 1, 2, -1])
        it(`${name}, axis ${axis}, ${view}: the loop equals vmap`, () => {
          const want = np.applyAlongAxis(f, axis, a);
          vmapRef.fn = undefined;
          const got = np.applyAlongAxis(f, axis, a);
          expect(got.shape).toEqual(want.shape);
          expect(got.toArray()).toEqual(want.toArray());
        });
});
