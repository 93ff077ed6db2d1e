// AutoGraph: `if`/`else`, `?:`, `while` and counted `for` loops whose condition is a traced value are
// lowered to lax.cond / lax.whileLoop / lax.foriLoop (the helpers dispatch: JS values keep JS semantics).
import { numpy as np, jit } from "@numjit/runtime";

/** @numjit x: f32[N] */
export const flip = jit((x: np.NDArray) => {
  let y = np.multiply(x, 2);
  if (np.greater(np.sum(x), 0)) {
    y = np.add(y, 1);
  } else {
    y = np.negative(y);
  }
  return y;
});

/** @numjit x: f32[N] */
export const early = jit((x: np.NDArray) => {
  if (np.any(np.less(x, 0))) return np.abs(x);
  return np.sqrt(x);
});

/** @numjit x: f32[N] */
export const pick = jit((x: np.NDArray) => (np.greater(np.max(x), 1) ? np.divide(x, np.max(x)) : x));

/** @numjit x: f32[N] */
export const doubling = jit((x: np.NDArray) => {
  let s = np.sum(np.abs(x));
  let n = np.asarray(0, { dtype: "int32" });
  while (np.less(s, 100)) {
    s = np.multiply(s, 2);
    n = np.add(n, 1);
  }
  return { s, n };
});

/** @numjit x: f32[N], k: number */
export const powers = jit((x: np.NDArray, k: number) => {
  let acc = x;
  for (let i = 0; i < k; i++) acc = np.multiply(acc, x);
  return acc;
});

// static conditions stay JS: no helper call is emitted for them
/** @numjit x: f32[N, M] */
export const rowsum = jit((x: np.NDArray) => (x.ndim === 2 ? np.sum(x, 1) : x));

// not lowerable: a return inside a loop; the condition is guarded (NJ717 at build time, NJ403 at run time)
/** @numjit x: f32[N] */
export const firstNeg = jit((x: np.NDArray) => {
  for (let i = 0; i < 3; i++) {
    if (np.any(np.less(x, 0))) return x;
    x = np.subtract(x, 1);
  }
  return x;
});
