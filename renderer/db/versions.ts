/**
 * The database's version history, append-only. Each entry is the complete
 * store list of that version plus an optional upgrade from the one before.
 * Adding a version means adding an entry here AND a seed for the previous
 * version in tests/unit/renderer/db/migrations.test.ts.
 */
import type { Transaction } from 'dexie';
import { newId } from '../../shared/domain/ids';
import type { ActorRecord } from '../../shared/domain/types';
import { TRACKED_TABLES } from './changeTypes';

export interface DbVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

/** The `meta` key of the local actor (who this device's writes are stamped with). */
export const ACTOR_KEY = 'actor';

/** A first-run actor: a new ID and a name the person can change. */
export function newActor(now = Date.now()): ActorRecord {
  const id = newId();
  return { id, name: `Author ${id.slice(0, 4).toUpperCase()}`, createdAt: now };
}

/** Version 2's stores (the one door), which version 3 keeps whole. */
const ONE_DOOR_STORES: Record<string, string> = {
  cases: 'id',
  sources: 'id, [caseId+deletedAt+order], [caseId+sha256]',
  sourceBlobs: 'sourceId',
  passages: 'id, [caseId+deletedAt], [sourceId+deletedAt], *tags',
  claims: 'id, [caseId+deletedAt], *tags',
  tags: 'id, [caseId+deletedAt]',
  notes: 'id, [caseId+deletedAt+order]',
  meta: 'key',
  changes: '++seq, [caseId+seq]',
};

export const DB_VERSIONS: readonly DbVersion[] = [
  {
    version: 1,
    stores: {
      cases: 'id, updatedAt',
      sources: 'id, caseId, [caseId+order], [caseId+sha256]',
      sourceBlobs: 'sourceId',
      passages: 'id, caseId, sourceId, *tags',
      claims: 'id, caseId, status, *tags',
      tags: 'id, caseId, [caseId+name]',
      notes: 'id, caseId, [caseId+order]',
      meta: 'key',
    },
  },
  {
    /*
     * Version 2: one door. Every record of a case gets its creator
     * (`createdBy`) and `deletedAt` (0 = live; a time = in the Trash).
     * Live records are read through compound indexes that start with
     * [caseId+deletedAt] (or [sourceId+deletedAt]), so leaving tombstones out
     * costs nothing: the range [caseId, 0] simply does not contain them.
     * Indexes nothing queried (cases.updatedAt, claims.status,
     * tags.[caseId+name]) are dropped: each index costs every write.
     * `changes` is the change log (changeLog.ts).
     */
    version: 2,
    stores: ONE_DOOR_STORES,
    async upgrade(tx) {
      // Everything a version-1 profile holds was written on this device, so its creator is the actor created now.
      const existing = (await tx.table('meta').get(ACTOR_KEY)) as { value?: ActorRecord } | undefined;
      const actor = existing?.value ?? newActor();
      if (!existing) await tx.table('meta').put({ key: ACTOR_KEY, value: actor });
      for (const table of TRACKED_TABLES) {
        await tx
          .table(table)
          .toCollection()
          .modify((record: Record<string, unknown>) => {
            // As for a new record: its creator alone stands for its last change (lastChange in shared/domain/stamps.ts).
            record.createdBy ??= actor.id;
            record.deletedAt ??= 0;
          });
      }
    },
  },
  {
    /*
     * Version 3: the case views (issue 14). Chronology decisions and
     * hand-made events, entity merges and entity tags of passages, and
     * figures (pictures the brief shows by ID). New tables only: nothing
     * stored before changes.
     */
    version: 3,
    stores: {
      ...ONE_DOOR_STORES,
      timelineEntries: 'id, caseId',
      entityMerges: 'id, caseId',
      entityTags: 'id, caseId, passageId',
      figures: 'id, caseId',
    },
  },
];

export const DB_VERSION = DB_VERSIONS[DB_VERSIONS.length - 1]!.version;
