// A small SVG line plot built with DOM calls (no innerHTML of user data, no inline script: CSP-clean).
const SVG = "http://www.w3.org/2000/svg";

export interface Series {
  name: string;
  color: string;
  points: { x: number; y: number }[];
}

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, parent?: Element) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent?.appendChild(e);
  return e;
}

function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [0];
  // the last tick is the first one at or above max, so every point lies inside the axes
  for (let i = 1; ticks[ticks.length - 1]! < max; i++) ticks.push(Number((i * step).toPrecision(6)));
  return ticks;
}

export function linePlot(series: Series[], opts: { xLabel: string; yLabel: string; width?: number; height?: number }): SVGSVGElement {
  const width = opts.width ?? 560;
  const height = opts.height ?? 340;
  const m = { left: 56, right: 30, top: 16, bottom: 44 };
  const all = series.flatMap((s) => s.points);
  const xTicks = niceTicks(Math.max(...all.map((p) => p.x)));
  const yTicks = niceTicks(Math.max(...all.map((p) => p.y)));
  const xMax = xTicks[xTicks.length - 1] || 1;
  const yMax = yTicks[yTicks.length - 1] || 1;
  const sx = (x: number) => m.left + (x / xMax) * (width - m.left - m.right);
  const sy = (y: number) => height - m.bottom - (y / yMax) * (height - m.top - m.bottom);

  const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", class: "line-plot" });
  el("title", {}, svg).textContent = `${opts.yLabel} vs ${opts.xLabel}`;
  const axes = el("g", { class: "axes" }, svg);
  for (const t of yTicks) {
    el("line", { x1: m.left, x2: width - m.right, y1: sy(t), y2: sy(t), class: "grid" }, axes);
    el("text", { x: m.left - 8, y: sy(t) + 4, "text-anchor": "end" }, axes).textContent = String(t);
  }
  for (const t of xTicks) {
    el("line", { x1: sx(t), x2: sx(t), y1: height - m.bottom, y2: height - m.bottom + 5, class: "tick" }, axes);
    el("text", { x: sx(t), y: height - m.bottom + 18, "text-anchor": "middle" }, axes).textContent = t.toLocaleString("en-US");
  }
  el("line", { x1: m.left, x2: width - m.right, y1: height - m.bottom, y2: height - m.bottom, class: "axis" }, axes);
  el("line", { x1: m.left, x2: m.left, y1: m.top, y2: height - m.bottom, class: "axis" }, axes);
  el("text", { x: (m.left + width - m.right) / 2, y: height - 6, "text-anchor": "middle", class: "label" }, axes).textContent = opts.xLabel;
  el(
    "text",
    {
      x: 14,
      y: (m.top + height - m.bottom) / 2,
      "text-anchor": "middle",
      class: "label",
      transform: `rotate(-90 14 ${(m.top + height - m.bottom) / 2})`,
    },
    axes,
  ).textContent = opts.yLabel;

  series.forEach((s, i) => {
    const d = s.points.map((p, j) => `${j === 0 ? "M" : "L"}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join("");
    el("path", { d, fill: "none", stroke: s.color, "stroke-width": 2.5 }, svg);
    for (const p of s.points) el("circle", { cx: sx(p.x), cy: sy(p.y), r: 3.5, fill: s.color }, svg);
    const ly = m.top + 10 + i * 20;
    el("rect", { x: m.left + 14, y: ly - 7, width: 14, height: 4, fill: s.color }, svg);
    el("text", { x: m.left + 34, y: ly, class: "legend" }, svg).textContent = s.name;
  });
  return svg;
}
