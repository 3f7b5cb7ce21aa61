/**
 * Claims repository: every write to the `claims` table goes through here.
 *
 * The rules of the claim model (statement limits, the status log, one evidence
 * item per passage) live in `shared/claims/claims.ts`; this module only loads,
 * checks that referenced records exist in the same case, and writes inside one
 * `rw` transaction. A refused write throws a `ClaimError` or `RepoError` whose
 * message is written for the user, and nothing is stored.
 */
import {
  addEvidence,
  ClaimError,
  claimRef,
  createClaim,
  MAX_STATEMENT_LENGTH,
  normaliseStatement,
  removeEvidence,
  setStance,
  setStatus,
} from '../../../shared/claims/claims';
import type { ClaimRecord, ClaimStatus, PassageRecord, SourceRecord, Stance } from '../../../shared/domain/types';
import type { Suggestion } from '../../../shared/suggest/suggest';
import { newId } from '../../../shared/domain/ids';
import { getDb } from '../db';
import { isLive, liveSourcePassages } from '../live';
import { buildPassage } from './passages';
import { RepoError, repoRef } from './errors';
import { tombstone, type TrashRef } from './tombstones';

/** Longest claimant we keep: a name or an institution, not a paragraph. */
export const MAX_CLAIMANT_LENGTH = 200;

/**
 * Load a passage and check that it may be evidence for a claim of `caseId`:
 * evidence from another case would leak into this case's exports.
 */
async function passageInCase(passageId: string, caseId: string): Promise<PassageRecord> {
  const passage = await getDb().passages.get(passageId);
  if (!passage || !isLive(passage)) throw new RepoError(repoRef('passageGoneEvidence'));
  if (passage.caseId !== caseId) throw new RepoError(repoRef('passageOtherCase'));
  return passage;
}

/**
 * A new claim whose first evidence is one passage: the "New claim" action on a
 * selection. The passage must still exist in the same case, checked in the same
 * transaction as the write so a concurrent delete cannot leave dangling evidence.
 */
export async function createClaimForPassage(
  caseId: string,
  passageId: string,
  fields: { statement: string; claimant?: string; stance?: Stance },
): Promise<ClaimRecord> {
  const db = getDb();
  const claim = createClaim({
    caseId,
    statement: fields.statement,
    claimant: checkedClaimant(fields.claimant ?? ''),
    passageId,
    stance: fields.stance ?? 'supports',
    now: Date.now(),
  });
  await db.transaction('rw', db.claims, db.passages, db.cases, async () => {
    await passageInCase(passageId, caseId);
    await db.claims.add(claim);
    await db.cases.update(caseId, { updatedAt: claim.createdAt });
  });
  return claim;
}

/**
 * Read-modify-write of one claim in a transaction, so two quick edits (a blur
 * save racing a status change) never overwrite each other. `change` may throw
 * to refuse; returning the same record skips the write.
 */
async function mutate(id: string, change: (claim: ClaimRecord) => ClaimRecord | Promise<ClaimRecord>): Promise<ClaimRecord> {
  const db = getDb();
  return db.transaction('rw', db.claims, db.passages, async () => {
    const claim = await db.claims.get(id);
    if (!claim || !isLive(claim)) throw new RepoError(repoRef('claimGone'));
    const next = await change(claim);
    if (next !== claim) await db.claims.put(next);
    return next;
  });
}

function checkedClaimant(claimant: string): string {
  const tidy = normaliseStatement(claimant);
  if (tidy.length > MAX_CLAIMANT_LENGTH) {
    throw new ClaimError(claimRef('claimantTooLong', { max: MAX_CLAIMANT_LENGTH }));
  }
  return tidy;
}

/**
 * Edit a claim's text fields and tags. Fields left out keep their value. The
 * statement gets the same normalisation and limits as at creation, so an edit
 * cannot produce a claim that `createClaim` would have refused.
 */
export function updateClaim(id: string, patch: { statement?: string; claimant?: string; note?: string; tags?: string[] }): Promise<ClaimRecord> {
  return mutate(id, (claim) => {
    let statement = claim.statement;
    if (patch.statement !== undefined) {
      statement = normaliseStatement(patch.statement);
      if (statement === '') throw new ClaimError(claimRef('statementEmpty'));
      if (statement.length > MAX_STATEMENT_LENGTH) {
        throw new ClaimError(claimRef('statementTooLong', { length: statement.length, max: MAX_STATEMENT_LENGTH }));
      }
    }
    const claimant = patch.claimant === undefined ? claim.claimant : checkedClaimant(patch.claimant);
    const note = patch.note ?? claim.note;
    const tags = patch.tags === undefined ? claim.tags : [...new Set(patch.tags)];
    const same =
      statement === claim.statement &&
      claimant === claim.claimant &&
      note === claim.note &&
      tags.length === claim.tags.length &&
      tags.every((t, i) => t === claim.tags[i]);
    return same ? claim : { ...claim, statement, claimant, note, tags, updatedAt: Date.now() };
  });
}

/**
 * Change a claim's status. The change is appended to the claim's status log
 * (old → new, time, optional reason) by `setStatus`, which is how a brief can
 * show how a verdict was reached. Setting the current status again is a no-op.
 */
export function setClaimStatus(id: string, to: ClaimStatus, reason?: string): Promise<ClaimRecord> {
  return mutate(id, (claim) => setStatus(claim, to, { reason, now: Date.now() }));
}

/**
 * Attach a passage (from any source of the same case) as evidence. Returns
 * false when the passage was already attached, so the UI can say so instead
 * of silently doing nothing.
 */
export async function addClaimEvidence(id: string, passageId: string, stance: Stance): Promise<boolean> {
  let changed = false;
  await mutate(id, async (claim) => {
    await passageInCase(passageId, claim.caseId);
    const update = addEvidence(claim, passageId, stance, Date.now());
    changed = update.changed;
    return update.claim;
  });
  return changed;
}

/** Change how an attached passage bears on the claim (supports / contradicts / context). */
export function setClaimStance(id: string, passageId: string, stance: Stance): Promise<ClaimRecord> {
  return mutate(id, (claim) => setStance(claim, passageId, stance, Date.now()).claim);
}

/** Detach a passage from the claim. The passage itself stays in the source. */
export function removeClaimEvidence(id: string, passageId: string): Promise<ClaimRecord> {
  return mutate(id, (claim) => removeEvidence(claim, passageId, Date.now()).claim);
}

/**
 * Move a claim to the Trash. Passages are not touched: they belong to their
 * sources, not to the claim; citations and marks that name the claim show it
 * as missing until it is restored.
 */
export async function deleteClaim(id: string, now = Date.now()): Promise<TrashRef> {
  const db = getDb();
  return db.transaction('rw', db.claims, async () => {
    const claim = await db.claims.get(id);
    if (!claim || !isLive(claim)) throw new RepoError(repoRef('claimGone'));
    const deletion = newId();
    await tombstone('claims', [claim], { deletion, now });
    return { table: 'claims', id, deletion };
  });
}

/**
 * Accept a suggested claim: the suggestion's sentence becomes a passage (an
 * identical live passage is reused rather than duplicated) and a new claim
 * cites it as supporting evidence. Both writes share one transaction, so a
 * refused claim never leaves a stray passage behind.
 */
export async function acceptSuggestion(
  source: SourceRecord,
  suggestion: Pick<Suggestion, 'start' | 'end' | 'statement' | 'claimant'>,
): Promise<ClaimRecord> {
  const db = getDb();
  const now = Date.now();
  const draft = buildPassage(source, suggestion.start, suggestion.end, { now });
  return db.transaction('rw', [db.sources, db.passages, db.claims, db.cases], async () => {
    if (!isLive(await db.sources.get(source.id))) throw new RepoError(repoRef('sourceGoneSuggestion'));
    const same = (await liveSourcePassages(source.id).toArray()).find(
      (p) => p.anchor !== 'orphaned' && p.selectors[1].start === suggestion.start && p.selectors[1].end === suggestion.end,
    );
    const passage = same ?? draft;
    if (!same) await db.passages.add(passage);
    const claim = createClaim({
      caseId: source.caseId,
      statement: suggestion.statement,
      claimant: checkedClaimant(suggestion.claimant ?? ''),
      passageId: passage.id,
      stance: 'supports',
      now,
    });
    await db.claims.add(claim);
    await db.cases.update(source.caseId, { updatedAt: now });
    return claim;
  });
}
