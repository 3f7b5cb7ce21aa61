import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceBlock } from '../../../../shared/domain/types';
import { splitSentences } from '../../../../shared/suggest/sentences';

const slices = (text: string, blocks: SourceBlock[] = []) => splitSentences(text, blocks).map(({ start, end }) => text.slice(start, end));

describe('splitSentences', () => {
  it('keeps exact offsets although the text has irregular whitespace', () => {
    const text = '  Mr. Smith paid $5.5m on Jan. 3 to the U.S. firm.   It rose  5.5%\tin 2020.\r\nDone here now.';
    expect(slices(text)).toEqual(['Mr. Smith paid $5.5m on Jan. 3 to the U.S. firm.', 'It rose  5.5%\tin 2020.', 'Done here now.']);
  });

  it('never runs a sentence across blocks, and ignores text outside them', () => {
    const text = 'Heading without stop\n\nFirst paragraph ends here. Second sentence.\n\nfooter';
    const blocks: SourceBlock[] = [
      { start: 0, end: 20, n: 1, kind: 'heading' },
      { start: 22, end: 65, n: 2, kind: 'paragraph' },
    ];
    expect(slices(text, blocks)).toEqual(['Heading without stop', 'First paragraph ends here.', 'Second sentence.']);
  });

  it('starts a new sentence after a closing quotation mark', () => {
    const text = 'She said: “We are done. Nothing is left.” Then she left the room.';
    expect(slices(text)).toEqual(['She said: “We are done. Nothing is left.”', 'Then she left the room.']);
  });

  it('returns nothing for blank text', () => {
    expect(splitSentences('', [])).toEqual([]);
    expect(splitSentences(' \n\t ', [])).toEqual([]);
  });

  it('yields ordered, trimmed, non-overlapping spans covering every word', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9,£€%“”"'’-]{1,8}$/u);
    const gap = fc.constantFrom(' ', '  ', '\n', '. ', '! ', '? ', '.\n\n', ' \t');
    const textArb = fc.array(fc.tuple(word, gap), { maxLength: 40 }).map((parts) => parts.map(([w, g]) => w + g).join(''));
    fc.assert(
      fc.property(textArb, (text) => {
        const spans = splitSentences(text, []);
        let previousEnd = 0;
        let covered = '';
        for (const { start, end } of spans) {
          expect(start).toBeGreaterThanOrEqual(previousEnd);
          expect(end).toBeGreaterThan(start);
          expect(end).toBeLessThanOrEqual(text.length);
          expect(text.slice(start, end)).toBe(text.slice(start, end).trim());
          covered += text.slice(start, end);
          previousEnd = end;
        }
        expect(covered.replace(/\s+/gu, '')).toBe(text.replace(/\s+/gu, ''));
      }),
      { numRuns: 150 },
    );
  });
});
