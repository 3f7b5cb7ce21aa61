/**
 * The codebook: every write to a case's tags.
 *
 * Passages and claims hold tag IDs, never names, so a rename touches only the
 * tags table; a merge or a delete rewrites the `tags` arrays of the records
 * that carry the tag, inside the same transaction as the tag change, so the
 * case is never seen half-merged.
 */
import { newId } from '../../../shared/domain/ids';
import type { ClaimRecord, PassageRecord, TagRecord } from '../../../shared/domain/types';
import { isDescendant, mergeTagIds, normaliseTagName, renameTagPrefix, sameTagName, TAG_PALETTE, tagColor, TagError } from '../../../shared/claims/tags';
import { getDb } from '../db';

/** The longest description a tag keeps; a codebook entry is a definition, not an essay. */
export const MAX_TAG_DESCRIPTION_LENGTH = 1000;

/** How often a tag is used, directly (a parent's count does not include its children). */
export interface TagUsage {
  passages: number;
  claims: number;
}

/** What `deleteTag` removed, so that Undo can put it back exactly. */
export interface TagSnapshot {
  tag: TagRecord;
  /** The records as they were before the tag was taken off them. */
  passages: PassageRecord[];
  claims: ClaimRecord[];
}

/**
 * Create one tag. A name that already exists in the case (ignoring case and
 * spacing) is refused rather than silently reused, because the person typed
 * it into the codebook to get a *new* entry. The colour defaults to the next
 * palette slot, so a case's tags are distinguishable without any choosing.
 */
export async function createTag(caseId: string, name: string, fields: { color?: string; description?: string } = {}, now = Date.now()): Promise<TagRecord> {
  const clean = normaliseTagName(name);
  if (fields.color !== undefined) checkColor(fields.color);
  const description = cleanDescription(fields.description ?? '');
  const db = getDb();
  return db.transaction('rw', db.tags, async () => {
    const existing = await db.tags.where('caseId').equals(caseId).toArray();
    const clash = existing.find((t) => sameTagName(t.name, clean));
    if (clash) throw new TagError(`A tag named “${clash.name}” already exists.`);
    const tag: TagRecord = { id: newId(), caseId, name: clean, color: fields.color ?? tagColor(existing.length), description, createdAt: now };
    await db.tags.add(tag);
    return tag;
  });
}

/**
 * Find or create each named tag, in the order asked. The tag combobox and the
 * annotation importer use this: typing (or importing) a name that exists picks
 * the existing tag, whatever its case. Every name is checked before anything is
 * written, so one bad name leaves the codebook untouched.
 */
export async function ensureTags(caseId: string, names: readonly string[], now = Date.now()): Promise<TagRecord[]> {
  const clean = names.map(normaliseTagName);
  const db = getDb();
  return db.transaction('rw', db.tags, async () => {
    const existing = await db.tags.where('caseId').equals(caseId).toArray();
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

/**
 * Rename a tag and carry its descendants along ("attribution" → "source" turns
 * "attribution/NCA" into "source/NCA"). Refuses a name another tag already has,
 * naming that tag and pointing at Merge, which is what the person usually wants.
 */
export async function renameTag(id: string, newName: string): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.tags, async () => {
    const tag = await db.tags.get(id);
    if (!tag) throw new TagError('That tag no longer exists.');
    await renameWithin(tag.caseId, tag.name, newName);
  });
}

/**
 * Rename a branch of the hierarchy by its name, for a level that has children
 * but no tag of its own (tags "attribution/NCA" and "attribution/Europol" with
 * no "attribution" tag). Everything at or below `fromName` moves.
 */
export async function renameTagBranch(caseId: string, fromName: string, newName: string): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.tags, () => renameWithin(caseId, fromName, newName));
}

async function renameWithin(caseId: string, fromName: string, newName: string): Promise<void> {
  const db = getDb();
  const clean = normaliseTagName(newName);
  const all = await db.tags.where('caseId').equals(caseId).toArray();
  const moving = all.filter((t) => sameTagName(t.name, fromName) || isDescendant(t.name, fromName));
  if (moving.length === 0) throw new TagError(`There is no tag “${fromName}” any more.`);
  const renamed = renameTagPrefix(
    moving.map((t) => t.name),
    fromName,
    clean,
  );
  const movingIds = new Set(moving.map((t) => t.id));
  for (const name of renamed) {
    const clash = all.find((t) => !movingIds.has(t.id) && sameTagName(t.name, name));
    if (clash) throw new TagError(`A tag named “${clash.name}” already exists. Merge the two tags instead of renaming.`);
  }
  for (const [index, tag] of moving.entries()) {
    const name = renamed[index]!;
    if (name !== tag.name) await db.tags.update(tag.id, { name });
  }
}

/**
 * Merge `fromId` into `intoId`: every passage and claim that carried `from`
 * carries `into` instead (once, in `from`'s place), then `from` is deleted.
 * The merged tag's children are left where they are; only the one tag goes.
 */
export async function mergeTags(fromId: string, intoId: string): Promise<void> {
  if (fromId === intoId) throw new TagError('A tag cannot be merged into itself.');
  const db = getDb();
  await db.transaction('rw', db.tags, db.passages, db.claims, async () => {
    const [from, into] = await Promise.all([db.tags.get(fromId), db.tags.get(intoId)]);
    if (!from || !into) throw new TagError('One of those tags no longer exists.');
    if (from.caseId !== into.caseId) throw new TagError('Tags can only be merged within one case.');
    const passages = await db.passages.where('tags').equals(fromId).toArray();
    await db.passages.bulkPut(mergeTagIds(passages, fromId, intoId));
    const claims = await db.claims.where('tags').equals(fromId).toArray();
    await db.claims.bulkPut(mergeTagIds(claims, fromId, intoId));
    await db.tags.delete(fromId);
  });
}

/** Give a tag another palette colour. Only palette colours, because each one is checked for contrast as a highlight. */
export async function recolorTag(id: string, color: string): Promise<void> {
  checkColor(color);
  const changed = await getDb().tags.update(id, { color });
  if (!changed && !(await getDb().tags.get(id))) throw new TagError('That tag no longer exists.');
}

/** Set a tag's codebook description (what the tag means, when to apply it). Empty text clears it. */
export async function describeTag(id: string, text: string): Promise<void> {
  const description = cleanDescription(text);
  const changed = await getDb().tags.update(id, { description });
  if (!changed && !(await getDb().tags.get(id))) throw new TagError('That tag no longer exists.');
}

/** How many passages and claims carry each tag of the case; unused tags are absent from the map. */
export async function tagUsage(caseId: string): Promise<Map<string, TagUsage>> {
  const db = getDb();
  return db.transaction('r', db.passages, db.claims, async () => {
    const [passages, claims] = await Promise.all([db.passages.where('caseId').equals(caseId).toArray(), db.claims.where('caseId').equals(caseId).toArray()]);
    return countUsage(passages, claims);
  });
}

/** Count tag usage over records already in memory (the codebook panel counts from its live queries). */
export function countUsage(passages: readonly Pick<PassageRecord, 'tags'>[], claims: readonly Pick<ClaimRecord, 'tags'>[]): Map<string, TagUsage> {
  const usage = new Map<string, TagUsage>();
  const bump = (id: string, key: keyof TagUsage) => {
    const entry = usage.get(id) ?? { passages: 0, claims: 0 };
    entry[key] += 1;
    usage.set(id, entry);
  };
  for (const p of passages) for (const id of new Set(p.tags)) bump(id, 'passages');
  for (const c of claims) for (const id of new Set(c.tags)) bump(id, 'claims');
  return usage;
}

/**
 * Delete a tag and take it off every passage and claim; they keep their other
 * tags. Returns a snapshot for `restoreTag`, which is how Undo works.
 */
export async function deleteTag(id: string): Promise<TagSnapshot> {
  const db = getDb();
  return db.transaction('rw', db.tags, db.passages, db.claims, async () => {
    const tag = await db.tags.get(id);
    if (!tag) throw new TagError('That tag no longer exists.');
    const passages = await db.passages.where('tags').equals(id).toArray();
    const claims = await db.claims.where('tags').equals(id).toArray();
    await db.passages.bulkPut(passages.map((p) => ({ ...p, tags: p.tags.filter((t) => t !== id) })));
    await db.claims.bulkPut(claims.map((c) => ({ ...c, tags: c.tags.filter((t) => t !== id) })));
    await db.tags.delete(id);
    return { tag, passages, claims };
  });
}

/**
 * Undo `deleteTag`. The tag goes back onto the records that had it, at its old
 * position, without undoing anything else done to them since (a comment
 * edited after the delete stays edited); records deleted since stay deleted.
 * Refused if another tag has taken the name in the meantime.
 */
export async function restoreTag(snapshot: TagSnapshot): Promise<void> {
  const db = getDb();
  const { tag } = snapshot;
  await db.transaction('rw', db.tags, db.passages, db.claims, async () => {
    const existing = await db.tags.where('caseId').equals(tag.caseId).toArray();
    if (existing.some((t) => t.id === tag.id)) return;
    const clash = existing.find((t) => sameTagName(t.name, tag.name));
    if (clash) throw new TagError(`Cannot bring back “${tag.name}”: a tag named “${clash.name}” exists now.`);
    await db.tags.add(tag);
    const passages = await db.passages.bulkGet(snapshot.passages.map((p) => p.id));
    await db.passages.bulkPut(reinsert(passages, snapshot.passages, tag.id));
    const claims = await db.claims.bulkGet(snapshot.claims.map((c) => c.id));
    await db.claims.bulkPut(reinsert(claims, snapshot.claims, tag.id));
  });
}

/** Put `tagId` back into each current record at the index it had in the snapshot. */
function reinsert<T extends { id: string; tags: string[] }>(current: (T | undefined)[], before: readonly T[], tagId: string): T[] {
  const out: T[] = [];
  current.forEach((record, i) => {
    if (!record || record.tags.includes(tagId)) return;
    const at = Math.max(0, before[i]?.tags.indexOf(tagId) ?? 0);
    out.push({ ...record, tags: [...record.tags.slice(0, at), tagId, ...record.tags.slice(at)] });
  });
  return out;
}

function checkColor(color: string): void {
  if (!TAG_PALETTE.includes(color)) throw new TagError('Choose one of the ten codebook colours.');
}

function cleanDescription(text: string): string {
  const description = text.trim();
  if (description.length > MAX_TAG_DESCRIPTION_LENGTH) {
    throw new TagError(`A tag description can be at most ${MAX_TAG_DESCRIPTION_LENGTH} characters; this one has ${description.length}.`);
  }
  return description;
}
