import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { CasefileDB, openDatabase, setDb } from '../../../renderer/db/db';

/** A fresh, isolated database per test (its own fake IndexedDB). */
export async function freshDb(name = 'casefile-test'): Promise<CasefileDB> {
  const db = new CasefileDB(name, { indexedDB: new IDBFactory(), IDBKeyRange });
  setDb(db);
  await openDatabase(db);
  return db;
}
