import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { CasefileDB, openDatabase } from '../../../../renderer/db/db';

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
