import { describe } from '../../../shared/anchoring';
import { newId } from '../../../shared/domain/ids';
import type { ClaimRecord, Locator, PassageRecord, SourceRecord, Stored, Unlinked } from '../../../shared/domain/types';
import { getDb } from '../db';
import { allOf, isLive, liveSourcePassages } from '../live';
import { RepoError, repoRef } from './errors';
import { tombstone, type TrashRef } from './tombstones';

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
  if (!(start >= 0 && end > start && end <= source.text.length)) throw new RepoError(repoRef('selectionOutside'));
  if (!source.text.slice(start, end).trim()) throw new RepoError(repoRef('selectionEmpty'));
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

/** Create a passage, or return the existing live one with exactly the same span. */
export async function createPassage(source: SourceRecord, start: number, end: number, fields: { tags?: string[]; comment?: string } = {}): Promise<PassageRecord> {
  const db = getDb();
  const draft = buildPassage(source, start, end, fields);
  return db.transaction('rw', db.passages, db.cases, async () => {
    const same = (await liveSourcePassages(source.id).toArray()).find(
      (p) => p.anchor !== 'orphaned' && p.selectors[1].start === start && p.selectors[1].end === end,
    );
    if (same) return same;
    await db.passages.add(draft);
    await db.cases.update(source.caseId, { updatedAt: draft.createdAt });
    return draft;
  });
}

/** Change a live passage; a passage in the Trash (deleted in another window) is refused. */
async function changePassage(id: string, patch: Partial<PassageRecord>): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.passages, async () => {
    if (!isLive(await db.passages.get(id))) throw new RepoError(repoRef('passageGone'));
    await db.passages.update(id, patch);
  });
}

export async function updatePassage(id: string, patch: { tags?: string[]; comment?: string }): Promise<void> {
  await changePassage(id, { ...patch, updatedAt: Date.now() });
}

/** Place an orphaned passage again, on a span the user chose by hand. */
export async function reattachPassage(id: string, source: SourceRecord, start: number, end: number): Promise<void> {
  const fresh = buildPassage(source, start, end);
  await changePassage(id, { selectors: fresh.selectors, locator: fresh.locator, anchor: 'exact', updatedAt: Date.now() });
}

/**
 * Tombstone passages of one case as part of a deletion, taking each off the
 * claims it was evidence for (live claims and claims in the Trash alike) and
 * keeping those links on the tombstone, so restoring puts them back.
 */
export async function unlinkAndTombstonePassages(caseId: string, passages: readonly Stored<PassageRecord>[], opts: { deletion: string; now: number }): Promise<void> {
  if (passages.length === 0) return;
  const db = getDb();
  const ids = new Set(passages.map((p) => p.id));
  const links = new Map<string, NonNullable<Unlinked['evidence']>>();
  const changed: Stored<ClaimRecord>[] = [];
  for (const claim of (await allOf('claims', caseId).toArray()) as Stored<ClaimRecord>[]) {
    const kept = claim.evidence.filter((e) => !ids.has(e.passageId));
    if (kept.length === claim.evidence.length) continue;
    for (const [index, e] of claim.evidence.entries()) {
      if (!ids.has(e.passageId)) continue;
      const list = links.get(e.passageId) ?? [];
      list.push({ claimId: claim.id, stance: e.stance, addedAt: e.addedAt, index });
      links.set(e.passageId, list);
    }
    changed.push({ ...claim, evidence: kept, updatedAt: opts.now });
  }
  await db.claims.bulkPut(changed);
  await tombstone('passages', passages, { ...opts, unlinked: (p) => (links.has(p.id) ? { evidence: links.get(p.id) } : undefined) });
}

/** Move a passage to the Trash; it leaves every claim's evidence until it is restored. */
export async function deletePassage(id: string, now = Date.now()): Promise<TrashRef> {
  const db = getDb();
  return db.transaction('rw', db.passages, db.claims, async () => {
    const passage = await db.passages.get(id);
    if (!passage || !isLive(passage)) throw new RepoError(repoRef('passageGone'));
    const deletion = newId();
    await unlinkAndTombstonePassages(passage.caseId, [passage], { deletion, now });
    return { table: 'passages', id, deletion };
  });
}
