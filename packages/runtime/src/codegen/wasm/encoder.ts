// A dependency-free WebAssembly binary encoder: just what numjit's kernels need (i32/f32/f64/v128
// locals, structured loops, memory access, SIMD128 and relaxed-SIMD opcodes), one module per kernel
// importing the kernels' memory `env.mem`. Opcodes follow the core and SIMD specifications' tables.
import { memoryImport } from "./memory.js";

export type ValType = "i32" | "f32" | "f64" | "v128";
const VALTYPE: Record<ValType, number> = { i32: 0x7f, f32: 0x7d, f64: 0x7c, v128: 0x7b };

function uleb(n: number, out: number[]): void {
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
}

function sleb(n: number, out: number[]): void {
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return;
    }
    out.push(b | 0x80);
  }
}

/** SIMD opcodes (0xfd prefix), by the names of the SIMD spec. */
export const SIMD = {
  "v128.load": 0x00,
  "v128.load32_splat": 0x09,
  "v128.store": 0x0b,
  "v128.const": 0x0c,
  "f32x4.splat": 0x13,
  "f64x2.splat": 0x14,
  "i32x4.splat": 0x11,
  "f32x4.extract_lane": 0x1f,
  "f32x4.replace_lane": 0x20,
  "f64x2.extract_lane": 0x21,
  "f32x4.eq": 0x41,
  "f32x4.ne": 0x42,
  "f32x4.lt": 0x43,
  "f32x4.gt": 0x44,
  "f32x4.le": 0x45,
  "f32x4.ge": 0x46,
  "v128.not": 0x4d,
  "v128.and": 0x4e,
  "v128.or": 0x50,
  "v128.xor": 0x51,
  "v128.bitselect": 0x52,
  "v128.any_true": 0x53,
  "f32x4.ceil": 0x67,
  "f32x4.floor": 0x68,
  "f32x4.nearest": 0x6a,
  "i32x4.shl": 0xab,
  "i32x4.shr_s": 0xac,
  "i32x4.shr_u": 0xad,
  "i32x4.add": 0xae,
  "i32x4.sub": 0xb1,
  "f32x4.abs": 0xe0,
  "f32x4.neg": 0xe1,
  "f32x4.sqrt": 0xe3,
  "f32x4.add": 0xe4,
  "f32x4.sub": 0xe5,
  "f32x4.mul": 0xe6,
  "f32x4.div": 0xe7,
  "f32x4.min": 0xe8,
  "f32x4.max": 0xe9,
  "f32x4.pmin": 0xea,
  "f32x4.pmax": 0xeb,
  "f64x2.add": 0xf0,
  "f32x4.demote_f64x2_zero": 0x5e,
  "f64x2.mul": 0xf2,
  "i32x4.trunc_sat_f32x4_s": 0xf8,
  "f32x4.convert_i32x4_s": 0xfa,
  "f64x2.promote_low_f32x4": 0x5f,
  "i8x16.shuffle": 0x0d,
  // relaxed SIMD
  "f32x4.relaxed_madd": 0x105,
} as const;
export type SimdOp = keyof typeof SIMD;

/** A function body under construction. Locals are declared on demand; params come first. */
export class Code {
  readonly bytes: number[] = [];
  private locals: ValType[] = [];
  /** v128 constants by their 16 bytes: the local each is read into ahead of the body, from a module global. */
  readonly consts = new Map<string, number>();
  constructor(readonly params: ValType[]) {}

  local(t: ValType): number {
    this.locals.push(t);
    return this.params.length + this.locals.length - 1;
  }
  op(...b: number[]): this {
    this.bytes.push(...b);
    return this;
  }
  get(i: number): this {
    this.bytes.push(0x20);
    uleb(i, this.bytes);
    return this;
  }
  set(i: number): this {
    this.bytes.push(0x21);
    uleb(i, this.bytes);
    return this;
  }
  tee(i: number): this {
    this.bytes.push(0x22);
    uleb(i, this.bytes);
    return this;
  }
  i32(n: number): this {
    this.bytes.push(0x41);
    sleb(n | 0, this.bytes);
    return this;
  }
  f32(x: number): this {
    this.bytes.push(0x43, ...new Uint8Array(new Float32Array([x]).buffer));
    return this;
  }
  f64(x: number): this {
    this.bytes.push(0x44, ...new Uint8Array(new Float64Array([x]).buffer));
    return this;
  }
  /** i32 binary/compare ops. */
  i32op(name: "add" | "sub" | "mul" | "lt_u" | "lt_s" | "ge_u" | "eqz" | "ne" | "and" | "shl"): this {
    const codes = { eqz: 0x45, ne: 0x47, lt_s: 0x48, lt_u: 0x49, ge_u: 0x4f, add: 0x6a, sub: 0x6b, mul: 0x6c, and: 0x71, shl: 0x74 };
    this.bytes.push(codes[name]);
    return this;
  }
  i32load(offset = 0): this {
    this.bytes.push(0x28, 2);
    uleb(offset, this.bytes);
    return this;
  }
  f32load(offset = 0): this {
    this.bytes.push(0x2a, 2);
    uleb(offset, this.bytes);
    return this;
  }
  f32store(offset = 0): this {
    this.bytes.push(0x38, 2);
    uleb(offset, this.bytes);
    return this;
  }
  f64load(offset = 0): this {
    this.bytes.push(0x2b, 3);
    uleb(offset, this.bytes);
    return this;
  }
  f64store(offset = 0): this {
    this.bytes.push(0x39, 3);
    uleb(offset, this.bytes);
    return this;
  }
  simd(name: SimdOp, ...imm: number[]): this {
    this.bytes.push(0xfd);
    uleb(SIMD[name], this.bytes);
    this.bytes.push(...imm);
    return this;
  }
  /** v128 memory access with alignment log2 and offset immediates. */
  mem(name: "v128.load" | "v128.store" | "v128.load32_splat", offset = 0): this {
    this.simd(name);
    this.bytes.push(name === "v128.load32_splat" ? 2 : 4);
    uleb(offset, this.bytes);
    return this;
  }
  /**
   * A v128 constant, read from a local set once before the body from a mutable module global (encodeModule):
   * engines materialize v128.const with three instructions at every use inside a loop, and see through a
   * local set from one (V8's TurboFan rematerializes it), but not through a mutable global, so the value
   * stays in a register or one stack slot.
   */
  v128const(lanes: Float32Array | Int32Array): this {
    const key = [...new Uint8Array(lanes.buffer, lanes.byteOffset, 16)].join(",");
    let l = this.consts.get(key);
    if (l === undefined) {
      l = this.local("v128");
      this.consts.set(key, l);
    }
    return this.get(l);
  }
  f32x4(x: number): this {
    return this.v128const(new Float32Array([x, x, x, x]));
  }
  i32x4(x: number): this {
    return this.v128const(new Int32Array([x, x, x, x]));
  }
  block(): this {
    return this.op(0x02, 0x40);
  }
  loop(): this {
    return this.op(0x03, 0x40);
  }
  if(): this {
    return this.op(0x04, 0x40);
  }
  else(): this {
    return this.op(0x05);
  }
  end(): this {
    return this.op(0x0b);
  }
  br(depth: number): this {
    return this.op(0x0c, depth);
  }
  brIf(depth: number): this {
    return this.op(0x0d, depth);
  }

  /** The function body: local declarations, the constants read from their globals (`global(key)`), code, end. */
  encode(global: (key: string) => number): number[] {
    const out: number[] = [];
    uleb(this.locals.length, out);
    for (const t of this.locals) out.push(1, VALTYPE[t]);
    for (const [key, l] of this.consts) {
      out.push(0x23); // global.get
      uleb(global(key), out);
      out.push(0x21);
      uleb(l, out);
    }
    out.push(...this.bytes, 0x0b);
    return out;
  }
}

function section(id: number, body: number[], out: number[]): void {
  out.push(id);
  uleb(body.length, out);
  out.push(...body);
}

function name(s: string, out: number[]): void {
  uleb(s.length, out);
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i));
}

/** The import section: `env.mem`, declared as this engine's kernel memory is (shared with a maximum, or not). */
function memoryImportSection(out: number[]): void {
  const imports: number[] = [1];
  name("env", imports);
  name("mem", imports);
  const mem = memoryImport();
  if (mem.shared) {
    imports.push(0x02, 0x03, 0x01); // memory, limits: shared, min 1 page, max
    uleb(mem.maxPages, imports);
  } else imports.push(0x02, 0x00, 0x01); // memory, limits: min 1 page, no max
  section(2, imports, out);
}

/**
 * A module from encodeModule with its memory import redeclared for this engine: a build ships bytes
 * encoded where the kernel memory may have been shared or not (or had another maximum), and an
 * instance links only against a memory of the declared kind.
 */
export function withMemoryImport(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  let p = 8;
  const read = (): number => {
    let r = 0,
      shift = 0,
      b: number;
    do {
      b = bytes[p++]!;
      r |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return r >>> 0;
  };
  while (p < bytes.length) {
    const start = p;
    const id = bytes[p++]!;
    const end = read() + p;
    if (id === 2) {
      const sec: number[] = [];
      memoryImportSection(sec);
      const out = new Uint8Array(new ArrayBuffer(bytes.length - (end - start) + sec.length));
      out.set(bytes.subarray(0, start));
      out.set(sec, start);
      out.set(bytes.subarray(end), start + sec.length);
      return out;
    }
    p = end;
  }
  throw new Error("internal: a kernel module without its memory import");
}

/** A module of exported functions (no results) over the imported memory `env.mem` (codegen/wasm/memory.ts). */
export function encodeModule(funcs: { name: string; code: Code }[]): Uint8Array<ArrayBuffer> {
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const types: number[] = [];
  uleb(funcs.length, types);
  for (const f of funcs) {
    types.push(0x60);
    uleb(f.code.params.length, types);
    for (const p of f.code.params) types.push(VALTYPE[p]);
    types.push(0);
  }
  section(1, types, out);
  memoryImportSection(out);
  const fns: number[] = [];
  uleb(funcs.length, fns);
  funcs.forEach((_, i) => uleb(i, fns));
  section(3, fns, out);
  // every function's v128 constants as mutable globals, deduplicated across the module
  const globals = new Map<string, number>();
  for (const f of funcs) for (const key of f.code.consts.keys()) if (!globals.has(key)) globals.set(key, globals.size);
  if (globals.size) {
    const gs: number[] = [];
    uleb(globals.size, gs);
    for (const key of globals.keys()) {
      gs.push(VALTYPE.v128, 0x01, 0xfd); // v128, mutable, init: v128.const <16 bytes> end
      uleb(SIMD["v128.const"], gs);
      gs.push(...key.split(",").map(Number), 0x0b);
    }
    section(6, gs, out);
  }
  const exps: number[] = [];
  uleb(funcs.length, exps);
  funcs.forEach((f, i) => {
    name(f.name, exps);
    exps.push(0x00);
    uleb(i, exps);
  });
  section(7, exps, out);
  const code: number[] = [];
  uleb(funcs.length, code);
  for (const f of funcs) {
    const body = f.code.encode((key) => globals.get(key)!);
    uleb(body.length, code);
    code.push(...body);
  }
  section(10, code, out);
  const bytes = new Uint8Array(new ArrayBuffer(out.length));
  bytes.set(out);
  return bytes;
}
