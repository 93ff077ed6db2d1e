// Every export form around a jit() call: export const / let, export default, export { a as b },
// export function returning a jitted function, and a re-export.
import { numpy as np, nn, jit } from "@numjit/runtime";

export const a = jit((x: np.NDArray) => np.add(x, 1));
export let b = jit((x: np.NDArray) => np.multiply(x, 3));
const c = jit((x: np.NDArray) => nn.relu(x));
export { c, c as relu };
export function make() {
  return jit((x: np.NDArray) => np.square(x));
}
export default jit((x: np.NDArray) => np.negative(x));
export { numpy } from "@numjit/runtime";
