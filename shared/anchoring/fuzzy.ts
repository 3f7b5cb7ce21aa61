/**
 * Approximate string matching: find where a pattern occurs in a text with at
 * most `k` edits (insertions, deletions, substitutions).
 *
 * The matcher is Myers' bit-vector algorithm (1999) in Hyyrö's formulation:
 * one column of the edit-distance matrix is kept as two bit vectors of
 * vertical deltas (+1 / -1) per 32-row block of the pattern, so a text
 * character costs a handful of word operations per block instead of `m` cell
 * updates. Patterns longer than 32 characters are split into blocks chained by
 * their horizontal carry, and Ukkonen's cut-off keeps only the blocks that can
 * still hold a value ≤ k active, so the expected cost is O(n · k / 32) rather
 * than O(n · m / 32).
 *
 * Starts are recovered afterwards with a banded dynamic programme anchored at
 * each reported end, which is cheap because a match is at most `m + k` long.
 */

/** One approximate occurrence: `text.slice(start, end)` is `errors` edits away from the pattern. */
export interface FuzzyMatch {
  start: number;
  end: number;
  errors: number;
}

const WORD = 32;

/** Per-block equality masks: `masks.get(code)[b]` has bit i set when pattern[32b + i] === code. */
function buildPeq(pattern: string, blocks: number): Map<number, Int32Array> {
  const masks = new Map<number, Int32Array>();
  for (let i = 0; i < pattern.length; i++) {
    const code = pattern.charCodeAt(i);
    let row = masks.get(code);
    if (!row) {
      row = new Int32Array(blocks);
      masks.set(code, row);
    }
    const b = (i / WORD) | 0;
    row[b] = (row[b] ?? 0) | (1 << (i % WORD));
  }
  return masks;
}

/**
 * For every end offset in `(from, to]`, the smallest edit distance between
 * `pattern` and any substring of `text` that starts at or after `from` and ends
 * there; `Infinity` where that distance exceeds `maxErrors`. Exact for every
 * value ≤ maxErrors (values above it are not needed, and the cut-off does not
 * compute them).
 */
function endDistances(text: string, pattern: string, maxErrors: number, from: number, to: number): Float64Array {
  const m = pattern.length;
  const blocks = Math.ceil(m / WORD);
  const peq = buildPeq(pattern, blocks);
  const lastBits = m - (blocks - 1) * WORD;
  const blockLen = (b: number): number => (b === blocks - 1 ? lastBits : WORD);
  const highBit = (b: number): number => 1 << (blockLen(b) - 1);

  const pv = new Int32Array(blocks);
  const mv = new Int32Array(blocks);
  const score = new Int32Array(blocks);
  // Column 0: D[i][0] = i, i.e. every vertical delta is +1.
  for (let b = 0; b < blocks; b++) {
    pv[b] = -1;
    mv[b] = 0;
    score[b] = b * WORD + blockLen(b);
  }
  // Last active block: the one holding row min(k, m); rows below are > k.
  let y = Math.max(0, Math.floor((Math.min(maxErrors, m) - 1) / WORD));

  const out = new Float64Array(to - from).fill(Infinity);
  for (let j = from; j < to; j++) {
    // A row ≤ k at the bottom of block y may propagate one row down: wake block y + 1.
    if (y < blocks - 1 && (score[y] ?? 0) <= maxErrors) {
      y += 1;
      pv[y] = -1;
      mv[y] = 0;
      score[y] = (score[y - 1] ?? 0) + blockLen(y);
    }
    const eqs = peq.get(text.charCodeAt(j));
    let carry = 0; // horizontal delta entering the top of the block; row 0 is all zeros
    for (let b = 0; b <= y; b++) {
      let eq = eqs ? (eqs[b] ?? 0) : 0;
      const p = pv[b] ?? 0;
      const n = mv[b] ?? 0;
      const xv = eq | n;
      if (carry < 0) eq |= 1;
      const xh = (((eq & p) + p) ^ p) | eq;
      let ph = n | ~(xh | p);
      let mh = p & xh;
      const hb = highBit(b);
      let hout = 0;
      if (ph & hb) hout = 1;
      else if (mh & hb) hout = -1;
      ph <<= 1;
      mh <<= 1;
      if (carry < 0) mh |= 1;
      else if (carry > 0) ph |= 1;
      pv[b] = mh | ~(xv | ph);
      mv[b] = ph & xv;
      score[b] = (score[b] ?? 0) + hout;
      carry = hout;
    }
    // Retire trailing blocks whose every row is provably > k.
    while (y > 0 && (score[y] ?? 0) >= maxErrors + blockLen(y)) y -= 1;
    if (y === blocks - 1) {
      const d = score[y] ?? Infinity;
      if (d <= maxErrors) out[j - from] = d;
    }
  }
  return out;
}

/**
 * The start of the best alignment of `pattern` that ends exactly at `end`, with
 * `errors` edits, found by a dynamic programme over the reversed strings limited
 * to the diagonal band |i - t| ≤ errors. Among equally good starts the one whose
 * length is closest to the pattern's wins (then the longer), so results are
 * deterministic.
 */
function startFor(text: string, pattern: string, end: number, errors: number, from: number): number {
  const m = pattern.length;
  const maxLen = Math.min(m + errors, end - from);
  const width = 2 * errors + 1;
  // prev[t - i + errors] holds D[i][t]: distance between the last i pattern chars and the last t text chars.
  let prev = new Float64Array(width).fill(Infinity);
  let cur = new Float64Array(width).fill(Infinity);
  for (let t = 0; t <= Math.min(errors, maxLen); t++) prev[t + errors] = t;
  for (let i = 1; i <= m; i++) {
    cur.fill(Infinity);
    const pc = pattern.charCodeAt(m - i);
    const tLo = Math.max(0, i - errors);
    const tHi = Math.min(maxLen, i + errors);
    for (let t = tLo; t <= tHi; t++) {
      const o = t - i + errors;
      let best = (prev[o + 1] ?? Infinity) + 1; // pattern char unmatched: D[i-1][t]
      if (t === 0) {
        best = Math.min(best, i);
      } else {
        const sub = (prev[o] ?? Infinity) + (text.charCodeAt(end - t) === pc ? 0 : 1); // D[i-1][t-1]
        const ins = (cur[o - 1] ?? Infinity) + 1; // text char unmatched: D[i][t-1]
        best = Math.min(best, sub, ins);
      }
      cur[o] = best;
    }
    [prev, cur] = [cur, prev];
  }
  let bestT = -1;
  for (let t = Math.max(0, m - errors); t <= Math.min(maxLen, m + errors); t++) {
    if ((prev[t - m + errors] ?? Infinity) !== errors) continue;
    if (bestT < 0 || Math.abs(t - m) < Math.abs(bestT - m) || (Math.abs(t - m) === Math.abs(bestT - m) && t > bestT)) bestT = t;
  }
  return end - (bestT < 0 ? m : bestT);
}

/**
 * Find approximate occurrences of `pattern` in `text.slice(from, to)` with at
 * most `maxErrors` edits.
 *
 * Consecutive end offsets that all match form one occurrence (an edit-distance
 * match is smeared over ±k neighbouring ends); each such run is reported once,
 * at its end with the fewest errors (the first on ties). That gives callers one
 * candidate per place in the text to score, instead of dozens of overlapping
 * ones. Matches are returned in text order. An empty pattern matches nothing.
 */
export function search(text: string, pattern: string, maxErrors: number, from = 0, to = text.length): FuzzyMatch[] {
  const lo = Math.max(0, Math.min(from, text.length));
  const hi = Math.max(lo, Math.min(to, text.length));
  const k = Math.max(0, Math.floor(maxErrors));
  if (pattern.length === 0 || hi === lo) return [];
  const dist = endDistances(text, pattern, k, lo, hi);
  const matches: FuzzyMatch[] = [];
  let runBest = -1;
  const flush = (): void => {
    if (runBest < 0) return;
    const end = lo + runBest + 1;
    const errors = dist[runBest] ?? 0;
    matches.push({ start: startFor(text, pattern, end, errors, lo), end, errors });
    runBest = -1;
  };
  for (let i = 0; i < dist.length; i++) {
    const d = dist[i] ?? Infinity;
    if (d === Infinity) {
      flush();
    } else if (runBest < 0 || d < (dist[runBest] ?? Infinity)) {
      runBest = i;
    }
  }
  flush();
  return matches;
}

/**
 * Plain Levenshtein distance, for short strings (context windows of a few dozen
 * characters). Two rows of the classic table; O(a · b) time.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ac = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] ?? 0) + (ac === b.charCodeAt(j - 1) ? 0 : 1);
      cur[j] = Math.min(sub, (prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] ?? 0;
}
