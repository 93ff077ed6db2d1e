// What an emitted plan (jit/emit-plan.ts) calls besides its kernels: array construction, the eager kernels
// of eager steps, dense copies, and the guard's failure value. Light on purpose: the precompiled entry
// imports it, and it must not reach the tracer, the IR passes, the scheduler or the code generator.
import { type DType, type TypedArray, allocate } from "../dtype.js";
import { memoryLimits } from "../codegen/wasm/memory.js";
import { helpers } from "../codegen/helpers.js";
import { impls, multiImpls } from "../core/trace.js";
import { assign } from "../eager/strided.js";
import { NDArray, scalarArray } from "../ndarray.js";

export type GuardKind = "rank" | "dtype" | "weakType" | "dim" | "constraint";

/**
 * A failed plan guard, as data: which input or condition, what the plan was built for and what the call
 * brought. Returned (not thrown) by the plan, so the precompiled function can fall back to the runtime jit.
 */
export class GuardFailure {
  constructor(
    readonly kind: GuardKind,
    /** The input leaf (rank, dtype, weakType) or the condition text (`x.shape[0] == N`, `B == 2*N`). */
    readonly what: string,
    readonly expected: number | string | boolean,
    readonly actual: number | string | boolean,
  ) {}

  /** `x: expected rank 2, got 3`, `x: dtype float64, plan has float32`, `B == 2*N (8 vs 6)`. */
  get message(): string {
    const { what, expected, actual } = this;
    if (this.kind === "rank") return `${what}: expected rank ${expected}, got ${actual}`;
    if (this.kind === "dtype") return `${what}: dtype ${actual}, plan has ${expected}`;
    if (this.kind === "weakType") return `${what}: ${actual ? "weakly" : "strongly"} typed, plan has ${expected ? "weak" : "strong"}`;
    return `${what} (${actual} vs ${expected})`;
  }
}

export type PlanFn = (...leaves: NDArray[]) => unknown;

/** The object every emitted plan's factory receives as `R`. */
export const planRuntime = {
  H: helpers,
  NDArray,
  fail: (kind: GuardKind, what: string, expected: number | string | boolean, actual: number | string | boolean): GuardFailure =>
    new GuardFailure(kind, what, expected, actual),
  scalar: scalarArray,
  /** A JS integer passed where the plan reads a JS float scalar (EmitPlanOptions.intScalars): that scalar. */
  floatScalar: (x: NDArray): NDArray => scalarArray(Number(x.data[x.offset]), "float64", false),
  /** The threshold of outputs that live in the kernels' wasm memory (codegen/wasm/memory.ts). */
  limits: memoryLimits,
  /** An output buffer a kernel fills: in the kernels' memory when large (dtype.ts allocate). */
  alloc: (dtype: DType, n: number): TypedArray => allocate(dtype, n, false),
  /** A row-major copy of a strided input. */
  dense(x: NDArray): NDArray {
    const out = new NDArray(new (x.data.constructor as new (n: number) => TypedArray)(x.size), x.shape, x.dtype);
    assign(out, x);
    return out;
  },
  /** The dense data of a view (a layout no kernel can read directly). */
  copy(x: NDArray): TypedArray {
    return planRuntime.dense(x).data;
  },
  /** Copy a strided layout of `src` into `dst` from `doff` on, row-major (a loop's carry or ys row). */
  put(dst: TypedArray, doff: number, src: TypedArray, soff: number, shape: readonly number[], strides: readonly number[]): void {
    const nd = shape.length;
    const n = shape.reduce((a, b) => a * b, 1);
    const idx = new Array<number>(nd).fill(0);
    for (let q = 0, p = soff; q < n; q++) {
      dst[doff + q] = src[p]!;
      for (let d = nd - 1; d >= 0; d--) {
        p += strides[d]!;
        if (++idx[d]! < shape[d]!) break;
        p -= strides[d]! * shape[d]!;
        idx[d] = 0;
      }
    }
  },
  /** An eager step: the primitive's eager kernel, result made dense. */
  eager(prim: string, params: unknown, ins: NDArray[]): NDArray {
    const r = (impls as Record<string, (x: NDArray[], p: unknown) => NDArray>)[prim]!(ins, params);
    return r.isContiguous ? r : planRuntime.dense(r);
  },
  /** An eager step of a multi-output primitive: every result, made dense. */
  eagerN(prim: string, params: unknown, ins: NDArray[]): NDArray[] {
    const rs = (multiImpls as Record<string, (x: NDArray[], p: unknown) => NDArray[]>)[prim]!(ins, params);
    return rs.map((r) => (r.isContiguous ? r : planRuntime.dense(r)));
  },
};

export type PlanRuntime = typeof planRuntime;
type Kernel = (...args: any[]) => void;
/**
 * A plan's factory: binds the runtime and the kernels, returns the function a call runs. An emitted plan
 * (jit/emit-plan.ts) also takes the kernels for large calls (`W`) and their threshold in elements (`M`).
 */
export type PlanFactory = (R: PlanRuntime, K: readonly Kernel[], W?: readonly Kernel[], M?: number) => PlanFn;
