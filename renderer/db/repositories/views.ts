/**
 * Writes for the case's views (issue 14): what the user decided about found
 * dates and the events they added by hand (Timeline), alias merges and
 * entity tags of passages (Entities), and figures the brief shows (Evidence
 * map). Each function is one `rw` transaction that checks the records it
 * refers to belong to the same case; a refused write throws a `RepoError`
 * with a message for the user and stores nothing.
 */
import { describe as describeSelectors } from '../../../shared/anchoring';
import { MAX_FIGURE_BYTES } from '../../../shared/bundle/limits';
import { figureSize } from '../../../shared/bundle/validate';
import type { EntityKind, EntityMergeRecord, EntityTagRecord, EventDate, FigureRecord, TimelineEntryRecord } from '../../../shared/domain/types';
import { entityMergeId, entityTagId, foundDateEntryId } from '../../../shared/domain/viewIds';
import { getDb } from '../db';
import { isLive } from '../live';
import { RepoError, repoRef } from './errors';

const LABEL_MAX = 500;

/** A found date, as the timeline knows it: its source and the offsets of its words. */
export interface FoundDateRef {
  sourceId: string;
  start: number;
  end: number;
}

/**
 * Confirm, correct or dismiss a found date. One decision per date: a new
 * decision replaces the previous one. Returns the stored record and the one
 * it replaced (for Undo).
 */
export async function decideFoundDate(
  caseId: string,
  found: FoundDateRef,
  decision: { kind: 'confirmed' | 'corrected' | 'dismissed'; date?: EventDate; label?: string },
  now = Date.now(),
): Promise<{ entry: TimelineEntryRecord; replaced: TimelineEntryRecord | null }> {
  if (decision.kind === 'corrected' && !decision.date) throw new RepoError(repoRef('correctedDate'));
  const db = getDb();
  return db.transaction('rw', db.sources, db.timelineEntries, async () => {
    const source = await db.sources.get(found.sourceId);
    if (!source || !isLive(source) || source.caseId !== caseId) throw new RepoError(repoRef('sourceGoneDate'));
    if (found.start < 0 || found.end > source.text.length || found.end <= found.start) throw new RepoError(repoRef('dateMoved'));
    const selectors = describeSelectors(source.text, found.start, found.end);
    const existing = (await db.timelineEntries.where('caseId').equals(caseId).toArray()).find(
      (e) => e.kind !== 'manual' && e.sourceId === found.sourceId && e.selectors?.[1].start === found.start && e.selectors[1].end === found.end,
    );
    const entry: TimelineEntryRecord = {
      id: existing?.id ?? foundDateEntryId(found.sourceId, found.start, found.end),
      caseId,
      kind: decision.kind,
      sourceId: found.sourceId,
      selectors,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    if (decision.kind === 'corrected' && decision.date) entry.date = decision.date;
    const label = decision.label?.trim().slice(0, LABEL_MAX);
    if (label) entry.label = label;
    await db.timelineEntries.put(entry);
    return { entry, replaced: existing ?? null };
  });
}

/** Add a confirmed event by hand, dated by the user, from a passage of the case. */
export async function addManualEvent(caseId: string, passageId: string, date: EventDate, label: string, now = Date.now()): Promise<TimelineEntryRecord> {
  const db = getDb();
  return db.transaction('rw', db.passages, db.timelineEntries, async () => {
    const passage = await db.passages.get(passageId);
    if (!passage || !isLive(passage) || passage.caseId !== caseId) throw new RepoError(repoRef('passageGoneEvent'));
    const entry: TimelineEntryRecord = { id: crypto.randomUUID(), caseId, kind: 'manual', sourceId: passage.sourceId, passageId, date, createdAt: now, updatedAt: now };
    const text = label.trim().slice(0, LABEL_MAX);
    if (text) entry.label = text;
    await db.timelineEntries.add(entry);
    return entry;
  });
}

/** Delete a timeline entry (undo a decision, remove a manual event). Returns what was deleted, for Undo. */
export async function removeTimelineEntry(id: string): Promise<TimelineEntryRecord | null> {
  const db = getDb();
  return db.transaction('rw', db.timelineEntries, async () => {
    const entry = await db.timelineEntries.get(id);
    if (entry) await db.timelineEntries.delete(id);
    return entry ?? null;
  });
}

/** Put back an entry exactly as it was (the Undo of a removal or a replaced decision). */
export async function restoreTimelineEntry(entry: TimelineEntryRecord): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.timelineEntries, async () => {
    await db.timelineEntries.put(entry);
  });
}

// ------------------------------------------------------------ entities

/** Merge the entity `alias` into `into` ("NCA" is "National Crime Agency"). */
export async function mergeEntities(caseId: string, alias: string, into: string, now = Date.now()): Promise<EntityMergeRecord> {
  if (alias === into) throw new RepoError(repoRef('mergeSelf'));
  const db = getDb();
  return db.transaction('rw', db.cases, db.entityMerges, async () => {
    if (!(await db.cases.get(caseId))) throw new RepoError(repoRef('caseGone'));
    const merges = await db.entityMerges.where('caseId').equals(caseId).toArray();
    // Refuse a merge that would make the target an alias of the alias.
    const next = new Map(merges.map((m) => [m.alias, m.into]));
    for (let at: string | undefined = into, i = 0; at !== undefined && i < 64; at = next.get(at), i++) {
      if (at === alias) throw new RepoError(repoRef('mergedOtherWay'));
    }
    if (merges.some((m) => m.alias === alias)) throw new RepoError(repoRef('aliasMerged'));
    const record: EntityMergeRecord = { id: entityMergeId(caseId, alias), caseId, alias, into, createdAt: now };
    await db.entityMerges.add(record);
    return record;
  });
}

/** Undo a merge: both entities come back as they were. Returns the removed merge (for redo). */
export async function unmergeEntities(mergeId: string): Promise<EntityMergeRecord | null> {
  const db = getDb();
  return db.transaction('rw', db.entityMerges, async () => {
    const merge = await db.entityMerges.get(mergeId);
    if (merge) await db.entityMerges.delete(mergeId);
    return merge ?? null;
  });
}

/** Tag a passage with an entity. Tagging it again with the same entity changes nothing. */
export async function tagPassageWithEntity(
  caseId: string,
  passageId: string,
  entity: { key: string; name: string; kind: EntityKind },
  now = Date.now(),
): Promise<EntityTagRecord> {
  const db = getDb();
  return db.transaction('rw', db.passages, db.entityTags, async () => {
    const passage = await db.passages.get(passageId);
    if (!passage || !isLive(passage) || passage.caseId !== caseId) throw new RepoError(repoRef('passageNotInCase'));
    const existing = (await db.entityTags.where('passageId').equals(passageId).toArray()).find((t) => t.entity === entity.key);
    if (existing) return existing;
    const record: EntityTagRecord = { id: entityTagId(passageId, entity.key), caseId, passageId, entity: entity.key, name: entity.name, kind: entity.kind, createdAt: now };
    await db.entityTags.add(record);
    return record;
  });
}

export async function untagPassageEntity(id: string): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.entityTags, async () => {
    await db.entityTags.delete(id);
  });
}

// ------------------------------------------------------------ figures

// The same limit a bundle holds its figures to, so every figure stored here can be exported.
export { MAX_FIGURE_BYTES };

/** Store a figure for the brief. The brief's node refers to it by ID only. */
export async function addFigure(figure: Omit<FigureRecord, 'id' | 'createdAt'>, now = Date.now()): Promise<FigureRecord> {
  const size = figureSize(figure);
  if (size > MAX_FIGURE_BYTES) throw new RepoError(repoRef('figureTooLarge', { size: Math.round(size / 1048576), max: MAX_FIGURE_BYTES / 1048576 }));
  const db = getDb();
  return db.transaction('rw', db.cases, db.figures, async () => {
    if (!(await db.cases.get(figure.caseId))) throw new RepoError(repoRef('caseGone'));
    const record: FigureRecord = { ...figure, id: crypto.randomUUID(), createdAt: now };
    await db.figures.add(record);
    return record;
  });
}

/** Every figure of a case (the exports resolve the brief's figure nodes against these). */
export async function readFigures(caseId: string): Promise<FigureRecord[]> {
  const db = getDb();
  return db.figures.where('caseId').equals(caseId).toArray();
}
