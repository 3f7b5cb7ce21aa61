import { describe, expect, it } from 'vitest';
import { brief, citation, claimMark, paragraph, quote, text } from '../../../../shared/brief/build';
import { checkBriefIntegrity, normaliseQuote } from '../../../../shared/brief/integrity';
import type { ClaimRecord, PassageRecord, SourceRecord } from '../../../../shared/domain/types';

const source = { id: 's1', caseId: 'c', fileName: 'report.txt', metadata: { title: 'Harbour report' } } as SourceRecord;

function passage(id: string, exact: string, anchor: PassageRecord['anchor'] = 'exact'): PassageRecord {
  return {
    id,
    caseId: 'c',
    sourceId: 's1',
    selectors: [
      { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
      { type: 'TextPositionSelector', start: 0, end: exact.length },
    ],
    tags: [],
    comment: '',
    locator: { kind: 'paragraph', value: 1 },
    anchor,
    createdAt: 0,
    updatedAt: 0,
  };
}

const claim = (id: string, status: ClaimRecord['status'], statement = `Claim ${id}`) => ({ id, status, statement }) as ClaimRecord;

describe('checkBriefIntegrity', () => {
  const passages = [passage('p1', 'The harbour closed at “dawn” on Monday.'), passage('p2', 'Nine boats were seized.'), passage('p3', 'Gone text', 'orphaned')];

  it('finds nothing wrong in a sound brief, whatever the quotation marks and spacing', () => {
    const doc = brief(
      quote(text('"The harbour closed at \u2018dawn\u2019   on\nMonday."'), citation('p1')),
      paragraph(text('Boats were seized.'), citation('p2'), text(' Again.'), citation('p1')),
    );
    // Double and single quotes normalise to their own straight forms, so ‘dawn’ ≠ “dawn”…
    expect(checkBriefIntegrity(doc, { passages, sources: [source], claims: [] }).map((p) => p.kind)).toEqual(['quote-drift']);
    const fixed = brief(quote(text('“The harbour closed at "dawn" on Monday.”'), citation('p1')));
    expect(checkBriefIntegrity(fixed, { passages, sources: [source], claims: [] })).toEqual([]);
  });

  it('reports deleted and orphaned passages as broken citations, with their number and place', () => {
    const doc = brief(paragraph(text('A'), citation('p2'), text('B'), citation('gone'), text('C'), citation('p3')));
    const problems = checkBriefIntegrity(doc, { passages, sources: [source], claims: [] });
    expect(problems).toMatchObject([
      { kind: 'broken-citation', reason: 'missing', n: 2, target: { kind: 'citation', index: 1 } },
      { kind: 'broken-citation', reason: 'orphaned', n: 3, target: { kind: 'citation', index: 2 } },
    ]);
    expect(problems[1]!.message).toContain('Harbour report');
  });

  it('reports a quote whose words drifted from its passage', () => {
    const doc = brief(paragraph(text('Intro')), quote(text('Ten boats were seized.'), citation('p2')));
    const [problem] = checkBriefIntegrity(doc, { passages, sources: [source], claims: [] });
    expect(problem).toMatchObject({ kind: 'quote-drift', n: 1, target: { kind: 'quote', index: 0 }, expected: 'Nine boats were seized.', actual: 'Ten boats were seized.' });
  });

  it('ignores quotes without a citation: they quote nothing in the case', () => {
    expect(checkBriefIntegrity(brief(quote(text('Anything at all'))), { passages, sources: [source], claims: [] })).toEqual([]);
  });

  it('flags each false or disputed claim once, at its first reference', () => {
    const claims = [claim('k1', 'false'), claim('k2', 'disputed'), claim('k3', 'supported')];
    const doc = brief(
      paragraph(claimMark(['k3'], text('fine')), claimMark(['k2'], text('shaky')), text('x'), citation('p2', 'k1')),
      paragraph(citation('p2', 'k1'), claimMark(['k2'], text('again'))),
    );
    const problems = checkBriefIntegrity(doc, { passages, sources: [source], claims });
    expect(problems).toMatchObject([
      { kind: 'flagged-claim', claimId: 'k1', status: 'false', target: { kind: 'citation', index: 0 } },
      { kind: 'flagged-claim', claimId: 'k2', status: 'disputed', target: { kind: 'mark', index: 1 } },
    ]);
  });

  it('walks past malformed content without throwing', () => {
    expect(checkBriefIntegrity(null, { passages, sources: [source], claims: [] })).toEqual([]);
    expect(checkBriefIntegrity({ root: { children: [null, 3, { type: 'citation' }, { type: 'quote', children: 'x' }] } }, { passages, sources: [], claims: [] })).toEqual([]);
  });
});

describe('normaliseQuote', () => {
  it('straightens quotation marks, collapses whitespace and drops enclosing quotes', () => {
    expect(normaliseQuote('  “It’s  done,”\n she said ')).toBe('"It\'s done," she said');
    expect(normaliseQuote('“Whole quote”')).toBe('Whole quote');
  });
});
