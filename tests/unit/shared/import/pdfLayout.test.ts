import { describe, expect, it } from 'vitest';
import { cjkJoin, isVerticalPage, joinLines, ordinaryCjk, pdfPageParagraphs, type PdfTextRun } from '../../../../shared/import/pdfLayout';

const run = (str: string, x: number, y: number, size = 12, width = str.length * size * 0.5, hasEOL = false): PdfTextRun => ({
  str,
  transform: [size, 0, 0, size, x, y],
  width,
  height: size,
  hasEOL,
});

describe('Chinese and Japanese in PDF text layers', () => {
  it('joins lines and runs between CJK characters without a space, and keeps spaces elsewhere', () => {
    expect(cjkJoin('比上一季度多四', '艘。')).toBe(true);
    expect(cjkJoin('報告書を', 'Harbour')).toBe(false);
    expect(cjkJoin('the', 'harbour')).toBe(false);
    expect(joinLines(['港口管理局星期一发布了季度疏浚报告。比上一季度多四', '艘。'], new Set())).toBe('港口管理局星期一发布了季度疏浚报告。比上一季度多四艘。');
    expect(joinLines(['The harbour', 'master'], new Set())).toBe('The harbour master');
  });

  it('gives back the ordinary character for Kangxi radicals, radicals-supplement forms and vertical punctuation', () => {
    // "⼝" U+2F1D, "⼀" U+2F00 (Kangxi), "⻅" U+2EC5 (supplement), "︒" U+FE12 (vertical full stop).
    expect(ordinaryCjk('港\u2f1d管理局星期\u2f00发布。看\u2ec5\ufe12')).toBe('港口管理局星期一发布。看见。');
    // Fullwidth punctuation the author typed stays as it is.
    expect(ordinaryCjk('驳船，比上一季度多四艘！')).toBe('驳船，比上一季度多四艘！');
  });
});

describe('vertical pages', () => {
  const column = (text: string, x: number, top: number, size = 14) => Array.from(text, (c, i) => run(c, x, top - i * size, size, size, true));

  it('recognises glyphs set one under the other, and not left-aligned lines of ordinary text', () => {
    expect(isVerticalPage(column('縦書きの覚え書き', 556, 812, 28))).toBe(true);
    const paragraph = [run('The committee met in the library hall on a wet Wednesday.', 56, 716, 13), run('Twelve members attended.', 56, 696.5, 13), run('The chair thanked the watch.', 56, 664, 13)];
    expect(isVerticalPage(paragraph)).toBe(false);
  });

  it('reads columns right to left, joins a wrapped column, and breaks paragraphs at the wider gap', () => {
    const runs = [...column('縦書き', 556, 812, 28), ...column('港湾局は報告', 514, 824), ...column('書を公表した。', 494, 824), ...column('次の検査。', 460, 824)];
    expect(pdfPageParagraphs([runs])).toEqual([['縦書き', '港湾局は報告書を公表した。', '次の検査。']]);
  });
});

describe('paragraphs', () => {
  it('splits two short paragraphs whose only line steps include the paragraph gap', () => {
    const runs = [run('港口疏浚季度报告', 6, 804, 28), run('比上一季度多四', 6, 762, 14, 98, true), run('艘。', 6, 742.4, 14, 28, true), run('九号泊位清出的淤泥将近六千吨。', 6, 708.6, 14, 210)];
    expect(pdfPageParagraphs([runs])).toEqual([['港口疏浚季度报告', '比上一季度多四艘。', '九号泊位清出的淤泥将近六千吨。']]);
  });
});
