// Unit tests of compiler pieces that samples cannot reach: NJ713 (the runtime's build-time entry fails
// or hands back a kernel that could eval), the annotation parser, shape unification, code frames.
import { afterEach, describe, expect, it, vi } from "vitest";
import { CompileError } from "@numjit/runtime";

type Mode = "real" | "eval-kernel" | "codegen-error" | "broken-kernel";
const state = vi.hoisted(() => ({ mode: "real" as Mode }));

vi.mock("@numjit/runtime/internal", async (importOriginal) => {
  const real = await importOriginal<typeof import("@numjit/runtime/internal")>();
  return {
    ...real,
    buildKernels: (...args: Parameters<typeof real.buildKernels>) => {
      if (state.mode === "codegen-error") throw new CompileError("NJ601", "codegen: primitive foo has no kernel");
      const r = real.buildKernels(...args);
      // balanced brackets and a leading `function`: passes the kernel check, but does not parse
      if (state.mode === "broken-kernel") {
        return { ...r, kernels: r.kernels.map((k) => ({ ...k, source: k.source.replace("{", "{ o[0] = ;") })) };
      }
      if (state.mode === "eval-kernel")
        return { ...r, kernels: r.kernels.map((k) => ({ ...k, source: k.source.replace("{", "{ eval('1');") })) };
      return r;
    },
  };
});

const { transform, codeFrame, checkEmitted, buildFile } = await import("@numjit/compiler");
const { main } = await import("../../packages/compiler/src/cli.js");
const fs = (await import("node:fs")).default;
const path = (await import("node:path")).default;
const { ARTIFACTS } = await import("./helpers.js");
const { readAnnotations } = await import("../../packages/compiler/src/phases/analyse/annotations.js");
const { checkKernel } = await import("../../packages/compiler/src/phases/codegen/index.js");
const { addedTextValid } = await import("../../packages/compiler/src/validate.js");
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
    expect(
      checkKernel({
        signature: "s",
        kind: "elementwise",
        source: "function k(o, a) { for (let i = 0; i < o.length; i++) o[i] = Math.exp(a[i]); }",
      }),
    ).toBeUndefined();
    expect(checkKernel({ signature: "s", kind: "elementwise", source: "function k() { return new Function('x'); }" })).toMatch(/Function/);
    expect(checkKernel({ signature: "s", kind: "elementwise", source: "function k() { return import('x'); }" })).toMatch(/import/);
    expect(checkKernel({ signature: "s", kind: "elementwise", source: "1 + 2" })).toMatch(/not a single function expression/);
  });
});

describe("NJ810: emitted code that would not load is never handed on", () => {
  it("checkEmitted: syntax errors and names bound twice in the module scope, located in the output", () => {
    expect(checkEmitted("const a = 1;\nvar b; var b;\nfunction f() {}\n", "out.js", "in.ts")).toEqual([]);
    const bad = checkEmitted("const a = 1;\nconst b = ;\n", "out.js", "in.ts");
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ code: "NJ810", severity: "error", file: "in.ts", line: 2, column: 11 });
    expect(bad[0]!.message).toMatch(/at 2:11 of the output\): Expression expected/);
    const twice = checkEmitted(`import { x as __nj_t0 } from "m";\nconst y = 1;\nconst __nj_t0 = {};\n`, "out.js", "in.ts");
    expect(twice.map((d) => [d.code, d.line, d.column])).toEqual([["NJ810", 3, 7]]);
    expect(twice[0]!.message).toMatch(/'__nj_t0' is declared twice in the module scope/);
    expect(checkEmitted("let f = 1;\nfunction f() {}\n", "out.js", "in.ts").map((d) => d.line)).toEqual([2]);
  });

  it("addedTextValid (buildFile's check): the added import and declarations parse, no name bound twice with the module's", () => {
    const sf = ts.createSourceFile(
      "m.ts",
      `import { jit } from "@numjit/runtime";\nconst f = 1;\nvar v;\nfunction g() {}\nenum E { A }\n`,
      ts.ScriptTarget.Latest,
    );
    const importText = `import { precompiled as __nj_pre } from "@numjit/runtime/precompiled";`;
    const pre = (imp: string) => /as (\S*) \}/.exec(imp)?.[1] ?? "";
    const k0 = { id: "__nj_k0", text: "const __nj_k0 = function (o) { o[0] = 1; };", parsed: true };
    const plan = (declTexts: { id: string; text: string; parsed: boolean }[], imp = importText) =>
      ({ importText: imp, pre: pre(imp), module: /"(.*)"/.exec(imp)?.[1], declTexts }) as unknown as Parameters<typeof addedTextValid>[1];
    expect(addedTextValid(sf, plan([k0]))).toBe(true);
    // a declaration not known to parse is parsed: a broken one fails
    expect(addedTextValid(sf, plan([{ ...k0, text: "const __nj_k0 = function (o) { o[0] = ; };", parsed: false }]))).toBe(false);
    expect(addedTextValid(sf, plan([k0], `import { precompiled as } from "x";`))).toBe(false);
    expect(addedTextValid(sf, plan([k0], `import { precompiled as __nj_pre } from "x"; f(`))).toBe(false);
    // bound twice: two added declarations, or one of the module's names
    expect(addedTextValid(sf, plan([k0, k0]))).toBe(false);
    for (const id of ["f", "v", "g", "E"]) expect(addedTextValid(sf, plan([{ id, text: `const ${id} = 0;`, parsed: true }]))).toBe(false);
    expect(addedTextValid(sf, plan([k0], `import { precompiled as jit } from "x";`))).toBe(false);
  });

  it("transform(): returns the input unchanged with an NJ810 error; throws under diagnostics: 'error'", () => {
    state.mode = "broken-kernel";
    const r = transform(SRC, "a.ts");
    expect(r.code).toBe(SRC);
    expect(r.map).toBeNull();
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([["NJ810", "error"]]);
    expect(r.diagnostics[0]!.message).toMatch(/the emitted code does not load \(at \d+:\d+ of the output\): Expression expected/);
    expect(r.stats).toMatchObject({ functions: 1, precompiled: 0, fallbacks: 1, kernels: 0 });
    expect(() => transform(SRC, "a.ts", { diagnostics: "error" })).toThrow(/a\.ts:\d+:\d+ - error NJ810/);
  });

  it("numjit build: exits 1 with file:line:col, writes nothing for that file and removes its stale output", () => {
    const dir = path.join(ARTIFACTS, "nj810");
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, "src"), { recursive: true });
    fs.writeFileSync(path.join(dir, "src", "m.ts"), SRC);
    fs.writeFileSync(path.join(dir, "src", "plain.ts"), "export const answer: number = 42;\n");
    const outDir = path.join(dir, "out");
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, "m.js"), "// stale output of an earlier build\n");
    fs.writeFileSync(path.join(outDir, "m.js.map"), "{}");
    state.mode = "broken-kernel";
    const built = buildFile(path.join(dir, "src", "m.ts"), SRC);
    expect(built.valid).toBe(false);
    // located in the text written: the broken kernel's `= ;`
    const nj810 = built.diagnostics.find((d) => d.code === "NJ810")!;
    expect(nj810).toMatchObject({ severity: "error", file: path.join(dir, "src", "m.ts") });
    expect(built.code.split("\n")[nj810.line - 1]!.slice(nj810.column - 1)).toMatch(/^;/);
    const out: string[] = [],
      err: string[] = [];
    const code = main(
      ["build", path.join(dir, "src"), "--outDir", outDir, "--no-color"],
      (s) => out.push(s),
      (s) => err.push(s),
    );
    expect(code).toBe(1);
    expect(err.join("\n")).toMatch(/m\.ts:\d+:\d+ - error NJ810: the emitted code does not load/);
    expect(out.join("\n")).toMatch(/errors\s+1/);
    expect(fs.readdirSync(outDir).sort()).toEqual(["plain.js", "plain.js.map"]);
    expect(fs.readFileSync(path.join(outDir, "plain.js"), "utf8")).toMatch(/^export const answer = 42;/);
    state.mode = "real";
    expect(
      main(
        ["build", path.join(dir, "src"), "--outDir", outDir, "--quiet"],
        () => {},
        () => {},
      ),
    ).toBe(0);
    // written through a temporary file and a rename: nothing else is left in the directory
    expect(fs.readdirSync(outDir).sort()).toEqual(["m.js", "m.js.map", "plain.js", "plain.js.map"]);
  });
});

describe("transform() options", () => {
  it('diagnostics: "error" throws NumjitCompileError with the located, framed message', () => {
    const bad = `import { numpy as np, jit } from "@numjit/runtime";\nexport const f = jit((x: np.NDArray) => np.sofmax(x));\n`;
    expect(() => transform(bad, "bad.ts", { diagnostics: "error" })).toThrow(
      /bad\.ts:2:\d+ - error NJ803: unknown numjit function 'numpy\.sofmax'[\s\S]*> 2 \|/,
    );
    expect(transform(bad, "bad.ts").diagnostics[0]).toMatchObject({ code: "NJ803", severity: "error", file: "bad.ts", line: 2 });
  });

  it("emitIR adds each function's IR as a comment; transforming twice changes nothing more", () => {
    const r = transform(SRC, "a.ts", { emitIR: true });
    expect(r.code).toMatch(/\/\* numjit IR\nf \(x: f32\[\.\.\.S\]\):\n\{ lambda a:f32\[[^\]]+\]\. let/);
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
    const { ann, ds } = parse(
      "/**\n * @numjit x: f32[N, 3], lr: number, flag: boolean\n * @numjit p: { w: f64[3, M], b: [i32[], bool[2]] }\n" +
        ` * @numjit axis = 0 | -1, mode = "sum" | 'max'\n */`,
    );
    expect(ds).toEqual([]);
    expect(Object.fromEntries(ann.types)).toEqual({
      x: { kind: "array", dtype: "float32", dims: ["N", 3] },
      lr: { kind: "number" },
      flag: { kind: "boolean" },
      p: {
        kind: "object",
        fields: [
          ["w", { kind: "array", dtype: "float64", dims: [3, "M"] }],
          [
            "b",
            {
              kind: "tuple",
              items: [
                { kind: "array", dtype: "int32", dims: [] },
                { kind: "array", dtype: "bool", dims: [2] },
              ],
            },
          ],
        ],
      },
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

describe("code frames", () => {
  it("shows two lines before, the line with a caret underline, one after", () => {
    expect(codeFrame("a\nb\nconst x = f(y);\nd\ne", 2, 10, 4)).toBe(
      ["  1 | a", "  2 | b", "> 3 | const x = f(y);", "    |           ^^^^", "  4 | d"].join("\n"),
    );
  });
});
