import { afterEach, describe, expect, it } from 'vitest';
import type { ImportedSourceDraft } from '../../../shared/import/draft';
import {
  addSource,
  createCase,
  deleteCase,
  deleteSource,
  ensureSampleCase,
  findSourceBySha,
  readCaseSnapshot,
  renameCase,
  restoreCase,
  restoreSource,
  saveNoteContent,
  updateSourceMetadata,
} from '../../../renderer/db/repositories';
import { brief, paragraph, text } from '../../../shared/brief/build';
import type { CasefileDB } from '../../../renderer/db/db';
import { freshDb } from './helpers';

let db: CasefileDB;
afterEach(() => db?.close());

function draft(textBody = 'Harbour report\n\nOfficers seized 3.2 tonnes.'): ImportedSourceDraft {
  return {
    format: 'text',
    text: textBody,
    blocks: [
      { start: 0, end: 14, n: 1, kind: 'paragraph' },
      { start: 16, end: textBody.length, n: 2, kind: 'paragraph' },
    ],
    sha256: 'ab'.repeat(32),
    fileName: 'harbour.txt',
    byteLength: textBody.length,
    mediaType: 'text/plain',
    metadata: { type: 'document', title: 'Harbour report' },
    bytes: new TextEncoder().encode(textBody),
    titleFromFirstLine: true,
  };
}

describe('cases', () => {
  it('creates a case together with its brief note', async () => {
    db = await freshDb();
    const record = await createCase('  Port   Velden ');
    expect(record.name).toBe('Port Velden');
    const note = await db.notes.get(record.briefNoteId!);
    expect(note).toMatchObject({ caseId: record.id, title: 'Brief', content: null });
  });

  it('refuses an empty name and leaves the case as it was', async () => {
    db = await freshDb();
    const record = await createCase('Port Velden');
    await expect(renameCase(record.id, '   ')).rejects.toThrow('A case needs a name.');
    expect((await db.cases.get(record.id))?.name).toBe('Port Velden');
  });

  it('deletes a case with everything in it, and Undo restores it deep-equal', async () => {
    db = await freshDb();
    const record = await createCase('Port Velden');
    await addSource(record.id, draft());
    const before = await readCaseSnapshot(record.id);
    const snapshot = await deleteCase(record.id);
    expect(await db.cases.count()).toBe(0);
    expect(await db.sources.count()).toBe(0);
    expect(await db.sourceBlobs.count()).toBe(0);
    expect(await db.notes.count()).toBe(0);
    await restoreCase(snapshot);
    expect(await readCaseSnapshot(record.id)).toEqual(before);
  });
});

describe('sources', () => {
  it('stores the snapshot and its bytes together and makes it active', async () => {
    db = await freshDb();
    const record = await createCase('Port Velden');
    const source = await addSource(record.id, draft(), Date.UTC(2026, 10, 28));
    expect(source).toMatchObject({ order: 0, revision: 1 });
    expect(source.metadata.accessed).toEqual({ 'date-parts': [[2026, 11, 28]] });
    expect((await db.sourceBlobs.get(source.id))?.mediaType).toBe('text/plain');
    expect((await db.cases.get(record.id))?.activeSourceId).toBe(source.id);
    expect((await findSourceBySha(record.id, 'ab'.repeat(32)))?.id).toBe(source.id);
  });

  it('writes nothing when the blob cannot be stored', async () => {
    db = await freshDb();
    const record = await createCase('Port Velden');
    const broken = { ...draft(), bytes: undefined as unknown as Uint8Array };
    db.sourceBlobs.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(addSource(record.id, broken)).rejects.toThrow('disk full');
    expect(await db.sources.count()).toBe(0);
    expect((await db.cases.get(record.id))?.activeSourceId).toBeUndefined();
  });

  it('refuses a source for a case that no longer exists', async () => {
    db = await freshDb();
    await expect(addSource('no-such-case', draft())).rejects.toThrow('That case no longer exists');
    expect(await db.sources.count()).toBe(0);
  });

  it('edits metadata but refuses an empty title', async () => {
    db = await freshDb();
    const record = await createCase('Port Velden');
    const source = await addSource(record.id, draft());
    await updateSourceMetadata(source.id, { 'container-title': 'Velden Courier' });
    expect((await db.sources.get(source.id))?.metadata['container-title']).toBe('Velden Courier');
    await expect(updateSourceMetadata(source.id, { title: ' ' })).rejects.toThrow('A source needs a title.');
    expect((await db.sources.get(source.id))?.metadata.title).toBe('Harbour report');
  });

  it('removes a source and restores it with Undo', async () => {
    db = await freshDb();
    const record = await createCase('Port Velden');
    const source = await addSource(record.id, draft());
    const snapshot = await deleteSource(source.id);
    expect(await db.sources.count()).toBe(0);
    expect((await db.cases.get(record.id))?.activeSourceId).toBeUndefined();
    await restoreSource(snapshot);
    expect(await db.sources.get(source.id)).toEqual(source);
    expect((await db.cases.get(record.id))?.activeSourceId).toBe(source.id);
  });
});

describe('notes', () => {
  const written = brief(paragraph(text('The seizure is the largest on record.')));
  const cleared = brief(paragraph());

  it('saves content and refuses to overwrite a non-empty note with an empty one', async () => {
    db = await freshDb();
    const record = await createCase('Port Velden');
    const id = record.briefNoteId!;
    expect((await saveNoteContent(id, { content: written, plainText: 'The seizure is the largest on record.' })).saved).toBe(true);
    const refused = await saveNoteContent(id, { content: cleared, plainText: '' });
    expect(refused).toEqual({ saved: false, reason: 'empty-over-nonempty' });
    expect((await db.notes.get(id))?.content).toEqual(written);
    expect((await saveNoteContent(id, { content: cleared, plainText: '' }, { allowEmpty: true })).saved).toBe(true);
  });

  it('counts a lone citation as content', async () => {
    db = await freshDb();
    const record = await createCase('Port Velden');
    const id = record.briefNoteId!;
    await saveNoteContent(id, { content: written, plainText: 'x' });
    const citationOnly = { root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'citation', passageId: 'p1' }] }] } };
    expect((await saveNoteContent(id, { content: citationOnly, plainText: '' })).saved).toBe(true);
  });
});

describe('sample case', () => {
  it('is seeded once, in one go, and not recreated after the user deletes it', async () => {
    db = await freshDb();
    const build = async () => {
      const record = await createCase('scratch');
      const snapshot = await deleteCase(record.id);
      return { ...snapshot, case: { ...snapshot.case, name: 'Sample' } };
    };
    const id = await ensureSampleCase(build);
    expect(id).not.toBeNull();
    expect(await ensureSampleCase(build)).toBeNull();
    await deleteCase(id!);
    expect(await ensureSampleCase(build)).toBeNull();
    expect(await db.cases.count()).toBe(0);
  });
});
