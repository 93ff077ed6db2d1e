// The binary-op factory behind numpy's elementwise functions (and nn.relu). Its own module, so that
// `export * from "./elementwise.js"` in the numpy namespace does not publish it.
import { toFloat } from "../dtype.js";
import { dtypeError } from "../errors.js";
import type { ArrayLike, NDArray } from "../ndarray.js";
import type { BinaryOp, CompareOp } from "../core/primitives.js";
import { bind } from "../core/trace.js";
import { broadcastShapes } from "../shape.js";
import { broadcastTo, convert, operand, resultOf } from "./util.js";

export type Kind = "any" | "float" | "int-bool" | "int" | "no-bool";

/**
 * A NumPy binary function over one primitive: JAX promotion with weak scalars, broadcasting, then `prim`.
 * `params` go on the equation (nn.relu's `max[relu]`); `name` is the public function errors name.
 */
export function binary(prim: BinaryOp | CompareOp, name: string, kind: Kind, params: { relu?: true } = {}) {
  return (x: ArrayLike, y: ArrayLike): NDArray => {
    const a = operand(x, name),
      b = operand(y, name);
    // fast path: same dtype, same shape (the common case in hot loops)
    // (not for weak operands: a JS integer outside int32 promotes as an int, see util.operand)
    if (a.dtype === b.dtype && !a.weakType && !b.weakType && kind === "any" && a.shape.length === b.shape.length) {
      let same = true;
      for (let i = 0; i < a.shape.length; i++)
        if (a.shape[i] !== b.shape[i]) {
          same = false;
          break;
        }
      if (same) return bind(prim, [a, b], params);
    }
    let [dt, weak] = resultOf(a, b);
    if (kind === "float" && dt !== "float32" && dt !== "float64") dt = toFloat(dt);
    if (kind === "int-bool" && (dt === "float32" || dt === "float64"))
      throw dtypeError.notAllowed(name, dt, "bitwise ops need integer or boolean inputs");
    if (kind === "int" && dt !== "int32" && dt !== "uint32") throw dtypeError.notAllowed(name, dt, "shifts need int32 or uint32 inputs");
    if (kind === "no-bool" && dt === "bool") {
      if (prim === "sub") throw dtypeError.notAllowed(name, dt, "numpy boolean subtract is not supported, use logicalXor");
      dt = "int32";
    }
    const shape = broadcastShapes(name, a.shape, b.shape);
    const ac = broadcastTo(convert(a, dt, weak, name), shape, name);
    const bc = broadcastTo(convert(b, dt, weak, name), shape, name);
    return bind(prim, [ac, bc], params);
  };
}
