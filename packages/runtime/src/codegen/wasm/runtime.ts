// Wasm kernels the runtime jit generates: wasmKernel() emits a module from a kernel's IR (once per
// signature), and wraps the JS kernel so large calls run on it (codegen/wasm/call.ts). wasmLayout()
// is the kernel's argument positions as plain data, which the build ships next to its own modules
// (codegen/wasm/shipped.ts) so precompiled functions never generate wasm at run time.
import type { KernelFn } from "../../jit/plan.js";
import { type KernelIR, argIndex } from "../kir.js";
import { wasmAvailable } from "../wasm-gemm.js";
import { type WasmLayout, type WasmRun, wasmStats, wrapWasm } from "./call.js";
import { emitWasm, emitWasmModule, wasmSupports } from "./emit.js";
import type { ShippedWasm } from "./shipped.js";
import { kernelMemory } from "./memory.js";

export { wasmStats };

const modules = new Map<string, WasmRun | null>();

function instantiate(signature: string, ir: KernelIR): WasmRun | null {
  let run = modules.get(signature);
  if (run === undefined) {
    try {
      wasmStats.compiles++;
      const inst = new WebAssembly.Instance(new WebAssembly.Module(emitWasm(ir)), { env: { mem: kernelMemory(0) } });
      run = inst.exports.run as WasmRun;
    } catch {
      run = null; // an engine without SIMD128: the JS kernel
    }
    modules.set(signature, run);
  }
  return run;
}

/** The argument positions wrapWasm reads, or undefined when the kernel has no wasm form. */
export function wasmLayout(ir: KernelIR): WasmLayout | undefined {
  if (!wasmSupports(ir)) return undefined;
  const sig = ir.sig;
  const nin = sig.inputs.length;
  const per = (role: Parameters<typeof argIndex>[1]) => [...Array(nin).keys()].map((i) => argIndex(sig, role, i));
  const common = {
    nin,
    used: [...ir.body.used].sort((a, b) => a - b),
    out: argIndex(sig, "out"),
    consts: argIndex(sig, "consts"),
    data: per("data"),
    offset: per("offset"),
  };
  if (ir.kind === "elementwise") return { kind: "elementwise", ...common, shape: argIndex(sig, "shape"), strides: per("strides") };
  return {
    kind: "reduce",
    ...common,
    kshape: argIndex(sig, "kshape"),
    rshape: argIndex(sig, "rshape"),
    kstrides: per("kstrides"),
    rstrides: per("rstrides"),
  };
}

/**
 * `js` with a wasm fast path for calls over at least `min` elements, or null when the kernel has no
 * wasm form here (unsupported ops or dtypes, no WebAssembly SIMD, a CSP without 'wasm-unsafe-eval').
 */
export function wasmKernel(signature: string, ir: KernelIR, js: KernelFn, min: number): KernelFn | null {
  if (min === Infinity || !wasmAvailable()) return null;
  const lay = wasmLayout(ir);
  if (lay === undefined) return null;
  const run = instantiate(signature, ir);
  if (run === null) return null;
  return wrapWasm(() => run, lay, js, min);
}

/**
 * What a build ships for a module's kernels (already named, e.g. by their declaration ids): one module
 * exporting every kernel that has a wasm form under its name, and those kernels' layouts; undefined when
 * none has one.
 */
export function shipWasm(
  kernels: { name: string; signature: string; ir: KernelIR }[],
): { bytes: Uint8Array<ArrayBuffer>; kernels: ShippedWasm["kernels"] } | undefined {
  const table: ShippedWasm["kernels"] = {};
  const irs: { name: string; ir: KernelIR }[] = [];
  for (const k of kernels) {
    const layout = wasmLayout(k.ir);
    if (layout === undefined) continue;
    table[k.name] = { signature: k.signature, layout };
    irs.push({ name: k.name, ir: k.ir });
  }
  return irs.length ? { bytes: emitWasmModule(irs), kernels: table } : undefined;
}
