import { getDb } from '../../db/db';
import { flushAll } from '../../lib/flush';
import type { ExportRecords } from './choices';

/**
 * Everything an export of one brief reads, in one read transaction, after
 * every open editor has saved: the export is of what the user sees, not of
 * the last autosave. Original source files (blobs) are not read.
 * Null when the case or the note no longer exists.
 */
export async function readExportRecords(caseId: string, noteId: string): Promise<ExportRecords | null> {
  await flushAll();
  const db = getDb();
  return db.transaction('r', [db.cases, db.notes, db.sources, db.passages, db.claims, db.tags, db.figures], async () => {
    const record = await db.cases.get(caseId);
    const note = await db.notes.get(noteId);
    if (!record || !note || note.caseId !== caseId) return null;
    return {
      case: record,
      note,
      sources: await db.sources.where('caseId').equals(caseId).toArray(),
      passages: await db.passages.where('caseId').equals(caseId).toArray(),
      claims: await db.claims.where('caseId').equals(caseId).toArray(),
      tags: await db.tags.where('caseId').equals(caseId).toArray(),
      figures: await db.figures.where('caseId').equals(caseId).toArray(),
    };
  });
}

/** Today's date as "YYYY-MM-DD" in the user's time zone, for the export's front matter. */
export function localIsoDate(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
