/**
 * PDF text layer → reading-order paragraphs, page by page. pdf.js hands us
 * positioned text runs in content-stream order (which is reading order for
 * nearly every generated PDF, columns included), so we keep that order and only
 * decide where lines and paragraphs break:
 *
 * - a run starts a new line when its baseline moves by more than half the font
 *   size, or when the previous run said it ended a line;
 * - runs on one line get a space between them when there is a visible gap;
 * - a line starts a new paragraph when the gap above it is clearly larger than
 *   the page's usual line spacing, when the text jumps upwards (a new column),
 *   or when the font size changes (a heading);
 * - lines inside a paragraph are joined with a space. A word broken with a
 *   hyphen at the end of a line is joined without the hyphen only when the
 *   document itself uses the whole word elsewhere; otherwise the hyphen stays
 *   ("self-evident" must not become "selfevident");
 * - Chinese and Japanese lines are joined without a space, and glyphs a PDF
 *   maps to compatibility code points (Kangxi radicals "⼀" for "一", vertical
 *   presentation forms "︒" for "。") get their ordinary characters back;
 * - a page set in vertical columns (`writing-mode: vertical-rl`, one glyph
 *   under the other, columns from right to left) is turned a quarter first,
 *   so columns are laid out as lines by the same rules.
 */

import { RADICAL_EQUIVALENTS } from './cjkRadicals';

/** One positioned run of text, as pdf.js reports it (only what the layout needs). */
export interface PdfTextRun {
  str: string;
  /** pdf.js transform matrix [a, b, c, d, e, f]: e/f is the baseline origin. */
  transform: readonly number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

interface Line {
  text: string;
  y: number;
  size: number;
}

/** A line-end hyphen after a letter, with the next line starting in lower case. */
const BROKEN_WORD_END = /(\p{L}+)-$/u;
const CONTINUATION = /^(\p{Ll}+)/u;
const WORD = /\p{L}+(?:-\p{L}+)*/gu;

function fontSizeOf(run: PdfTextRun): number {
  const [, , c = 0, d = 0] = run.transform;
  return Math.hypot(c, d) || run.height || 1;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  // The lower median: with two line steps, one of them a paragraph gap, the usual step is the smaller.
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** Han, kana and the punctuation set with them: scripts written without spaces between words. */
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\u30fb\u30fc\uff00-\uffef]/u;

/** True when two pieces of text meet between characters of scripts that use no spaces. */
export function cjkJoin(before: string, after: string): boolean {
  const last = before.at(-1);
  const first = after[0];
  return last !== undefined && first !== undefined && CJK_CHAR.test(last) && CJK_CHAR.test(first);
}

/**
 * Kangxi radicals, the CJK radicals supplement, vertical presentation forms
 * and CJK compatibility forms: code points a PDF's Unicode map picks for a
 * glyph shared with an ordinary character. NFKC gives the ordinary one back,
 * except for most of the radicals supplement, which has its own table.
 */
const CJK_COMPATIBILITY = /[\u2e80-\u2eff\u2f00-\u2fdf\ufe10-\ufe1f\ufe30-\ufe4f]/gu;

export function ordinaryCjk(text: string): string {
  return text.replace(CJK_COMPATIBILITY, (c) => RADICAL_EQUIVALENTS.get(c) ?? c.normalize('NFKC'));
}

/**
 * True when most glyphs on the page sit one under the other in the same
 * column: vertical writing, as Chromium prints `writing-mode: vertical-rl`.
 */
export function isVerticalPage(runs: readonly PdfTextRun[]): boolean {
  let vertical = 0;
  let steps = 0;
  let prev: PdfTextRun | undefined;
  for (const run of runs) {
    if (!run.str.trim()) continue;
    if (prev) {
      const size = fontSizeOf(run);
      const dx = Math.abs((run.transform[4] ?? 0) - (prev.transform[4] ?? 0));
      const dy = (prev.transform[5] ?? 0) - (run.transform[5] ?? 0);
      steps++;
      // One glyph under the last, about an em further down: lines of horizontal text step by more and hold many glyphs.
      if (dx < 0.2 * size && dy > 0.5 * size && dy < 1.6 * size && [...prev.str.trim()].length <= 2) vertical++;
    }
    prev = run;
  }
  return steps >= 4 && vertical / steps > 0.6;
}

/**
 * A vertical page turned a quarter: a column becomes a line read left to
 * right (down the column), and columns follow each other downwards (right
 * to left on the page). Each glyph advances one em down its column.
 */
function turnVertical(runs: readonly PdfTextRun[]): PdfTextRun[] {
  return runs.map((run) => {
    const size = fontSizeOf(run);
    const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = run.transform;
    return { str: run.str, transform: [a, b, c, d, -y, x], width: [...run.str].length * size, height: run.height, hasEOL: false };
  });
}

/** Runs → lines, in the order pdf.js gave them. */
export function linesOf(runs: readonly PdfTextRun[]): Line[] {
  const lines: Line[] = [];
  let current: (Line & { end: number }) | null = null;
  let breakAfter = false;
  const finish = () => {
    if (current && current.text.trim()) lines.push({ text: current.text.replace(/\s+/g, ' ').trim(), y: current.y, size: current.size });
    current = null;
  };
  for (const run of runs) {
    const size = fontSizeOf(run);
    const x = run.transform[4] ?? 0;
    const y = run.transform[5] ?? 0;
    if (run.str === '') {
      if (run.hasEOL) breakAfter = true;
      continue;
    }
    const line: (Line & { end: number }) | null = current;
    if (line && (breakAfter || Math.abs(y - line.y) > 0.5 * Math.max(size, line.size))) {
      finish();
    }
    breakAfter = run.hasEOL;
    if (!current) {
      current = { text: run.str, y, size, end: x + run.width };
      continue;
    }
    const open: Line & { end: number } = current;
    const gap = x - open.end;
    const joined = /\s$/.test(open.text) || /^\s/.test(run.str) || cjkJoin(open.text, run.str);
    // A visible gap, or a jump backwards along the line, separates two words.
    if (!joined && (gap > 0.18 * size || gap < -size)) open.text += ' ';
    open.text += run.str;
    open.end = x + run.width;
    open.size = Math.max(open.size, size);
  }
  finish();
  return lines;
}

/** Lines → paragraphs, each a list of its lines (not yet joined). */
export function paragraphsOfLines(lines: readonly Line[]): string[][] {
  const steps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const step = lines[i - 1]!.y - lines[i]!.y;
    if (step > 0 && step < 3 * lines[i]!.size) steps.push(step);
  }
  const usual = median(steps);
  const paragraphs: string[][] = [];
  let current: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const prev = lines[i - 1];
    if (prev && current.length) {
      const step = prev.y - line.y;
      const sizeChanged = Math.abs(prev.size - line.size) > 0.15 * Math.max(prev.size, line.size);
      // Line spacing is rarely over 1.7 em: a "usual" step above that was measured between paragraphs.
      const bigGap = usual > 0 ? step > Math.min(usual, 1.7 * line.size) * 1.35 : step > 1.8 * line.size;
      if (step <= 0 || bigGap || sizeChanged) {
        paragraphs.push(current);
        current = [];
      }
    }
    current.push(line.text);
  }
  if (current.length) paragraphs.push(current);
  return paragraphs;
}

/** Every word of the document, lower case, for the de-hyphenation check. */
export function vocabularyOf(pages: readonly (readonly string[][])[]): Set<string> {
  const words = new Set<string>();
  for (const page of pages) for (const paragraph of page) for (const line of paragraph) for (const m of line.matchAll(WORD)) words.add(m[0].toLowerCase());
  return words;
}

/** Join the lines of one paragraph, mending words broken across lines where that is safe. */
export function joinLines(lines: readonly string[], vocabulary: ReadonlySet<string>): string {
  let text = '';
  for (const line of lines) {
    if (!text) {
      text = line;
      continue;
    }
    if (text.endsWith('\u00ad')) {
      text = text.slice(0, -1) + line;
      continue;
    }
    if (cjkJoin(text, line)) {
      text += line;
      continue;
    }
    const head = BROKEN_WORD_END.exec(text);
    const tail = CONTINUATION.exec(line);
    if (head && tail) {
      const whole = (head[1]! + tail[1]!).toLowerCase();
      text = vocabulary.has(whole) ? text.slice(0, -1) + line : text + line;
      continue;
    }
    text += ' ' + line;
  }
  return text;
}

/**
 * Each page's runs → that page's paragraphs in reading order. The result has
 * one entry per page (possibly empty), ready for `blocksFromPages`.
 */
export function pdfPageParagraphs(pages: readonly (readonly PdfTextRun[])[]): string[][] {
  return joinPageLines(pages.map(pageLines));
}

/** One page's runs → its paragraphs as lists of lines (vertical pages turned first). */
export function pageLines(runs: readonly PdfTextRun[]): string[][] {
  return paragraphsOfLines(linesOf(isVerticalPage(runs) ? turnVertical(runs) : runs)).map((lines) => lines.map(ordinaryCjk));
}

/** Pages of line lists → pages of paragraphs, mending hyphenated words against the whole document's vocabulary. */
export function joinPageLines(lined: readonly (readonly string[][])[]): string[][] {
  const vocabulary = vocabularyOf(lined);
  return lined.map((paragraphs) => paragraphs.map((lines) => joinLines(lines, vocabulary)));
}
