/**
 * A claim's shared status log: append-only entries that record what their
 * author had seen, so concurrent changes can be told from successive ones.
 *
 * Every entry lists in `seen` the entries that were the log's heads when its
 * author wrote it (usually one). The heads of the log are the entries nobody
 * has seen yet. One head: everyone agrees. Several heads that set different
 * statuses: people changed the status at the same time, and the claim shows
 * "changed at the same time by …" until someone confirms (an entry that has
 * seen all heads, see `confirmEntry`).
 *
 * The current status is the latest head by (time, author, id). Taking it among
 * the heads rather than among all entries means a change made *after* seeing
 * another one wins even when its author's clock runs behind; between
 * concurrent changes, time and then author decide, the same on every device.
 */
import type { ClaimStatus, StatusChange } from '../domain/types';

export interface StatusEntry {
  id: string;
  /** Epoch ms, the author's clock. */
  at: number;
  /** Actor ID of the author. */
  by: string;
  from: ClaimStatus;
  to: ClaimStatus;
  reason?: string;
  /** IDs of the heads the author had seen. */
  seen: string[];
  /** A confirmation of the current status after a concurrent change, not a change of its own. */
  confirms?: true;
}

/** Order by (time, author, id): the tie-breaks every device applies the same way. */
export function compareEntries(a: StatusEntry, b: StatusEntry): number {
  return a.at - b.at || (a.by < b.by ? -1 : a.by > b.by ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Entries no other entry has seen, oldest first. */
export function statusHeads(entries: readonly StatusEntry[]): StatusEntry[] {
  const seen = new Set<string>();
  for (const entry of entries) for (const id of entry.seen) seen.add(id);
  return entries.filter((entry) => !seen.has(entry.id)).sort(compareEntries);
}

/** The claim's status now: the latest head, or `initial` for an empty log. */
export function currentStatus(entries: readonly StatusEntry[], initial: ClaimStatus): ClaimStatus {
  const heads = statusHeads(entries);
  return heads.length === 0 ? initial : heads[heads.length - 1]!.to;
}

/**
 * The heads that disagree, when people changed the status at the same time
 * and nobody has confirmed since; null otherwise. Concurrent changes to the
 * same status are not a conflict.
 */
export function concurrentChanges(entries: readonly StatusEntry[]): StatusEntry[] | null {
  const heads = statusHeads(entries);
  return new Set(heads.map((h) => h.to)).size > 1 ? heads : null;
}

/** The log as the app's records keep it: changes only (no confirmations), in order. */
export function toStatusChanges(entries: readonly StatusEntry[]): StatusChange[] {
  return [...entries]
    .filter((e) => !e.confirms)
    .sort(compareEntries)
    .map((e) => ({ at: e.at, from: e.from, to: e.to, ...(e.reason === undefined ? {} : { reason: e.reason }) }));
}

/** A new entry changing the status to `to`, having seen the current heads. */
export function changeEntry(
  entries: readonly StatusEntry[],
  initial: ClaimStatus,
  change: { id: string; at: number; by: string; to: ClaimStatus; reason?: string },
): StatusEntry {
  return {
    id: change.id,
    at: change.at,
    by: change.by,
    from: currentStatus(entries, initial),
    to: change.to,
    ...(change.reason === undefined ? {} : { reason: change.reason }),
    seen: statusHeads(entries).map((h) => h.id),
  };
}

/** A confirmation of the current status that has seen every head: it ends a "changed at the same time". */
export function confirmEntry(entries: readonly StatusEntry[], initial: ClaimStatus, confirm: { id: string; at: number; by: string }): StatusEntry {
  const status = currentStatus(entries, initial);
  return { id: confirm.id, at: confirm.at, by: confirm.by, from: status, to: status, seen: statusHeads(entries).map((h) => h.id), confirms: true };
}

/** What the "changed at the same time by …" marker shows to one person. */
export interface ConcurrentStatusMarker {
  /** The disagreeing changes, oldest first by (time, author, id); the last one is the status shown. */
  changes: StatusEntry[];
  /**
   * Who to name: the authors of those changes other than `viewer` (the viewer knows their own), in the
   * order of their changes; every author when the viewer made none of them.
   */
  others: string[];
}

/**
 * The marker for `viewer`, or null when nobody changed the status at the same time or someone has since
 * confirmed. The rule is `concurrentChanges`: changes are concurrent when no later entry has seen them
 * (each is a head of the log: its author had not seen the others when writing it, or they would be in
 * its `seen`) and they set different statuses. A confirmation, or any change made after seeing them all,
 * ends it.
 */
export function concurrentStatusMarker(entries: readonly StatusEntry[], viewer: string): ConcurrentStatusMarker | null {
  const changes = concurrentChanges(entries);
  if (!changes) return null;
  const authors = [...new Set(changes.map((c) => c.by))];
  const others = authors.filter((by) => by !== viewer);
  return { changes, others: others.length > 0 ? others : authors };
}
