import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { CasefileDB, openDatabase, setDb } from '../../../../renderer/db/db';
import { latestSeq, readChangesSince, runWithOrigin, subscribeChanges, type RecordChange } from '../../../../renderer/db';
import { addSource, createCase, createNote, getActor, purgeExpiredTrash, renameCase, deleteCase, setActorName, setMeta } from '../../../../renderer/db/repositories';
import { lastChange } from '../../../../shared/domain/stamps';
import type { PassageRecord } from '../../../../shared/domain/types';
import { freshDb } from './helpers';

let db: CasefileDB;
afterEach(() => db?.close());

const passage = (caseId: string, i: number): PassageRecord => ({
  id: `p-${String(i).padStart(5, '0')}`,
  caseId,
  sourceId: 's-1',
  selectors: [
    { type: 'TextQuoteSelector', exact: `passage ${i}`, prefix: '', suffix: '' },
    { type: 'TextPositionSelector', start: i, end: i + 5 },
  ],
  tags: [],
  comment: '',
  locator: { kind: 'paragraph', value: 1 },
  anchor: 'exact',
  createdAt: 1,
  updatedAt: 1,
});

describe('the change log', () => {
  it('logs every write with a rising seq, table, keys, case, actor, time and origin, in the same transaction', async () => {
    db = await freshDb();
    const before = await latestSeq();
    const record = await createCase('Port Velden', 1_000);
    const entries = (await db.changes.toArray()).filter((c) => c.seq! > before);
    expect(entries.map((e) => [e.table, e.op, e.keys, e.caseId, e.origin, e.actor])).toEqual([
      ['notes', 'add', [record.briefNoteId], record.id, 'local', db.actor!.id],
      ['cases', 'add', [record.id], record.id, 'local', db.actor!.id],
    ]);
    expect(entries[1]!.seq).toBeGreaterThan(entries[0]!.seq!);
    expect(entries[0]!.at).toBeGreaterThan(0);

    // A failed transaction leaves neither the record nor its log entry.
    const last = await latestSeq();
    await expect(
      db.transaction('rw', db.cases, async () => {
        await db.cases.update(record.id, { name: 'Half written' });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await latestSeq()).toBe(last);
    expect((await db.cases.get(record.id))?.name).toBe('Port Velden');
  });

  it('records the fields a put changed, and a put that changes nothing neither logs nor moves the stamps', async () => {
    db = await freshDb();
    const record = await createCase('Port Velden');
    const stamped = (await db.cases.get(record.id))!;
    const from = await latestSeq();
    await renameCase(record.id, 'Harbour');
    const { changes } = await readChangesSince(from);
    expect(changes).toMatchObject([{ table: 'cases', key: record.id, op: 'put', fields: ['name', 'updatedAt'] }]);

    const now = (await db.cases.get(record.id))!;
    const mark = await latestSeq();
    await db.cases.put({ ...now });
    expect(await latestSeq()).toBe(mark);
    expect(await db.cases.get(record.id)).toEqual(now);
    expect(stamped.createdBy).toBe(db.actor!.id);
  });

  it('stamps who created a record and who changed it last', async () => {
    db = await freshDb();
    const me = db.actor!;
    const record = await createCase('Port Velden', 1_000);
    const created = (await db.cases.get(record.id))!;
    // A new record carries only its creator: its creation is its last change until it changes.
    expect(created).toMatchObject({ createdBy: me.id, deletedAt: 0 });
    expect(created.updatedBy).toBeUndefined();
    expect(lastChange(created)).toEqual({ by: me.id, at: 1_000 });
    // Another author on this profile (as after a sync) edits it: the creator stays.
    db.actor = { id: 'other-author', name: 'Ada', createdAt: 1 };
    await renameCase(record.id, 'Renamed by Ada');
    const after = (await db.cases.get(record.id))!;
    expect(after).toMatchObject({ createdBy: me.id, updatedBy: 'other-author' });
    expect(after.changedAt).toBeGreaterThan(1_000);
    expect(lastChange(after)).toEqual({ by: 'other-author', at: after.changedAt });
    expect((await db.changes.orderBy('seq').last())?.actor).toBe('other-author');
  });

  it('logs a bulk write as one entry per case, however many records it holds', async () => {
    db = await freshDb();
    const record = await createCase('Big');
    const from = await latestSeq();
    const passages = Array.from({ length: 1000 }, (_, i) => passage(record.id, i));
    await db.passages.bulkAdd(passages);
    const entries = (await db.changes.toArray()).filter((c) => c.seq! > from);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ table: 'passages', op: 'add', caseId: record.id });
    expect(entries[0]!.keys).toEqual(passages.map((p) => p.id));
    expect((await readChangesSince(from)).changes).toHaveLength(1000);
    // Every stored passage is live and stamped, though the caller gave neither.
    expect(await db.passages.where('[caseId+deletedAt]').equals([record.id, 0]).count()).toBe(1000);
  });

  it('logs deletes (the Trash letting go) with the case they belonged to', async () => {
    db = await freshDb();
    const record = await createCase('Gone soon');
    await deleteCase(record.id, 1);
    const from = await latestSeq();
    await purgeExpiredTrash(Date.now());
    const { changes } = await readChangesSince(from);
    expect(changes.filter((c) => c.op === 'delete').map((c) => [c.table, c.key, c.caseId, c.origin])).toEqual([
      ['notes', record.briefNoteId, record.id, 'system'],
      ['cases', record.id, record.id, 'system'],
    ]);
    expect(await db.cases.count()).toBe(0);
  });

  it('logs app-wide tables too (settings, original files), with no case', async () => {
    db = await freshDb();
    const from = await latestSeq();
    await setMeta('activeCaseId', 'x');
    const { changes } = await readChangesSince(from);
    expect(changes).toMatchObject([{ table: 'meta', key: 'activeCaseId', op: 'add' }]);
    expect(changes[0]!.caseId).toBeUndefined();
  });
});

describe('origins and the change feed', () => {
  it('keeps the stamps a synced record arrives with, and a sync layer can skip what it applied itself', async () => {
    db = await freshDb();
    const record = await createCase('Shared');
    const from = await latestSeq();
    await runWithOrigin('sync', async () => {
      await db.cases.put({ ...(await db.cases.get(record.id))!, name: 'Renamed elsewhere', updatedBy: 'remote-author', changedAt: 42 });
    });
    await renameCase(record.id, 'Renamed here');
    const all = await readChangesSince(from);
    expect(all.changes.map((c) => [c.origin, c.fields])).toEqual([
      ['sync', ['name']],
      ['local', ['name', 'updatedAt']],
    ]);
    const outgoing = await readChangesSince(from, { skipOrigins: ['sync'] });
    expect(outgoing.changes.map((c) => c.origin)).toEqual(['local']);
    expect(outgoing.lastSeq).toBe(all.lastSeq);

    // The synced write kept its author; the local one is ours again.
    await runWithOrigin('sync', () => db.cases.put({ id: 'remote-case', name: 'Theirs', createdAt: 1, updatedAt: 1, createdBy: 'remote-author', updatedBy: 'remote-author', changedAt: 7 }));
    expect(await db.cases.get('remote-case')).toMatchObject({ createdBy: 'remote-author', updatedBy: 'remote-author', changedAt: 7, deletedAt: 0 });
  });

  it('reads the changes of one case only, and pages through a long log', async () => {
    db = await freshDb();
    const a = await createCase('A');
    const b = await createCase('B');
    await createNote(a.id, 'Timeline', 'Untitled note');
    await createNote(b.id, 'Other', 'Untitled note');
    const ofA = await readChangesSince(0, { caseId: a.id });
    expect(new Set(ofA.changes.map((c) => c.caseId))).toEqual(new Set([a.id]));
    expect(ofA.changes.map((c) => c.table)).toEqual(['notes', 'cases', 'notes', 'cases']);
    let cursor = 0;
    const seen: RecordChange[] = [];
    for (;;) {
      const page = await readChangesSince(cursor, { limit: 2 });
      if (page.lastSeq === cursor) break;
      seen.push(...page.changes);
      cursor = page.lastSeq;
    }
    expect(seen).toEqual((await readChangesSince(0)).changes);
  });

  it('tells a subscriber about each new change in order, including writes from another connection', async () => {
    const indexedDB = new IDBFactory();
    db = await openDatabase(new CasefileDB('feed', { indexedDB, IDBKeyRange }));
    const record = await createCase('Watched');
    const got: RecordChange[] = [];
    const stop = subscribeChanges(await latestSeq(), { caseId: record.id }, (changes) => got.push(...changes));
    await renameCase(record.id, 'Once');
    // Another window (or the import worker) writes through its own connection.
    const other = new CasefileDB('feed', { indexedDB, IDBKeyRange });
    await other.open();
    setDb(other);
    await renameCase(record.id, 'Twice');
    setDb(db);
    await expect.poll(() => got.map((c) => c.fields)).toEqual([
      ['name', 'updatedAt'],
      ['name', 'updatedAt'],
    ]);
    stop();
    await renameCase(record.id, 'Thrice');
    await new Promise((r) => setTimeout(r, 50));
    expect(got).toHaveLength(2);
    other.close();
  });
});

describe('the local actor', () => {
  it('is created once, kept across openings, and can be renamed', async () => {
    const indexedDB = new IDBFactory();
    db = await openDatabase(new CasefileDB('actor', { indexedDB, IDBKeyRange }));
    const first = await getActor();
    expect(first.name).toMatch(/^Author [0-9A-F]{4}$/);
    await expect(setActorName('   ')).rejects.toThrow('Your name cannot be empty');
    await setActorName('  Ada   Okafor ');
    db.close();
    db = await openDatabase(new CasefileDB('actor', { indexedDB, IDBKeyRange }));
    expect(await getActor()).toEqual({ ...first, name: 'Ada Okafor' });
    expect(db.actor).toEqual({ ...first, name: 'Ada Okafor' });
    const record = await createCase('Mine');
    const source = await addSource(record.id, {
      format: 'text',
      text: 'A line.',
      blocks: [{ start: 0, end: 7, n: 1, kind: 'paragraph' }],
      sha256: 'cd'.repeat(32),
      fileName: 'a.txt',
      byteLength: 7,
      mediaType: 'text/plain',
      metadata: { type: 'document', title: 'A' },
      bytes: new TextEncoder().encode('A line.'),
      titleFromFirstLine: false,
    });
    expect(await db.sources.get(source.id)).toMatchObject({ createdBy: first.id, deletedAt: 0 });
  });
});
