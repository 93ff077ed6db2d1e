// lax.bitcastConvertType: the bytes of an array read as another dtype (JAX's bitcast_convert_type,
// little-endian as every typed array here). Between 4-byte dtypes (float32, int32, uint32) the shape
// stays; float64 -> a 4-byte dtype gives a trailing axis of 2 words (low word first), and a 4-byte
// dtype -> float64 takes a last axis of 2. bool has no bit layout here (DTypeError NJ202); an unknown
// dtype is NJ201 as for every op (`checkDType`, which also takes the short names f32/f64/i32/u32).
import { bind } from "../core/trace.js";
import { checkDType, type DType } from "../dtype.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import { operand } from "../numpy/util.js";

export function bitcastConvertType(x: ArrayLike, newDtype: DType): NDArray {
  const dtype = checkDType(newDtype, "bitcast_convert_type");
  const a = operand(x, "bitcast_convert_type");
  return bind("bitcast_convert_type", [a], { dtype });
}
