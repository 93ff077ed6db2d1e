// NJ701: the jit argument is not a function the compiler can see; the call is left to the runtime jit.
import { numpy as np, jit } from "@numjit/runtime";
import { loss } from "./model";

const table = { f: (x: np.NDArray) => np.exp(x) };
const makeFn = () => (x: np.NDArray) => np.log(x);

export const a = jit(loss);
export const b = jit(table.f);
export const c = jit(makeFn());
export const d = jit(undefinedThing);
declare const undefinedThing: (x: np.NDArray) => np.NDArray;
