import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brief, citation, heading, paragraph, text } from '../../../../shared/brief/build';
import { mergeNoteVersions } from '../../../../shared/brief/merge';

const texts = (state: unknown): string[] =>
  ((state as { root: { children: { children?: { text?: string; passageId?: string }[] }[] } }).root.children ?? []).map((block) =>
    (block.children ?? []).map((c) => c.text ?? `[${c.passageId}]`).join(''),
  );

describe('mergeNoteVersions', () => {
  const base = brief(heading('h1', text('Findings')), paragraph(text('The ferry left at nine.')), paragraph(text('Customs were told later.')));

  it('takes a change made on one side only', () => {
    const theirs = brief(heading('h1', text('Findings')), paragraph(text('The ferry left at ten.')), paragraph(text('Customs were told later.')));
    expect(texts(mergeNoteVersions(base, theirs, base).content)).toEqual(['Findings', 'The ferry left at ten.', 'Customs were told later.']);
    expect(mergeNoteVersions(base, base, theirs)).toMatchObject({ conflicts: 0 });
  });

  it('combines changes to different blocks without a conflict', () => {
    const theirs = brief(heading('h1', text('Findings')), paragraph(text('The ferry left at ten.')), paragraph(text('Customs were told later.')));
    const mine = brief(heading('h1', text('Findings')), paragraph(text('The ferry left at nine.')), paragraph(text('Customs were told at noon.')), paragraph(text('New lead.')));
    const merged = mergeNoteVersions(base, theirs, mine);
    expect(texts(merged.content)).toEqual(['Findings', 'The ferry left at ten.', 'Customs were told at noon.', 'New lead.']);
    expect(merged.conflicts).toBe(0);
  });

  it('keeps both additions to the same paragraph, word by word, the other version first', () => {
    const start = brief(paragraph(text('Alpha from A. Bravo from B.')));
    const theirs = brief(paragraph(text('Alpha from A. Bravo from B. Charlie from A.')));
    const mine = brief(paragraph(text('Alpha from A. Bravo from B. Delta from B.')));
    const merged = mergeNoteVersions(start, theirs, mine);
    expect(texts(merged.content)).toEqual(['Alpha from A. Bravo from B. Charlie from A. Delta from B.']);
    expect(merged.conflicts).toBe(1);
  });

  it('merges inside a paragraph around a citation', () => {
    const start = brief(paragraph(text('Seized '), citation('p1'), text(' at the pier.')));
    const theirs = brief(paragraph(text('Seized 40 tonnes '), citation('p1'), text(' at the pier.')));
    const mine = brief(paragraph(text('Seized '), citation('p1'), text(' at the pier on Friday.')));
    expect(texts(mergeNoteVersions(start, theirs, mine).content)).toEqual(['Seized 40 tonnes [p1] at the pier on Friday.']);
  });

  it('keeps two different rewrites of one block as two blocks', () => {
    const theirs = brief(heading('h1', text('Findings')), heading('h2', text('The ferry left at ten.')), paragraph(text('Customs were told later.')));
    const mine = brief(heading('h1', text('Findings')), paragraph(text('It left at half past nine.')), paragraph(text('Customs were told later.')));
    const merged = mergeNoteVersions(base, theirs, mine);
    expect(texts(merged.content)).toEqual(['Findings', 'The ferry left at ten.', 'It left at half past nine.', 'Customs were told later.']);
    expect(merged.conflicts).toBe(1);
  });

  it('keeps a paragraph one side typed twice where the other typed it once (fast-check found this)', () => {
    const nine = () => paragraph(text('nine nine'));
    const merged = mergeNoteVersions(brief(), brief(nine()), brief(nine(), nine()));
    expect(texts(merged.content)).toEqual(['nine nine', 'nine nine']);
  });

  it('loses no word either side typed (property)', () => {
    const sentence = fc.array(fc.constantFrom('harbour', 'ferry', 'customs', 'tonnes', 'nine', 'pier'), { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
    const doc = fc.array(sentence, { minLength: 0, maxLength: 6 });
    fc.assert(
      fc.property(doc, doc, doc, (o, a, b) => {
        const state = (paras: string[]) => brief(...paras.map((p) => paragraph(text(p))));
        const merged = texts(mergeNoteVersions(state(o), state(a), state(b)).content).join(' ');
        const count = (s: string, w: string) => s.split(/\s+/).filter((x) => x === w).length;
        // Every word a side typed (beyond what the base had) is still there.
        for (const side of [a, b]) {
          for (const w of ['harbour', 'ferry', 'customs', 'tonnes', 'nine', 'pier']) {
            expect(count(merged, w)).toBeGreaterThanOrEqual(count(side.join(' '), w) - count(o.join(' '), w));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is exact when only one side changed, or both changed alike (property)', () => {
    const para = fc.constantFrom('harbour pier', 'ferry at nine', 'customs', 'forty tonnes').map((t) => paragraph(text(t)));
    const doc = fc.array(para, { maxLength: 7 }).map((blocks) => brief(...blocks));
    fc.assert(
      fc.property(doc, doc, (o, a) => {
        const blocks = (r: ReturnType<typeof mergeNoteVersions>) => ({ children: r.content.root.children, conflicts: r.conflicts });
        expect(blocks(mergeNoteVersions(o, a, o))).toEqual({ children: a.root.children, conflicts: 0 });
        expect(blocks(mergeNoteVersions(o, o, a))).toEqual({ children: a.root.children, conflicts: 0 });
        expect(blocks(mergeNoteVersions(o, a, a))).toEqual({ children: a.root.children, conflicts: 0 });
      }),
      { numRuns: 300 },
    );
  });
});
