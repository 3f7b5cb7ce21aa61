import { describe, expect, it } from 'vitest';
import {
  assemblePages,
  defaultOcrLanguages,
  isRecognisedRange,
  isUncertain,
  languageNames,
  ocrSummary,
  ocrVocabulary,
  recognisedParagraphs,
  uncertainWordsIn,
  type OcrPageResult,
} from '../../../../shared/import/ocr';

const words = (line: string, confidence = 95) => ({ words: line.split(' ').map((text) => ({ text, confidence })) });
const ENGINE = { engine: 'tesseract.js', version: '7.0.0', model: '4.0.0_best_int', languages: ['eng'] };

describe('recognised paragraphs', () => {
  it('joins words and lines with single spaces and tracks where each uncertain word is', () => {
    const page: OcrPageResult = {
      paragraphs: [
        {
          lines: [
            { words: [{ text: 'The', confidence: 96 }, { text: 'cost', confidence: 95 }, { text: 'is', confidence: 95 }, { text: '48;500', confidence: 12 }] },
            { words: [{ text: 'pounds,', confidence: 96 }, { text: 'or', confidence: 55 }, { text: 'so', confidence: 91 }] },
          ],
        },
      ],
    };
    const [paragraph] = recognisedParagraphs(page, new Set());
    expect(paragraph!.text).toBe('The cost is 48;500 pounds, or so');
    expect(paragraph!.uncertain.map((w) => paragraph!.text.slice(w.start, w.end))).toEqual(['48;500', 'or']);
    expect(paragraph!.uncertain[0]!.confidence).toBe(12);
    // Mean confidence weighted by word length.
    expect(paragraph!.confidence).toBeGreaterThan(70);
    expect(paragraph!.confidence).toBeLessThan(90);
  });

  it('holds figures to a stricter bar than words', () => {
    expect(isUncertain({ text: 'harbour', confidence: 70 })).toBe(false);
    expect(isUncertain({ text: '1,250', confidence: 70 })).toBe(true);
    expect(isUncertain({ text: 'harbour', confidence: 59 })).toBe(true);
  });

  it('mends a word broken at a line end only when the document uses the whole word', () => {
    const page: OcrPageResult = { paragraphs: [{ lines: [words('the docu-'), words('ment and a well-'), words('known clerk signed the document')] }] };
    const [paragraph] = recognisedParagraphs(page, ocrVocabulary([page]));
    expect(paragraph!.text).toBe('the document and a well-known clerk signed the document');
  });

  it('writes recognised Chinese and Japanese without spaces between characters', () => {
    const page: OcrPageResult = { paragraphs: [{ lines: [words('港口 管理局 发布了'), words('报告。')] }] };
    expect(recognisedParagraphs(page, new Set())[0]!.text).toBe('港口管理局发布了报告。');
  });

  it('drops empty words and paragraphs', () => {
    const page: OcrPageResult = { paragraphs: [{ lines: [{ words: [{ text: ' ', confidence: 10 }] }] }, { lines: [words('Kept')] }] };
    expect(recognisedParagraphs(page, new Set()).map((p) => p.text)).toEqual(['Kept']);
  });
});

describe('assembling pages', () => {
  const recognised = recognisedParagraphs({ paragraphs: [{ lines: [{ words: [{ text: 'Scanned', confidence: 95 }, { text: '1O', confidence: 30 }] }] }, { lines: [words('second paragraph')] }] }, new Set());

  it('puts text pages and recognised pages in page order and records which blocks were recognised', () => {
    const { snapshot, ocr } = assemblePages(
      [
        { kind: 'text', paragraphs: ['First page, its own text.'] },
        { kind: 'ocr', paragraphs: recognised, extra: ['Inspector: R. Okafor'] },
        { kind: 'text', paragraphs: ['Third page.'] },
      ],
      ENGINE,
    );
    expect(snapshot.text).toBe('First page, its own text.\n\nScanned 1O\n\nsecond paragraph\n\nInspector: R. Okafor\n\nThird page.');
    expect(snapshot.blocks.map((b) => [b.kind, b.n])).toEqual([
      ['page', 1],
      ['page', 2],
      ['page', 2],
      ['page', 2],
      ['page', 3],
    ]);
    expect(ocr).toMatchObject({ ...ENGINE, pages: [2] });
    expect(ocr!.blocks.map((b) => b.index)).toEqual([1, 2]);
    expect(ocr!.uncertain.map((w) => snapshot.text.slice(w.start, w.end))).toEqual(['1O']);
    const source = { ...snapshot, ocr };
    expect(isRecognisedRange(source, 0, 5)).toBe(false);
    expect(isRecognisedRange(source, snapshot.text.indexOf('Scanned'), snapshot.text.indexOf('Scanned') + 7)).toBe(true);
    // The form field kept on a recognised page is the file's own text, not OCR.
    expect(isRecognisedRange(source, snapshot.text.indexOf('Inspector'), snapshot.text.indexOf('Inspector') + 9)).toBe(false);
    expect(uncertainWordsIn(source, 0, snapshot.text.length)).toEqual(['1O']);
    expect(ocrSummary(source)).toBe('Text recognised by OCR on page 2 (English; tesseract.js 7.0.0).');
  });

  it('numbers a single image by paragraph and records nothing when no page was recognised', () => {
    const { snapshot, ocr } = assemblePages([{ kind: 'ocr', paragraphs: recognised }], ENGINE, { paged: false });
    expect(snapshot.blocks.map((b) => [b.kind, b.n])).toEqual([
      ['paragraph', 1],
      ['paragraph', 2],
    ]);
    expect(ocrSummary({ ...snapshot, ocr })).toBe('Text recognised by OCR (English; tesseract.js 7.0.0).');
    expect(assemblePages([{ kind: 'text', paragraphs: ['Only text.'] }], ENGINE).ocr).toBeUndefined();
  });
});

describe('languages', () => {
  it('guesses from the user’s locales and names them for a sentence', () => {
    expect(defaultOcrLanguages(['fr-CA', 'en-US'])).toEqual(['fra']);
    expect(defaultOcrLanguages(['zh-Hans-CN'])).toEqual(['chi_sim']);
    expect(defaultOcrLanguages(['nl-NL', 'ja'])).toEqual(['jpn']);
    expect(defaultOcrLanguages(['nl-NL'])).toEqual(['eng']);
    expect(languageNames(['eng', 'fra', 'ara'])).toBe('English, French and Arabic');
  });
});
