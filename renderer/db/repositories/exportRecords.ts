import type { CaseRecord, ClaimRecord, FigureRecord, NoteRecord, PassageRecord, SourceRecord, TagRecord } from '../../../shared/domain/types';
import { getDb } from '../db';
import { isLive, liveCase, liveClaims, livePassages, liveSources, liveTags } from '../live';

/** What an export of one note reads: the note and the live records of its case (original files are not read). */
export interface CaseExportRecords {
  case: CaseRecord;
  note: NoteRecord;
  sources: SourceRecord[];
  passages: PassageRecord[];
  claims: ClaimRecord[];
  tags: TagRecord[];
  /** The case's figures: the brief's figure nodes name them by ID. */
  figures: FigureRecord[];
}

/** Read a note and its case's live records in one read transaction; null when the case or the note is gone (or in the Trash). */
export async function readExportRecords(caseId: string, noteId: string): Promise<CaseExportRecords | null> {
  const db = getDb();
  return db.transaction('r', [db.cases, db.notes, db.sources, db.passages, db.claims, db.tags, db.figures], async () => {
    const record = await liveCase(caseId);
    const note = await db.notes.get(noteId);
    if (!record || !note || !isLive(note) || note.caseId !== caseId) return null;
    return {
      case: record,
      note,
      sources: await liveSources(caseId).toArray(),
      passages: await livePassages(caseId).toArray(),
      claims: await liveClaims(caseId).toArray(),
      tags: await liveTags(caseId).toArray(),
      figures: await db.figures.where('caseId').equals(caseId).toArray(),
    };
  });
}
