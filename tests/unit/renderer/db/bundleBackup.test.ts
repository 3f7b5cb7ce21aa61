import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CasefileDB, DB_VERSION, DatabaseUnavailableError, openDatabase, setBeforeUpgrade, type BeforeUpgrade } from '../../../../renderer/db/db';
import { readCaseSnapshot, addCase } from '../../../../renderer/db/repositories';
import { backUpCases, casesFromStoredTables, ensureDailyBackup, DAY_MS } from '../../../../renderer/features/cases/backups';
import type { BackupHost } from '../../../../renderer/platform';
import { readBackup } from '../../../../shared/bundle/backup';
import type { BundleData } from '../../../../shared/bundle/format';
import type { BackupInfo } from '../../../../shared/ipc/contract';
import { generateCase, withViews } from '../../../fixtures/bundle/generateCase';
import { freshDb } from './helpers';

let db: CasefileDB | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
  setBeforeUpgrade(null);
});

const rich = (seed: number): BundleData => generateCase({ sources: 2, sourceChars: 800, passages: 5, claims: 2, tags: 2, originals: true, seed });

/** A backups folder in memory, behaving like electron/main/backups.ts for the renderer's purposes. */
function memoryHost(existing: BackupInfo[] = []) {
  const stored = new Map<string, Uint8Array>();
  const list = [...existing];
  const host: BackupHost = {
    write: vi.fn(async (bytes: Uint8Array) => {
      const info = { name: `casefile-backup-2026112${list.length}T000000Z.cfbackup`, createdAt: Date.now(), size: bytes.length, cases: 0 };
      stored.set(info.name, bytes);
      list.unshift(info);
      return info;
    }),
    list: vi.fn(async () => [...list]),
    read: vi.fn(async (name: string) => stored.get(name) as Uint8Array),
  };
  return { host, stored };
}

/**
 * A database as an older Casefile (app version 0, IndexedDB version 5) left
 * it: the same stores, holding one case's records.
 */
async function oldDatabase(factory: IDBFactory, name: string, data: BundleData): Promise<void> {
  const stores: Record<string, string> = { cases: 'id', sources: 'id', sourceBlobs: 'sourceId', passages: 'id', claims: 'id', tags: 'id', notes: 'id', meta: 'key' };
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = factory.open(name, 5);
    request.onupgradeneeded = () => {
      for (const [store, keyPath] of Object.entries(stores)) request.result.createObjectStore(store, { keyPath });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const tx = idb.transaction(Object.keys(stores), 'readwrite');
  tx.objectStore('cases').put(data.case);
  for (const table of ['sources', 'passages', 'claims', 'tags', 'notes'] as const) for (const record of data[table]) tx.objectStore(table).put(record);
  for (const blob of data.blobs) tx.objectStore('sourceBlobs').put(blob);
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  idb.close();
}

async function nativeVersion(factory: IDBFactory, name: string): Promise<number | undefined> {
  return (await factory.databases()).find((d) => d.name === name)?.version;
}

describe('backup before a database upgrade', () => {
  it('hands the hook the old data, as stored, before the upgrade runs', async () => {
    const factory = new IDBFactory();
    const data = rich(1);
    await oldDatabase(factory, 'old', data);
    let seenVersion: number | undefined;
    const hook = vi.fn<BeforeUpgrade>(async ({ read }) => {
      seenVersion = await nativeVersion(factory, 'old');
      const cases = casesFromStoredTables(await read());
      expect(cases).toHaveLength(1);
      expect(cases[0]?.case).toEqual(data.case);
      expect(cases[0]?.passages).toHaveLength(data.passages.length);
      expect(cases[0]?.blobs).toHaveLength(data.blobs.length);
    });
    setBeforeUpgrade(hook);
    db = await openDatabase(new CasefileDB('old', { indexedDB: factory, IDBKeyRange }));
    expect(hook).toHaveBeenCalledTimes(1);
    expect(hook.mock.calls[0]?.[0]).toMatchObject({ from: 0, to: DB_VERSION });
    expect(seenVersion).toBe(5);
    expect(await nativeVersion(factory, 'old')).toBe(DB_VERSION * 10);
  });

  it('does not upgrade, and says why, when the backup fails', async () => {
    const factory = new IDBFactory();
    await oldDatabase(factory, 'old', rich(2));
    setBeforeUpgrade(async () => {
      throw new Error('The disk is full.');
    });
    const opening = openDatabase(new CasefileDB('old', { indexedDB: factory, IDBKeyRange }));
    await expect(opening).rejects.toThrow(DatabaseUnavailableError);
    await expect(opening).rejects.toThrow(/backs everything up before converting it, but the backup failed: The disk is full\. Nothing has been changed\./);
    expect(await nativeVersion(factory, 'old')).toBe(5);
  });

  it('is not called for a new database or one already at this version', async () => {
    const hook = vi.fn<BeforeUpgrade>(async () => undefined);
    setBeforeUpgrade(hook);
    const factory = new IDBFactory();
    db = await openDatabase(new CasefileDB('fresh', { indexedDB: factory, IDBKeyRange }));
    db.close();
    db = await openDatabase(new CasefileDB('fresh', { indexedDB: factory, IDBKeyRange }));
    expect(hook).not.toHaveBeenCalled();
  });

  it('backs up a version-2-or-later profile: live records without their Trash fields, views included', async () => {
    const data = withViews(rich(4));
    const tracked = (r: object) => ({ ...r, createdBy: 'actor-1', deletedAt: 0 });
    const trashedNote = { ...tracked(data.notes[1]!), id: 'note-in-trash', deletedAt: Date.UTC(2026, 0, 2), deletedBy: 'actor-1', deletion: 'del-1' };
    const trashedCase = { ...tracked({ ...data.case, id: 'case-in-trash', name: 'Deleted' }), deletedAt: Date.UTC(2026, 0, 3) };
    const cases = casesFromStoredTables({
      cases: [tracked(data.case), trashedCase],
      sources: data.sources.map(tracked),
      sourceBlobs: data.blobs,
      passages: data.passages.map(tracked),
      claims: data.claims.map(tracked),
      tags: data.tags.map(tracked),
      notes: [...data.notes.map(tracked), trashedNote],
      timelineEntries: data.timelineEntries,
      entityMerges: data.entityMerges,
      entityTags: data.entityTags,
      figures: data.figures,
    });
    const stamped = (r: object) => ({ ...r, createdBy: 'actor-1' });
    expect(cases).toEqual([
      {
        ...data,
        case: stamped(data.case),
        sources: data.sources.map(stamped),
        passages: data.passages.map(stamped),
        claims: data.claims.map(stamped),
        tags: data.tags.map(stamped),
        notes: data.notes.map(stamped),
      },
    ]);
    const { host, stored } = memoryHost();
    await backUpCases(host, cases, 'upgrade', { now: Date.UTC(2026, 10, 29), version: 'test' });
    const restored = await readBackup([...stored.values()][0] as Uint8Array);
    expect(restored.ok && restored.cases).toEqual(cases);
  });

  it('writes a restorable backup of the old data through the host', async () => {
    const data = rich(3);
    const { host, stored } = memoryHost();
    await backUpCases(host, [data], 'upgrade', { now: Date.UTC(2026, 10, 29), version: 'test' });
    expect(host.write).toHaveBeenCalledWith(expect.any(Uint8Array), 'upgrade');
    const restored = await readBackup([...stored.values()][0] as Uint8Array);
    expect(restored.ok && restored.cases).toEqual([data]);
  });
});

describe('daily backup', () => {
  it('backs up every case when there is no backup, and not again within a day', async () => {
    db = await freshDb('daily');
    await addCase(rich(4));
    await addCase(rich(5));
    const { host, stored } = memoryHost();
    const now = Date.now();
    expect(await ensureDailyBackup(host, { now, version: 'test' })).not.toBeNull();
    expect(await ensureDailyBackup(host, { now: now + DAY_MS - 60_000, version: 'test' })).toBeNull();
    expect(host.write).toHaveBeenCalledTimes(1);
    const restored = await readBackup([...stored.values()][0] as Uint8Array);
    expect(restored.ok && restored.cases.map((c) => c.case.id).sort()).toEqual([rich(4).case.id, rich(5).case.id].sort());
    expect(await readCaseSnapshot(rich(4).case.id)).not.toBeNull();
  });

  it('takes a new one when the newest is a day old, and none for an empty profile', async () => {
    db = await freshDb('daily-old');
    const old = { name: 'casefile-backup-20261101T000000Z.cfbackup', createdAt: Date.now() - DAY_MS - 1, size: 10, cases: 1 };
    const empty = memoryHost([old]);
    expect(await ensureDailyBackup(empty.host, { version: 'test' })).toBeNull();
    expect(empty.host.write).not.toHaveBeenCalled();
    await addCase(rich(6));
    expect(await ensureDailyBackup(empty.host, { version: 'test' })).not.toBeNull();
    expect(empty.host.write).toHaveBeenCalledWith(expect.any(Uint8Array), 'daily');
  });
});
