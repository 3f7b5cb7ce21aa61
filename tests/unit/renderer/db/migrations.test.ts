import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { CasefileDB, openDatabase } from '../../../../renderer/db/db';
import { DB_VERSION, DB_VERSIONS, type DbVersion } from '../../../../renderer/db/versions';

/**
 * For every version after the first, a seed written with the PREVIOUS
 * version's schema and a check of the upgraded data. Adding a version to
 * renderer/db/versions.ts without an entry here fails the first test, so no
 * upgrade ships without a test that runs it on real old data.
 */
const UPGRADE_SEEDS: Record<number, { seed(db: Dexie): Promise<void>; check(db: CasefileDB): Promise<void> }> = {
  // Version 2 adds the chronology, entity and figure tables; everything stored before stays as it was.
  2: {
    async seed(db) {
      await db.open();
      await db.table('cases').put({ id: 'case-1', name: 'Ferry fire', createdAt: 1, updatedAt: 2 });
      await db.table('passages').put({ id: 'p-1', caseId: 'case-1', sourceId: 's-1', tags: ['t-1'], comment: 'kept' });
      await db.table('meta').put({ key: 'activeCaseId', value: 'case-1' });
    },
    async check(db) {
      expect(await db.cases.get('case-1')).toEqual({ id: 'case-1', name: 'Ferry fire', createdAt: 1, updatedAt: 2 });
      expect((await db.passages.where('tags').equals('t-1').first())?.comment).toBe('kept');
      expect(await db.meta.get('activeCaseId')).toEqual({ key: 'activeCaseId', value: 'case-1' });
      for (const table of [db.timelineEntries, db.entityMerges, db.entityTags, db.figures]) expect(await table.count()).toBe(0);
      await db.entityTags.put({ id: 'et-1', caseId: 'case-1', passageId: 'p-1', entity: 'organization:nca', name: 'NCA', kind: 'organization', createdAt: 3 });
      expect(await db.entityTags.where('passageId').equals('p-1').count()).toBe(1);
    },
  },
};

/** The installed schema, read back from IndexedDB by a Dexie that declares none. */
async function installedSchema(name: string, indexedDB: IDBFactory): Promise<Record<string, string[]>> {
  const reader = new Dexie(name, { indexedDB, IDBKeyRange });
  await reader.open();
  const schema = Object.fromEntries(reader.tables.map((t) => [t.name, [t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src)].sort()]));
  reader.close();
  return schema;
}

function declaredSchema(version: DbVersion): Record<string, string[]> {
  const entries = Object.entries(version.stores).filter((entry): entry is [string, string] => entry[1] !== null);
  return Object.fromEntries(entries.map(([table, spec]) => [table, spec.split(',').map((s) => s.trim()).sort()]));
}

describe('database versions', () => {
  it('are strictly increasing, and every upgrade has a seeded test', () => {
    expect(DB_VERSIONS.length).toBeGreaterThan(0);
    DB_VERSIONS.forEach((v, i) => {
      if (i > 0) expect(v.version, `version after ${DB_VERSIONS[i - 1]!.version}`).toBeGreaterThan(DB_VERSIONS[i - 1]!.version);
    });
    expect(DB_VERSION).toBe(DB_VERSIONS.at(-1)!.version);
    for (const v of DB_VERSIONS.slice(1)) expect(UPGRADE_SEEDS[v.version], `seed test for version ${v.version}`).toBeDefined();
    // And no seed for a version that does not exist (a renumbered version would leave its test behind).
    for (const key of Object.keys(UPGRADE_SEEDS)) expect(DB_VERSIONS.slice(1).map((v) => v.version)).toContain(Number(key));
  });

  it('opens an empty profile at the newest version with exactly the declared schema', async () => {
    const indexedDB = new IDBFactory();
    const db = new CasefileDB('fresh', { indexedDB, IDBKeyRange });
    await openDatabase(db);
    expect(db.verno).toBe(DB_VERSION);
    db.close();
    expect(await installedSchema('fresh', indexedDB)).toEqual(declaredSchema(DB_VERSIONS.at(-1)!));
  });

  for (const v of DB_VERSIONS.slice(1)) {
    it(`upgrades version ${v.version - 1} data to version ${v.version}`, async () => {
      const indexedDB = new IDBFactory();
      const previous = DB_VERSIONS[DB_VERSIONS.indexOf(v) - 1]!;
      const old = new Dexie('upgrade', { indexedDB, IDBKeyRange });
      old.version(previous.version).stores(previous.stores);
      await UPGRADE_SEEDS[v.version]!.seed(old);
      old.close();
      const db = new CasefileDB('upgrade', { indexedDB, IDBKeyRange });
      await openDatabase(db);
      await UPGRADE_SEEDS[v.version]!.check(db);
      db.close();
      expect(await installedSchema('upgrade', indexedDB)).toEqual(declaredSchema(DB_VERSIONS.at(-1)!));
    });
  }
});
