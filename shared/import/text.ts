/**
 * The normalised text snapshot. Every passage offset in Casefile points into
 * the string built here, so it must be deterministic and keep one invariant
 * the reader relies on:
 *
 *   text === blocks.map((b) => text.slice(b.start, b.end)).join('\n\n')
 *
 * with blocks in order, never empty, and never starting or ending with
 * whitespace. Single line breaks inside a paragraph survive as "\n", because
 * transcripts and addresses depend on them.
 */
import type { SourceBlock } from '../domain/types';
import { baseName } from './formats';

export type BlockKind = SourceBlock['kind'];

/** A run of text with a structural role, as produced by the HTML walker. */
export interface TextPart {
  text: string;
  kind: BlockKind;
  /** Heading level 1–6, when `kind` is 'heading'. */
  level?: number;
}

export interface TextSnapshot {
  text: string;
  blocks: SourceBlock[];
}

const PARAGRAPH_SEPARATOR = '\n\n';

/** Characters with no visible effect that would only confuse offsets and search. */
const INVISIBLE = /[\u200b\ufeff\u00ad]/g;
/** C0/C1 controls other than tab and the line breaks handled separately. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;
// eslint-disable-next-line no-control-regex -- vertical tab and form feed end a line
const LINE_BREAK = /\r\n|[\r\n\u000b\u000c\u0085\u2028]/g;

/**
 * Clean one raw string and split it into paragraphs (blank-line separated),
 * each a list of trimmed, space-collapsed lines joined by "\n".
 */
export function paragraphsOf(raw: string): string[] {
  const cleaned = raw
    .replace(INVISIBLE, '')
    .replace(/\u2029/g, '\n\n')
    .replace(LINE_BREAK, '\n')
    .replace(CONTROL, '')
    .normalize('NFC')
    .replace(/[\t\p{Zs}]/gu, ' ');
  const paragraphs: string[] = [];
  let lines: string[] = [];
  for (const rawLine of cleaned.split('\n')) {
    const line = rawLine.replace(/ {2,}/g, ' ').trim();
    if (line) {
      lines.push(line);
    } else if (lines.length) {
      paragraphs.push(lines.join('\n'));
      lines = [];
    }
  }
  if (lines.length) paragraphs.push(lines.join('\n'));
  return paragraphs;
}

/**
 * Lay out finished paragraphs as one text with block ranges, numbered in order
 * unless an item brings its own number (a PDF page number).
 */
function assemble(items: readonly { text: string; kind: BlockKind; n?: number }[]): TextSnapshot {
  const blocks: SourceBlock[] = [];
  let text = '';
  for (const item of items) {
    if (blocks.length) text += PARAGRAPH_SEPARATOR;
    const start = text.length;
    text += item.text;
    blocks.push({ start, end: text.length, n: item.n ?? blocks.length + 1, kind: item.kind });
  }
  return { text, blocks };
}

export interface NormaliseOptions {
  /**
   * Structural hint from the caller: the kind of the `index`-th paragraph
   * (0-based). Without it every block is a 'paragraph'.
   */
  kindOf?: (paragraph: string, index: number) => BlockKind;
}

/**
 * Turn raw text (any line endings, tabs, odd spaces) into the snapshot text
 * and its paragraph blocks. Line endings become LF, text is NFC, tabs and
 * no-break spaces become plain spaces, zero-width spaces and BOMs vanish,
 * runs of spaces collapse and blank lines separate paragraphs.
 */
export function normaliseText(raw: string, options: NormaliseOptions = {}): TextSnapshot {
  const kindOf = options.kindOf ?? (() => 'paragraph' as const);
  return assemble(paragraphsOf(raw).map((text, index) => ({ text, kind: kindOf(text, index) })));
}

/**
 * Build the snapshot from structured parts (one per HTML block element). Each
 * part is normalised like plain text; a part holding blank lines (a `<pre>`)
 * becomes several blocks of the same kind, and empty parts are dropped.
 */
export function blocksFromParts(parts: readonly TextPart[]): TextSnapshot {
  return assemble(parts.flatMap((part) => paragraphsOf(part.text).map((text) => ({ text, kind: part.kind }))));
}

/**
 * Build the snapshot of a paged document: every paragraph of page `i` (0-based)
 * becomes a block of kind 'page' numbered `i + 1`, so a passage's locator is
 * its page. Pages without text leave no block but keep their number.
 */
export function blocksFromPages(pages: readonly (readonly string[])[]): TextSnapshot {
  return assemble(pages.flatMap((paragraphs, index) => paragraphs.flatMap((p) => paragraphsOf(p)).map((text) => ({ text, kind: 'page' as const, n: index + 1 }))));
}

/** Longest first line still taken for a title. */
const MAX_TITLE_CHARS = 200;

/**
 * A title for plain text: its first line when that reads like a headline
 * (short, has letters or digits, does not end like a sentence), otherwise the
 * file name without its extension. `fromFirstLine` tells the UI the title was
 * guessed from the body and is worth checking.
 */
export function titleFromText(text: string, fileName: string): { title: string; fromFirstLine: boolean } {
  const firstLine = text.split('\n', 1)[0]?.trim() ?? '';
  const headline =
    firstLine.length > 0 &&
    firstLine.length <= MAX_TITLE_CHARS &&
    /[\p{L}\p{N}]/u.test(firstLine) &&
    !/[.,;:]$/.test(firstLine.replace(/\.{3}$|…$/, ''));
  return headline ? { title: firstLine, fromFirstLine: true } : { title: baseName(fileName), fromFirstLine: false };
}
