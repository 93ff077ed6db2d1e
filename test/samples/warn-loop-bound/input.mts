// NJ706: for loops whose bounds depend on a shape (a loop bounded by a traced value is lowered to
// lax.foriLoop: see the autograph sample).
import { numpy as np, jit } from "@numjit/runtime";

export const byShape = jit((x: np.NDArray) => {
  let acc = x;
  for (let i = 0; i < x.shape[0]; i++) acc = np.add(acc, 1);
  return acc;
});
