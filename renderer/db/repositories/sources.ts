import { newId } from '../../../shared/domain/ids';
import type { PassageRecord, SourceBlobRecord, SourceMetadata, SourceRecord } from '../../../shared/domain/types';
import type { ImportedSourceDraft } from '../../../shared/import/draft';
import { getDb } from '../db';
import { allOf, allSourcePassages, isLive, liveCase, liveSourcePassages, liveSources } from '../live';
import { RepoError, repoRef } from './errors';
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
    ...(draft.ocr ? { ocr: draft.ocr } : {}),
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
    if (!(await liveCase(caseId))) throw new RepoError(repoRef('caseGoneSource'));
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

/** The original bytes of a source, when they were kept (a bundle may leave them out). */
export async function getSourceBlob(sourceId: string): Promise<SourceBlobRecord | undefined> {
  return getDb().sourceBlobs.get(sourceId);
}

/** A source in this case with the same bytes, so an import can warn about a duplicate. */
export async function findSourceBySha(caseId: string, sha256: string): Promise<SourceRecord | undefined> {
  return getDb().sources.where('[caseId+sha256]').equals([caseId, sha256]).filter(isLive).first();
}

/** One source (with its snapshot text), for commands that act on the source shown; undefined when it is gone. */
export async function getSource(id: string): Promise<SourceRecord | undefined> {
  return getDb().sources.get(id);
}

/** Edit bibliographic details. The snapshot text never changes here. */
export async function updateSourceMetadata(id: string, patch: Partial<SourceMetadata>): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.sources, async () => {
    const source = await db.sources.get(id);
    if (!source || !isLive(source)) throw new RepoError(repoRef('sourceGone'));
    const metadata: SourceMetadata = { ...source.metadata, ...patch };
    for (const key of Object.keys(metadata) as (keyof SourceMetadata)[]) if (metadata[key] === undefined) delete metadata[key];
    if (!metadata.title.trim()) throw new RepoError(repoRef('sourceTitle'));
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
    if (!isLive(source) || !source) throw new RepoError(repoRef('sourceGone'));
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

export interface SourceUpdateCounts {
  /** Found at the same offsets (status `exact`). */
  placed: number;
  moved: number;
  fuzzy: number;
  orphaned: number;
}

export interface SourceUpdateResult extends SourceUpdateCounts {
  source: SourceRecord;
}

type Reanchor = (
  oldText: string,
  newText: string,
  passages: PassageRecord[],
) => Map<string, { start: number; end: number; status: PassageRecord['anchor']; selectors?: PassageRecord['selectors'] }>;
type Locate = (source: SourceRecord, offset: number) => PassageRecord['locator'];

/**
 * What "Update source…" would do, computed without writing anything: the new
 * revision, every passage as it would be stored, and the counts the preview
 * shows. {@link applySourceUpdate} writes exactly this, so the preview's
 * counts are what is applied.
 */
export interface SourceUpdatePlan {
  /** The source as stored when the plan was made. */
  previous: SourceRecord;
  next: SourceRecord;
  blob: { bytes: Uint8Array; mediaType: string };
  /** Every passage of the source as stored when the plan was made (orphans and those in the Trash included). */
  passagesBefore: PassageRecord[];
  /** The re-anchored passages (those not already orphaned), as they will be stored. */
  passagesAfter: PassageRecord[];
  counts: SourceUpdateCounts;
  /** Passages the new text loses, as they will be stored (with their old quote). */
  orphans: PassageRecord[];
  /** Passages placed only approximately, before and after. */
  fuzzy: { before: PassageRecord; after: PassageRecord }[];
}

/** Everything an applied update replaced, for {@link undoSourceUpdate}. */
export interface SourceUpdateUndo {
  previous: SourceRecord;
  previousBlob: SourceBlobRecord | undefined;
  passagesBefore: PassageRecord[];
  applied: SourceRecord;
  passagesAfter: PassageRecord[];
}

/**
 * Plan replacing a source's snapshot with a revised text: every passage is
 * re-anchored with `reanchor` (the shared anchoring's public function),
 * outside any transaction. Nothing is written. Orphans keep their old
 * selectors so the quote is never lost.
 */
export async function planSourceUpdate(sourceId: string, draft: ImportedSourceDraft, reanchor: Reanchor, locate: Locate, now = Date.now()): Promise<SourceUpdatePlan> {
  const db = getDb();
  // Passages in the Trash move with the text too, so a restored one lands on the revision it is shown in.
  const [source, passagesBefore] = await db.transaction('r', [db.sources, db.passages], async () => [
    await db.sources.get(sourceId),
    await allSourcePassages(sourceId).toArray(),
  ] as const);
  if (!source || !isLive(source)) throw new RepoError(repoRef('sourceGone'));
  const live = passagesBefore.filter((p) => p.anchor !== 'orphaned');
  const results = reanchor(source.text, draft.text, live);
  const { html: _oldHtml, fetched: _oldFetched, ocr: _oldOcr, importReport: _oldReport, ...rest } = source;
  const next: SourceRecord = { ...rest, ...snapshotOf(draft, now), revision: source.revision + 1 };
  const counts: SourceUpdateCounts = { placed: 0, moved: 0, fuzzy: 0, orphaned: 0 };
  const orphans: PassageRecord[] = [];
  const fuzzy: SourceUpdatePlan['fuzzy'] = [];
  const passagesAfter = live.map((p): PassageRecord => {
    const r = results.get(p.id);
    // The counts and lists tell the person about the passages they see; those in the Trash move along silently.
    const shown = isLive(p);
    if (!r || r.status === 'orphaned' || !r.selectors) {
      const orphan: PassageRecord = { ...p, anchor: 'orphaned', updatedAt: now };
      if (shown) {
        counts.orphaned++;
        orphans.push(orphan);
      }
      return orphan;
    }
    const after: PassageRecord = { ...p, selectors: r.selectors, anchor: r.status, locator: locate(next, r.start), updatedAt: now };
    if (shown) {
      counts[r.status === 'exact' ? 'placed' : r.status]++;
      if (r.status === 'fuzzy') fuzzy.push({ before: p, after });
    }
    return after;
  });
  return { previous: source, next, blob: { bytes: draft.bytes, mediaType: draft.mediaType }, passagesBefore, passagesAfter, counts, orphans, fuzzy };
}

/** Same records, field for field (records are plain JSON data). */
function sameRecords<T extends { id: string }>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  const byId = new Map(b.map((r) => [r.id, JSON.stringify(r)]));
  return a.every((r) => byId.get(r.id) === JSON.stringify(r));
}

/**
 * Write a plan in one transaction: the new revision, its bytes and every
 * re-anchored passage. Refuses, writing nothing, when the source or any of
 * its passages changed since the plan was made. Returns what Undo needs.
 */
export async function applySourceUpdate(plan: SourceUpdatePlan): Promise<SourceUpdateUndo> {
  const db = getDb();
  const sourceId = plan.previous.id;
  return db.transaction('rw', [db.sources, db.sourceBlobs, db.passages], async () => {
    const current = await db.sources.get(sourceId);
    if (!current || !isLive(current) || current.revision !== plan.previous.revision) throw new RepoError(repoRef('sourceChanged'));
    const passages = await allSourcePassages(sourceId).toArray();
    if (!sameRecords(passages, plan.passagesBefore)) throw new RepoError(repoRef('passagesChanged'));
    const previousBlob = await db.sourceBlobs.get(sourceId);
    await db.sources.put(plan.next);
    await db.sourceBlobs.put({ sourceId, bytes: plan.blob.bytes, mediaType: plan.blob.mediaType });
    await db.passages.bulkPut(plan.passagesAfter);
    // As stored: the change log stamped them, and Undo compares with what is stored.
    const applied = (await db.sources.get(sourceId))!;
    const passagesAfter = await db.passages.bulkGet(plan.passagesAfter.map((p) => p.id));
    return { previous: plan.previous, previousBlob, passagesBefore: plan.passagesBefore, applied, passagesAfter: passagesAfter.filter((p) => p !== undefined) };
  });
}

/**
 * Undo an applied update: the previous revision, its original bytes and every
 * passage exactly as they were, in one transaction. Refuses, writing
 * nothing, once the source or its passages have changed since the update
 * (a later revision, a passage edited, added or deleted), because putting
 * the old text back would then lose that work or misplace it.
 */
export async function undoSourceUpdate(undo: SourceUpdateUndo): Promise<void> {
  const db = getDb();
  const sourceId = undo.previous.id;
  await db.transaction('rw', [db.sources, db.sourceBlobs, db.passages], async () => {
    const current = await db.sources.get(sourceId);
    if (!current || !isLive(current)) throw new RepoError(repoRef('sourceGoneUndo'));
    if (current.revision !== undo.applied.revision || current.sha256 !== undo.applied.sha256) {
      throw new RepoError(repoRef('sourceChangedUndo', { title: current.metadata.title }));
    }
    const passages = await allSourcePassages(sourceId).toArray();
    const applied = new Map(undo.passagesAfter.map((p) => [p.id, p]));
    const expected = undo.passagesBefore.map((p) => applied.get(p.id) ?? p);
    if (!sameRecords(passages, expected)) {
      throw new RepoError(repoRef('passagesEditedUndo', { title: current.metadata.title }));
    }
    // Details edited since the update (title, authors) are kept; the text snapshot goes back.
    await db.sources.put({ ...undo.previous, metadata: current.metadata });
    if (undo.previousBlob) await db.sourceBlobs.put(undo.previousBlob);
    else await db.sourceBlobs.delete(sourceId);
    await db.passages.bulkPut(undo.passagesBefore);
  });
}

/**
 * Replace a source's snapshot with a revised text in one step: plan, then
 * apply (see {@link planSourceUpdate}).
 */
export async function replaceSourceText(sourceId: string, draft: ImportedSourceDraft, reanchor: Reanchor, locate: Locate, now = Date.now()): Promise<SourceUpdateResult> {
  const plan = await planSourceUpdate(sourceId, draft, reanchor, locate, now);
  await applySourceUpdate(plan);
  return { source: plan.next, ...plan.counts };
}
