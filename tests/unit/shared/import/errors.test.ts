import { describe, expect, it } from 'vitest';
import { importErrors, offerPages, pageList } from '../../../../shared/import/errors';

describe('page lists in messages', () => {
  it('names pages the way a sentence would', () => {
    expect(pageList([3])).toBe('page 3');
    expect(pageList([2, 5])).toBe('pages 2 and 5');
    expect(pageList([2, 3])).toBe('pages 2 and 3');
    expect(pageList([1, 2, 3, 4, 7, 9])).toBe('pages 1–4, 7 and 9');
    expect(pageList([1200, 1201, 1202])).toBe('pages 1,200–1,202');
  });

  it('names scanned and garbled pages apart in one offer', () => {
    const error = importErrors.needsOcr('report.pdf', [4, 5, 6], [9], 12);
    expect(error.message).toBe(
      '“report.pdf” has no text layer on pages 4–6 (they look scanned). Its text layer does not read as text on page 9 (control or unmapped characters, mojibake, or words run together). Casefile can recognise the text of those pages from the page image (OCR), on this computer.',
    );
    expect(offerPages(error.offer)).toEqual([4, 5, 6, 9]);
  });
});
