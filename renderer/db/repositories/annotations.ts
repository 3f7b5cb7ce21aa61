/** The database side of W3C annotation export and import (features/passages/annotationsIO.ts). */
import type { PassageRecord, SourceRecord, TagRecord } from '../../../shared/domain/types';
import { getDb } from '../db';
import { allOf, liveCase, livePassages, liveSources, liveTags } from '../live';
import { RepoError } from './errors';
import { ensureTags } from './tags';

/**
 * A case's live sources, passages and tags, read together, and the ID of
 * every passage of the case, those in the Trash included (an ID is taken
 * either way).
 */
export async function readAnnotationTargets(caseId: string): Promise<{ sources: SourceRecord[]; passages: PassageRecord[]; tags: TagRecord[]; passageIds: Set<string> }> {
  const db = getDb();
  return db.transaction('r', db.sources, db.passages, db.tags, async () => ({
    sources: await liveSources(caseId).toArray(),
    passages: await livePassages(caseId).toArray(),
    tags: await liveTags(caseId).toArray(),
    passageIds: new Set((await allOf('passages', caseId).primaryKeys()) as string[]),
  }));
}

/**
 * Store passages placed from an annotation file, with the codebook tags they
 * name (created when missing), in one transaction: all of them or none.
 */
export async function addAnnotatedPassages(caseId: string, planned: readonly { passage: PassageRecord; tagNames: readonly string[] }[]): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.cases, db.passages, db.tags, async () => {
    if (!(await liveCase(caseId))) throw new RepoError('That case no longer exists, so nothing was imported.');
    const names = [...new Set(planned.flatMap((p) => p.tagNames))];
    const tags = names.length ? await ensureTags(caseId, names) : [];
    const idOf = new Map(tags.map((t) => [t.name.toLowerCase(), t.id]));
    await db.passages.bulkAdd(
      planned.map(({ passage, tagNames }) => ({ ...passage, tags: tagNames.map((n) => idOf.get(n.toLowerCase())).filter((id): id is string => Boolean(id)) })),
    );
  });
}
