// Wasm kernels the runtime jit generates: wasmKernel() emits a module from a kernel's IR (once per
// signature), and wraps the JS kernel so large calls run on it, split across the worker pool when
// large enough (codegen/wasm/call.ts, split.ts). wasmLayout() is the kernel's argument positions as
// plain data, which the build ships next to its own modules (codegen/wasm/shipped.ts, shipWasm below)
// so precompiled functions never generate wasm at run time. A run-time jit's sums over leading axes
// also get a column-sum module (cols.ts).
import type { KernelFn } from "../../jit/plan.js";
import type { ParallelKernel } from "../../threads/pool.js";
import { type KernelIR, argIndex } from "../kir.js";
import { wasmAvailable } from "../wasm-gemm.js";
import { type ColsForm, type WasmLayout, wasmStats, wrapWasm } from "./call.js";
import { emitWasm, emitWasmModule, wasmSupports } from "./emit.js";
import { colsCode } from "./cols.js";
import { encodeModule } from "./encoder.js";
import { kernelMemory } from "./memory.js";
import type { ShippedWasm } from "./shipped.js";
import { THREEFRY_EXPORT, threefryCode } from "./threefry.js";

const modules = new Map<string, ParallelKernel | null>();

/** What a kernel computes, for errors raised on a worker (e.g. "reduce_sum kernel (exp, mul)"). */
function kernelOp(ir: KernelIR): string {
  const ops = [...new Set(ir.body.insts.map((i) => ("prim" in i.op ? i.op.prim : i.op.op)))];
  if (ir.kind === "rows") return `${ir.row} rows`;
  return `${ir.kind === "reduce" ? ir.reduce : ir.kind} kernel (${ops.join(", ")})`;
}

/** The module for a signature, generated and instantiated once on the shared memory. */
function instantiate(signature: string, bytes: () => Uint8Array<ArrayBuffer>, op: () => string): ParallelKernel | null {
  let k = modules.get(signature);
  if (k === undefined) {
    try {
      wasmStats.compiles++;
      const module = new WebAssembly.Module(bytes());
      const inst = new WebAssembly.Instance(module, { env: { mem: kernelMemory(0) } });
      k = { module, fn: "run", run: inst.exports.run as ParallelKernel["run"], op: op() };
    } catch {
      k = null; // an engine without SIMD128: the JS kernel
    }
    modules.set(signature, k);
  }
  return k;
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
  if (ir.kind === "rows") return { kind: "rows", row: ir.row, ...common, shape: argIndex(sig, "shape"), strides: per("strides") };
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
  const k = instantiate(
    signature,
    () => emitWasm(ir),
    () => kernelOp(ir),
  );
  if (k === null) return null;
  // a sum over leading axes also gets a column-sum form (generated on its first such call)
  const cols: ColsForm | undefined =
    ir.kind === "reduce" && ir.reduce === "reduce_sum"
      ? {
          mode: argIndex(ir.sig, "mode"),
          kernel: () =>
            instantiate(
              `${signature}:cols`,
              () => encodeModule([{ name: "run", code: colsCode(ir.body) }]),
              () => kernelOp(ir),
            ),
        }
      : undefined;
  return wrapWasm(() => k, lay, js, min, cols);
}

/**
 * What a build ships for a module's kernels (already named, e.g. by their declaration ids): one module
 * exporting every kernel that has a wasm form under its name, and those kernels' layouts, plus the
 * threefry2x32 function when `threefry` (a precompiled function draws random numbers); undefined when
 * there is nothing to ship.
 */
export function shipWasm(
  kernels: { name: string; signature: string; ir: KernelIR }[],
  opts: { threefry?: boolean } = {},
): { bytes: Uint8Array<ArrayBuffer>; kernels: ShippedWasm["kernels"]; threefry?: string } | undefined {
  const table: ShippedWasm["kernels"] = {};
  const irs: { name: string; ir: KernelIR; signature: string }[] = [];
  for (const k of kernels) {
    const layout = wasmLayout(k.ir);
    if (layout === undefined) continue;
    table[k.name] = { signature: k.signature, op: kernelOp(k.ir), layout };
    irs.push({ name: k.name, ir: k.ir, signature: k.signature });
  }
  if (!irs.length && !opts.threefry) return undefined;
  if (!opts.threefry) return { bytes: emitWasmModule(irs), kernels: table };
  const bytes = emitWasmModule(irs, [{ name: THREEFRY_EXPORT, code: threefryCode() }]);
  return { bytes, kernels: table, threefry: THREEFRY_EXPORT };
}
