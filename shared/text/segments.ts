/**
 * Caret movement over plain text: characters (grapheme clusters), words,
 * sentences and paragraphs, with `Intl.Segmenter`, so "é", an emoji with
 * modifiers, a Thai word or a Chinese sentence ending in "。" move and
 * select as one unit in every script.
 *
 * Every function works on `text` between `lo` and `hi` (a paragraph of the
 * source: text never moves across paragraphs here) and only segments a
 * window around the offset, so a caret in a very long paragraph costs the
 * same as in a short one.
 */

export type Granularity = 'grapheme' | 'word' | 'sentence';

/** How far either side of the offset is segmented, by granularity. */
const WINDOW: Record<Granularity, number> = { grapheme: 64, word: 256, sentence: 4000 };

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(granularity: Granularity, locale: string | undefined): Intl.Segmenter {
  const key = `${granularity}|${locale ?? ''}`;
  let found = segmenters.get(key);
  if (!found) {
    let resolved: string | undefined;
    try {
      resolved = locale && Intl.Segmenter.supportedLocalesOf([locale]).length > 0 ? locale : undefined;
    } catch {
      resolved = undefined; // a malformed language tag in a source's metadata
    }
    found = new Intl.Segmenter(resolved, { granularity });
    segmenters.set(key, found);
  }
  return found;
}

export interface Segment {
  start: number;
  end: number;
  /** Words only: a word, not spaces or punctuation. */
  wordLike: boolean;
}

/** The segments of `text` in [lo, hi) that overlap a window around `offset`, in order, in text offsets. */
export function segmentsAround(text: string, lo: number, hi: number, offset: number, granularity: Granularity, locale?: string): Segment[] {
  const span = WINDOW[granularity];
  // Start the window at a whitespace boundary where possible, so its first segment is a real one.
  let from = Math.max(lo, offset - span);
  if (from > lo) {
    const space = text.slice(from, offset).search(/\s/);
    from = space >= 0 ? from + space : from;
  }
  let to = Math.min(hi, offset + span);
  if (to < hi) {
    const rest = text.slice(offset, to);
    const last = Math.max(rest.lastIndexOf(' '), rest.lastIndexOf('\n'));
    to = last > 0 ? offset + last : to;
  }
  const out: Segment[] = [];
  for (const s of segmenter(granularity, locale).segment(text.slice(from, to))) {
    out.push({ start: from + s.index, end: from + s.index + s.segment.length, wordLike: s.isWordLike === true });
  }
  return out;
}

/** The next caret position one character (grapheme cluster) after `offset`, at most `hi`. */
export function nextCharacter(text: string, lo: number, hi: number, offset: number, locale?: string): number {
  if (offset >= hi) return hi;
  const hit = segmentsAround(text, lo, hi, offset, 'grapheme', locale).find((s) => s.end > offset);
  return hit ? Math.min(hi, hit.end) : Math.min(hi, offset + 1);
}

/** The caret position one character before `offset`, at least `lo`. */
export function previousCharacter(text: string, lo: number, hi: number, offset: number, locale?: string): number {
  if (offset <= lo) return lo;
  const segments = segmentsAround(text, lo, hi, offset, 'grapheme', locale);
  for (let i = segments.length - 1; i >= 0; i--) if (segments[i]!.start < offset) return Math.max(lo, segments[i]!.start);
  return Math.max(lo, offset - 1);
}

/**
 * The end of the next word after `offset` (the caret skips spaces and
 * punctuation, then lands after the word), or `hi` when no word follows.
 */
export function nextWordEnd(text: string, lo: number, hi: number, offset: number, locale?: string): number {
  let at = offset;
  while (at < hi) {
    const segments = segmentsAround(text, lo, hi, at, 'word', locale);
    const word = segments.find((s) => s.wordLike && s.end > at);
    if (word) return word.end;
    const last = segments.at(-1);
    if (!last || last.end <= at) return hi;
    at = last.end;
  }
  return hi;
}

/** The start of the word before `offset` (or the one the caret is in), or `lo`. */
export function previousWordStart(text: string, lo: number, hi: number, offset: number, locale?: string): number {
  let at = offset;
  while (at > lo) {
    const segments = segmentsAround(text, lo, hi, at, 'word', locale);
    for (let i = segments.length - 1; i >= 0; i--) {
      const s = segments[i]!;
      if (s.wordLike && s.start < at) return s.start;
    }
    const first = segments[0];
    if (!first || first.start >= at) return lo;
    at = first.start;
  }
  return lo;
}

/**
 * The sentence around `offset`, without the spaces that follow it: the span
 * a "select sentence" command selects. At the very end of a sentence (the
 * caret just after its full stop) that sentence is meant, not the next.
 */
export function sentenceAt(text: string, lo: number, hi: number, offset: number, locale?: string): { start: number; end: number } {
  const segments = segmentsAround(text, lo, hi, offset, 'sentence', locale);
  const trimmed = segments
    .map((s) => {
      let end = s.end;
      while (end > s.start && /\s/.test(text[end - 1]!)) end--;
      let start = s.start;
      while (start < end && /\s/.test(text[start]!)) start++;
      return { start, end };
    })
    .filter((s) => s.end > s.start);
  const hit = trimmed.find((s) => s.start <= offset && offset < s.end) ?? [...trimmed].reverse().find((s) => s.end <= offset) ?? trimmed[0];
  return hit ?? { start: lo, end: hi };
}
