import { afterEach, describe, expect, it } from 'vitest';
import { evidenceSummary } from '../../../../shared/claims/claims';
import { evidenceSummaryLabel } from '../../../../renderer/lib/claimLabels';
import type { SourceRecord } from '../../../../shared/domain/types';
import type { ImportedSourceDraft } from '../../../../shared/import/draft';
import { normaliseText } from '../../../../shared/import/text';
import type { CasefileDB } from '../../../../renderer/db/db';
import { addSource, createCase, createPassage, deletePassage, readCaseSnapshot, restoreFromTrash } from '../../../../renderer/db/repositories';
import {
  acceptSuggestion,
  addClaimEvidence,
  createClaimForPassage,
  deleteClaim,
  removeClaimEvidence,
  setClaimStance,
  setClaimStatus,
  updateClaim,
} from '../../../../renderer/db/repositories/claims';
import { content, freshDb } from './helpers';

let db: CasefileDB;
afterEach(() => db?.close());

const HARBOUR = 'Harbour report\n\nOfficers seized 3.2 tonnes of cocaine on Tuesday.\n\nFourteen people were detained, the directorate said.';
const WIRE = 'Wire summary\n\nPolice said 12 people were arrested at the port.\n\nThe haul was worth €8.7 million.';

function draft(raw: string, sha: string, title: string): ImportedSourceDraft {
  const { text, blocks } = normaliseText(raw);
  return { format: 'text', text, blocks, sha256: sha, fileName: `${title}.txt`, byteLength: raw.length, mediaType: 'text/plain', metadata: { type: 'document', title }, bytes: new TextEncoder().encode(raw), titleFromFirstLine: false };
}

/** A passage over the first occurrence of `quote` in the source. */
function passageOf(source: SourceRecord, quote: string) {
  const start = source.text.indexOf(quote);
  if (start < 0) throw new Error(`fixture quote not found: ${quote}`);
  return createPassage(source, start, start + quote.length);
}

async function setup() {
  db = await freshDb();
  const c = await createCase('Port Velden');
  const harbour = await addSource(c.id, draft(HARBOUR, 'aa'.repeat(32), 'Harbour report'));
  const wire = await addSource(c.id, draft(WIRE, 'bb'.repeat(32), 'Wire summary'));
  return { caseId: c.id, harbour, wire };
}

async function passagesById() {
  return new Map((await db.passages.toArray()).map((p) => [p.id, p]));
}

describe('claims repository', () => {
  it('creates a claim from a passage with that passage as supporting evidence', async () => {
    const { caseId, harbour } = await setup();
    const seized = await passageOf(harbour, 'Officers seized 3.2 tonnes of cocaine');
    const claim = await createClaimForPassage(caseId, seized.id, { statement: '  Officers seized\n3.2 tonnes ', claimant: ' Customs ' });
    expect(await db.claims.get(claim.id)).toMatchObject({ statement: 'Officers seized 3.2 tonnes', claimant: 'Customs', status: 'unverified', evidence: [{ passageId: seized.id, stance: 'supports' }] });
  });

  it('refuses an empty statement, a missing passage or one from another case, and stores nothing', async () => {
    const { caseId, harbour } = await setup();
    const seized = await passageOf(harbour, 'Officers seized');
    await expect(createClaimForPassage(caseId, seized.id, { statement: '   ' })).rejects.toThrow('A claim needs a statement');
    await expect(createClaimForPassage(caseId, 'no-such-passage', { statement: 'Seized' })).rejects.toThrow('That passage no longer exists');
    const other = await createCase('Another case');
    await expect(createClaimForPassage(other.id, seized.id, { statement: 'Seized' })).rejects.toThrow('belongs to another case');
    expect(await db.claims.count()).toBe(0);
  });

  it('appends each status change to the log with old and new status and the reason', async () => {
    const { caseId, harbour } = await setup();
    const seized = await passageOf(harbour, 'Officers seized');
    const claim = await createClaimForPassage(caseId, seized.id, { statement: 'Officers seized 3.2 tonnes' });
    await setClaimStatus(claim.id, 'disputed', '  The wire counts\ndifferently. ');
    await setClaimStatus(claim.id, 'disputed', 'same status again is not a change');
    await setClaimStatus(claim.id, 'supported');
    const stored = (await db.claims.get(claim.id))!;
    expect(stored.status).toBe('supported');
    expect(stored.statusLog.map(({ from, to, reason }) => ({ from, to, reason }))).toEqual([
      { from: 'unverified', to: 'disputed', reason: 'The wire counts differently.' },
      { from: 'disputed', to: 'supported', reason: undefined },
    ]);
    expect(stored.statusLog[0]!.at).toBeLessThanOrEqual(stored.statusLog[1]!.at);
  });

  it('refuses an unknown status without touching the log', async () => {
    const { caseId, harbour } = await setup();
    const claim = await createClaimForPassage(caseId, (await passageOf(harbour, 'Officers seized')).id, { statement: 'Seized' });
    await expect(setClaimStatus(claim.id, 'maybe' as never)).rejects.toThrow('“maybe” is not a claim status');
    expect((await db.claims.get(claim.id))!.statusLog).toEqual([]);
  });

  it('edits statement, claimant, note and tags, and refuses an empty statement with the old one kept', async () => {
    const { caseId, harbour } = await setup();
    const claim = await createClaimForPassage(caseId, (await passageOf(harbour, 'Officers seized')).id, { statement: 'Seized' });
    await updateClaim(claim.id, { statement: 'Officers seized 3.2 tonnes', claimant: 'Customs', note: 'Check the weight.', tags: ['t1', 't1', 't2'] });
    expect(await db.claims.get(claim.id)).toMatchObject({ statement: 'Officers seized 3.2 tonnes', claimant: 'Customs', note: 'Check the weight.', tags: ['t1', 't2'] });
    await expect(updateClaim(claim.id, { statement: ' ', claimant: 'Somebody else' })).rejects.toThrow('A claim needs a statement');
    await expect(updateClaim(claim.id, { claimant: 'x'.repeat(201) })).rejects.toThrow('A claimant can be at most 200 characters');
    expect(await db.claims.get(claim.id)).toMatchObject({ statement: 'Officers seized 3.2 tonnes', claimant: 'Customs' });
    await expect(updateClaim('gone', { note: 'x' })).rejects.toThrow('That claim no longer exists');
  });

  it('adds evidence from another source, changes its stance and removes it', async () => {
    const { caseId, harbour, wire } = await setup();
    const seized = await passageOf(harbour, 'Fourteen people were detained');
    const arrested = await passageOf(wire, 'Police said 12 people were arrested');
    const claim = await createClaimForPassage(caseId, seized.id, { statement: '14 people were detained' });

    expect(await addClaimEvidence(claim.id, arrested.id, 'context')).toBe(true);
    expect(await addClaimEvidence(claim.id, arrested.id, 'supports')).toBe(false);
    await setClaimStance(claim.id, arrested.id, 'contradicts');
    let stored = (await db.claims.get(claim.id))!;
    expect(stored.evidence.map((e) => [e.passageId, e.stance])).toEqual([
      [seized.id, 'supports'],
      [arrested.id, 'contradicts'],
    ]);
    expect(evidenceSummaryLabel(evidenceSummary(stored, await passagesById()))).toBe('1 support · 1 contradicts · 2 sources');

    await removeClaimEvidence(claim.id, arrested.id);
    stored = (await db.claims.get(claim.id))!;
    expect(stored.evidence.map((e) => e.passageId)).toEqual([seized.id]);
    await expect(setClaimStance(claim.id, arrested.id, 'supports')).rejects.toThrow('not evidence for this claim');
    await expect(addClaimEvidence(claim.id, 'no-such-passage', 'supports')).rejects.toThrow('That passage no longer exists');
  });

  it('counts two passages from one source as one independent source', async () => {
    const { caseId, harbour, wire } = await setup();
    const a = await passageOf(harbour, 'Officers seized 3.2 tonnes');
    const b = await passageOf(harbour, 'Fourteen people were detained');
    const c = await passageOf(wire, 'The haul was worth €8.7 million');
    const claim = await createClaimForPassage(caseId, a.id, { statement: 'A record seizure' });
    await addClaimEvidence(claim.id, b.id, 'supports');
    let summary = evidenceSummary((await db.claims.get(claim.id))!, await passagesById());
    expect(summary).toMatchObject({ supports: 2, sources: 1, independentSources: 1 });

    await addClaimEvidence(claim.id, c.id, 'supports');
    summary = evidenceSummary((await db.claims.get(claim.id))!, await passagesById());
    expect(summary).toMatchObject({ supports: 3, sources: 2, independentSources: 2 });
    expect(evidenceSummaryLabel(summary)).toBe('3 support · 2 sources');

    // Deleting a passage drops it from the evidence: the second source no longer corroborates.
    await deletePassage(c.id);
    summary = evidenceSummary((await db.claims.get(claim.id))!, await passagesById());
    expect(summary).toMatchObject({ supports: 2, independentSources: 1 });
  });

  it('deletes a claim and Undo restores it deep-equal, its passages untouched', async () => {
    const { caseId, harbour } = await setup();
    const seized = await passageOf(harbour, 'Officers seized');
    const claim = await createClaimForPassage(caseId, seized.id, { statement: 'Seized' });
    await setClaimStatus(claim.id, 'false', 'Wrong port.');
    const before = (await db.claims.get(claim.id))!;

    const snapshot = await deleteClaim(claim.id);
    expect((await readCaseSnapshot(caseId))?.claims).toEqual([]);
    expect(await db.passages.get(seized.id)).toBeDefined();
    await expect(deleteClaim(claim.id)).rejects.toThrow('That claim no longer exists');
    await expect(setClaimStatus(claim.id, 'supported')).rejects.toThrow('That claim no longer exists');

    await restoreFromTrash(snapshot);
    await restoreFromTrash(snapshot);
    expect(content(await db.claims.get(claim.id))).toEqual(content(before));
    expect(await db.claims.count()).toBe(1);
  });
});

describe('acceptSuggestion', () => {
  const suggestionIn = (source: SourceRecord, sentence: string, extra: { statement?: string; claimant?: string } = {}) => {
    const start = source.text.indexOf(sentence);
    if (start < 0) throw new Error(`fixture sentence not found: ${sentence}`);
    return { start, end: start + sentence.length, statement: extra.statement ?? sentence, claimant: extra.claimant };
  };

  it('writes the passage and a claim citing it as support, with the claimant', async () => {
    const { caseId, harbour } = await setup();
    const s = suggestionIn(harbour, 'Fourteen people were detained, the directorate said.', { statement: 'Fourteen people were detained.', claimant: 'the directorate' });
    const claim = await acceptSuggestion(harbour, s);
    const [passage] = await db.passages.toArray();
    expect(passage).toMatchObject({ caseId, sourceId: harbour.id, locator: { kind: 'paragraph', value: 3 } });
    expect(passage!.selectors[0].exact).toBe('Fourteen people were detained, the directorate said.');
    expect(await db.claims.get(claim.id)).toMatchObject({ caseId, statement: 'Fourteen people were detained.', claimant: 'the directorate', evidence: [{ passageId: passage!.id, stance: 'supports' }] });
  });

  it('reuses an identical passage instead of duplicating it', async () => {
    const { harbour } = await setup();
    const sentence = 'Officers seized 3.2 tonnes of cocaine on Tuesday.';
    const existing = await passageOf(harbour, sentence);
    const claim = await acceptSuggestion(harbour, suggestionIn(harbour, sentence));
    expect(await db.passages.count()).toBe(1);
    expect(claim.evidence[0]!.passageId).toBe(existing.id);
  });

  it('stores no passage when the claim is refused', async () => {
    const { harbour } = await setup();
    await expect(acceptSuggestion(harbour, suggestionIn(harbour, 'Officers seized 3.2 tonnes', { statement: '  ' }))).rejects.toThrow('A claim needs a statement');
    expect(await db.passages.count()).toBe(0);
    expect(await db.claims.count()).toBe(0);
  });

  it('stores no passage when writing the claim fails', async () => {
    const { harbour } = await setup();
    db.claims.hook('creating', () => {
      throw new Error('The disk is full.');
    });
    await expect(acceptSuggestion(harbour, suggestionIn(harbour, 'Officers seized 3.2 tonnes'))).rejects.toThrow('The disk is full.');
    expect(await db.passages.count()).toBe(0);
    expect(await db.claims.count()).toBe(0);
  });

  it('refuses a suggestion outside the source text', async () => {
    const { harbour } = await setup();
    await expect(acceptSuggestion(harbour, { start: 5, end: harbour.text.length + 10, statement: 'Out of range' })).rejects.toThrow('not inside the source text');
    expect(await db.passages.count()).toBe(0);
  });
});
