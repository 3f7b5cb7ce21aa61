/**
 * The queries every read and write in renderer/db builds on. A live record
 * has `deletedAt === 0`; a tombstone (in the Trash) has the time it was
 * deleted. The compound indexes of schema version 2 start with
 * [caseId+deletedAt] or [sourceId+deletedAt], so "the live passages of a
 * case" is one index range that never touches a tombstone, and "the Trash of
 * a case" is the range after it.
 */
import type { Stored } from '../../shared/domain/types';
import { getDb } from './db';

/** `deletedAt` of a live record. */
export const LIVE = 0;

export function isLive(record: { deletedAt?: number } | undefined | null): boolean {
  return !!record && !record.deletedAt;
}

/** The live sources of a case, in list order. */
export function liveSources(caseId: string) {
  return getDb().sources.where('[caseId+deletedAt+order]').between([caseId, LIVE, -Infinity], [caseId, LIVE, Infinity]);
}

/** The live notes of a case, in list order. */
export function liveNotes(caseId: string) {
  return getDb().notes.where('[caseId+deletedAt+order]').between([caseId, LIVE, -Infinity], [caseId, LIVE, Infinity]);
}

export function livePassages(caseId: string) {
  return getDb().passages.where('[caseId+deletedAt]').equals([caseId, LIVE]);
}

export function liveSourcePassages(sourceId: string) {
  return getDb().passages.where('[sourceId+deletedAt]').equals([sourceId, LIVE]);
}

/** Every passage of a source, live or in the Trash. */
export function allSourcePassages(sourceId: string) {
  return getDb().passages.where('[sourceId+deletedAt]').between([sourceId, -Infinity], [sourceId, Infinity]);
}

export function liveClaims(caseId: string) {
  return getDb().claims.where('[caseId+deletedAt]').equals([caseId, LIVE]);
}

export function liveTags(caseId: string) {
  return getDb().tags.where('[caseId+deletedAt]').equals([caseId, LIVE]);
}

type CaseTable = 'sources' | 'passages' | 'claims' | 'tags' | 'notes';

function caseIndex(table: CaseTable): string {
  return table === 'sources' || table === 'notes' ? '[caseId+deletedAt+order]' : '[caseId+deletedAt]';
}

/** A case's records of one table that are in the Trash, deleted before `before` (ms) when given. */
export function trashedOf(table: CaseTable, caseId: string, before = Infinity) {
  return getDb().table(table).where(caseIndex(table)).between([caseId, LIVE + 1], [caseId, before]);
}

/** Every record of a case in one table, live or not. */
export function allOf(table: CaseTable, caseId: string) {
  return getDb().table(table).where(caseIndex(table)).between([caseId, -Infinity], [caseId, Infinity]);
}

/** The case, if it exists and is not in the Trash. */
export async function liveCase(id: string) {
  const record = await getDb().cases.get(id);
  return isLive(record) ? record : undefined;
}

/** A record without its Trash fields: the shape bundles and exports carry (stamps included). */
export function plain<T extends object>(record: Stored<T>): T {
  const { deletedAt: _da, deletedBy: _db, deletion: _dl, unlinked: _ul, ...rest } = record;
  return rest as T;
}
