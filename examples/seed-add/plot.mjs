// Render an Observable Plot figure to a standalone SVG string in Node (linkedom provides the DOM).
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

export function renderSeedPlot(rows, title) {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const svg = Plot.plot({
    document,
    width: 760,
    height: 440,
    marginLeft: 60,
    marginRight: 110,
    marginTop: 40,
    x: { type: "log", label: "calls (n) →", grid: true },
    y: { type: "log", label: "↑ total time (ms), median of 5", grid: true },
    color: { domain: ["eager", "jit", "precompiled"], range: ["#e45756", "#4c78a8", "#54a24b"] },
    marks: [
      Plot.line(rows, { x: "n", y: "ms", stroke: "mode", marker: "circle" }),
      Plot.text(rows, Plot.selectLast({ x: "n", y: "ms", z: "mode", text: "mode", fill: "mode", dx: 8, textAnchor: "start" })),
      Plot.text([title], { frameAnchor: "top", dy: -30, fontSize: 14, fontWeight: "bold" }),
    ],
  });
  if (!svg.getAttribute("xmlns")) svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  return svg.outerHTML;
}
