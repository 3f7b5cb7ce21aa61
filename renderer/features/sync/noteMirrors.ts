/**
 * The stored copies of a shared case's notes follow the team's text even while
 * no editor here has them open. Search, export, citation checks and the notes
 * list read a note's record, not its Y.Doc; without this, a note others changed
 * kept this member's old copy until they opened it.
 *
 * Each live note that no editor in this tab holds has a mirror: the note's
 * document on the case's socket (and its local copy), followed update by
 * update into the brief's editor state (SharedNoteReader) and written, after
 * changes arrive, as a 'sync' change, as an open editor's autosave does. A mirror never edits its
 * document, with one exception: the member who seeds a note (noteSeed.ts)
 * seeds it from their mirror, so the others need not wait until they open it.
 *
 * One document name may have one provider on a socket, so an editor that opens
 * a note takes it over (`hold`): the mirror lets go first, and comes back when
 * the last editor on that note closes.
 */
import type { SharedNoteState } from '../../editor/sharedNoteState';
import type { NoteDocProvider } from './noteDoc';

/** At most one read per this many ms while others type; the last change is always read. */
export const MIRROR_INTERVAL_MS = 1000;

export interface NoteReader {
  apply(update: Uint8Array): void;
  read(): Promise<SharedNoteState>;
  dispose(): void;
}

export interface NoteMirrorHost {
  /** A provider for the note's document (not yet connected). */
  provider(noteId: string): NoteDocProvider;
  /** A reader of the document's text as the editor stores it, following its updates from now on. */
  follow(provider: NoteDocProvider): NoteReader;
  /** Store it as the note's copy (unchanged or empty text is not written). */
  write(noteId: string, state: SharedNoteState): Promise<void>;
  /** Once the document has synced: seed it with the stored text if it is empty and this member is the one who seeds it. */
  seed(noteId: string, provider: NoteDocProvider): Promise<void>;
}

class Mirror {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly provider: NoteDocProvider;
  private readonly reader: NoteReader;
  private readonly onUpdate = (update: Uint8Array) => {
    this.reader.apply(update);
    this.schedule();
  };

  constructor(
    private readonly noteId: string,
    private readonly host: NoteMirrorHost,
  ) {
    this.provider = host.provider(noteId);
    this.reader = host.follow(this.provider);
    this.provider.doc.on('update', this.onUpdate);
    this.provider.onReady(() => this.schedule());
    const seedOnce = () => {
      this.provider.off('sync', seedOnce as never);
      this.running = this.running.then(() => this.seed());
    };
    this.provider.on('sync', seedOnce as never);
    this.provider.connect();
  }

  private schedule(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.running.then(() => this.copy());
    }, MIRROR_INTERVAL_MS);
  }

  private async copy(): Promise<void> {
    if (this.stopped) return;
    try {
      const state = await this.reader.read();
      if (!this.stopped) await this.host.write(this.noteId, state);
    } catch {
      // Not stored this time (storage trouble, a note deleted meanwhile): the next change tries again.
    }
  }

  private async seed(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.host.seed(this.noteId, this.provider);
    } catch {
      // Not seeded this time: the seeder's editor seeds it when they open the note.
    }
  }

  /** Store what is pending now, then let go of the document. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.running = this.running.then(() => this.copy());
    }
    await this.running;
    this.stopped = true;
    this.provider.doc.off('update', this.onUpdate);
    this.reader.dispose();
    await this.provider.destroy();
  }
}

export class NoteMirrors {
  private readonly mirrors = new Map<string, Mirror>();
  private readonly stopping = new Map<string, Promise<void>>();
  private readonly holds = new Map<string, number>();
  private wanted = new Set<string>();
  private destroyed = false;

  constructor(private readonly host: NoteMirrorHost) {}

  /** The case's live notes: each gets a mirror unless an editor holds it; the others' mirrors stop. */
  setNotes(ids: Iterable<string>): void {
    if (this.destroyed) return;
    this.wanted = new Set(ids);
    for (const id of [...this.mirrors.keys()]) if (!this.wanted.has(id)) void this.stop(id);
    for (const id of this.wanted) this.start(id);
  }

  /** Which notes are mirrored now (for tests and diagnostics). */
  mirrored(): string[] {
    return [...this.mirrors.keys()].sort();
  }

  /**
   * An editor is about to open the note's document: its mirror stores what it
   * has and lets go. The returned function gives it back (the editor closed).
   */
  async hold(noteId: string): Promise<() => void> {
    this.holds.set(noteId, (this.holds.get(noteId) ?? 0) + 1);
    await this.stop(noteId);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.holds.get(noteId) ?? 1) - 1;
      if (left > 0) this.holds.set(noteId, left);
      else {
        this.holds.delete(noteId);
        this.start(noteId);
      }
    };
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    await Promise.all([...this.mirrors.keys()].map((id) => this.stop(id)));
    await Promise.all(this.stopping.values());
  }

  private start(noteId: string): void {
    if (this.destroyed || !this.wanted.has(noteId) || this.holds.has(noteId) || this.mirrors.has(noteId)) return;
    const pending = this.stopping.get(noteId);
    // The previous provider of this document must be gone from the socket first.
    if (pending) return void pending.then(() => this.start(noteId));
    this.mirrors.set(noteId, new Mirror(noteId, this.host));
  }

  private stop(noteId: string): Promise<void> {
    const mirror = this.mirrors.get(noteId);
    if (!mirror) return this.stopping.get(noteId) ?? Promise.resolve();
    this.mirrors.delete(noteId);
    const done = mirror.stop().finally(() => {
      if (this.stopping.get(noteId) === done) this.stopping.delete(noteId);
    });
    this.stopping.set(noteId, done);
    return done;
  }
}
