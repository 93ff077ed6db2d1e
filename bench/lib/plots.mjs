// SVG plots with Observable Plot, rendered in Node on a linkedom document (no browser, no hand-built SVG).
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

const NUMJIT = "#d9480f";
const PEER = "#4c6ef5";

function render(options) {
  const { document } = parseHTML("<!DOCTYPE html><html><body></body></html>");
  const svg = Plot.plot({ document, style: { background: "white" }, ...options });
  // Standalone .svg files need the namespace declared for <img> embedding.
  svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg.outerHTML}\n`;
}

/** W0: total time of n calls against n, log-log, one line per column. */
export function seedPlot(sweep) {
  const data = sweep.series.flatMap((s) => s.points.map((p) => ({ lib: s.lib, n: p.n, ms: p.median, lo: p.min, hi: p.max })));
  const libs = sweep.series.map((s) => s.lib);
  const range = [PEER, NUMJIT, "#2b8a3e", "#862e9c"];
  // A hand-placed legend in the empty top-left corner (Plot's own legend is HTML, not SVG).
  const legend = libs.map((lib, i) =>
    Plot.text([lib], { frameAnchor: "top-left", dx: 12, dy: 8 + 16 * i, fill: range[i], fontSize: 12, fontWeight: "bold" }),
  );
  return render({
    width: 640,
    height: 400,
    marginTop: 40,
    marginLeft: 60,
    marginRight: 20,
    x: { type: "log", label: "calls in a row (n)", grid: true, tickFormat: "~s" },
    y: { type: "log", label: "total time of n calls (ms)", labelAnchor: "center", grid: true, tickFormat: tick },
    color: { domain: libs, range },
    marks: [
      Plot.ruleX(data, { x: "n", y1: "lo", y2: "hi", stroke: "lib", strokeOpacity: 0.5 }),
      Plot.line(data, { x: "n", y: "ms", stroke: "lib", strokeWidth: 2 }),
      Plot.dot(data, { x: "n", y: "ms", fill: "lib", r: 3 }),
      ...legend,
      Plot.text([`W0 seed: add called n times (median of ${sweep.repeats}, whiskers min–max)`], {
        frameAnchor: "top-left",
        dy: -28,
        fontWeight: "bold",
        fontSize: 12,
      }),
    ],
  });
}

/** One horizontal bar per library (median), with the p25–p75 spread as a black rule. */
export function barPlot(caseResult, title) {
  const ok = caseResult.rows.filter((r) => r.status === "ok");
  if (!ok.length) return null;
  const data = ok
    .map((r) => ({ lib: r.lib, group: r.group, v: r.value, lo: r.lo, hi: r.hi }))
    .sort((a, b) => (caseResult.better === "higher" ? b.v - a.v : a.v - b.v));
  const vals = data.map((d) => d.v);
  const log = Math.max(...vals) / Math.min(...vals) > 30;
  const base = log ? 10 ** Math.floor(Math.log10(Math.min(...data.map((d) => d.lo)))) : 0;
  const label = `${caseResult.unit} (${caseResult.better} is better${log ? ", log scale" : ""})`;
  return render({
    width: 640,
    height: 60 + 28 * data.length,
    marginLeft: labelMargin(data.map((d) => d.lib)),
    marginRight: 70,
    marginTop: 34,
    x: {
      type: log ? "log" : "linear",
      label,
      grid: true,
      tickFormat: tick,
      ...(log ? {} : { domain: [0, Math.max(...data.map((d) => d.hi)) * 1.05] }),
    },
    y: { domain: data.map((d) => d.lib), label: null },
    color: { domain: ["numjit", "peer"], range: [NUMJIT, PEER] },
    marks: [
      Plot.barX(data, { y: "lib", x1: base, x2: "v", fill: "group", fillOpacity: 0.85 }),
      Plot.ruleY(data, { y: "lib", x1: "lo", x2: "hi", stroke: "black", strokeWidth: 1.5 }),
      Plot.text(data, { y: "lib", x: "hi", text: (d) => fmtShort(d.v), dx: 5, textAnchor: "start" }),
      Plot.text([title], { frameAnchor: "top-left", dy: -24, fontWeight: "bold", fontSize: 12 }),
    ],
  });
}

/** W6: first call vs steady state per column, one bar each. */
export function compilePlot(caseResult, title) {
  const data = caseResult.rows
    .filter((r) => r.status === "ok")
    .flatMap((r) => [
      { row: `${r.lib} · cold`, what: "cold first call", ms: r.cold.median / 1e6, lo: r.cold.p25 / 1e6, hi: r.cold.p75 / 1e6 },
      { row: `${r.lib} · first`, what: "first call", ms: r.first.median / 1e6, lo: r.first.p25 / 1e6, hi: r.first.p75 / 1e6 },
      { row: `${r.lib} · steady`, what: "steady state", ms: r.steady.median / 1e6, lo: r.steady.p25 / 1e6, hi: r.steady.p75 / 1e6 },
    ]);
  if (!data.length) return null;
  const vals = data.map((d) => d.ms);
  const log = Math.max(...vals) / Math.min(...vals) > 30;
  const base = log ? 10 ** Math.floor(Math.log10(Math.min(...data.map((d) => d.lo)))) : 0;
  return render({
    width: 640,
    height: 60 + 24 * data.length,
    marginLeft: labelMargin(data.map((d) => d.row)),
    marginRight: 70,
    marginTop: 34,
    x: { type: log ? "log" : "linear", label: `ms (lower is better${log ? ", log scale" : ""})`, grid: true, tickFormat: tick },
    y: { label: null, domain: data.map((d) => d.row) },
    color: { domain: ["cold first call", "first call", "steady state"], range: ["#862e9c", NUMJIT, "#868e96"] },
    marks: [
      Plot.barX(data, { y: "row", x1: base, x2: "ms", fill: "what", fillOpacity: 0.85 }),
      Plot.ruleY(data, { y: "row", x1: "lo", x2: "hi", stroke: "black", strokeWidth: 1.5 }),
      Plot.text(data, { y: "row", x: "hi", text: (d) => fmtShort(d.ms), dx: 5, textAnchor: "start" }),
      Plot.text([title], { frameAnchor: "top-left", dy: -24, fontWeight: "bold", fontSize: 12 }),
    ],
  });
}

/**
 * Threads: speed-up over 1 thread against the thread count, log-log. Dots: measured (1 and `threads`);
 * lines: Amdahl's law with each case's measured serial fraction, up to 16 cores; dashed: ideal.
 */
export function scalingPlot(rows, threads, amdahl) {
  if (!rows.length) return null;
  const ks = [1, 2, 4, 8, 16];
  const model = rows.flatMap((r) => ks.map((k) => ({ what: r.what, k, s: amdahl(r.serial, k) })));
  const measured = rows.flatMap((r) => [
    { what: r.what, k: 1, s: 1 },
    { what: r.what, k: threads, s: r.speedup },
  ]);
  const names = rows.map((r) => r.what);
  const range = [NUMJIT, PEER, "#2b8a3e", "#862e9c", "#e67700", "#0b7285", "#868e96"];
  const legend = names.map((n, i) =>
    Plot.text([n], { frameAnchor: "top-left", dx: 12, dy: 8 + 16 * i, fill: range[i % range.length], fontSize: 12, fontWeight: "bold" }),
  );
  return render({
    width: 640,
    height: 400,
    marginTop: 40,
    marginLeft: 60,
    marginRight: 20,
    x: { type: "log", base: 2, label: "threads (cores)", grid: true, ticks: ks, tickFormat: (d) => String(d) },
    y: { type: "log", base: 2, label: "speed-up over 1 thread", grid: true, tickFormat: tick },
    color: { domain: names, range },
    marks: [
      Plot.line(
        ks.map((k) => ({ k, s: k })),
        { x: "k", y: "s", stroke: "#adb5bd", strokeDasharray: "4,4" },
      ),
      Plot.line(model, { x: "k", y: "s", stroke: "what", strokeWidth: 1.5, strokeOpacity: 0.7 }),
      Plot.dot(measured, { x: "k", y: "s", fill: "what", r: 4 }),
      ...legend,
      Plot.text([`Threads: measured on ${threads} (dots), Amdahl's law to 16 cores (lines), ideal (dashed)`], {
        frameAnchor: "top-left",
        dy: -28,
        fontWeight: "bold",
        fontSize: 12,
      }),
    ],
  });
}

/** Axis ticks as plain numbers: 0.01, 0.5, 20, 1,000 (no SI prefixes, no exponents). */
function tick(d) {
  return d >= 1 ? Number(d).toLocaleString("en-US") : String(Number(d.toPrecision(3)));
}

/** Room for the longest y label (10px system-ui is ~6px per character). */
function labelMargin(labels) {
  return Math.max(120, 12 + 6 * Math.max(...labels.map((l) => l.length)));
}

function fmtShort(x) {
  if (x >= 1000) return Math.round(x).toLocaleString("en-US");
  if (x >= 10) return x.toFixed(1);
  if (x >= 1) return x.toFixed(2);
  return x.toPrecision(2);
}
