import { newId } from '../../../shared/domain/ids';
import type { TagRecord } from '../../../shared/domain/types';
import { normaliseTagName, sameTagName, TAG_PALETTE, tagColor, TagError, tagRef } from '../../../shared/claims/tags';
import { getDb } from '../db';
import { isLive, liveClaims, livePassages, liveTags } from '../live';
import { tombstone, type TrashRef } from './tombstones';

/** Create the named tags that do not exist yet in the case; return all of them, in the order asked. */
export async function ensureTags(caseId: string, names: readonly string[], now = Date.now()): Promise<TagRecord[]> {
  const db = getDb();
  const clean = names.map(normaliseTagName);
  return db.transaction('rw', db.tags, async () => {
    const existing = await liveTags(caseId).toArray();
    const result: TagRecord[] = [];
    for (const name of clean) {
      let tag = existing.find((t) => sameTagName(t.name, name));
      if (!tag) {
        tag = { id: newId(), caseId, name, color: tagColor(existing.length), description: '', createdAt: now };
        await db.tags.add(tag);
        existing.push(tag);
      }
      result.push(tag);
    }
    return result;
  });
}

/** Create one tag; a duplicate name in the case is refused. */
export async function createTag(caseId: string, name: string): Promise<TagRecord> {
  const clean = normaliseTagName(name);
  const existing = await liveTags(caseId).toArray();
  if (existing.some((t) => sameTagName(t.name, clean))) throw new TagError(tagRef('exists', { name: clean }));
  const [tag] = await ensureTags(caseId, [clean]);
  return tag!;
}

/** Rename a tag and every tag below it (`parent/child`); passages and claims hold ids, so they follow. */
export async function renameTag(id: string, newName: string): Promise<void> {
  const db = getDb();
  const clean = normaliseTagName(newName);
  await db.transaction('rw', db.tags, async () => {
    const tag = await db.tags.get(id);
    if (!tag || !isLive(tag)) throw new TagError(tagRef('gone'));
    const all = await liveTags(tag.caseId).toArray();
    const prefix = `${tag.name}/`;
    const moving = all.filter((t) => t.id === id || t.name.startsWith(prefix));
    const renamed = new Map(moving.map((t) => [t.id, t.id === id ? clean : `${clean}/${t.name.slice(prefix.length)}`]));
    for (const name of renamed.values()) {
      const clash = all.find((t) => !renamed.has(t.id) && sameTagName(t.name, name));
      if (clash) throw new TagError(tagRef('existsMerge', { name: clash.name }));
    }
    for (const [tid, name] of renamed) await db.tags.update(tid, { name });
  });
}

/**
 * Merge `fromId` into `intoId`: every passage and claim that had it gets the
 * other (once), those in the Trash included; `from` goes to the Trash, empty.
 */
export async function mergeTags(fromId: string, intoId: string): Promise<void> {
  if (fromId === intoId) throw new TagError(tagRef('mergeSelf'));
  const db = getDb();
  await db.transaction('rw', db.tags, db.passages, db.claims, async () => {
    const [from, into] = await Promise.all([db.tags.get(fromId), db.tags.get(intoId)]);
    if (!from || !into || !isLive(from) || !isLive(into)) throw new TagError(tagRef('oneGone'));
    const swap = (tags: string[]) => [...new Set(tags.map((t) => (t === fromId ? intoId : t)))];
    const passages = await db.passages.where('tags').equals(fromId).toArray();
    await db.passages.bulkPut(passages.map((p) => ({ ...p, tags: swap(p.tags) })));
    const claims = await db.claims.where('tags').equals(fromId).toArray();
    await db.claims.bulkPut(claims.map((c) => ({ ...c, tags: swap(c.tags) })));
    await tombstone('tags', [from], { deletion: newId(), now: Date.now() });
  });
}

export async function updateTag(id: string, patch: { color?: string; description?: string }): Promise<void> {
  if (patch.color !== undefined && !TAG_PALETTE.includes(patch.color)) throw new TagError(tagRef('colour'));
  const db = getDb();
  await db.transaction('rw', db.tags, async () => {
    if (!isLive(await db.tags.get(id))) throw new TagError(tagRef('gone'));
    await db.tags.update(id, { ...patch, ...(patch.description !== undefined ? { description: patch.description.trim() } : {}) });
  });
}

export async function tagUsage(caseId: string): Promise<Map<string, { passages: number; claims: number }>> {
  const usage = new Map<string, { passages: number; claims: number }>();
  const bump = (id: string, key: 'passages' | 'claims') => {
    const u = usage.get(id) ?? { passages: 0, claims: 0 };
    u[key]++;
    usage.set(id, u);
  };
  for (const p of await livePassages(caseId).toArray()) p.tags.forEach((t) => bump(t, 'passages'));
  for (const c of await liveClaims(caseId).toArray()) c.tags.forEach((t) => bump(t, 'claims'));
  return usage;
}

/**
 * Move a tag to the Trash and take it off every passage and claim (those in
 * the Trash too); the tombstone remembers which, so restoring puts it back.
 */
export async function deleteTag(id: string, now = Date.now()): Promise<TrashRef> {
  const db = getDb();
  return db.transaction('rw', db.tags, db.passages, db.claims, async () => {
    const tag = await db.tags.get(id);
    if (!tag || !isLive(tag)) throw new TagError(tagRef('gone'));
    const passages = await db.passages.where('tags').equals(id).toArray();
    const claims = await db.claims.where('tags').equals(id).toArray();
    await db.passages.bulkPut(passages.map((p) => ({ ...p, tags: p.tags.filter((t) => t !== id) })));
    await db.claims.bulkPut(claims.map((c) => ({ ...c, tags: c.tags.filter((t) => t !== id) })));
    const deletion = newId();
    await tombstone('tags', [tag], { deletion, now, unlinked: () => ({ taggedPassages: passages.map((p) => p.id), taggedClaims: claims.map((c) => c.id) }) });
    return { table: 'tags', id, deletion };
  });
}
