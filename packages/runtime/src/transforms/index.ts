// Transformations: grad / vjp / jvp / vmap and friends, plus optim and checkGrads.
export { grad, valueAndGrad, vjp, backwardPass, record, pullback } from "./vjp.js";
export type { Cotangent, GradOptions, GradResult, GradValue, ValueAndGradResult } from "./vjp.js";
export { jvp, linearize, pushForward } from "./jvp.js";
export { jacfwd, jacrev, hessian } from "./jacobian.js";
export type { HessianResult, JacobianOf, JacobianOptions, JacobianResult } from "./jacobian.js";
export { vmap } from "./vmap.js";
export type { InAxes, OutAxes, VmapOptions } from "./vmap.js";
export type { AxisSpec, Argnums } from "./tree-util.js";
export { checkGrads, GradCheckError } from "./check-grads.js";
export type { CheckGradsOptions } from "./check-grads.js";
export { gradJaxpr, jvpJaxpr, vjpJaxpr, vmapJaxpr, retrace } from "./jaxpr.js";
export type { GradJaxprOptions } from "./jaxpr.js";
export { adRules, jvpRules, vjpRules } from "./rules/index.js";
export { batchRules } from "./batching.js";
export * as optim from "./optim.js";
export { stopGradient } from "../numpy/elementwise.js";
