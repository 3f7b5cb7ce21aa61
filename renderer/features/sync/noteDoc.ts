/**
 * One note's shared text: a Y.Doc per note (`note/<caseId>/<noteId>`, root
 * "root", what @lexical/yjs binds), carried by a HocuspocusProvider that rides
 * the case's WebSocket (one socket per server and case, several documents on
 * it) with the case's token, and persisted in this profile by y-indexeddb so
 * that text typed offline survives a reload and merges on reconnect.
 *
 * Lexical's CollaborationPlugin wants its own small Provider interface; this
 * adapts Hocuspocus to it. It reports `sync` only once the local copy has
 * loaded AND the server has synced, because the plugin decides whether to
 * seed the document at that moment (see shared/sync/noteSeed.ts): seeding
 * before the server's state arrived would write the text a second time.
 */
import { HocuspocusProvider, type HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type { Provider } from '@lexical/yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';

/** The local store's name of a shared document (the case's is `casefile-sync:case/<id>`). */
export const localDocName = (docName: string) => `casefile-sync:${docName}`;

/** How long an empty local copy waits for the server before the editor shows it anyway. */
const READY_WAIT_MS = 1500;

type SyncListener = (isSynced: boolean) => void;
type StatusListener = (event: { status: string }) => void;

export class NoteDocProvider {
  readonly doc = new Y.Doc();
  private readonly hp: HocuspocusProvider;
  private persistence: IndexeddbPersistence | null = null;
  private loaded = false;
  private destroyed = false;
  private readonly syncListeners = new Set<SyncListener>();
  private readonly statusListeners = new Set<StatusListener>();
  private readonly readyListeners = new Set<() => void>();
  private ready = false;

  constructor(
    private readonly docName: string,
    websocketProvider: HocuspocusProviderWebsocket,
    token: string,
    /** Called once this provider has let go of the document (another may take it over). */
    private readonly onDestroyed: () => void = () => undefined,
  ) {
    // A session of its own on the socket: a note's provider is replaced whenever an editor opens or
    // closes the note (its mirror lets go, or takes it back), and under the plain name the server would
    // route the new provider's messages to the old one's connection while it is still closing.
    this.hp = new HocuspocusProvider({ websocketProvider, name: docName, document: this.doc, token, sessionAwareness: true });
    this.hp.on('synced', ({ state }: { state: boolean }) => {
      if (state) this.reportSync();
    });
    this.hp.on('status', ({ status }: { status: string }) => {
      // Offline, or the server unreachable: the local copy is all there is.
      if (status === 'disconnected' && this.loaded) this.markReady();
    });
    this.hp.on('status', ({ status }: { status: string }) => {
      for (const l of [...this.statusListeners]) l({ status });
    });
  }

  get awareness(): Provider['awareness'] {
    return this.hp.awareness as unknown as Provider['awareness'];
  }

  /** Both halves in: the local copy and the server's state. */
  private reportSync(): void {
    if (!this.loaded || !this.hp.isSynced || this.destroyed) return;
    this.markReady();
    for (const l of [...this.syncListeners]) l(true);
  }

  private markReady(): void {
    if (this.ready || this.destroyed) return;
    this.ready = true;
    for (const l of [...this.readyListeners]) l();
    this.readyListeners.clear();
  }

  /**
   * Called once the text is worth showing: the local copy has loaded and holds
   * text, or the server has synced, or the server cannot be reached (offline,
   * the local copy is all there is), or a moment has passed. Until then the
   * editor would show an empty note that fills a moment later.
   */
  onReady(cb: () => void): () => void {
    if (this.ready) {
      cb();
      return () => undefined;
    }
    this.readyListeners.add(cb);
    return () => this.readyListeners.delete(cb);
  }

  /**
   * Called by the plugin once it observes the document: only then is the local
   * copy loaded, so none of it arrives before the editor listens.
   */
  connect(): void {
    if (this.destroyed) return;
    if (this.persistence) {
      this.hp.attach();
      return;
    }
    this.persistence = new IndexeddbPersistence(localDocName(this.docName), this.doc);
    void this.persistence.whenSynced.then(() => {
      if (this.destroyed) return;
      this.loaded = true;
      this.hp.attach();
      if (this.doc.store.clients.size > 0) this.markReady();
      else setTimeout(() => this.markReady(), READY_WAIT_MS);
      this.reportSync();
    });
  }

  /** The plugin disconnects on unmount (and StrictMode's rehearsal); the socket is the case's, so only this document lets go. */
  disconnect(): void {
    this.hp.detach();
  }

  on(type: 'sync' | 'status' | 'update' | 'reload', cb: never): void {
    if (type === 'sync') this.syncListeners.add(cb as SyncListener);
    if (type === 'status') this.statusListeners.add(cb as StatusListener);
    // 'update' and 'reload' are never emitted: the document is never swapped.
  }

  off(type: 'sync' | 'status' | 'update' | 'reload', cb: never): void {
    if (type === 'sync') this.syncListeners.delete(cb as SyncListener);
    if (type === 'status') this.statusListeners.delete(cb as StatusListener);
  }

  /** Edits the server has not acknowledged yet. */
  get unsyncedChanges(): number {
    return this.hp.unsyncedChanges;
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    this.syncListeners.clear();
    this.statusListeners.clear();
    this.readyListeners.clear();
    this.hp.destroy();
    try {
      await this.persistence?.destroy();
    } finally {
      this.onDestroyed();
    }
  }

  /** As Lexical's CollaborationPlugin types it. */
  asProvider(): Provider {
    return this as unknown as Provider;
  }
}
