import { afterEach, describe, expect, it } from 'vitest';
import type { CasefileDB } from '../../../../renderer/db/db';
import { addSource, createCase, createPassage, readCaseSnapshot } from '../../../../renderer/db/repositories';
import { createClaimForPassage, updateClaim } from '../../../../renderer/db/repositories/claims';
import { createTag, deleteTag, ensureTags, mergeTags, renameTag, tagUsage, updateTag } from '../../../../renderer/db/repositories/tags';
import { restoreFromTrash } from '../../../../renderer/db/repositories';
import { normaliseText } from '../../../../shared/import/text';
import { caseContent, freshDb } from './helpers';

let db: CasefileDB;
afterEach(() => db?.close());

async function caseWithPassage() {
  const c = await createCase('Port');
  const raw = 'Report\n\nOfficers seized 3.2 tonnes of cocaine.';
  const { text, blocks } = normaliseText(raw);
  const source = await addSource(c.id, { format: 'text', text, blocks, sha256: 'cc'.repeat(32), fileName: 'r.txt', byteLength: raw.length, mediaType: 'text/plain', metadata: { type: 'document', title: 'Report' }, bytes: new TextEncoder().encode(raw), titleFromFirstLine: true });
  const passage = await createPassage(source, 8, 40);
  return { c, passage };
}

describe('codebook', () => {
  it('creates tags once, refusing a duplicate name whatever its case', async () => {
    db = await freshDb();
    const { c } = await caseWithPassage();
    const [a] = await ensureTags(c.id, ['arrests']);
    const [again] = await ensureTags(c.id, ['Arrests']);
    expect(again!.id).toBe(a!.id);
    await expect(createTag(c.id, 'ARRESTS')).rejects.toThrow('A tag named “ARRESTS” already exists.');
    await expect(createTag(c.id, 'people//police')).rejects.toThrow();
    expect(await db.tags.count()).toBe(1);
  });

  it('renames a parent and its children together, and refuses a collision', async () => {
    db = await freshDb();
    const { c } = await caseWithPassage();
    const [parent, nca, europol, other] = await ensureTags(c.id, ['attribution', 'attribution/NCA', 'attribution/Europol', 'source']);
    await renameTag(parent!.id, 'said-by');
    expect((await db.tags.get(nca!.id))?.name).toBe('said-by/NCA');
    expect((await db.tags.get(europol!.id))?.name).toBe('said-by/Europol');
    await expect(renameTag(nca!.id, 'source')).rejects.toThrow('A tag named “source” already exists.');
    expect((await db.tags.get(other!.id))?.name).toBe('source');
  });

  it('merges one tag into another on every passage and claim, without duplicates', async () => {
    db = await freshDb();
    const { c, passage } = await caseWithPassage();
    const [seizures, arrests] = await ensureTags(c.id, ['seizures', 'arrests']);
    await db.passages.update(passage.id, { tags: [seizures!.id, arrests!.id] });
    const claim = await createClaimForPassage(c.id, passage.id, { statement: 'Officers seized 3.2 tonnes' });
    await updateClaim(claim.id, { tags: [seizures!.id] });
    await mergeTags(seizures!.id, arrests!.id);
    expect((await db.passages.get(passage.id))?.tags).toEqual([arrests!.id]);
    expect((await db.claims.get(claim.id))?.tags).toEqual([arrests!.id]);
    expect(await db.tags.get(seizures!.id)).toMatchObject({ name: 'seizures', deletedAt: expect.any(Number) });
    expect((await ensureTags(c.id, ['arrests', 'seizures'])).map((t) => t.id)).not.toContain(seizures!.id);
    expect((await tagUsage(c.id)).get(arrests!.id)).toEqual({ passages: 1, claims: 1 });
  });

  it('deletes a tag everywhere and Undo restores the case exactly', async () => {
    db = await freshDb();
    const { c, passage } = await caseWithPassage();
    const [tag] = await ensureTags(c.id, ['arrests']);
    await db.passages.update(passage.id, { tags: [tag!.id] });
    const before = await readCaseSnapshot(c.id);
    const snapshot = await deleteTag(tag!.id);
    expect((await db.passages.get(passage.id))?.tags).toEqual([]);
    await restoreFromTrash(snapshot);
    expect(caseContent(await readCaseSnapshot(c.id))).toEqual(caseContent(before));
  });

  it('only accepts palette colours', async () => {
    db = await freshDb();
    const { c } = await caseWithPassage();
    const [tag] = await ensureTags(c.id, ['arrests']);
    await expect(updateTag(tag!.id, { color: '#000000' })).rejects.toThrow('Choose one of the codebook colours.');
  });
});
