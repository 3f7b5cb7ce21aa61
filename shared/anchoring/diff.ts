/**
 * A map from an old text to its revision, built once per source update so
 * that every passage in unchanged text is carried over with a binary search
 * instead of a search of the document.
 *
 * The diff must hold for any script and any layout, so it relies on neither
 * sentence punctuation nor line breaks:
 *
 * 1. Both texts are compared as skeletons (whitespace dropped, see
 *    `skeleton.ts`), so re-flowed paragraphs and re-wrapped lines are equal.
 * 2. Each skeleton is cut into content-defined chunks: a rolling (gear) hash
 *    of the last 32 characters decides where a chunk ends, so the cuts depend
 *    only on nearby characters and an edit disturbs one or two chunks. This
 *    works the same on Latin, CJK, Arabic or a transcript with no punctuation.
 * 3. The chunk sequences are aligned patience-style: chunks that occur exactly
 *    once in both texts, in increasing order on both sides (a longest
 *    increasing subsequence), become anchors; each stretch between anchors is
 *    aligned again the same way, and small stretches by Myers' O(ND) diff.
 * 4. Each stretch of chunks that still differs is refined character by
 *    character: shared prefix and suffix first, then Myers within a budget.
 *
 * Nothing here gives up on the whole text: a stretch that cannot be aligned
 * within its budget is marked changed, and it lies between aligned
 * neighbours, so a passage from it is searched for in that stretch only.
 * Changed regions are always safe: passages in them are re-found by search
 * and confirmed, never assumed.
 */
import { skeletonOf, toRaw, toSkeleton, type Skeleton } from './skeleton';
import type { TextRange } from './selectors';

/** A run the two skeletons share: old.text[oldStart, +length) === new.text[newStart, +length). */
export interface EqualSegment {
  oldStart: number;
  newStart: number;
  length: number;
}

export interface TextDiff {
  old: Skeleton;
  new: Skeleton;
  /** Maximal shared runs, in skeleton offsets, in order of both texts. */
  equal: EqualSegment[];
  /**
   * The new skeleton between consecutive shared runs: replaced or inserted
   * text. A pure deletion leaves a zero-length range where the text went.
   */
  changed: TextRange[];
}

/** Chunking: no cut before this many characters, a forced cut at the maximum, and on average one more cut per 2^CUT_BITS characters. */
const CHUNK_MIN = 16;
const CHUNK_MAX = 256;
const CUT_BITS = 6;
/** Stretches at most this long (in units) on both sides together go straight to Myers. */
const SMALL_STRETCH = 64;
/** Edit-graph steps for the whole diff; beyond it, what is left is marked changed. */
const TOTAL_BUDGET = 30_000_000;
/** Edit-graph steps for one Myers run. */
const RUN_BUDGET = 4_000_000;
/** Deepest edit script one Myers run explores (its trace costs O(D²) memory). */
const MAX_D = 2000;
/**
 * Shortest run kept from a character-level Myers run inside a changed stretch.
 * Unrelated sentences share scattered letters; keeping those would make an
 * edited region look mostly unchanged and split it into slivers.
 */
const MIN_INTERIOR_RUN = 8;

/**
 * Diff `oldText` → `newText`. Pure and deterministic; roughly linear in the
 * text length for ordinary revisions, and bounded by a fixed work budget for
 * any input.
 */
export function diffTexts(oldText: string, newText: string): TextDiff {
  const oldSk = skeletonOf(oldText);
  const newSk = skeletonOf(newText);
  const equal = diffSkeletons(oldSk.codes, newSk.codes);
  return { old: oldSk, new: newSk, equal, changed: changedRegions(equal, oldSk.codes.length, newSk.codes.length) };
}

/** Code units of a text. */
type Units = Uint16Array | Int32Array;

/** The shared runs of two code-unit sequences (see the module comment). */
export function diffSkeletons(a: Uint16Array, b: Uint16Array): EqualSegment[] {
  let prefix = 0;
  const maxPrefix = Math.min(a.length, b.length);
  while (prefix < maxPrefix && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  const maxSuffix = maxPrefix - prefix;
  while (suffix < maxSuffix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;

  const out: EqualSegment[] = [];
  if (prefix > 0) out.push({ oldStart: 0, newStart: 0, length: prefix });
  const aEnd = a.length - suffix;
  const bEnd = b.length - suffix;
  const budget = { left: TOTAL_BUDGET };
  if (aEnd > prefix && bEnd > prefix) {
    const ids = new ChunkIds(((aEnd - prefix + bEnd - prefix) / 32) | 0);
    const chunksA = chunk(a, prefix, aEnd, ids);
    const chunksB = chunk(b, prefix, bEnd, ids);
    const runs = alignSequences(chunksA.ids, chunksB.ids, ids.size, budget);
    // Chunk runs become character runs (checked: chunk ids are hashes); the stretches between them are refined.
    const aCuts = chunksA.cuts;
    const bCuts = chunksB.cuts;
    const at = (cuts: Int32Array, i: number): number => cuts[i] ?? 0;
    let ai = 0;
    let bi = 0;
    const take = (x: number, y: number, length: number): void => {
      refine(a, at(aCuts, ai), at(aCuts, x), b, at(bCuts, bi), at(bCuts, y), out, budget);
      const start = at(aCuts, x);
      out.push({ oldStart: start, newStart: at(bCuts, y), length: at(aCuts, x + length) - start });
      ai = x + length;
      bi = y + length;
    };
    for (const run of runs) {
      // Keep the longest stretches of truly equal chunks; a chunk whose hash collided is left to refinement.
      let from = 0;
      for (let i = 0; i < run.length; i++) {
        if (sameText(a, at(aCuts, run.a + i), at(aCuts, run.a + i + 1), b, at(bCuts, run.b + i))) continue;
        if (i > from) take(run.a + from, run.b + from, i - from);
        from = i + 1;
      }
      if (run.length > from) take(run.a + from, run.b + from, run.length - from);
    }
    refine(a, at(aCuts, ai), aEnd, b, at(bCuts, bi), bEnd, out, budget);
  }
  if (suffix > 0) out.push({ oldStart: aEnd, newStart: bEnd, length: suffix });
  return mergeSegments(out);
}

/**
 * The gear value of a UTF-16 code unit: a fixed pseudo-random 32-bit number
 * (so cuts are the same everywhere), computed rather than looked up: a table
 * for every code unit is 256 KB, and Chinese or Japanese text would read it
 * at random, a cache miss per character.
 */
function gearOf(c: number): number {
  const g = Math.imul(c + 0x632be5ab, 0x9e3779b1);
  return g ^ (g >>> 15);
}

/**
 * Small integer ids for 64-bit chunk hashes (two 32-bit halves), in an
 * open-addressing table of (half, half, id) triples in one typed array: no
 * allocation per chunk and one cache line per probe, which on a 2 MB text is
 * the difference between a few milliseconds and a few dozen.
 */
export class ChunkIds {
  private table: Int32Array;
  private mask: number;
  private shift: number;
  size = 0;

  constructor(expected: number) {
    let bits = 10;
    while (1 << bits < 2 * expected) bits++;
    this.table = new Int32Array(3 << bits).fill(-1);
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
  }

  /** Home slot: the top bits of a multiplicative mix (the low bits of polynomial hashes are weak). */
  private home(h1: number, h2: number): number {
    let x = h1 ^ Math.imul(h2 ^ (h2 >>> 16), 0x85ebca6b);
    x ^= x >>> 13;
    return Math.imul(x, 0x9e3779b1) >>> this.shift;
  }

  idOf(h1: number, h2: number): number {
    if (2 * (this.size + 1) > this.mask + 1) this.grow();
    const table = this.table;
    const mask = this.mask;
    let slot = this.home(h1, h2);
    for (;;) {
      const at = 3 * slot;
      const id = table[at + 2] as number;
      if (id < 0) {
        table[at] = h1;
        table[at + 1] = h2;
        table[at + 2] = this.size;
        return this.size++;
      }
      if (table[at] === h1 && table[at + 1] === h2) return id;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(2 * old.length).fill(-1);
    this.mask = 2 * (this.mask + 1) - 1;
    this.shift -= 1;
    const size = this.size;
    for (let at = 0; at < old.length; at += 3) {
      const id = old[at + 2] as number;
      if (id < 0) continue;
      const h1 = old[at] as number;
      const h2 = old[at + 1] as number;
      let slot = this.home(h1, h2);
      while ((this.table[3 * slot + 2] as number) >= 0) slot = (slot + 1) & this.mask;
      this.table[3 * slot] = h1;
      this.table[3 * slot + 1] = h2;
      this.table[3 * slot + 2] = id;
    }
    this.size = size;
  }
}

/** Whether a[aFrom, aTo) equals b from bFrom on. */
function sameText(a: Uint16Array, aFrom: number, aTo: number, b: Uint16Array, bFrom: number): boolean {
  for (let i = aFrom, j = bFrom; i < aTo; i++, j++) if (a[i] !== b[j]) return false;
  return true;
}

/**
 * Content-defined chunks of s[from, to): their cut points (both ends
 * included) and one small integer per chunk, equal for chunks whose text
 * hashes alike (`ids` is shared by both texts; callers check the text).
 *
 * The gear hash shifts one bit per character, so its top bits depend on the
 * last 32 characters only: a chunk ends where those characters hash to a value
 * whose top CUT_BITS bits are zero, once it is CHUNK_MIN long, and at
 * CHUNK_MAX in any case. A chunk's identity is a 64-bit hash of its text
 * (two polynomial hashes), checked character by character where it matters.
 */
export function chunk(s: Uint16Array, from: number, to: number, ids: ChunkIds): { cuts: Int32Array; ids: Int32Array } {
  const cuts: number[] = [from];
  const seq: number[] = [];
  const shift = 32 - CUT_BITS;
  let h = 0;
  let p1 = 0;
  let p2 = 0;
  let last = from;
  for (let i = from; i < to; i++) {
    const c = s[i] ?? 0;
    h = ((h << 1) + gearOf(c)) | 0;
    p1 = (Math.imul(p1, 31) + c) | 0;
    p2 = (Math.imul(p2, 0x01000193) + c) | 0;
    const len = i + 1 - last;
    if (i + 1 === to || (len >= CHUNK_MIN && (h >>> shift === 0 || len >= CHUNK_MAX))) {
      seq.push(ids.idOf(p1, p2));
      cuts.push(i + 1);
      last = i + 1;
      p1 = 0;
      p2 = 0;
    }
  }
  return { cuts: Int32Array.from(cuts), ids: Int32Array.from(seq) };
}

interface Run {
  a: number;
  b: number;
  length: number;
}

interface Budget {
  left: number;
}

/**
 * Shared runs of two integer sequences, in order. Patience-style: unique
 * common elements in increasing order anchor the alignment, and the stretches
 * between anchors are aligned the same way (Myers when they are small or have
 * no unique common element). A stretch Myers cannot finish within the budget
 * contributes nothing: it stays changed.
 */
export function alignSequences(a: Int32Array, b: Int32Array, alphabet: number, budget: Budget): Run[] {
  const runs: Run[] = [];
  const countA = new Int32Array(alphabet);
  const countB = new Int32Array(alphabet);
  const posA = new Int32Array(alphabet);
  const posB = new Int32Array(alphabet);
  const stack: [number, number, number, number][] = [[0, a.length, 0, b.length]];
  while (stack.length > 0) {
    let [aLo, aHi, bLo, bHi] = stack.pop() as [number, number, number, number];
    // Shared ends first: they are part of any best alignment of the stretch.
    let head = 0;
    while (aLo + head < aHi && bLo + head < bHi && a[aLo + head] === b[bLo + head]) head++;
    if (head > 0) runs.push({ a: aLo, b: bLo, length: head });
    aLo += head;
    bLo += head;
    let tail = 0;
    while (aHi - tail > aLo && bHi - tail > bLo && a[aHi - 1 - tail] === b[bHi - 1 - tail]) tail++;
    if (tail > 0) runs.push({ a: aHi - tail, b: bHi - tail, length: tail });
    aHi -= tail;
    bHi -= tail;
    const n = aHi - aLo;
    const m = bHi - bLo;
    if (n === 0 || m === 0) continue;

    if (n + m > SMALL_STRETCH) {
      const anchors = uniqueAnchors(a, aLo, aHi, b, bLo, bHi, countA, countB, posA, posB);
      if (anchors.length > 0) {
        // Stretches between anchors, each aligned on its own; adjacent anchors form one run.
        let pa = aLo;
        let pb = bLo;
        let last: Run | undefined;
        for (const [x, y] of anchors) {
          if (last && x === pa && y === pb) {
            last.length++;
          } else {
            if (x > pa || y > pb) stack.push([pa, x, pb, y]);
            last = { a: x, b: y, length: 1 };
            runs.push(last);
          }
          pa = x + 1;
          pb = y + 1;
        }
        if (aHi > pa || bHi > pb) stack.push([pa, aHi, pb, bHi]);
        continue;
      }
    }
    const found = myers(a.subarray(aLo, aHi), b.subarray(bLo, bHi), budget);
    for (const r of found ?? []) runs.push({ a: r.a + aLo, b: r.b + bLo, length: r.length });
  }
  runs.sort((x, y) => x.a - y.a);
  return runs;
}

/**
 * Pairs (i, j) with a[i] === b[j] where that value occurs exactly once in
 * a[aLo, aHi) and once in b[bLo, bHi), reduced to the longest chain increasing
 * on both sides. The count arrays are indexed by value and left zeroed.
 */
function uniqueAnchors(
  a: Int32Array,
  aLo: number,
  aHi: number,
  b: Int32Array,
  bLo: number,
  bHi: number,
  countA: Int32Array,
  countB: Int32Array,
  posA: Int32Array,
  posB: Int32Array,
): [number, number][] {
  for (let i = aLo; i < aHi; i++) {
    const v = a[i] ?? 0;
    countA[v] = (countA[v] ?? 0) + 1;
    posA[v] = i;
  }
  for (let j = bLo; j < bHi; j++) {
    const v = b[j] ?? 0;
    countB[v] = (countB[v] ?? 0) + 1;
    posB[v] = j;
  }
  const pairs: [number, number][] = [];
  for (let i = aLo; i < aHi; i++) {
    const v = a[i] ?? 0;
    if (countA[v] === 1 && countB[v] === 1) pairs.push([i, posB[v] ?? 0]);
  }
  for (let i = aLo; i < aHi; i++) countA[a[i] ?? 0] = 0;
  for (let j = bLo; j < bHi; j++) countB[b[j] ?? 0] = 0;
  return longestIncreasing(pairs);
}

/** The longest subsequence of `pairs` (already increasing in [0]) that increases in [1]. O(k log k). */
function longestIncreasing(pairs: readonly [number, number][]): [number, number][] {
  const tails: number[] = []; // index into pairs of the smallest tail of an increasing run of each length
  const prev = new Int32Array(pairs.length).fill(-1);
  for (let i = 0; i < pairs.length; i++) {
    const y = pairs[i]?.[1] ?? 0;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((pairs[tails[mid] ?? 0]?.[1] ?? 0) < y) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1] ?? -1;
    tails[lo] = i;
  }
  const chain: [number, number][] = [];
  for (let i = tails[tails.length - 1] ?? -1; i >= 0; i = prev[i] ?? -1) chain.push(pairs[i] as [number, number]);
  return chain.reverse();
}

/**
 * Character-level refinement of a stretch the chunk alignment left unmatched:
 * its shared prefix and suffix, then Myers on what is left, keeping only runs
 * long enough to mean something.
 */
function refine(a: Uint16Array, aLo: number, aHi: number, b: Uint16Array, bLo: number, bHi: number, out: EqualSegment[], budget: Budget): void {
  let head = 0;
  while (aLo + head < aHi && bLo + head < bHi && a[aLo + head] === b[bLo + head]) head++;
  if (head > 0) out.push({ oldStart: aLo, newStart: bLo, length: head });
  let tail = 0;
  while (aHi - tail > aLo + head && bHi - tail > bLo + head && a[aHi - 1 - tail] === b[bHi - 1 - tail]) tail++;
  const innerA = aLo + head;
  const innerB = bLo + head;
  const n = aHi - tail - innerA;
  const m = bHi - tail - innerB;
  if (n >= MIN_INTERIOR_RUN && m >= MIN_INTERIOR_RUN) {
    for (const r of myers(a.subarray(innerA, innerA + n), b.subarray(innerB, innerB + m), budget) ?? []) {
      if (r.length >= MIN_INTERIOR_RUN) out.push({ oldStart: innerA + r.a, newStart: innerB + r.b, length: r.length });
    }
  }
  if (tail > 0) out.push({ oldStart: aHi - tail, newStart: bHi - tail, length: tail });
}

/**
 * Myers' greedy shortest-edit-script over integer sequences, returning the
 * shared runs in order, or undefined when the edit distance exceeds what the
 * budget allows. Keeps one snapshot of the frontier per edit step for the
 * backtrack.
 */
function myers(a: Units, b: Units, budget: Budget): Run[] | undefined {
  const n = a.length;
  const m = b.length;
  const steps = Math.min(budget.left, RUN_BUDGET);
  const maxD = Math.min(n + m, MAX_D, Math.floor(steps / Math.max(1, n + m)));
  const offset = maxD + 1;
  const v = new Int32Array(2 * maxD + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  let d = 0;
  for (; d <= maxD && found < 0; d++) {
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
  budget.left -= Math.min(steps, d * (n + m));
  if (found < 0) return undefined;

  const runs: Run[] = [];
  let x = n;
  let y = m;
  for (let e = found; e > 0; e--) {
    const prev = trace[e - 1];
    if (!prev) break;
    const k = x - y;
    const get = (kk: number): number => prev[kk + e - 1] ?? 0;
    const down = k === -e || (k !== e && get(k - 1) < get(k + 1));
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

/** Sort, join segments that continue each other in both texts, and drop empty ones. */
function mergeSegments(segments: EqualSegment[]): EqualSegment[] {
  segments.sort((x, y) => x.oldStart - y.oldStart);
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
 * Where old skeleton span [start, end) is in the new skeleton when it lies
 * wholly inside one shared run, else undefined (an edit touched it). O(log n).
 */
export function mapSkeletonSpan(diff: TextDiff, start: number, end: number): TextRange | undefined {
  const seg = diff.equal[segmentAt(diff, start)];
  if (!seg || end > seg.oldStart + seg.length) return undefined;
  const shift = seg.newStart - seg.oldStart;
  return { start: start + shift, end: end + shift };
}

/**
 * Best estimate of where old skeleton `offset` is now: exact inside shared
 * text; inside an edited region, the same distance past the preceding shared
 * run, clamped to the edited region. Used as the expected position of a search.
 */
export function mapSkeletonOffset(diff: TextDiff, offset: number): number {
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
 * How many characters of old skeleton span [start, end) the new text kept (lie
 * in shared runs). Tells an edit in place (most of the span survives where it
 * was) from a removal or move (little of it survives here). O(log n + runs).
 */
export function keptSkeletonLength(diff: TextDiff, start: number, end: number): number {
  let kept = 0;
  for (let i = Math.max(0, segmentAt(diff, start)); i < diff.equal.length; i++) {
    const seg = diff.equal[i];
    if (!seg || seg.oldStart >= end) break;
    kept += Math.max(0, Math.min(end, seg.oldStart + seg.length) - Math.max(start, seg.oldStart));
  }
  return kept;
}

/** Old raw span [start, end) as a skeleton span. */
function skeletonSpan(diff: TextDiff, start: number, end: number): TextRange {
  return { start: toSkeleton(diff.old, start), end: toSkeleton(diff.old, end) };
}

/**
 * Where old text span [start, end) is in the new text when its characters all
 * lie in one shared run (whitespace around and inside it may differ), else
 * undefined. The result runs from the first to the last non-blank character.
 */
export function mapSpan(diff: TextDiff, start: number, end: number): TextRange | undefined {
  const s = skeletonSpan(diff, start, end);
  if (s.end <= s.start) return undefined;
  const mapped = mapSkeletonSpan(diff, s.start, s.end);
  return mapped && toRaw(diff.new, mapped.start, mapped.end);
}

/** Best estimate of where old text offset `offset` is in the new text (see {@link mapSkeletonOffset}). */
export function mapOffset(diff: TextDiff, offset: number): number {
  return toRaw(diff.new, mapSkeletonOffset(diff, toSkeleton(diff.old, offset)), diff.new.text.length).start;
}

/** Non-blank characters of old text span [start, end) that the new text kept. */
export function keptLength(diff: TextDiff, start: number, end: number): number {
  const s = skeletonSpan(diff, start, end);
  return keptSkeletonLength(diff, s.start, s.end);
}

/** The changed regions as spans of the new text (a deletion point as an empty span). */
export function changedSpans(diff: TextDiff): TextRange[] {
  return diff.changed.map((r) => toRaw(diff.new, r.start, r.end));
}
