import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { SharedNoteState } from '../../../../../renderer/editor/sharedNoteState';
import type { NoteDocProvider } from '../../../../../renderer/features/sync/noteDoc';
import { MIRROR_INTERVAL_MS, NoteMirrors, type NoteMirrorHost } from '../../../../../renderer/features/sync/noteMirrors';

/** A stand-in for a note's provider: a document, ready at once, and a record of its life. */
class FakeProvider {
  readonly doc = new Y.Doc();
  connected = false;
  destroyed = false;
  private syncListeners: ((synced: boolean) => unknown)[] = [];
  constructor(readonly noteId: string) {}
  onReady(cb: () => void) {
    cb();
    return () => undefined;
  }
  on(type: string, cb: (synced: boolean) => unknown) {
    if (type === 'sync') this.syncListeners.push(cb);
  }
  off(type: string, cb: (synced: boolean) => unknown) {
    this.syncListeners = this.syncListeners.filter((l) => l !== cb);
  }
  connect() {
    this.connected = true;
  }
  sync() {
    for (const l of [...this.syncListeners]) l(true);
  }
  async destroy() {
    this.destroyed = true;
  }
}

function setUp() {
  const providers: FakeProvider[] = [];
  const writes: [string, string][] = [];
  const seeded: string[] = [];
  const host: NoteMirrorHost = {
    provider: (noteId) => {
      const p = new FakeProvider(noteId);
      providers.push(p);
      return p as unknown as NoteDocProvider;
    },
    follow: (provider) => {
      // Follows by updates alone, as the real reader does: a replica that only sees what `apply` gives it.
      const replica = new Y.Doc();
      Y.applyUpdate(replica, Y.encodeStateAsUpdate(provider.doc));
      return {
        apply: (update) => Y.applyUpdate(replica, update),
        read: async () => ({ content: {} as SharedNoteState['content'], plainText: replica.getText('t').toString() }),
        dispose: () => replica.destroy(),
      };
    },
    write: async (noteId, state) => void writes.push([noteId, state.plainText]),
    seed: async (noteId) => void seeded.push(noteId),
  };
  return { mirrors: new NoteMirrors(host), providers, writes, seeded, live: (id: string) => providers.filter((p) => p.noteId === id && !p.destroyed) };
}

describe('NoteMirrors', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('mirrors every live note, stores what arrives at most once an interval, and stops for notes that go', async () => {
    const { mirrors, providers, writes, live } = setUp();
    mirrors.setNotes(['a', 'b']);
    expect(mirrors.mirrored()).toEqual(['a', 'b']);
    expect(providers.every((p) => p.connected)).toBe(true);
    const a = live('a')[0]!;
    a.doc.getText('t').insert(0, 'one');
    a.doc.getText('t').insert(3, ' two');
    await vi.advanceTimersByTimeAsync(MIRROR_INTERVAL_MS);
    // The ready call and both changes: one read of the latest text (b's ready read stores its empty text).
    expect(writes.filter(([id]) => id === 'a')).toEqual([['a', 'one two']]);
    mirrors.setNotes(['b']);
    await vi.advanceTimersByTimeAsync(0);
    expect(mirrors.mirrored()).toEqual(['b']);
    expect(a.destroyed).toBe(true);
  });

  it('lets an editor take a note over and takes it back when the editor lets go; two editors, back after both', async () => {
    const { mirrors, live } = setUp();
    mirrors.setNotes(['a']);
    const first = live('a')[0]!;
    const release1 = await mirrors.hold('a');
    expect(first.destroyed).toBe(true);
    expect(mirrors.mirrored()).toEqual([]);
    const release2 = await mirrors.hold('a');
    release1();
    release1(); // twice is once
    expect(mirrors.mirrored()).toEqual([]);
    release2();
    expect(mirrors.mirrored()).toEqual(['a']);
    expect(live('a')).toHaveLength(1);
    expect(live('a')[0]).not.toBe(first);
  });

  it('stores a pending change before letting go, and seeds once, after the first sync', async () => {
    const { mirrors, writes, seeded, live } = setUp();
    mirrors.setNotes(['a']);
    const p = live('a')[0]!;
    await vi.advanceTimersByTimeAsync(MIRROR_INTERVAL_MS);
    writes.length = 0;
    p.sync();
    p.sync();
    await vi.advanceTimersByTimeAsync(0);
    expect(seeded).toEqual(['a']);
    p.doc.getText('t').insert(0, 'typed just before the editor opened');
    await mirrors.hold('a');
    expect(writes).toEqual([['a', 'typed just before the editor opened']]);
  });

  it('starts nothing after it is destroyed', async () => {
    const { mirrors, providers } = setUp();
    mirrors.setNotes(['a']);
    await mirrors.destroy();
    expect(providers.every((p) => p.destroyed)).toBe(true);
    mirrors.setNotes(['a', 'b']);
    expect(mirrors.mirrored()).toEqual([]);
  });
});
