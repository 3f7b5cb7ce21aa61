import { afterEach, describe, expect, it } from 'vitest';
import type { CasefileDB } from '../../../renderer/db/db';
import { addSource, createCase, createPassage, readCaseSnapshot } from '../../../renderer/db/repositories';
import { createClaimForPassage, updateClaim } from '../../../renderer/db/repositories/claims';
import { updatePassage } from '../../../renderer/db/repositories/passages';
import {
  countUsage,
  createTag,
  deleteTag,
  describeTag,
  ensureTags,
  mergeTags,
  recolorTag,
  renameTag,
  renameTagBranch,
  restoreTag,
  tagUsage,
} from '../../../renderer/db/repositories/tags';
import { buildTagTree, colourName, flattenTree, usageLabel, usageSentence, type TagNode } from '../../../renderer/features/tags/codebook';
import { TAG_PALETTE, tagColor } from '../../../shared/claims/tags';
import type { TagRecord } from '../../../shared/domain/types';
import { normaliseText } from '../../../shared/import/text';
import { freshDb } from './helpers';

let db: CasefileDB;
afterEach(() => db?.close());

const RAW = 'Report\n\nOfficers seized 3.2 tonnes of cocaine. Two men were arrested at the port.';

async function caseWithPassages() {
  const c = await createCase('Port');
  const { text, blocks } = normaliseText(RAW);
  const source = await addSource(c.id, {
    format: 'text',
    text,
    blocks,
    sha256: 'cc'.repeat(32),
    fileName: 'r.txt',
    byteLength: RAW.length,
    mediaType: 'text/plain',
    metadata: { type: 'document', title: 'Report' },
    bytes: new TextEncoder().encode(RAW),
    titleFromFirstLine: true,
  });
  const seizure = await createPassage(source, text.indexOf('Officers'), text.indexOf('cocaine.') + 8);
  const arrest = await createPassage(source, text.indexOf('Two men'), text.length);
  return { c, seizure, arrest };
}

describe('creating tags', () => {
  it('refuses a duplicate name whatever its case, and writes nothing for a bad name', async () => {
    db = await freshDb();
    const { c } = await caseWithPassages();
    const arrests = await createTag(c.id, '  arrests ');
    expect(arrests.name).toBe('arrests');
    await expect(createTag(c.id, 'ARRESTS')).rejects.toThrow('A tag named “arrests” already exists.');
    await expect(createTag(c.id, 'people//police')).rejects.toThrow('has an empty level');
    await expect(createTag(c.id, 'x', { color: '#000000' })).rejects.toThrow('Choose one of the ten codebook colours.');
    expect((await db.tags.toArray()).map((t) => t.name)).toEqual(['arrests']);
  });

  it('gives each new tag the next palette colour unless one is chosen', async () => {
    db = await freshDb();
    const { c } = await caseWithPassages();
    const first = await createTag(c.id, 'arrests');
    const second = await createTag(c.id, 'seizures', { description: ' Drugs or cash taken. ' });
    const third = await createTag(c.id, 'weapons', { color: TAG_PALETTE[6]! });
    expect([first.color, second.color, third.color]).toEqual([tagColor(0), tagColor(1), TAG_PALETTE[6]]);
    expect(second.description).toBe('Drugs or cash taken.');
  });

  it('ensureTags reuses existing tags by name and creates the rest, all or nothing', async () => {
    db = await freshDb();
    const { c } = await caseWithPassages();
    const arrests = await createTag(c.id, 'arrests');
    const [again, fresh] = await ensureTags(c.id, ['Arrests', 'seizures']);
    expect(again!.id).toBe(arrests.id);
    expect(fresh!.name).toBe('seizures');
    await expect(ensureTags(c.id, ['weapons', 'a//b'])).rejects.toThrow('has an empty level');
    expect(await db.tags.count()).toBe(2);
  });
});

describe('renaming', () => {
  it('carries children along and refuses a collision, changing nothing', async () => {
    db = await freshDb();
    const { c } = await caseWithPassages();
    const [parent, nca, europol, source] = await ensureTags(c.id, ['attribution', 'attribution/NCA', 'attribution/Europol', 'source/NCA']);
    await expect(renameTag(parent!.id, 'source')).rejects.toThrow('A tag named “source/NCA” already exists.');
    expect((await db.tags.get(nca!.id))?.name).toBe('attribution/NCA');

    await renameTag(parent!.id, 'said-by');
    expect((await db.tags.get(parent!.id))?.name).toBe('said-by');
    expect((await db.tags.get(nca!.id))?.name).toBe('said-by/NCA');
    expect((await db.tags.get(europol!.id))?.name).toBe('said-by/Europol');
    expect((await db.tags.get(source!.id))?.name).toBe('source/NCA');
  });

  it('refuses to move a tag below itself', async () => {
    db = await freshDb();
    const { c } = await caseWithPassages();
    const [parent] = await ensureTags(c.id, ['attribution', 'attribution/NCA']);
    await expect(renameTag(parent!.id, 'attribution/old')).rejects.toThrow('cannot become its new name');
  });

  it('renames a level that has no tag of its own', async () => {
    db = await freshDb();
    const { c } = await caseWithPassages();
    const [nca, europol] = await ensureTags(c.id, ['attribution/NCA', 'attribution/Europol']);
    await renameTagBranch(c.id, 'attribution', 'source');
    expect((await db.tags.bulkGet([nca!.id, europol!.id])).map((t) => t?.name)).toEqual(['source/NCA', 'source/Europol']);
  });
});

describe('merging', () => {
  it('moves passages and claims onto the target without duplicates, then removes the source tag', async () => {
    db = await freshDb();
    const { c, seizure, arrest } = await caseWithPassages();
    const [seizures, arrests, port] = await ensureTags(c.id, ['seizures', 'arrests', 'port']);
    await updatePassage(seizure.id, { tags: [seizures!.id, port!.id, arrests!.id] });
    await updatePassage(arrest.id, { tags: [port!.id, seizures!.id] });
    const claim = await createClaimForPassage(c.id, seizure.id, { statement: 'Officers seized 3.2 tonnes' });
    await updateClaim(claim.id, { tags: [seizures!.id] });

    await mergeTags(seizures!.id, arrests!.id);
    expect((await db.passages.get(seizure.id))?.tags).toEqual([arrests!.id, port!.id]);
    expect((await db.passages.get(arrest.id))?.tags).toEqual([port!.id, arrests!.id]);
    expect((await db.claims.get(claim.id))?.tags).toEqual([arrests!.id]);
    expect(await db.tags.get(seizures!.id)).toBeUndefined();
    await expect(mergeTags(arrests!.id, arrests!.id)).rejects.toThrow('cannot be merged into itself');
  });
});

describe('usage, colour and description', () => {
  it('counts passages and claims per tag', async () => {
    db = await freshDb();
    const { c, seizure, arrest } = await caseWithPassages();
    const [arrests, seizures, unused] = await ensureTags(c.id, ['arrests', 'seizures', 'unused']);
    await updatePassage(seizure.id, { tags: [seizures!.id, arrests!.id] });
    await updatePassage(arrest.id, { tags: [arrests!.id] });
    const claim = await createClaimForPassage(c.id, arrest.id, { statement: 'Two men were arrested' });
    await updateClaim(claim.id, { tags: [arrests!.id] });
    const usage = await tagUsage(c.id);
    expect(usage.get(arrests!.id)).toEqual({ passages: 2, claims: 1 });
    expect(usage.get(seizures!.id)).toEqual({ passages: 1, claims: 0 });
    expect(usage.has(unused!.id)).toBe(false);
    expect(countUsage([{ tags: ['a', 'a'] }], [])).toEqual(new Map([['a', { passages: 1, claims: 0 }]]));
  });

  it('accepts only palette colours and trims descriptions', async () => {
    db = await freshDb();
    const { c } = await caseWithPassages();
    const tag = await createTag(c.id, 'arrests');
    await expect(recolorTag(tag.id, '#000000')).rejects.toThrow('Choose one of the ten codebook colours.');
    await recolorTag(tag.id, TAG_PALETTE[4]!);
    await describeTag(tag.id, '  Someone taken into custody.  ');
    expect(await db.tags.get(tag.id)).toMatchObject({ color: TAG_PALETTE[4], description: 'Someone taken into custody.' });
    await expect(describeTag(tag.id, 'x'.repeat(1001))).rejects.toThrow('at most 1000 characters');
    await expect(recolorTag('missing', TAG_PALETTE[0]!)).rejects.toThrow('That tag no longer exists.');
  });
});

describe('deleting', () => {
  it('takes the tag off everything, and Undo restores the case exactly', async () => {
    db = await freshDb();
    const { c, seizure, arrest } = await caseWithPassages();
    const [arrests, port] = await ensureTags(c.id, ['arrests', 'port']);
    await updatePassage(seizure.id, { tags: [port!.id, arrests!.id] });
    await updatePassage(arrest.id, { tags: [arrests!.id, port!.id] });
    const claim = await createClaimForPassage(c.id, arrest.id, { statement: 'Two men were arrested' });
    await updateClaim(claim.id, { tags: [arrests!.id] });
    const before = await readCaseSnapshot(c.id);

    const snapshot = await deleteTag(arrests!.id);
    expect((await db.passages.get(seizure.id))?.tags).toEqual([port!.id]);
    expect((await db.passages.get(arrest.id))?.tags).toEqual([port!.id]);
    expect((await db.claims.get(claim.id))?.tags).toEqual([]);
    expect(await db.tags.get(arrests!.id)).toBeUndefined();

    await restoreTag(snapshot);
    expect(await readCaseSnapshot(c.id)).toEqual(before);
  });

  it('Undo keeps edits made after the delete, and refuses if the name was taken again', async () => {
    db = await freshDb();
    const { c, seizure } = await caseWithPassages();
    const [arrests] = await ensureTags(c.id, ['arrests']);
    await updatePassage(seizure.id, { tags: [arrests!.id] });
    const snapshot = await deleteTag(arrests!.id);
    await updatePassage(seizure.id, { comment: 'Check the tonnage.' });
    await restoreTag(snapshot);
    expect(await db.passages.get(seizure.id)).toMatchObject({ comment: 'Check the tonnage.', tags: [arrests!.id] });

    const again = await deleteTag(arrests!.id);
    await createTag(c.id, 'Arrests');
    await expect(restoreTag(again)).rejects.toThrow('Cannot bring back “arrests”');
    expect((await db.passages.get(seizure.id))?.tags).toEqual([]);
  });
});

describe('codebook panel helpers', () => {
  const tag = (name: string, i = 0): TagRecord => ({ id: `t-${name}`, caseId: 'c', name, color: tagColor(i), description: '', createdAt: 0 });

  it('builds a tree by parent/child names, with a node for a level that has no tag of its own', () => {
    const tree = buildTagTree([tag('seizures'), tag('attribution/NCA'), tag('Arrests'), tag('attribution/Europol'), tag('seizures/cash')]);
    const shape = (nodes: TagNode[]): unknown[] => nodes.map((n) => [n.label, n.tag?.id ?? null, ...(n.children.length ? [shape(n.children)] : [])]);
    expect(shape(tree)).toEqual([
      ['Arrests', 't-Arrests'],
      ['attribution', null, [['Europol', 't-attribution/Europol'], ['NCA', 't-attribution/NCA']]],
      ['seizures', 't-seizures', [['cash', 't-seizures/cash']]],
    ]);
    expect(tree[1]!.name).toBe('attribution');
    expect(flattenTree(tree).map((t) => t.name)).toEqual(['Arrests', 'attribution/Europol', 'attribution/NCA', 'seizures', 'seizures/cash']);
  });

  it('words usage for the row and for the delete confirmation', () => {
    expect(usageLabel({ passages: 3, claims: 1 })).toBe('3 passages · 1 claim');
    expect(usageLabel({ passages: 0, claims: 2 })).toBe('2 claims');
    expect(usageLabel(undefined)).toBe('unused');
    expect(usageSentence({ passages: 3, claims: 1 })).toBe('It is used by 3 passages and 1 claim.');
    expect(usageSentence({ passages: 1, claims: 0 })).toBe('It is used by 1 passage.');
    expect(usageSentence(undefined)).toBe('No passage or claim uses it.');
  });

  it('names every palette colour, and no two alike', () => {
    const names = TAG_PALETTE.map(colourName);
    expect(new Set(names).size).toBe(TAG_PALETTE.length);
    expect(names.every((n) => /^[A-Z][a-z]+$/.test(n))).toBe(true);
    expect(colourName('#123456')).toBe('#123456');
  });
});
