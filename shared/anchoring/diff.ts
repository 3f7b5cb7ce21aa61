/**
 * A character-offset map from an old text to its revision, built once per
 * source update so that every passage in unchanged text can be carried over
 * with a binary search instead of a search of the document.
 *
 * Two levels keep it fast on book-length sources: the texts are first trimmed
 * of their common prefix and suffix, the middle is diffed sentence by sentence
 * (Myers' O(ND) greedy algorithm over sentence IDs), and only the sentence runs
 * that differ are diffed again word by word. Both levels give up beyond a work
 * budget and call the whole region changed, which is always safe: passages in
 * a changed region are re-found by search, never assumed.
 */
import type { TextRange } from './selectors';

/** A run of text the two versions share: old[oldStart, oldStart+length) === new[newStart, newStart+length). */
export interface EqualSegment {
  oldStart: number;
  newStart: number;
  length: number;
}

export interface TextDiff {
  /** Maximal shared runs, in order of both texts. */
  equal: EqualSegment[];
  /**
   * The new text between consecutive shared runs: replaced or inserted text.
   * A pure deletion leaves a zero-length range at the point where text went.
   */
  changed: TextRange[];
}

/** Work budget (edit-graph steps) for one Myers run; beyond it the region counts as changed. */
const MYERS_BUDGET = 40_000_000;
/** Upper bound on the edit distance a Myers run explores (its trace costs O(D²) memory). */
const MYERS_MAX_D = 2000;

/**
 * Diff `oldText` → `newText` into shared runs and changed regions. Pure and
 * deterministic; cost is roughly linear in the text plus O(N·D) over
 * sentences, bounded by a fixed budget.
 */
export function diffTexts(oldText: string, newText: string): TextDiff {
  let prefix = 0;
  const maxPrefix = Math.min(oldText.length, newText.length);
  while (prefix < maxPrefix && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const maxSuffix = maxPrefix - prefix;
  while (
    suffix < maxSuffix &&
    oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
  ) {
    suffix++;
  }

  const raw: EqualSegment[] = [];
  if (prefix > 0) raw.push({ oldStart: 0, newStart: 0, length: prefix });
  const oldEnd = oldText.length - suffix;
  const newEnd = newText.length - suffix;
  diffLevel(oldText, prefix, oldEnd, newText, prefix, newEnd, sentenceBounds, raw, true);
  if (suffix > 0) raw.push({ oldStart: oldEnd, newStart: newEnd, length: suffix });

  const equal = mergeSegments(raw);
  return { equal, changed: changedRegions(equal, oldText.length, newText.length) };
}

type Splitter = (text: string, from: number, to: number) => number[];

/**
 * Diff old[oa, ob) against new[na, nb) as sequences of units cut by `split`,
 * pushing shared runs to `out`. At the sentence level, each differing run is
 * refined word by word.
 */
function diffLevel(
  oldText: string,
  oa: number,
  ob: number,
  newText: string,
  na: number,
  nb: number,
  split: Splitter,
  out: EqualSegment[],
  refine: boolean,
): void {
  if (oa >= ob || na >= nb) return;
  const oldCuts = split(oldText, oa, ob);
  const newCuts = split(newText, na, nb);
  const ids = new Map<string, number>();
  const encode = (text: string, cuts: number[]): Int32Array => {
    const seq = new Int32Array(cuts.length - 1);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const unit = text.slice(cuts[i], cuts[i + 1]);
      let id = ids.get(unit);
      if (id === undefined) {
        id = ids.size;
        ids.set(unit, id);
      }
      seq[i] = id;
    }
    return seq;
  };
  const runs = myers(encode(oldText, oldCuts), encode(newText, newCuts));

  // Walk the shared unit runs; the gaps between them are the differing regions.
  let ou = 0;
  let nu = 0;
  const at = (cuts: number[], i: number): number => cuts[i] ?? 0;
  const gap = (oTo: number, nTo: number): void => {
    if (refine) diffLevel(oldText, at(oldCuts, ou), at(oldCuts, oTo), newText, at(newCuts, nu), at(newCuts, nTo), wordBounds, out, false);
  };
  for (const run of runs ?? []) {
    gap(run.a, run.b);
    const oStart = at(oldCuts, run.a);
    out.push({ oldStart: oStart, newStart: at(newCuts, run.b), length: at(oldCuts, run.a + run.length) - oStart });
    ou = run.a + run.length;
    nu = run.b + run.length;
  }
  gap(oldCuts.length - 1, newCuts.length - 1);
}

/**
 * Unit boundaries (including `from` and `to`) after sentence ends — terminal
 * punctuation, closing quotes or brackets, then whitespace — and after line
 * breaks.
 */
function sentenceBounds(text: string, from: number, to: number): number[] {
  const cuts = [from];
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    i++;
    if (c === 10) {
      while (i < to && text.charCodeAt(i) === 10) i++;
      if (i < to) cuts.push(i);
    } else if (c === 46 || c === 33 || c === 63) {
      while (i < to && /[.!?"'”’)\]]/.test(text.charAt(i))) i++;
      if (i < to && /[ \t\r]/.test(text.charAt(i))) {
        while (i < to && /[ \t\r]/.test(text.charAt(i))) i++;
        if (i < to) cuts.push(i);
      }
    }
  }
  cuts.push(to);
  return cuts;
}

/** Unit boundaries around words (letters/digits), whitespace runs and single other characters. */
function wordBounds(text: string, from: number, to: number): number[] {
  const cuts = [from];
  let i = from;
  while (i < to) {
    const kind = charKind(text.charCodeAt(i));
    i++;
    if (kind !== 2) while (i < to && charKind(text.charCodeAt(i)) === kind) i++;
    if (i < to) cuts.push(i);
  }
  cuts.push(to);
  return cuts;
}

/** 0 = word character, 1 = whitespace, 2 = anything else (a unit of its own). */
function charKind(c: number): number {
  if (c === 32 || c === 9 || c === 10 || c === 13 || c === 160) return 1;
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 192) return 0;
  return 2;
}

interface Run {
  a: number;
  b: number;
  length: number;
}

/**
 * Myers' greedy shortest-edit-script over integer sequences, returning the
 * shared runs in order, or undefined when the edit distance exceeds the budget.
 * Keeps one snapshot of the frontier per edit step for the backtrack.
 */
function myers(a: Int32Array, b: Int32Array): Run[] | undefined {
  const n = a.length;
  const m = b.length;
  const maxD = Math.min(n + m, MYERS_MAX_D, Math.max(1, Math.floor(MYERS_BUDGET / Math.max(1, n + m))));
  const offset = maxD + 1;
  const v = new Int32Array(2 * maxD + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= maxD && found < 0; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0)) ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  if (found < 0) return undefined;

  const runs: Run[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d - 1];
    if (!prev) break;
    const k = x - y;
    const get = (kk: number): number => prev[kk + d - 1] ?? 0;
    const down = k === -d || (k !== d && get(k - 1) < get(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = get(prevK);
    const prevY = prevX - prevK;
    const midX = down ? prevX : prevX + 1;
    const snake = x - midX;
    if (snake > 0) runs.push({ a: midX, b: midX - k, length: snake });
    x = prevX;
    y = prevY;
  }
  if (x > 0) runs.push({ a: 0, b: 0, length: x });
  return runs.reverse();
}

/** Join segments that continue each other in both texts, and drop empty ones. */
function mergeSegments(segments: readonly EqualSegment[]): EqualSegment[] {
  const out: EqualSegment[] = [];
  for (const s of segments) {
    if (s.length <= 0) continue;
    const last = out[out.length - 1];
    if (last && last.oldStart + last.length === s.oldStart && last.newStart + last.length === s.newStart) {
      last.length += s.length;
    } else {
      out.push({ ...s });
    }
  }
  return out;
}

/** The new-text gaps between shared runs (zero-length where only old text was removed). */
function changedRegions(equal: readonly EqualSegment[], oldLength: number, newLength: number): TextRange[] {
  const regions: TextRange[] = [];
  let oldPos = 0;
  let newPos = 0;
  for (const s of [...equal, { oldStart: oldLength, newStart: newLength, length: 0 }]) {
    if (s.oldStart > oldPos || s.newStart > newPos) regions.push({ start: newPos, end: s.newStart });
    oldPos = s.oldStart + s.length;
    newPos = s.newStart + s.length;
  }
  return regions;
}

/** Index of the last segment whose old start is ≤ `offset`, or -1. */
function segmentAt(diff: TextDiff, offset: number): number {
  let lo = 0;
  let hi = diff.equal.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((diff.equal[mid]?.oldStart ?? 0) <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * Where old span [start, end) is in the new text when it lies wholly inside
 * shared text, else undefined (the span was touched by an edit). O(log n).
 */
export function mapSpan(diff: TextDiff, start: number, end: number): TextRange | undefined {
  const seg = diff.equal[segmentAt(diff, start)];
  if (!seg || end > seg.oldStart + seg.length) return undefined;
  const shift = seg.newStart - seg.oldStart;
  return { start: start + shift, end: end + shift };
}

/**
 * Best estimate of where old `offset` is now: exact inside shared text;
 * inside an edited region, the same distance past the preceding shared run,
 * clamped to the edited region. Used as the expected position for a search.
 */
export function mapOffset(diff: TextDiff, offset: number): number {
  const i = segmentAt(diff, offset);
  const seg = diff.equal[i];
  const next = diff.equal[i + 1];
  if (!seg) return Math.min(offset, next ? next.newStart : offset);
  const segOldEnd = seg.oldStart + seg.length;
  if (offset <= segOldEnd) return seg.newStart + (offset - seg.oldStart);
  const estimate = seg.newStart + seg.length + (offset - segOldEnd);
  return next ? Math.min(estimate, next.newStart) : estimate;
}

/**
 * How many characters of old span [start, end) the new text kept (lie in
 * shared runs). Tells an edit in place (most of the span survives where it
 * was) from a removal or move (little of it survives here). O(log n + runs).
 */
export function keptLength(diff: TextDiff, start: number, end: number): number {
  let kept = 0;
  for (let i = Math.max(0, segmentAt(diff, start)); i < diff.equal.length; i++) {
    const seg = diff.equal[i];
    if (!seg || seg.oldStart >= end) break;
    kept += Math.max(0, Math.min(end, seg.oldStart + seg.length) - Math.max(start, seg.oldStart));
  }
  return kept;
}
