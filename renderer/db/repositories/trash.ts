/**
 * The Trash: what deleting put aside (tombstones.ts), listed per case,
 * restored with its links, and let go of for good after the retention period
 * or by "Empty trash". Undo after a delete is the same restore.
 */
import type { ActorRecord, CaseRecord, ClaimRecord, EvidenceItem, NoteRecord, PassageRecord, SourceRecord, Stored, TagRecord } from '../../../shared/domain/types';
import { sameTagName } from '../../../shared/claims/tags';
import type { MessageRef } from '../../../shared/i18n';
import { getDb } from '../db';
import { allOf, isLive, liveCase, liveTags, trashedOf } from '../live';
import { runWithOrigin } from '../origin';
import { ACTOR_KEY } from '../versions';
import { caseDataTables } from './cases';
import { RepoError, repoRef } from './errors';
import { revive, type TrashRef, type TrashTable } from './tombstones';

/** How long the Trash keeps what was deleted. */
export const TRASH_RETENTION_DAYS = 30;
export const TRASH_RETENTION_MS = TRASH_RETENTION_DAYS * 24 * 60 * 60 * 1000;

type CaseTable = Exclude<TrashTable, 'cases'>;
const CASE_TABLES: readonly CaseTable[] = ['sources', 'passages', 'claims', 'notes', 'tags'];

/** One line of the Trash: a deleted record (a source stands for the passages deleted with it). */
export interface TrashItem extends TrashRef {
  table: CaseTable;
  /** What the record is, in words: the source's title, the passage's quote, the claim's statement, the note's title, the tag's name. */
  label: string;
  /** Where it was or what came with it, to follow the kind of record ("in “Source title”", "with 3 passages", "by Europol"), for the UI to say in its language; null when there is nothing to add. */
  detail: MessageRef | null;
  deletedAt: number;
  /** Who deleted it, when known. */
  deletedBy: string | null;
}

function clip(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Names of the actors this profile knows (for now, the local one). */
async function actorNames(): Promise<Map<string, string>> {
  const actor = (await getDb().meta.get(ACTOR_KEY))?.value as ActorRecord | undefined;
  return new Map(actor ? [[actor.id, actor.name]] : []);
}

/**
 * Everything of a case that is in the Trash, newest first. Passages deleted
 * together with their source are not listed on their own: the source's line
 * says how many came with it, and restoring it restores them.
 */
export async function listTrash(caseId: string): Promise<TrashItem[]> {
  const db = getDb();
  const [sources, passages, claims, notes, tags, names] = await Promise.all([
    trashedOf('sources', caseId).toArray() as Promise<Stored<SourceRecord>[]>,
    trashedOf('passages', caseId).toArray() as Promise<Stored<PassageRecord>[]>,
    trashedOf('claims', caseId).toArray() as Promise<Stored<ClaimRecord>[]>,
    trashedOf('notes', caseId).toArray() as Promise<Stored<NoteRecord>[]>,
    trashedOf('tags', caseId).toArray() as Promise<Stored<TagRecord>[]>,
    actorNames(),
  ]);
  const byDeletion = new Map(sources.map((s) => [s.deletion, s]));
  const withSource = new Map<string, number>();
  const alone: Stored<PassageRecord>[] = [];
  for (const p of passages) {
    if (p.deletion && byDeletion.has(p.deletion)) withSource.set(p.deletion, (withSource.get(p.deletion) ?? 0) + 1);
    else alone.push(p);
  }
  const titles = new Map<string, string>();
  const sourceIds = [...new Set(alone.map((p) => p.sourceId))];
  for (const s of await db.sources.bulkGet(sourceIds)) if (s) titles.set(s.id, s.metadata.title);
  const who = (by: string | undefined) => (by ? (names.get(by) ?? null) : null);
  const item = (table: CaseTable, r: Stored<{ id: string }>, label: string, detail: MessageRef | null): TrashItem => ({
    table,
    id: r.id,
    deletion: r.deletion ?? '',
    label,
    detail,
    deletedAt: r.deletedAt ?? 0,
    deletedBy: who(r.deletedBy),
  });
  return [
    ...sources.map((s) => {
      const n = (s.deletion && withSource.get(s.deletion)) || 0;
      return item('sources', s, s.metadata.title, n ? { key: 'trash.detail.withPassages', values: { count: n } } : null);
    }),
    ...alone.map((p) => item('passages', p, `“${clip(p.selectors[0].exact)}”`, titles.has(p.sourceId) ? { key: 'trash.detail.inSource', values: { title: clip(titles.get(p.sourceId)!, 80) } } : null)),
    ...claims.map((c) => item('claims', c, clip(c.statement), c.claimant ? { key: 'trash.detail.byClaimant', values: { name: clip(c.claimant, 80) } } : null)),
    ...notes.map((n) => item('notes', n, n.title, null)),
    ...tags.map((t) => item('tags', t, t.name, null)),
  ].sort((a, b) => b.deletedAt - a.deletedAt || a.label.localeCompare(b.label));
}

/** Cases in the Trash, newest first. */
export async function listDeletedCases(): Promise<(Stored<CaseRecord> & { deletedAt: number })[]> {
  const all = await getDb().cases.toArray();
  return all.filter((c): c is Stored<CaseRecord> & { deletedAt: number } => !isLive(c)).sort((a, b) => b.deletedAt - a.deletedAt);
}


/** Put back the links a deletion took away from these records (they are live again by now). */
async function relink(table: CaseTable, records: Stored<{ id: string }>[], now: number): Promise<void> {
  const db = getDb();
  if (table === 'passages') {
    // Per claim, every passage that comes back goes back to its old place: after what was added before it
    // (evidence is listed in the order it was added), and among items added at the same moment, at its old
    // index (lowest first, so the places add up as they were taken away).
    const byClaim = new Map<string, { item: EvidenceItem; index: number }[]>();
    for (const passage of records as Stored<PassageRecord>[]) {
      for (const link of passage.unlinked?.evidence ?? []) {
        const list = byClaim.get(link.claimId) ?? [];
        list.push({ item: { passageId: passage.id, stance: link.stance, addedAt: link.addedAt }, index: link.index });
        byClaim.set(link.claimId, list);
      }
    }
    for (const [claimId, links] of byClaim) {
      const claim = await db.claims.get(claimId);
      if (!claim) continue;
      const evidence = [...claim.evidence];
      for (const { item, index } of links.sort((a, b) => a.index - b.index)) {
        if (evidence.some((e) => e.passageId === item.passageId)) continue;
        const earliest = evidence.findIndex((e) => e.addedAt >= item.addedAt);
        const lo = earliest < 0 ? evidence.length : earliest;
        const later = evidence.findIndex((e) => e.addedAt > item.addedAt);
        const hi = later < 0 ? evidence.length : later;
        evidence.splice(Math.min(Math.max(index, lo), hi), 0, item);
      }
      if (evidence.length !== claim.evidence.length) await db.claims.put({ ...claim, evidence, updatedAt: now });
    }
  } else if (table === 'tags') {
    for (const tag of records as Stored<TagRecord>[]) {
      const add = (tags: string[]) => (tags.includes(tag.id) ? tags : [...tags, tag.id]);
      const passages = (await db.passages.bulkGet(tag.unlinked?.taggedPassages ?? [])).filter((p) => p !== undefined);
      await db.passages.bulkPut(passages.map((p) => ({ ...p, tags: add(p.tags) })));
      const claims = (await db.claims.bulkGet(tag.unlinked?.taggedClaims ?? [])).filter((c) => c !== undefined);
      await db.claims.bulkPut(claims.map((c) => ({ ...c, tags: add(c.tags) })));
    }
  } else if (table === 'notes') {
    for (const note of records as Stored<NoteRecord>[]) {
      const successor = note.unlinked?.brief?.successor;
      const owner = await db.cases.get(note.caseId);
      if (successor && owner?.briefNoteId === successor) await db.cases.update(note.caseId, { briefNoteId: note.id, updatedAt: now });
    }
  } else if (table === 'sources') {
    for (const source of records as Stored<SourceRecord>[]) {
      if (source.unlinked?.wasActive) await db.cases.update(source.caseId, { activeSourceId: source.id });
    }
  }
}

/** Restore every record of one deletion in a case (a source with its passages, or one record). */
async function restoreDeletion(caseId: string, deletion: string, now: number, seen = new Set<string>()): Promise<void> {
  if (seen.has(deletion)) return;
  seen.add(deletion);
  const db = getDb();
  const groups = await Promise.all(
    CASE_TABLES.map(async (table) => ({ table, records: ((await trashedOf(table, caseId).toArray()) as Stored<{ id: string }>[]).filter((r) => r.deletion === deletion) })),
  );
  // A passage whose source is in the Trash (deleted later, on its own) brings its source back first.
  for (const passage of (groups.find((g) => g.table === 'passages')?.records ?? []) as Stored<PassageRecord>[]) {
    const source = await db.sources.get(passage.sourceId);
    if (source && !isLive(source) && source.deletion && source.deletion !== deletion) await restoreDeletion(caseId, source.deletion, now, seen);
  }
  for (const tag of (groups.find((g) => g.table === 'tags')?.records ?? []) as Stored<TagRecord>[]) {
    const clash = (await liveTags(caseId).toArray()).find((t) => sameTagName(t.name, tag.name));
    if (clash) throw new RepoError(repoRef('tagExistsAgain', { name: clash.name }));
  }
  for (const { table, records } of groups) await revive(table, records);
  for (const { table, records } of groups) await relink(table, records, now);
}

/**
 * Bring back what one deletion put in the Trash, with its links: a passage is
 * again evidence of its claims (and its source comes back if it is in the
 * Trash too), a source brings back the passages deleted with it, a tag goes
 * back on its passages and claims, a note is the brief again if it was and no
 * other was chosen since, a case comes back whole. Restoring what is already
 * back does nothing, so a second Undo is harmless.
 */
export async function restoreFromTrash(ref: Pick<TrashRef, 'table' | 'id'>, now = Date.now()): Promise<void> {
  const db = getDb();
  await db.transaction('rw', [db.cases, db.sources, db.passages, db.claims, db.tags, db.notes], async () => {
    const record = (await db.table(ref.table).get(ref.id)) as Stored<{ id: string; caseId?: string }> | undefined;
    if (!record) throw new RepoError(repoRef('notInTrash'));
    if (isLive(record)) return;
    if (ref.table === 'cases') {
      await revive('cases', [record]);
      return;
    }
    const caseId = record.caseId!;
    const owner = await db.cases.get(caseId);
    if (!owner) throw new RepoError(repoRef('ownerGone'));
    if (!isLive(owner)) throw new RepoError(repoRef('ownerInTrash', { name: owner.name }));
    await restoreDeletion(caseId, record.deletion ?? '', now);
  });
}

/**
 * Delete records for good, with the original files of any source among them
 * and the case views' records that name them (the timeline's decisions about
 * a source's dates and events added from a passage, a passage's entity
 * tags): those only mean something beside the record, and it is not coming back.
 */
async function purge(table: CaseTable, caseId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const db = getDb();
  const gone = new Set(ids);
  if (table === 'sources') {
    await db.sourceBlobs.bulkDelete(ids);
    await db.timelineEntries.where('caseId').equals(caseId).filter((e) => gone.has(e.sourceId)).delete();
  }
  if (table === 'passages') {
    await db.timelineEntries.where('caseId').equals(caseId).filter((e) => e.passageId !== undefined && gone.has(e.passageId)).delete();
    await db.entityTags.where('passageId').anyOf(ids).delete();
  }
  await db.table(table).bulkDelete(ids);
}

/** Delete a case and every record it holds for good, its views' records too (inside a read-write transaction over the case tables). Returns how many records went. */
export async function purgeCase(caseId: string): Promise<number> {
  const db = getDb();
  let n = 0;
  for (const table of CASE_TABLES) {
    const ids = (await allOf(table, caseId).primaryKeys()) as string[];
    await purge(table, caseId, ids);
    n += ids.length;
  }
  for (const views of [db.timelineEntries, db.entityMerges, db.entityTags, db.figures]) n += await views.where('caseId').equals(caseId).delete();
  await db.cases.delete(caseId);
  return n + 1;
}

/** How many of a case's records are in the Trash (what the list shows, plus passages deleted with their sources). */
export async function countTrash(caseId: string): Promise<number> {
  let n = 0;
  for (const table of CASE_TABLES) n += await trashedOf(table, caseId).count();
  return n;
}

/**
 * Empty the Trash: everything of this case in it, and every case in it, is
 * deleted for good. Returns how many records went.
 */
export async function emptyTrash(caseId: string): Promise<number> {
  const db = getDb();
  return db.transaction('rw', caseDataTables(db), async () => {
    if (!(await liveCase(caseId))) throw new RepoError(repoRef('caseGone'));
    let n = 0;
    for (const table of CASE_TABLES) {
      const ids = (await trashedOf(table, caseId).primaryKeys()) as string[];
      await purge(table, caseId, ids);
      n += ids.length;
    }
    for (const record of await db.cases.toArray()) if (!isLive(record)) n += await purgeCase(record.id);
    return n;
  });
}

/**
 * The retention period: delete for good whatever has been in the Trash longer
 * than `TRASH_RETENTION_MS` (cases in the Trash go with all their records),
 * and change-log entries as old. Runs as the app's own housekeeping ('system').
 */
export async function purgeExpiredTrash(now = Date.now(), retention = TRASH_RETENTION_MS): Promise<number> {
  const db = getDb();
  const cutoff = now - retention;
  return runWithOrigin('system', async () => {
    let n = 0;
    for (const record of await db.cases.toArray()) {
      if (!isLive(record) && (record.deletedAt ?? 0) < cutoff) {
        n += await purgeCase(record.id);
        continue;
      }
      for (const table of CASE_TABLES) {
        const ids = (await trashedOf(table, record.id, cutoff).primaryKeys()) as string[];
        await purge(table, record.id, ids);
        n += ids.length;
      }
    }
    const firstKept = await db.changes.filter((c) => c.at >= cutoff).first();
    if (firstKept?.seq !== undefined) await db.changes.where('seq').below(firstKept.seq).delete();
    else await db.changes.clear();
    return n;
  });
}
