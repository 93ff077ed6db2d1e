// NJ705: JS arithmetic on array data (a traced value), or reading its data. (`if`/`?:`/`while` on array
// data are lowered to lax control flow: see the autograph sample.)
import { numpy as np, jit } from "@numjit/runtime";
export const jsMath = jit((x, y) => x * y);
export const readData = jit((x) => np.multiply(x, x.item()));
