// Symbolic dimensions (packages/runtime/src/core/dims.ts) and the constraint context (shape-env.ts):
// normal form, printing like JAX, parsing, decidable comparisons, and evaluation against plain arithmetic.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ShapeError } from "@numjit/runtime";
import {
  type Dim,
  ShapeEnv,
  bindShape,
  dimAdd,
  dimCompare,
  dimEq,
  dimFloorDiv,
  dimMax,
  dimMin,
  dimMod,
  dimMul,
  dimSub,
  dimSymbols,
  dimToString,
  evalDim,
  parseDim,
  shapeToString,
  sym,
} from "@numjit/runtime/internal";

const seedEnv = process.env.FC_SEED;
fc.configureGlobal(seedEnv === "random" ? {} : { seed: seedEnv ? Number(seedEnv) : 20261129 });

const N = sym("N"),
  B = sym("B");
const s = (d: Dim) => dimToString(d);
function caught(f: () => unknown): ShapeError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ShapeError);
    return e as ShapeError;
  }
  throw new Error("expected a ShapeError");
}

describe("normal form and printing", () => {
  it("prints like JAX", () => {
    expect(s(dimAdd(dimMul(2, N), 1))).toBe("2*N + 1");
    expect(s(B)).toBe("B");
    expect(s(dimFloorDiv(N, 2))).toBe("floordiv(N, 2)");
    expect(s(dimMod(N, 3))).toBe("mod(N, 3)");
    expect(s(dimSub(3, N))).toBe("-N + 3");
    expect(s(dimMul(dimAdd(N, 1), dimSub(N, 1)))).toBe("N^2 - 1");
    expect(s(dimMax(N, 3))).toBe("max(3, N)");
    expect(s(dimMin(N, B))).toBe("min(B, N)");
    expect(shapeToString([B, dimAdd(dimMul(2, N), 1)])).toBe("(B, 2*N + 1)");
    expect(shapeToString([N])).toBe("(N,)");
  });

  it("is canonical: equal polynomials have one form, constants are numbers", () => {
    expect(dimEq(dimAdd(N, B), dimAdd(B, N))).toBe(true);
    expect(dimEq(dimMul(dimAdd(N, B), 2), dimAdd(dimMul(2, B), dimMul(N, 2)))).toBe(true);
    expect(dimSub(N, N)).toBe(0);
    expect(dimSub(dimMul(N, B), dimMul(B, N))).toBe(0);
    expect(dimFloorDiv(dimAdd(dimMul(2, N), 2), 2)).toSatisfy((d: Dim) => dimEq(d, dimAdd(N, 1)));
    expect(dimMod(dimAdd(dimMul(2, N), 3), 2)).toBe(1);
    expect(s(dimFloorDiv(dimSub(N, 1), 2))).toBe("floordiv(N + 1, 2) - 1");
    expect(s(dimFloorDiv(dimMul(B, N), N))).toBe("B");
    expect(s(dimFloorDiv(dimAdd(dimMul(B, N), N), N))).toBe("B + 1");
    expect(dimFloorDiv(dimMul(3, N), dimMul(3, N))).toBe(1);
    expect(dimMod(dimMul(B, N), N)).toBe(0);
    expect(dimFloorDiv(0, N)).toBe(0);
    expect(dimMod(0, N)).toBe(0);
    expect(dimMax(dimAdd(N, 1), N)).toSatisfy((d: Dim) => dimEq(d, dimAdd(N, 1)));
    expect(dimMin(N, 0)).toBe(0);
    expect(dimMax(N, 1)).toBe(N);
  });

  it("raises NJ112 for a symbolic divisor that does not divide exactly, NJ113 for division by zero", () => {
    const e = caught(() => dimFloorDiv(dimAdd(N, 1), B));
    expect(e.code).toBe("NJ112");
    expect(e.data.op).toBe("floordiv");
    expect((e.data.dims as Dim[]).map(s)).toEqual(["N + 1", "B"]);
    expect(caught(() => dimMod(N, B)).code).toBe("NJ112");
    expect(caught(() => dimFloorDiv(N, 0)).code).toBe("NJ113");
  });
});

describe("parseDim", () => {
  it("parses annotations", () => {
    expect(s(parseDim("2*N+1"))).toBe("2*N + 1");
    expect(s(parseDim("B * (N - 1)"))).toBe("B*N - B");
    expect(s(parseDim("N // 2 + N % 2"))).toBe("floordiv(N, 2) + mod(N, 2)");
    expect(s(parseDim("floordiv(N, 2)"))).toBe("floordiv(N, 2)");
    expect(s(parseDim("max(N, B) - min(N, 4)"))).toBe("max(B, N) - min(4, N)");
    expect(s(parseDim("N^2"))).toBe("N^2");
    expect(parseDim("12")).toBe(12);
    expect(parseDim("-3 + 5")).toBe(2);
  });

  it("reports a malformed dimension as NJ113 with the text", () => {
    for (const bad of ["2*", "N +", "(N", "N)", "2 $ 3", "N^B", ""]) {
      const e = caught(() => parseDim(bad));
      expect(e.code).toBe("NJ113");
      expect(e.data).toMatchObject({ op: "parseDim", dims: [bad] });
    }
    expect(caught(() => sym("2x")).code).toBe("NJ113");
  });
});

describe("dimCompare (every symbol >= 1)", () => {
  const cases: [Dim, "==" | "!=" | "<" | "<=" | ">" | ">=", Dim, boolean | undefined][] = [
    [dimAdd(N, 1), ">", N, true],
    [N, ">=", 1, true],
    [N, ">", 0, true],
    [N, "<", 1, false],
    [N, "==", 0, false],
    [N, "!=", 0, true],
    [N, "==", N, true],
    [N, "==", B, undefined],
    [N, ">=", B, undefined],
    [N, "==", 5, undefined],
    [dimMul(2, N), ">=", N, true],
    [dimMax(N, 3), ">=", 3, true],
    [dimMod(N, 4), "<", 4, true],
    [dimMod(N, 4), ">=", 0, true],
    [dimFloorDiv(N, 2), ">=", 0, true],
    [dimMin(N, 4), "<=", 4, true],
    [dimMul(N, B), ">=", 1, true],
    [dimSub(N, 2), ">=", 0, undefined],
  ];
  it.each(cases.map(([a, op, b, r]) => [s(a), op, s(b), r, a, b] as const))("%s %s %s -> %s", (_a, op, _b, r, a, b) => {
    expect(dimCompare(a, op, b)).toBe(r);
  });
});

// ---- property: the normal form evaluates like the expression it came from ------------------------

type Ast = number | string | [op: "+" | "-" | "*" | "max" | "min", a: Ast, b: Ast] | [op: "//" | "%", a: Ast, c: number];
const names = ["A", "B", "C"];
const astArb: fc.Arbitrary<Ast> = fc.letrec<{ ast: Ast }>((tie) => ({
  ast: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.integer({ min: -4, max: 6 }),
    fc.constantFrom(...names),
    fc.tuple(fc.constantFrom("+" as const, "-" as const, "*" as const, "max" as const, "min" as const), tie("ast"), tie("ast")),
    fc.tuple(fc.constantFrom("//" as const, "%" as const), tie("ast"), fc.integer({ min: 1, max: 5 })),
  ),
})).ast;

const pyFloorDiv = (a: number, c: number) => Math.floor(a / c);
const z = (v: number) => v || 0; // -0 is 0 for a size
function evalAst(e: Ast, b: Record<string, number>): number {
  if (typeof e === "number") return e;
  if (typeof e === "string") return b[e]!;
  const x = evalAst(e[1], b),
    y = typeof e[2] === "number" && (e[0] === "//" || e[0] === "%") ? e[2] : evalAst(e[2], b);
  switch (e[0]) {
    case "+":
      return x + y;
    case "-":
      return x - y;
    case "*":
      return x * y;
    case "max":
      return Math.max(x, y);
    case "min":
      return Math.min(x, y);
    case "//":
      return pyFloorDiv(x, y);
    case "%":
      return x - y * pyFloorDiv(x, y);
  }
}
function build(e: Ast): Dim {
  if (typeof e === "number") return e;
  if (typeof e === "string") return sym(e);
  const x = build(e[1]);
  switch (e[0]) {
    case "+":
      return dimAdd(x, build(e[2]));
    case "-":
      return dimSub(x, build(e[2]));
    case "*":
      return dimMul(x, build(e[2]));
    case "max":
      return dimMax(x, build(e[2]));
    case "min":
      return dimMin(x, build(e[2]));
    case "//":
      return dimFloorDiv(x, e[2] as number);
    case "%":
      return dimMod(x, e[2] as number);
  }
}
const bindingsArb = fc.record({ A: fc.integer({ min: 1, max: 9 }), B: fc.integer({ min: 1, max: 9 }), C: fc.integer({ min: 1, max: 9 }) });

describe("properties", () => {
  it("evalDim(normal form) equals the expression's value", () => {
    fc.assert(
      fc.property(astArb, bindingsArb, (e, b) => {
        expect(z(evalDim(build(e), b))).toBe(z(evalAst(e, b)));
      }),
      { numRuns: 600 },
    );
  });

  it("parseDim(toString(d)) is d, structurally", () => {
    fc.assert(
      fc.property(astArb, bindingsArb, (e, b) => {
        const d = build(e),
          back = parseDim(dimToString(d));
        expect(dimEq(back, d)).toBe(true);
        expect(z(evalDim(back, b))).toBe(z(evalAst(e, b)));
      }),
      { numRuns: 300 },
    );
  });

  it("a decided comparison holds at every binding", () => {
    fc.assert(
      fc.property(astArb, astArb, bindingsArb, (x, y, b) => {
        const vx = evalAst(x, b),
          vy = evalAst(y, b),
          dx = build(x),
          dy = build(y);
        const check = (op: "==" | "<" | ">=", truth: boolean) => {
          const r = dimCompare(dx, op, dy);
          if (r !== undefined) expect(r).toBe(truth);
        };
        check("==", vx === vy);
        check("<", vx < vy);
        check(">=", vx >= vy);
      }),
      { numRuns: 400 },
    );
  });
});

// ---- constraints -----------------------------------------------------------------------------

describe("ShapeEnv", () => {
  it("B == 8 binds B; B == N unifies; B == 2*N substitutes", () => {
    const env = new ShapeEnv();
    expect(env.assumeEqual("matmul", B, 8)).toBe(8);
    expect(env.resolve(dimAdd(B, 1))).toBe(9);
    const env2 = new ShapeEnv();
    const u = env2.assumeEqual("add", B, N);
    expect(s(u)).toBe("B");
    expect(s(env2.resolve(dimMul(N, 2)))).toBe("2*B");
    const env3 = new ShapeEnv();
    expect(s(env3.assumeEqual("reshape", B, dimMul(2, N)))).toBe("2*N");
    expect(s(env3.resolve(dimAdd(B, N)))).toBe("3*N");
    expect(env3.constraints.map((c) => c.kind)).toEqual(["eq"]);
  });

  it("fresh symbols are eliminated before annotated names", () => {
    const env = new ShapeEnv();
    const f = env.freshSym();
    expect(s(f)).toBe("_0");
    expect(s(env.assumeEqual("add", N, f))).toBe("N");
    expect(s(env.resolve(f))).toBe("N");
  });

  it("checkConstraints names the first violated constraint with both values", () => {
    const env = new ShapeEnv();
    env.assumeEqual("reshape", B, dimMul(2, N));
    env.assumeDivisible("reshape", dimMul(B, sym("M")), 3);
    expect(env.checkConstraints({ B: 8, N: 4, M: 3 })).toBeUndefined();
    expect(env.checkConstraints({ B: 8, N: 3, M: 3 })).toMatchObject({
      text: "B == 2*N",
      values: [8, 6],
      constraint: { kind: "eq", op: "reshape" },
    });
    expect(env.checkConstraints({ B: 8, N: 4, M: 4 })).toMatchObject({ text: "mod(B*M, 3) == 0", values: [32, 3] });
    expect(env.checkConstraints({ B: 0, N: 0, M: 3 })).toMatchObject({ text: "B >= 1", constraint: { kind: "positive" } });
  });

  it("an impossible equality raises NJ114 with the constraint", () => {
    const env = new ShapeEnv();
    const e = caught(() => env.assumeEqual("concatenate", dimAdd(N, 1), N));
    expect(e.code).toBe("NJ114");
    expect(e.data).toMatchObject({ op: "concatenate", constraint: { kind: "eq" } });
    env.assumeEqual("matmul", B, 8);
    expect(caught(() => env.assumeEqual("matmul", B, 9)).code).toBe("NJ114");
    expect(caught(() => env.assumeDivisible("reshape", dimAdd(dimMul(2, N), 1), 2)).code).toBe("NJ114");
  });

  it("property: under the recorded constraints, a resolved dim has the value of the original", () => {
    const pool = [...names.map(sym), dimAdd(sym("A"), 1), dimMul(2, sym("B")), dimMul(sym("A"), sym("C")), 4, 6];
    const pairArb = fc.tuple(fc.constantFrom(...pool), fc.constantFrom(...pool));
    fc.assert(
      fc.property(fc.array(pairArb, { maxLength: 4 }), bindingsArb, (pairs, b) => {
        const env = new ShapeEnv();
        for (const [x, y] of pairs) {
          try {
            env.assumeEqual("test", x, y);
          } catch (e) {
            expect((e as ShapeError).code).toBe("NJ114");
            // NJ114 only when no sizes satisfy x == y given what was assumed before
            if (env.checkConstraints(b) === undefined) expect(evalDim(x, b)).not.toBe(evalDim(y, b));
          }
        }
        if (env.checkConstraints(b) !== undefined) return;
        for (const d of pool) expect(evalDim(env.resolve(d), b)).toBe(evalDim(d, b));
      }),
      { numRuns: 500 },
    );
  });

  it("bindShape reads the symbols' sizes from a concrete shape", () => {
    const m = new Map<string, number>();
    expect(bindShape([B, dimMul(2, N), 3], [5, 8, 3], m)).toBe(true); // N unbound here: 2*N is checked once N is known
    const m2 = new Map<string, number>();
    expect(bindShape([B, N, dimMul(2, N)], [5, 4, 8], m2)).toBe(true);
    expect([...m2]).toEqual([
      ["B", 5],
      ["N", 4],
    ]);
    expect(bindShape([B, B], [5, 6], new Map())).toBe(false);
    expect(bindShape([N, dimMul(2, N)], [4, 9], new Map())).toBe(false);
    expect(dimSymbols([B, dimMul(N, sym("M"))])).toEqual(["B", "M", "N"]);
  });
});
