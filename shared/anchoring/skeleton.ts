/**
 * A text seen without its whitespace: the "skeleton" every comparison in
 * re-anchoring works on.
 *
 * Revisions re-flow text all the time: paragraphs are merged or split, a
 * plain-text file is re-wrapped at another column, a PDF puts a line break in
 * the middle of a sentence, and Chinese or Japanese text has no spaces at all
 * while its line breaks fall between any two characters. None of that changes
 * what a passage says. Working on the characters that remain once whitespace
 * is dropped makes the diff, the searches and the context checks blind to it,
 * and a dense offset table maps every skeleton position back to the text.
 */
import type { TextRange } from './selectors';

export interface Skeleton {
  /** The original text. */
  source: string;
  /** The UTF-16 code units of `source` that are not ignorable, in order. */
  codes: Uint16Array;
  /** `raw[i]` is the offset in `source` of `codes[i]`; strictly increasing. */
  raw: Int32Array;
  /** `coarse[j]` is the skeleton index of raw offset j·COARSE_STEP: narrows {@link toSkeleton} to one step. */
  coarse: Int32Array;
  /** `codes` as a string (assembled on first use: a diff alone does not need it). */
  readonly text: string;
}

/**
 * Whitespace in every script, as far as layout is concerned: ASCII and Unicode
 * spaces (ideographic space included), line and paragraph separators, the
 * byte-order mark, and the zero-width space some Thai, Chinese and Japanese
 * text uses to mark where a line may break.
 */
export function isIgnorable(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0x1680) return c === 133 || c === 160;
  // Past the ideographic space (all of CJK, kana, hangul) only the byte-order mark: one test for most of a Chinese text.
  if (c > 0x3000) return c === 0xfeff;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Characters per `String.fromCharCode` call when the skeleton string is assembled. */
const ASSEMBLE_CHUNK = 8192;

class SkeletonOf implements Skeleton {
  private assembled: string | undefined;

  constructor(
    readonly source: string,
    readonly codes: Uint16Array,
    readonly raw: Int32Array,
    readonly coarse: Int32Array,
  ) {
    if (codes.length === source.length) this.assembled = source;
  }

  get text(): string {
    if (this.assembled === undefined) {
      const parts: string[] = [];
      for (let i = 0; i < this.codes.length; i += ASSEMBLE_CHUNK) {
        parts.push(String.fromCharCode.apply(null, this.codes.subarray(i, i + ASSEMBLE_CHUNK) as unknown as number[]));
      }
      this.assembled = parts.join('');
    }
    return this.assembled;
  }
}

/** Raw offsets per entry of the coarse index (a power of two). */
const COARSE_BITS = 8;

/** The skeleton of `source`. O(n); 6 bytes per character for the code and offset tables. */
export function skeletonOf(source: string): Skeleton {
  const n = source.length;
  const codes = new Uint16Array(n);
  const raw = new Int32Array(n);
  const coarse = new Int32Array((n >> COARSE_BITS) + 2);
  const step = (1 << COARSE_BITS) - 1;
  let k = 0;
  for (let i = 0; i < n; i++) {
    if ((i & step) === 0) coarse[i >> COARSE_BITS] = k;
    const c = source.charCodeAt(i);
    // Fast path first: printable ASCII is never ignorable.
    if ((c > 32 && c < 127) || !isIgnorable(c)) {
      codes[k] = c;
      raw[k] = i;
      k++;
    }
  }
  coarse.fill(k, ((n + step) >> COARSE_BITS));
  return new SkeletonOf(source, codes.subarray(0, k), raw.subarray(0, k), coarse);
}

/** `s` without its ignorable characters: the skeleton of a short string (a quote, its context). */
export function squeeze(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    if (!isIgnorable(s.charCodeAt(i))) continue;
    out += s.slice(from, i);
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/**
 * The skeleton index of raw offset `offset`: how many skeleton characters lie
 * before it. A raw span [s, e) covers skeleton [toSkeleton(s), toSkeleton(e)).
 */
export function toSkeleton(sk: Skeleton, offset: number): number {
  if (offset <= 0) return 0;
  if (offset >= sk.source.length) return sk.raw.length;
  // Every skeleton index for raw offsets in [j·step, (j+1)·step] lies between coarse[j] and coarse[j+1].
  const j = offset >> COARSE_BITS;
  let lo = sk.coarse[j] ?? 0;
  let hi = sk.coarse[j + 1] ?? sk.raw.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sk.raw[mid] ?? 0) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The raw span of skeleton span [a, b): from its first character to just after
 * its last, so whitespace around it is left out and whitespace inside kept.
 * An empty skeleton span gives the empty raw range where it falls.
 */
export function toRaw(sk: Skeleton, a: number, b: number): TextRange {
  if (b <= a) {
    const at = a < sk.raw.length ? (sk.raw[a] ?? 0) : sk.source.length;
    return { start: at, end: at };
  }
  return { start: sk.raw[a] ?? 0, end: (sk.raw[b - 1] ?? 0) + 1 };
}

/** Length of the run of ignorable characters at the start (`fromEnd` false) or end of `s`. */
export function edgeSpace(s: string, fromEnd: boolean): number {
  let n = 0;
  while (n < s.length && isIgnorable(s.charCodeAt(fromEnd ? s.length - 1 - n : n))) n++;
  return n;
}

/**
 * The raw span for a quote found at skeleton [a, b), grown over the quote's own
 * leading and trailing whitespace when the text has exactly that whitespace
 * there, so a quote stored with a trailing space keeps it.
 */
export function quoteSpan(sk: Skeleton, a: number, b: number, exact: string): TextRange {
  const span = toRaw(sk, a, b);
  const lead = edgeSpace(exact, false);
  if (lead > 0 && lead < exact.length && span.start >= lead && sk.source.slice(span.start - lead, span.start) === exact.slice(0, lead)) {
    span.start -= lead;
  }
  const trail = edgeSpace(exact, true);
  if (trail > 0 && trail < exact.length && sk.source.slice(span.end, span.end + trail) === exact.slice(exact.length - trail)) {
    span.end += trail;
  }
  return span;
}

/** Letters, marks and digits: characters between which a space separates two words. */
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
/**
 * Scripts written without spaces between words (Han, kana, Thai, Lao, Khmer,
 * Myanmar, Tibetan): a line break between two of their characters is layout.
 */
const UNSPACED = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}\p{sc=Tibetan}]/u;

/**
 * Whether two strings with the same skeleton also have the same words: every
 * place where one has whitespace and the other none lies next to punctuation
 * or a character of an unspaced script. "in to" and "into" share a skeleton
 * but not their words; "市场\n经济" and "市场经济", or "said ," and "said,",
 * differ only in layout.
 */
export function sameWords(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  let prev = '';
  while (i < a.length || j < b.length) {
    let gapA = false;
    let gapB = false;
    while (i < a.length && isIgnorable(a.charCodeAt(i))) {
      i++;
      gapA = true;
    }
    while (j < b.length && isIgnorable(b.charCodeAt(j))) {
      j++;
      gapB = true;
    }
    const next = i < a.length ? a.charAt(i) : '';
    if (next !== (j < b.length ? b.charAt(j) : '')) return false;
    if (gapA !== gapB && prev && next && WORD_CHAR.test(prev) && WORD_CHAR.test(next) && !UNSPACED.test(prev) && !UNSPACED.test(next)) return false;
    prev = next;
    i++;
    j++;
  }
  return true;
}
