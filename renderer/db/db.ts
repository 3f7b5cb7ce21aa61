import Dexie, { type EntityTable } from 'dexie';
import type {
  ActorRecord,
  CaseRecord,
  ClaimRecord,
  EntityMergeRecord,
  EntityTagRecord,
  FigureRecord,
  NoteRecord,
  PassageRecord,
  SourceBlobRecord,
  SourceRecord,
  Stored,
  TagRecord,
  TimelineEntryRecord,
} from '../../shared/domain/types';
import { englishText, type MessageRef } from '../../shared/i18n';
import { changeLogMiddleware } from './changeLog';
import type { ChangeRecord } from './changeTypes';
import { ACTOR_KEY, DB_VERSION, DB_VERSIONS, newActor } from './versions';

export { DB_VERSION } from './versions';

/** A small app-wide flag or setting (for example `sampleSeeded`), keyed by name. */
export interface MetaRecord {
  key: string;
  value: unknown;
}

export const DB_NAME = 'casefile';

/** Test and benchmark hooks: another IndexedDB implementation (fake-indexeddb). */
export interface CasefileDBOptions {
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

/**
 * The one database: typed tables for every record kind.
 *
 * It never opens itself (`autoOpen: false`): the only way in is
 * {@link openDatabase}, which first checks that the stored database is not
 * from a newer Casefile. Dexie 4 would otherwise open a newer database as it
 * is, and could even patch its schema, which writes to data we do not
 * understand.
 */
export class CasefileDB extends Dexie {
  cases!: EntityTable<Stored<CaseRecord>, 'id'>;
  sources!: EntityTable<Stored<SourceRecord>, 'id'>;
  sourceBlobs!: EntityTable<SourceBlobRecord, 'sourceId'>;
  passages!: EntityTable<Stored<PassageRecord>, 'id'>;
  claims!: EntityTable<Stored<ClaimRecord>, 'id'>;
  tags!: EntityTable<Stored<TagRecord>, 'id'>;
  notes!: EntityTable<Stored<NoteRecord>, 'id'>;
  meta!: EntityTable<MetaRecord, 'key'>;
  timelineEntries!: EntityTable<TimelineEntryRecord, 'id'>;
  entityMerges!: EntityTable<EntityMergeRecord, 'id'>;
  entityTags!: EntityTable<EntityTagRecord, 'id'>;
  figures!: EntityTable<FigureRecord, 'id'>;
  /** The change log (changeLog.ts); written only by its middleware. */
  changes!: EntityTable<ChangeRecord, 'seq'>;
  /** Whose writes these are: loaded (or created, on first run) each time the database opens. */
  actor: ActorRecord | null = null;
  /** The IndexedDB factory in use (the browser's, or fake-indexeddb in tests). */
  readonly factory: IDBFactory;
  /** Why the connection was closed under us, when it was; shown instead of a bare Dexie error. */
  closedReason: string | null = null;

  constructor(name = DB_NAME, options: CasefileDBOptions = {}) {
    // User content is written with strict durability: a committed write survives a crash.
    super(name, { chromeTransactionDurability: 'strict', autoOpen: false, ...options });
    this.factory = options.indexedDB ?? globalThis.indexedDB;
    for (const v of DB_VERSIONS) {
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
    // One door: every mutation of every table is stamped and logged here.
    this.use(changeLogMiddleware(() => this.actor?.id ?? null));
    this.on(
      'ready',
      async (vip: Dexie) => {
        const stored = (await vip.table('meta').get(ACTOR_KEY)) as MetaRecord | undefined;
        if (stored) this.actor = stored.value as ActorRecord;
        else {
          this.actor = newActor();
          await vip.table('meta').put({ key: ACTOR_KEY, value: this.actor });
        }
      },
      true,
    );
    // Another window (a newer Casefile) wants to upgrade or delete the database.
    // Dexie closes the connection; with autoOpen off it stays closed (reopening
    // would reach the newer schema), and we record why for the message.
    this.on('versionchange', () => {
      this.closedReason = CLOSED_BY_OTHER_WINDOW;
      this.close();
      for (const listener of closedListeners) listener(CLOSED_BY_OTHER_WINDOW);
    });
  }
}

/** Why the connection closed when another window upgraded (or deleted) the database. */
export const CLOSED_BY_OTHER_WINDOW = englishText({ key: 'storageError.closedByOtherWindow' });

const closedListeners = new Set<(reason: string) => void>();

/** Be told when another window takes the database away (see the `versionchange` handler); returns the unsubscribe. */
export function onDatabaseClosed(listener: (reason: string) => void): () => void {
  closedListeners.add(listener);
  return () => closedListeners.delete(listener);
}

/** A database written by a newer Casefile. We refuse it rather than risk writing to it. `detail` is the message for the UI. */
export class DatabaseTooNewError extends Error {
  readonly detail: MessageRef;

  constructor(readonly found: number) {
    const detail: MessageRef = { key: 'storageError.tooNew', values: { found, understood: DB_VERSION } };
    super(englishText(detail));
    this.detail = detail;
    this.name = 'DatabaseTooNewError';
  }
}

/** The database could not be opened or was closed; the message (`detail`, its English as `message`) says what the person can do. */
export class DatabaseUnavailableError extends Error {
  readonly detail: MessageRef;

  constructor(detail: MessageRef, options?: { cause?: unknown }) {
    super(englishText(detail), options);
    this.detail = detail;
    this.name = 'DatabaseUnavailableError';
  }
}

let current: CasefileDB | undefined;

/** The stored tables before an upgrade, as raw records (table name → every record). */
export type StoredTables = Record<string, unknown[]>;

/**
 * Runs before a stored database is upgraded to this version's schema, with a
 * way to read the old data as it is. The desktop app backs every case up
 * here (features/cases/backups.ts). If it throws, the upgrade does not run.
 */
export type BeforeUpgrade = (upgrade: { from: number; to: number; read(): Promise<StoredTables> }) => Promise<void>;

let beforeUpgrade: BeforeUpgrade | null = null;

/** Register (or with `null`, remove) the hook that runs before every database upgrade. */
export function setBeforeUpgrade(hook: BeforeUpgrade | null): void {
  beforeUpgrade = hook;
}

/** Every record of every store, read with plain IndexedDB at the stored version (no schema of ours applied). */
export async function readStoredTables(name: string, factory: IDBFactory): Promise<StoredTables> {
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = factory.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB refused to open the database.'));
  });
  try {
    const names = Array.from(idb.objectStoreNames);
    if (names.length === 0) return {};
    const tx = idb.transaction(names, 'readonly');
    const entries = await Promise.all(
      names.map(
        (store) =>
          new Promise<[string, unknown[]]>((resolve, reject) => {
            const request = tx.objectStore(store).getAll();
            request.onsuccess = () => resolve([store, request.result as unknown[]]);
            request.onerror = () => reject(request.error ?? new Error(`Could not read ${store}.`));
          }),
      ),
    );
    return Object.fromEntries(entries);
  } finally {
    idb.close();
  }
}

/**
 * The database every repository and hook uses. One instance per window, so
 * live queries and writes share a connection (and its change notifications).
 */
export function getDb(): CasefileDB {
  current ??= new CasefileDB();
  return current;
}

/** Swap the database (tests, or a profile reset). The caller owns closing the old one. */
export function setDb(db: CasefileDB): void {
  current = db;
}

/**
 * The stored database's IndexedDB version without opening it through Dexie,
 * or null when it does not exist. Uses `indexedDB.databases()`; where that is
 * missing, opens without a version and aborts the creation of a database
 * that did not exist, so the probe never leaves anything behind.
 */
export async function storedVersion(name: string, factory: IDBFactory): Promise<number | null> {
  if (typeof factory.databases === 'function') {
    const found = (await factory.databases()).find((d) => d.name === name);
    return found?.version ?? null;
  }
  return new Promise((resolve, reject) => {
    const request = factory.open(name);
    let created = false;
    request.onupgradeneeded = () => {
      created = true;
      request.transaction?.abort();
    };
    request.onsuccess = () => {
      const version = request.result.version;
      request.result.close();
      resolve(version);
    };
    request.onerror = (event) => {
      if (created) {
        event.preventDefault();
        resolve(null);
      } else reject(request.error ?? new Error('IndexedDB refused to open the database.'));
    };
  });
}

/** Dexie stores version × 10 natively (and may add a little when it patches a schema). */
function appVersion(nativeVersion: number): number {
  return Math.floor(nativeVersion / 10);
}

/**
 * Open the database (the shared one, a named one, or a given instance) and make
 * it the one repositories and hooks use. A database from a newer Casefile is
 * refused before Dexie touches it, with {@link DatabaseTooNewError}; any
 * other failure becomes a {@link DatabaseUnavailableError} with a message a
 * person can act on. `onBlocked` is told when an upgrade waits for another
 * Casefile window to close, so the UI can say so instead of hanging silently.
 */
export async function openDatabase(
  target: string | CasefileDB = DB_NAME,
  opts: { onBlocked?: (message: string) => void } = {},
): Promise<CasefileDB> {
  const db = typeof target !== 'string' ? target : current?.name === target ? current : new CasefileDB(target);
  // Shared before the first await, so concurrent callers (React StrictMode runs
  // effects twice) get one connection. Until open succeeds, every query on it
  // is refused (autoOpen is off), so nothing can reach a refused database.
  setDb(db);
  const native = await storedVersion(db.name, db.factory).catch((error: unknown) => {
    throw new DatabaseUnavailableError(storageErrorRef(error), { cause: error });
  });
  if (native !== null && appVersion(native) > DB_VERSION) throw new DatabaseTooNewError(appVersion(native));
  if (native !== null && appVersion(native) < DB_VERSION && beforeUpgrade) {
    try {
      await beforeUpgrade({ from: appVersion(native), to: DB_VERSION, read: () => readStoredTables(db.name, db.factory) });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new DatabaseUnavailableError({ key: 'storageError.backupFailed', values: { reason: (error as { detail?: MessageRef } | null)?.detail ?? reason } }, { cause: error });
    }
  }
  const onBlocked = () =>
    opts.onBlocked?.('Casefile is waiting for another Casefile window to close before it can update your data. Close the other window to continue.');
  db.on('blocked', onBlocked);
  try {
    await db.open();
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name;
    if (name === 'VersionError') throw new DatabaseTooNewError(native === null ? DB_VERSION + 1 : appVersion(native));
    throw new DatabaseUnavailableError(storageErrorRef(error, db), { cause: error });
  } finally {
    db.on('blocked').unsubscribe(onBlocked);
  }
  db.closedReason = null;
  return db;
}

/** What to say, and what to free, when the browser's storage for Casefile is full. */
export const STORAGE_FULL_MESSAGE = englishText({ key: 'storageError.full' });

/** Whether a failed write failed because storage is full (directly, or as the cause of an aborted transaction). */
export function isQuotaError(error: unknown): boolean {
  const e = error as { name?: unknown; inner?: { name?: unknown } } | null;
  return e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError';
}

/** Whether a failed write failed because the database was closed under us (another window upgraded it). */
export function isClosedError(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'DatabaseClosedError';
}

/**
 * A human message for a storage failure, for notices and the boot screen.
 * Dexie's own messages name internals ("DatabaseClosedError"); these say what
 * happened to the person's data and what to do.
 */
export function storageErrorMessage(error: unknown, db: CasefileDB | undefined = current): string {
  return englishText(storageErrorRef(error, db));
}

/** {@link storageErrorMessage} as a catalogue message (the `storageError` area), for the UI to show in its language. */
export function storageErrorRef(error: unknown, db: CasefileDB | undefined = current): MessageRef {
  const name = (error as { name?: unknown } | null)?.name;
  const inner = (error as { inner?: { name?: unknown } } | null)?.inner?.name;
  switch (name) {
    case 'DatabaseClosedError':
      return { key: db?.closedReason ? 'storageError.closedByOtherWindow' : 'storageError.closed' };
    case 'MissingAPIError':
    case 'InvalidStateError':
      return { key: 'storageError.unavailable' };
    case 'QuotaExceededError':
      return { key: 'storageError.full' };
    case 'AbortError':
      if (inner === 'QuotaExceededError') return storageErrorRef({ name: inner }, db);
      return { key: 'storageError.aborted' };
    default: {
      const message = (error as { message?: unknown } | null)?.message;
      return { key: 'storageError.other', values: { reason: typeof message === 'string' && message ? message : String(error) } };
    }
  }
}
