import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CasefileDB } from '../../../../renderer/db/db';
import { readChangesSince } from '../../../../renderer/db';
import { unzipSync } from 'fflate';
import { addCase, applySyncedRecords, createCase, exportCaseBundle, readAllCases, readCaseForSync, setMeta } from '../../../../renderer/db/repositories';
import { linkKey, type SyncLink } from '../../../../renderer/features/sync/engine';
import { TOKEN_PATTERN } from '../../../../shared/sync/token';
import { generateCase } from '../../../fixtures/bundle/generateCase';
import type { PassageRecord, Stored, TagRecord } from '../../../../shared/domain/types';
import { freshDb } from './helpers';

let db: CasefileDB;
afterEach(() => db?.close());

const tag = (caseId: string): TagRecord => ({ id: 't-1', caseId, name: 'detentions', color: '#4e79a7', description: '', createdAt: 10, createdBy: 'remote' });
const passage = (caseId: string, extra: Partial<Stored<PassageRecord>> = {}): Stored<PassageRecord> => ({
  id: 'p-1',
  caseId,
  sourceId: 's-1',
  selectors: [
    { type: 'TextQuoteSelector', exact: 'fourteen', prefix: '', suffix: '' },
    { type: 'TextPositionSelector', start: 0, end: 8 },
  ],
  tags: ['t-1'],
  comment: '',
  locator: { kind: 'paragraph', value: 1 },
  anchor: 'exact',
  createdAt: 20,
  updatedAt: 20,
  createdBy: 'remote',
  ...extra,
});

describe('applySyncedRecords', () => {
  it('stores what arrived under the sync origin with its authors, and a new case with it', async () => {
    db = await freshDb();
    await applySyncedRecords('c-remote', { case: { id: 'c-remote', name: 'Shared', createdAt: 5, createdBy: 'remote' }, tags: [tag('c-remote')], passages: [passage('c-remote')], notes: [{ id: 'n-1', caseId: 'c-remote', title: 'Brief', schemaVersion: 1, createdAt: 5, updatedAt: 5, order: 0, createdBy: 'remote' }] });
    const { changes } = await readChangesSince(0, { caseId: 'c-remote' });
    expect(new Set(changes.map((c) => c.origin))).toEqual(new Set(['sync']));
    expect(changes.map((c) => c.table).sort()).toEqual(['cases', 'notes', 'passages', 'tags']);
    const data = await readCaseForSync('c-remote');
    expect(data.case).toMatchObject({ name: 'Shared', createdBy: 'remote' });
    expect(data.passages[0]).toMatchObject({ createdBy: 'remote', deletedAt: 0 });
    expect(data.passages[0]).not.toHaveProperty('updatedBy');
    expect(data.notes[0]).toMatchObject({ content: null, plainText: '' });
  });

  it('keeps a record changed elsewhere stamped with who changed it, and gives an arriving tombstone its own deletion', async () => {
    db = await freshDb();
    const local = await createCase('Mine');
    await applySyncedRecords(local.id, { passages: [passage(local.id)] });
    await applySyncedRecords(local.id, { passages: [passage(local.id, { comment: 'theirs', updatedBy: 'other', changedAt: 30 })] });
    expect((await readCaseForSync(local.id)).passages[0]).toMatchObject({ comment: 'theirs', updatedBy: 'other', changedAt: 30 });
    await applySyncedRecords(local.id, { passages: [passage(local.id, { deletedAt: 40, deletedBy: 'other' })] });
    const gone = (await readCaseForSync(local.id)).passages[0]!;
    expect(gone).toMatchObject({ deletedAt: 40, deletedBy: 'other', deletion: 'sync:passages:p-1:40' });
    // Nobody here touched it: the last change stays the other person's, never this device's actor.
    expect(gone.updatedBy).toBe('other');
  });

  it('writes a big arrival in chunks, in one transaction: new records added, known ones merged, all or nothing', async () => {
    db = await freshDb();
    const local = await createCase('Mine');
    const many = (n: number, comment: string) => Array.from({ length: n }, (_, i) => passage(local.id, { id: `p-${i}`, comment }));
    // 1,200 known here, then 2,500 arriving: across chunk edges, some to merge and some new.
    await applySyncedRecords(local.id, { passages: many(1200, 'first') });
    await applySyncedRecords(local.id, { passages: many(2500, 'second') });
    const stored = (await readCaseForSync(local.id)).passages;
    expect(stored).toHaveLength(2500);
    expect(stored.every((p) => p.comment === 'second')).toBe(true);
    // One log entry per chunk and kind of write, not one per record.
    const changes = (await readChangesSince(0, { caseId: local.id })).changes.filter((c) => c.table === 'passages');
    expect(changes).toHaveLength(3700);
    expect(new Set(changes.map((c) => c.seq)).size).toBe(2 + 3 + 1);
    // A record that cannot be stored (its key is missing) fails the whole arrival: none of it stays.
    const broken = [...many(2000, 'third'), { ...passage(local.id), id: undefined as unknown as string }];
    await expect(applySyncedRecords(local.id, { passages: broken })).rejects.toThrow();
    expect((await readCaseForSync(local.id)).passages.every((p) => p.comment === 'second')).toBe(true);
  });
});

describe('a shared case’s token', () => {
  it('stays in this profile: not in the case bundle, nor in the records a backup reads', async () => {
    db = await freshDb();
    const data = generateCase({ sources: 2, sourceChars: 500, passages: 4, claims: 1, tags: 2, originals: true, seed: 12 });
    await addCase(data);
    const token = 'cft1.eyJjIjoiY2FzZSIsInIiOiJydyJ9.' + 'A'.repeat(43);
    expect(token).toMatch(TOKEN_PATTERN);
    const link: SyncLink = { caseId: data.case.id, server: 'http://127.0.0.1:1234', ws: 'ws://127.0.0.1:1234', token, role: 'rw', cursor: 0, joined: true };
    await setMeta(linkKey(data.case.id), link);
    const { bytes } = await exportCaseBundle(data.case.id, { includeOriginals: true, appVersion: '1.0.0' });
    const files = unzipSync(bytes);
    expect(Object.keys(files).length).toBeGreaterThan(1);
    for (const [name, content] of Object.entries(files)) expect(new TextDecoder().decode(content), name).not.toMatch(TOKEN_PATTERN);
    expect(JSON.stringify(await readAllCases())).not.toMatch(TOKEN_PATTERN);
    // The check itself can see a token where one is.
    expect(JSON.stringify(link)).toMatch(TOKEN_PATTERN);
  });
});

describe('the case views from the case document', () => {
  it('are stored as they arrive and deleted for a tombstone, under the sync origin (never sent back), without stamps', async () => {
    db = await freshDb();
    const record = await createCase('Harbour');
    const figure = { id: 'f-1', caseId: record.id, svg: '<svg xmlns="http://www.w3.org/2000/svg"/>', png: new Uint8Array([137, 80]), width: 10, height: 10, alt: 'Evidence map', createdAt: 5 };
    const merge = { id: 'm-1', caseId: record.id, alias: 'organization:nca', into: 'organization:national crime agency', createdAt: 6 };
    const before = (await readChangesSince(0)).lastSeq;
    await applySyncedRecords(record.id, { views: { figures: { put: [figure], remove: [] }, entityMerges: { put: [merge], remove: [] } } });
    expect(await db.figures.get('f-1')).toEqual(figure);
    expect(await db.entityMerges.get('m-1')).toEqual(merge);
    await applySyncedRecords(record.id, { views: { entityMerges: { put: [], remove: ['m-1', 'never-here'] } } });
    expect(await db.entityMerges.get('m-1')).toBeUndefined();
    const { changes } = await readChangesSince(before);
    expect(changes.map((c) => [c.table, c.op, c.origin])).toEqual([
      ['figures', 'add', 'sync'],
      ['entityMerges', 'add', 'sync'],
      ['entityMerges', 'delete', 'sync'],
    ]);
    expect(changes.every((c) => c.caseId === record.id)).toBe(true);
  });
});
