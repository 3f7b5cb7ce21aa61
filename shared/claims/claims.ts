/**
 * The claim model: pure, immutable updates of `ClaimRecord`s.
 *
 * Every function returns a new record (or the very same one when nothing
 * changed), so the repository layer can skip writes by identity and React can
 * skip renders. Bad input throws a `ClaimError` whose message is fit to show
 * the user as is; nothing is ever half-applied.
 */
import {
  CLAIM_STATUSES,
  STANCES,
  type ClaimRecord,
  type ClaimStatus,
  type EvidenceItem,
  type Stance,
} from '../domain/types';
import { MessageError, type MessageRef } from '../i18n';

/** A problem with user input to the claim model; `message` is written for the user. */
export class ClaimError extends MessageError {
  override name = 'ClaimError';
}

/** A claim message: the catalogue's `claimError.<key>`. */
export function claimRef(key: string, values?: MessageRef['values']): MessageRef {
  return { key: `claimError.${key}`, ...(values ? { values } : {}) };
}

/** The longest statement we accept: a claim is a sentence or two, not an essay. */
export const MAX_STATEMENT_LENGTH = 2000;

/**
 * Trim a statement and collapse runs of whitespace (including line breaks
 * pasted from a PDF) to single spaces, so equal claims compare equal.
 */
export function normaliseStatement(statement: string): string {
  return statement.replace(/\s+/gu, ' ').trim();
}

export interface NewClaim {
  caseId: string;
  statement: string;
  claimant?: string;
  /** A passage to attach as the first piece of evidence (the usual "claim from selection" path). */
  passageId?: string;
  stance?: Stance;
  now: number;
  /** Defaults to a fresh UUID; pass one only when re-creating a known record (import, tests). */
  id?: string;
}

/**
 * Create a new, unverified claim. The statement is normalised and must not be
 * empty; an optional passage becomes its first evidence item.
 */
export function createClaim(input: NewClaim): ClaimRecord {
  const statement = normaliseStatement(input.statement);
  if (statement === '') {
    throw new ClaimError(claimRef('statementEmpty'));
  }
  if (statement.length > MAX_STATEMENT_LENGTH) {
    throw new ClaimError(claimRef('statementTooLong', { length: statement.length, max: MAX_STATEMENT_LENGTH }));
  }
  const stance = input.stance ?? 'supports';
  assertStance(stance);
  const evidence: EvidenceItem[] =
    input.passageId === undefined ? [] : [{ passageId: input.passageId, stance, addedAt: input.now }];
  return {
    id: input.id ?? crypto.randomUUID(),
    caseId: input.caseId,
    statement,
    claimant: normaliseStatement(input.claimant ?? ''),
    status: 'unverified',
    tags: [],
    note: '',
    evidence,
    statusLog: [],
    createdAt: input.now,
    updatedAt: input.now,
  };
}

/**
 * Change a claim's status and record the change in its status log, so the
 * brief can show how a verdict was reached. Setting the current status again
 * returns the same record untouched (no empty log entries).
 */
export function setStatus(
  claim: ClaimRecord,
  to: ClaimStatus,
  options: { reason?: string; now: number },
): ClaimRecord {
  if (!CLAIM_STATUSES.includes(to)) {
    throw new ClaimError(claimRef('notStatus', { value: String(to), statuses: CLAIM_STATUSES.join(', ') }));
  }
  if (claim.status === to) return claim;
  const reason = normaliseStatement(options.reason ?? '');
  const change = { at: options.now, from: claim.status, to, ...(reason === '' ? {} : { reason }) };
  return { ...claim, status: to, statusLog: [...claim.statusLog, change], updatedAt: options.now };
}

/** The result of an evidence edit: `changed` is false when the request was already satisfied. */
export interface EvidenceUpdate {
  claim: ClaimRecord;
  changed: boolean;
}

/**
 * Attach a passage as evidence. A passage can be evidence for a claim only
 * once; adding it again leaves the claim as it is and reports `changed: false`
 * (use `setStance` to change how it bears on the claim).
 */
export function addEvidence(claim: ClaimRecord, passageId: string, stance: Stance, now: number): EvidenceUpdate {
  assertStance(stance);
  if (claim.evidence.some((item) => item.passageId === passageId)) return { claim, changed: false };
  const evidence = [...claim.evidence, { passageId, stance, addedAt: now }];
  return { claim: { ...claim, evidence, updatedAt: now }, changed: true };
}

/**
 * Change how an attached passage bears on the claim. Throws when the passage
 * is not evidence for this claim, because silently adding it would hide a bug
 * in the caller.
 */
export function setStance(claim: ClaimRecord, passageId: string, stance: Stance, now: number): EvidenceUpdate {
  assertStance(stance);
  const current = claim.evidence.find((item) => item.passageId === passageId);
  if (current === undefined) {
    throw new ClaimError(claimRef('notEvidence'));
  }
  if (current.stance === stance) return { claim, changed: false };
  const evidence = claim.evidence.map((item) => (item.passageId === passageId ? { ...item, stance } : item));
  return { claim: { ...claim, evidence, updatedAt: now }, changed: true };
}

/** Detach a passage from the claim; removing one that is not attached reports `changed: false`. */
export function removeEvidence(claim: ClaimRecord, passageId: string, now: number): EvidenceUpdate {
  const evidence = claim.evidence.filter((item) => item.passageId !== passageId);
  if (evidence.length === claim.evidence.length) return { claim, changed: false };
  return { claim: { ...claim, evidence, updatedAt: now }, changed: true };
}

export interface EvidenceSummary {
  supports: number;
  contradicts: number;
  context: number;
  /** Distinct sources behind the resolvable evidence, whatever its stance. */
  sources: number;
  /** Distinct sources with at least one supporting passage: corroboration, counted once per source. */
  independentSources: number;
  /** Evidence items whose passage no longer exists (deleted); never counted as support or as a source. */
  missing: number;
}

/**
 * Summarise a claim's evidence for the claims list. Passages are resolved
 * through `passagesById` so that two passages quoted from the same article
 * count as one source: three quotes from one press release are not three
 * confirmations. Evidence whose passage is gone is reported as `missing`.
 */
export function evidenceSummary(
  claim: Pick<ClaimRecord, 'evidence'>,
  passagesById: ReadonlyMap<string, { sourceId: string }>,
): EvidenceSummary {
  const summary: EvidenceSummary = { supports: 0, contradicts: 0, context: 0, sources: 0, independentSources: 0, missing: 0 };
  const sources = new Set<string>();
  const supporting = new Set<string>();
  for (const item of claim.evidence) {
    const passage = passagesById.get(item.passageId);
    if (passage === undefined) {
      summary.missing += 1;
      continue;
    }
    summary[item.stance] += 1;
    sources.add(passage.sourceId);
    if (item.stance === 'supports') supporting.add(passage.sourceId);
  }
  summary.sources = sources.size;
  summary.independentSources = supporting.size;
  return summary;
}

export interface ClaimFilter {
  /** Keep claims with any of these statuses. Empty or absent: all statuses. */
  statuses?: readonly ClaimStatus[];
  /** Keep claims carrying every one of these tag IDs. Empty or absent: no tag filter. */
  tagIds?: readonly string[];
  /** Keep claims whose statement, claimant or note contains every word, ignoring case and accents. */
  text?: string;
}

/**
 * Filter the claims list. Filters combine with AND, so each extra choice in
 * the UI narrows the list; the input order is kept.
 */
export function filterClaims<T extends ClaimRecord>(claims: readonly T[], filter: ClaimFilter): T[] {
  const statuses = filter.statuses && filter.statuses.length > 0 ? new Set(filter.statuses) : undefined;
  const tagIds = filter.tagIds ?? [];
  const words = foldForSearch(filter.text ?? '').split(' ').filter((word) => word !== '');
  return claims.filter((claim) => {
    if (statuses && !statuses.has(claim.status)) return false;
    if (!tagIds.every((id) => claim.tags.includes(id))) return false;
    if (words.length === 0) return true;
    const haystack = foldForSearch(`${claim.statement} ${claim.claimant} ${claim.note}`);
    return words.every((word) => haystack.includes(word));
  });
}

/** Lower-case, strip accents and collapse whitespace so "Europol" matches "EUROPOL" and "é" matches "e". */
function foldForSearch(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/gu, ' ').trim();
}

function assertStance(stance: Stance): void {
  if (!STANCES.includes(stance)) {
    throw new ClaimError(claimRef('notStance', { value: String(stance), stances: STANCES.join(', ') }));
  }
}
