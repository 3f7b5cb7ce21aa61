import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { CasefileDB, openDatabase } from '../../../../renderer/db/db';

/** A fresh, isolated database per test (its own fake IndexedDB), made the shared one. */
export async function freshDb(name = 'casefile-test'): Promise<CasefileDB> {
  return openDatabase(new CasefileDB(name, { indexedDB: new IDBFactory(), IDBKeyRange }));
}
