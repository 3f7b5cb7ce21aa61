import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceBlock } from '../../../../shared/domain/types';
import { blocksFromParts, normaliseText, titleFromText, type TextSnapshot } from '../../../../shared/import/text';

const slices = ({ text, blocks }: TextSnapshot) => blocks.map((b) => text.slice(b.start, b.end));

/** The contract the reader pane depends on. */
function expectConsistent(snapshot: TextSnapshot): void {
  const { text, blocks } = snapshot;
  expect(slices(snapshot).join('\n\n')).toBe(text);
  blocks.forEach((block: SourceBlock, index) => {
    const content = text.slice(block.start, block.end);
    expect(block.n).toBe(index + 1);
    expect(content.length).toBeGreaterThan(0);
    expect(content).toBe(content.trim());
    expect(content).not.toMatch(/\n\n| {2}|[\t\u00a0\u200b\ufeff\r]/);
    if (index > 0) expect(block.start).toBe(blocks[index - 1]!.end + 2);
  });
  expect(text).toBe(text.normalize('NFC'));
}

describe('normaliseText', () => {
  it('splits paragraphs on blank lines and keeps single line breaks', () => {
    const snapshot = normaliseText('Speaker A: We met.\nSpeaker B: I was not there.\n\n\n  Second   paragraph.  \n');
    expect(slices(snapshot)).toEqual(['Speaker A: We met.\nSpeaker B: I was not there.', 'Second paragraph.']);
    expect(snapshot.blocks).toEqual([
      { start: 0, end: 46, n: 1, kind: 'paragraph' },
      { start: 48, end: 65, n: 2, kind: 'paragraph' },
    ]);
    expectConsistent(snapshot);
  });

  it('unifies CRLF and CR line endings', () => {
    expect(normaliseText('one\r\ntwo\r\n\r\nthree\rfour\r\rfive').text).toBe('one\ntwo\n\nthree\nfour\n\nfive');
  });

  it('turns tabs and no-break spaces into spaces, and drops zero-width spaces and BOMs', () => {
    expect(normaliseText('\ufeffTotal:\t£8.7\u00a0million\u200b, said\u202fthe report').text).toBe('Total: £8.7 million, said the report');
  });

  it('treats lines of only whitespace as paragraph breaks', () => {
    expect(slices(normaliseText('first\n \t \u00a0\nsecond'))).toEqual(['first', 'second']);
  });

  it('composes text to NFC so offsets do not depend on how it was typed', () => {
    const decomposed = 'Cafe\u0301 Mu\u0308ller';
    expect(normaliseText(decomposed).text).toBe('Café Müller');
    expect(normaliseText(decomposed).text).toHaveLength(11);
  });

  it('removes control characters but keeps the text around them', () => {
    expect(normaliseText('bell\u0007 and\u001b escape').text).toBe('bell and escape');
  });

  it('gives no blocks for text that is only whitespace', () => {
    expect(normaliseText(' \n\n\t\u200b\r\n')).toEqual({ text: '', blocks: [] });
  });

  it('applies structural hints to block kinds', () => {
    const snapshot = normaliseText('Title\n\nBody text.', { kindOf: (_text, index) => (index === 0 ? 'heading' : 'paragraph') });
    expect(snapshot.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph']);
  });

  it('keeps the reader invariant for any input', () => {
    const pieces = fc.constantFrom('a', 'Z', 'é', 'e\u0301', ' ', '  ', '\t', '\n', '\r\n', '\r', '\n\n', '\u00a0', '\u200b', '\ufeff', '\u2028', '\u2029', '\u0007', '.', '😀');
    const text = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: pieces }), fc.string({ unit: 'binary' }));
    fc.assert(fc.property(text, (raw) => expectConsistent(normaliseText(raw))), { numRuns: 500 });
  });

  it('is idempotent: normalising the snapshot text changes nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (raw) => {
        const once = normaliseText(raw);
        expect(normaliseText(once.text)).toEqual(once);
      }),
      { numRuns: 300 },
    );
  });
});

describe('blocksFromParts', () => {
  it('keeps kinds, drops empty parts and numbers blocks from 1', () => {
    const snapshot = blocksFromParts([
      { text: ' Budget vote ', kind: 'heading', level: 1 },
      { text: '   ', kind: 'paragraph' },
      { text: 'Councillors voted  11 to 8.', kind: 'paragraph' },
      { text: '“We had no choice.”', kind: 'quote' },
      { text: 'Libraries stay open', kind: 'list-item' },
    ]);
    expect(slices(snapshot)).toEqual(['Budget vote', 'Councillors voted 11 to 8.', '“We had no choice.”', 'Libraries stay open']);
    expect(snapshot.blocks.map((b) => [b.n, b.kind])).toEqual([
      [1, 'heading'],
      [2, 'paragraph'],
      [3, 'quote'],
      [4, 'list-item'],
    ]);
    expectConsistent(snapshot);
  });

  it('splits a part holding blank lines into blocks of the same kind', () => {
    const snapshot = blocksFromParts([{ text: 'line 1\n\nline 2', kind: 'quote' }]);
    expect(slices(snapshot)).toEqual(['line 1', 'line 2']);
    expect(snapshot.blocks.every((b) => b.kind === 'quote')).toBe(true);
  });

  it('keeps the reader invariant for any parts', () => {
    const kind = fc.constantFrom<SourceBlock['kind']>('paragraph', 'heading', 'quote', 'list-item');
    fc.assert(fc.property(fc.array(fc.record({ text: fc.string({ unit: 'binary' }), kind })), (parts) => expectConsistent(blocksFromParts(parts))));
  });
});

describe('titleFromText', () => {
  it('takes a short headline-like first line', () => {
    expect(titleFromText('Customs officers seize record haul\n\nBody.', 'haul.txt')).toEqual({ title: 'Customs officers seize record haul', fromFirstLine: true });
    expect(titleFromText('Who paid for the bridge?\nMore', 'x.txt')).toEqual({ title: 'Who paid for the bridge?', fromFirstLine: true });
  });

  it('falls back to the file name for a sentence, a long line or no letters', () => {
    expect(titleFromText('Line one of a transcript.\nSpeaker A: hi', 'transcript-crlf.txt')).toEqual({ title: 'transcript-crlf', fromFirstLine: false });
    expect(titleFromText('word '.repeat(50).trim(), 'long.notes.txt')).toEqual({ title: 'long.notes', fromFirstLine: false });
    expect(titleFromText('-----', 'rule.txt')).toEqual({ title: 'rule', fromFirstLine: false });
    expect(titleFromText('', 'empty.md')).toEqual({ title: 'empty', fromFirstLine: false });
  });
});
