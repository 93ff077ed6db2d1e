// The `lax` namespace: JAX's lax in camelCase (control flow and select).
export { cond, switch, whileLoop, foriLoop, scan, select } from "./lax/control-flow.js";
export type { ScanOptions } from "./lax/control-flow.js";
export { customJvp, customVjp, checkpoint } from "./lax/custom.js";
export type { CustomJvpFunction, CustomVjpFunction } from "./lax/custom.js";
