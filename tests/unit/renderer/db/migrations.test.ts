import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CasefileDB, openDatabase, readStoredTables, setBeforeUpgrade, type BeforeUpgrade, type StoredTables } from '../../../../renderer/db/db';
import { readCaseSnapshot } from '../../../../renderer/db/repositories';
import { DB_VERSION, DB_VERSIONS, type DbVersion } from '../../../../renderer/db/versions';
import type { ActorRecord, CaseData } from '../../../../shared/domain/types';
import { brief, citation, paragraph, text } from '../../../../shared/brief/build';
import { generateCase } from '../../../fixtures/bundle/generateCase';

/**
 * Every version after the first has an entry here: the data a profile of the
 * PREVIOUS version holds (every table, written by a Dexie that knows only
 * that version's schema, as the old app would have), and the complete
 * contents every table must have after the upgrade. The loop below upgrades
 * the seed and compares EVERY record of EVERY store, so an upgrade that
 * forgets a table, a record or a field fails. Adding a version to
 * renderer/db/versions.ts without an entry here fails the first test.
 */
interface UpgradeSeed {
  /** The previous version's data, table by table. */
  seed(): StoredTables;
  /** Every store after the upgrade, given the seed and what was upgraded (for values the upgrade chose, such as a new actor ID). */
  expected(seed: StoredTables, upgraded: StoredTables): StoredTables;
  /** Further checks through the app's own read path on the upgraded database, given the expected stores. */
  check?(db: CasefileDB, expected: StoredTables): Promise<void>;
}

/** A version-1 profile: two generated cases, with originals, a brief citing passages, and app settings. */
function version1Profile(): StoredTables {
  const one = generateCase({ sources: 3, sourceChars: 1500, passages: 12, claims: 4, tags: 3, originals: true, seed: 101 });
  const two = generateCase({ sources: 1, sourceChars: 600, passages: 2, claims: 1, tags: 0, originals: false, seed: 202 });
  // Fields a version-1 record may or may not have: an unwritten note, a case without an active source.
  const extraNote = { ...two.notes[0]!, id: 'note-never-written', title: 'Empty', content: null, plainText: '', order: 5 };
  const cited = { ...one.notes[0]!, content: brief(paragraph(text('Seized, as reported.'), citation(one.passages[0]!.id))), plainText: 'Seized, as reported.' };
  const cases: CaseData[] = [
    { ...one, notes: [cited, ...one.notes.slice(1)] },
    { ...two, case: { ...two.case, activeSourceId: undefined }, notes: [...two.notes, extraNote] },
  ];
  const all = (key: 'sources' | 'blobs' | 'passages' | 'claims' | 'tags' | 'notes') => cases.flatMap((c) => c[key] as unknown[]);
  return {
    cases: cases.map((c) => JSON.parse(JSON.stringify(c.case)) as unknown),
    sources: all('sources'),
    sourceBlobs: all('blobs'),
    passages: all('passages'),
    claims: all('claims'),
    tags: all('tags'),
    notes: all('notes'),
    meta: [
      { key: 'sampleSeeded', value: Date.UTC(2025, 0, 2) },
      { key: 'activeCaseId', value: one.case.id },
      { key: `exportChoices:${one.case.id}`, value: { format: 'md', style: 'apa' } },
    ],
  };
}

const UPGRADE_SEEDS: Record<number, UpgradeSeed> = {
  2: {
    seed: version1Profile,
    expected(seed, upgraded) {
      const actorRecord = upgraded.meta?.find((m) => (m as { key: string }).key === 'actor') as { value: ActorRecord } | undefined;
      const actor = actorRecord?.value;
      expect(actor?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(actor?.name).toBe(`Author ${actor!.id.slice(0, 4).toUpperCase()}`);
      // Every record of a case: created by this profile's new actor, live. Nothing else changes.
      const stamp = (r: unknown) => ({ ...(r as Record<string, unknown>), createdBy: actor!.id, deletedAt: 0 });
      return {
        cases: seed.cases!.map(stamp),
        sources: seed.sources!.map(stamp),
        sourceBlobs: seed.sourceBlobs!,
        passages: seed.passages!.map(stamp),
        claims: seed.claims!.map(stamp),
        tags: seed.tags!.map(stamp),
        notes: seed.notes!.map(stamp),
        meta: [...seed.meta!, { key: 'actor', value: actor }],
        // The upgrade itself is not a change anyone made: the log starts empty.
        changes: [],
        ...VIEWS_TABLES_EMPTY,
      };
    },
    async check(db, expected) {
      // The app's read path (compound indexes that leave tombstones out) finds every upgraded record.
      const live = (r: unknown) => {
        const { deletedAt, ...rest } = r as { deletedAt: number };
        expect(deletedAt).toBe(0);
        return rest;
      };
      for (const record of expected.cases as { id: string }[]) {
        const snapshot = await readCaseSnapshot(record.id);
        const own = (table: string) => (expected[table] as { caseId: string }[]).filter((r) => r.caseId === record.id).map(live);
        expect(snapshot?.case).toEqual(live(record));
        for (const table of ['sources', 'passages', 'claims', 'tags', 'notes'] as const) {
          expect(sortById(snapshot![table] as unknown[]), table).toEqual(sortById(own(table)));
        }
      }
      expect(db.actor?.id).toBe(((await db.meta.get('actor'))?.value as ActorRecord).id);
    },
  },
  // Version 3 adds the tables of the case views; everything a version-2 profile holds stays exactly as it was.
  3: {
    seed: version2Profile,
    expected: (seed) => ({ ...seed, ...VIEWS_TABLES_EMPTY }),
    async check(db) {
      // The new tables are usable through their indexes.
      await db.entityTags.put({ id: 'et-1', caseId: 'case-x', passageId: 'p-x', entity: 'organization:nca', name: 'NCA', kind: 'organization', createdAt: 3 });
      expect(await db.entityTags.where('passageId').equals('p-x').count()).toBe(1);
      expect(await db.timelineEntries.where('caseId').equals('case-x').count()).toBe(0);
    },
  },
};

/** The tables version 3 adds (chronology decisions, entity merges and tags, figures): empty after any upgrade to it. */
const VIEWS_TABLES_EMPTY: StoredTables = { timelineEntries: [], entityMerges: [], entityTags: [], figures: [] };

/** A version-2 profile: the version-1 profile as version 2 left it (stamped, an actor, a change log). */
function version2Profile(): StoredTables {
  const v1 = version1Profile();
  const actor: ActorRecord = { id: '0b6f7c9e-2d41-4c1a-9f3e-5a7d8c2b1e40', name: 'Lena', createdAt: Date.UTC(2025, 0, 3) };
  const stamp = (rows: unknown[] | undefined): Record<string, unknown>[] => (rows ?? []).map((r) => ({ ...(r as Record<string, unknown>), createdBy: actor.id, deletedAt: 0 }));
  const passages = stamp(v1.passages);
  // One passage in the Trash, as version 2 keeps it.
  passages[0] = { ...passages[0]!, deletedAt: Date.UTC(2025, 0, 4), deletedBy: actor.id, deletion: 'del-1' };
  return {
    cases: stamp(v1.cases),
    sources: stamp(v1.sources),
    sourceBlobs: v1.sourceBlobs!,
    passages,
    claims: stamp(v1.claims),
    tags: stamp(v1.tags),
    notes: stamp(v1.notes),
    meta: [...v1.meta!, { key: 'actor', value: actor }],
    changes: [{ seq: 1, table: 'passages', op: 'put', keys: [String(passages[0]!.id)], fields: [['deletedAt', 'deletedBy', 'deletion']], caseId: String(passages[0]!.caseId), at: Date.UTC(2025, 0, 4), actor: actor.id, origin: 'local' }],
  };
}

type Keyed = { id?: string; key?: string; sourceId?: string; seq?: number };
const keyOf = (r: unknown) => {
  const k = r as Keyed;
  return String(k.id ?? k.key ?? k.sourceId ?? k.seq);
};
function sortById<T>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
}

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

afterEach(() => setBeforeUpgrade(null));

describe('database versions', () => {
  it('are strictly increasing, and every upgrade has a seeded test', () => {
    expect(DB_VERSIONS.length).toBeGreaterThan(1);
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
    it(`upgrades version ${v.version - 1} data (to version ${DB_VERSION}, through ${v.version}), every record of every table`, async () => {
      const indexedDB = new IDBFactory();
      const previous = DB_VERSIONS[DB_VERSIONS.indexOf(v) - 1]!;
      const entry = UPGRADE_SEEDS[v.version]!;
      const seed = entry.seed();
      // The old app's view of the database: its schema and nothing else (no middleware of ours).
      const old = new Dexie('upgrade', { indexedDB, IDBKeyRange });
      old.version(previous.version).stores(previous.stores);
      await old.open();
      expect(Object.keys(seed).sort(), 'the seed fills every store of the previous version').toEqual(Object.keys(declaredSchema(previous)).sort());
      await old.transaction('rw', old.tables, async () => {
        for (const [table, rows] of Object.entries(seed)) await old.table(table).bulkAdd(rows);
      });
      old.close();
      // What the old app left, read back raw, is exactly the seed (structured clone drops `undefined` fields).
      const stored = await readStoredTables('upgrade', indexedDB);

      // The before-upgrade hook (the desktop app's backup) sees that data, at the old version.
      const hook = vi.fn<BeforeUpgrade>(async ({ read }) => {
        expect(await read()).toEqual(stored);
      });
      setBeforeUpgrade(hook);
      const db = new CasefileDB('upgrade', { indexedDB, IDBKeyRange });
      await openDatabase(db);
      expect(hook).toHaveBeenCalledTimes(1);
      expect(hook.mock.calls[0]![0]).toMatchObject({ from: previous.version, to: DB_VERSION });

      const upgraded = await readStoredTables('upgrade', indexedDB);
      const expected = entry.expected(stored, upgraded);
      expect(Object.keys(upgraded).sort()).toEqual(Object.keys(expected).sort());
      for (const table of Object.keys(expected)) {
        expect(upgraded[table]!.length, `${table}: number of records`).toBe(expected[table]!.length);
        expect(sortById(upgraded[table]!), `${table}: every record`).toEqual(sortById(expected[table]!));
      }
      await entry.check?.(db, expected);
      db.close();
      expect(await installedSchema('upgrade', indexedDB)).toEqual(declaredSchema(DB_VERSIONS.at(-1)!));
    });
  }
});
