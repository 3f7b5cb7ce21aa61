import { afterEach, describe, expect, it } from 'vitest';
import type { ClaimRecord, PassageRecord, TagRecord } from '../../../../shared/domain/types';
import type { ImportedSourceDraft } from '../../../../shared/import/draft';
import {
  addSource,
  createCase,
  createNote,
  deleteCase,
  deleteSource,
  ensureSampleCase,
  findSourceBySha,
  isEmptyNote,
  addCase,
  readCaseSnapshot,
  renameCase,
  renameNote,
  restoreFromTrash,
  saveNoteContent,
  updateSourceMetadata,
} from '../../../../renderer/db/repositories';
import { brief, paragraph, text } from '../../../../shared/brief/build';
import type { CasefileDB } from '../../../../renderer/db/db';
import { caseContent, freshDb } from './helpers';

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

/** A passage, a claim citing it and a tag on both, so a case owns one of everything. */
async function annotate(caseId: string, sourceId: string): Promise<void> {
  const tag: TagRecord = { id: 'tag-1', caseId, name: 'seizures', color: '#aa3300', description: '', createdAt: 1 };
  const passage: PassageRecord = {
    id: 'passage-1',
    caseId,
    sourceId,
    selectors: [
      { type: 'TextQuoteSelector', exact: 'seized 3.2 tonnes', prefix: 'Officers ', suffix: '.' },
      { type: 'TextPositionSelector', start: 25, end: 42 },
    ],
    tags: [tag.id],
    comment: 'the headline number',
    locator: { kind: 'paragraph', value: 2 },
    anchor: 'exact',
    createdAt: 2,
    updatedAt: 2,
  };
  const claim: ClaimRecord = {
    id: 'claim-1',
    caseId,
    statement: 'Officers seized 3.2 tonnes.',
    claimant: 'Port authority',
    status: 'supported',
    tags: [tag.id],
    note: '',
    evidence: [{ passageId: passage.id, stance: 'supports', addedAt: 3 }],
    statusLog: [{ at: 3, from: 'unverified', to: 'supported' }],
    createdAt: 3,
    updatedAt: 3,
  };
  await db.tags.add(tag);
  await db.passages.add(passage);
  await db.claims.add(claim);
}

describe('cases', () => {
  it('creates a case together with its brief note', async () => {
    db = await freshDb();
    const record = await createCase('  Port   Velden ');
    expect(record.name).toBe('Port Velden');
    const note = await db.notes.get(record.briefNoteId!);
    expect(note).toMatchObject({ caseId: record.id, title: 'Brief', content: null });
    // The brief's title in the UI's language, when the caller gives it.
    const spanish = await createCase('Puerto de Velden', Date.now(), ' Informe ');
    expect(await db.notes.get(spanish.briefNoteId!)).toMatchObject({ caseId: spanish.id, title: 'Informe' });
  });

  it('refuses an empty name and leaves the case as it was', async () => {
    db = await freshDb();
    const record = await createCase('Port Velden');
    await expect(renameCase(record.id, '   ')).rejects.toThrow('A case needs a name.');
    expect((await db.cases.get(record.id))?.name).toBe('Port Velden');
  });

  it('moves a case to the Trash with everything in it, and Undo restores it deep-equal', async () => {
    db = await freshDb();
    const record = await createCase('Port Velden');
    const other = await createCase('Other case');
    const source = await addSource(record.id, draft());
    await annotate(record.id, source.id);
    const before = await readCaseSnapshot(record.id);
    expect(before).toMatchObject({ sources: [{ id: source.id }], blobs: [{ sourceId: source.id }], passages: [{}], claims: [{}], tags: [{}], notes: [{}] });

    const ref = await deleteCase(record.id, 5_000);
    expect(ref).toMatchObject({ table: 'cases', id: record.id });
    expect(await readCaseSnapshot(record.id)).toBeNull();
    expect(await db.cases.get(record.id)).toMatchObject({ deletedAt: 5_000, deletion: ref.deletion, deletedBy: db.actor!.id });
    // Its records stay as they were, out of sight with the case, until the Trash lets go of it.
    for (const table of [db.sources, db.sourceBlobs, db.passages, db.claims, db.tags]) expect(await table.count()).toBe(1);
    expect(await readCaseSnapshot(other.id)).not.toBeNull();

    await restoreFromTrash(ref);
    const restored = await readCaseSnapshot(record.id);
    expect(caseContent(restored)).toEqual(caseContent(before));
    // Restoring again (a second Undo) changes nothing.
    await restoreFromTrash(ref);
    expect(await readCaseSnapshot(record.id)).toEqual(restored);
  });

  it('adds a whole case only when its ID is free, and changes nothing otherwise', async () => {
    db = await freshDb();
    const record = await createCase('Port Velden');
    const snapshot = (await readCaseSnapshot(record.id))!;
    await createNote(record.id, 'Second note', 'Untitled note');
    const before = await readCaseSnapshot(record.id);
    await expect(addCase(snapshot)).rejects.toThrow('The case “Port Velden” is already there, so nothing was added.');
    await deleteCase(record.id);
    await expect(addCase(snapshot)).rejects.toThrow('already there');
    await restoreFromTrash({ table: 'cases', id: record.id });
    expect(caseContent(await readCaseSnapshot(record.id))).toEqual(caseContent(before));
  });

  it('refuses to delete or rename a case that does not exist', async () => {
    db = await freshDb();
    await expect(deleteCase('gone')).rejects.toThrow('That case no longer exists.');
    await expect(renameCase('gone', 'New name')).rejects.toThrow('That case no longer exists.');
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
    db.sourceBlobs.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(addSource(record.id, draft())).rejects.toThrow('disk full');
    expect(await db.sources.count()).toBe(0);
    expect(await db.sourceBlobs.count()).toBe(0);
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

  it('moves a source to the Trash with its passages and restores them with Undo', async () => {
    db = await freshDb();
    const record = await createCase('Port Velden');
    const source = await addSource(record.id, draft());
    await annotate(record.id, source.id);
    const before = await readCaseSnapshot(record.id);
    const ref = await deleteSource(source.id);
    expect((await readCaseSnapshot(record.id))?.sources).toEqual([]);
    expect((await readCaseSnapshot(record.id))?.passages).toEqual([]);
    // The claim no longer cites the passage while it is in the Trash.
    expect((await readCaseSnapshot(record.id))?.claims[0]?.evidence).toEqual([]);
    expect((await db.cases.get(record.id))?.activeSourceId).toBeUndefined();
    expect(await db.sourceBlobs.get(source.id)).toBeDefined();
    await restoreFromTrash(ref);
    const after = await readCaseSnapshot(record.id);
    expect(caseContent({ ...after!, claims: after!.claims.map((c) => ({ ...c, updatedAt: 3 })) })).toEqual(caseContent(before));
    expect((await db.cases.get(record.id))?.activeSourceId).toBe(source.id);
  });

  it('gives a new source a place after every source, those in the Trash too', async () => {
    db = await freshDb();
    const record = await createCase('Port Velden');
    const first = await addSource(record.id, draft());
    const second = await addSource(record.id, draft('Second\n\nA later report.'));
    await deleteSource(second.id);
    const third = await addSource(record.id, draft('Third\n\nAnother report.'));
    expect([first.order, second.order, third.order]).toEqual([0, 1, 2]);
    // The same bytes in the Trash do not count as a duplicate.
    await deleteSource(first.id);
    await deleteSource(third.id);
    expect(await findSourceBySha(record.id, 'ab'.repeat(32))).toBeUndefined();
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
    expect(refused).toMatchObject({ saved: false, reason: 'empty-over-nonempty', note: { content: written } });
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

  const state = (...children: unknown[]) => ({ root: { type: 'root', children: [{ type: 'paragraph', children }] } });
  it.each([
    ['a never-written note', null, '', true],
    ['an empty paragraph', cleared, '', true],
    ['spaces, tabs and line breaks', state({ type: 'text', text: '  ' }, { type: 'tab' }, { type: 'linebreak' }), ' \t\n', true],
    ['text the caller left out of plainText', state({ type: 'text', text: 'Seized.' }), '', false],
    ['plain text alone', cleared, 'Seized.', false],
    ['an unknown non-text node', state({ type: 'image', src: 'x.png' }), '', false],
  ])('isEmptyNote: %s', (_label, content, plainText, expected) => {
    expect(isEmptyNote(content, plainText)).toBe(expected);
  });
});

describe('notes: staleness and titles', () => {
  const written = brief(paragraph(text('Draft one.')));

  it('refuses a change edited from an older version than the stored one', async () => {
    db = await freshDb();
    const record = await createCase('Port Velden');
    const id = record.briefNoteId!;
    const loaded = (await db.notes.get(id))!;
    const mine = await saveNoteContent(id, { content: written, plainText: 'Draft one.', baseUpdatedAt: loaded.updatedAt }, { now: loaded.updatedAt + 10 });
    expect(mine.saved).toBe(true);
    // Another window, still holding the note as first loaded, must not overwrite this.
    const theirs = await saveNoteContent(id, { content: brief(paragraph(text('Other window.'))), plainText: 'Other window.', baseUpdatedAt: loaded.updatedAt });
    expect(theirs).toMatchObject({ saved: false, reason: 'stale', note: { plainText: 'Draft one.' } });
    expect((await db.notes.get(id))?.plainText).toBe('Draft one.');
  });

  it('gives every save a new version, even two in the same millisecond, so the second window’s save is stale', async () => {
    db = await freshDb();
    const record = await createCase('Port Velden');
    const id = record.briefNoteId!;
    const loaded = (await db.notes.get(id))!;
    const at = loaded.updatedAt;
    const first = await saveNoteContent(id, { content: written, plainText: 'First window.', baseUpdatedAt: at }, { now: at });
    expect(first).toMatchObject({ saved: true, note: { updatedAt: at + 1 } });
    const second = await saveNoteContent(id, { content: written, plainText: 'Second window.', baseUpdatedAt: at }, { now: at });
    expect(second).toMatchObject({ saved: false, reason: 'stale', note: { plainText: 'First window.' } });
  });

  it('says so when the note is gone', async () => {
    db = await freshDb();
    expect(await saveNoteContent('gone', { content: written, plainText: 'x' })).toEqual({ saved: false, reason: 'missing' });
  });

  it('renames without making an open editor stale, and refuses an empty title', async () => {
    db = await freshDb();
    const record = await createCase('Port Velden');
    const note = await createNote(record.id, '  Timeline  ', 'Untitled note');
    expect(note).toMatchObject({ title: 'Timeline', order: 1 });
    await renameNote(note.id, 'Sequence of events');
    await expect(renameNote(note.id, '  ')).rejects.toThrow('A note needs a title.');
    const stored = (await db.notes.get(note.id))!;
    expect(stored).toMatchObject({ title: 'Sequence of events', updatedAt: note.updatedAt });
    expect((await saveNoteContent(note.id, { content: written, plainText: 'Draft one.', baseUpdatedAt: note.updatedAt })).saved).toBe(true);
  });

  it('names a note left blank with the default it is given (the UI’s words), and refuses when both are blank', async () => {
    db = await freshDb();
    const record = await createCase('Port Velden');
    expect(await createNote(record.id, '   ', 'Nota sin título')).toMatchObject({ title: 'Nota sin título' });
    expect(await createNote(record.id, '', '  Note  sans   titre ')).toMatchObject({ title: 'Note sans titre' });
    await expect(createNote(record.id, ' ', ' ')).rejects.toThrow('A note needs a title.');
  });

  it('refuses a note for a case that no longer exists', async () => {
    db = await freshDb();
    await expect(createNote('gone', 'Timeline', 'Untitled note')).rejects.toThrow('That case no longer exists, so the note was not created.');
    expect(await db.notes.count()).toBe(0);
  });
});

describe('sample case', () => {
  /** A complete sample built the same way the app's is: records made up front, then written in one go. */
  const sample = async (name = 'Sample') => {
    db = await freshDb('scratch');
    const record = await createCase('scratch');
    const source = await addSource(record.id, draft());
    await annotate(record.id, source.id);
    const snapshot = (await readCaseSnapshot(record.id))!;
    db.close();
    db = await freshDb();
    return { ...snapshot, case: { ...snapshot.case, name } };
  };

  it('is seeded once, in full, and not recreated after the user deletes it', async () => {
    const data = await sample();
    let builds = 0;
    const build = async () => {
      builds++;
      return data;
    };
    const id = await ensureSampleCase(build);
    expect(id).toBe(data.case.id);
    expect(caseContent(await readCaseSnapshot(id!))).toEqual(caseContent(data));
    expect(await ensureSampleCase(build)).toBeNull();
    await deleteCase(id!);
    expect(await ensureSampleCase(build)).toBeNull();
    expect(await readCaseSnapshot(id!)).toBeNull();
    expect(builds).toBe(1);
  });

  it('is not seeded into a profile that already has cases', async () => {
    const data = await sample();
    await createCase('My own case');
    expect(await ensureSampleCase(async () => data)).toBeNull();
    expect((await db.cases.toArray()).map((c) => c.name)).toEqual(['My own case']);
  });

  it('writes nothing, not even the flag, when part of the sample cannot be stored', async () => {
    const data = await sample();
    const broken = { ...data, claims: [...data.claims, data.claims[0]!] };
    await expect(ensureSampleCase(async () => broken)).rejects.toThrow();
    for (const table of [db.cases, db.sources, db.sourceBlobs, db.passages, db.claims, db.tags, db.notes]) expect(await table.count()).toBe(0);
    expect((await db.meta.toArray()).map((m) => m.key)).toEqual(['actor']);
    expect((await db.changes.toArray()).map((c) => c.table)).toEqual(['meta']);
    expect(await ensureSampleCase(async () => data)).toBe(data.case.id);
  });
});
