import { newId } from '../../../shared/domain/ids';
import { englishText } from '../../../shared/i18n';
import {
  NOTE_SCHEMA_VERSION,
  type CaseData,
  type CaseRecord,
  type NoteRecord,
  type SourceBlobRecord,
} from '../../../shared/domain/types';
import { getDb } from '../db';
import { allOf, liveCase, liveClaims, liveNotes, livePassages, liveSources, liveTags, plain } from '../live';
import { RepoError, repoRef } from './errors';
import { tombstone, type TrashRef } from './tombstones';

/** Everything a case owns, as bundles, backups and case JSON carry it (live records, without database stamps). */
export type CaseSnapshot = CaseData;

function cleanName(name: string): string {
  const trimmed = name.replace(/\s+/g, ' ').trim();
  if (!trimmed) throw new RepoError(repoRef('caseName'));
  if (trimmed.length > 200) throw new RepoError(repoRef('caseNameTooLong', { max: 200 }));
  return trimmed;
}

/**
 * A new case with its brief note, written in one transaction so a case never
 * exists without the note its `briefNoteId` points to. The note is titled
 * `briefTitle`, the word in the UI's language the caller passes in (this layer
 * chooses no language), else the catalogue's English ("Brief").
 */
export async function createCase(name: string, now = Date.now(), briefTitle?: string): Promise<CaseRecord> {
  const db = getDb();
  const id = newId();
  const title = briefTitle?.replace(/\s+/g, ' ').trim() || englishText({ key: 'brief.defaultTitle' });
  const note: NoteRecord = { id: newId(), caseId: id, title, content: null, schemaVersion: NOTE_SCHEMA_VERSION, plainText: '', createdAt: now, updatedAt: now, order: 0 };
  const record: CaseRecord = { id, name: cleanName(name), createdAt: now, updatedAt: now, briefNoteId: note.id };
  await db.transaction('rw', db.cases, db.notes, async () => {
    await db.notes.add(note);
    await db.cases.add(record);
  });
  return record;
}

/** Every case record (no sources or notes), for commands that need the names, e.g. to number "Untitled case 2". */
export async function listCases(): Promise<CaseRecord[]> {
  return getDb().cases.toArray();
}

/** Rename a case; whitespace is collapsed, and an empty name is refused with a message. */
export async function renameCase(id: string, name: string): Promise<void> {
  const db = getDb();
  const clean = cleanName(name);
  await db.transaction('rw', db.cases, async () => {
    if (!(await liveCase(id))) throw new RepoError(repoRef('caseGone'));
    await db.cases.update(id, { name: clean, updatedAt: Date.now() });
  });
}

/** Mark a case as just used, so it sorts first in the case list. */
export async function touchCase(id: string, now = Date.now()): Promise<void> {
  await getDb().cases.update(id, { updatedAt: now });
}

/** Remember the source shown in the reader, so reopening the case resumes there. */
export async function setActiveSource(caseId: string, sourceId: string | undefined): Promise<void> {
  await getDb().cases.update(caseId, { activeSourceId: sourceId });
}

/**
 * Every table holding records of a case: the one-door tables, original
 * files, and the case views' tables (issue 14). Transactions that read,
 * store or purge a whole case open all of them.
 */
export function caseDataTables(db = getDb()) {
  return [db.cases, db.sources, db.sourceBlobs, db.passages, db.claims, db.tags, db.notes, db.timelineEntries, db.entityMerges, db.entityTags, db.figures];
}

/**
 * Read everything a case owns (bundle export, case JSON, backups): its live
 * records as plain domain records, with its views' records. Null when the
 * case does not exist or is in the Trash.
 */
export async function readCaseSnapshot(id: string): Promise<CaseSnapshot | null> {
  const db = getDb();
  return db.transaction('r', caseDataTables(db), async () => {
    const record = await liveCase(id);
    if (!record) return null;
    const sources = await liveSources(id).toArray();
    const blobs = (await db.sourceBlobs.bulkGet(sources.map((s) => s.id))).filter((b): b is SourceBlobRecord => b !== undefined);
    return {
      case: plain(record),
      sources: sources.map(plain),
      blobs,
      passages: (await livePassages(id).toArray()).map(plain),
      claims: (await liveClaims(id).toArray()).map(plain),
      tags: (await liveTags(id).toArray()).map(plain),
      notes: (await liveNotes(id).toArray()).map(plain),
      timelineEntries: await db.timelineEntries.where('caseId').equals(id).toArray(),
      entityMerges: await db.entityMerges.where('caseId').equals(id).toArray(),
      entityTags: await db.entityTags.where('caseId').equals(id).toArray(),
      figures: await db.figures.where('caseId').equals(id).toArray(),
    };
  });
}

/**
 * Move a case to the Trash. Its records stay as they are, out of sight with
 * it, until it is restored (Undo, or the Trash) or the retention period ends.
 */
export async function deleteCase(id: string, now = Date.now()): Promise<TrashRef> {
  const db = getDb();
  return db.transaction('rw', db.cases, async () => {
    const record = await liveCase(id);
    if (!record) throw new RepoError(repoRef('caseGone'));
    const deletion = newId();
    await tombstone('cases', [record], { deletion, now });
    return { table: 'cases', id, deletion };
  });
}

/**
 * Add every record of one case. Call it inside a read-write transaction over
 * all case tables; `add` (not `put`) makes an existing ID fail the whole
 * transaction instead of overwriting anything.
 */
export async function addCaseData(data: CaseData): Promise<void> {
  const db = getDb();
  await db.cases.add(data.case);
  await db.sources.bulkAdd(data.sources);
  await db.sourceBlobs.bulkAdd(data.blobs);
  await db.passages.bulkAdd(data.passages);
  await db.claims.bulkAdd(data.claims);
  await db.tags.bulkAdd(data.tags);
  await db.notes.bulkAdd(data.notes);
  await db.timelineEntries.bulkAdd(data.timelineEntries);
  await db.entityMerges.bulkAdd(data.entityMerges);
  await db.entityTags.bulkAdd(data.entityTags);
  await db.figures.bulkAdd(data.figures);
}

/** Store a whole case (the sample case, a test's fixture) in one transaction; a case with its ID must not exist, live or in the Trash. */
export async function addCase(data: CaseData): Promise<void> {
  const db = getDb();
  await db.transaction('rw', caseDataTables(db), async () => {
    if (await db.cases.get(data.case.id)) throw new RepoError(repoRef('caseExists', { name: data.case.name }));
    await addCaseData(data);
  });
}

/** Every record ID a case holds in one table, live or in the Trash (used when a case is purged). */
export async function caseRecordIds(table: 'sources' | 'passages' | 'claims' | 'tags' | 'notes', caseId: string): Promise<string[]> {
  return (await allOf(table, caseId).primaryKeys()) as string[];
}
