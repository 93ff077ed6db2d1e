// What the runtime reads of a page's CSP before trying eval or a wasm compile (core/csp.ts): the
// directive that governs scripts (script-src, else default-src), each meta policy enforced on its own,
// and the explicit NUMJIT_CODEGEN / NUMJIT_WASM switches. The browser side (no violation report under a
// meta policy) is test/browser/wasm-csp.test.ts.
import { afterEach, describe, expect, it } from "vitest";
import { knownForbidden, scriptSources } from "@numjit/runtime/internal";

const g = globalThis as Record<string, unknown>;

/** A document whose meta CSPs are `policies`. */
function withMeta(policies: string[]): void {
  g["document"] = {
    querySelectorAll: (sel: string) => {
      expect(sel).toBe('meta[http-equiv="Content-Security-Policy" i]');
      return policies.map((p) => ({ getAttribute: (n: string) => (n === "content" ? p : null) }));
    },
  };
}

afterEach(() => {
  delete g["document"];
  delete g["NUMJIT_CODEGEN"];
  delete g["NUMJIT_WASM"];
});

describe("CSP detection without an attempt", () => {
  it("reads script-src, else default-src, else nothing", () => {
    expect(scriptSources("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'")).toBe("'self' 'wasm-unsafe-eval'");
    expect(scriptSources("default-src 'none'; img-src *")).toBe("'none'");
    expect(scriptSources("img-src *; object-src 'none'")).toBeUndefined();
    expect(scriptSources(" SCRIPT-SRC  'self'  'unsafe-eval' ")).toBe("'self' 'unsafe-eval'");
  });

  it("a meta policy without the keyword forbids; 'unsafe-eval' also allows wasm", () => {
    withMeta(["script-src 'self'"]);
    expect([knownForbidden("eval"), knownForbidden("wasm")]).toEqual([true, true]);
    withMeta(["script-src 'self' 'wasm-unsafe-eval'"]);
    expect([knownForbidden("eval"), knownForbidden("wasm")]).toEqual([true, false]);
    withMeta(["default-src 'self' 'unsafe-eval'"]);
    expect([knownForbidden("eval"), knownForbidden("wasm")]).toEqual([false, false]);
    withMeta(["img-src *"]);
    expect([knownForbidden("eval"), knownForbidden("wasm")]).toEqual([false, false]);
  });

  it("every meta policy is enforced: one that lacks the keyword forbids", () => {
    withMeta(["script-src 'self' 'unsafe-eval'", "script-src 'self' 'wasm-unsafe-eval'"]);
    expect([knownForbidden("eval"), knownForbidden("wasm")]).toEqual([true, false]);
  });

  it("no document (Node, workers without one): only the explicit switches", () => {
    expect([knownForbidden("eval"), knownForbidden("wasm")]).toEqual([false, false]);
    g["NUMJIT_CODEGEN"] = false;
    expect([knownForbidden("eval"), knownForbidden("wasm")]).toEqual([true, false]);
    g["NUMJIT_WASM"] = false;
    expect(knownForbidden("wasm")).toBe(true);
  });
});
