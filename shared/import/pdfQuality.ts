/**
 * Does a page's text layer read as text? A PDF can carry a text layer that
 * does not: a font without a Unicode map gives glyph numbers (control
 * characters and shifted letters), a broken converter leaves U+FFFD or
 * private-use code points, a re-encoded file shows mojibake ("Ã©" for "é"),
 * and a careless OCR layer runs words together. Such text must not be
 * imported silently: passages quoted from it would be nonsense.
 *
 * The check counts, per page, the characters no text should hold and the
 * runs no language has, and judges the page against fixed shares. The bar
 * is set so ordinary pages pass with room to spare (a few bullets from a
 * symbol font, a URL, a long German compound).
 */

export type QualityProblem = 'control' | 'private-use' | 'replacement' | 'mojibake' | 'run-together';

export interface PageQuality {
  /** Characters that are not white space. */
  chars: number;
  /** Control characters (other than tab and line breaks), noncharacters. */
  control: number;
  /** Private-use code points (symbol fonts, unmapped glyphs). */
  privateUse: number;
  /** U+FFFD, what a converter writes for a glyph it could not map. */
  replacement: number;
  /** Characters inside UTF-8-read-as-Latin-1 pairs ("Ã©", "â€™"). */
  mojibake: number;
  /** Latin letters inside implausibly long letter runs (words run together). */
  runTogether: number;
  /** Latin letters in all. */
  latinLetters: number;
  /** What is wrong, worst first; empty when the page reads as text. */
  problems: QualityProblem[];
}

/** Shares (of non-space characters) above which a page does not read as text. */
export const QUALITY_BAR = {
  /** Control, private-use and replacement characters together. */
  badChars: 0.05,
  /** At least this many bad characters before the share counts (one bullet on a short page is fine). */
  minBadChars: 3,
  mojibake: 0.02,
  minMojibake: 3,
  /** Share of Latin letters in runs of more than `longRun` letters. */
  runTogether: 0.35,
  longRun: 24,
  /** Latin letters a page needs before run-together text is judged. */
  minLatinLetters: 60,
  /** Long runs needed: one long compound word is German, not a broken page. */
  minLongRuns: 3,
} as const;

// eslint-disable-next-line no-control-regex -- counting control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\ufdd0-\ufdef\ufffe\uffff]/gu;
const PRIVATE_USE = /[\ue000-\uf8ff\u{f0000}-\u{ffffd}\u{100000}-\u{10fffd}]/gu;
const REPLACEMENT = /\ufffd/gu;
/**
 * UTF-8 lead bytes read as Latin-1 or Windows-1252 followed by what a
 * continuation byte becomes: "Ã©", "Â ", "â€™", "Ã¼". Real text almost never
 * puts these next to each other.
 */
const MOJIBAKE = /[\u00c2\u00c3\u00c5\u00c6\u00ce\u00cf\u00d0\u00d1][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]|\u00e2\u20ac[\u0080-\u00bf\u0153\u02dc\u2122\u201c\u201d\u2018\u2019\u00a6]?/gu;
/** A token of Latin letters only (no digits, dots or slashes: URLs and codes are not words run together). */
const LATIN_WORD = /^[\p{Script=Latin}]+$/u;
const LATIN_LETTER = /\p{Script=Latin}/gu;

function count(text: string, pattern: RegExp): number {
  let n = 0;
  for (const m of text.matchAll(pattern)) n += [...m[0]].length;
  return n;
}

/** Judge one page's raw text layer (runs joined as pdf.js gave them, before any clean-up). */
export function textLayerQuality(raw: string): PageQuality {
  const chars = [...raw.replace(/\s+/gu, '')].length;
  const control = count(raw, CONTROL);
  const privateUse = count(raw, PRIVATE_USE);
  const replacement = count(raw, REPLACEMENT);
  const mojibake = count(raw, MOJIBAKE);
  let latinLetters = 0;
  let runTogether = 0;
  let longRuns = 0;
  for (const token of raw.split(/[\s\p{P}\p{S}\d]+/u)) {
    if (!token) continue;
    const letters = token.match(LATIN_LETTER)?.length ?? 0;
    latinLetters += letters;
    if (letters > QUALITY_BAR.longRun && LATIN_WORD.test(token)) {
      runTogether += letters;
      longRuns++;
    }
  }
  const problems: QualityProblem[] = [];
  const bad = control + privateUse + replacement;
  if (chars > 0 && bad >= QUALITY_BAR.minBadChars && bad / chars > QUALITY_BAR.badChars) {
    const ranked: [QualityProblem, number][] = [
      ['control', control],
      ['private-use', privateUse],
      ['replacement', replacement],
    ];
    for (const [problem, n] of ranked.sort((a, b) => b[1] - a[1])) if (n > 0) problems.push(problem);
  }
  if (chars > 0 && mojibake >= QUALITY_BAR.minMojibake && mojibake / chars > QUALITY_BAR.mojibake) problems.push('mojibake');
  if (latinLetters >= QUALITY_BAR.minLatinLetters && longRuns >= QUALITY_BAR.minLongRuns && runTogether / latinLetters > QUALITY_BAR.runTogether) problems.push('run-together');
  return { chars, control, privateUse, replacement, mojibake, runTogether, latinLetters, problems };
}

/** True when the page's text layer fails the bar. */
export function isGarbled(quality: PageQuality): boolean {
  return quality.problems.length > 0;
}
