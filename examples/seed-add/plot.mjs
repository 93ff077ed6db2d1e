// The seed figure: total time against the number of calls, log-log, one line per mode, rendered with
// Observable Plot to a standalone SVG in Node (linkedom provides the DOM). Pure helpers (time format,
// label placement, per-call slope and margin) are exported for tests.
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

export const COLORS = {
  eager: "#e45756",
  jit: "#4c78a8",
  precompiled: "#54a24b",
  "JAX add": "#f58518",
  "JAX jax.jit(add)": "#b279a2",
};

/** A duration in plain units with three significant figures: 0.3 -> "300 µs", 0.035 -> "35.0 µs". */
export function formatTime(ms, digits = 3) {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms === 0) return "0 ms";
  const units = [
    [1e-6, "ps"],
    [1e-3, "ns"],
    [1, "µs"],
    [1e3, "ms"],
    [Infinity, "s"],
  ];
  const scale = { ps: 1e9, ns: 1e6, µs: 1e3, ms: 1, s: 1e-3 };
  let k = units.findIndex(([limit]) => Math.abs(ms) < limit);
  let s = (ms * scale[units[k][1]]).toPrecision(digits);
  // 999.7 µs rounds to "1.00e+3": write it in the next unit instead
  if (s.includes("e") && k < units.length - 1) s = (ms * scale[units[++k][1]]).toPrecision(digits);
  return `${s} ${units[k][1]}`;
}

/** Axis ticks: same units, as few digits as the tick needs ("300 µs", "1 ms", "10 ms"). */
export function formatTick(ms) {
  const [v, unit] = formatTime(ms).split(" ");
  return `${Number(v)} ${unit}`;
}

/**
 * Per-call cost of a mode in ms: the slope of time against n, Theil–Sen (the median of the slopes between
 * every pair of n), so one disturbed measurement (a GC pause, another process) does not tilt it, and the
 * fixed cost of a timed loop drops out.
 */
export function slope(rows, mode) {
  const pts = rows.filter((r) => r.mode === mode).sort((p, q) => p.n - q.n);
  const slopes = [];
  for (let i = 0; i < pts.length; i++) {
    for (let j = i + 1; j < pts.length; j++) if (pts[j].n !== pts[i].n) slopes.push((pts[j].ms - pts[i].ms) / (pts[j].n - pts[i].n));
  }
  if (slopes.length === 0) return NaN;
  slopes.sort((p, q) => p - q);
  const m = slopes.length >> 1;
  return slopes.length % 2 ? slopes[m] : (slopes[m - 1] + slopes[m]) / 2;
}

/** What mode `b` saves per call over mode `a`: the Theil–Sen slope of their time difference against n. */
export function margin(rows, a, b) {
  const tb = new Map(rows.filter((r) => r.mode === b).map((r) => [r.n, r.ms]));
  const diff = rows.filter((r) => r.mode === a && tb.has(r.n)).map((r) => ({ n: r.n, ms: r.ms - tb.get(r.n), mode: "d" }));
  return slope(diff, "d");
}

/**
 * End labels that do not overlap: positions are in log10 units (the y scale is log), pushed apart to at
 * least `gap`, keeping their order and staying as close to the line ends as possible (mean-preserving
 * clusters, the classic 1-D label placement).
 */
export function dodgeLabels(values, gap) {
  const order = values.map((v, i) => ({ v: Math.log10(v), i })).sort((p, q) => p.v - q.v);
  // clusters of labels that touch; each cluster is centred on the mean of its members' targets
  const clusters = [];
  for (const o of order) {
    clusters.push({ members: [o], start: o.v });
    while (clusters.length > 1) {
      const b = clusters[clusters.length - 1],
        a = clusters[clusters.length - 2];
      if (a.start + a.members.length * gap <= b.start + 1e-12) break;
      const members = [...a.members, ...b.members];
      const mean = members.reduce((s, m, k) => s + m.v - k * gap, 0) / members.length;
      clusters.splice(-2, 2, { members, start: mean });
    }
  }
  const out = new Array(values.length);
  for (const c of clusters) c.members.forEach((m, k) => (out[m.i] = 10 ** (c.start + k * gap)));
  return out;
}

/**
 * rows: { n, ms, mode }[]. notes: lines written on the plot (the per-call margins).
 * Returns the SVG source.
 */
export function renderSeedPlot(rows, title, notes = []) {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const modes = [...new Set(rows.map((r) => r.mode))];
  const width = 860,
    height = 480,
    marginTop = 30 + 16 * notes.length,
    marginBottom = 40;
  const lo = Math.min(...rows.map((r) => r.ms)) / 1.3,
    hi = Math.max(...rows.map((r) => r.ms)) * 1.3;
  // 13 px between label baselines, in log10 units of the y scale
  const gap = (13 / (height - marginTop - marginBottom)) * Math.log10(hi / lo);
  const ends = modes.map((m) => rows.filter((r) => r.mode === m).reduce((p, q) => (q.n > p.n ? q : p)));
  const placed = dodgeLabels(
    ends.map((e) => e.ms),
    gap,
  );
  const labels = ends.map((e, i) => ({
    n: e.n,
    ms: e.ms,
    y: placed[i],
    mode: e.mode,
    text: `${e.mode}  ${formatTime(slope(rows, e.mode))}/call`,
  }));
  const jax = (r) => r.mode.startsWith("JAX");
  const svg = Plot.plot({
    document,
    width,
    height,
    marginLeft: 70,
    marginRight: 210,
    marginTop,
    marginBottom,
    style: { fontSize: "12px" },
    x: { type: "log", label: "calls (n) →", grid: true, tickFormat: (n) => n.toLocaleString("en-US") },
    y: { type: "log", domain: [lo, hi], label: null, grid: true, tickFormat: formatTick },
    color: { domain: modes, range: modes.map((m) => COLORS[m] ?? "#888") },
    marks: [
      Plot.line(
        rows.filter((r) => !jax(r)),
        { x: "n", y: "ms", stroke: "mode", marker: "circle" },
      ),
      Plot.line(rows.filter(jax), { x: "n", y: "ms", stroke: "mode", marker: "circle", strokeDasharray: "5,3" }),
      // a short leader from each line end to its (possibly moved) label
      Plot.link(labels, { x1: "n", y1: "ms", x2: "n", y2: "y", stroke: "mode", strokeOpacity: 0.5, dx: 4 }),
      Plot.text(labels, { x: "n", y: "y", text: "text", fill: "mode", dx: 8, textAnchor: "start", fontWeight: "bold" }),
      Plot.text([`${title}: total time of n calls (median of 5 repeats)`], {
        frameAnchor: "top-left",
        dy: -marginTop + 12,
        fontSize: 15,
        fontWeight: "bold",
      }),
      ...notes.map((t, i) => Plot.text([t], { frameAnchor: "top-left", dy: -marginTop + 30 + 16 * i, fontSize: 12 })),
    ],
  });
  if (!svg.getAttribute("xmlns")) svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  return svg.outerHTML;
}
