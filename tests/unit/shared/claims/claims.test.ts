import { describe, expect, it } from 'vitest';
import {
  ClaimError,
  addEvidence,
  createClaim,
  evidenceSummary,
  filterClaims,
  removeEvidence,
  setStance,
  setStatus,
  type EvidenceSummary,
} from '../../../../shared/claims/claims';
import type { ClaimRecord, ClaimStatus, Stance } from '../../../../shared/domain/types';

const T0 = Date.UTC(2026, 0, 5, 9, 0);
const T1 = T0 + 60_000;

function claim(overrides: Partial<ClaimRecord> = {}): ClaimRecord {
  return { ...createClaim({ caseId: 'case-1', statement: 'The port handled 3.2 tonnes.', now: T0 }), ...overrides };
}

describe('createClaim', () => {
  it('normalises the statement and claimant and starts unverified', () => {
    const created = createClaim({
      caseId: 'case-1',
      statement: '  746 people\n were   arrested. ',
      claimant: ' Police in  the UK ',
      now: T0,
    });
    expect(created).toMatchObject({
      caseId: 'case-1',
      statement: '746 people were arrested.',
      claimant: 'Police in the UK',
      status: 'unverified',
      tags: [],
      note: '',
      evidence: [],
      statusLog: [],
      createdAt: T0,
      updatedAt: T0,
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/u);
  });

  it('attaches a first passage, supporting by default', () => {
    expect(createClaim({ caseId: 'c', statement: 'x', passageId: 'p1', now: T0 }).evidence).toEqual([
      { passageId: 'p1', stance: 'supports', addedAt: T0 },
    ]);
    expect(createClaim({ caseId: 'c', statement: 'x', passageId: 'p1', stance: 'context', now: T0 }).evidence[0]?.stance).toBe('context');
  });

  it.each(['', '   ', '\n\t'])('refuses an empty statement %j with a readable message', (statement) => {
    expect(() => createClaim({ caseId: 'c', statement, now: T0 })).toThrowError(ClaimError);
    expect(() => createClaim({ caseId: 'c', statement, now: T0 })).toThrowError(/needs a statement/u);
  });

  it('refuses an oversized statement and an unknown stance', () => {
    expect(() => createClaim({ caseId: 'c', statement: 'a'.repeat(2001), now: T0 })).toThrowError(/at most 2000/u);
    expect(() => createClaim({ caseId: 'c', statement: 'x', passageId: 'p', stance: 'maybe' as Stance, now: T0 })).toThrowError(
      /not a stance/u,
    );
  });
});

describe('setStatus', () => {
  it('records each change with its reason', () => {
    const disputed = setStatus(claim(), 'disputed', { reason: '  Two sources disagree ', now: T1 });
    expect(disputed.status).toBe('disputed');
    expect(disputed.updatedAt).toBe(T1);
    expect(disputed.statusLog).toEqual([{ at: T1, from: 'unverified', to: 'disputed', reason: 'Two sources disagree' }]);
    const supported = setStatus(disputed, 'supported', { now: T1 + 1 });
    expect(supported.statusLog[1]).toEqual({ at: T1 + 1, from: 'disputed', to: 'supported' });
  });

  it('is a no-op returning the same record when the status is unchanged', () => {
    const original = claim();
    expect(setStatus(original, 'unverified', { reason: 'again', now: T1 })).toBe(original);
  });

  it('does not mutate its input and rejects unknown statuses', () => {
    const original = claim();
    setStatus(original, 'false', { now: T1 });
    expect(original.status).toBe('unverified');
    expect(() => setStatus(original, 'probably' as ClaimStatus, { now: T1 })).toThrowError(/not a claim status/u);
  });
});

describe('evidence edits', () => {
  it('adds a passage once and reports a repeated add as unchanged', () => {
    const first = addEvidence(claim(), 'p1', 'supports', T1);
    expect(first.changed).toBe(true);
    expect(first.claim.evidence).toEqual([{ passageId: 'p1', stance: 'supports', addedAt: T1 }]);
    const again = addEvidence(first.claim, 'p1', 'contradicts', T1 + 5);
    expect(again).toEqual({ claim: first.claim, changed: false });
    expect(again.claim).toBe(first.claim);
  });

  it('changes a stance, and refuses to change one for a passage that is not attached', () => {
    const withEvidence = addEvidence(claim(), 'p1', 'supports', T1).claim;
    const changed = setStance(withEvidence, 'p1', 'contradicts', T1 + 1);
    expect(changed.changed).toBe(true);
    expect(changed.claim.evidence[0]).toEqual({ passageId: 'p1', stance: 'contradicts', addedAt: T1 });
    expect(setStance(changed.claim, 'p1', 'contradicts', T1 + 2).changed).toBe(false);
    expect(() => setStance(withEvidence, 'p9', 'context', T1)).toThrowError(ClaimError);
  });

  it('removes a passage and reports removing an absent one as unchanged', () => {
    const withEvidence = addEvidence(addEvidence(claim(), 'p1', 'supports', T1).claim, 'p2', 'context', T1).claim;
    const removed = removeEvidence(withEvidence, 'p1', T1 + 1);
    expect(removed.changed).toBe(true);
    expect(removed.claim.evidence.map((item) => item.passageId)).toEqual(['p2']);
    expect(withEvidence.evidence).toHaveLength(2);
    expect(removeEvidence(removed.claim, 'p1', T1 + 2).changed).toBe(false);
  });
});

describe('evidenceSummary', () => {
  const passages = new Map([
    ['a1', { sourceId: 'article' }],
    ['a2', { sourceId: 'article' }],
    ['r1', { sourceId: 'report' }],
    ['t1', { sourceId: 'transcript' }],
  ]);

  function withEvidence(items: [string, Stance][]): ClaimRecord {
    return claim({ evidence: items.map(([passageId, stance]) => ({ passageId, stance, addedAt: T0 })) });
  }

  it('counts two passages from one source as one independent source', () => {
    const summary = evidenceSummary(withEvidence([['a1', 'supports'], ['a2', 'supports'], ['r1', 'contradicts']]), passages);
    expect(summary).toEqual({ supports: 2, contradicts: 1, context: 0, sources: 2, independentSources: 1, missing: 0 });
  });

  it('counts deleted passages as missing, never as sources', () => {
    const summary = evidenceSummary(withEvidence([['gone', 'supports'], ['t1', 'context']]), passages);
    expect(summary).toEqual({ supports: 0, contradicts: 0, context: 1, sources: 1, independentSources: 0, missing: 1 });
  });

  it('gives zero counts for a claim without evidence', () => {
    const empty: EvidenceSummary = { supports: 0, contradicts: 0, context: 0, sources: 0, independentSources: 0, missing: 0 };
    expect(evidenceSummary(claim(), passages)).toEqual(empty);
  });

  it('counts each independent supporting source', () => {
    const summary = evidenceSummary(withEvidence([['a1', 'supports'], ['r1', 'supports'], ['t1', 'supports']]), passages);
    expect(summary.independentSources).toBe(3);
  });
});

describe('filterClaims', () => {
  const claims: ClaimRecord[] = [
    claim({ id: 'a', statement: '746 people were arrested', claimant: 'Police in the UK', status: 'supported', tags: ['t-arrests'] }),
    claim({ id: 'b', statement: 'EncroChat had 60,000 users', claimant: 'Europol', status: 'disputed', tags: ['t-users', 't-arrests'] }),
    claim({ id: 'c', statement: 'Phones cost €1,000', claimant: 'Europol', status: 'unverified', tags: [], note: 'Check the café receipts' }),
  ];
  const ids = (list: ClaimRecord[]) => list.map((item) => item.id);

  it('returns everything for an empty filter', () => {
    expect(ids(filterClaims(claims, {}))).toEqual(['a', 'b', 'c']);
    expect(ids(filterClaims(claims, { statuses: [], tagIds: [], text: '  ' }))).toEqual(['a', 'b', 'c']);
  });

  it('keeps any of the chosen statuses', () => {
    expect(ids(filterClaims(claims, { statuses: ['supported', 'unverified'] }))).toEqual(['a', 'c']);
  });

  it('requires every chosen tag', () => {
    expect(ids(filterClaims(claims, { tagIds: ['t-arrests'] }))).toEqual(['a', 'b']);
    expect(ids(filterClaims(claims, { tagIds: ['t-arrests', 't-users'] }))).toEqual(['b']);
  });

  it('matches every word across statement, claimant and note, ignoring case and accents', () => {
    expect(ids(filterClaims(claims, { text: 'EUROPOL users' }))).toEqual(['b']);
    expect(ids(filterClaims(claims, { text: 'cafe' }))).toEqual(['c']);
    expect(ids(filterClaims(claims, { text: 'europol', statuses: ['unverified'] }))).toEqual(['c']);
    expect(filterClaims(claims, { text: 'nobody' })).toEqual([]);
  });
});
