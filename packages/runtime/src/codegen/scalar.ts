// Scalar semantics of every elementwise primitive as JS expression templates, per input dtype.
// The single source for: run-time jit kernels, build-time emitted kernels, and the eager
// kernels generated into eager/generated-kernels.ts by scripts/gen-eager-kernels.mjs.
// Invariant: an int32 expression evaluates to a JS int32 (`| 0`, Math.imul) and a uint32 expression to a
// non-negative integer below 2^32 (`>>> 0`), so fused chains, comparisons and stores agree with eager.
import type { DType } from "../dtype.js";
import type { BinaryOp, CompareOp, UnaryOp } from "../core/primitives.js";

type Cls = "f32" | "f64" | "int" | "uint" | "bool";
export function dtypeClass(d: DType): Cls {
  switch (d) {
    case "float32":
      return "f32";
    case "float64":
      return "f64";
    case "int32":
      return "int";
    case "uint32":
      return "uint";
    case "bool":
      return "bool";
  }
}
const id = (a: string) => a;

const M = (f: string) => (a: string) => `Math.${f}(${a})`;
type U = (a: string) => string;
type B = (a: string, b: string) => string;

/** Unary templates. f32 may use fast approximations (H.*32); f64 uses Math.* exactly. */
const UNARY: Record<UnaryOp, Partial<Record<Cls, U>> & { float?: U; any?: U }> = {
  neg: { float: (a) => `(-${a})`, int: (a) => `((-${a}) | 0)`, uint: (a) => `((-${a}) >>> 0)` },
  abs: { float: M("abs"), int: (a) => `(Math.abs(${a}) | 0)`, uint: id, bool: id },
  sign: { any: (a) => `H.sign(${a})` },
  floor: { float: M("floor"), int: id, uint: id, bool: id },
  ceil: { float: M("ceil"), int: id, uint: id, bool: id },
  round: { float: (a) => `H.rint(${a})`, int: id, uint: id, bool: id },
  sqrt: { float: M("sqrt") },
  exp: { f32: (a) => `H.exp32(${a})`, f64: M("exp") },
  exp2: { float: (a) => `Math.pow(2, ${a})` },
  expm1: { float: M("expm1") },
  log: { float: M("log") },
  log2: { float: M("log2") },
  log10: { float: M("log10") },
  log1p: { float: M("log1p") },
  sin: { float: M("sin") },
  cos: { float: M("cos") },
  tan: { float: M("tan") },
  asin: { float: M("asin") },
  acos: { float: M("acos") },
  atan: { float: M("atan") },
  sinh: { float: M("sinh") },
  cosh: { float: M("cosh") },
  tanh: { f32: (a) => `H.tanh32(${a})`, f64: M("tanh") },
  asinh: { float: M("asinh") },
  acosh: { float: M("acosh") },
  atanh: { float: M("atanh") },
  logistic: { f32: (a) => `H.logistic32(${a})`, f64: (a) => `H.logistic(${a})` },
  // XLA's ErfInv (Giles' polynomials), operation for operation, so that random.normal matches JAX bit for bit
  erf_inv: { f32: (a) => `H.erfinv32(${a})`, f64: (a) => `H.erfinv64(${a})` },
  // lax.not_: bitwise on integers, logical on bool
  not: { int: (a) => `(~${a})`, uint: (a) => `((~${a}) >>> 0)`, bool: (a) => `(${a} ? 0 : 1)` },
  is_nan: { any: (a) => `(${a} !== ${a} ? 1 : 0)` },
  is_inf: { any: (a) => `(${a} === Infinity || ${a} === -Infinity ? 1 : 0)` },
  is_finite: { any: (a) => `(${a} - ${a} === 0 ? 1 : 0)` },
  stop_gradient: { any: (a) => a },
};

const BINARY: Record<BinaryOp, Partial<Record<Cls, B>> & { float?: B; any?: B }> = {
  add: {
    float: (a, b) => `(${a} + ${b})`,
    int: (a, b) => `((${a} + ${b}) | 0)`,
    uint: (a, b) => `((${a} + ${b}) >>> 0)`,
    bool: (a, b) => `(${a} | ${b})`,
  },
  sub: {
    float: (a, b) => `(${a} - ${b})`,
    int: (a, b) => `((${a} - ${b}) | 0)`,
    uint: (a, b) => `((${a} - ${b}) >>> 0)`,
    bool: (a, b) => `(${a} ^ ${b})`,
  },
  mul: {
    float: (a, b) => `(${a} * ${b})`,
    int: (a, b) => `Math.imul(${a}, ${b})`,
    uint: (a, b) => `(Math.imul(${a}, ${b}) >>> 0)`,
    bool: (a, b) => `(${a} & ${b})`,
  },
  // uint32 quotients of doubles below 2^32 floor exactly: a non-integer a/b is at least 1/b below the next integer
  div: { float: (a, b) => `(${a} / ${b})`, int: (a, b) => `(${b} === 0 ? 0 : (${a} / ${b}) | 0)`, uint: (a, b) => `H.udiv(${a}, ${b})` },
  floor_divide: {
    float: (a, b) => `H.fdiv(${a}, ${b})`,
    int: (a, b) => `H.ifloordiv(${a}, ${b})`,
    uint: (a, b) => `H.udiv(${a}, ${b})`,
    bool: (a, b) => `(${a} & ${b})`,
  },
  mod: {
    float: (a, b) => `H.fmod(${a}, ${b})`,
    int: (a, b) => `H.imod(${a}, ${b})`,
    uint: (a, b) => `(${b} === 0 ? 0 : ${a} % ${b})`,
    bool: (a, b) => `(${a} & ~${b} & 0)`,
  },
  pow: {
    float: (a, b) => `H.fpow(${a}, ${b})`,
    int: (a, b) => `H.ipow(${a}, ${b})`,
    uint: (a, b) => `(H.ipow(${a}, ${b}) >>> 0)`,
    bool: (a, b) => `(${a} | (${b} ^ 1))`,
  },
  max: { any: (a, b) => `Math.max(${a}, ${b})` },
  min: { any: (a, b) => `Math.min(${a}, ${b})` },
  atan2: { float: (a, b) => `Math.atan2(${a}, ${b})` },
  and: { int: (a, b) => `(${a} & ${b})`, uint: (a, b) => `((${a} & ${b}) >>> 0)`, bool: (a, b) => `(${a} & ${b})` },
  or: { int: (a, b) => `(${a} | ${b})`, uint: (a, b) => `((${a} | ${b}) >>> 0)`, bool: (a, b) => `(${a} | ${b})` },
  xor: { int: (a, b) => `(${a} ^ ${b})`, uint: (a, b) => `((${a} ^ ${b}) >>> 0)`, bool: (a, b) => `(${a} ^ ${b})` },
  // XLA shifts: an amount outside [0, 32) (as unsigned) gives 0, or the sign fill for the arithmetic shift
  shift_left: { int: (a, b) => `((${b} >>> 0) >= 32 ? 0 : ${a} << ${b})`, uint: (a, b) => `(${b} >= 32 ? 0 : (${a} << ${b}) >>> 0)` },
  shift_right_logical: {
    int: (a, b) => `((${b} >>> 0) >= 32 ? 0 : (${a} >>> ${b}) | 0)`,
    uint: (a, b) => `(${b} >= 32 ? 0 : ${a} >>> ${b})`,
  },
  shift_right_arithmetic: {
    int: (a, b) => `(${a} >> ((${b} >>> 0) >= 32 ? 31 : ${b}))`,
    uint: (a, b) => `((${a} >> (${b} >= 32 ? 31 : ${b})) >>> 0)`,
  },
};

const COMPARE: Record<CompareOp, string> = { eq: "===", ne: "!==", lt: "<", le: "<=", gt: ">", ge: ">=" };

function pick<T>(table: Partial<Record<Cls, T>> & { float?: T; any?: T }, c: Cls): T | undefined {
  return table[c] ?? (c === "f32" || c === "f64" ? table.float : undefined) ?? table.any;
}

export function hasUnary(op: UnaryOp, d: DType): boolean {
  return pick(UNARY[op], dtypeClass(d)) !== undefined;
}
export function hasBinary(op: BinaryOp, d: DType): boolean {
  return pick(BINARY[op], dtypeClass(d)) !== undefined;
}

export function unaryExpr(op: UnaryOp, d: DType, a: string): string {
  const t = pick(UNARY[op], dtypeClass(d));
  if (!t) throw new Error(`no scalar template for ${op} on ${d}`);
  return t(a);
}

export function binaryExpr(op: BinaryOp, d: DType, a: string, b: string): string {
  const t = pick(BINARY[op], dtypeClass(d));
  if (!t) throw new Error(`no scalar template for ${op} on ${d}`);
  return t(a, b);
}

export function compareExpr(op: CompareOp, a: string, b: string): string {
  return `(${a} ${COMPARE[op]} ${b} ? 1 : 0)`;
}

export function selectExpr(p: string, a: string, b: string): string {
  return `(${p} ? ${a} : ${b})`;
}

export function convertExpr(from: DType, to: DType, a: string): string {
  if (from === to) return a;
  switch (to) {
    case "float32":
      // int32 above 2^24 is not a float32 either: round, as the store of an eager cast does
      return from === "bool" ? a : `Math.fround(${a})`;
    case "float64":
      return a;
    case "int32":
      if (from === "uint32") return `(${a} | 0)`; // modulo 2^32, as NumPy's astype
      return from === "bool" ? a : `H.f2i(${a})`; // saturating, NaN -> 0 (JAX on CPU)
    case "uint32":
      if (from === "int32") return `(${a} >>> 0)`;
      return from === "bool" ? a : `H.f2u(${a})`; // saturating, negatives and NaN -> 0 (JAX on CPU)
    case "bool":
      return `(${a} !== 0 ? 1 : 0)`;
  }
}
