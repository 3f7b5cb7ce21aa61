import 'fake-indexeddb/auto';
import { IndexeddbPersistence } from 'y-indexeddb';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { COMPACT_AT, DocStore, KEEP_BYTES } from '../../../../../renderer/features/sync/docStore';
import { splitUpdate } from '../../../../../shared/sync/updateChunks';

let n = 0;
const freshName = () => `casefile-sync:test-${++n}`;

function bigDoc(records: number): Y.Doc {
  const doc = new Y.Doc();
  const passages = doc.getMap('passages');
  doc.transact(() => {
    for (let i = 0; i < records; i++) passages.set(`p${i}`, { comment: `passage ${i} `.padEnd(100, '.') });
  });
  return doc;
}

/** Count the tasks (setTimeout turns) a promise takes to settle. */
async function tasksUntil(promise: Promise<unknown>): Promise<number> {
  let settled = false;
  void promise.finally(() => (settled = true));
  let tasks = 0;
  while (!settled) {
    await new Promise((r) => setTimeout(r, 0));
    tasks++;
  }
  return tasks;
}

describe('DocStore', () => {
  it('keeps what is written and loads it into a new document, the updates it loads not stored again', async () => {
    const name = freshName();
    const doc = new Y.Doc();
    const store = await DocStore.open(name, doc);
    doc.getText('t').insert(0, 'first');
    doc.getMap('m').set('k', 1);
    await store.destroy();
    const again = new Y.Doc();
    const reopened = await DocStore.open(name, again);
    expect(again.getText('t').toString()).toBe('first');
    expect(again.getMap('m').get('k')).toBe(1);
    expect(reopened.storedCount()).toBe(2);
    again.getText('t').insert(5, ' and more');
    await reopened.destroy();
    const third = new Y.Doc();
    expect((await DocStore.open(name, third)).storedCount()).toBe(3);
    expect(third.getText('t').toString()).toBe('first and more');
  });

  it('loads a big stored state in pieces, letting other tasks run, and stores a joined case as the pieces it arrives in', async () => {
    const source = bigDoc(6000);
    const whole = Y.encodeStateAsUpdate(source);
    const pieces = splitUpdate(whole);
    expect(pieces.length).toBeGreaterThan(2);
    // A join: the copy opens on the empty document, then the pieces are applied.
    const name = freshName();
    const joined = new Y.Doc();
    const store = await DocStore.open(name, joined);
    for (const piece of pieces) Y.applyUpdate(joined, piece);
    expect(store.storedCount()).toBe(pieces.length);
    await store.destroy();
    const loaded = new Y.Doc();
    const opening = DocStore.open(name, loaded);
    expect(await tasksUntil(opening)).toBeGreaterThanOrEqual(pieces.length);
    expect(loaded.getMap('passages').toJSON()).toEqual(source.getMap('passages').toJSON());
    // A copy holding the whole state as one update (as y-indexeddb left it) loads in pieces too.
    const legacyName = freshName();
    const legacy = new IndexeddbPersistence(legacyName, source);
    await legacy.whenSynced;
    await legacy.destroy();
    const fromLegacy = new Y.Doc();
    const openingLegacy = DocStore.open(legacyName, fromLegacy);
    expect(await tasksUntil(openingLegacy)).toBeGreaterThanOrEqual(pieces.length);
    expect(fromLegacy.getMap('passages').toJSON()).toEqual(source.getMap('passages').toJSON());
  });

  it('compacts runs of small updates in their place, keeping the big ones, and the document loads the same', async () => {
    const name = freshName();
    const doc = new Y.Doc();
    const store = await DocStore.open(name, doc);
    const text = doc.getText('t');
    for (let i = 0; i < 10; i++) text.insert(text.length, `${i} `);
    doc.getMap('big').set('blob', 'x'.repeat(KEEP_BYTES + 10));
    // 10 + 1 + these: the last one is the 500th update, which starts a compaction (destroy waits for it).
    for (let i = 0; i < COMPACT_AT - 11; i++) text.insert(i % 7, 'y');
    await store.destroy();
    const reopened = await DocStore.open(name, new Y.Doc());
    // Two runs merged (before and after the big update), the big one kept: three updates, in order.
    expect(reopened.storedCount()).toBe(3);
    await reopened.destroy();
    const loaded = new Y.Doc();
    await DocStore.open(name, loaded);
    expect(loaded.getText('t').toString()).toBe(text.toString());
    expect(loaded.getMap('big').get('blob')).toHaveLength(KEEP_BYTES + 10);
  });

  it('stores what the document held before it had a copy, and deletes the copy on clearData', async () => {
    const name = freshName();
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'before');
    const store = await DocStore.open(name, doc);
    await store.clearData();
    const after = new Y.Doc();
    const fresh = await DocStore.open(name, after);
    expect(fresh.storedCount()).toBe(0);
    expect(after.getText('t').toString()).toBe('');
    await fresh.destroy();
    const other = new Y.Doc();
    other.getText('t').insert(0, 'kept');
    await (await DocStore.open(name, other)).destroy();
    const loaded = new Y.Doc();
    await DocStore.open(name, loaded);
    expect(loaded.getText('t').toString()).toBe('kept');
  });
});
