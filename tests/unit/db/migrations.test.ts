import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { CasefileDB, DatabaseTooNewError, openDatabase } from '../../../renderer/db/db';
import { DB_VERSION, DB_VERSIONS } from '../../../renderer/db/versions';

/**
 * For every version after the first, a seed written with the PREVIOUS
 * version's schema and a check of the upgraded data. Adding a version to
 * renderer/db/versions.ts without an entry here fails the first test.
 */
const UPGRADE_SEEDS: Record<number, { seed(db: Dexie): Promise<void>; check(db: CasefileDB): Promise<void> }> = {};

describe('database versions', () => {
  it('are strictly increasing, and every upgrade has a seeded test', () => {
    const numbers = DB_VERSIONS.map((v) => v.version);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const v of DB_VERSIONS.slice(1)) expect(UPGRADE_SEEDS[v.version], `seed test for version ${v.version}`).toBeDefined();
  });

  it('opens an empty profile at the newest version with every table', async () => {
    const db = new CasefileDB('fresh', { indexedDB: new IDBFactory(), IDBKeyRange });
    await openDatabase(db);
    expect(db.verno).toBe(DB_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['cases', 'claims', 'meta', 'notes', 'passages', 'sourceBlobs', 'sources', 'tags']);
    db.close();
  });

  for (const v of DB_VERSIONS.slice(1)) {
    it(`upgrades version ${v.version - 1} data to version ${v.version}`, async () => {
      const indexedDB = new IDBFactory();
      const previous = DB_VERSIONS.find((x) => x.version === v.version - 1)!;
      const old = new Dexie('upgrade', { indexedDB, IDBKeyRange });
      old.version(previous.version).stores(previous.stores);
      await UPGRADE_SEEDS[v.version]!.seed(old);
      old.close();
      const db = new CasefileDB('upgrade', { indexedDB, IDBKeyRange });
      await openDatabase(db);
      await UPGRADE_SEEDS[v.version]!.check(db);
      db.close();
    });
  }

  it('refuses a database written by a newer Casefile and leaves it untouched', async () => {
    const indexedDB = new IDBFactory();
    const future = new Dexie('casefile', { indexedDB, IDBKeyRange });
    future.version(DB_VERSION + 98).stores({ cases: 'id', futureThings: 'id' });
    await future.table('cases').put({ id: 'c1', name: 'From the future' });
    future.close();

    const db = new CasefileDB('casefile', { indexedDB, IDBKeyRange });
    await expect(openDatabase(db)).rejects.toThrow(DatabaseTooNewError);
    await expect(openDatabase(db)).rejects.toThrow(/newer version of Casefile \(database version 99; this app understands up to 1\)/);
    db.close();

    const again = new Dexie('casefile', { indexedDB, IDBKeyRange });
    await again.open();
    expect(again.verno).toBe(DB_VERSION + 98);
    expect(await again.table('cases').get('c1')).toEqual({ id: 'c1', name: 'From the future' });
    again.close();
  });
});
