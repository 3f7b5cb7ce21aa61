import { describe } from '../../../shared/anchoring';
import { newId } from '../../../shared/domain/ids';
import type { ClaimRecord, Locator, PassageRecord, SourceRecord } from '../../../shared/domain/types';
import { getDb } from '../db';
import { RepoError } from './errors';

/** The paragraph (or page) a text offset falls in: the passage's locator. */
export function locatorAt(source: Pick<SourceRecord, 'blocks' | 'format'>, offset: number): Locator {
  // PDFs and multi-page images are cited by page (their blocks are pages); everything else by paragraph.
  const kind = source.format === 'pdf' || source.blocks[0]?.kind === 'page' ? 'page' : 'paragraph';
  let lo = 0;
  let hi = source.blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (source.blocks[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return { kind, value: source.blocks[lo]?.n ?? 1 };
}

/** A passage for [start, end) of a source's snapshot text, with both W3C selectors. */
export function buildPassage(source: SourceRecord, start: number, end: number, fields: { tags?: string[]; comment?: string; now?: number } = {}): PassageRecord {
  if (!(start >= 0 && end > start && end <= source.text.length)) throw new RepoError('That selection is not inside the source text.');
  if (!source.text.slice(start, end).trim()) throw new RepoError('An empty selection cannot be a passage.');
  const now = fields.now ?? Date.now();
  return {
    id: newId(),
    caseId: source.caseId,
    sourceId: source.id,
    selectors: describe(source.text, start, end),
    tags: fields.tags ?? [],
    comment: fields.comment ?? '',
    locator: locatorAt(source, start),
    anchor: 'exact',
    createdAt: now,
    updatedAt: now,
  };
}

/** Create a passage, or return the existing one with exactly the same span. */
export async function createPassage(source: SourceRecord, start: number, end: number, fields: { tags?: string[]; comment?: string } = {}): Promise<PassageRecord> {
  const db = getDb();
  const draft = buildPassage(source, start, end, fields);
  return db.transaction('rw', db.passages, db.cases, async () => {
    const same = (await db.passages.where('sourceId').equals(source.id).toArray()).find(
      (p) => p.anchor !== 'orphaned' && p.selectors[1].start === start && p.selectors[1].end === end,
    );
    if (same) return same;
    await db.passages.add(draft);
    await db.cases.update(source.caseId, { updatedAt: draft.createdAt });
    return draft;
  });
}

export async function updatePassage(id: string, patch: { tags?: string[]; comment?: string }): Promise<void> {
  const changed = await getDb().passages.update(id, { ...patch, updatedAt: Date.now() });
  if (!changed) throw new RepoError('That passage no longer exists.');
}

/** Place an orphaned passage again, on a span the user chose by hand. */
export async function reattachPassage(id: string, source: SourceRecord, start: number, end: number): Promise<void> {
  const fresh = buildPassage(source, start, end);
  const changed = await getDb().passages.update(id, { selectors: fresh.selectors, locator: fresh.locator, anchor: 'exact', updatedAt: Date.now() });
  if (!changed) throw new RepoError('That passage no longer exists.');
}

export interface PassageSnapshot {
  passage: PassageRecord;
  /** Claims as they were before the passage was removed from their evidence. */
  claims: ClaimRecord[];
}

/** Delete a passage and drop it from every claim's evidence. Returns what changed, for Undo. */
export async function deletePassage(id: string): Promise<PassageSnapshot> {
  const db = getDb();
  return db.transaction('rw', db.passages, db.claims, async () => {
    const passage = await db.passages.get(id);
    if (!passage) throw new RepoError('That passage no longer exists.');
    const claims = (await db.claims.where('caseId').equals(passage.caseId).toArray()).filter((c) => c.evidence.some((e) => e.passageId === id));
    for (const claim of claims) {
      await db.claims.update(claim.id, { evidence: claim.evidence.filter((e) => e.passageId !== id), updatedAt: Date.now() });
    }
    await db.passages.delete(id);
    return { passage, claims };
  });
}

export async function restorePassage(snapshot: PassageSnapshot): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.passages, db.claims, async () => {
    await db.passages.add(snapshot.passage);
    await db.claims.bulkPut(snapshot.claims);
  });
}
