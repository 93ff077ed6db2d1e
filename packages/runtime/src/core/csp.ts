// What the page's Content-Security-Policy allows, found without tripping it. A refused `new Function` or
// WebAssembly compile is caught, but the browser has already reported the violation (a
// `securitypolicyviolation` event, a console error, a POST to report-uri/report-to): a try/catch probe
// is never silent, and no script API exposes a policy sent as an HTTP header. What script *can* read
// without a report is the page's `<meta http-equiv="Content-Security-Policy">` policies, so:
//   - a meta policy that forbids it: the runtime never tries (eval: the eager fallback; wasm: JS kernels);
//   - `globalThis.NUMJIT_CODEGEN = false` / `NUMJIT_WASM = false` say so explicitly (a header-only CSP);
//   - otherwise the first attempt is the probe (at most one report, only under a header-only policy).
// Each policy is enforced separately, so one meta policy lacking the keyword forbids it; `script-src`
// governs eval and wasm compilation, `default-src` when there is no `script-src` (CSP 3).

export type CodeKind = "eval" | "wasm";

interface MetaDoc {
  querySelectorAll(s: string): ArrayLike<{ getAttribute(n: string): string | null }>;
}

/** The keywords that allow `kind` under a script-src directive. */
const ALLOWS: Record<CodeKind, RegExp> = { eval: /'unsafe-eval'/i, wasm: /'(?:wasm-unsafe-eval|unsafe-eval)'/i };

/** The source list of the directive that governs scripts in one policy text, or undefined (unrestricted). */
export function scriptSources(policy: string): string | undefined {
  const dirs = policy.split(";").map((d) => d.trim().split(/\s+/));
  const find = (name: string) => dirs.find((d) => d[0]!.toLowerCase() === name);
  const d = find("script-src") ?? find("default-src");
  return d?.slice(1).join(" ");
}

/** Whether some meta CSP of the current document forbids `kind` (false outside a document). */
export function metaCspForbids(kind: CodeKind): boolean {
  const doc = (globalThis as { document?: MetaDoc }).document;
  if (!doc || typeof doc.querySelectorAll !== "function") return false;
  for (const m of Array.from(doc.querySelectorAll('meta[http-equiv="Content-Security-Policy" i]'))) {
    const sources = scriptSources(m.getAttribute("content") ?? "");
    if (sources !== undefined && !ALLOWS[kind].test(sources)) return true;
  }
  return false;
}

/** Whether `kind` is known to be forbidden here (meta CSP or the explicit global switch), before any attempt. */
export function knownForbidden(kind: CodeKind): boolean {
  const flag = kind === "eval" ? "NUMJIT_CODEGEN" : "NUMJIT_WASM";
  return (globalThis as Record<string, unknown>)[flag] === false || metaCspForbids(kind);
}
