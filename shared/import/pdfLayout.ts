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
 *   ("self-evident" must not become "selfevident").
 */

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
  return sorted[Math.floor(sorted.length / 2)]!;
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
    const joined = /\s$/.test(open.text) || /^\s/.test(run.str);
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
      const bigGap = usual > 0 ? step > usual * 1.35 : step > 1.8 * line.size;
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
  const lined = pages.map((runs) => paragraphsOfLines(linesOf(runs)));
  const vocabulary = vocabularyOf(lined);
  return lined.map((paragraphs) => paragraphs.map((lines) => joinLines(lines, vocabulary)));
}
