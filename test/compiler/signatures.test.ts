// Argument signatures without guessing: ranks from annotations, from call sites in the module and in other
// modules (a TS program), rank-polymorphic elementwise code, the one NJ710 when a rank is genuinely unknown;
// helpers imported from other local modules are followed; a static used only as a value is a kernel argument.
// Every precompiled function is also run against eager numpy.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { type NDArray, nn, numpy as np } from "@numjit/runtime";
import { transform } from "@numjit/compiler";
import { numjitTransformer } from "@numjit/compiler/transformer";
import { ARTIFACTS, buildModule, importFresh } from "./helpers.js";

type Info = { runtimeCompiles: number; precompiledHits: number; entries: number };
type J = ((...a: unknown[]) => NDArray) & { cacheInfo(): Info };

const close = (a: NDArray, b: NDArray) => {
  expect(a.shape).toEqual(b.shape);
  const x = a.toTypedArray(),
    y = b.toTypedArray();
  for (let i = 0; i < x.length; i++) expect(Math.abs(x[i]! - y[i]!)).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(y[i]!)));
};
const rand = (shape: number[]) => {
  const n = shape.reduce((a, b) => a * b, 1);
  return np.array(Array.from({ length: n }, (_, i) => Math.sin(i * 1.7 + shape.length) * 2)).reshape(shape);
};
const callsOf = (code: string, file = "m.ts") => transform(code, file).diagnostics;
const inspect = (r: ReturnType<typeof buildModule>, name: string) => {
  const c = r.result.module!.calls.find((x) => x.name === name)!;
  return { status: c.status, args: c.scheduled?.built.traces.map((t) => `[${t.label}] ${t.argsText}`) ?? [], reasons: c.reasons };
};

describe("ranks from call sites in the module", () => {
  const built = buildModule(
    "sig-callsite",
    `import { numpy as np, nn, jit } from "@numjit/runtime";
export const dense = jit((x, w, b) => nn.relu(np.add(np.matmul(x, w), b)));
const W = np.ones([3, 4]);
export const warm = () => dense(np.zeros([8, 3]), W, np.zeros([4]));
export const linear = jit((p, x) => np.add(np.matmul(x, p.w), p.b));
export const first = () => linear({ w: np.ones([4, 2]), b: np.zeros([2]) }, np.array([[1, 2, 3, 4]]));
`,
  );

  it("gives each unannotated array fresh symbols of the call's rank, unified by matmul and broadcasting", () => {
    expect(inspect(built, "dense")).toMatchObject({
      status: "precompiled",
      args: ["[call site (line 4)] x: f32[x_0, w_0], w: f32[w_0, b_0], b: f32[b_0]"],
    });
    expect(inspect(built, "linear")).toMatchObject({
      status: "precompiled",
      args: ["[call site (line 6)] p: { b: f32[p_b_0], w: f32[p_w_0, p_b_0] }, x: f32[x_0, p_w_0]"],
    });
  });

  it("runs the build's kernels at other sizes of those ranks, equal to eager", async () => {
    const m = await importFresh<Record<string, J>>(built.file);
    for (const [b, k, h] of [
      [5, 3, 4],
      [2, 7, 9],
    ] as const) {
      const x = rand([b, k]),
        w = rand([k, h]),
        bias = rand([h]);
      close(m.dense!(x, w, bias), nn.relu(np.add(np.matmul(x, w), bias)));
    }
    expect(m.dense!.cacheInfo().runtimeCompiles).toBe(0);
  });
});

describe("rank-polymorphic elementwise code", () => {
  const built = buildModule(
    "sig-poly",
    `import { numpy as np, jit } from "@numjit/runtime";
export const f = jit((x, y) => np.add(np.tanh(np.multiply(x, 1.5)), y));
export const flat = jit((x) => np.tanh(np.reshape(x, [-1])));
`,
  );

  it("an elementwise function needs no rank: one signature ...S, runs at every rank with no run-time compile", async () => {
    expect(inspect(built, "f")).toMatchObject({ status: "precompiled" });
    expect(inspect(built, "f").args[0]).toBe("[rank-polymorphic (elementwise)] x: f32[...S], y: f32[...S]");
    const m = await importFresh<Record<string, J>>(built.file);
    for (const shape of [[6], [3, 4], [2, 3, 2]]) {
      const x = rand(shape),
        y = rand([...shape].reverse()).T; // a transposed view
      close(m.f!(x, y), np.add(np.tanh(np.multiply(x, 1.5)), y));
    }
    expect(m.f!.cacheInfo().runtimeCompiles).toBe(0);
  });

  it("a reshape is not elementwise (checked at two ranks): the rank is unknown, NJ710", () => {
    expect(inspect(built, "flat")).toMatchObject({ status: "fallback" });
    expect(inspect(built, "flat").reasons.map((d) => d.code)).toEqual(["NJ710"]);
  });
});

describe("a rank that is genuinely unknown", () => {
  it("is ONE diagnostic, at the parameter, naming every such parameter and the annotation to add", () => {
    const ds = callsOf(`import { numpy as np, jit } from "@numjit/runtime";
export const g = jit((x: np.NDArray, w: np.NDArray) => np.sum(np.matmul(x, w), -1));
`);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ code: "NJ710", severity: "warning", file: "m.ts", line: 2, column: 23 });
    expect(ds[0]!.message).toMatch(/the rank of 'x', 'w' is not known at build time/);
    expect(ds[0]!.message).toMatch(/@numjit x: f32\[N, M\]/);
  });

  it("an annotation is enough; its shape errors name the annotation's symbols", () => {
    const ds = callsOf(`import { numpy as np, jit } from "@numjit/runtime";
/** @numjit x: f32[N], y: f32[M] */
export const g = jit((x: np.NDArray, y: np.NDArray) => np.add(x, y));
`);
    expect(ds.map((d) => [d.code, d.message])).toEqual([
      ["NJ801", "add: the annotated dimensions N and M must be equal (give them one name)"],
    ]);
    // located at the annotation that introduced M (line 2, `y` in the comment), not at the jit call
    expect([ds[0]!.line, ds[0]!.column]).toEqual([2, 24]);
  });
});

describe("helpers imported from other local modules", () => {
  buildModule(
    "sig-helpers",
    `import { numpy as np, nn } from "@numjit/runtime";
export const SCALE = 0.5;
export function dense(x: np.NDArray, w: np.NDArray, b: np.NDArray) {
  return nn.relu(np.add(np.matmul(x, w), b));
}
export function spin(x: np.NDArray) {
  while (x) {}
  return x;
}
`,
  );
  const built = buildModule(
    "sig-uses-helpers",
    `import { numpy as np, jit } from "@numjit/runtime";
import { dense, SCALE, spin } from "./sig-helpers.ts";
/** @numjit x: f32[B, K], w: f32[K, H], b: f32[H] */
export const layer = jit((x: np.NDArray, w: np.NDArray, b: np.NDArray) => np.multiply(dense(x, w, b), SCALE));
export const bad = jit((x: np.NDArray) => spin(x));
`,
  );

  it("are followed (evaluated in their module) and precompiled; the result equals eager", async () => {
    expect(inspect(built, "layer").status).toBe("precompiled");
    const m = await importFresh<Record<string, J>>(built.file);
    const x = rand([3, 2]),
      w = rand([2, 5]),
      b = rand([5]);
    close(m.layer!(x, w, b), np.multiply(np.maximum(np.add(np.matmul(x, w), b), 0), 0.5));
    expect(m.layer!.cacheInfo().runtimeCompiles).toBe(0);
  });

  it("a construct outside the subset inside the helper is reported at the use, naming the helper's line", () => {
    const c = inspect(built, "bad");
    expect(c.status).toBe("fallback");
    expect(c.reasons.map((d) => [d.code, d.line])).toEqual([["NJ702", 5]]);
    expect(c.reasons[0]!.message).toMatch(/^in 'spin' \(sig-helpers\.ts:7:3\): /);
  });
});

describe("ranks from call sites in other modules of a TypeScript program", () => {
  it("the tsc transformer with a program: a call in b.ts gives a.ts's jit its ranks", () => {
    const dir = path.join(ARTIFACTS, "sig-program");
    fs.mkdirSync(dir, { recursive: true });
    const a = path.join(dir, "a.ts"),
      b = path.join(dir, "b.ts");
    fs.writeFileSync(
      a,
      `import { numpy as np, jit } from "@numjit/runtime";\nexport const rows = jit((x: np.NDArray) => np.sum(np.exp(x), -1));\n`,
    );
    fs.writeFileSync(
      b,
      `import { numpy as np } from "@numjit/runtime";\nimport { rows } from "./a.ts";\nexport const r = rows(np.ones([2, 3]));\n`,
    );
    const options: ts.CompilerOptions = {
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022,
      allowImportingTsExtensions: true,
      noEmit: false,
      outDir: path.join(dir, "out"),
      rewriteRelativeImportExtensions: true,
      skipLibCheck: true,
    };
    const program = ts.createProgram([a, b], options);
    const seen: { file: string; calls: { name: string; status: string; args: string[] }[] }[] = [];
    program.emit(undefined, () => {}, undefined, false, {
      before: [
        numjitTransformer(program, {
          log: false,
          onModule: (file, m) =>
            seen.push({
              file: path.basename(file),
              calls: m.calls.map((c) => ({
                name: c.name,
                status: c.status,
                args: c.scheduled?.built.traces.map((t) => `[${t.label}] ${t.argsText}`) ?? [],
              })),
            }),
        }),
      ],
    });
    expect(seen.find((s) => s.file === "a.ts")?.calls).toEqual([
      { name: "rows", status: "precompiled", args: ["[call site (line 3)] x: f32[x_0, x_1]"] },
    ]);
    // without the program the rank is unknown
    expect(callsOf(fs.readFileSync(a, "utf8"), a).map((d) => d.code)).toEqual(["NJ710"]);
  });
});

describe("a static used only as a value", () => {
  it("is traced as a scalar input (tracedStatics); one deciding a shape still needs a value (NJ708)", () => {
    const r = transform(
      `import { numpy as np, jit } from "@numjit/runtime";
export const clipTo = jit((x, k) => np.clip(x, -k, k), { staticArgnums: [1] });
export const rows = jit((x, n) => np.reshape(x, [n, -1]), { staticArgnums: [1] });
`,
      "s.ts",
    );
    expect(r.code).toMatch(
      /clipTo = __nj_pre\(\(x, k\) => np\.clip\(x, -k, k\), \{ name: "clipTo", kernels: __nj_t0, plans: __nj_t0p, tracedStatics: \[1\],/,
    );
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([["NJ708", 3]]);
  });
});

describe("annotations over several lines, rows of an array, symbols a gradient pins to a number", () => {
  const built = buildModule(
    "sig-continued",
    `import { numpy as np, nn, optim, random, valueAndGrad, jit } from "@numjit/runtime";
const OUT = 3;
const loss = (p: any, x: np.NDArray, y: np.NDArray) =>
  np.negative(np.mean(np.sum(np.multiply(nn.oneHot(y, OUT), nn.logSoftmax(np.add(np.matmul(x, p.w), p.b))), -1)));
const adam = optim.adam(0.1);
/**
 * @numjit p: { w: f32[I, O], b: f32[O] }, x: f32[B, I], y: i32[B],
 * @numjit s: { count: f32[], mu: { w: f32[I, O], b: f32[O] },
 *   nu: { w: f32[I, O], b: f32[O] } }
 */
export const step = jit((p: any, s: any, x: np.NDArray, y: np.NDArray) => {
  const [l, g] = valueAndGrad(loss)(p, x, y);
  const [p2, s2] = adam.update(g, s, p);
  return [p2, s2, l];
});
/** @numjit key: u32[2] */
export const pair = jit((key: np.NDArray) => {
  const [a, b] = random.split(key);
  return np.subtract(random.uniform(a, [4]), random.uniform(b, [4]));
});
/** @numjit x: f32[N, 3] */
export const spreadRows = jit((x: np.NDArray) => np.stack([...np.transpose(x)].reverse()));
`,
  );

  it("a pytree type left open continues on the next comment lines; O found equal to oneHot's 3 under grad", () => {
    expect(inspect(built, "step")).toMatchObject({
      status: "precompiled",
      args: [
        "[annotated] p: { w: f32[I, 3], b: f32[3] }, " +
          "s: { count: f32[], mu: { w: f32[I, 3], b: f32[3] }, nu: { w: f32[I, 3], b: f32[3] } }, x: f32[B, I], y: i32[B]",
      ],
    });
  });

  it("destructuring or spreading an array with a concrete first size gives its rows", async () => {
    expect(inspect(built, "pair").status).toBe("precompiled");
    expect(inspect(built, "spreadRows").status).toBe("precompiled");
    const m = await importFresh<Record<string, J>>(built.file);
    const { random } = await import("@numjit/runtime");
    const key = random.key(7);
    const [a, b] = random.split(key);
    close(m.pair!(key), np.subtract(random.uniform(a!, [4]), random.uniform(b!, [4])));
    const x = rand([5, 3]);
    close(m.spreadRows!(x), np.stack([...np.transpose(x)].reverse()));
  });

  it("a symbolic first size cannot be unrolled: the call stays on the runtime jit (NJ705)", () => {
    const d = callsOf(`import { numpy as np, jit } from "@numjit/runtime";
/** @numjit x: f32[N, 3] */
export const rows = jit((x: np.NDArray) => { const [a, b] = x; return np.add(a, b); });
`);
    expect(d.map((x) => x.code)).toEqual(["NJ705"]);
  });

  it("an op whose shape rule takes numbers only (NJ115 on a symbol) leaves the call to the runtime jit: a warning, not an error", () => {
    const d = callsOf(`import { numpy as np, jit } from "@numjit/runtime";
/** @numjit z: f32[N, 2] */
export const f = jit((z: np.NDArray) => np.fft.fft(z));
`);
    expect(d.map((x) => [x.code, x.severity])).toEqual([["NJ715", "warning"]]);
    expect(d[0]!.message).toMatch(/NJ115/);
  });
});
