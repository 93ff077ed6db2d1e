// Unit tests of compiler pieces that samples cannot reach: NJ713 (the runtime's build-time entry fails
// or hands back a kernel that could eval), the annotation parser, shape unification, code frames.
import { afterEach, describe, expect, it, vi } from "vitest";
import { CompileError } from "@numjit/runtime";

type Mode = "real" | "eval-kernel" | "codegen-error";
const state = vi.hoisted(() => ({ mode: "real" as Mode }));

vi.mock("@numjit/runtime/internal", async (importOriginal) => {
  const real = await importOriginal<typeof import("@numjit/runtime/internal")>();
  return {
    ...real,
    buildKernels: (...args: Parameters<typeof real.buildKernels>) => {
      if (state.mode === "codegen-error") throw new CompileError("NJ601", "codegen: primitive foo has no kernel");
      const r = real.buildKernels(...args);
      if (state.mode === "eval-kernel") return { ...r, kernels: r.kernels.map((k) => ({ ...k, source: k.source.replace("{", "{ eval('1');") })) };
      return r;
    },
  };
});

const { transform, codeFrame } = await import("@numjit/compiler");
const { readAnnotations } = await import("../../packages/compiler/src/phases/2-analyse/annotations.js");
const { unifyFromError } = await import("../../packages/compiler/src/phases/3-build-ir/shapes.js");
const { checkKernel } = await import("../../packages/compiler/src/phases/5-codegen/index.js");
const ts = (await import("typescript")).default;

const SRC = `import { numpy as np, jit } from "@numjit/runtime";\nexport const f = jit((x: np.NDArray) => np.exp(x));\n`;

afterEach(() => {
  state.mode = "real";
});

describe("NJ713: the runtime's build-time entry", () => {
  it("a kernel source that could reach eval is refused; the call stays on the runtime jit", () => {
    state.mode = "eval-kernel";
    const r = transform(SRC, "a.ts");
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([["NJ713", "warning"]]);
    expect(r.diagnostics[0]!.message).toMatch(/references 'eval'/);
    expect(r.code).toBe(SRC);
    expect(r.stats).toMatchObject({ functions: 1, precompiled: 0, fallbacks: 1, kernels: 0 });
  });

  it("a CompileError (NJ6xx) from buildKernels is a fallback warning, not a build failure", () => {
    state.mode = "codegen-error";
    const r = transform(SRC, "a.ts", { diagnostics: "error" });
    expect(r.diagnostics.map((d) => d.code)).toEqual(["NJ713"]);
    expect(r.diagnostics[0]!.message).toMatch(/NJ601/);
    expect(r.code).toBe(SRC);
  });

  it("checkKernel accepts a closed function expression and rejects Function/import()/non-functions", () => {
    expect(checkKernel({ signature: "s", kind: "elementwise", source: "function k(o, a) { for (let i = 0; i < o.length; i++) o[i] = Math.exp(a[i]); }" })).toBeUndefined();
    expect(checkKernel({ signature: "s", kind: "elementwise", source: "function k() { return new Function('x'); }" })).toMatch(/Function/);
    expect(checkKernel({ signature: "s", kind: "elementwise", source: "function k() { return import('x'); }" })).toMatch(/import/);
    expect(checkKernel({ signature: "s", kind: "elementwise", source: "1 + 2" })).toMatch(/not a single function expression/);
  });
});

describe("transform() options", () => {
  it('diagnostics: "error" throws NumjitCompileError with the located, framed message', () => {
    const bad = `import { numpy as np, jit } from "@numjit/runtime";\nexport const f = jit((x: np.NDArray) => np.sofmax(x));\n`;
    expect(() => transform(bad, "bad.ts", { diagnostics: "error" })).toThrow(/bad\.ts:2:\d+ - error NJ803: unknown numjit function 'numpy\.sofmax'[\s\S]*> 2 \|/);
    expect(transform(bad, "bad.ts").diagnostics[0]).toMatchObject({ code: "NJ803", severity: "error", file: "bad.ts", line: 2 });
  });

  it("emitIR adds each function's IR as a comment; transforming twice changes nothing more", () => {
    const r = transform(SRC, "a.ts", { emitIR: true });
    expect(r.code).toMatch(/\/\* numjit IR\nf \(x: f32\[11,13\]\):\n\{ lambda a:f32\[11,13\]\. let/);
    const again = transform(r.code, "a.ts");
    expect(again.code).toBe(r.code);
    expect(again.stats.functions).toBe(0);
  });
});

describe("@numjit annotations", () => {
  const parse = (comment: string) => {
    const sf = ts.createSourceFile("a.ts", `${comment}\nconst f = 1;`, ts.ScriptTarget.Latest, true);
    const ds: { code: string; message: string; pos: number }[] = [];
    const ann = readAnnotations([sf.statements[0]!], sf, ds as never);
    return { ann, ds };
  };
  it("arrays, scalars, pytrees and static values", () => {
    const { ann, ds } = parse(`/**\n * @numjit x: f32[N, 3], lr: number, flag: boolean\n * @numjit p: { w: f64[3, M], b: [i32[], bool[2]] }\n * @numjit axis = 0 | -1, mode = "sum" | 'max'\n */`);
    expect(ds).toEqual([]);
    expect(Object.fromEntries(ann.types)).toEqual({
      x: { kind: "array", dtype: "float32", dims: ["N", 3] },
      lr: { kind: "number" },
      flag: { kind: "boolean" },
      p: { kind: "object", fields: [["w", { kind: "array", dtype: "float64", dims: [3, "M"] }], ["b", { kind: "tuple", items: [{ kind: "array", dtype: "int32", dims: [] }, { kind: "array", dtype: "bool", dims: [2] }] }]] },
    });
    expect(Object.fromEntries(ann.statics)).toEqual({ axis: [0, -1], mode: ["sum", "max"] });
  });
  it("errors point at the offending character", () => {
    const text = `// @numjit x: f32[N, 3`;
    const { ds } = parse(text);
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toMatch(/expected ',' or '\]' in dims/);
    expect(ds[0]!.pos).toBe(text.length);
  });
});

describe("shape unification from runtime errors", () => {
  it("unifies guessed sizes named by a matmul or broadcast error, never annotated ones", () => {
    const c = {
      label: "rank 2", exact: false, fixed: new Set([5]),
      slots: [{ kind: "array" as const, dtype: "float32" as const, dims: [11, 13] }, { kind: "array" as const, dtype: "float32" as const, dims: [17, 19] }],
    };
    expect(unifyFromError(c, "NJ104", "matmul: shapes (11, 13) and (17, 19) are not aligned")).toBe(true);
    expect(c.slots[1]!.dims).toEqual([13, 19]);
    expect(unifyFromError(c, "NJ101", "add: operands could not be broadcast together with shapes (11, 19) (13, 19)")).toBe(true);
    expect(c.slots[1]!.dims).toEqual([11, 19]);
    const fixed = { ...c, fixed: new Set([11, 13]), slots: [{ kind: "array" as const, dtype: "float32" as const, dims: [11] }, { kind: "array" as const, dtype: "float32" as const, dims: [13] }] };
    expect(unifyFromError(fixed, "NJ101", "add: shapes (11,) (13,)")).toBe(false);
  });
});

describe("code frames", () => {
  it("shows two lines before, the line with a caret underline, one after", () => {
    expect(codeFrame("a\nb\nconst x = f(y);\nd\ne", 2, 10, 4)).toBe(["  1 | a", "  2 | b", "> 3 | const x = f(y);", "    |           ^^^^", "  4 | d"].join("\n"));
  });
});
