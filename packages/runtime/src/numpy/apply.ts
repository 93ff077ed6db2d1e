// np.applyAlongAxis / np.applyOverAxes (JAX's definitions: vmap of the 1-d function over every other axis,
// and a loop of the reduction over axes) and np.bitwiseCount (population count of |x|).
import { argumentError, dtypeError } from "../errors.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { describeValue, normalizeAxis } from "../shape.js";
import { vmapRef } from "../transforms/vmap-ref.js";
import { populationCount } from "../lax/bitwise.js";
import { abs } from "./elementwise.js";
import { expandDims, moveaxis, reshape, stack } from "./shape-ops.js";
import { convert, operand } from "./util.js";

type Fn1d = (x: NDArray) => ArrayLike;

/**
 * func1d applied to every 1-d slice along `axis` (JAX's apply_along_axis: func1d is vmapped over the other
 * axes, so it runs once, traced, on the whole batch). Its result's dims replace `axis` in the output.
 */
export function applyAlongAxis(func1d: Fn1d, axis: number, arr: ArrayLike): NDArray {
  if (typeof func1d !== "function")
    throw argumentError.invalid("apply_along_axis", `func1d must be a function, got ${describeValue(func1d)}`);
  const a = operand(arr, "apply_along_axis");
  const nd = a.ndim;
  const ax = normalizeAxis("apply_along_axis", axis, nd);
  let f = (x: NDArray): NDArray => operand(func1d(x), "apply_along_axis");
  const vmap = vmapRef.fn;
  if (vmap === undefined) return alongAxisLoop(f, ax, a);
  for (let i = 1; i < nd - ax; i++) f = vmap(f, { inAxes: i, outAxes: -1 }) as typeof f;
  for (let i = 0; i < ax; i++) f = vmap(f, { inAxes: 0, outAxes: 0 }) as typeof f;
  return f(a);
}

/** applyAlongAxis without vmap (the light entry): f on each 1-d slice in turn, results stacked, as NumPy does. */
function alongAxisLoop(f: (x: NDArray) => NDArray, ax: number, a: NDArray): NDArray {
  const rows = moveaxis(a, ax, -1);
  const others = rows.shape.slice(0, -1) as number[];
  const flat = reshape(rows, [-1, rows.shape[rows.ndim - 1] as number]);
  const results: NDArray[] = [];
  for (let i = 0; i < (flat.shape[0] as number); i++) results.push(f(flat.slice(i)));
  if (results.length === 0) throw argumentError.invalid("apply_along_axis", "cannot apply a function over an empty set of slices");
  const r = results[0]!.ndim;
  const out = reshape(stack(results), [...others, ...(results[0]!.shape as number[])]);
  const k = others.length;
  // the result's dims take the place of `axis`
  const resultDims = Array.from({ length: r }, (_, i) => i);
  return moveaxis(
    out,
    resultDims.map((i) => k + i),
    resultDims.map((i) => ax + i),
  );
}

/** func(a, axis) for each axis in turn; a result that dropped the axis gets it back as size 1 (NumPy's apply_over_axes). */
export function applyOverAxes(func: (x: NDArray, axis: number) => ArrayLike, a: ArrayLike, axes: number | number[]): NDArray {
  if (typeof func !== "function") throw argumentError.invalid("apply_over_axes", `func must be a function, got ${describeValue(func)}`);
  let x = operand(a, "apply_over_axes");
  for (const axis of typeof axes === "number" ? [axes] : axes) {
    const b = operand(func(x, axis), "apply_over_axes");
    if (b.ndim === x.ndim) x = b;
    else if (b.ndim === x.ndim - 1) x = expandDims(b, axis);
    else throw argumentError.invalid("apply_over_axes", "function is not returning an array of the correct shape");
  }
  return x;
}

/**
 * The number of 1 bits in |x| (NumPy 2's bitwise_count), by the SWAR population count. NumPy and JAX return
 * uint8, a dtype numjit does not have: the result is int32 (uint32 for uint32 input), the same counts.
 */
export function bitwiseCount(x: ArrayLike): NDArray {
  let a = operand(x, "bitwise_count");
  if (a.dtype === "float32" || a.dtype === "float64")
    throw dtypeError.notAllowed("bitwise_count", a.dtype, "bitwise ops need integer or boolean inputs");
  if (a.dtype === "bool") a = convert(a, "int32", false);
  else if (a.dtype === "int32") a = abs(a);
  return populationCount(a);
}
