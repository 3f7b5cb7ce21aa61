import { newId } from '../../../shared/domain/ids';
import type { PassageRecord, SourceBlobRecord, SourceMetadata, SourceRecord } from '../../../shared/domain/types';
import type { ImportedSourceDraft } from '../../../shared/import/draft';
import { getDb } from '../db';
import { RepoError } from './errors';

/** What {@link deleteSource} removed; hand it to {@link restoreSource} to undo. */
export interface SourceSnapshot {
  source: SourceRecord;
  blob: SourceBlobRecord | undefined;
  passages: PassageRecord[];
  wasActive: boolean;
}

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
    ...(draft.importReport ? { importReport: draft.importReport } : {}),
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
    const owner = await db.cases.get(caseId);
    if (!owner) throw new RepoError('That case no longer exists, so the source was not imported.');
    const last = await db.sources.where('[caseId+order]').between([caseId, -Infinity], [caseId, Infinity]).last();
    const record: SourceRecord = {
      id: newId(),
      caseId,
      ...snapshotOf(draft, now),
      metadata: { ...draft.metadata, accessed: draft.metadata.accessed ?? today(now) },
      revision: 1,
      order: (last?.order ?? -1) + 1,
    };
    await db.sources.add(record);
    await db.sourceBlobs.add({ sourceId: record.id, bytes: draft.bytes, mediaType: draft.mediaType });
    await db.cases.update(caseId, { activeSourceId: record.id, updatedAt: now });
    return record;
  });
}

/** The original bytes of a source, when they were kept (a bundle may leave them out). */
export async function getSourceBlob(sourceId: string): Promise<SourceBlobRecord | undefined> {
  return getDb().sourceBlobs.get(sourceId);
}

/** A source in this case with the same bytes, so an import can warn about a duplicate. */
export async function findSourceBySha(caseId: string, sha256: string): Promise<SourceRecord | undefined> {
  return getDb().sources.where('[caseId+sha256]').equals([caseId, sha256]).first();
}

/** Edit bibliographic details. The snapshot text never changes here. */
export async function updateSourceMetadata(id: string, patch: Partial<SourceMetadata>): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.sources, async () => {
    const source = await db.sources.get(id);
    if (!source) throw new RepoError('That source no longer exists.');
    const metadata: SourceMetadata = { ...source.metadata, ...patch };
    for (const key of Object.keys(metadata) as (keyof SourceMetadata)[]) if (metadata[key] === undefined) delete metadata[key];
    if (!metadata.title.trim()) throw new RepoError('A source needs a title.');
    await db.sources.update(id, { metadata });
  });
}

/** Remove a source, its original bytes and its passages. Returns what was removed, for Undo. */
export async function deleteSource(id: string): Promise<SourceSnapshot> {
  const db = getDb();
  return db.transaction('rw', [db.cases, db.sources, db.sourceBlobs, db.passages], async () => {
    const source = await db.sources.get(id);
    if (!source) throw new RepoError('That source no longer exists.');
    const blob = await db.sourceBlobs.get(id);
    const passages = await db.passages.where('sourceId').equals(id).toArray();
    const owner = await db.cases.get(source.caseId);
    const wasActive = owner?.activeSourceId === id;
    await db.passages.bulkDelete(passages.map((p) => p.id));
    await db.sourceBlobs.delete(id);
    await db.sources.delete(id);
    if (wasActive) {
      const next = await db.sources.where('[caseId+order]').between([source.caseId, -Infinity], [source.caseId, Infinity]).first();
      await db.cases.update(source.caseId, { activeSourceId: next?.id });
    }
    return { source, blob, passages, wasActive };
  });
}

/** Undo of {@link deleteSource}: the source, its bytes and passages back in one transaction. */
export async function restoreSource(snapshot: SourceSnapshot): Promise<void> {
  const db = getDb();
  await db.transaction('rw', [db.cases, db.sources, db.sourceBlobs, db.passages], async () => {
    if (!(await db.cases.get(snapshot.source.caseId))) throw new RepoError('The case this source belonged to no longer exists, so it was not restored.');
    if (await db.sources.get(snapshot.source.id)) throw new RepoError('That source is already there, so nothing was restored.');
    await db.sources.add(snapshot.source);
    if (snapshot.blob) await db.sourceBlobs.add(snapshot.blob);
    await db.passages.bulkAdd(snapshot.passages);
    if (snapshot.wasActive) await db.cases.update(snapshot.source.caseId, { activeSourceId: snapshot.source.id });
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
  if (!source) throw new RepoError('That source no longer exists.');
  const passages = await db.passages.where('sourceId').equals(sourceId).toArray();
  const live = passages.filter((p) => p.anchor !== 'orphaned');
  const results = reanchor(source.text, draft.text, live);
  const { html: _oldHtml, fetched: _oldFetched, importReport: _oldReport, ...rest } = source;
  const updated: SourceRecord = { ...rest, ...snapshotOf(draft, now), revision: source.revision + 1 };
  const counts = { placed: 0, moved: 0, fuzzy: 0, orphaned: 0 };
  const nextPassages = live.map((p): PassageRecord => {
    const r = results.get(p.id);
    if (!r || r.status === 'orphaned' || !r.selectors) {
      counts.orphaned++;
      return { ...p, anchor: 'orphaned', updatedAt: now };
    }
    counts[r.status === 'exact' ? 'placed' : r.status]++;
    return { ...p, selectors: r.selectors, anchor: r.status, locator: locate(updated, r.start), updatedAt: now };
  });
  await db.transaction('rw', [db.sources, db.sourceBlobs, db.passages], async () => {
    const current = await db.sources.get(sourceId);
    if (!current || current.revision !== source.revision) throw new RepoError('The source changed while it was being updated. Try again.');
    await db.sources.put(updated);
    await db.sourceBlobs.put({ sourceId, bytes: draft.bytes, mediaType: draft.mediaType });
    await db.passages.bulkPut(nextPassages);
  });
  return { source: updated, ...counts };
}
