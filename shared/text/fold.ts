/**
 * Case- and diacritic-insensitive text folding, shared by the search index
 * (terms), its snippets and find-in-source. "Café", "CAFE" and "cafe" fold to
 * the same string, as a person typing into a search box expects; compatibility
 * forms (ligatures such as "ﬁ", full-width letters) fold to their plain letters.
 */

const MARKS = /\p{M}/gu;
const cache = new Map<string, string>();

/** Fold a short string (a term or a query). */
export function foldString(value: string): string {
  return value.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

function foldUnit(unit: string): string {
  let folded = cache.get(unit);
  if (folded === undefined) {
    folded = foldString(unit);
    if (cache.size < 10_000) cache.set(unit, folded);
  }
  return folded;
}

/** A folded text and, for each of its code units, the original range it came from. */
export interface FoldedText {
  text: string;
  /** Original start offset of the character each folded code unit came from. */
  starts: Int32Array;
  /** Original end offset of the character each folded code unit came from. */
  ends: Int32Array;
}

/**
 * Fold `text` keeping a map back to original offsets, so a match found in the
 * folded text can be painted on the original. ASCII takes a fast path.
 */
export function foldText(text: string): FoldedText {
  const parts: string[] = [];
  // Most characters fold to exactly one code unit; grow the maps when they do not.
  let starts = new Int32Array(text.length + 8);
  let ends = new Int32Array(text.length + 8);
  let n = 0;
  const ensure = (count: number) => {
    if (n + count > starts.length) {
      const size = Math.max(starts.length * 2, n + count + 8);
      const s = new Int32Array(size);
      s.set(starts);
      starts = s;
      const e = new Int32Array(size);
      e.set(ends);
      ends = e;
    }
  };
  const push = (folded: string, start: number, end: number) => {
    ensure(folded.length);
    for (let k = 0; k < folded.length; k++) {
      starts[n] = start;
      ends[n] = end;
      n++;
    }
    parts.push(folded);
  };
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      // A run of ASCII at once.
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) < 128) j++;
      const run = text.slice(i, j).toLowerCase();
      ensure(run.length);
      for (let k = 0; k < run.length; k++) {
        starts[n] = i + k;
        ends[n] = i + k + 1;
        n++;
      }
      parts.push(run);
      i = j;
      continue;
    }
    const width = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1;
    push(foldUnit(text.slice(i, i + width)), i, i + width);
    i += width;
  }
  return { text: parts.join(''), starts: starts.subarray(0, n), ends: ends.subarray(0, n) };
}

/** The original range of the folded range [from, to). */
export function originalRange(folded: FoldedText, from: number, to: number): { start: number; end: number } {
  return { start: folded.starts[from]!, end: folded.ends[to - 1]! };
}
