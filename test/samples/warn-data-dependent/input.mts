// NJ705: JS arithmetic on array data (a traced value), or reading its data. (`if`/`?:`/`while` on array
// data are lowered to lax control flow: see the autograph sample.)
import { numpy as np, jit } from "@numjit/runtime";

export const jsMath = jit((x: np.NDArray, y: np.NDArray) => (x as unknown as number) * (y as unknown as number));
export const readData = jit((x: np.NDArray) => np.multiply(x, x.item() as number));
