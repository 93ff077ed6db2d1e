// NUMJIT_DEBUG, in one place: 1 compile events and cache misses, 2 IR after each pass,
// 3 kernel source, 4 timings. Read from the environment (Node) or globalThis.NUMJIT_DEBUG (browsers).
let level: number | undefined;

export function debugLevel(): number {
  if (level !== undefined) return level;
  const g = globalThis as { NUMJIT_DEBUG?: unknown; process?: { env?: Record<string, string | undefined> } };
  const raw = g.NUMJIT_DEBUG ?? g.process?.env?.NUMJIT_DEBUG;
  level = raw === undefined ? 0 : Number(raw) || 0;
  return level;
}

/** Override the level at run time (tests, REPL). */
export function setDebugLevel(n: number | undefined): void {
  level = n;
}

export function debugLog(min: number, msg: string): void {
  if (debugLevel() >= min) console.error(`[numjit] ${msg}`);
}

const logged = new Set<string>();
/** debugLog, once per key (a repeated reason is not repeated in the log). */
export function debugLogOnce(min: number, key: string, msg: string): void {
  if (debugLevel() < min || logged.has(key)) return;
  logged.add(key);
  console.error(`[numjit] ${msg}`);
}

const warned = new Set<string>();
export function warnOnce(key: string, msg: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(`[numjit] ${msg}`);
}

/** The first stack frame outside numjit: where the user's code called into the failing op. */
export function userFrame(err: unknown): string | undefined {
  const stack = err instanceof Error ? err.stack : undefined;
  if (!stack) return undefined;
  for (const line of stack.split("\n").slice(1)) {
    const l = line.trim();
    if (!l.startsWith("at ")) continue;
    if (/[\\/](packages[\\/]runtime|@numjit[\\/]runtime)[\\/]/.test(l) || l.includes("node:internal") || l.includes("node_modules"))
      continue;
    return l.slice(3);
  }
  return undefined;
}
