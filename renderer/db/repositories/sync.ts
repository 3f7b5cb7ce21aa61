/**
 * The sync layer's door into the database (renderer/features/sync): reading
 * the records the change feed names, so they can be written into the case
 * Y.Doc, and storing what arrived from the other members under the 'sync'
 * origin (the change feed's consumer skips it, so nothing is echoed back;
 * the middleware keeps the stamps the records arrive with).
 */
import type {
  CaseRecord,
  ClaimRecord,
  EntityMergeRecord,
  EntityTagRecord,
  FigureRecord,
  NoteRecord,
  PassageRecord,
  SourceBlobRecord,
  SourceRecord,
  Stored,
  TagRecord,
  TimelineEntryRecord,
} from '../../../shared/domain/types';
import { getDb } from '../db';
import { chunked, textChars } from './bundle';
import { allOf, LIVE } from '../live';
import { runWithOrigin } from '../origin';

/** The case views' tables: untracked here (no stamps, a delete is final), shared as tombstones in the case document. */
export type ViewSyncTable = 'timelineEntries' | 'entityMerges' | 'entityTags' | 'figures';
export type SyncTable = 'sources' | 'passages' | 'claims' | 'tags' | 'notes' | ViewSyncTable;

/** The views' records in the app's shapes, per table. */
export interface ViewRecords {
  timelineEntries: TimelineEntryRecord[];
  entityMerges: EntityMergeRecord[];
  entityTags: EntityTagRecord[];
  figures: FigureRecord[];
}

/** Every view record of a case, per table (what sharing sends first, and what is checked against the document on reconnecting). */
export async function readViewsForSync(caseId: string): Promise<ViewRecords> {
  const db = getDb();
  const [timelineEntries, entityMerges, entityTags, figures] = await Promise.all([
    db.timelineEntries.where('caseId').equals(caseId).toArray(),
    db.entityMerges.where('caseId').equals(caseId).toArray(),
    db.entityTags.where('caseId').equals(caseId).toArray(),
    db.figures.where('caseId').equals(caseId).toArray(),
  ]);
  return { timelineEntries, entityMerges, entityTags, figures };
}

/** The records of one table by key (undefined where there is none any more: purged). */
export async function readRecordsForSync(table: SyncTable | 'cases', keys: readonly string[]): Promise<(Stored<{ id: string; caseId?: string }> | undefined)[]> {
  return (await getDb().table(table).bulkGet([...keys])) as (Stored<{ id: string; caseId?: string }> | undefined)[];
}

/** Every record of a case, live and in the Trash, per table: what sharing a case sends first. */
export async function readCaseForSync(caseId: string): Promise<{
  case: Stored<CaseRecord> | undefined;
  sources: Stored<SourceRecord>[];
  passages: Stored<PassageRecord>[];
  claims: Stored<ClaimRecord>[];
  tags: Stored<TagRecord>[];
  notes: Stored<NoteRecord>[];
}> {
  const db = getDb();
  const [record, sources, passages, claims, tags, notes] = await Promise.all([
    db.cases.get(caseId),
    allOf('sources', caseId).toArray() as Promise<Stored<SourceRecord>[]>,
    allOf('passages', caseId).toArray() as Promise<Stored<PassageRecord>[]>,
    allOf('claims', caseId).toArray() as Promise<Stored<ClaimRecord>[]>,
    allOf('tags', caseId).toArray() as Promise<Stored<TagRecord>[]>,
    allOf('notes', caseId).toArray() as Promise<Stored<NoteRecord>[]>,
  ]);
  return { case: record, sources, passages, claims, tags, notes };
}

/** A source's original file, if it is stored here. */
export async function readSourceBlob(sourceId: string): Promise<SourceBlobRecord | undefined> {
  return getDb().sourceBlobs.get(sourceId);
}


/** Records that arrived from the case document, in the app's shapes (stamps included, `deletedAt` 0 or a time). */
export interface SyncedRecords {
  case?: Pick<CaseRecord, 'id' | 'name' | 'createdAt' | 'briefNoteId' | 'createdBy' | 'updatedBy' | 'changedAt'>;
  sources?: SourceRecord[];
  blobs?: SourceBlobRecord[];
  passages?: PassageRecord[];
  claims?: ClaimRecord[];
  tags?: TagRecord[];
  notes?: Omit<NoteRecord, 'content' | 'plainText'>[];
  /** The views' records that are live in the document (stored as they are), and the IDs it holds as tombstones (deleted here). */
  views?: { [T in ViewSyncTable]?: { put: ViewRecords[T]; remove: string[] } };
}

type Incoming = { id: string; deletedAt?: number; deletedBy?: string };

/**
 * Merge one arriving record with the local one: the arriving fields win; the
 * local-only ones (why and with what a record was deleted here, which source
 * was open) stay; an arriving tombstone without a local deletion gets one of
 * its own, so the Trash can restore it.
 */
function merged<T extends Incoming>(table: string, incoming: T, local: Stored<T> | undefined): Stored<T> {
  const deleted = !!incoming.deletedAt;
  const out: Record<string, unknown> = { ...(local ?? {}), ...incoming, deletedAt: deleted ? incoming.deletedAt : LIVE };
  if (!deleted) {
    delete out.deletedBy;
    delete out.deletion;
    delete out.unlinked;
  } else if (!local?.deletion || !local.deletedAt) {
    out.deletion = `sync:${table}:${incoming.id}:${incoming.deletedAt}`;
    delete out.unlinked;
  }
  return out as Stored<T>;
}

/** Only called with records: inside a transaction, awaiting a function that awaits no Dexie call would lose the transaction. */
async function putMerged<T extends Incoming>(table: SyncTable | 'cases', records: readonly T[]): Promise<void> {
  const t = getDb().table(table);
  // In chunks, as an import writes: each chunk's requests are one short task, and the page answers
  // between them (joining a big case, 10,000 passages in one bulk call held the main thread half a second).
  for (const chunk of chunked(records, textChars)) {
    const locals = (await t.bulkGet(chunk.map((r) => r.id))) as (Stored<T> | undefined)[];
    const added: Stored<T>[] = [];
    const changed: Stored<T>[] = [];
    chunk.forEach((r, i) => (locals[i] ? changed : added).push(merged(table, r, locals[i])));
    // Records new here are added, not put: the change log then has no earlier version to read
    // (joining a big case, every record is new, and reading them all twice cost a quarter second).
    if (added.length > 0) await t.bulkAdd(added);
    if (changed.length > 0) await t.bulkPut(changed);
  }
}

/**
 * Store what arrived from the case document, in one transaction under the
 * 'sync' origin. A case that does not exist here yet is created (joining).
 * Notes keep their local text: a note's text is its own document.
 */
export async function applySyncedRecords(caseId: string, records: SyncedRecords): Promise<void> {
  const db = getDb();
  await runWithOrigin('sync', async () => {
    if (records.case) {
      const local = await db.cases.get(caseId);
      const now = Date.now();
      const next: Stored<CaseRecord> = { ...(local ?? { updatedAt: now }), ...records.case, id: caseId, deletedAt: local?.deletedAt ?? LIVE };
      await db.cases.put(next);
    }
    for (const chunk of chunked(records.blobs ?? [], (b) => b.bytes.byteLength)) await db.sourceBlobs.bulkPut(chunk);
    for (const table of ['sources', 'tags', 'passages', 'claims'] as const) {
      const list = records[table];
      if (list && list.length > 0) await putMerged<Incoming>(table, list);
    }
    if (records.notes && records.notes.length > 0) {
      const locals = await db.notes.bulkGet(records.notes.map((n) => n.id));
      const full = records.notes.map((n, i) => ({ content: locals[i]?.content ?? null, plainText: locals[i]?.plainText ?? '', ...n }) as NoteRecord);
      await putMerged('notes', full);
    }
    for (const [table, change] of Object.entries(records.views ?? {}) as [ViewSyncTable, { put: { id: string }[]; remove: string[] }][]) {
      // Untracked: a record is stored exactly as it arrived, and a tombstone in the document is a delete here (Undo puts it back).
      if (change.put.length > 0) await db.table(table).bulkPut(change.put);
      if (change.remove.length > 0) await db.table(table).bulkDelete(change.remove);
    }
  });
}
