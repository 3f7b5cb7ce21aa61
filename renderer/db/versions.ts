/**
 * The database's version history, append-only. Each entry is the complete
 * store list of that version plus an optional upgrade from the one before.
 * Adding a version means adding an entry here AND a seed for the previous
 * version in tests/unit/renderer/db/migrations.test.ts.
 */
import type { Transaction } from 'dexie';

export interface DbVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

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
     * Chronology decisions and hand-made events, entity merges and entity
     * tags of passages, and figures (pictures the brief shows by ID). New
     * tables only: nothing stored before changes.
     */
    version: 2,
    stores: {
      cases: 'id, updatedAt',
      sources: 'id, caseId, [caseId+order], [caseId+sha256]',
      sourceBlobs: 'sourceId',
      passages: 'id, caseId, sourceId, *tags',
      claims: 'id, caseId, status, *tags',
      tags: 'id, caseId, [caseId+name]',
      notes: 'id, caseId, [caseId+order]',
      meta: 'key',
      timelineEntries: 'id, caseId',
      entityMerges: 'id, caseId',
      entityTags: 'id, caseId, passageId',
      figures: 'id, caseId',
    },
  },
];

export const DB_VERSION = DB_VERSIONS[DB_VERSIONS.length - 1]!.version;
