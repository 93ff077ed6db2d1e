// AutoGraph's operators: the build-time compiler (@numjit/compiler, phases/autograph) rewrites `if`/`else`,
// `?:`, `while` and counted `for` loops of jit-compiled functions into calls of these helpers, and the
// same converted code runs in the build-time trace, under the runtime jit and eagerly. Each helper
// dispatches on its condition or bounds: a JS value (or a concrete array, read as a JS scalar) runs the
// statement with JS semantics, as written; a traced value lowers it to lax.cond / lax.whileLoop /
// lax.foriLoop. The variables the statement assigns are the carry, read and written through `get`/`set`
// closures over the function's locals (TF AutoGraph's get_state/set_state), so branch and loop bodies stay
// the user's statements.
import { Tracer } from "./core/trace.js";
import { traceError } from "./errors.js";
import { NDArray } from "./ndarray.js";
import { logicalAnd, logicalNot, logicalOr, notEqual } from "./numpy/elementwise.js";
import { cond, foriLoop, whileLoop } from "./lax/control-flow.js";

type State = unknown[];
type Get = () => State;
type Set = (state: State) => void;
type Thunk = () => unknown;

const isTraced = (x: unknown): x is NDArray => x instanceof Tracer;

/** JS truthiness, with a concrete array read as its scalar (an array of size != 1 is an error, as in NumPy). */
function truthy(x: unknown): boolean {
  return x instanceof NDArray ? !!x.item() : !!x;
}

/** A traced condition as a bool scalar: JS truthiness of a number is `!= 0`. */
const predicate = (x: NDArray): NDArray => (x.dtype === "bool" ? x : notEqual(x, 0));

/** The carry after a lowered body: every carried variable must have a value on every path. */
function checked(construct: string, names: readonly string[], state: State, where: string): State {
  state.forEach((v, k) => {
    if (v === undefined)
      throw traceError.autographCarry(construct, names[k] ?? `#${k}`, `has no value ${where}; assign it before the statement`);
  });
  return state;
}

/**
 * `if (test) body else orelse` where the branches assign the carried variables `names`. A traced test
 * runs both branches under lax.cond, each from the state before the statement.
 */
export function ifStmt(test: unknown, body: Thunk, orelse: Thunk | undefined, get: Get, set: Set, names: readonly string[]): void {
  if (!isTraced(test)) {
    if (truthy(test)) body();
    else orelse?.();
    return;
  }
  const init = get();
  const branch = (f: Thunk | undefined, which: string) => (): State => {
    set(init);
    f?.();
    return checked("if", names, get(), `after the ${which} branch`);
  };
  set(cond(predicate(test), branch(body, "true"), branch(orelse, "false")));
}

/**
 * `test ? a : b`, and `if (test) { ...; return a } else { ...; return b }` (then `get`/`set` reset the
 * variables the branches assign before each branch is traced). A traced test is lax.cond: both branches
 * are traced and must return the same structure, shapes and dtypes.
 */
export function ifExp<T>(test: unknown, a: () => T, b: () => T, get?: Get, set?: Set): T {
  if (!isTraced(test)) return truthy(test) ? a() : b();
  const init = get?.();
  const branch = (f: () => T) => (): T => {
    if (init) set!(init);
    return f();
  };
  return cond(predicate(test), branch(a), branch(b));
}

/**
 * `while (test()) body()`. The test is evaluated as JS while it is a JS value; once it is traced, the
 * rest of the loop is lax.whileLoop over the carried variables (their current values are its init).
 */
export function whileStmt(test: () => unknown, body: Thunk, get: Get, set: Set, names: readonly string[]): void {
  for (;;) {
    const c = test();
    if (isTraced(c)) break;
    if (!truthy(c)) return;
    body();
  }
  const init = checked("while", names, get(), "before the loop");
  const out = whileLoop(
    (s: State) => {
      set(s);
      const c = test();
      return c instanceof NDArray ? predicate(c) : !!c;
    },
    (s: State) => {
      set(s);
      body();
      return checked("while", names, get(), "after the loop body");
    },
    init,
  );
  set(out);
}

/**
 * `for (let i = lo; i < hi; i++) body(i)`. JS bounds run the JS loop (unrolled under a trace, as JAX does
 * with a Python loop); a traced bound lowers it to lax.foriLoop over the carried variables, `i` traced.
 */
export function forRange(lo: unknown, hi: unknown, body: (i: unknown) => void, get: Get, set: Set, names: readonly string[]): void {
  if (!isTraced(lo) && !isTraced(hi)) {
    const a = lo instanceof NDArray ? Number(lo.item()) : (lo as number);
    const b = hi instanceof NDArray ? Number(hi.item()) : (hi as number);
    for (let i = a; i < b; i++) body(i);
    return;
  }
  const init = checked("for", names, get(), "before the loop");
  const out = foriLoop(
    lo as NDArray,
    hi as NDArray,
    (i: NDArray, s: State) => {
      set(s);
      body(i);
      return checked("for", names, get(), "after the loop body");
    },
    init,
  );
  set(out);
}

/**
 * The condition of a construct the compiler could not lower (`reason`): JS truthiness, and NJ403 naming
 * the construct and the reason when it is traced (JS would take any array as true).
 */
export function test(x: unknown, construct: string, reason: string): boolean {
  if (isTraced(x)) throw traceError.autograph(construct, reason);
  return truthy(x);
}

/** `!x`: logicalNot of a traced value (JS would give false for any array). */
export function not(x: unknown): unknown {
  return isTraced(x) ? logicalNot(x) : !truthy(x);
}

/** `a && b`: JS semantics (b evaluated only when needed) unless `a` is traced, then logicalAnd(a, b). */
export function and(a: unknown, b: () => unknown): unknown {
  if (isTraced(a)) return logicalAnd(a, b() as NDArray);
  return truthy(a) ? b() : a;
}

/** `a || b`: JS semantics unless `a` is traced, then logicalOr(a, b). */
export function or(a: unknown, b: () => unknown): unknown {
  if (isTraced(a)) return logicalOr(a, b() as NDArray);
  return truthy(a) ? a : b();
}
