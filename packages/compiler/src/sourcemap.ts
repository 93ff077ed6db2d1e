// Source map composition: our map (output -> our input) chained through the caller's input map
// (our input -> original sources), so positions in emitted code point at the original file.
import { decode, encode, type SourceMapMappings, type SourceMapSegment } from "@jridgewell/sourcemap-codec";

export interface RawSourceMap {
  version: number;
  file?: string;
  sources: (string | null)[];
  sourcesContent?: (string | null)[];
  names: string[];
  mappings: string;
  sourceRoot?: string;
}

/** Segment in `line` of a decoded map with the greatest column <= col (binary search). */
function lookup(line: SourceMapSegment[] | undefined, col: number): SourceMapSegment | undefined {
  if (!line?.length) return undefined;
  let lo = 0,
    hi = line.length - 1,
    best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (line[mid]![0] <= col) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best >= 0 ? line[best] : undefined;
}

/** outer: generated -> intermediate (one source); inner: intermediate -> originals. */
export function chainMaps(outer: RawSourceMap, inner: RawSourceMap): RawSourceMap {
  const outerLines = decode(outer.mappings);
  const innerLines = decode(inner.mappings);
  const sources: (string | null)[] = [];
  const sourcesContent: (string | null)[] = [];
  const names: string[] = [];
  const srcIndex = new Map<string, number>();
  const nameIndex = new Map<string, number>();
  const root = inner.sourceRoot ? inner.sourceRoot.replace(/\/?$/, "/") : "";
  const addSource = (i: number): number => {
    const s = inner.sources[i] ?? null;
    const key = `${i}`;
    let k = srcIndex.get(key);
    if (k === undefined) {
      k = sources.length;
      sources.push(s === null ? null : root + s);
      sourcesContent.push(inner.sourcesContent?.[i] ?? null);
      srcIndex.set(key, k);
    }
    return k;
  };
  const addName = (n: string): number => {
    let k = nameIndex.get(n);
    if (k === undefined) {
      k = names.length;
      names.push(n);
      nameIndex.set(n, k);
    }
    return k;
  };
  const out: SourceMapMappings = outerLines.map((segs) => {
    const line: SourceMapSegment[] = [];
    for (const seg of segs) {
      if (seg.length === 1) continue;
      const [genCol, , srcLine, srcCol] = seg as [number, number, number, number, number?];
      const hit = lookup(innerLines[srcLine], srcCol);
      if (!hit || hit.length === 1) continue;
      const [, si, ol, oc] = hit as [number, number, number, number, number?];
      const nameFrom = seg.length === 5 ? outer.names[seg[4]!] : hit.length === 5 ? inner.names[hit[4]!] : undefined;
      const s = addSource(si);
      line.push(nameFrom !== undefined ? [genCol, s, ol, oc, addName(nameFrom)] : [genCol, s, ol, oc]);
    }
    return line;
  });
  const res: RawSourceMap = { version: 3, sources, names, mappings: encode(out) };
  if (outer.file !== undefined) res.file = outer.file;
  if (sourcesContent.some((c) => c !== null)) res.sourcesContent = sourcesContent;
  return res;
}
