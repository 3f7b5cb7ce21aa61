import { afterEach, describe, expect, it } from 'vitest';
import { reanchorAll } from '../../../../shared/anchoring';
import { brief, briefPlainText, citation, paragraph, text } from '../../../../shared/brief/build';
import type { ImportedSourceDraft } from '../../../../shared/import/draft';
import { normaliseText } from '../../../../shared/import/text';
import type { CasefileDB } from '../../../../renderer/db/db';
import {
  addSource,
  applySourceUpdate,
  createCase,
  createNote,
  createPassage,
  locatorAt,
  planSourceUpdate,
  saveNoteContent,
  undoSourceUpdate,
  updatePassage,
  updateSourceMetadata,
} from '../../../../renderer/db/repositories';
import { caseContent, freshDb } from './helpers';

let db: CasefileDB;
afterEach(() => db?.close());

function draft(raw: string, sha: string): ImportedSourceDraft {
  const { text: body, blocks } = normaliseText(raw);
  return { format: 'text', text: body, blocks, sha256: sha, fileName: 'report.txt', byteLength: raw.length, mediaType: 'text/plain', metadata: { type: 'document', title: 'Report' }, bytes: new TextEncoder().encode(raw), titleFromFirstLine: false };
}

const ORIGINAL = [
  'Harbour report',
  'Officers seized 3.2 tonnes of cocaine on Tuesday.',
  'Fourteen people were detained in three provinces.',
  'Investigators froze accounts holding 8.7 million euros.',
  'The port will double its scanners by next spring.',
].join('\n\n');
// A paragraph inserted (the rest moves), one sentence reworded, one removed.
const REVISED = [
  'Harbour report',
  'Updated on Wednesday with comment from the port authority.',
  'Officers seized 3.2 tonnes of cocaine on Tuesday.',
  'Fourteen people were detained in four provinces.',
  'The port will double its scanners by next spring.',
].join('\n\n');

/** Every table a source update could touch, as stored. */
async function everything() {
  return {
    sources: await db.sources.toArray(),
    blobs: await db.sourceBlobs.toArray(),
    passages: await db.passages.orderBy('id').toArray(),
    notes: await db.notes.toArray(),
  };
}

async function setUp() {
  db = await freshDb();
  const c = await createCase('Port');
  const source = await addSource(c.id, draft(ORIGINAL, 'aa'.repeat(32)));
  const quote = (q: string) => {
    const s = source.text.indexOf(q);
    return createPassage(source, s, s + q.length);
  };
  const title = await quote('Harbour report');
  const seized = await quote('Officers seized 3.2 tonnes of cocaine on Tuesday.');
  const detained = await quote('Fourteen people were detained in three provinces.');
  const froze = await quote('Investigators froze accounts holding 8.7 million euros.');
  const note = await createNote(c.id, 'Brief', 'Untitled note');
  const content = brief(paragraph(text('Seized'), citation(seized.id), text(', detained'), citation(detained.id), text(', froze'), citation(froze.id)));
  await saveNoteContent(note.id, { content, plainText: briefPlainText(content) });
  return { source, title, seized, detained, froze };
}

describe('Update source… plan, apply and undo', () => {
  it('plans without writing, and applies exactly what the plan counted', async () => {
    const { source, title, seized, detained, froze } = await setUp();
    const before = await everything();
    const plan = await planSourceUpdate(source.id, draft(REVISED, 'bb'.repeat(32)), reanchorAll, locatorAt);
    expect(await everything()).toEqual(before);

    expect(plan.counts.placed + plan.counts.moved + plan.counts.fuzzy + plan.counts.orphaned).toBe(4);
    expect(plan.counts.placed).toBe(1); // the title did not move
    expect(plan.counts.moved).toBe(1); // "Officers seized…" moved down one paragraph
    expect(plan.orphans.map((p) => p.id)).toContain(froze.id);
    expect(plan.orphans.every((p) => p.anchor === 'orphaned')).toBe(true);
    // The reworded sentence is placed approximately on its new wording, or honestly orphaned; never elsewhere.
    const reworded = plan.passagesAfter.find((p) => p.id === detained.id)!;
    if (reworded.anchor !== 'orphaned') expect(reworded.selectors[0].exact).toBe('Fourteen people were detained in four provinces.');

    await applySourceUpdate(plan);
    const stored = await db.passages.where('[sourceId+deletedAt]').equals([source.id, 0]).toArray();
    const count = (status: string) => stored.filter((p) => p.anchor === status).length;
    expect({ placed: count('exact'), moved: count('moved'), fuzzy: count('fuzzy'), orphaned: count('orphaned') }).toEqual(plan.counts);
    const updated = (await db.sources.get(source.id))!;
    expect(updated.revision).toBe(2);
    for (const id of [title.id, seized.id]) {
      const p = stored.find((x) => x.id === id)!;
      expect(updated.text.slice(p.selectors[1].start, p.selectors[1].end)).toBe(p.selectors[0].exact);
    }
  });

  it('Undo restores the previous text, bytes, passages and citations, deep-equal', async () => {
    const { source } = await setUp();
    const before = await everything();
    const undo = await applySourceUpdate(await planSourceUpdate(source.id, draft(REVISED, 'bb'.repeat(32)), reanchorAll, locatorAt));
    expect(await everything()).not.toEqual(before);
    await undoSourceUpdate(undo);
    // Field for field as before; Undo is itself a change, so who made it and when is recorded on top.
    const after = await everything();
    expect(caseContent(after)).toEqual(caseContent(before));
    expect(after.passages.every((p) => p.updatedBy === db.actor!.id)).toBe(true);
  });

  it('refuses to apply a stale plan, or to undo once the passages have changed, writing nothing', async () => {
    const { source, seized } = await setUp();
    const plan = await planSourceUpdate(source.id, draft(REVISED, 'bb'.repeat(32)), reanchorAll, locatorAt);
    await updatePassage(seized.id, { comment: 'edited while the preview was open' });
    const beforeApply = await everything();
    await expect(applySourceUpdate(plan)).rejects.toThrow(/changed while the update was being prepared/);
    expect(await everything()).toEqual(beforeApply);

    const undo = await applySourceUpdate(await planSourceUpdate(source.id, draft(REVISED, 'bb'.repeat(32)), reanchorAll, locatorAt));
    await updatePassage(seized.id, { comment: 'edited after the update' });
    const afterEdit = await everything();
    await expect(undoSourceUpdate(undo)).rejects.toThrow(/edited, added or deleted after the update/);
    expect(await everything()).toEqual(afterEdit);
  });

  it('Undo keeps source details edited after the update', async () => {
    const { source } = await setUp();
    const undo = await applySourceUpdate(await planSourceUpdate(source.id, draft(REVISED, 'bb'.repeat(32)), reanchorAll, locatorAt));
    await updateSourceMetadata(source.id, { title: 'Harbour report (corrected)' });
    await undoSourceUpdate(undo);
    const restored = (await db.sources.get(source.id))!;
    expect(restored.revision).toBe(1);
    expect(restored.text).toBe(source.text);
    expect(restored.metadata.title).toBe('Harbour report (corrected)');
  });
});
