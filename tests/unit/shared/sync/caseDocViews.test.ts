import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { EntityMergeRecord, EntityTagRecord, TimelineEntryRecord } from '../../../../shared/domain/types';
import { addressed, BlobMismatchError, checkAddressed, figureBlobs, figureSvgOf } from '../../../../shared/sync/blob';
import {
  CASE_DOC_VERSION,
  deleteRecord,
  observeCaseDoc,
  readCaseInfo,
  readRecord,
  readTable,
  restoreRecord,
  VIEW_TABLES,
  writeCaseInfo,
  writeRecord,
  writeRecords,
  type CaseDocChanges,
  type SharedFigure,
  type WriteContext,
} from '../../../../shared/sync/caseDoc';
import { snapshotBlob } from '../../../../shared/sync/snapshot';
import { sha256Hex } from '../../../../shared/domain/hash';
import { entityMergeId, entityTagId, foundDateEntryId } from '../../../../shared/domain/viewIds';
import { isValidId } from '../../../../shared/sync/names';

const CASE = 'case-1';
const T0 = Date.UTC(2026, 2, 1, 9, 0);

function ctx(actor: string, now = T0, origin?: unknown): WriteContext {
  return { actor, now, origin };
}

const confirmed: TimelineEntryRecord = {
  id: 'te1',
  caseId: CASE,
  kind: 'confirmed',
  sourceId: 's1',
  selectors: [
    { type: 'TextQuoteSelector', exact: '5 March 2024', prefix: 'On ', suffix: ', police' },
    { type: 'TextPositionSelector', start: 3, end: 15 },
  ],
  createdAt: T0,
  updatedAt: T0,
};

const manual: TimelineEntryRecord = {
  id: 'te2',
  caseId: CASE,
  kind: 'manual',
  sourceId: 's1',
  passageId: 'p1',
  date: { start: '2024-03', precision: 'month' },
  label: 'Raids begin',
  createdAt: T0,
  updatedAt: T0 + 5,
};

const merge: EntityMergeRecord = { id: 'em1', caseId: CASE, alias: 'organization:nca', into: 'organization:national crime agency', createdAt: T0 };
const entityTag: EntityTagRecord = { id: 'et1', caseId: CASE, passageId: 'p1', entity: 'person:ana ruiz', name: 'Ana Ruiz', kind: 'person', createdAt: T0 };
const figure: Omit<SharedFigure, 'createdBy' | 'updatedAt' | 'updatedBy'> & { caseId: string } = {
  id: 'f1',
  caseId: CASE,
  svgBlob: 'c'.repeat(64),
  pngBlob: 'd'.repeat(64),
  width: 800,
  height: 600,
  alt: 'Evidence map: 2 claims, 3 passages',
  createdAt: T0,
};

function withViews(actor = 'alice'): Y.Doc {
  const doc = new Y.Doc();
  writeRecord(doc, 'timelineEntries', confirmed, ctx(actor));
  writeRecord(doc, 'timelineEntries', manual, ctx(actor));
  writeRecord(doc, 'entityMerges', merge, ctx(actor));
  writeRecord(doc, 'entityTags', entityTag, ctx(actor));
  writeRecord(doc, 'figures', figure, ctx(actor));
  return doc;
}

function countUpdates(doc: Y.Doc): { count: () => number } {
  let n = 0;
  doc.on('update', () => n++);
  return { count: () => n };
}

describe('the case views in the case document', () => {
  it('round-trips every view table: the app’s fields (no caseId) plus stamps; a figure holds only its blobs’ hashes', () => {
    const doc = withViews();
    const { caseId: _1, ...entry } = confirmed;
    expect(readRecord(doc, 'timelineEntries', 'te1')).toEqual({ ...entry, createdBy: 'alice', updatedBy: 'alice' });
    const { caseId: _2, ...event } = manual;
    // `updatedAt` is the `updated` stamp: the time the app gave it.
    expect(readRecord(doc, 'timelineEntries', 'te2')).toEqual({ ...event, createdBy: 'alice', updatedBy: 'alice' });
    const { caseId: _3, ...m } = merge;
    expect(readRecord(doc, 'entityMerges', 'em1')).toEqual({ ...m, createdBy: 'alice', updatedAt: T0, updatedBy: 'alice' });
    const { caseId: _4, ...t } = entityTag;
    expect(readRecord(doc, 'entityTags', 'et1')).toEqual({ ...t, createdBy: 'alice', updatedAt: T0, updatedBy: 'alice' });
    const { caseId: _5, ...f } = figure;
    expect(readRecord(doc, 'figures', 'f1')).toEqual({ ...f, createdBy: 'alice', updatedAt: T0, updatedBy: 'alice' });
    // No picture in the CRDT: only hashes, sizes and the alternative text.
    const stored = doc.getMap<Y.Map<unknown>>('figures').get('f1')!;
    expect([...stored.keys()].sort()).toEqual(['alt', 'created', 'picture', 'updated']);
    expect(JSON.stringify(stored.toJSON())).not.toContain('<svg');
  });

  it('writing back what was read emits no update (no echo loop), for every view table, live or in the Trash', () => {
    const doc = withViews();
    deleteRecord(doc, 'entityMerges', 'em1', ctx('bob', T0 + 10));
    const updates = countUpdates(doc);
    for (const table of VIEW_TABLES) {
      for (const record of readTable(doc, table)) {
        expect(writeRecord(doc, table, { ...record, caseId: CASE } as never, ctx('bob', T0 + 99))).toBe(false);
      }
    }
    writeRecords(doc, 'timelineEntries', readTable(doc, 'timelineEntries'), ctx('bob', T0 + 99));
    expect(updates.count()).toBe(0);
    expect(readRecord(doc, 'entityMerges', 'em1')?.deletedAt).toBe(T0 + 10);
  });

  it('a new decision replaces kind, date and label as one value; `only` writes just what this device changed', () => {
    const doc = withViews();
    const corrected: TimelineEntryRecord = { ...confirmed, kind: 'corrected', date: { start: '2024-03-06', precision: 'day' }, updatedAt: T0 + 20 };
    expect(writeRecord(doc, 'timelineEntries', corrected, ctx('bob', T0 + 20), ['kind', 'date', 'updatedAt'])).toBe(true);
    expect(readRecord(doc, 'timelineEntries', 'te1')).toMatchObject({ kind: 'corrected', date: { start: '2024-03-06' }, updatedAt: T0 + 20, updatedBy: 'bob', createdBy: 'alice' });
    // The decision is one value: a change of any of its fields writes the record's whole decision (never half of two)…
    expect(writeRecord(doc, 'timelineEntries', { ...manual, label: 'stale', date: { start: '2024-04', precision: 'month' } }, ctx('bob'), ['date'])).toBe(true);
    expect(readRecord(doc, 'timelineEntries', 'te2')).toMatchObject({ date: { start: '2024-04' }, label: 'stale' });
    // …and a field this device did not change (here, what the entry refers to) is not written back.
    expect(writeRecord(doc, 'timelineEntries', { ...manual, sourceId: 's9' }, ctx('bob'), ['label'])).toBe(true);
    expect(readRecord(doc, 'timelineEntries', 'te2')).toMatchObject({ sourceId: 's1', label: 'Raids begin' });
  });

  it('an unmerge is a tombstone that travels, an Undo restores it, and a stale copy never lifts it', () => {
    const a = withViews();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(deleteRecord(b, 'entityMerges', 'em1', ctx('bob', T0 + 30))).toBe(true);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(readRecord(a, 'entityMerges', 'em1')).toMatchObject({ deletedAt: T0 + 30, deletedBy: 'bob' });
    expect(writeRecord(a, 'entityMerges', merge, ctx('alice'))).toBe(false);
    expect(readRecord(a, 'entityMerges', 'em1')?.deletedAt).toBe(T0 + 30);
    expect(restoreRecord(a, 'entityMerges', 'em1', ctx('alice', T0 + 40))).toBe(true);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readRecord(b, 'entityMerges', 'em1')?.deletedAt).toBeUndefined();
  });

  it('two members making the same decision at once end with one record, on both devices', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const dateId = foundDateEntryId('s1', 3, 15);
    const mergeId = entityMergeId(CASE, merge.alias);
    const tagId = entityTagId('p1', entityTag.entity);
    // Each device made its records on its own, with the IDs the repositories give them.
    writeRecord(a, 'timelineEntries', { ...confirmed, id: dateId }, ctx('alice', T0));
    writeRecord(b, 'timelineEntries', { ...confirmed, id: dateId, kind: 'dismissed', updatedAt: T0 + 1 }, ctx('bob', T0 + 1));
    writeRecord(a, 'entityMerges', { ...merge, id: mergeId }, ctx('alice'));
    writeRecord(b, 'entityMerges', { ...merge, id: mergeId, into: 'organization:national crime agency (uk)' }, ctx('bob'));
    writeRecord(a, 'entityTags', { ...entityTag, id: tagId }, ctx('alice'));
    writeRecord(b, 'entityTags', { ...entityTag, id: tagId }, ctx('bob'));
    const fromA = Y.encodeStateAsUpdate(a);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, fromA);
    for (const table of ['timelineEntries', 'entityMerges', 'entityTags'] as const) {
      expect(readTable(a, table), table).toHaveLength(1);
      expect(readTable(b, table), table).toEqual(readTable(a, table));
    }
    // The IDs come from what the decision is about, so both devices made the same ones.
    expect(entityMergeId(CASE, 'organization:nca')).toBe(entityMergeId(CASE, 'organization:nca'));
    expect(entityMergeId(CASE, 'organization:nca')).not.toBe(entityMergeId('case-2', 'organization:nca'));
    expect(entityTagId('p1', 'person:ana ruiz')).not.toBe(entityTagId('p1', 'person:ana ruíz'));
    for (const id of [dateId, mergeId, tagId]) expect(isValidId(id), id).toBe(true);
  });

  it('reports changed view records to observers, with the origin', () => {
    const doc = withViews();
    const seen: [CaseDocChanges, unknown][] = [];
    const off = observeCaseDoc(doc, (changes, tx) => seen.push([changes, tx.origin]));
    writeRecord(doc, 'figures', { ...figure, alt: 'Evidence map' }, ctx('bob', T0, 'remote'));
    deleteRecord(doc, 'entityTags', 'et1', ctx('bob', T0, 'remote'));
    off();
    expect(seen).toHaveLength(2);
    expect([...seen[0]![0].records.figures]).toEqual(['f1']);
    expect([...seen[1]![0].records.entityTags]).toEqual(['et1']);
    expect(seen[1]![1]).toBe('remote');
  });

  it('a document from before the views were shared opens as one without view records, and keeps its version', () => {
    const old = new Y.Doc();
    writeCaseInfo(old, { id: CASE, name: 'Harbour', createdAt: T0 }, ctx('alice'));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(old));
    expect(readCaseInfo(doc)?.name).toBe('Harbour');
    for (const table of VIEW_TABLES) expect(readTable(doc, table)).toEqual([]);
    expect(doc.getMap('case').get('v')).toBe(CASE_DOC_VERSION);
    expect(CASE_DOC_VERSION).toBe(1);
  });
});

describe('blobs by SHA-256', () => {
  it('a figure’s SVG and PNG are addressed by the hash of their bytes, as a snapshot is, and checked when they arrive', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"><title>Évidence</title></svg>';
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const blobs = await figureBlobs({ svg, png });
    expect(blobs.svg.sha256).toBe(await sha256Hex(new TextEncoder().encode(svg)));
    expect(blobs.png).toEqual(await addressed(png));
    expect(figureSvgOf(await checkAddressed(blobs.svg.bytes, blobs.svg.sha256, 'A figure'))).toBe(svg);
    await expect(checkAddressed(png, blobs.svg.sha256, 'A figure')).rejects.toBeInstanceOf(BlobMismatchError);
    expect(() => figureSvgOf(new Uint8Array([0xff, 0xfe, 0x00]))).toThrow(BlobMismatchError);
    // The snapshot uses the same addressing.
    const snap = await snapshotBlob({ text: 'x', blocks: [] });
    expect(snap.sha256).toBe(await sha256Hex(snap.bytes));
  });
});
