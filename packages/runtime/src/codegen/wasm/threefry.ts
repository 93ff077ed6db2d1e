// The threefry2x32 primitive on WebAssembly SIMD (eager/threefry-kernel.ts calls it for large enough
// arrays under a scalar key, the case of every random sampler): four counters per i32x4 lane group,
// the 20 rounds unrolled, the key words splatted once, over the shared kernel memory (codegen/wasm/memory.ts).
// A build whose precompiled functions draw random numbers ships the function in its module's wasm
// (runtime.ts shipWasm, export THREEFRY_EXPORT) and that instance serves every caller, so nothing is
// generated at run time; otherwise the module is encoded here on first use (counted in wasmStats.compiles).
// While a shipped module is still compiling, or without WebAssembly SIMD or under a CSP that refuses it,
// the JS loop runs.
import { wasmStats } from "./call.js";
import { Code, encodeModule } from "./encoder.js";
import { kernelMemory } from "./memory.js";

/** The export name of the function in a build's shipped module (kernel exports are `<prefix>k<n>`). */
export const THREEFRY_EXPORT = "threefry";

const ROTATIONS = [
  [13, 15, 26, 6],
  [17, 29, 16, 24],
];

/**
 * threefry(n, k0, k1, x0, x0dense, x1, out, part): n counters (a multiple of 4) at byte addresses; x0 is
 * an address when x0dense, else the value of every high counter. part 0: hi word, 1: lo, 2: their xor.
 */
export function threefryCode(): Code {
  const c = new Code(["i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32"]);
  const [n, k0, k1, x0, x0dense, x1, out, part] = [0, 1, 2, 3, 4, 5, 6, 7];
  const ks = [c.local("v128"), c.local("v128"), c.local("v128")];
  const hi0 = c.local("v128"),
    a = c.local("v128"),
    b = c.local("v128");
  const p = c.local("i32"),
    end = c.local("i32");
  c.get(k0).simd("i32x4.splat").set(ks[0]!);
  c.get(k1).simd("i32x4.splat").set(ks[1]!);
  c.get(k0).get(k1).op(0x73).i32(0x1bd11bda).op(0x73).simd("i32x4.splat").set(ks[2]!); // i32.xor
  c.get(x0).simd("i32x4.splat").set(hi0);
  c.get(n).i32(2).i32op("shl").set(end);
  c.i32(0).set(p);
  c.block().loop();
  c.get(p).get(end).i32op("ge_u").brIf(1);
  c.get(x0dense).if();
  c.get(x0).get(p).i32op("add").mem("v128.load").set(a);
  c.else();
  c.get(hi0).set(a);
  c.end();
  c.get(a).get(ks[0]!).simd("i32x4.add").set(a);
  c.get(x1).get(p).i32op("add").mem("v128.load").get(ks[1]!).simd("i32x4.add").set(b);
  for (let g = 0; g < 5; g++) {
    for (const r of ROTATIONS[g % 2]!) {
      c.get(a).get(b).simd("i32x4.add").set(a);
      c.get(b)
        .i32(r)
        .simd("i32x4.shl")
        .get(b)
        .i32(32 - r)
        .simd("i32x4.shr_u")
        .simd("v128.or")
        .get(a)
        .simd("v128.xor")
        .set(b);
    }
    c.get(a)
      .get(ks[(g + 1) % 3]!)
      .simd("i32x4.add")
      .set(a);
    c.get(b)
      .get(ks[(g + 2) % 3]!)
      .simd("i32x4.add")
      .i32x4(g + 1)
      .simd("i32x4.add")
      .set(b);
  }
  c.get(part).i32(2).i32op("ne").i32op("eqz").if();
  c.get(a).get(b).simd("v128.xor").set(a);
  c.else();
  c.get(part).if();
  c.get(b).set(a);
  c.end();
  c.end();
  c.get(out).get(p).i32op("add").get(a).mem("v128.store");
  c.get(p).i32(16).i32op("add").set(p).br(0);
  c.end().end();
  return c;
}

type Run = (n: number, k0: number, k1: number, x0: number, x0dense: number, x1: number, out: number, part: number) => void;
/** A build's shipped function (the first to arrive), and how many shipped modules are still compiling. */
let shipped: Run | undefined;
let awaiting = 0;
/** The module encoded here: undefined until first needed, null when unavailable. */
let encoded: Run | null | undefined;

/** A build's module that exports the function is compiling (shipped.ts): no module is encoded meanwhile. */
export function expectShippedThreefry(): void {
  awaiting++;
}

/** That module's function, or null when its module could not be instantiated. */
export function shippedThreefry(f: Run | null): void {
  awaiting--;
  if (f) shipped ??= f;
}

function load(): Run | null {
  if (shipped) return shipped;
  if (awaiting > 0) return null;
  if (encoded !== undefined) return encoded;
  try {
    wasmStats.compiles++;
    const module = new WebAssembly.Module(encodeModule([{ name: THREEFRY_EXPORT, code: threefryCode() }]));
    encoded = new WebAssembly.Instance(module, { env: { mem: kernelMemory(0) } }).exports[THREEFRY_EXPORT] as Run;
  } catch {
    encoded = null;
  }
  return encoded;
}

/**
 * out[i] = part of threefry2x32(k0, k1, x0[i] (or the scalar x0), x1[i]) for i < out.length, in wasm;
 * false when the module is unavailable (the caller runs its JS loop).
 */
export function threefryWasm(
  k0: number,
  k1: number,
  x0: Uint32Array | number,
  x1: Uint32Array,
  out: Uint32Array,
  part: 0 | 1 | 2,
): boolean {
  const f = load();
  if (!f) return false;
  const n = out.length,
    n4 = (n + 3) & ~3;
  const dense = typeof x0 !== "number";
  const a1 = 0,
    a0 = 4 * n4,
    ao = (dense ? 8 : 4) * n4;
  const mem = kernelMemory(ao + 4 * n4);
  new Uint32Array(mem.buffer, a1, n).set(x1);
  if (dense) new Uint32Array(mem.buffer, a0, n).set(x0);
  f(n4, k0 | 0, k1 | 0, dense ? a0 : x0 | 0, dense ? 1 : 0, a1, ao, part);
  wasmStats.threefry++;
  out.set(new Uint32Array(mem.buffer, ao, n));
  return true;
}
