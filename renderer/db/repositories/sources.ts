import { newId } from '../../../shared/domain/ids';
import type { PassageRecord, SourceMetadata, SourceRecord } from '../../../shared/domain/types';
import type { ImportedSourceDraft } from '../../../shared/import/draft';
import { getDb } from '../db';
import { allOf, allSourcePassages, isLive, liveCase, liveSourcePassages, liveSources } from '../live';
import { RepoError } from './errors';
import { unlinkAndTombstonePassages } from './passages';
import { tombstone, type TrashRef } from './tombstones';

function today(now: number): SourceMetadata['accessed'] {
  const d = new Date(now);
  return { 'date-parts': [[d.getFullYear(), d.getMonth() + 1, d.getDate()]] };
}

/** The immutable-snapshot fields of a source, taken from a parsed import. */
function snapshotOf(draft: ImportedSourceDraft, now: number) {
  return {
    format: draft.format,
    text: draft.text,
    blocks: draft.blocks,
    ...(draft.html !== undefined ? { html: draft.html } : {}),
    ...(draft.fetched ? { fetched: { ...draft.fetched } } : {}),
    sha256: draft.sha256,
    fileName: draft.fileName,
    byteLength: draft.byteLength,
    importedAt: now,
  };
}

/**
 * Store an imported source: the snapshot and its original bytes in one
 * transaction, appended to the case's list and made the active source.
 * The draft is fully parsed and hashed before this is called.
 */
export async function addSource(caseId: string, draft: ImportedSourceDraft, now = Date.now()): Promise<SourceRecord> {
  const db = getDb();
  return db.transaction('rw', [db.cases, db.sources, db.sourceBlobs], async () => {
    if (!(await liveCase(caseId))) throw new RepoError('That case no longer exists, so the source was not imported.');
    // After every source of the case, those in the Trash included, so a restored one keeps its own place.
    const orders = ((await allOf('sources', caseId).keys()) as unknown as [string, number, number][]).map((key) => key[2]);
    const record: SourceRecord = {
      id: newId(),
      caseId,
      ...snapshotOf(draft, now),
      metadata: { ...draft.metadata, accessed: draft.metadata.accessed ?? today(now) },
      revision: 1,
      order: Math.max(-1, ...orders) + 1,
    };
    await db.sources.add(record);
    await db.sourceBlobs.add({ sourceId: record.id, bytes: draft.bytes, mediaType: draft.mediaType });
    await db.cases.update(caseId, { activeSourceId: record.id, updatedAt: now });
    return record;
  });
}

/** A source in this case with the same bytes, so an import can warn about a duplicate. */
export async function findSourceBySha(caseId: string, sha256: string): Promise<SourceRecord | undefined> {
  return getDb().sources.where('[caseId+sha256]').equals([caseId, sha256]).filter(isLive).first();
}

/** Edit bibliographic details. The snapshot text never changes here. */
export async function updateSourceMetadata(id: string, patch: Partial<SourceMetadata>): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.sources, async () => {
    const source = await db.sources.get(id);
    if (!source || !isLive(source)) throw new RepoError('That source no longer exists.');
    const metadata: SourceMetadata = { ...source.metadata, ...patch };
    for (const key of Object.keys(metadata) as (keyof SourceMetadata)[]) if (metadata[key] === undefined) delete metadata[key];
    if (!metadata.title.trim()) throw new RepoError('A source needs a title.');
    await db.sources.update(id, { metadata });
  });
}

/**
 * Move a source to the Trash with its live passages (one deletion, so they
 * come back together). Each passage is taken off the claims it was evidence
 * for, and remembers them so restoring puts it back. The original bytes stay
 * until the Trash lets go of the source for good.
 */
export async function deleteSource(id: string, now = Date.now()): Promise<TrashRef> {
  const db = getDb();
  return db.transaction('rw', [db.cases, db.sources, db.passages, db.claims], async () => {
    const source = await db.sources.get(id);
    if (!isLive(source) || !source) throw new RepoError('That source no longer exists.');
    const owner = await db.cases.get(source.caseId);
    const wasActive = owner?.activeSourceId === id;
    const deletion = newId();
    await unlinkAndTombstonePassages(source.caseId, await liveSourcePassages(id).toArray(), { deletion, now });
    await tombstone('sources', [source], { deletion, now, unlinked: () => (wasActive ? { wasActive } : undefined) });
    if (wasActive) {
      const next = await liveSources(source.caseId).first();
      await db.cases.update(source.caseId, { activeSourceId: next?.id });
    }
    return { table: 'sources', id, deletion };
  });
}

export interface SourceUpdateResult {
  source: SourceRecord;
  placed: number;
  moved: number;
  fuzzy: number;
  orphaned: number;
}

/**
 * Replace a source's snapshot with a revised text ("Update source…"). Every
 * passage is re-anchored with `reanchor` (computed before the write, outside
 * the transaction), then the new revision and all passages are written in one
 * transaction. Orphans keep their old selectors so the quote is never lost.
 */
export async function replaceSourceText(
  sourceId: string,
  draft: ImportedSourceDraft,
  reanchor: (oldText: string, newText: string, passages: PassageRecord[]) => Map<string, { start: number; end: number; status: PassageRecord['anchor']; selectors?: PassageRecord['selectors'] }>,
  locate: (source: SourceRecord, offset: number) => PassageRecord['locator'],
  now = Date.now(),
): Promise<SourceUpdateResult> {
  const db = getDb();
  const source = await db.sources.get(sourceId);
  if (!source || !isLive(source)) throw new RepoError('That source no longer exists.');
  // Passages in the Trash move with the text too, so a restored one lands on the revision it is shown in.
  const passages = await allSourcePassages(sourceId).toArray();
  const live = passages.filter((p) => p.anchor !== 'orphaned');
  const results = reanchor(source.text, draft.text, live);
  const { html: _oldHtml, fetched: _oldFetched, ...rest } = source;
  const updated: SourceRecord = { ...rest, ...snapshotOf(draft, now), revision: source.revision + 1 };
  const counts = { placed: 0, moved: 0, fuzzy: 0, orphaned: 0 };
  const nextPassages = live.map((p): PassageRecord => {
    const r = results.get(p.id);
    // The counts tell the person about the passages they see; those in the Trash move along silently.
    const count = isLive(p) ? 1 : 0;
    if (!r || r.status === 'orphaned' || !r.selectors) {
      counts.orphaned += count;
      return { ...p, anchor: 'orphaned', updatedAt: now };
    }
    counts[r.status === 'exact' ? 'placed' : r.status] += count;
    return { ...p, selectors: r.selectors, anchor: r.status, locator: locate(updated, r.start), updatedAt: now };
  });
  await db.transaction('rw', [db.sources, db.sourceBlobs, db.passages], async () => {
    const current = await db.sources.get(sourceId);
    if (!current || !isLive(current) || current.revision !== source.revision) throw new RepoError('The source changed while it was being updated. Try again.');
    await db.sources.put(updated);
    await db.sourceBlobs.put({ sourceId, bytes: draft.bytes, mediaType: draft.mediaType });
    await db.passages.bulkPut(nextPassages);
  });
  return { source: updated, ...counts };
}
