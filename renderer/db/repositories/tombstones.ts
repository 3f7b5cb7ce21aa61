/**
 * Deleting is moving to the Trash: a record becomes a tombstone (`deletedAt`
 * set, plus who deleted it, the deletion it was part of and the links that
 * deletion took away) and stays where it is. Every read leaves tombstones
 * out through its index range (renderer/db/live.ts). Restoring (Undo, or the
 * Trash) clears the tombstone and puts the links back; only the Trash's
 * retention and "Empty trash" delete records for good (trash.ts).
 */
import type { Stored, Unlinked } from '../../../shared/domain/types';
import { getDb } from '../db';
import { LIVE } from '../live';

/** The tables whose records can be in the Trash. */
export type TrashTable = 'cases' | 'sources' | 'passages' | 'claims' | 'tags' | 'notes';

/**
 * What a delete returns: the record and the deletion it belongs to. Hand it
 * to `restoreFromTrash` (Undo) to bring back everything that deletion removed.
 */
export interface TrashRef {
  table: TrashTable;
  id: string;
  deletion: string;
}

type Row = Stored<{ id: string }>;

/** Turn records into tombstones of one deletion; `unlinked` gives, per record, the links the deletion took away. */
export async function tombstone<T extends Row>(
  table: TrashTable,
  records: readonly T[],
  opts: { deletion: string; now: number; unlinked?: (record: T) => Unlinked | undefined },
): Promise<void> {
  if (records.length === 0) return;
  const deletedBy = getDb().actor?.id;
  await getDb()
    .table(table)
    .bulkPut(
      records.map((record) => {
        const unlinked = opts.unlinked?.(record);
        return { ...record, deletedAt: opts.now, ...(deletedBy ? { deletedBy } : {}), deletion: opts.deletion, ...(unlinked ? { unlinked } : {}) };
      }),
    );
}

/** The same records, live again: tombstone fields gone. Links are put back by the caller (trash.ts). */
export async function revive<T extends Row>(table: TrashTable, records: readonly T[]): Promise<void> {
  if (records.length === 0) return;
  await getDb()
    .table(table)
    .bulkPut(
      records.map((record) => {
        const { deletedBy: _by, deletion: _deletion, unlinked: _unlinked, ...rest } = record;
        return { ...rest, deletedAt: LIVE };
      }),
    );
}
