// The WebAssembly backend against the JS backend and eager, kernel by kernel: lengths that are not
// multiples of 4, size 0 and 1, offset / strided / reversed / broadcast / transposed views, NaN and
// +-Inf through the polynomial exp / tanh / logistic, reductions with partial vectors, and the
// backend choice (jit option, setBackend, "auto" keeping small calls on JS).
// int32 / float64 / bool kernels and dots have no wasm form yet: they run the JS kernels on both
// backends (checked below), so the suites run under NUMJIT_BACKEND=wasm cover them unchanged.
import { afterEach, describe, expect, it } from "vitest";
import { ArgumentError, getBackend, jit, type NDArray, nn, numpy as np, setBackend, valueAndGrad } from "@numjit/runtime";
import { emitWasm, wasmStats, wasmSupports } from "@numjit/runtime/internal";
import { expectClose } from "./helpers.js";

const initial = getBackend();
afterEach(() => setBackend(initial));

const seq = (n: number, s = 1, dtype: "float32" | "float64" = "float32") =>
  np.multiply(np.sin(np.multiply(np.arange(n), 0.37 * s)), 3).astype(dtype);
const mat = (m: number, n: number, s = 1) => np.reshape(seq(m * n, s), [m, n]);

type Fn = (...a: NDArray[]) => NDArray;

/** Runs f on wasm (counting that it ran there) and on js; both must agree with eager. */
function check(f: Fn, args: NDArray[], what: string, expectWasm = true, rtol = 2e-6, atol = 1e-6): void {
  const before = wasmStats.calls;
  const w = jit(f, { backend: "wasm" })(...args);
  const ran = wasmStats.calls - before;
  if (expectWasm) expect(ran, `${what}: ran on wasm`).toBeGreaterThan(0);
  const j = jit(f, { backend: "js" })(...args);
  const e = f(...args);
  expectClose(w, e, rtol, atol, `${what} wasm vs eager`);
  expectClose(j, e, rtol, atol, `${what} js vs eager`);
}

const chain: Fn = (x, y) => np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1);

describe("wasm elementwise kernels", () => {
  for (const n of [1, 2, 3, 4, 5, 7, 8, 13, 64, 1023, 4101]) {
    it(`tanh chain, length ${n}`, () => check(chain, [seq(n), seq(n, 2)], `n=${n}`));
  }
  it("size 0 stays correct (no wasm call)", () => {
    const x = seq(0);
    expect(jit(chain, { backend: "wasm" })(x, x).shape).toEqual([0]);
  });
  it("offset, strided, reversed and transposed views", () => {
    const x = seq(41),
      m = mat(6, 7);
    check(chain, [x.slice("1:"), x.slice(":-1")], "offset");
    check(chain, [x.slice("::-1"), x], "reversed", false);
    check(chain, [x.slice("::2"), x.slice("::-2")], "strided", false);
    check(chain, [m.T, mat(7, 6, 3)], "transposed", false);
    check(chain, [m.slice("1:", "2:"), mat(5, 5, 2)], "2-d offset view");
  });
  it("broadcast rows, columns and scalars", () => {
    const m = mat(9, 11);
    check(chain, [m, seq(11)], "row vector over a matrix");
    check(chain, [m, np.reshape(seq(9), [9, 1])], "column over a matrix");
    check(chain, [m, np.array(0.25)], "0-d over a matrix");
    check((x, b) => nn.relu(np.add(x, b)), [m, seq(11)], "bias + relu");
  });
  it("select, compare, max/min, abs, sqrt, floor, round, division", () => {
    const m = mat(5, 13);
    check((x, y) => np.where(np.greater(x, y), np.sqrt(np.abs(x)), np.divide(y, np.add(np.abs(x), 1))), [m, mat(5, 13, 2)], "where");
    check((x, y) => np.add(np.maximum(x, y), np.minimum(np.floor(x), np.round(y))), [m, mat(5, 13, 2)], "max/min/floor/round");
    check((x) => np.subtract(np.negative(x), np.ceil(x)), [m], "neg/ceil");
  });
  it("int32, float64 and bool kernels run the JS kernels on the wasm backend", () => {
    const i = np.arange(37, undefined, undefined, { dtype: "int32" });
    check((x) => np.multiply(np.add(x, 3), x), [i], "int32", false);
    check(chain, [seq(37, 1, "float64"), seq(37, 2, "float64")], "float64", false);
    check((x, y) => np.less(x, y), [seq(37), seq(37, 2)], "bool out", false);
  });
});

describe("wasm polynomials: NaN, +-Inf, extremes and accuracy", () => {
  const special = np.array([NaN, Infinity, -Infinity, 0, -0, 1e-8, -1e-8, 88.7, 89, -87, -103, -104, 200, -200, 7.9, -7.9, 8, 30], {
    dtype: "float32",
  });
  for (const [name, f, ref] of [
    ["exp", np.exp, Math.exp],
    ["tanh", np.tanh, Math.tanh],
    ["sigmoid", nn.sigmoid, (v: number) => 1 / (1 + Math.exp(-v))],
  ] as const) {
    /** f on the wasm backend, checked to have run there (a module that fails to compile falls back to JS) */
    const onWasm = (x: NDArray) => {
      const before = wasmStats.calls;
      const got = jit(f as Fn, { backend: "wasm" })(x).toTypedArray();
      expect(wasmStats.calls - before, `${name} ran on wasm`).toBe(1);
      return got;
    };
    it(`${name} at special values equals the float64 reference`, () => {
      const got = onWasm(special);
      const xs = special.toTypedArray();
      for (let i = 0; i < xs.length; i++) {
        const want = Math.fround(ref(xs[i]!));
        const g = got[i]!;
        if (Number.isNaN(want)) expect(g, `${name}(${xs[i]})`).toBeNaN();
        else if (!Number.isFinite(want) || want === 0) expect(g, `${name}(${xs[i]})`).toBe(want);
        // float32 subnormals (|v| < 1.2e-38) are compared absolutely
        else expect(Math.abs(g - want), `${name}(${xs[i]})`).toBeLessThanOrEqual(2e-6 * Math.abs(want) + 1.2e-38);
      }
    });
    it(`${name} within float32 tolerance over a dense sweep`, () => {
      const x = np.linspace(-90, 90, 200003).astype("float32");
      const got = onWasm(x);
      const xs = x.toTypedArray();
      let worst = 0;
      for (let i = 0; i < xs.length; i++) {
        const want = ref(xs[i]!);
        if (Math.abs(want) < 1e-30 || !Number.isFinite(want) || want > 3.4e38) continue;
        worst = Math.max(worst, Math.abs(got[i]! - want) / Math.abs(want));
      }
      expect(worst).toBeLessThan(1e-6);
    });
  }
});

describe("wasm reductions", () => {
  for (const n of [1, 3, 4, 5, 9, 1000]) {
    it(`sum / max / min / prod / mean over rows of ${n}`, () => {
      const m = mat(7, n);
      check((x) => np.sum(np.exp(x), 1), [m], `sum exp n=${n}`);
      check((x) => np.max(x, 1), [m], `max n=${n}`);
      check((x) => np.min(np.negative(x), -1), [m], `min n=${n}`);
      check((x) => np.prod(np.clip(x, 0.5, 1.5), 1), [m], `prod n=${n}`, true, 1e-5);
      check((x) => np.mean(x, 1, { keepdims: true }), [m], `mean n=${n}`);
    });
  }
  it("full reductions, NaN propagation, broadcast producers and offset views", () => {
    check((x) => np.sum(x), [seq(1001)], "sum all");
    const withNan = np.where(np.greater(seq(50), 2.9), NaN, seq(50));
    check((x) => np.max(x), [withNan], "max with NaN");
    check((x) => np.sum(x), [withNan], "sum with NaN");
    // one NaN per row at different lanes (the last, partial vector included), +-Inf, rows without NaN
    const rows = np.where(
      np.equal(np.reshape(np.arange(7 * 13), [7, 13]), np.reshape(np.array([12, 27, 40, 45, 90, -1, -1]), [7, 1])),
      NaN,
      mat(7, 13),
    );
    const specials = np.where(np.greater(mat(7, 13, 2), 2.5), Infinity, np.where(np.less(mat(7, 13, 2), -2.5), -Infinity, rows));
    for (const x of [rows, specials]) {
      check((v) => np.max(v, 1), [x], "row max with NaN / Inf");
      check((v) => np.min(v, -1), [x], "row min with NaN / Inf");
    }
    check((x, b) => np.sum(np.multiply(x, b), 1), [mat(6, 10), np.reshape(seq(6), [6, 1])], "broadcast column");
    check((x) => np.sum(x, 1), [mat(6, 12).slice(":", "1:")], "offset rows");
  });
  it("softmax and logsumexp rows", () => {
    const m = mat(33, 77);
    check((x) => nn.softmax(x, -1), [m], "softmax");
    check((x) => nn.logsumexp(x, -1), [m], "logsumexp", true, 1e-5);
  });
  it("reductions over leading axes (strided rows) use the JS kernel", () => {
    check((x) => np.sum(x, 0), [mat(20, 30)], "sum axis 0", false);
  });
});

describe("fused softmax rows (one wasm kernel for max, exp, sum, divide)", () => {
  /** check() plus: the wasm run was the one fused kernel call, or (fused false) not fused. */
  function fused(f: Fn, args: NDArray[], what: string, one = true): void {
    const before = wasmStats.calls;
    jit(f, { backend: "wasm" })(...args);
    if (one) expect(wasmStats.calls - before, `${what}: one fused call`).toBe(1);
    else expect(wasmStats.calls - before, `${what}: not fused`).not.toBe(1);
    check(f, args, what, one, 2e-6, 1e-7);
  }
  const softmax: Fn = (x) => nn.softmax(x, -1);
  for (const [r, n] of [
    [1, 2],
    [3, 3],
    [5, 4],
    [7, 5],
    [2, 1023],
    [40, 300],
    [3, 9001],
  ] as const) {
    it(`[${r}, ${n}]`, () => fused(softmax, [mat(r, n)], `[${r}, ${n}]`));
  }
  it("a 1-d row, a 3-d batch, a hand-written softmax", () => {
    fused(softmax, [seq(77)], "1-d");
    fused(softmax, [np.reshape(seq(2 * 3 * 13), [2, 3, 13])], "3-d");
    fused(
      (x) => {
        const e = np.exp(np.subtract(x, np.max(x, -1, { keepdims: true })));
        return np.divide(e, np.sum(e, -1, { keepdims: true }));
      },
      [mat(6, 10)],
      "hand-written",
    );
  });
  it("offset, broadcast and strided-row views; transposed and reversed rows inside jit run unfused", () => {
    const m = mat(9, 12);
    fused(softmax, [m.slice("1:", "2:")], "offset rows");
    fused(softmax, [m.slice("::2")], "every other row");
    fused((x) => nn.softmax(np.broadcastTo(x, [5, 11]), -1), [seq(11)], "broadcast row");
    fused(softmax, [m.T], "a transposed argument (made contiguous on entry)");
    fused((x) => nn.softmax(np.transpose(x), -1), [m], "transposed inside", false);
    fused((x) => nn.softmax(np.flip(x, -1), -1), [m], "reversed inside", false);
    check((x) => nn.softmax(x, -1), [mat(1, 1)], "[1, 1]", false);
  });
  it("NaN, +-Inf and -Inf masks: exact zeros, NaN rows", () => {
    const x = np.array(
      [
        [1, -Infinity, 2, -Infinity, 0.5],
        [NaN, 1, 2, 3, 4],
        [Infinity, 1, 2, 3, 4],
        [-Infinity, -Infinity, -Infinity, -Infinity, -Infinity],
        [-200, 0, -90, -87.5, 88],
        [3e38, -3e38, 0, 1, 2],
      ],
      { dtype: "float32" },
    );
    fused(softmax, [x], "specials");
    const out = jit(softmax, { backend: "wasm" })(x).toTypedArray();
    expect([out[1], out[3]]).toEqual([0, 0]);
  });
  it("an intermediate read elsewhere is not fused (still correct); grad through softmax", () => {
    fused(
      (x) => {
        const e = np.exp(np.subtract(x, np.max(x, -1, { keepdims: true })));
        return np.add(np.divide(e, np.sum(e, -1, { keepdims: true })), e);
      },
      [mat(6, 10)],
      "exp reused",
      false,
    );
    const loss = (x: NDArray) => np.sum(np.multiply(nn.softmax(x, -1), seq(10)));
    check((x) => valueAndGrad(loss)(x)[1], [mat(6, 10)], "grad", true);
  });
});

describe("backend choice", () => {
  it("auto keeps small kernels on JS and runs large ones on wasm", () => {
    setBackend("auto");
    const f = jit(chain);
    let before = wasmStats.calls;
    f(seq(100), seq(100));
    expect(wasmStats.calls - before).toBe(0);
    before = wasmStats.calls;
    f(seq(10000), seq(10000));
    expect(wasmStats.calls - before).toBe(1);
  });
  it("setBackend('js') turns wasm off for functions jitted afterwards; the jit option overrides it", () => {
    setBackend("js");
    let before = wasmStats.calls;
    jit(chain)(seq(10000), seq(10000));
    expect(wasmStats.calls - before).toBe(0);
    before = wasmStats.calls;
    jit(chain, { backend: "wasm" })(seq(10), seq(10));
    expect(wasmStats.calls - before).toBe(1);
  });
  it("bad backends are typed errors naming the option", () => {
    expect(() => jit(chain, { backend: "gpu" as never })).toThrow(ArgumentError);
    try {
      jit(chain, { backend: "gpu" as never });
    } catch (e) {
      expect((e as ArgumentError).code).toBe("NJ306");
      expect((e as ArgumentError).data).toMatchObject({ option: "backend", value: "gpu" });
    }
    expect(() => setBackend("cuda" as never)).toThrow(ArgumentError);
  });
  it("emitted modules validate; unsupported kernels are reported as such", () => {
    for (const [f, args, ok] of [
      [chain, [seq(8), seq(8)], true],
      [(x: NDArray) => np.sum(np.exp(x), 0), [seq(8)], true],
      [(x: NDArray) => np.sin(x), [seq(8)], false],
      [(x: NDArray, y: NDArray) => np.matmul(x, y), [mat(2, 2), mat(2, 2)], false],
    ] as [Fn, NDArray[], boolean][]) {
      for (const k of jit(f).lower(...args).kernels) {
        expect(wasmSupports(k.ir)).toBe(ok);
        if (ok) expect(WebAssembly.validate(emitWasm(k.ir))).toBe(true);
      }
    }
  });
});
