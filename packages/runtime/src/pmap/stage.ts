// One stage of a pmap program as a function of its inputs: the stage's jaxpr compiled by the runtime jit.
// Worker devices and the caller (sequential devices) build stages with this one function.
import type { Jaxpr } from "../ir/jaxpr.js";
import { evalJaxpr } from "../ir/trace-jaxpr.js";
import { jit } from "../jit/jit.js";
import type { NDArray } from "../ndarray.js";

export function stageRunner(j: Jaxpr): (xs: NDArray[]) => NDArray[] {
  const run = jit((...xs: NDArray[]) => evalJaxpr(j, xs));
  return (xs) => run(...xs) as NDArray[];
}
