// The module already uses names of the form the compiler emits (__nj_pre, __nj_k0, __nj_t0, and the
// next prefixes __nj1_ / __nj2_, one spelled with a unicode escape, one only in a nested scope): the
// emitted names must neither collide with these declarations nor be shadowed at a rewritten call.
import { numpy as np, jit } from "@numjit/runtime";

const __nj_k0 = "user k0";
export let __nj_t0 = 1;
export function __nj_pre(): string {
  return "user pre";
}
const \u005f_nj1_pre = "escaped";

export function make(): (x: np.NDArray) => np.NDArray {
  const __nj2_t0 = "shadow";
  void __nj2_t0;
  return jit((x: np.NDArray) => np.add(x, 1));
}

export const f = jit((x: np.NDArray) => np.multiply(x, 2));
export const user = [__nj_k0, __nj_t0, __nj_pre(), __nj1_pre];
