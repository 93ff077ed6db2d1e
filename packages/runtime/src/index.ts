// @numjit/runtime: NumPy-style arrays with JAX-style transformations.
import "./eager/kernels.js";
import "./lax/impls.js";
import "./eager/linalg-impls.js";
import "./eager/conv-impl.js";
import "./eager/top-k.js";
import "./methods.js";
import * as numpy from "./numpy/index.js";
import * as nn from "./nn.js";
import * as scipySpecial from "./scipy-special.js";
import * as scipyLinalg from "./scipy-linalg.js";
import * as lax from "./lax.js";
import * as random from "./random.js";
import * as autograph from "./autograph.js";

export { numpy, nn, lax, random, scipySpecial, scipyLinalg, autograph };
export { NDArray } from "./ndarray.js";
export type { ArrayLike, NestedArray } from "./ndarray.js";
export { float32, float64, int32, uint32, bool, DTYPES } from "./dtype.js";
export type { DType, DTypeLike } from "./dtype.js";
export {
  NumjitError,
  ShapeError,
  DTypeError,
  ArgumentError,
  ConcretizationError,
  TransformError,
  CompileError,
  DeviceError,
  ThreadError,
} from "./errors.js";
export { pmap } from "./pmap/pmap.js";
export type { PmapOptions } from "./pmap/pmap.js";
export { setThreads, getThreads } from "./threads/pool.js";
export { jit, clearCaches } from "./jit/jit.js";
export { setBackend, getBackend, setMatmulPrecision, getMatmulPrecision, type Backend, type MatmulPrecision } from "./codegen/backend.js";
export type { ArgIndex, JitOptions, JitOptionsFor, Jitted, CacheInfo, Lowered } from "./jit/jit.js";
export { makeJaxpr, evalJaxpr } from "./ir/trace-jaxpr.js";
export type { ShapeDtype } from "./ir/trace-jaxpr.js";
export { Jaxpr } from "./ir/jaxpr.js";
export { setDebugLevel } from "./jit/debug.js";
export { customJvp, customVjp, checkpoint } from "./lax/custom.js";
export type { CustomJvpFunction, CustomVjpFunction } from "./lax/custom.js";
export { treeFlatten, treeUnflatten, treeMap, treeLeaves } from "./ir/tree.js";
export {
  grad,
  valueAndGrad,
  vjp,
  jvp,
  linearize,
  jacfwd,
  jacrev,
  hessian,
  vmap,
  checkGrads,
  GradCheckError,
  stopGradient,
  optim,
  gradJaxpr,
  jvpJaxpr,
  vjpJaxpr,
  vmapJaxpr,
} from "./transforms/index.js";
export type {
  GradOptions,
  JacobianOptions,
  VmapOptions,
  AxisSpec,
  Argnums,
  CheckGradsOptions,
  GradJaxprOptions,
  Cotangent,
  GradResult,
  GradValue,
  ValueAndGradResult,
  JacobianOf,
  JacobianResult,
  HessianResult,
  InAxes,
  OutAxes,
} from "./transforms/index.js";
