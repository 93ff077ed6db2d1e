// The lax namespace: `import { lax } from "@numjit/runtime"` — JAX's lax in camelCase. A re-export hub over
// the modules in lax/: elementwise ops without promotion (operands.ts has the rules), structural ops,
// reductions and scans, dot/dotGeneral and sort, control flow and select, custom derivatives, bitwise ops and shifts,
// linalg.triangularSolve, convGeneralDilated and topK, and the collectives over named axes (psum, pmean, pmax,
// allGather, axisIndex).
export { cond, switch, whileLoop, foriLoop, scan, select } from "./lax/control-flow.js";
export type { ScanOptions } from "./lax/control-flow.js";
export { customJvp, customVjp, checkpoint } from "./lax/custom.js";
export type { CustomJvpFunction, CustomVjpFunction } from "./lax/custom.js";
export * from "./lax/bitwise.js";
export * from "./lax/linalg.js";
export { psum, pmean, pmax, pmin, allGather, axisIndex, axisSize, ppermute, psumScatter, allToAll } from "./lax/collectives.js";
export type { AllGatherOptions } from "./lax/collectives.js";
export { topK, approxMaxK, approxMinK } from "./lax/top-k.js";
export type { ApproxTopKOptions } from "./lax/top-k.js";
export {
  dynamicSlice,
  dynamicSliceInDim,
  dynamicUpdateSlice,
  dynamicUpdateSliceInDim,
  dynamicIndexInDim,
  dynamicUpdateIndexInDim,
  indexInDim,
  indexTake,
  gather,
  scatter,
  scatterAdd,
  scatterSub,
  scatterMul,
  scatterMin,
  scatterMax,
  scatterApply,
} from "./lax/indexing.js";
export type {
  GatherDimensionNumbers,
  ScatterDimensionNumbers,
  GatherScatterMode,
  GatherOptions,
  ScatterOptions,
} from "./lax/indexing.js";
export { reduce, selectN, map, associativeScan } from "./lax/reduce.js";
export { reducePrecision, optimizationBarrier } from "./lax/precision.js";
export { customRoot, customLinearSolve } from "./lax/implicit.js";
export { igamma, igammac, betainc, zeta, polygamma, besselI0e, besselI1e, randomGammaGrad } from "./lax/special.js";
export { convTranspose, reduceWindow } from "./lax/windows.js";
export { bitcastConvertType } from "./lax/bitcast.js";
export * from "./lax/elementwise.js";
export * from "./lax/structural.js";
export * from "./lax/reductions.js";
export * from "./lax/dot-sort.js";
