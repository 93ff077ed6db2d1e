// lax.customRoot and lax.customLinearSolve: a user's solver, differentiated implicitly (JAX's
// custom_root / custom_linear_solve) rather than through its iterations. The function (f, or matvec) is
// closure-converted: traced once so the arrays it closes over become explicit operands, which is what the
// derivative is taken with respect to. Both are customJvp functions of (start / b, closed-over arrays):
//   root x* of f(x, θ) = 0:   ẋ = tangentSolve(v -> ∂f/∂x v, -∂f/∂θ θ̇)
//   x = A(θ)^-1 b:            ẋ = solve(matvec, ḃ - (∂A/∂θ θ̇) x)
// Reverse mode transposes that rule, so `tangentSolve` / `solve` must be linear in their right-hand side
// and made of transposable operations (a direct solve, a fixed-length loop); transposeSolve and symmetric
// are accepted for JAX's signature and not needed by that transposition.
import { argumentError } from "../errors.js";
import type { NDArray } from "../ndarray.js";
import { describeValue } from "../shape.js";
import { evalJaxpr } from "../ir/trace-jaxpr.js";
import { jvp } from "../transforms/jvp.js";
import { negative, subtract } from "../numpy/elementwise.js";
import { operand } from "../numpy/util.js";
import { customJvp } from "./custom.js";
import { flatArrays, traceBody } from "./trace-body.js";

type Unary = (x: NDArray) => NDArray;

/** f as (consts, x) -> f(x) with the arrays it closes over made explicit (x is one array). */
function closureConvert(op: string, f: Unary, x: NDArray): { g: (consts: NDArray[], x: NDArray) => NDArray; consts: NDArray[] } {
  const [, tree] = flatArrays([x]);
  const body = traceBody(op, (v: NDArray) => f(v), tree, [x]);
  const n = body.jaxpr.outs.length;
  if (n !== 1) throw argumentError.invalid(op, `the function must return one array, got ${n} leaves`);
  const g = (consts: NDArray[], v: NDArray) => evalJaxpr(body.jaxpr, [...consts, v], [])[0]!;
  return { g, consts: body.consts };
}

function checkFns(op: string, fns: Record<string, unknown>): void {
  for (const [name, f] of Object.entries(fns))
    if (typeof f !== "function") throw argumentError.invalid(op, `${name} must be a function, got ${describeValue(f)}`);
}

/**
 * lax.custom_root(f, initialGuess, solve, tangentSolve): `solve(f, initialGuess)`, a root of f, whose
 * derivative with respect to the arrays f closes over comes from the implicit function theorem.
 */
export function customRoot(
  f: Unary,
  initialGuess: NDArray,
  solve: (f: Unary, x0: NDArray) => NDArray,
  tangentSolve: (g: Unary, y: NDArray) => NDArray,
  hasAux = false,
): NDArray {
  const op = "custom_root";
  checkFns(op, { f, solve, tangentSolve });
  if (hasAux) throw argumentError.invalid(op, "hasAux is not supported (return the root only)");
  const x0 = operand(initialGuess, op);
  const { g, consts } = closureConvert(op, f, x0);
  const root = customJvp((x: NDArray, cs: NDArray[]) => solve((v) => g(cs, v), x));
  root.defjvp(([x, cs], [, dcs]) => {
    const r = solve((v) => g(cs, v), x);
    const [, dfTheta] = jvp((c: NDArray[]) => g(c, r), [cs], [dcs]);
    const jx: Unary = (v) => jvp((u: NDArray) => g(cs, u), [r], [v])[1];
    return [r, tangentSolve(jx, negative(dfTheta))];
  });
  return root(x0, consts);
}

/**
 * lax.custom_linear_solve(matvec, b, solve): `solve(matvec, b)`, the x with matvec(x) = b, differentiated
 * as A^-1 b in b and in the arrays matvec closes over.
 */
export function customLinearSolve(
  matvec: Unary,
  b: NDArray,
  solve: (matvec: Unary, b: NDArray) => NDArray,
  transposeSolve: ((vecmat: Unary, b: NDArray) => NDArray) | null = null,
  symmetric = false,
  hasAux = false,
): NDArray {
  const op = "custom_linear_solve";
  checkFns(op, { matvec, solve });
  if (transposeSolve !== null) checkFns(op, { transposeSolve });
  if (typeof symmetric !== "boolean") throw argumentError.invalid(op, `symmetric must be a boolean, got ${describeValue(symmetric)}`);
  if (hasAux) throw argumentError.invalid(op, "hasAux is not supported (return the solution only)");
  const rhs = operand(b, op);
  const { g, consts } = closureConvert(op, matvec, rhs);
  const lin = customJvp((bb: NDArray, cs: NDArray[]) => solve((v) => g(cs, v), bb));
  lin.defjvp(([bb, cs], [db, dcs]) => {
    const mv: Unary = (v) => g(cs, v);
    const x = solve(mv, bb);
    const [, dA] = jvp((c: NDArray[]) => g(c, x), [cs], [dcs]);
    return [x, solve(mv, subtract(db, dA))];
  });
  return lin(rhs, consts);
}
