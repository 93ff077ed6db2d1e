// The page's jit functions. @numjit/vite-plugin compiles every jit(...) in this module at build time:
// the emitted module carries plain-JS fused kernels, so nothing is generated in the browser.
// Each function is also exported un-jitted, so the page can run the very same code eagerly, op by op.
import { numpy as np, jit } from "@numjit/runtime";

type A = np.NDArray;

/** The seed experiment: one add. */
export function add(a: A, b: A): A {
  return np.add(a, b);
}

/** 5-point Laplacian of the interior of `a` (a carries a one-cell ghost border). */
function laplacian(a: A): A {
  const vertical = np.add(np.slice(a, ":-2", "1:-1"), np.slice(a, "2:", "1:-1"));
  const horizontal = np.add(np.slice(a, "1:-1", ":-2"), np.slice(a, "1:-1", "2:"));
  return np.subtract(np.add(vertical, horizontal), np.multiply(4, np.slice(a, "1:-1", "1:-1")));
}

/**
 * One step of the Gray-Scott reaction-diffusion system (Pearson 1993):
 *   u' = u + Du lap(u) - u v^2 + f (1 - u)
 *   v' = v + Dv lap(v) + u v^2 - (f + k) v
 * `u`, `v` are [n + 2, n + 2] with a ghost border; the result is the new [n, n] interior. Each output
 * is one fused loop reading the four shifted views in place: no temporary arrays.
 *
 * The annotation tells the build-time compiler the argument kinds; P is a symbol, so the emitted kernels
 * serve every grid size.
 * @numjit u: f32[P, P], v: f32[P, P], f: number, k: number
 */
export function react(u: A, v: A, f: number, k: number): [A, A] {
  const uc = np.slice(u, "1:-1", "1:-1");
  const vc = np.slice(v, "1:-1", "1:-1");
  const uvv = np.multiply(uc, np.multiply(vc, vc));
  const du = np.add(np.subtract(np.multiply(0.2097, laplacian(u)), uvv), np.multiply(f, np.subtract(1, uc)));
  const dv = np.subtract(np.add(np.multiply(0.105, laplacian(v)), uvv), np.multiply(np.add(f, k), vc));
  return [np.add(uc, du), np.add(vc, dv)];
}

/**
 * Colour the interior of `v` ([n + 2, n + 2]) with a cosine palette, as RGB bytes [n, n, 3]:
 *   s = clip(gain v, 0, 1),  rgb = 255 s (0.5 + 0.5 cos(2 pi (s + phase)))
 * where `phase` [3] shifts each channel. Broadcasting [n, n, 1] against [3] happens inside one loop.
 * @numjit v: f32[P, P], phase: f32[3], gain: number
 */
export function colorize(v: A, phase: A, gain: number): A {
  const s = np.expandDims(np.clip(np.multiply(gain, np.slice(v, "1:-1", "1:-1")), 0, 1), -1);
  const wave = np.add(0.5, np.multiply(0.5, np.cos(np.multiply(2 * Math.PI, np.add(s, phase)))));
  return np.multiply(255, np.multiply(s, wave));
}

export const addJit = jit(add);
export const reactJit = jit(react);
export const colorizeJit = jit(colorize);
