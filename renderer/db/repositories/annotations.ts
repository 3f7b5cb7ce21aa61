/** The database side of W3C annotation export and import (features/passages/annotationsIO.ts). */
import type { PassageRecord, SourceRecord, TagRecord } from '../../../shared/domain/types';
import { getDb } from '../db';
import { isLive, LIVE, liveCase, livePassages, liveSources, liveTags } from '../live';
import { RepoError, repoRef } from './errors';
import { ensureTags } from './tags';

/** A case's live sources, passages and tags, read together. */
export async function readAnnotationTargets(caseId: string): Promise<{ sources: SourceRecord[]; passages: PassageRecord[]; tags: TagRecord[] }> {
  const db = getDb();
  return db.transaction('r', db.sources, db.passages, db.tags, async () => ({
    sources: await liveSources(caseId).toArray(),
    passages: await livePassages(caseId).toArray(),
    tags: await liveTags(caseId).toArray(),
  }));
}

/**
 * Store passages placed from an annotation file, with the codebook tags they
 * name (created when missing), in one transaction: all of them or none. A
 * passage whose ID is in this case's Trash (the file was exported before it
 * was deleted) takes its place, live again, as the file describes it; an ID
 * that is live or belongs elsewhere is refused.
 */
export async function addAnnotatedPassages(caseId: string, planned: readonly { passage: PassageRecord; tagNames: readonly string[] }[]): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.cases, db.passages, db.tags, async () => {
    if (!(await liveCase(caseId))) throw new RepoError(repoRef('caseGoneImport'));
    const names = [...new Set(planned.flatMap((p) => p.tagNames))];
    const tags = names.length ? await ensureTags(caseId, names) : [];
    const idOf = new Map(tags.map((t) => [t.name.toLowerCase(), t.id]));
    const records = planned.map(({ passage, tagNames }) => ({ ...passage, tags: tagNames.map((n) => idOf.get(n.toLowerCase())).filter((id): id is string => Boolean(id)) }));
    const existing = await db.passages.bulkGet(records.map((r) => r.id));
    const replacing = records.filter((_, i) => existing[i] !== undefined);
    if (existing.some((e) => e !== undefined && (isLive(e) || e.caseId !== caseId))) throw new RepoError(repoRef('passagesExist'));
    await db.passages.bulkPut(replacing.map((r) => ({ ...r, deletedAt: LIVE })));
    await db.passages.bulkAdd(records.filter((_, i) => existing[i] === undefined));
  });
}

/** Which of these passage IDs are taken in the profile, and which of those are in this case's Trash (an import may take their place). */
export async function passageIdsTaken(caseId: string, ids: readonly string[]): Promise<{ live: Set<string>; trashed: Set<string> }> {
  const found = await getDb().passages.bulkGet([...ids]);
  const live = new Set<string>();
  const trashed = new Set<string>();
  found.forEach((p) => {
    if (!p) return;
    if (!isLive(p) && p.caseId === caseId) trashed.add(p.id);
    else live.add(p.id);
  });
  return { live, trashed };
}
