import { afterEach, describe, expect, it } from 'vitest';
import type { CasefileDB } from '../../../../../renderer/db/db';
import { localIsoDate, readExportRecords } from '../../../../../renderer/features/export/readRecords';
import { registerFlusher } from '../../../../../renderer/lib/flush';
import { freshDb } from '../../db/helpers';
import { loadCase } from '../../../shared/export/helpers';

let db: CasefileDB;
afterEach(() => db?.close());

async function seeded(): Promise<CasefileDB> {
  db = await freshDb('casefile-export-test');
  const data = loadCase();
  const other = { ...data.case, id: 'case-other', name: 'Another case' };
  await db.transaction('rw', [db.cases, db.sources, db.passages, db.claims, db.tags, db.notes], async () => {
    await db.cases.bulkAdd([data.case, other]);
    await db.sources.bulkAdd(data.sources);
    await db.passages.bulkAdd(data.passages);
    await db.claims.bulkAdd(data.claims);
    await db.tags.bulkAdd(data.tags);
    await db.notes.bulkAdd([...data.notes, { ...data.notes[0]!, id: 'note-other', caseId: 'case-other' }]);
  });
  return db;
}

describe('readExportRecords', () => {
  it('reads the note and every record of its case, after pending edits are saved', async () => {
    await seeded();
    const order: string[] = [];
    const unregister = registerFlusher(async () => {
      order.push('flushed');
      await db.notes.update('note-brief', { title: 'Saved just now' });
    });
    try {
      const records = await readExportRecords('case-ellery', 'note-brief');
      order.push('read');
      expect(order).toEqual(['flushed', 'read']);
      expect(records?.note.title).toBe('Saved just now');
      expect(records?.case.name).toBe('Pier 9 tobacco seizure');
      expect(records?.sources).toHaveLength(3);
      expect(records?.passages).toHaveLength(6);
      expect(records?.claims).toHaveLength(2);
      expect(records?.tags).toHaveLength(2);
    } finally {
      unregister();
    }
  });

  it('gives null for a note that is gone or belongs to another case', async () => {
    await seeded();
    expect(await readExportRecords('case-ellery', 'no-such-note')).toBeNull();
    expect(await readExportRecords('case-ellery', 'note-other')).toBeNull();
    expect(await readExportRecords('no-such-case', 'note-brief')).toBeNull();
  });
});

describe('localIsoDate', () => {
  it('writes the local calendar date as YYYY-MM-DD', () => {
    expect(localIsoDate(new Date(2024, 0, 5, 23, 59))).toBe('2024-01-05');
    expect(localIsoDate(new Date(2026, 10, 29, 0, 1))).toBe('2026-11-29');
  });
});
