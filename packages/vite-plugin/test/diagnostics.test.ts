// Diagnostic -> Rollup log conversion and the summary lines (no bundler involved).
import { describe, expect, it } from "vitest";
import { codeFrame, combineErrors, effectiveSeverity, overlayFrame, toLog } from "../src/diagnostics.js";
import { summaryLine } from "@numjit/compiler/summary";
import { CompileLedger, moduleLine } from "../src/stats.js";
import type { Diagnostic } from "../src/compiler.js";

const source = ['import { numpy as np, jit } from "@numjit/runtime";', "", "export const f = jit(g);", ""].join("\n");
const d: Diagnostic = {
  code: "NJ701",
  severity: "warning",
  message: "jit argument is 'g'",
  file: "/app/src/m.ts",
  line: 3,
  column: 22,
};

describe("toLog", () => {
  it("uses Rollup's 0-based column in loc and prefixes the code", () => {
    const log = toLog(d, d.file, source, false);
    expect(log.loc).toEqual({ file: "/app/src/m.ts", line: 3, column: 21 });
    expect(log.message).toBe("NJ701 jit argument is 'g'");
    expect(log.code).toBe("NJ701");
  });

  it("puts the location and the frame in the message for vite build (which prints only the message)", () => {
    const log = toLog(d, d.file, source, true);
    expect(log.message.split("\n")).toEqual([
      "NJ701 jit argument is 'g'",
      "  at /app/src/m.ts:3:22",
      '      1 | import { numpy as np, jit } from "@numjit/runtime";',
      "      2 |",
      "    > 3 | export const f = jit(g);",
      "        |                      ^",
      "      4 |",
    ]);
  });

  it("keeps a message that already starts with its code", () => {
    expect(toLog({ ...d, message: "NJ701: x" }, d.file, source, false).message).toBe("NJ701: x");
  });

  it("promotes warnings to errors only in diagnostics: 'error' mode", () => {
    expect(effectiveSeverity(d, "warn")).toBe("warning");
    expect(effectiveSeverity(d, "error")).toBe("error");
    expect(effectiveSeverity({ ...d, severity: "error" }, "warn")).toBe("error");
  });

  it("folds several errors of one module into the first", () => {
    const a = toLog({ ...d, severity: "error", code: "NJ801", message: "bad shapes" }, d.file, source, false);
    const b = toLog({ ...d, severity: "error", code: "NJ803", message: "unknown np.foo", line: 1, column: 3 }, d.file, source, false);
    const both = combineErrors([a, b]);
    expect(both.loc).toEqual(a.loc);
    expect(both.message).toBe("NJ801 bad shapes\n(and 1 more in this module)\n  NJ803 unknown np.foo (/app/src/m.ts:1:3)");
  });
});

describe("frames", () => {
  it("rewrites a Babel-style frame so Vite's overlay (which trims it) keeps it aligned", () => {
    const frame = codeFrame(["a", "b", "c", "d", "e", "f", "g", "h", "i", "jj", "k"].join("\n"), 10, 2);
    expect(frame.split("\n")[0]).toBe("   8 | h");
    expect(overlayFrame(frame).split("\n")).toEqual(["8  | h", "9  | i", "10 | jj", "   |  ^", "11 | k"]);
  });

  it("leaves a frame of another shape alone", () => {
    expect(overlayFrame("whatever\n  ^")).toBe("whatever\n  ^");
  });
});

describe("summary", () => {
  it("counts only modules with jit functions and drops modules that left the graph", () => {
    const ledger = new CompileLedger();
    ledger.record("/a.ts", { functions: 2, precompiled: 2, fallbacks: 0, kernels: 3 }, 0, 0, 10);
    ledger.record("/b.ts", { functions: 1, precompiled: 0, fallbacks: 1, kernels: 0 }, 1, 0, 5);
    ledger.record("/c.ts", { functions: 0, precompiled: 0, fallbacks: 0, kernels: 0 }, 0, 0, 1);
    expect(summaryLine(ledger.totals())).toBe(
      "numjit: 2/3 jit functions precompiled (3 kernels) in 2 modules, 1 fallback to the runtime jit (see warnings above), 15 ms",
    );
    ledger.retain((f) => f !== "/b.ts");
    expect(summaryLine(ledger.totals())).toBe("numjit: 2/2 jit functions precompiled (3 kernels) in 1 module, 0 fallbacks, 10 ms");
  });

  it("says so when there is nothing to compile", () => {
    expect(summaryLine(new CompileLedger().totals())).toBe("numjit: no jit() functions found");
  });

  it("describes a recompiled module (dev server, HMR)", () => {
    const ledger = new CompileLedger();
    ledger.record("/src/a.ts", { functions: 1, precompiled: 1, fallbacks: 0, kernels: 1 }, 0, 0, 3);
    const r = ledger.record("/src/a.ts", { functions: 1, precompiled: 1, fallbacks: 0, kernels: 2 }, 0, 0, 4.4);
    expect(r.compiles).toBe(2);
    expect(moduleLine(r, "src/a.ts")).toBe("numjit: recompiled src/a.ts: 1/1 jit function precompiled (2 kernels), 4 ms");
  });
});
