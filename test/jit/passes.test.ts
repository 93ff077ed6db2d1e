// Each pass is IR -> IR; these snapshots print the IR after the pass.
import { describe, expect, it } from "vitest";
import { numpy as np, nn, jit, makeJaxpr } from "@numjit/runtime";
import { PIPELINE, describeSchedule, optimize, schedule } from "@numjit/runtime/internal";

const pass = (name: string) => PIPELINE.find((p) => p.name === name)!;
const x23 = np.ones([2, 3]);

describe("makeJaxpr", () => {
  it("prints a readable jaxpr", () => {
    const j = makeJaxpr((x: any, y: any) => np.add(np.multiply(x, 2), y))(x23, np.ones([3]));
    expect(j.toString()).toMatchInlineSnapshot(`
      "{ lambda a:f32[2,3] b:f32[3]. let
          c:f32[] = convert_element_type[dtype=float32 weakType=false] 2
          d:f32[2,3] = broadcast_in_dim[shape=(2,3) broadcastDimensions=()] c
          e:f32[2,3] = mul a d
          f:f32[2,3] = broadcast_in_dim[shape=(2,3) broadcastDimensions=(1,)] b
          g:f32[2,3] = add e f
        in (g) }"
    `);
  });
  it("records closed-over arrays as constvars and scalars as literals", () => {
    const w = np.arange(3).astype("float32");
    const j = makeJaxpr((x: any) => np.add(x, w))(x23);
    expect(j.constvars.length).toBe(1);
    expect(j.toString()).toContain("lambda a:f32[3] ; b:f32[2,3]");
  });
});

describe("simplify", () => {
  it("removes x*1, x+0, double negation and folds scalar constants", () => {
    const j = makeJaxpr((x: any) => np.negative(np.negative(np.add(np.multiply(x, np.add(0.5, 0.5)), 0))))(
      np.ones([3], { dtype: "float32" }),
    );
    const s = pass("simplify").run(j);
    expect(pass("dce").run(s).toString()).toMatchInlineSnapshot(`
      "{ lambda a:f32[3]. let
        in (a) }"
    `);
  });
  it("merges reshape of reshape", () => {
    const j = makeJaxpr((x: any) => np.reshape(np.reshape(x, [3, 2]), [6]))(x23);
    const out = optimize(j).toString();
    expect(out.match(/reshape/g)?.length).toBe(1);
    expect(out).toContain("reshape[shape=(6,)] a");
  });
});

describe("cse and dce", () => {
  it("shares identical subexpressions", () => {
    const j = makeJaxpr((x: any) => np.add(np.exp(x), np.exp(x)))(x23);
    const c = pass("cse").run(j);
    expect(c.toString().match(/exp/g)?.length).toBe(1);
  });
  it("drops unused equations", () => {
    const j = makeJaxpr((x: any) => {
      np.sin(x);
      return np.cos(x);
    })(x23);
    const d = pass("dce").run(j);
    expect(d.toString()).not.toContain("sin");
    expect(d.eqns.length).toBe(1);
  });
});

describe("fusion", () => {
  it("fuses an elementwise chain with broadcasts into one kernel", () => {
    const f = (x: any, y: any) => np.add(np.multiply(np.tanh(np.add(np.multiply(x, 1.5), 0.3)), y), 1);
    const s = describeSchedule(schedule(optimize(makeJaxpr(f)(x23, np.ones([3])))));
    expect(s).toMatchInlineSnapshot(`
      "%2 = view broadcast_in_dim(%1)
      %3 = elementwise[broadcast_in_dim,mul,broadcast_in_dim,add,tanh,mul,broadcast_in_dim,add](%0, %2)"
    `);
  });
  it("fuses the producer of a reduction (no temporary for x - mean)", () => {
    const f = (x: any) => np.sum(np.square(np.subtract(x, np.mean(x, -1, { keepdims: true }))), -1);
    const s = describeSchedule(schedule(optimize(makeJaxpr(f)(x23))));
    expect(s).toMatch(/reduce\[.*sub,mul,reduce_sum\]/);
    expect(s.split("\n").filter((l) => l.includes("elementwise[sub")).length).toBe(0);
  });
  it("fuses bias + relu into the matmul epilogue", () => {
    const f = (x: any, w: any, b: any) => nn.relu(np.add(np.matmul(x, w), b));
    const s = describeSchedule(schedule(optimize(makeJaxpr(f)(np.ones([4, 3]), np.ones([3, 5]), np.ones([5])))));
    expect(s).toMatch(/^%\d+ = dot\[dot_general,.*add,.*max\]/m);
  });
  it("constants are kernel arguments: one signature serves every size of a mean", () => {
    const f = jit((x: any) => np.subtract(x, np.mean(x, 0)));
    const sigs = [3, 5, 11].map((n) =>
      f
        .lower(np.ones([n, 4]))
        .kernels.map((k) => k.signature)
        .join(),
    );
    expect(new Set(sigs).size).toBe(1);
    const ks = [3, 5].map((n) => f.lower(np.ones([n, 4])).kernels.find((k) => k.constants.length > 0)!.constants);
    expect(ks[0]).not.toEqual(ks[1]);
  });
  it("lower() exposes the IR and the generated kernel sources", () => {
    const f = jit((x: any) => np.exp(x));
    const low = f.lower(x23);
    expect(low.jaxpr.toString()).toContain("exp a");
    expect(low.kernels).toHaveLength(1);
    expect(low.kernels[0]!.source).toMatch(/^function nj_elementwise_[0-9a-f]{16}\(H, o, shape, a0, o0, s0, C\)/);
    expect(low.kernels[0]!.source).toContain("H.exp32(x0)");
  });
});
