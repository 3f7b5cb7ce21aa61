import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import {
  CasefileDB,
  CLOSED_BY_OTHER_WINDOW,
  DatabaseTooNewError,
  DatabaseUnavailableError,
  getDb,
  isClosedError,
  isQuotaError,
  onDatabaseClosed,
  openDatabase,
  STORAGE_FULL_MESSAGE,
  storageErrorMessage,
  storageErrorRef,
  storedVersion,
} from '../../../../renderer/db/db';
import { createTranslator, translateRef } from '../../../../shared/i18n';
import { DB_VERSION, DB_VERSIONS } from '../../../../renderer/db/versions';
import { createCase } from '../../../../renderer/db/repositories';

/** A raw Dexie at some version, written and closed, as a newer (or older) app would leave it. */
async function writeRaw(indexedDB: IDBFactory, version: number, stores: Record<string, string>, rows: Record<string, unknown[]> = {}): Promise<void> {
  const raw = new Dexie('casefile', { indexedDB, IDBKeyRange });
  raw.version(version).stores(stores);
  await raw.open();
  for (const [table, items] of Object.entries(rows)) await raw.table(table).bulkPut(items);
  raw.close();
}

async function nativeVersions(indexedDB: IDBFactory): Promise<Record<string, number | undefined>> {
  return Object.fromEntries((await indexedDB.databases()).map((d) => [d.name, d.version]));
}

describe('opening the database', () => {
  it('refuses a database written by a newer Casefile and leaves it untouched', async () => {
    const indexedDB = new IDBFactory();
    const futureRow = { id: 'c1', name: 'From the future', extra: [1, 2] };
    await writeRaw(indexedDB, 99, { cases: 'id, name', futureThings: 'id' }, { cases: [futureRow], futureThings: [{ id: 'f1' }] });
    const before = await nativeVersions(indexedDB);

    const db = new CasefileDB('casefile', { indexedDB, IDBKeyRange });
    const refusal = await openDatabase(db).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DatabaseTooNewError);
    expect((refusal as Error).message).toBe(
      `This case file was written by a newer version of Casefile (database version 99; this app understands up to ${DB_VERSION}). Update Casefile to open it. Nothing has been changed.`,
    );
    expect(db.isOpen()).toBe(false);
    // It never opens by itself either: a repository call is refused instead of reaching the newer data.
    await expect(db.cases.toArray()).rejects.toMatchObject({ name: 'DatabaseClosedError' });

    expect(await nativeVersions(indexedDB)).toEqual(before);
    const again = new Dexie('casefile', { indexedDB, IDBKeyRange });
    await again.open();
    expect(again.verno).toBe(99);
    expect(again.tables.map((t) => t.name).sort()).toEqual(['cases', 'futureThings']);
    expect(await again.table('cases').toArray()).toEqual([futureRow]);
    again.close();
  });

  it('probes the stored version without databases(), leaving nothing behind', async () => {
    const indexedDB = new IDBFactory();
    const withoutList = { open: (name: string) => indexedDB.open(name) } as unknown as IDBFactory;
    expect(await storedVersion('casefile', withoutList)).toBeNull();
    expect(await indexedDB.databases()).toEqual([]);
    await writeRaw(indexedDB, 7, { cases: 'id' });
    expect(await storedVersion('casefile', withoutList)).toBe(70);
  });

  it('reopens its own database, and one Dexie patched to native version 11 is not "newer"', async () => {
    const indexedDB = new IDBFactory();
    const db = await openDatabase(new CasefileDB('casefile', { indexedDB, IDBKeyRange }));
    const record = await createCase('Port Velden');
    db.close();
    const reopened = await openDatabase(new CasefileDB('casefile', { indexedDB, IDBKeyRange }));
    expect(getDb()).toBe(reopened);
    expect(await reopened.cases.get(record.id)).toMatchObject(record);
    reopened.close();

    const patched = new IDBFactory();
    await writeRaw(patched, DB_VERSION + 0.1, DB_VERSIONS.at(-1)!.stores as Record<string, string>, { cases: [record] });
    const db11 = await openDatabase(new CasefileDB('casefile', { indexedDB: patched, IDBKeyRange }));
    expect(await db11.cases.get(record.id)).toEqual(record);
    db11.close();
  });

  it('closes for good, with a reason, when another window upgrades the database', async () => {
    const indexedDB = new IDBFactory();
    const db = await openDatabase(new CasefileDB('casefile', { indexedDB, IDBKeyRange }));
    await createCase('Port Velden');
    const told: string[] = [];
    const unsubscribe = onDatabaseClosed((reason) => told.push(reason));
    await writeRaw(indexedDB, DB_VERSION + 1, { cases: 'id, updatedAt', newer: 'id' });
    unsubscribe();
    const error = await db.cases.toArray().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'DatabaseClosedError' });
    expect(isClosedError(error)).toBe(true);
    expect(storageErrorMessage(error, db)).toBe(CLOSED_BY_OTHER_WINDOW);
    expect(CLOSED_BY_OTHER_WINDOW).toMatch(/can no longer save\. Everything saved until now is safe\. Reload this window/);
    // The page is told at once, so it can offer the unsaved text before anything else fails.
    expect(told).toEqual([CLOSED_BY_OTHER_WINDOW]);
    // The newer window's database was not reopened (or patched) by this one.
    expect((await nativeVersions(indexedDB)).casefile).toBe((DB_VERSION + 1) * 10);
  });

  it('tells the caller when an upgrade waits for another window, then continues once it closes', async () => {
    const indexedDB = new IDBFactory();
    // An older app's connection (native version 5) that ignores requests to close.
    const held = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('casefile', 5);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const messages: string[] = [];
    const opening = openDatabase(new CasefileDB('casefile', { indexedDB, IDBKeyRange }), { onBlocked: (m) => messages.push(m) });
    await expect.poll(() => messages.length).toBe(1);
    expect(messages[0]).toBe('Casefile is waiting for another Casefile window to close before it can update your data. Close the other window to continue.');
    held.close();
    const db = await opening;
    expect(db.verno).toBe(DB_VERSION);
    db.close();
  });

  it('opens by name on the default IndexedDB and becomes the shared database', async () => {
    const db = await openDatabase('casefile-named');
    expect(db).toBeInstanceOf(CasefileDB);
    expect(db.name).toBe('casefile-named');
    expect(getDb()).toBe(db);
    expect(await openDatabase('casefile-named')).toBe(db);
    db.close();
    // Two callers at once (React StrictMode runs effects twice) share one connection.
    const [a, b] = await Promise.all([openDatabase('casefile-twice'), openDatabase('casefile-twice')]);
    expect(a).toBe(b);
    a.close();
  });

  it('explains storage failures in words a person can act on', () => {
    expect(storageErrorMessage({ name: 'QuotaExceededError' })).toBe(STORAGE_FULL_MESSAGE);
    expect(storageErrorMessage({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(STORAGE_FULL_MESSAGE);
    expect(STORAGE_FULL_MESSAGE).toMatch(/storage is full.*nothing was written.*deleting cases or sources you no longer need/);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError(new Error('boom'))).toBe(false);
    expect(storageErrorMessage({ name: 'MissingAPIError' })).toMatch(/IndexedDB is unavailable/);
    expect(storageErrorMessage(new Error('boom'))).toBe('Casefile could not use its database: boom');
    expect(new DatabaseUnavailableError({ key: 'storageError.aborted' })).toBeInstanceOf(Error);
  });

  it('says the same failures, and a newer database, in Spanish through their message references', () => {
    const es = createTranslator('es');
    expect(storageErrorRef({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toEqual({ key: 'storageError.full' });
    expect(translateRef(es, storageErrorRef({ name: 'MissingAPIError' }))).toMatch(/^Casefile no puede usar el almacenamiento de este navegador/);
    expect(translateRef(es, storageErrorRef(new Error('boom')))).toBe('Casefile no ha podido usar su base de datos: boom');
    const tooNew = new DatabaseTooNewError(DB_VERSION + 3);
    expect(tooNew.message).toMatch(/^This case file was written by a newer version of Casefile/);
    expect(translateRef(es, tooNew.detail)).toBe(
      `Estos datos los escribió una versión más reciente de Casefile (versión de la base de datos ${DB_VERSION + 3}; esta aplicación entiende hasta la ${DB_VERSION}). Actualiza Casefile para abrirlos. No se ha cambiado nada.`,
    );
  });
});
