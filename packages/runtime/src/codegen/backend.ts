// Backend choice for jit kernels: "wasm" (WebAssembly SIMD kernels emitted from the kernel IR, for
// every kernel that has a wasm form), "js" (JS kernels only) or "auto" (the default: wasm for kernels
// over at least WASM_MIN_ELEMS elements, where it pays for its dispatch and copies; JS below, so a tiny
// add keeps JS's per-call cost). Precedence: jit(f, { backend }) > setBackend() > NUMJIT_BACKEND
// (environment, or globalThis.NUMJIT_BACKEND in browsers) > "auto". Wasm needs WebAssembly SIMD and,
// in browsers, a CSP allowing 'wasm-unsafe-eval'; without them every kernel runs as JS.
import { argumentError } from "../errors.js";

export type Backend = "auto" | "wasm" | "js";
export const BACKENDS: readonly Backend[] = ["auto", "wasm", "js"];

/** Elements below which "auto" keeps a kernel on JS. */
export const WASM_MIN_ELEMS = 4096;

function fromEnv(): Backend | undefined {
  const g = globalThis as { NUMJIT_BACKEND?: unknown; process?: { env?: Record<string, string | undefined> } };
  const raw = g.NUMJIT_BACKEND ?? g.process?.env?.NUMJIT_BACKEND;
  if (raw === undefined || raw === "") return undefined;
  if (!(BACKENDS as readonly unknown[]).includes(raw))
    throw argumentError.invalid("NUMJIT_BACKEND", `expected one of ${BACKENDS.join(", ")}, got ${JSON.stringify(raw)}`);
  return raw as Backend;
}

let current: Backend | undefined;

/** The process-wide backend (jit's `backend` option overrides it per function). */
export function setBackend(b: Backend): void {
  if (!(BACKENDS as readonly unknown[]).includes(b))
    throw argumentError.invalid("setBackend", `expected one of ${BACKENDS.join(", ")}, got ${String(b)}`);
  current = b;
}

export function getBackend(): Backend {
  return (current ??= fromEnv() ?? "auto");
}

/** Minimum kernel size (elements) that runs on wasm under backend `b`; Infinity: never. */
export function wasmThreshold(b: Backend): number {
  return b === "js" ? Infinity : b === "wasm" ? 1 : WASM_MIN_ELEMS;
}

/**
 * Matmul precision (JAX's names): "default" lets float32 products accumulate in float32 on the wasm
 * GEMM (as tfjs, jax-js and XLA on CPU do); "highest" accumulates every product in float64.
 */
export type MatmulPrecision = "default" | "highest";
let precision: MatmulPrecision = "default";

export function setMatmulPrecision(p: MatmulPrecision): void {
  if (p !== "default" && p !== "highest")
    throw argumentError.invalid("setMatmulPrecision", `expected "default" or "highest", got ${String(p)}`);
  precision = p;
}

export function getMatmulPrecision(): MatmulPrecision {
  return precision;
}
