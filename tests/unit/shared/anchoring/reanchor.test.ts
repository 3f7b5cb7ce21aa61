import { describe as suite, expect, it } from 'vitest';
import fc from 'fast-check';
import { changedSpans, diffTexts, mapOffset, mapSpan } from '../../../../shared/anchoring/diff';
import { reanchorAll } from '../../../../shared/anchoring/reanchor';
import { describe } from '../../../../shared/anchoring/selectors';
import { squeeze } from '../../../../shared/anchoring/skeleton';
import { applyEdits, edit, report } from './arbitraries';
import { REPORT, spanOf } from './fixtures';

suite('diffTexts', () => {
  it('maps shared text exactly and marks the replaced words as changed', () => {
    const revised = REPORT.replace('arrested 746 people', 'detained 746 people').replace('Critics said', 'Lawyers said');
    const diff = diffTexts(REPORT, revised);
    // Characters both versions share at a region's edge stay shared: "arrest[ed]" → "detain[ed]", "Critic[s]" → "Lawyer[s]".
    expect(changedSpans(diff).map((r) => revised.slice(r.start, r.end))).toEqual(['detain', 'Lawyer']);
    const [start, end] = spanOf(REPORT, '£54 million');
    expect(mapSpan(diff, start, end)).toEqual({ start, end });
    const [editedStart, editedEnd] = spanOf(REPORT, 'arrested 746');
    expect(mapSpan(diff, editedStart, editedEnd)).toBeUndefined();
    expect(mapOffset(diff, editedStart)).toBe(editedStart);
  });

  it('leaves a zero-length changed region where text was only removed', () => {
    const revised = REPORT.replace(' and seized £54 million in cash,', '');
    const diff = diffTexts(REPORT, revised);
    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0]?.end).toBe(diff.changed[0]?.start);
  });

  it('tiles both skeletons: shared runs are equal and everything else is a changed region', () => {
    fc.assert(
      fc.property(report, fc.array(edit, { maxLength: 6 }), (text, edits) => {
        const revised = applyEdits(text, [0, 1], edits, false).text;
        const diff = diffTexts(text, revised);
        const [oldSk, newSk] = [diff.old.text, diff.new.text];
        expect(oldSk).toBe(squeeze(text));
        expect(newSk).toBe(squeeze(revised));
        let oldPos = 0;
        let newPos = 0;
        let covered = 0;
        for (const s of diff.equal) {
          expect(s.oldStart).toBeGreaterThanOrEqual(oldPos);
          expect(s.newStart).toBeGreaterThanOrEqual(newPos);
          expect(newSk.slice(s.newStart, s.newStart + s.length)).toBe(oldSk.slice(s.oldStart, s.oldStart + s.length));
          oldPos = s.oldStart + s.length;
          newPos = s.newStart + s.length;
          covered += s.length;
        }
        const changed = diff.changed.reduce((sum, r) => sum + r.end - r.start, 0);
        expect(covered + changed).toBe(newSk.length);
      }),
      { numRuns: 300 },
    );
  });
});

suite('reanchorAll', () => {
  const revised = `Summary added. ${REPORT}`
    .replace('officers arrested 746 people', 'officers detained 746 people')
    .replace('Detectives said the messages revealed plans to kill rivals, and that more than 200 threats to life had been dealt with. ', '');
  const phrases = {
    shifted: '77 firearms and more than two tonnes',
    edited: 'officers arrested 746 people and seized £54 million in cash',
    deleted: 'more than 200 threats to life',
    repeated: '746 people remain the subject',
  };
  const passages = Object.entries(phrases).map(([id, phrase]) => ({ id, selectors: describe(REPORT, ...spanOf(REPORT, phrase)) }));
  const results = reanchorAll(REPORT, revised, passages);

  it.each([
    ['shifted', 'moved', '77 firearms and more than two tonnes'],
    ['edited', 'fuzzy', 'officers detained 746 people and seized £54 million in cash'],
    ['repeated', 'moved', '746 people remain the subject'],
  ] as const)('%s passage → %s', (id, status, text) => {
    const r = results.get(id);
    expect(r?.status).toBe(status);
    expect(r && revised.slice(r.start, r.end)).toBe(text);
    expect(r?.selectors?.[0].exact).toBe(text);
    expect(r?.selectors?.[1]).toEqual({ type: 'TextPositionSelector', start: r?.start, end: r?.end });
  });

  it('orphans a passage whose sentence was deleted, with no selectors', () => {
    expect(results.get('deleted')).toEqual({ start: -1, end: -1, status: 'orphaned' });
  });

  it('keeps exact status for passages before the first edit', () => {
    const unchangedStart = REPORT.replace('Critics said', 'Lawyers said');
    const [start, end] = spanOf(REPORT, 'Operation Halyard began');
    const r = reanchorAll(REPORT, unchangedStart, [{ id: 'a', selectors: describe(REPORT, start, end) }]).get('a');
    expect(r).toMatchObject({ start, end, status: 'exact' });
  });

  it('orphans a passage with malformed selectors instead of throwing', () => {
    const bad = [{ type: 'TextQuoteSelector', exact: '', prefix: '', suffix: '' }, { type: 'TextPositionSelector', start: 0, end: 0 }] as const;
    const r = reanchorAll(REPORT, REPORT, [{ id: 'bad', selectors: [{ ...bad[0] }, { ...bad[1] }] }]);
    expect(r.get('bad')?.status).toBe('orphaned');
  });
});
