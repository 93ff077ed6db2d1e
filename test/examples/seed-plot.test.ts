// The seed figure (examples/seed-add): times in plain units with three significant figures, end labels
// that never overlap, and the per-call margin written on the plot. Values are hand-checked.
import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain .mjs example module without type declarations
import { dodgeLabels, formatTick, formatTime, margin, renderSeedPlot, slope } from "../../examples/seed-add/plot.mjs";

describe("seed plot helpers", () => {
  it("formatTime: three significant figures in ns / µs / ms / s, never an SI letter like '300m'", () => {
    expect(formatTime(0.3)).toBe("300 µs");
    expect(formatTime(0.001)).toBe("1.00 µs");
    expect(formatTime(0.035)).toBe("35.0 µs");
    expect(formatTime(0.0000988)).toBe("98.8 ns");
    expect(formatTime(12.345)).toBe("12.3 ms");
    expect(formatTime(1234)).toBe("1.23 s");
    expect(formatTime(0.99996)).toBe("1.00 ms"); // rounds into the next unit, not "1.00e+3 µs"
    expect(formatTick(0.3)).toBe("300 µs");
    expect(formatTick(10)).toBe("10 ms");
  });

  it("dodgeLabels: keeps order, separates by at least the gap, leaves far-apart labels in place", () => {
    const ys = [1.6, 1.72, 5.14, 8.31];
    const out = dodgeLabels(ys, 0.05) as number[];
    const logs = out.map(Math.log10);
    expect(logs[1]! - logs[0]!).toBeCloseTo(0.05, 12);
    // the pushed-apart pair is centred on its targets' mean (log10 1.6 = 0.2041, log10 1.72 = 0.2355)
    expect((logs[0]! + logs[1]!) / 2).toBeCloseTo((Math.log10(1.6) + Math.log10(1.72)) / 2, 12);
    expect(out[2]).toBeCloseTo(5.14, 12);
    expect(out[3]).toBeCloseTo(8.31, 12);
    // three labels on top of each other, given out of order: they come out in value order, gap apart
    const three = (dodgeLabels([1.72, 1.6, 1.7], 0.1) as number[]).map(Math.log10);
    expect(three[1]! < three[2]! && three[2]! < three[0]!).toBe(true);
    expect(three[2]! - three[1]!).toBeCloseTo(0.1, 12);
    expect(three[0]! - three[2]!).toBeCloseTo(0.1, 12);
  });

  it("slope: per-call cost is the Theil–Sen slope of time against n; one disturbed point does not tilt it", () => {
    const rows = [10, 100, 500, 1000, 5000, 10000].map((n) => ({ n, ms: 0.002 + n * 0.0001, mode: "jit" }));
    expect(slope(rows, "jit")).toBeCloseTo(0.0001, 12);
    // a 10 ms GC pause in the n = 10000 median: a least-squares line would report ~0.001 ms per call (10x)
    rows[5]!.ms += 10;
    expect(slope(rows, "jit")).toBeCloseTo(0.0001, 12);
    const eager = rows.map((r) => ({ ...r, ms: r.ms + r.n * 0.00005, mode: "eager" }));
    expect(margin([...rows, ...eager], "eager", "jit")).toBeCloseTo(0.00005, 12);
  });

  it("renderSeedPlot: plain-unit ticks, one label per mode with its per-call cost, the notes on the plot", () => {
    const rows = [10, 100, 1000, 10000].flatMap((n) => [
      { n, ms: n * 0.000_2, mode: "eager" },
      { n, ms: n * 0.000_101, mode: "jit" },
      { n, ms: n * 0.000_1, mode: "precompiled" },
    ]);
    const svg = renderSeedPlot(rows, "add", ["jit saves 99.0 ns per call"]) as string;
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain(">100 µs<");
    expect(svg).toContain(">1 ms<");
    expect(svg).not.toMatch(/>\d+m</);
    for (const label of ["eager  200 ns/call", "jit  101 ns/call", "precompiled  100 ns/call", "jit saves 99.0 ns per call"]) {
      expect(svg).toContain(label);
    }
    // jit and precompiled end 1% apart; their labels' y positions must be >= 13 px apart
    const y = (text: string) => Number(new RegExp(`transform="translate\\([\\d.]+,([\\d.]+)\\)"[^>]*>${text}<`).exec(svg)?.[1]);
    const dj = Math.abs(y("jit  101 ns/call") - y("precompiled  100 ns/call"));
    expect(dj).toBeGreaterThanOrEqual(12.99);
  });
});
