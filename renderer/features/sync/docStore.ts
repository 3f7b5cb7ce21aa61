/**
 * The local copy of a case document: its Yjs updates in IndexedDB, loaded
 * without one long task however big the case.
 *
 * y-indexeddb, which kept these copies before, applies every stored update
 * in one transaction when it opens, and from time to time replaces them all
 * with the document's whole state, encoded in one go. For a case of 10,000
 * passages each is a main-thread task of several hundred milliseconds, at
 * every start of the app. This store keeps y-indexeddb's database layout (a
 * database per document, an `updates` store with generated keys), so copies
 * it wrote open here unchanged, and differs in two ways:
 *
 *   - Loading applies the stored updates one by one, letting the page answer
 *     in between; an update bigger than a piece (a copy y-indexeddb
 *     compacted) is applied in pieces (`splitUpdate`). Joining stores the
 *     case as the pieces it arrives in, so a joined case never has one.
 *   - Compacting merges only runs of small updates (each under
 *     `KEEP_BYTES`), in place of the first of each run, so the order of the
 *     updates stays and the big pieces are never read or written again.
 *
 * Updates applied while loading carry this store as their origin, so they
 * are not stored a second time.
 */
import * as Y from 'yjs';
import { nextTask } from '../../../shared/lib/nextTask';
import { splitUpdate, UPDATE_CHUNK_BYTES } from '../../../shared/sync/updateChunks';

const UPDATES = 'updates';

function result<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed.'));
  });
}

function openDatabase(name: string): Promise<IDBDatabase> {
  const request = indexedDB.open(name);
  request.onupgradeneeded = () => {
    const db = request.result;
    if (!db.objectStoreNames.contains(UPDATES)) db.createObjectStore(UPDATES, { autoIncrement: true });
    if (!db.objectStoreNames.contains('custom')) db.createObjectStore('custom');
  };
  return result(request);
}
/** Compact once this many updates are stored (y-indexeddb's figure). */
export const COMPACT_AT = 500;
/** Updates at least this big stay as they are when compacting (a joined case's pieces). */
export const KEEP_BYTES = 64 * 1024;

export class DocStore {
  private db: IDBDatabase | null = null;
  private count = 0;
  private compacting: Promise<void> | null = null;
  private destroyed = false;

  private constructor(
    readonly name: string,
    readonly doc: Y.Doc,
  ) {}

  /** Open (or create) the copy named `name` and load it into `doc`. */
  static async open(name: string, doc: Y.Doc): Promise<DocStore> {
    const store = new DocStore(name, doc);
    await store.load();
    return store;
  }

  private async load(): Promise<void> {
    this.db = await openDatabase(this.name);
    // What the document held before it had a copy (y-indexeddb stores it the same way).
    if (Y.encodeStateVector(this.doc).byteLength > 1) await result(this.updates('readwrite').add(Y.encodeStateAsUpdate(this.doc)));
    const stored = (await result(this.updates('readonly').getAll())) as Uint8Array[];
    this.count = stored.length;
    for (const update of stored) {
      for (const piece of update.byteLength > UPDATE_CHUNK_BYTES ? splitUpdate(update) : [update]) {
        if (this.destroyed) return;
        Y.applyUpdate(this.doc, piece, this);
        await nextTask();
      }
    }
    this.doc.on('update', this.storeUpdate);
  }

  private updates(mode: 'readonly' | 'readwrite'): IDBObjectStore {
    return this.db!.transaction(UPDATES, mode).objectStore(UPDATES);
  }

  private readonly storeUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this || !this.db || this.destroyed) return;
    this.updates('readwrite').add(update);
    if (++this.count >= COMPACT_AT && !this.compacting) {
      this.compacting = this.compact().finally(() => (this.compacting = null));
    }
  };

  /** Merge each run of small updates into one, kept at the run's place. */
  async compact(): Promise<void> {
    if (!this.db || this.destroyed) return;
    // Keys and values read in one transaction, so they match; updates stored after it are left for next time.
    const reading = this.updates('readonly');
    const [keys, values] = (await Promise.all([result(reading.getAllKeys()), result(reading.getAll())])) as [number[], Uint8Array[]];
    const entries = keys.map((k, i) => ({ k, v: values[i]! }));
    const runs: { keys: number[]; updates: Uint8Array[] }[] = [];
    let run: { keys: number[]; updates: Uint8Array[] } | null = null;
    for (const { k, v } of entries) {
      if (v.byteLength >= KEEP_BYTES) run = null;
      else {
        if (!run) runs.push((run = { keys: [], updates: [] }));
        run.keys.push(k);
        run.updates.push(v);
      }
    }
    const merges = runs.filter((r) => r.keys.length > 1);
    if (merges.length === 0) return;
    // Finished even when the store is being destroyed: `destroy` waits for it before closing.
    // One transaction: a crash leaves either the old updates or the merged ones, never neither.
    const store = this.updates('readwrite');
    const writes: Promise<unknown>[] = [];
    for (const r of merges) {
      writes.push(result(store.put(Y.mergeUpdates(r.updates), r.keys[0])));
      for (const key of r.keys.slice(1)) writes.push(result(store.delete(key)));
    }
    await Promise.all(writes);
    this.count -= merges.reduce((n, r) => n + r.keys.length - 1, 0);
  }

  /** How many updates are stored (tests, diagnostics). */
  storedCount(): number {
    return this.count;
  }

  /** Stop storing; the copy stays. */
  async destroy(): Promise<void> {
    this.destroyed = true;
    this.doc.off('update', this.storeUpdate);
    await this.compacting;
    this.db?.close();
    this.db = null;
  }

  /** Stop storing and delete the copy. */
  async clearData(): Promise<void> {
    await this.destroy();
    await result(indexedDB.deleteDatabase(this.name));
  }
}
