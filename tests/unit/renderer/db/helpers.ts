import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { CasefileDB, openDatabase } from '../../../../renderer/db/db';
import type { ImportedSourceDraft } from '../../../../shared/import/draft';

/** A fresh, isolated database per test (its own fake IndexedDB), made the shared one. */
export async function freshDb(name = 'casefile-test'): Promise<CasefileDB> {
  return openDatabase(new CasefileDB(name, { indexedDB: new IDBFactory(), IDBKeyRange }));
}

const DATABASE_FIELDS = ['createdBy', 'updatedBy', 'changedAt', 'deletedAt', 'deletedBy', 'deletion', 'unlinked'];

/** A record without what the database keeps about it (stamps, Trash fields): for comparing content across writes. */
export function content<T>(record: T): T {
  if (!record || typeof record !== 'object') return record;
  return Object.fromEntries(Object.entries(record).filter(([key]) => !DATABASE_FIELDS.includes(key))) as T;
}

/** Every record of a case snapshot (or any object of records and record lists) through {@link content}. */
export function caseContent<T extends object | null | undefined>(data: T): T {
  if (!data) return data;
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, Array.isArray(value) ? value.map(content) : content(value)])) as T;
}

/** A plain-text source draft: its title, a blank line, then its body; the fingerprint follows the title's length. */
export function textDraft(title: string, body: string): ImportedSourceDraft {
  const text = `${title}\n\n${body}`;
  return {
    format: 'text',
    text,
    blocks: [
      { start: 0, end: title.length, n: 1, kind: 'paragraph' },
      { start: title.length + 2, end: text.length, n: 2, kind: 'paragraph' },
    ],
    sha256: title.length.toString(16).padStart(64, '0'),
    fileName: `${title}.txt`,
    byteLength: text.length,
    mediaType: 'text/plain',
    metadata: { type: 'document', title },
    bytes: new TextEncoder().encode(text),
    titleFromFirstLine: true,
  };
}
