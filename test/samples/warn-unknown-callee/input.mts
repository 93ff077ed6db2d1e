// NJ703: calls into functions the compiler cannot see.
import { numpy as np, jit } from "@numjit/runtime";
import { normalize } from "./utils";

export const a = jit((x: np.NDArray) => {
  console.log("tracing");
  return np.exp(x);
});
export const b = jit((x: np.NDArray) => normalize(x));
export const c = jit((x: np.NDArray) => np.add(x, fetchScale()));
declare function fetchScale(): number;
