/**
 * Reading the change log (changeLog.ts): "everything since seq N", for a
 * sync layer or any other consumer that keeps a cursor. Entries are expanded
 * to one change per record. A consumer stores the `lastSeq` it was given and
 * asks again from there; it skips its own origin ('sync') so what it applied
 * is never sent back. The log keeps the Trash's retention period (30 days):
 * a consumer whose cursor is older than `oldestSeq()` starts again from the
 * records themselves.
 */
import { liveQuery } from 'dexie';
import { getDb } from './db';
import type { ChangeOp, ChangeOrigin, ChangeRecord } from './changeTypes';

export type { ChangeOp, ChangeOrigin, ChangeRecord } from './changeTypes';

/** One record's change. `fields` lists what a `put` changed (null: the record was new). */
export interface RecordChange {
  seq: number;
  table: string;
  key: string;
  op: ChangeOp;
  fields: string[] | null;
  caseId?: string;
  at: number;
  actor: string;
  origin: ChangeOrigin;
}

export interface ChangeQuery {
  /** Only changes to this case's records (the case itself included). */
  caseId?: string;
  /** Leave out changes of these origins (a sync layer passes ['sync']). */
  skipOrigins?: readonly ChangeOrigin[];
  /** At most this many log entries per call (each may hold many records); default 500. */
  limit?: number;
}

function expand(entry: ChangeRecord): RecordChange[] {
  return entry.keys.map((key, i) => ({
    seq: entry.seq!,
    table: entry.table,
    key,
    op: entry.op,
    fields: entry.fields?.[i] ?? null,
    ...(entry.caseId !== undefined ? { caseId: entry.caseId } : {}),
    at: entry.at,
    actor: entry.actor,
    origin: entry.origin,
  }));
}

/**
 * The changes after `since` (a seq; 0 for the start), oldest first, and the
 * seq to ask from next time. `lastSeq` moves past skipped entries too.
 */
export async function readChangesSince(since: number, query: ChangeQuery = {}): Promise<{ changes: RecordChange[]; lastSeq: number }> {
  const db = getDb();
  const limit = query.limit ?? 500;
  const entries = await (query.caseId !== undefined
    ? db.changes.where('[caseId+seq]').between([query.caseId, since], [query.caseId, Infinity], false, false)
    : db.changes.where('seq').above(since)
  )
    .limit(limit)
    .toArray();
  const skip = new Set(query.skipOrigins ?? []);
  return {
    changes: entries.filter((e) => !skip.has(e.origin)).flatMap(expand),
    lastSeq: entries.at(-1)?.seq ?? since,
  };
}

/** The newest seq in the log (0 when it is empty): where a new consumer that already has the records starts. */
export async function latestSeq(): Promise<number> {
  return ((await getDb().changes.orderBy('seq').lastKey()) as number | undefined) ?? 0;
}

/** The oldest seq still in the log (0 when it is empty). */
export async function oldestSeq(): Promise<number> {
  return ((await getDb().changes.orderBy('seq').firstKey()) as number | undefined) ?? 0;
}

/**
 * Call `listener` with every new change after `since`, in order, as writes
 * commit (in this window, in other windows and in workers alike). Returns
 * the unsubscribe function.
 */
export function subscribeChanges(since: number, query: ChangeQuery, listener: (changes: RecordChange[], lastSeq: number) => void): () => void {
  let cursor = since;
  let reading: Promise<void> = Promise.resolve();
  let closed = false;
  const catchUp = () => {
    reading = reading.then(async () => {
      for (;;) {
        if (closed) return;
        const { changes, lastSeq } = await readChangesSince(cursor, query);
        if (lastSeq === cursor) return;
        cursor = lastSeq;
        if (changes.length > 0 && !closed) listener(changes, lastSeq);
      }
    });
  };
  // Observes the range after the cursor, so any new entry (from any connection) wakes it.
  const subscription = liveQuery(() => getDb().changes.where('seq').above(cursor).count()).subscribe({ next: catchUp, error: () => undefined });
  return () => {
    closed = true;
    subscription.unsubscribe();
  };
}
