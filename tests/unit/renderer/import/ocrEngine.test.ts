import { describe, expect, it } from 'vitest';
import { pageFromTsv } from '../../../../renderer/import/ocrEngine';

describe("Tesseract's TSV", () => {
  it('groups words into lines and paragraphs in reading order, skipping the other levels and empty words', () => {
    const rows = [
      '1\t1\t0\t0\t0\t0\t0\t0\t2483\t3512\t-1\t',
      '2\t1\t1\t0\t0\t0\t25\t36\t1702\t210\t-1\t',
      '3\t1\t1\t1\t0\t0\t25\t36\t1702\t210\t-1\t',
      '4\t1\t1\t1\t1\t0\t25\t36\t1702\t66\t-1\t',
      '5\t1\t1\t1\t1\t1\t25\t36\t123\t52\t95.99\tThe',
      '5\t1\t1\t1\t1\t2\t175\t36\t270\t52\t41.5\tharbour',
      '4\t1\t1\t1\t2\t0\t25\t106\t1702\t66\t-1\t',
      '5\t1\t1\t1\t2\t1\t25\t106\t200\t52\t93\tmaster.',
      '5\t1\t1\t1\t2\t2\t25\t106\t200\t52\t-1\t ',
      '3\t1\t1\t2\t0\t0\t25\t200\t1702\t66\t-1\t',
      '5\t1\t1\t2\t1\t1\t25\t200\t200\t52\t88\tEleven',
      '5\t1\t2\t1\t1\t1\t25\t300\t200\t52\t90\tbarges',
      '',
    ];
    expect(pageFromTsv(rows.join('\n'))).toEqual({
      paragraphs: [
        { lines: [{ words: [{ text: 'The', confidence: 95.99 }, { text: 'harbour', confidence: 41.5 }] }, { words: [{ text: 'master.', confidence: 93 }] }] },
        { lines: [{ words: [{ text: 'Eleven', confidence: 88 }] }] },
        { lines: [{ words: [{ text: 'barges', confidence: 90 }] }] },
      ],
    });
    expect(pageFromTsv('')).toEqual({ paragraphs: [] });
  });
});
