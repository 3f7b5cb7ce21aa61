import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CasefileDB } from '../../../../renderer/db/db';
import { latestSeq, lockCase, ReadOnlyCaseError, runWithOrigin, unlockCase } from '../../../../renderer/db';
import { addSource, applySyncedRecords, createCase, createPassage, deleteCase, renameCase, renameNote, setActiveSource, touchCase } from '../../../../renderer/db/repositories';
import { createTag } from '../../../../renderer/db/repositories/tags';
import { addFigure, addManualEvent, mergeEntities, removeTimelineEntry, tagPassageWithEntity, unmergeEntities } from '../../../../renderer/db/repositories/views';
import { freshDb, textDraft } from './helpers';

let db: CasefileDB;
const locked: string[] = [];
afterEach(() => {
  for (const id of locked.splice(0)) unlockCase(id);
  db?.close();
});

const MESSAGE = 'This case is shared with you read-only.';

async function readOnlyCase() {
  const record = await createCase('Shared with me');
  const source = await addSource(record.id, textDraft('Minutes', 'Fourteen people were detained.'));
  lockCase(record.id, () => MESSAGE);
  locked.push(record.id);
  return { record, source };
}

describe('a case locked read-only', () => {
  it('refuses every local change to its records, with the lock’s message, and writes nothing', async () => {
    db = await freshDb();
    const { record, source } = await readOnlyCase();
    const before = await latestSeq();
    await expect(createPassage(source, 0, 7)).rejects.toThrow(MESSAGE);
    await expect(createPassage(source, 0, 7)).rejects.toBeInstanceOf(ReadOnlyCaseError);
    await expect(createTag(record.id, 'detentions')).rejects.toThrow(MESSAGE);
    await expect(renameCase(record.id, 'Mine now')).rejects.toThrow(MESSAGE);
    await expect(renameNote(record.briefNoteId!, 'Notes')).rejects.toThrow(MESSAGE);
    await expect(deleteCase(record.id)).rejects.toThrow(MESSAGE);
    await expect(db.passages.clear()).resolves.toBeUndefined(); // nothing of the case to delete there
    expect(await latestSeq()).toBe(before);
    expect(await db.passages.count()).toBe(0);
    expect((await db.cases.get(record.id))?.name).toBe('Shared with me');
  });

  it('refuses local changes to the case views’ records too (timeline, entity merges and tags, figures): a team case shares them', async () => {
    db = await freshDb();
    const record = await createCase('Shared with me');
    const source = await addSource(record.id, textDraft('Minutes', 'Fourteen people were detained.'));
    const passage = await createPassage(source, 0, 8);
    const event = await addManualEvent(record.id, passage.id, { start: '2024', precision: 'year' }, 'Detentions');
    const merge = await mergeEntities(record.id, 'organization:nca', 'organization:national crime agency');
    lockCase(record.id, () => MESSAGE);
    locked.push(record.id);
    const before = await latestSeq();
    await expect(addManualEvent(record.id, passage.id, { start: '2025', precision: 'year' }, 'Later')).rejects.toThrow(MESSAGE);
    await expect(removeTimelineEntry(event.id)).rejects.toBeInstanceOf(ReadOnlyCaseError);
    await expect(mergeEntities(record.id, 'person:ana', 'person:ana ruiz')).rejects.toThrow(MESSAGE);
    await expect(unmergeEntities(merge.id)).rejects.toThrow(MESSAGE);
    await expect(tagPassageWithEntity(record.id, passage.id, { key: 'person:ana ruiz', name: 'Ana Ruiz', kind: 'person' })).rejects.toThrow(MESSAGE);
    await expect(addFigure({ caseId: record.id, svg: '<svg/>', png: new Uint8Array([1]), width: 1, height: 1, alt: 'map' })).rejects.toThrow(MESSAGE);
    expect(await latestSeq()).toBe(before);
    expect(await db.timelineEntries.count()).toBe(1);
    expect(await db.entityMerges.count()).toBe(1);
    expect(await db.entityTags.count()).toBe(0);
    expect(await db.figures.count()).toBe(0);
    // What arrives from the team still comes in.
    await applySyncedRecords(record.id, { views: { entityMerges: { put: [], remove: [merge.id] } } });
    expect(await db.entityMerges.count()).toBe(0);
  });

  it('still lets this person choose what they look at, and lets what arrives from the server in', async () => {
    db = await freshDb();
    const { record, source } = await readOnlyCase();
    await setActiveSource(record.id, source.id);
    await touchCase(record.id, 5_000);
    expect(await db.cases.get(record.id)).toMatchObject({ activeSourceId: source.id, updatedAt: 5_000 });
    await applySyncedRecords(record.id, { tags: [{ id: 't-1', caseId: record.id, name: 'from the team', color: '#4e79a7', description: '', createdAt: 10, createdBy: 'remote' }] });
    expect((await db.tags.get('t-1'))?.name).toBe('from the team');
    // Housekeeping and imports are not this person's edits either.
    await runWithOrigin('system', () => db.tags.delete('t-1'));
    expect(await db.tags.get('t-1')).toBeUndefined();
  });

  it('leaves other cases alone, and changes are allowed again once unlocked', async () => {
    db = await freshDb();
    const { record, source } = await readOnlyCase();
    const other = await createCase('Mine');
    await expect(createTag(other.id, 'mine')).resolves.toMatchObject({ name: 'mine' });
    unlockCase(record.id);
    await expect(createPassage(source, 0, 7)).resolves.toMatchObject({ caseId: record.id });
  });
});
