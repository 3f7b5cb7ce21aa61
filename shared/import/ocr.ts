/**
 * Text recognition (OCR) results → the source snapshot, and the record of
 * where that text came from. Pure: the engine (tesseract.js in a worker)
 * hands over words with confidences, grouped in lines and paragraphs, and
 * this module decides the text, the blocks' confidence and which words are
 * too uncertain to quote without looking at the page.
 */
import type { SourceOcr } from '../domain/types';
import { cjkJoin } from './pdfLayout';
import { blocksFromPages, blocksFromParts, paragraphsOf, type TextSnapshot } from './text';

export { defaultOcrLanguages, isOcrLanguage, languageNames, OCR_LANGUAGES, ocrLanguageName, type LanguageNameFallback, type OcrLanguage } from './ocrLanguages';
import { languageNames } from './ocrLanguages';

/** What the engine reports, reduced to what Casefile keeps. Confidences are 0–100. */
export interface OcrWord {
  text: string;
  confidence: number;
}
export interface OcrLine {
  words: OcrWord[];
}
export interface OcrParagraph {
  lines: OcrLine[];
}
export interface OcrPageResult {
  paragraphs: OcrParagraph[];
}

/**
 * Words below these confidences are marked in the reader. Figures get a
 * stricter bar: a misread "8" for "3" changes a fact while still looking
 * like a perfectly good number.
 */
export const UNCERTAIN_BELOW = { word: 60, figure: 80 } as const;

export function isUncertain(word: OcrWord): boolean {
  return word.confidence < (/\p{Nd}/u.test(word.text) ? UNCERTAIN_BELOW.figure : UNCERTAIN_BELOW.word);
}

/** One recognised paragraph, ready for the snapshot: its text, mean confidence and uncertain words (offsets into `text`). */
export interface RecognisedParagraph {
  text: string;
  confidence: number;
  uncertain: { start: number; end: number; confidence: number }[];
}

const BROKEN_WORD_END = /(\p{L}+)-$/u;
const CONTINUATION = /^(\p{Ll}+)/u;

/** Every lower-cased word the engine read, for the same hyphen rule text PDFs follow. */
export function ocrVocabulary(pages: readonly OcrPageResult[]): Set<string> {
  const words = new Set<string>();
  for (const page of pages) for (const p of page.paragraphs) for (const l of p.lines) for (const w of l.words) for (const m of w.text.matchAll(/\p{L}+/gu)) words.add(m[0].toLowerCase());
  return words;
}

/** A word as it goes into the snapshot: NFC, no white space or control characters inside. */
function cleanWord(text: string): string {
  return paragraphsOf(text).join(' ').replace(/\s+/g, '');
}

/**
 * Lay out one page's paragraphs. Words on a line are separated by a space
 * (none between Chinese or Japanese characters), lines by a space, and a
 * word hyphenated at a line end is mended only when the document uses the
 * whole word elsewhere. Each word's place in the text is tracked, so
 * uncertain words can be marked exactly.
 */
export function recognisedParagraphs(page: OcrPageResult, vocabulary: ReadonlySet<string>): RecognisedParagraph[] {
  const out: RecognisedParagraph[] = [];
  for (const paragraph of page.paragraphs) {
    let text = '';
    const spans: { start: number; end: number; confidence: number; uncertain: boolean }[] = [];
    for (const line of paragraph.lines) {
      let lineStart = true;
      for (const word of line.words) {
        const w = cleanWord(word.text);
        if (!w) continue;
        let separator = text && !cjkJoin(text, w) ? ' ' : '';
        const last = spans[spans.length - 1];
        if (lineStart && last) {
          const head = BROKEN_WORD_END.exec(text);
          const tail = CONTINUATION.exec(w);
          if (head && tail) {
            // "docu-" + "ment" is one word when the document uses it; "well-" + "known" keeps its hyphen.
            if (vocabulary.has((head[1]! + tail[1]!).toLowerCase())) {
              text = text.slice(0, -1);
              last.end -= 1;
            }
            separator = '';
          }
        }
        text += separator;
        spans.push({ start: text.length, end: text.length + w.length, confidence: word.confidence, uncertain: isUncertain({ text: w, confidence: word.confidence }) });
        text += w;
        lineStart = false;
      }
    }
    if (!text) continue;
    let weighted = 0;
    let letters = 0;
    for (const span of spans) {
      weighted += span.confidence * (span.end - span.start);
      letters += span.end - span.start;
    }
    out.push({
      text,
      confidence: Math.round((weighted / Math.max(1, letters)) * 10) / 10,
      uncertain: spans.filter((s) => s.uncertain).map(({ start, end, confidence }) => ({ start, end, confidence: Math.round(confidence) })),
    });
  }
  return out;
}

/** One page of a source being assembled: its text layer's paragraphs, or what OCR recognised. */
export type AssembledPage =
  | { kind: 'text'; paragraphs: string[] }
  /** `extra`: text that is the file's own on a recognised page (filled form fields), after the recognised paragraphs. */
  | { kind: 'ocr'; paragraphs: RecognisedParagraph[]; extra?: string[] };

/** Which engine read the pages, for the record. */
export interface OcrEngineInfo {
  engine: string;
  version: string;
  model: string;
  languages: string[];
}

/**
 * Pages (text and recognised) → the snapshot, and the OCR record when any
 * page was recognised. Blocks are numbered by page, as for any PDF. A
 * recognised paragraph is already normalised, so it is exactly one block,
 * and its uncertain words shift by the block's start.
 */
export function assemblePages(
  pages: readonly AssembledPage[],
  engine: OcrEngineInfo | undefined,
  { paged = true }: { paged?: boolean } = {},
): { snapshot: TextSnapshot; ocr?: SourceOcr } {
  const texts = pages.map((page) => (page.kind === 'text' ? page.paragraphs : [...page.paragraphs.map((p) => p.text), ...(page.extra ?? [])]));
  // A single image has no pages to cite: its blocks are numbered paragraphs.
  const snapshot = paged ? blocksFromPages(texts) : blocksFromParts(texts.flat().map((text) => ({ text, kind: 'paragraph' as const })));
  const ocrPages = pages.flatMap((page, i) => (page.kind === 'ocr' ? [i + 1] : []));
  if (!engine || ocrPages.length === 0) return { snapshot };
  const ocr: SourceOcr = { engine: engine.engine, version: engine.version, languages: [...engine.languages], model: engine.model, pages: ocrPages, blocks: [], uncertain: [] };
  let blockIndex = 0;
  pages.forEach((page) => {
    if (page.kind === 'text') {
      blockIndex += page.paragraphs.flatMap((p) => paragraphsOf(p)).length;
      return;
    }
    for (const paragraph of page.paragraphs) {
      const produced = paragraphsOf(paragraph.text);
      const block = snapshot.blocks[blockIndex];
      if (block && produced.length === 1 && produced[0] === paragraph.text) {
        ocr.blocks.push({ index: blockIndex, confidence: paragraph.confidence });
        for (const word of paragraph.uncertain) ocr.uncertain.push({ start: block.start + word.start, end: block.start + word.end, confidence: word.confidence });
      } else {
        // Not expected (recognised text is normalised already); never mark the wrong words.
        for (let k = 0; k < produced.length; k++) ocr.blocks.push({ index: blockIndex + k, confidence: paragraph.confidence });
      }
      blockIndex += produced.length;
    }
    blockIndex += (page.extra ?? []).flatMap((p) => paragraphsOf(p)).length;
  });
  return { snapshot, ocr };
}

/** Whether the passage [start, end) lies in recognised text (any of its blocks came from OCR). */
export function isRecognisedRange(source: { blocks: readonly { start: number; end: number }[]; ocr?: SourceOcr }, start: number, end: number): boolean {
  if (!source.ocr) return false;
  return source.ocr.blocks.some(({ index }) => {
    const block = source.blocks[index];
    return block !== undefined && block.start < Math.max(end, start + 1) && block.end > start;
  });
}

/** The uncertain words inside [start, end) of a source, as they read there. */
export function uncertainWordsIn(source: { text: string; ocr?: SourceOcr }, start: number, end: number): string[] {
  return (source.ocr?.uncertain ?? []).filter((w) => w.start < end && w.end > start).map((w) => source.text.slice(w.start, w.end));
}

/** "Text recognised by OCR on pages 1–3 (English, French)": how the reader introduces a recognised source. */
export function ocrSummary(source: { blocks: readonly { kind: string }[]; ocr?: SourceOcr }): string | null {
  const ocr = source.ocr;
  if (!ocr) return null;
  const paged = source.blocks.some((b) => b.kind === 'page');
  const where = paged ? ` on ${ocr.pages.length === 1 ? 'page' : 'pages'} ${compactPages(ocr.pages)}` : '';
  return `Text recognised by OCR${where} (${languageNames(ocr.languages)}; ${ocr.engine} ${ocr.version}).`;
}

/** "1–3, 7": recognised pages, compact. */
export function compactPages(pages: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < pages.length; ) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    parts.push(j > i ? `${pages[i]}–${pages[j]}` : String(pages[i]));
    i = j + 1;
  }
  return parts.join(', ');
}
