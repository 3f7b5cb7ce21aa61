import Dexie, { type EntityTable, type Table } from 'dexie';
import type { CaseRecord, ClaimRecord, NoteRecord, PassageRecord, SourceBlobRecord, SourceRecord, TagRecord } from '../../shared/domain/types';
import { DB_VERSION, DB_VERSIONS } from './versions';

export interface MetaRecord {
  key: string;
  value: unknown;
}

export const DB_NAME = 'casefile';

/** The one database: typed tables for every record kind. */
export class CasefileDB extends Dexie {
  cases!: EntityTable<CaseRecord, 'id'>;
  sources!: EntityTable<SourceRecord, 'id'>;
  sourceBlobs!: Table<SourceBlobRecord, string>;
  passages!: EntityTable<PassageRecord, 'id'>;
  claims!: EntityTable<ClaimRecord, 'id'>;
  tags!: EntityTable<TagRecord, 'id'>;
  notes!: EntityTable<NoteRecord, 'id'>;
  meta!: Table<MetaRecord, string>;
  /** The IndexedDB factory in use (the browser's, or fake-indexeddb in tests). */
  readonly factory: IDBFactory;

  constructor(name = DB_NAME, options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {}) {
    // User content is written with strict durability: a committed write survives a crash.
    super(name, { chromeTransactionDurability: 'strict', ...options });
    this.factory = options.indexedDB ?? globalThis.indexedDB;
    for (const v of DB_VERSIONS) {
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
  }
}

/** A database written by a newer Casefile. We refuse it rather than risk writing to it. */
export class DatabaseTooNewError extends Error {
  constructor(readonly found: number) {
    super(
      `This case file was written by a newer version of Casefile (database version ${found}; this app understands up to ${DB_VERSION}). Update Casefile to open it. Nothing has been changed.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

let current: CasefileDB | undefined;

export function getDb(): CasefileDB {
  current ??= new CasefileDB();
  return current;
}

/** Swap the database (tests, or a profile reset). */
export function setDb(db: CasefileDB): void {
  current = db;
}

/** Existing version of a database without opening (or upgrading) it through Dexie. */
async function existingVersion(name: string, factory: IDBFactory): Promise<number | null> {
  if (typeof factory.databases === 'function') {
    const list = await factory.databases();
    const found = list.find((d) => d.name === name);
    return found?.version ?? null;
  }
  return null;
}

/**
 * Open the database. A database from a newer app is refused before Dexie
 * touches it (Dexie stores version × 10 natively, hence the division).
 */
export async function openDatabase(db: CasefileDB = getDb()): Promise<CasefileDB> {
  const native = await existingVersion(db.name, db.factory);
  if (native !== null && native / 10 > DB_VERSION) throw new DatabaseTooNewError(native / 10);
  try {
    await db.open();
  } catch (error) {
    const err = error as { name?: string; message?: string };
    if (err.name === 'VersionError') {
      const match = /\((\d+)\)[^()]*$/.exec(err.message ?? '');
      throw new DatabaseTooNewError(match ? Number(match[1]) / 10 : DB_VERSION + 1);
    }
    if (err.name === 'InvalidStateError' || err.name === 'MissingAPIError') {
      throw new Error('Casefile cannot use this browser’s storage (IndexedDB is unavailable, for example in a private window). Nothing has been changed.', { cause: error });
    }
    throw new Error(`Casefile could not open its database: ${err.message ?? String(error)}`, { cause: error });
  }
  return db;
}
