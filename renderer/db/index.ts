/**
 * The door into the database for code outside renderer/db: opening it, its
 * errors, the upgrade hook, writes with an origin and the change feed.
 * Reads are the hooks (hooks.ts) and writes the repositories
 * (repositories/). Nothing outside renderer/db imports db.ts (a lint rule
 * says so), so no feature can reach a table around the change log.
 */
export {
  CLOSED_BY_OTHER_WINDOW,
  DB_NAME,
  DB_VERSION,
  DatabaseTooNewError,
  DatabaseUnavailableError,
  STORAGE_FULL_MESSAGE,
  isClosedError,
  isQuotaError,
  onDatabaseClosed,
  openDatabase,
  setBeforeUpgrade,
  storageErrorMessage,
  storageErrorRef,
  type BeforeUpgrade,
  type StoredTables,
} from './db';
export { runWithOrigin } from './origin';
export { lockCase, unlockCase, ReadOnlyCaseError } from './caseLocks';
export { latestSeq, oldestSeq, readChangesSince, subscribeChanges, type ChangeOrigin, type ChangeQuery, type RecordChange } from './changeFeed';
