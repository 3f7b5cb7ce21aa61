import { addEvidence, ClaimError, createClaim, MAX_STATEMENT_LENGTH, normaliseStatement, removeEvidence, setStance, setStatus } from '../../../shared/claims/claims';
import type { ClaimRecord, ClaimStatus, SourceRecord, Stance } from '../../../shared/domain/types';
import type { Suggestion } from '../../../shared/suggest/suggest';
import { buildPassage } from './passages';
import { getDb } from '../db';
import { RepoError } from './errors';

/** A new claim with one passage as its first evidence ("New claim" from a selection). */
export async function createClaimForPassage(caseId: string, passageId: string, fields: { statement: string; claimant?: string; stance?: Stance }): Promise<ClaimRecord> {
  const db = getDb();
  const claim = createClaim({ caseId, statement: fields.statement, claimant: fields.claimant, passageId, stance: fields.stance ?? 'supports', now: Date.now() });
  await db.transaction('rw', db.claims, db.passages, async () => {
    if (!(await db.passages.get(passageId))) throw new RepoError('That passage no longer exists.');
    await db.claims.add(claim);
  });
  return claim;
}

async function mutate(id: string, change: (claim: ClaimRecord) => ClaimRecord): Promise<ClaimRecord> {
  const db = getDb();
  return db.transaction('rw', db.claims, async () => {
    const claim = await db.claims.get(id);
    if (!claim) throw new RepoError('That claim no longer exists.');
    const next = change(claim);
    if (next !== claim) await db.claims.put(next);
    return next;
  });
}

export function updateClaim(id: string, patch: { statement?: string; claimant?: string; note?: string; tags?: string[] }): Promise<ClaimRecord> {
  return mutate(id, (claim) => {
    const statement = patch.statement === undefined ? claim.statement : normaliseStatement(patch.statement);
    if (!statement) throw new ClaimError('A claim needs a statement.');
    if (statement.length > MAX_STATEMENT_LENGTH) throw new ClaimError(`A statement can be at most ${MAX_STATEMENT_LENGTH.toLocaleString('en')} characters.`);
    return {
      ...claim,
      statement,
      claimant: patch.claimant === undefined ? claim.claimant : patch.claimant.replace(/\s+/g, ' ').trim(),
      note: patch.note ?? claim.note,
      tags: patch.tags ?? claim.tags,
      updatedAt: Date.now(),
    };
  });
}

export function setClaimStatus(id: string, to: ClaimStatus, reason?: string): Promise<ClaimRecord> {
  return mutate(id, (claim) => setStatus(claim, to, { reason: reason?.trim() || undefined, now: Date.now() }));
}

export async function addClaimEvidence(id: string, passageId: string, stance: Stance): Promise<boolean> {
  let changed = false;
  await mutate(id, (claim) => {
    const update = addEvidence(claim, passageId, stance, Date.now());
    changed = update.changed;
    return update.claim;
  });
  return changed;
}

export function setClaimStance(id: string, passageId: string, stance: Stance): Promise<ClaimRecord> {
  return mutate(id, (claim) => setStance(claim, passageId, stance, Date.now()).claim);
}

export function removeClaimEvidence(id: string, passageId: string): Promise<ClaimRecord> {
  return mutate(id, (claim) => removeEvidence(claim, passageId, Date.now()).claim);
}

export async function deleteClaim(id: string): Promise<ClaimRecord> {
  const db = getDb();
  return db.transaction('rw', db.claims, async () => {
    const claim = await db.claims.get(id);
    if (!claim) throw new RepoError('That claim no longer exists.');
    await db.claims.delete(id);
    return claim;
  });
}

export async function restoreClaim(claim: ClaimRecord): Promise<void> {
  await getDb().claims.add(claim);
}

/** Accept a suggested claim: its passage (reusing an identical one) and the claim, in one transaction. */
export async function acceptSuggestion(source: SourceRecord, suggestion: Pick<Suggestion, 'start' | 'end' | 'statement' | 'claimant'>): Promise<ClaimRecord> {
  const db = getDb();
  const draft = buildPassage(source, suggestion.start, suggestion.end);
  return db.transaction('rw', db.passages, db.claims, async () => {
    const same = (await db.passages.where('sourceId').equals(source.id).toArray()).find(
      (p) => p.anchor !== 'orphaned' && p.selectors[1].start === suggestion.start && p.selectors[1].end === suggestion.end,
    );
    const passage = same ?? draft;
    if (!same) await db.passages.add(passage);
    const claim = createClaim({ caseId: source.caseId, statement: suggestion.statement, claimant: suggestion.claimant, passageId: passage.id, now: Date.now() });
    await db.claims.add(claim);
    return claim;
  });
}
