/** The shapes of the change log (see changeLog.ts), shared by the middleware, the feed and the schema. */

/** The table the change log lives in. */
export const CHANGES_TABLE = 'changes';

/** The tables whose records belong to a case, carry stamps and become tombstones when deleted. */
export const TRACKED_TABLES: ReadonlySet<string> = new Set(['cases', 'sources', 'passages', 'claims', 'tags', 'notes']);

/**
 * The case views' tables (issue 14): records of a case that a team case
 * shares, though they are not tracked here (no stamps; a delete is final and
 * travels as a tombstone in the case document). The read-only lock covers them.
 */
export const VIEW_TABLES: ReadonlySet<string> = new Set(['timelineEntries', 'entityMerges', 'entityTags', 'figures']);

/**
 * Who asked for a write: the person at this device ('local'), a bundle or
 * backup being imported ('import'), a sync layer applying what another device
 * did ('sync'), or the app's own housekeeping ('system': Trash retention).
 */
export type ChangeOrigin = 'local' | 'import' | 'sync' | 'system';

/** What happened to the records: `put` covers every change of an existing record, tombstoning and restoring included. */
export type ChangeOp = 'add' | 'put' | 'delete';

/** One entry of the `changes` table: one request's effect on one case's records of one table. */
export interface ChangeRecord {
  /** Increases with every entry, in commit order (IndexedDB's key generator); assigned on write. */
  seq?: number;
  table: string;
  op: ChangeOp;
  /** Primary keys of the records, in request order. */
  keys: string[];
  /**
   * For `put`: the top-level fields each record changed (parallel to `keys`),
   * or null where the record was new. A put that changed nothing is not logged.
   */
  fields?: (string[] | null)[];
  /** The case the records belong to (the key itself for `cases`); absent for app-wide tables (`meta`, `sourceBlobs`). */
  caseId?: string;
  /** When the write ran (ms). */
  at: number;
  /** The actor (`ActorRecord.id`) whose write it was. */
  actor: string;
  origin: ChangeOrigin;
}
