// Same-module functions are inlined; module constants are evaluated at build time.
import { numpy as np, jit } from "@numjit/runtime";

const EPS = 1e-5;
const GAIN = 2 * Math.SQRT2;
const COEFS = [0.5, 0.25, 0.125];

function rms(x: np.NDArray) {
  return np.sqrt(np.add(np.mean(np.square(x), -1, { keepdims: true }), EPS));
}
const scale = (x: np.NDArray, k: number) => np.multiply(x, k);

function poly(x: np.NDArray) {
  let acc = np.zerosLike(x);
  for (const c of COEFS) acc = np.add(np.multiply(acc, x), c);
  return acc;
}

/** @numjit x: f32[B, N] */
export const rmsNorm = jit((x: np.NDArray) => scale(np.divide(x, rms(x)), GAIN));
export const horner = jit((x: np.NDArray) => poly(x));

// destructured module constants; a parameter used as an object inside an inlined helper
const [HIDDEN, CLASSES] = [8, 3];
const predict = (p: { w: np.NDArray; b: np.NDArray }, x: np.NDArray) => np.add(np.matmul(x, p.w), p.b);
export const accuracy = jit((p, x, y) => np.mean(np.equal(np.argmax(predict(p, x), -1), y)));
// ranks (and the int32 labels) from a call site in this module
export const first = accuracy({ w: np.zeros([HIDDEN, CLASSES]), b: np.zeros([CLASSES]) }, np.ones([2, HIDDEN]), np.array([0, 2], { dtype: "int32" }));
export const widths = jit((x: np.NDArray) => np.multiply(x, HIDDEN / CLASSES));
