import { readExportRecords as readCaseRecords } from '../../db/repositories';
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
  return readCaseRecords(caseId, noteId);
}

/** Today's date as "YYYY-MM-DD" in the user's time zone, for the export's front matter. */
export function localIsoDate(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
