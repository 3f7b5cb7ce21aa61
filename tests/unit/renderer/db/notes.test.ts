import { afterEach, describe, expect, it } from 'vitest';
import { createCase, createNote, deleteNote, findPassageCitations, restoreFromTrash, saveNoteContent, setCaseBrief } from '../../../../renderer/db/repositories';
import { brief, citation, paragraph, text } from '../../../../shared/brief/build';
import type { CasefileDB } from '../../../../renderer/db/db';
import { content, freshDb } from './helpers';

let db: CasefileDB;
afterEach(() => db?.close());

describe('several notes per case', () => {
  it('makes another note the brief, deletes the brief (the first other note takes over) and undoes it', async () => {
    db = await freshDb();
    const record = await createCase('Port Velden');
    const first = record.briefNoteId!;
    const second = await createNote(record.id, 'Timeline', 'Untitled note');
    await setCaseBrief(record.id, second.id);
    expect((await db.cases.get(record.id))!.briefNoteId).toBe(second.id);

    const deleted = await deleteNote(second.id);
    expect(await db.notes.get(second.id)).toMatchObject({ unlinked: { brief: { successor: first } } });
    expect((await db.cases.get(record.id))!.briefNoteId).toBe(first);
    await expect(deleteNote(first)).rejects.toThrow('A case keeps at least one note');

    await restoreFromTrash(deleted);
    expect(content(await db.notes.get(second.id))).toEqual(content(second));
    expect((await db.cases.get(record.id))!.briefNoteId).toBe(second.id);
  });

  it('restores a deleted brief as a plain note when another note was made the brief meanwhile', async () => {
    db = await freshDb();
    const record = await createCase('Port Velden');
    const first = record.briefNoteId!;
    const second = await createNote(record.id, 'Timeline', 'Untitled note');
    const third = await createNote(record.id, 'Sources', 'Untitled note');
    const deleted = await deleteNote(first);
    expect((await db.cases.get(record.id))!.briefNoteId).toBe(second.id);
    await setCaseBrief(record.id, third.id);
    await restoreFromTrash(deleted);
    expect((await db.cases.get(record.id))!.briefNoteId).toBe(third.id);
    expect((await db.notes.get(first))?.deletedAt).toBe(0);
  });

  it('keeps at least one note, and refuses notes of other cases as the brief', async () => {
    db = await freshDb();
    const a = await createCase('A');
    const b = await createCase('B');
    await expect(deleteNote(a.briefNoteId!)).rejects.toThrow('A case keeps at least one note');
    await expect(setCaseBrief(a.id, b.briefNoteId!)).rejects.toThrow('That note no longer exists.');
    expect((await db.cases.get(a.id))!.briefNoteId).toBe(a.briefNoteId);
  });

  it('finds where a passage is cited: each note, its number there and how often', async () => {
    db = await freshDb();
    const record = await createCase('Port Velden');
    const other = await createNote(record.id, 'Notes', 'Untitled note');
    await saveNoteContent(record.briefNoteId!, { content: brief(paragraph(text('A'), citation('p0'), text('B'), citation('p1'), citation('p1'))), plainText: 'A B' });
    await saveNoteContent(other.id, { content: brief(paragraph(text('C'), citation('p1'))), plainText: 'C' });
    expect(await findPassageCitations(record.id, 'p1')).toEqual([
      { noteId: record.briefNoteId, title: 'Brief', n: 2, count: 2 },
      { noteId: other.id, title: 'Notes', n: 1, count: 1 },
    ]);
    expect(await findPassageCitations(record.id, 'nowhere')).toEqual([]);
  });
});

describe('saveNoteContent with skipUnchanged (a mirror storing a shared note)', () => {
  it('writes no new version for the same text that differs only in what an editor on screen works out itself', async () => {
    db = await freshDb();
    const record = await createCase('Port Velden');
    const id = record.briefNoteId!;
    const onScreen = brief(paragraph(text('Customs seized the cargo.'), citation('p-1')));
    const saved = await saveNoteContent(id, { content: onScreen, plainText: 'Customs seized the cargo.' });
    expect(saved.saved).toBe(true);
    const casesBefore = (await db.cases.get(record.id))!.updatedAt;
    // As a headless editor serialises the same document: no direction worked out, no caret formats.
    const headless = JSON.parse(JSON.stringify(onScreen, (key, value: unknown) => (key === 'direction' ? null : key === 'textFormat' || key === 'textStyle' ? undefined : value)));
    const again = await saveNoteContent(id, { content: headless, plainText: 'Customs seized the cargo.' }, { skipUnchanged: true });
    expect(again).toMatchObject({ saved: false, reason: 'unchanged' });
    expect((await db.cases.get(record.id))!.updatedAt).toBe(casesBefore);
    // A real change is written.
    const changed = brief(paragraph(text('Customs seized the whole cargo.'), citation('p-1')));
    expect((await saveNoteContent(id, { content: changed, plainText: 'Customs seized the whole cargo.' }, { skipUnchanged: true })).saved).toBe(true);
  });
});
