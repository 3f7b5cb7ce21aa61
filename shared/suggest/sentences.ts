/**
 * Sentence spans with exact offsets into a source's snapshot text.
 *
 * compromise splits sentences well (it knows "Mr." and "U.S." are not
 * sentence ends) but hands back normalised strings rather than reliable
 * offsets. So each block is split on its own, which also stops a sentence
 * from running across a paragraph or page break, and every sentence is mapped
 * back onto the original by walking the non-whitespace characters in order.
 */
import nlp from 'compromise';
import type { SourceBlock } from '../domain/types';

export interface SentenceSpan {
  /** Offset of the first character in the full text. */
  start: number;
  /** Offset just past the last character (no trailing whitespace). */
  end: number;
}

/** Where a sentence ended inside a quotation and a new one starts right after the closing mark. */
const AFTER_CLOSING_QUOTE = /[.!?]["”’]\s+(?=["“‘]?[A-Z])/gu;

/**
 * Split `text` into sentences, block by block. Without blocks the text is cut
 * into paragraphs at line breaks. Spans never include surrounding whitespace,
 * are in text order and never overlap.
 */
export function splitSentences(text: string, blocks: readonly SourceBlock[]): SentenceSpan[] {
  const regions = blocks.length > 0 ? blocks.map(({ start, end }) => ({ start, end })) : lineRegions(text);
  const spans: SentenceSpan[] = [];
  for (const region of regions) {
    const start = Math.max(0, region.start);
    const end = Math.min(text.length, region.end);
    if (end <= start) continue;
    for (const span of splitRegion(text.slice(start, end))) {
      spans.push(...splitAfterClosingQuotes(text, { start: span.start + start, end: span.end + start }));
    }
  }
  return spans;
}

function lineRegions(text: string): SentenceSpan[] {
  const regions: SentenceSpan[] = [];
  for (const match of text.matchAll(/[^\r\n]+/gu)) {
    regions.push({ start: match.index, end: match.index + match[0].length });
  }
  return regions;
}

/** Split one block with compromise and align its sentences back onto the block's characters. */
function splitRegion(region: string): SentenceSpan[] {
  const positions: number[] = [];
  let compact = '';
  for (let i = 0; i < region.length; i += 1) {
    const char = region[i] ?? '';
    if (/\s/u.test(char)) continue;
    positions.push(i);
    compact += char;
  }
  if (compact === '') return [];

  const spans: SentenceSpan[] = [];
  let cursor = 0;
  // Tokenising without the tagger splits the same way and is ten times faster.
  for (const sentence of nlp.tokenize(region).out('array') as string[]) {
    const needle = sentence.replace(/\s+/gu, '');
    if (needle === '') continue;
    const at = compact.indexOf(needle, cursor);
    if (at < 0) continue; // compromise rewrote a character; the remainder is recovered below.
    if (at > cursor) spans.push(spanOf(positions, cursor, at));
    spans.push(spanOf(positions, at, at + needle.length));
    cursor = at + needle.length;
  }
  // Whatever compromise skipped or altered still belongs to some sentence.
  if (cursor < compact.length) spans.push(spanOf(positions, cursor, compact.length));
  return spans;
}

function spanOf(positions: readonly number[], from: number, to: number): SentenceSpan {
  const start = positions[from] ?? 0;
  const last = positions[to - 1] ?? start;
  return { start, end: last + 1 };
}

/** compromise keeps `…evidence.” Next one.` together; cut such spans after the closing quotation mark. */
function splitAfterClosingQuotes(text: string, span: SentenceSpan): SentenceSpan[] {
  const slice = text.slice(span.start, span.end);
  const parts: SentenceSpan[] = [];
  let from = 0;
  for (const match of slice.matchAll(AFTER_CLOSING_QUOTE)) {
    const cut = match.index + 2;
    parts.push({ start: span.start + from, end: span.start + cut });
    from = match.index + match[0].length;
  }
  parts.push({ start: span.start + from, end: span.end });
  return parts;
}
