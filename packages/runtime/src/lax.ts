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
export { psum, pmean, pmax, allGather, axisIndex, axisSize } from "./lax/collectives.js";
export type { AllGatherOptions } from "./lax/collectives.js";
export { topK } from "./lax/top-k.js";
export { convTranspose, reduceWindow } from "./lax/windows.js";
export { bitcastConvertType } from "./lax/bitcast.js";
export * from "./lax/elementwise.js";
export * from "./lax/structural.js";
export * from "./lax/reductions.js";
export * from "./lax/dot-sort.js";
