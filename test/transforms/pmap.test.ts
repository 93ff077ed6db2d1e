// pmap and the collectives: pmap on worker devices ≡ pmap with sequential devices (bit for bit) ≡
// vmap(f, { axisName }) ≡ a JS loop over the shards that computes each collective by hand; pytrees,
// inAxes/outAxes, strided argument views, composition with jit/grad/vmap, gradients against float64
// central differences, typed errors, device faults and worker replacement.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  DeviceError,
  type NDArray,
  TransformError,
  checkGrads,
  grad,
  jit,
  lax,
  numpy as np,
  getThreads,
  pmap,
  setThreads,
  valueAndGrad,
  vmap,
} from "@numjit/runtime";
import { poolStats } from "@numjit/runtime/internal";
// a compiled module outside the package's exports: the fault tests reach the device pool
import { deviceWorkers } from "../../packages/runtime/dist/pmap/devices.js";
import { expectClose, rand, rng } from "./helpers.js";

const ALL = { psum: 0, pmean: 0, pmax: 0, gather0: 0, gather1: 0, tiled: 0, index: 0 };
/** Every collective over axis "i" of a per-device value of rank >= 1. */
const collectives = (x: NDArray): typeof ALL extends infer T ? { [K in keyof T]: NDArray } : never => ({
  psum: lax.psum(x, "i"),
  pmean: lax.pmean(x, "i"),
  pmax: lax.pmax(x, "i"),
  gather0: lax.allGather(x, "i"),
  gather1: lax.allGather(x, "i", { axis: 1 }),
  tiled: lax.allGather(x, "i", { tiled: true }),
  index: lax.axisIndex("i"),
});

/** The collectives by hand over shards xs (one per device): what every device must receive. */
function byHand(xs: NDArray[]) {
  const sum = xs.reduce((a, b) => np.add(a, b));
  return {
    psum: sum,
    pmean: np.divide(sum, xs.length),
    pmax: xs.reduce((a, b) => np.maximum(a, b)),
    gather0: np.stack(xs, 0),
    gather1: np.stack(xs, 1),
    tiled: np.concatenate(xs, 0),
  };
}

/** The per-device results stacked along axis 0, as pmap/vmap return them with outAxes 0. */
function stackDevices(xs: NDArray[]) {
  const h = byHand(xs);
  const rep = (v: NDArray) => np.stack(xs.map(() => v));
  return {
    psum: rep(h.psum),
    pmean: rep(h.pmean),
    pmax: rep(h.pmax),
    gather0: rep(h.gather0),
    gather1: rep(h.gather1),
    tiled: rep(h.tiled),
    index: np.array(
      xs.map((_, i) => i),
      { dtype: "int32" },
    ),
  };
}

describe("pmap collectives", () => {
  const r = rng(7);
  for (const dtype of ["float32", "float64"] as const) {
    it(`psum/pmean/pmax/allGather/axisIndex (${dtype}): workers ≡ sequential ≡ vmap ≡ a loop over shards`, () => {
      const x = rand(r, [2, 3, 4], "any", dtype);
      const shards = [0, 1].map((i) => x.slice(i) as NDArray);
      const want = stackDevices(shards);
      const onWorkers = pmap(collectives, { axisName: "i" })(x);
      const sequential = pmap(collectives, { axisName: "i", sequential: true })(x);
      expectClose(onWorkers, sequential, 0); // identical: the same compiled stages, the same summation order
      expectClose(onWorkers, want, 1e-6);
      expectClose(vmap(collectives, { axisName: "i" })(x), want, 1e-6);
    });
  }

  it("collectives of replicated values: psum(1) is the axis size, allGather broadcasts, pmax is the value", () => {
    const x = rand(r, [2, 3], "any", "float32");
    const k = np.array([1.5, -2, 3]);
    const f = (a: NDArray, c: NDArray) => ({
      n: lax.psum(1, "i"),
      s: lax.psum(c, "i"),
      g: lax.allGather(c, "i", { axis: 1 }),
      m: lax.pmax(c, "i"),
      mixed: np.add(a, lax.pmean(np.multiply(c, lax.axisSize("i")), "i")),
    });
    const opts = { axisName: "i", inAxes: [0, null] as [number, null] };
    const two = (v: NDArray) => np.stack([v, v]);
    const want = {
      n: np.array([2, 2], { dtype: "int32" }),
      s: two(np.multiply(k, 2)),
      g: two(np.stack([k, k], 1)),
      m: two(k),
      mixed: np.add(x, np.multiply(k, 2)),
    };
    expectClose(pmap(f, opts)(x, k), want, 1e-6);
    expectClose(vmap(f, opts)(x, k), want, 1e-6);
  });

  it("four devices on workers (more than this machine's cores) ≡ four sequential devices ≡ the loop", () => {
    const x = rand(r, [4, 5], "any", "float32");
    const shards = [0, 1, 2, 3].map((i) => x.slice(i) as NDArray);
    const f = pmap(collectives, { axisName: "i", devices: 4 });
    expectClose(f(x), stackDevices(shards), 1e-6);
    expectClose(f(x), pmap(collectives, { axisName: "i", devices: 4, sequential: true })(x), 0);
  });

  it("strided argument views: offset, transposed, negatively strided, broadcast", () => {
    const base = rand(r, [3, 4, 5], "any", "float32");
    const views: NDArray[] = [
      base.slice(1) as NDArray, // offset (4, 5) -> map axis 0 needs 2: take rows 1..3 of a transpose below
      np.transpose(base, [2, 0, 1]).slice([0, 2]) as NDArray, // transposed, offset: (2, 3, 4)
      np.flip(base, 0).slice([1, 3]) as NDArray, // negative stride: (2, 4, 5)
      np.broadcastTo(base.slice(0).slice(0) as NDArray, [2, 5]), // broadcast (stride 0): (2, 5)
    ];
    for (const v of views.slice(1)) {
      const shards = [0, 1].map((i) => v.slice(i) as NDArray);
      expectClose(pmap(collectives, { axisName: "i" })(v), stackDevices(shards), 1e-6);
    }
    const t = np.transpose(views[0]!); // (5, 4): map over axis 1 of a transposed offset view with inAxes
    const f = pmap((a: NDArray) => lax.psum(a, "i"), { axisName: "i", inAxes: 1, devices: 4 });
    const want = [0, 1, 2, 3].map((i) => np.take(t, i, 1)).reduce((a, b) => np.add(a, b));
    expectClose(f(t), np.stack([want, want, want, want]), 1e-6);
  });

  it("pytrees, inAxes (nested, null = replicated) and outAxes (nested, null)", () => {
    const a = rand(r, [3, 2], "any", "float32"),
      b = rand(r, [2, 3], "any", "float32"),
      w = rand(r, [3], "any", "float32");
    const f = (p: { a: NDArray; b: NDArray }, scale: NDArray) => ({
      total: lax.psum(np.add(np.multiply(p.a, scale), p.b), "i"),
      mine: np.multiply(p.b, lax.axisIndex("i")),
    });
    const opts = { axisName: "i", inAxes: [{ a: 1, b: 0 }, null] as const, outAxes: { total: null, mine: 1 } } as const;
    const got = pmap(f, opts)({ a, b }, w);
    const loop = [0, 1].map((i) => ({ a: np.take(a, i, 1), b: b.slice(i) as NDArray }));
    const total = loop.map((p) => np.add(np.multiply(p.a, w), p.b)).reduce((x, y) => np.add(x, y));
    const want = { total, mine: np.stack([np.multiply(loop[0]!.b, 0), np.multiply(loop[1]!.b, 1)], 1) };
    expectClose(got, want, 1e-6);
    expectClose(vmap(f, opts)({ a, b }, w), want, 1e-6);
    expectClose(pmap(f, { ...opts, sequential: true })({ a, b }, w), got, 0);
  });

  it("a program with several collective rounds and a jitted inner function holding a collective", () => {
    const inner = jit((v: NDArray) => np.subtract(v, lax.pmean(v, "i")));
    const f = (x: NDArray) => {
      const c = inner(x); // centred across devices
      const s = lax.psum(np.sum(np.square(c)), "i"); // then a second round on its result
      return np.divide(c, np.sqrt(s));
    };
    const x = rand(r, [2, 6], "any", "float64");
    const mean = np.mean(x, 0);
    const c = np.subtract(x, mean);
    const want = np.divide(c, np.sqrt(np.sum(np.square(c))));
    expectClose(pmap(f, { axisName: "i" })(x), want, 1e-12);
    expectClose(vmap(f, { axisName: "i" })(x), want, 1e-12);
  });
});

describe("pmap composition", () => {
  const r = rng(11);
  const x = rand(r, [2, 3, 4], "any", "float64");
  const w = rand(r, [4], "any", "float64");
  const local = (wv: NDArray, xv: NDArray) => np.sum(np.tanh(np.multiply(xv, wv)));

  it("jit(pmap(f)) ≡ pmap(jit(f)) ≡ pmap(f)", () => {
    const f = (a: NDArray) => ({ s: lax.psum(np.sin(a), "i"), g: lax.allGather(a, "i", { axis: 1 }), k: lax.axisIndex("i") });
    const want = pmap(f, { axisName: "i" })(x);
    expectClose(jit(pmap(f, { axisName: "i" }))(x), want, 1e-12);
    expectClose(pmap(jit(f), { axisName: "i" })(x), want, 1e-12);
  });

  it("vmap of pmap and pmap of vmap, with collectives over both axes", () => {
    const xs = rand(r, [3, 2, 4], "any", "float64"); // outer 3 (vmap "j"), inner 2 (pmap "i")
    const f = (a: NDArray) => np.add(lax.psum(a, "i"), np.multiply(lax.pmax(a, "j"), lax.axisIndex("j")));
    const want = vmap(vmap(f, { axisName: "i" }), { axisName: "j" })(xs);
    expectClose(vmap(pmap(f, { axisName: "i" }), { axisName: "j" })(xs), want, 1e-12);
    const swapped = np.transpose(xs, [1, 0, 2]); // pmap over the 2, vmap over the 3 inside
    const got = pmap(vmap(f, { axisName: "j" }), { axisName: "i" })(swapped);
    expectClose(got, np.transpose(want, [1, 0, 2]), 1e-12);
  });

  it("grad through pmap matches float64 central differences", () => {
    const total = (wv: NDArray) =>
      np.sum(pmap((xv: NDArray, ww: NDArray) => lax.pmean(local(ww, xv), "i"), { axisName: "i", inAxes: [0, null] })(x, wv));
    checkGrads(total, [w], { modes: ["rev"] });
    const want = np.multiply(grad((wv: NDArray) => np.sum(vmap((xv: NDArray) => local(wv, xv))(x)))(w), 1);
    expectClose(grad(total)(w), want, 1e-10);
  });

  it("grad inside pmap: the gradient of psum is the psum of the cotangents (as JAX)", () => {
    const loss = (wv: NDArray, xv: NDArray) => lax.pmean(local(wv, xv), "i");
    const opts = { axisName: "i", inAxes: [null, 0] as [null, number] };
    const got = pmap(grad(loss), opts)(w, x);
    // each device: d/dw of (1/N) Σ_j l_j through psum's transpose = its own local gradient (N · 1/N)
    const loop = [0, 1].map((i) => grad(local)(w, x.slice(i) as NDArray));
    expectClose(got, np.stack(loop), 1e-12);
    expectClose(vmap(grad(loss), opts)(w, x), np.stack(loop), 1e-12);
    // pmean of the per-device gradients = the gradient of the global mean loss (data parallelism)
    const dp = pmap((wv: NDArray, xv: NDArray) => lax.pmean(grad(loss)(wv, xv), "i"), opts)(w, x);
    const global = grad((wv: NDArray) => np.mean(vmap((xv: NDArray) => local(wv, xv))(x)))(w);
    expectClose(dp, np.stack([global, global]), 1e-12);
    checkGrads((wv: NDArray) => np.sum(vmap(loss, { axisName: "i", inAxes: [null, 0] })(wv, x)), [w], { modes: ["rev", "fwd"] });
  });

  it("grad of allGather (its transpose is psum_scatter) against central differences", () => {
    const f = (wv: NDArray) =>
      np.sum(
        pmap((xv: NDArray, ww: NDArray) => np.sum(np.sin(np.multiply(lax.allGather(np.multiply(xv, ww), "i"), 1.5))), {
          axisName: "i",
          inAxes: [0, null],
        })(x, wv),
      );
    checkGrads(f, [w], { modes: ["rev", "fwd"] });
    const inside = pmap(
      grad((ww: NDArray, xv: NDArray) => np.sum(np.square(lax.allGather(np.multiply(xv, ww), "i")))),
      {
        axisName: "i",
        inAxes: [null, 0],
      },
    )(w, x);
    expectClose(
      inside,
      vmap(
        grad((ww: NDArray, xv: NDArray) => np.sum(np.square(lax.allGather(np.multiply(xv, ww), "i")))),
        {
          axisName: "i",
          inAxes: [null, 0],
        },
      )(w, x),
      1e-12,
    );
  });

  it("valueAndGrad inside pmap with a pytree of parameters", () => {
    const p = { a: rand(r, [4], "any", "float64"), b: rand(r, [], "any", "float64") };
    const loss = (pp: typeof p, xv: NDArray) => lax.pmean(np.sum(np.square(np.add(np.multiply(xv, pp.a), pp.b))), "i");
    const opts = { axisName: "i", inAxes: [null, 0] as [null, number], outAxes: [null, 0] as [null, number] };
    const [l, g] = pmap(valueAndGrad(loss), opts)(p, x);
    const [l2, g2] = vmap(valueAndGrad(loss), opts)(p, x);
    expectClose([l, g], [l2, g2], 1e-12);
    // the gradients differ per device: outAxes null for them is refused, as vmap refuses it
    expect(() => pmap(valueAndGrad(loss), { ...opts, outAxes: null })(p, x)).toThrow(TransformError);
  });
});

describe("pmap errors and faults", () => {
  it("a collective outside a named axis: NJ511 naming the axis", () => {
    const x = np.ones([2, 3]);
    const expectUnbound = (f: () => unknown, name: string) => {
      try {
        f();
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(TransformError);
        expect((e as TransformError).code).toBe("NJ511");
        expect((e as TransformError).data.axisName).toBe(name);
      }
    };
    expectUnbound(() => lax.psum(x, "i"), "i");
    expectUnbound(() => lax.axisIndex("k"), "k");
    expectUnbound(() => jit((a: NDArray) => lax.pmean(a, "i"))(x), "i");
    expectUnbound(() => pmap((a: NDArray) => lax.psum(a, "j"), { axisName: "i" })(x), "j");
    expectUnbound(() => vmap((a: NDArray) => lax.allGather(a, "j"), { axisName: "i" })(x), "j");
  });

  it("bad maps: NJ512 with the sizes; a collective in control flow: NJ514", () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return [(e as TransformError).code, (e as TransformError).data];
      }
      return null;
    };
    expect(code(() => pmap((a: NDArray) => a, { devices: 2 })(np.ones([3, 2])))).toEqual([
      "NJ512",
      { fn: "<anonymous>", axisSize: 3, devices: 2 },
    ]);
    expect(code(() => pmap((a: NDArray, b: NDArray) => np.add(a, b))(np.ones([2]), np.ones([3])))?.[0]).toBe("NJ512");
    expect(code(() => pmap((a: NDArray) => a, { devices: 0 }))?.[0]).toBe("NJ512");
    const inScan = (a: NDArray) => lax.scan((c: NDArray, v: NDArray) => [np.add(c, lax.psum(v, "i")), v], np.zeros([]), a)[0];
    expect(code(() => pmap(inScan, { axisName: "i" })(np.ones([2, 3])))).toEqual([
      "NJ514",
      { transform: "pmap(inScan)", primitive: "scan", axisName: "i" },
    ]);
    expect(code(() => vmap(inScan, { axisName: "i" })(np.ones([2, 3])))?.[0]).toBe("NJ514");
  });

  for (const sequential of [false, true])
    it(`a throw inside one device surfaces as DeviceError naming the device; the devices stay usable (sequential: ${sequential})`, () => {
      // device 1's index is out of bounds for take: only it throws, at run time inside its stage
      const f = pmap((x: NDArray, i: NDArray) => np.take(x, i), { axisName: "i", sequential });
      const x = np.ones([2, 3]);
      try {
        f(x, np.array([1, 7], { dtype: "int32" }));
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(DeviceError);
        expect((e as DeviceError).code).toBe("NJ513");
        expect((e as DeviceError).data.device).toBe(1);
        expect((e as DeviceError).data.causeCode).toBe("NJ109");
      }
      expectClose(f(x, np.array([1, 2], { dtype: "int32" })), np.array([1, 1]), 0);
    });

  it("device 0 runs on the caller: its throw is DeviceError device 0 after the workers finish; its kernels stay on one thread", () => {
    const f = pmap((x: NDArray, i: NDArray) => np.take(x, i), { axisName: "i" });
    const x = np.ones([2, 3]);
    try {
      f(x, np.array([9, 1], { dtype: "int32" }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DeviceError);
      expect((e as DeviceError).data.device).toBe(0);
      expect((e as DeviceError).data.causeCode).toBe("NJ109");
    }
    expectClose(f(x, np.array([0, 2], { dtype: "int32" })), np.ones([2]), 0);
    // a per-device matmul well past the pool's split threshold: device 0's stage never reaches the pool
    const threads = getThreads();
    setThreads(2);
    try {
      const a = rand(rng(7), [2, 256, 256], "any", "float32");
      const mm = pmap((m: NDArray) => np.matmul(m, m));
      const want = mm(a);
      const jobs = poolStats.jobs;
      expectClose(mm(a), want, 0);
      expect(poolStats.jobs).toBe(jobs);
      // sequential devices split the same matmul over the pool: the same bits
      expectClose(want, pmap((m: NDArray) => np.matmul(m, m), { sequential: true })(a), 0);
      expect(poolStats.jobs).toBeGreaterThan(jobs);
    } finally {
      setThreads(threads);
    }
  });

  it("a worker that dies is replaced", async () => {
    const f = pmap((x: NDArray) => lax.psum(np.multiply(x, 2), "i"), { axisName: "i" });
    const x = np.array([1, 2]);
    expectClose(f(x), np.array([6, 6]), 0);
    const before = deviceWorkers()[0]!;
    await before.worker.terminate();
    expect(before.dead).toBe(true);
    expectClose(f(x), np.array([6, 6]), 0);
    expect(deviceWorkers()[0]).not.toBe(before);
  });

  it("a Node script using pmap exits by itself", () => {
    const script = `
      import { pmap, lax, numpy as np } from "@numjit/runtime";
      const y = pmap((x) => lax.psum(x, "i"), { axisName: "i" })(np.array([1, 2]));
      console.log(JSON.stringify(y.toArray()));
    `;
    const cwd = fileURLToPath(new URL("../../", import.meta.url));
    const res = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd, timeout: 60_000, encoding: "utf8" });
    expect(res.error).toBeUndefined();
    expect(res.status).toBe(0);
    expect(res.stdout.trim()).toBe("[3,3]");
  });
});
