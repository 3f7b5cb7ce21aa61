import { newId } from '../../../shared/domain/ids';
import {
  NOTE_SCHEMA_VERSION,
  type CaseData,
  type CaseRecord,
  type NoteRecord,
  type SourceBlobRecord,
} from '../../../shared/domain/types';
import { getDb } from '../db';
import { RepoError } from './errors';

/** Everything a case owns, as removed by deleteCase and put back by restoreCase. */
export type CaseSnapshot = CaseData;

/** What {@link deleteCase} removed; hand it to {@link restoreCase} to undo. */
export type DeletedCaseSnapshot = CaseSnapshot;

function cleanName(name: string): string {
  const trimmed = name.replace(/\s+/g, ' ').trim();
  if (!trimmed) throw new RepoError('A case needs a name.');
  if (trimmed.length > 200) throw new RepoError('A case name can be at most 200 characters.');
  return trimmed;
}

/**
 * A new case with its brief note ("Brief"), written in one transaction so a
 * case never exists without the note its `briefNoteId` points to.
 */
export async function createCase(name: string, now = Date.now()): Promise<CaseRecord> {
  const db = getDb();
  const id = newId();
  const note: NoteRecord = { id: newId(), caseId: id, title: 'Brief', content: null, schemaVersion: NOTE_SCHEMA_VERSION, plainText: '', createdAt: now, updatedAt: now, order: 0 };
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
  const changed = await db.cases.update(id, { name: clean, updatedAt: Date.now() });
  if (!changed) throw new RepoError('That case no longer exists.');
}

/** Mark a case as just used, so it sorts first in the case list. */
export async function touchCase(id: string, now = Date.now()): Promise<void> {
  await getDb().cases.update(id, { updatedAt: now });
}

/** Remember the source shown in the reader, so reopening the case resumes there. */
export async function setActiveSource(caseId: string, sourceId: string | undefined): Promise<void> {
  await getDb().cases.update(caseId, { activeSourceId: sourceId });
}

/** Read everything a case owns (used by delete-with-undo and by bundle export). */
export async function readCaseSnapshot(id: string): Promise<CaseSnapshot | null> {
  const db = getDb();
  return db.transaction('r', [db.cases, db.sources, db.sourceBlobs, db.passages, db.claims, db.tags, db.notes], async () => {
    const record = await db.cases.get(id);
    if (!record) return null;
    const sources = await db.sources.where('caseId').equals(id).toArray();
    const blobs = (await db.sourceBlobs.bulkGet(sources.map((s) => s.id))).filter((b): b is SourceBlobRecord => b !== undefined);
    return {
      case: record,
      sources,
      blobs,
      passages: await db.passages.where('caseId').equals(id).toArray(),
      claims: await db.claims.where('caseId').equals(id).toArray(),
      tags: await db.tags.where('caseId').equals(id).toArray(),
      notes: await db.notes.where('caseId').equals(id).toArray(),
    };
  });
}

/** Delete a case and everything in it, in one transaction. Returns what was removed, for Undo. */
export async function deleteCase(id: string): Promise<DeletedCaseSnapshot> {
  const db = getDb();
  return db.transaction('rw', [db.cases, db.sources, db.sourceBlobs, db.passages, db.claims, db.tags, db.notes], async () => {
    const snapshot = await readCaseSnapshot(id);
    if (!snapshot) throw new RepoError('That case no longer exists.');
    await db.sourceBlobs.bulkDelete(snapshot.sources.map((s) => s.id));
    await db.sources.bulkDelete(snapshot.sources.map((s) => s.id));
    await db.passages.bulkDelete(snapshot.passages.map((p) => p.id));
    await db.claims.bulkDelete(snapshot.claims.map((c) => c.id));
    await db.tags.bulkDelete(snapshot.tags.map((t) => t.id));
    await db.notes.bulkDelete(snapshot.notes.map((n) => n.id));
    await db.cases.delete(id);
    return snapshot;
  });
}

/** Put a whole case back (Undo of delete, or a bundle import), in one transaction. */
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
}

export async function restoreCase(snapshot: DeletedCaseSnapshot): Promise<void> {
  const db = getDb();
  await db.transaction('rw', [db.cases, db.sources, db.sourceBlobs, db.passages, db.claims, db.tags, db.notes], async () => {
    if (await db.cases.get(snapshot.case.id)) throw new RepoError(`The case “${snapshot.case.name}” is already there, so nothing was restored.`);
    await addCaseData(snapshot);
  });
}
