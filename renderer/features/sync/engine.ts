/**
 * One shared case, kept in step both ways:
 *
 *   Dexie ──change feed (skips 'sync')──▶ writeRecord(…, only) ──▶ case Y.Doc ──provider──▶ server
 *   Dexie ◀──applySyncedRecords ('sync')◀── observeCaseDoc (skips LOCAL_ORIGIN) ◀── case Y.Doc
 *
 * The Y.Doc is persisted in this profile by y-indexeddb, so what was written
 * offline survives a reload and merges when the provider reconnects; the feed
 * cursor is kept in the database (meta), so local edits not yet written into
 * the Y.Doc are picked up again after a restart. Source snapshots and original
 * files, and figures' SVG and PNG, travel as blobs by SHA-256 (shared/sync/blob.ts)
 * before the record that names them.
 *
 * The case views' records (timeline entries, entity merges and tags, figures)
 * are not tracked in the database (no stamps; a delete is final there): a
 * record the feed names that is gone here becomes a tombstone in the document,
 * and a tombstone that arrives deletes the record here.
 */
import { HocuspocusProvider, WebSocketStatus } from '@hocuspocus/provider';
import type { SerializedEditorState } from 'lexical';
import * as Y from 'yjs';
import { entityMergeSchema, entityTagSchema, figureIndexSchema, timelineEntrySchema } from '../../../shared/bundle/schema';
import type { FigureRecord, NoteRecord, SourceBlobRecord, SourceRecord, Stored } from '../../../shared/domain/types';
import { mapLimit } from '../../../shared/lib/mapLimit';
import { checkAddressed, figureBlobs, figureSvgOf, type AddressedBlob } from '../../../shared/sync/blob';
import {
  TABLES,
  VIEW_TABLES,
  claimsWithConcurrentStatus,
  confirmClaimStatus,
  deleteRecord,
  isViewTable,
  observeCaseDoc,
  readCaseInfo,
  readClaimStatus,
  readMembers,
  readRecord,
  readRecords,
  readTable,
  restoreRecord,
  tableMap,
  writeCaseInfo,
  writeMember,
  writeRecord,
  writeRecords,
  type SharedRecords,
  type TableName,
  type ViewTableName,
  type WriteContext,
} from '../../../shared/sync/caseDoc';
import { caseDocName, noteDocName } from '../../../shared/sync/names';
import { seedsNote } from '../../../shared/sync/noteSeed';
import { decodeSnapshot, snapshotBlob } from '../../../shared/sync/snapshot';
import { concurrentStatusMarker, type ConcurrentStatusMarker } from '../../../shared/sync/statusLog';
import type { Role } from '../../../shared/sync/token';
import { latestSeq, runWithOrigin, subscribeChanges, readChangesSince, type RecordChange } from '../../db';
import { getActor, getMeta, isEmptyNote, saveNoteContent, setMeta } from '../../db/repositories';
import { isUnseeded, seedSharedNote, SharedNoteReader } from '../../editor/sharedNoteState';
import { applySyncedRecords, readCaseForSync, readRecordsForSync, readSourceBlob, readViewsForSync, type SyncedRecords, type ViewRecords } from '../../db/repositories';
import { t } from '../../i18n';
import { DocStore } from './docStore';
import { localDocName, NoteDocProvider } from './noteDoc';
import { NoteMirrors } from './noteMirrors';
import { getBlob, putBlob } from './serverApi';

/** Set once a member's own text from before a note was shared is kept (or there was none): the note's copy is the team's from then on. */
export const beforeSharingKey = (noteId: string) => `sharedNote:${noteId}`;

/** Blob requests in flight at once while fetching a case's sources and figures (browsers allow six connections per host). */
const BLOB_FETCHES = 6;

/** How long after the first sync the notes' mirrors start (joining a case is busy enough). */
const MIRROR_START_DELAY_MS = 1000;

/** The origin of this device's writes into a case Y.Doc (observers skip it: no echo). */
export const LOCAL_ORIGIN = 'casefile-local';

/** How a case is connected: kept only in this profile's database (never in bundles, exports or logs). */
export interface SyncLink {
  caseId: string;
  /** The server's HTTP(S) base address. */
  server: string;
  /** Its WebSocket address. */
  ws: string;
  token: string;
  role: Role;
  /** The feed seq up to which local changes are in the Y.Doc. */
  cursor: number;
  /** True once the first sync with the server happened (until then nothing local is written into the doc). */
  joined: boolean;
  /** True when the case was shared from this profile (not joined): it seeds the notes nobody else may (noteSeed.ts). */
  sharedHere?: boolean;
}

export const LINK_PREFIX = 'sync:link:';
export const linkKey = (caseId: string) => LINK_PREFIX + caseId;

export type SyncPhase = 'connecting' | 'synced' | 'syncing' | 'offline' | 'refused';

export interface SyncState {
  phase: SyncPhase;
  /** Changes made here that the server has not acknowledged yet. */
  waiting: number;
  readOnly: boolean;
  /** Why the server refused (phase 'refused'): the refusal's text as it came, its name first (shared/sync/refusal.ts). */
  reason?: string;
  /** Who else is in the case, and where. */
  peers: Peer[];
}

export interface Peer {
  clientId: number;
  name: string;
  color: string;
  where?: string;
}

type SharedSourceRecord = SharedRecords['sources'];

const COLORS = ['#b3261e', '#1b6e3a', '#0b57d0', '#8a4b00', '#6f3fb5', '#00696f'];

export function colorFor(id: string): string {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return COLORS[h % COLORS.length]!;
}

/** A shared record in the app's shape: stamps mapped, `deletedAt` 0 for live. */
function toLocal(table: TableName, caseId: string, shared: Record<string, unknown>): Record<string, unknown> {
  const { mergedInto: _m, snapshot: _s, mediaType: _t, updatedAt, updatedBy, deletedAt, deletedBy, ...rest } = shared;
  const out: Record<string, unknown> = { ...rest, caseId, deletedAt: typeof deletedAt === 'number' ? deletedAt : 0 };
  // A record not changed since its creation carries only its creation stamps, as the change log writes it.
  if (updatedAt !== shared.createdAt || updatedBy !== shared.createdBy) {
    out.changedAt = updatedAt;
    if (updatedBy !== undefined) out.updatedBy = updatedBy;
  }
  if (deletedBy !== undefined) out.deletedBy = deletedBy;
  if (table === 'passages' || table === 'claims' || table === 'notes') out.updatedAt = updatedAt;
  return out;
}

const VIEW_SCHEMAS = { timelineEntries: timelineEntrySchema, entityMerges: entityMergeSchema, entityTags: entityTagSchema } as const;

/**
 * A view record from the document in the app's shape: exactly the fields a
 * bundle holds (the database keeps no stamps for these tables), checked as a
 * bundle checks it; null for one that does not fit (damaged, or written by a
 * newer Casefile), which is left out rather than stored half-understood.
 */
function toLocalView<T extends Exclude<ViewTableName, 'figures'>>(table: T, caseId: string, shared: Record<string, unknown>): ViewRecords[T][number] | null {
  const { createdBy: _c, updatedBy: _u, deletedAt: _d, deletedBy: _b, updatedAt, ...rest } = shared;
  const candidate = { ...rest, caseId, ...(table === 'timelineEntries' ? { updatedAt } : {}) };
  const parsed = VIEW_SCHEMAS[table].safeParse(candidate);
  if (!parsed.success) {
    console.warn(`Sync: a shared ${table} record (${String(shared.id)}) does not fit this Casefile and was left out.`);
    return null;
  }
  return parsed.data as ViewRecords[T][number];
}

/** A view record in the form the document takes: a figure's pictures become the hashes of their blobs. */
type ViewInput = Record<string, unknown> & { id: string };

/**
 * The case document's local copy (docStore.ts), loaded into `doc`. Joining opens it on the empty
 * document before the case arrives, so the copy stores the case as the pieces it arrives in.
 */
export function openCaseDocCopy(caseId: string, doc: Y.Doc): Promise<DocStore> {
  return DocStore.open(localDocName(caseDocName(caseId)), doc);
}

export class CaseSync {
  readonly doc: Y.Doc;
  private provider: HocuspocusProvider | null = null;
  private persistence: DocStore | null = null;
  private queue: Promise<void> = Promise.resolve();
  private offs: (() => void)[] = [];
  private listeners = new Set<() => void>();
  private pendingLocal = 0;
  private state: SyncState = { phase: 'connecting', waiting: 0, readOnly: false, peers: [] };
  private destroyed = false;
  private blobsMissing = new Set<string>();
  private figuresMissing = new Set<string>();
  /** Timeline entries and entity tags that name a source or passage this database does not hold yet: retried with every pull. */
  private viewsWaiting = { timelineEntries: new Set<string>(), entityTags: new Set<string>() };
  private where: string | undefined;
  private joinedResolve: () => void = () => undefined;
  private readonly joined = new Promise<void>((resolve) => (this.joinedResolve = resolve));
  private connectedResolve: (provider: HocuspocusProvider) => void = () => undefined;
  /** The case's provider, once `start` made it: notes' documents ride its WebSocket. */
  private readonly connected = new Promise<HocuspocusProvider>((resolve) => (this.connectedResolve = resolve));
  /** Stored copies of the notes no editor here has open, kept in step with the team's text. */
  private readonly mirrors = new NoteMirrors({
    provider: (noteId) => new NoteDocProvider(noteDocName(this.caseId, noteId), this.provider!.configuration.websocketProvider, this.link.token),
    follow: (provider) => new SharedNoteReader(provider.doc),
    write: async (noteId, state) => {
      if (await this.mayMirror(noteId)) await runWithOrigin('sync', () => saveNoteContent(noteId, state, { skipUnchanged: true }));
    },
    seed: async (noteId, provider) => {
      if (!isUnseeded(provider.doc)) return;
      const [stored] = (await readRecordsForSync('notes', [noteId])) as (Stored<NoteRecord> | undefined)[];
      if (!stored || stored.deletedAt || isEmptyNote(stored.content, stored.plainText)) return;
      if (!(await this.seeds((await getActor()).id, stored.createdBy)) || !isUnseeded(provider.doc)) return;
      await seedSharedNote(provider.doc, stored.content as SerializedEditorState);
    },
  });

  constructor(
    private link: SyncLink,
    doc?: Y.Doc,
  ) {
    this.doc = doc ?? new Y.Doc();
    this.doc.on('update', this.countUpdate);
    this.state.readOnly = link.role === 'ro';
  }

  get caseId(): string {
    return this.link.caseId;
  }

  /** The server's address (never the token). */
  get server(): string {
    return this.link.server;
  }

  snapshot(): SyncState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(patch: Partial<SyncState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of [...this.listeners]) l();
  }

  private refresh(): void {
    const p = this.provider;
    if (!p || this.state.phase === 'refused') return;
    const waiting = p.unsyncedChanges + this.pendingLocal;
    const connected = p.configuration.websocketProvider.status === WebSocketStatus.Connected;
    const phase: SyncPhase = !connected ? (waiting > 0 ? 'offline' : 'connecting') : p.isSynced && waiting === 0 ? 'synced' : 'syncing';
    this.set({ phase, waiting });
  }

  /** Run sync work one piece at a time (pulls and pushes never interleave). */
  private enqueue(work: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(work).catch((error: unknown) => {
      console.warn(`Sync of case ${this.caseId}: ${error instanceof Error ? error.message : String(error)}`);
    });
    return this.queue;
  }

  private ctx(actor: string, now: number): WriteContext {
    return { actor, now, origin: LOCAL_ORIGIN };
  }

  /**
   * Connect. `mode` 'share' writes the whole local case into the (new) document
   * after the first sync; 'join' has already pulled it; 'resume' reconnects a
   * case shared before.
   */
  async start(mode: 'share' | 'join' | 'resume', provider?: HocuspocusProvider, persistence?: DocStore): Promise<void> {
    this.persistence = persistence ?? (await openCaseDocCopy(this.caseId, this.doc));
    if (this.destroyed) return;
    this.provider = provider ?? this.connect();
    this.connectedResolve(this.provider);
    this.provider.on('status', () => this.refresh());
    this.provider.on('unsyncedChanges', () => this.refresh());
    this.provider.on('synced', () => {
      this.refresh();
      void this.afterSync(mode);
    });
    this.provider.on('authenticated', ({ scope }: { scope: string }) => this.set({ readOnly: scope === 'readonly' }));
    this.provider.on('authenticationFailed', ({ reason }: { reason: string }) => this.set({ phase: 'refused', reason }));
    this.provider.on('awarenessChange', () => this.readPeers());
    const actor = await getActor();
    this.provider.setAwarenessField('user', { id: actor.id, name: actor.name, color: colorFor(actor.id) });
    if (this.where) this.provider.setAwarenessField('where', this.where);
    this.offs.push(
      observeCaseDoc(this.doc, (changes, tx) => {
        if (tx.origin === LOCAL_ORIGIN) return;
        const ids: Partial<Record<TableName, string[]>> = {};
        for (const table of TABLES) {
          // A tag rename or merge can change every record's resolved tags.
          const all = changes.tagResolution && (table === 'passages' || table === 'claims');
          const set = all ? tableMap(this.doc, table).keys() : changes.records[table];
          ids[table] = [...set];
        }
        void this.enqueue(() => this.pull(ids, changes.caseInfo));
      }),
    );
    if (provider?.isSynced) void this.afterSync(mode);
    else if (this.link.joined) void this.startPushing();
    this.refresh();
  }

  private connect(): HocuspocusProvider {
    return new HocuspocusProvider({ url: this.link.ws, name: caseDocName(this.caseId), document: this.doc, token: this.link.token });
  }

  private afterSyncDone = false;
  private async afterSync(mode: 'share' | 'join' | 'resume'): Promise<void> {
    if (this.afterSyncDone) {
      void this.enqueue(() => this.retryBlobs());
      return;
    }
    this.afterSyncDone = true;
    if (mode === 'share' && !readCaseInfo(this.doc)) await this.enqueue(() => this.pushAll());
    // What arrived while this device was away (or in the document from before a reload).
    await this.enqueue(() => this.pull(Object.fromEntries(TABLES.map((t) => [t, [...tableMap(this.doc, t).keys()]])), true));
    await this.enqueue(() => this.pushMissingViews());
    if (!this.link.joined) {
      this.link = { ...this.link, joined: true, cursor: mode === 'join' ? await latestSeq() : this.link.cursor };
      await setMeta(linkKey(this.caseId), this.link);
    }
    await this.startPushing();
    this.joinedResolve();
    this.startMirrors();
  }

  /** Mirror every live note (after the first sync, so joining is not slowed), following notes as they come and go. */
  private startMirrors(): void {
    const live = () => readTable(this.doc, 'notes').filter((n) => !n.deletedAt).map((n) => n.id);
    const timer = setTimeout(() => {
      if (this.destroyed) return;
      this.mirrors.setNotes(live());
      this.offs.push(
        observeCaseDoc(this.doc, (changes) => {
          if (changes.records.notes.size > 0) this.mirrors.setNotes(live());
        }),
      );
    }, MIRROR_START_DELAY_MS);
    this.offs.push(() => clearTimeout(timer));
  }

  /** Which notes' stored copies follow their shared text right now (diagnostics, tests). */
  mirroredNotes(): string[] {
    return this.mirrors.mirrored();
  }

  /** Resolves once the first sync is done and the case is in the database. */
  whenJoined(): Promise<void> {
    return this.joined;
  }

  private pushing = false;
  private async startPushing(): Promise<void> {
    if (this.pushing || this.destroyed) return;
    this.pushing = true;
    const actor = await getActor();
    // A read-only connection's writes are dropped by the server, never acknowledged: one would leave the status at "Syncing…".
    if (!this.state.readOnly) writeMember(this.doc, actor.id, { name: actor.name, color: colorFor(actor.id) }, this.ctx(actor.id, Date.now()));
    await this.enqueue(() => this.pushSince());
    this.offs.push(
      subscribeChanges(this.link.cursor, { caseId: this.caseId, skipOrigins: ['sync'] }, () => {
        void this.enqueue(() => this.pushSince());
      }),
    );
  }

  /** The whole case into a new document: what "Share case…" sends first. */
  private async pushAll(): Promise<void> {
    const cursor = await latestSeq();
    const data = await readCaseForSync(this.caseId);
    if (!data.case) return;
    const actor = (await getActor()).id;
    const ctx = this.ctx(actor, Date.now());
    const sources: SharedSourceRecord[] = [];
    for (const s of data.sources) sources.push(await this.uploadSource(s));
    const views = await readViewsForSync(this.caseId);
    const figures: ViewInput[] = [];
    for (const f of views.figures) figures.push(await this.uploadFigure(f));
    this.doc.transact(() => {
      writeCaseInfo(this.doc, { id: data.case!.id, name: data.case!.name, createdAt: data.case!.createdAt, ...(data.case!.briefNoteId ? { briefNoteId: data.case!.briefNoteId } : {}) }, { ...ctx, actor: data.case!.createdBy ?? actor });
      writeRecords(this.doc, 'tags', data.tags as never[], ctx);
      writeRecords(this.doc, 'sources', sources as never[], ctx);
      writeRecords(this.doc, 'passages', data.passages as never[], ctx);
      writeRecords(this.doc, 'claims', data.claims as never[], ctx);
      writeRecords(this.doc, 'notes', data.notes as never[], ctx);
      writeRecords(this.doc, 'timelineEntries', views.timelineEntries, ctx);
      writeRecords(this.doc, 'entityMerges', views.entityMerges, ctx);
      writeRecords(this.doc, 'entityTags', views.entityTags, ctx);
      writeRecords(this.doc, 'figures', figures as never[], ctx);
    }, LOCAL_ORIGIN);
    this.link = { ...this.link, cursor };
    await setMeta(linkKey(this.caseId), this.link);
  }

  /** Send a blob to the server under its SHA-256 (a repeat is a no-op there). */
  private upload(blob: AddressedBlob): Promise<void> {
    return putBlob(this.link.server, this.caseId, this.link.token, blob.sha256, blob.bytes);
  }

  /** Fetch a blob by its SHA-256 and check that it is what that hash names. */
  private async fetchBlob(sha256: string, what: string): Promise<Uint8Array> {
    return checkAddressed(await getBlob(this.link.server, this.caseId, this.link.token, sha256), sha256, what);
  }

  /** Upload a source's snapshot and original (once: the server keeps blobs by hash) and give its shared form. */
  private async uploadSource(source: Stored<SourceRecord>): Promise<SharedSourceRecord> {
    const snapshot = await snapshotBlob({
      text: source.text,
      blocks: source.blocks,
      ...(source.html === undefined ? {} : { html: source.html }),
      ...(source.ocr === undefined ? {} : { ocr: source.ocr }),
    });
    await this.upload(snapshot);
    const original = await readSourceBlob(source.id);
    if (original) await this.upload({ sha256: source.sha256, bytes: original.bytes });
    const { text: _t, blocks: _b, html: _h, ocr: _o, ...rest } = source;
    return { ...rest, snapshot: snapshot.sha256, ...(original ? { mediaType: original.mediaType } : {}) } as unknown as SharedSourceRecord;
  }

  /** Upload a figure's SVG and PNG as blobs and give its shared form (the record names them by hash). */
  private async uploadFigure(figure: FigureRecord): Promise<ViewInput> {
    const blobs = await figureBlobs(figure);
    await this.upload(blobs.svg);
    await this.upload(blobs.png);
    const { svg: _s, png: _p, caseId: _c, ...rest } = figure;
    return { ...rest, svgBlob: blobs.svg.sha256, pngBlob: blobs.png.sha256 };
  }

  /** Local changes after the cursor into the document, in order; stops (to retry later) when a blob cannot be sent. */
  private async pushSince(): Promise<void> {
    if (this.destroyed || this.state.readOnly) return;
    for (;;) {
      const { changes, lastSeq } = await readChangesSince(this.link.cursor, { caseId: this.caseId, skipOrigins: ['sync'] });
      if (lastSeq === this.link.cursor) break;
      this.pendingLocal = changes.length;
      this.refresh();
      await this.pushChanges(changes);
      this.link = { ...this.link, cursor: lastSeq };
      await setMeta(linkKey(this.caseId), this.link);
    }
    this.pendingLocal = 0;
    this.refresh();
  }

  private async pushChanges(changes: RecordChange[]): Promise<void> {
    const byTable = new Map<string, RecordChange[]>();
    for (const c of changes) byTable.set(c.table, [...(byTable.get(c.table) ?? []), c]);
    for (const [table, list] of byTable) {
      if (table !== 'cases' && !(TABLES as readonly string[]).includes(table)) continue;
      const records = await readRecordsForSync(table as TableName | 'cases', list.map((c) => c.key));
      if (isViewTable(table)) {
        await this.pushViews(table, list, records as (ViewInput | undefined)[]);
        continue;
      }
      for (let i = 0; i < list.length; i++) {
        const change = list[i]!;
        const record = records[i];
        if (!record || change.op === 'delete') continue; // purged for good here; the document keeps its tombstone
        const ctx = this.ctx(change.actor, change.at);
        if (table === 'cases') {
          const c = record as unknown as { id: string; name: string; createdAt: number; briefNoteId?: string };
          if (c.id === this.caseId) writeCaseInfo(this.doc, { id: c.id, name: c.name, createdAt: c.createdAt, ...(c.briefNoteId ? { briefNoteId: c.briefNoteId } : {}) }, ctx);
          continue;
        }
        const t = table as TableName;
        let input: Record<string, unknown> = record as unknown as Record<string, unknown>;
        const fields = change.fields;
        if (t === 'sources' && (fields === null || fields.some((f) => ['text', 'blocks', 'html', 'ocr', 'sha256', 'revision'].includes(f)) || !readRecord(this.doc, t, record.id))) {
          input = (await this.uploadSource(record as unknown as Stored<SourceRecord>)) as unknown as Record<string, unknown>;
        } else if (t === 'sources') {
          const shared = readRecord(this.doc, 'sources', record.id);
          input = { ...input, snapshot: shared?.snapshot, ...(shared?.mediaType ? { mediaType: shared.mediaType } : {}) };
        }
        const existing = readRecord(this.doc, t, record.id);
        if (existing?.deletedAt && !record.deletedAt) restoreRecord(this.doc, t, record.id, ctx);
        // Who changed it last, and when, as this database says (its stamps): the document's `updated`.
        const stamps = record as { updatedBy?: string; createdBy?: string };
        const by = stamps.updatedBy ?? stamps.createdBy ?? change.actor;
        const at = (record as { changedAt?: number }).changedAt ?? (record as { createdAt?: number }).createdAt ?? change.at;
        this.doc.transact(() => {
          writeRecord(this.doc, t, { ...input, updatedAt: at } as never, { ...ctx, actor: by }, fields ?? undefined);
          const map = tableMap(this.doc, t).get(record.id);
          const updated = map?.get('updated') as { at: number; by: string } | undefined;
          if (map && (updated?.at !== at || updated.by !== by)) map.set('updated', { at, by });
        }, LOCAL_ORIGIN);
      }
    }
  }

  /**
   * The views' changes into the document. Their database keeps no tombstones,
   * so the record as it is now decides: there, it is written (taken out of the
   * Trash first if the document had it there: an Undo); gone (an unmerge, a
   * removed decision), it becomes a tombstone; gone with the source or
   * passage it names, deleted for good here, it stays for the others.
   */
  private async pushViews(table: ViewTableName, list: RecordChange[], records: (ViewInput | undefined)[]): Promise<void> {
    const purged = await this.purgedWithWhatTheyName(table, list.filter((_, i) => !records[i]).map((c) => c.key));
    for (let i = 0; i < list.length; i++) {
      const change = list[i]!;
      const record = records[i];
      const ctx = this.ctx(change.actor, change.at);
      if (!record) {
        if (!purged.has(change.key)) deleteRecord(this.doc, table, change.key, ctx);
      } else await this.writeView(table, record, ctx, change.fields);
    }
  }

  /**
   * Of these removed view records, those that went because the source or passage they name was deleted for
   * good here (the Trash emptied, or its retention): that is this device's housekeeping, as the purge of the
   * record itself is (the document keeps its tombstone). For the others the record is still in the Trash and
   * may come back with its decisions, so they are not deleted for them.
   */
  private async purgedWithWhatTheyName(table: ViewTableName, keys: string[]): Promise<Set<string>> {
    if (keys.length === 0 || (table !== 'timelineEntries' && table !== 'entityTags')) return new Set();
    const named = keys.map((key) => {
      const shared = readRecord(this.doc, table, key) as { sourceId?: string; passageId?: string } | undefined;
      return { key, sourceId: shared?.sourceId, passageId: shared?.passageId };
    });
    const here = async (t: 'sources' | 'passages', ids: (string | undefined)[]) => {
      const wanted = [...new Set(ids.filter((id): id is string => id !== undefined))];
      const found = await readRecordsForSync(t, wanted);
      return new Set(wanted.filter((_, i) => found[i] !== undefined));
    };
    const sources = await here('sources', named.map((n) => n.sourceId));
    const passages = await here('passages', named.map((n) => n.passageId));
    const gone = (id: string | undefined, held: Set<string>) => id !== undefined && !held.has(id);
    return new Set(named.filter((n) => gone(n.sourceId, sources) || gone(n.passageId, passages)).map((n) => n.key));
  }

  private async writeView(table: ViewTableName, record: ViewInput, ctx: WriteContext, fields: string[] | null): Promise<void> {
    const existing = readRecord(this.doc, table, record.id);
    let input: ViewInput = record;
    let only = fields ?? undefined;
    if (table === 'figures') {
      const shared = existing as SharedRecords['figures'] | undefined;
      const redrawn = !shared || only === undefined || only.some((f) => f === 'svg' || f === 'png');
      input = redrawn ? await this.uploadFigure(record as unknown as FigureRecord) : { ...record, svgBlob: shared.svgBlob, pngBlob: shared.pngBlob };
      only = only?.map((f) => (f === 'svg' ? 'svgBlob' : f === 'png' ? 'pngBlob' : f));
    }
    this.doc.transact(() => {
      if (existing?.deletedAt) restoreRecord(this.doc, table, record.id, ctx);
      writeRecord(this.doc, table, input as never, ctx, only);
      // A timeline entry's `updatedAt` is the document's `updated` time, so every member shows the same one.
      const at = (record as { updatedAt?: unknown }).updatedAt;
      const map = tableMap(this.doc, table).get(record.id);
      const updated = map?.get('updated') as { at: number; by: string } | undefined;
      if (map && typeof at === 'number' && updated?.at !== at) map.set('updated', { at, by: ctx.actor });
    }, LOCAL_ORIGIN);
  }

  /**
   * View records this database holds that the document has never had (made
   * before this Casefile shared them, or while this member could not write):
   * written once after the first sync, so the team gets them. A record the
   * document has as a tombstone was deleted by someone and is not brought back.
   */
  private async pushMissingViews(): Promise<void> {
    if (this.destroyed || this.state.readOnly) return;
    const views = await readViewsForSync(this.caseId);
    const actor = (await getActor()).id;
    for (const table of VIEW_TABLES) {
      for (const record of views[table] as unknown as ViewInput[]) {
        if (!tableMap(this.doc, table).has(record.id)) await this.writeView(table, record, this.ctx(actor, Date.now()), null);
      }
    }
  }

  /** Records changed in the document by others, into the database. */
  private async pull(ids: Partial<Record<TableName, string[]>>, caseInfo: boolean): Promise<void> {
    const out: SyncedRecords = {};
    if (caseInfo) {
      const info = readCaseInfo(this.doc);
      if (info) out.case = { id: info.id, name: info.name, createdAt: info.createdAt, ...(info.briefNoteId ? { briefNoteId: info.briefNoteId } : {}), ...(info.createdBy ? { createdBy: info.createdBy } : {}) };
    }
    for (const table of TABLES) {
      const waiting = table === 'timelineEntries' || table === 'entityTags' ? this.viewsWaiting[table] : null;
      const list = waiting && waiting.size > 0 ? [...new Set([...(ids[table] ?? []), ...waiting])] : (ids[table] ?? []);
      if (list.length === 0) continue;
      const records = readRecords(this.doc, table, list);
      if (isViewTable(table)) {
        // After the sources and passages in TABLES' order, so a view record may name one arriving in this same pull.
        (out.views ??= {})[table] = (await this.viewsFromDoc(table, records as unknown as Record<string, unknown>[], out)) as never;
        continue;
      }
      if (table === 'sources') {
        const { sources, blobs } = await this.fetchSources(records as SharedSourceRecord[]);
        out.sources = sources;
        out.blobs = blobs;
        continue;
      }
      (out as Record<string, unknown>)[table] = records.map((r) => toLocal(table, this.caseId, r as unknown as Record<string, unknown>));
    }
    await applySyncedRecords(this.caseId, out);
  }

  /** View records from the document: the live ones in the app's shape (figures with their pictures), the IDs of tombstones. */
  private async viewsFromDoc(table: ViewTableName, shared: Record<string, unknown>[], arriving: SyncedRecords): Promise<{ put: unknown[]; remove: string[] }> {
    const remove = shared.filter((r) => r.deletedAt).map((r) => r.id as string);
    const live = shared.filter((r) => !r.deletedAt);
    if (table === 'figures') return { put: await this.fetchFigures(live as unknown as SharedRecords['figures'][]), remove };
    const put = live.map((r) => toLocalView(table, this.caseId, r)).filter((r) => r !== null);
    if (table === 'entityMerges') return { put, remove };
    // A timeline entry or entity tag whose source or passage is not here yet (its source's text still on its way) would
    // dangle, and a bundle of the case would be refused: it waits until what it names has arrived.
    const waiting = this.viewsWaiting[table];
    for (const id of remove) waiting.delete(id);
    const named = put as { id: string; sourceId?: string; passageId?: string }[];
    const has = async (t: 'sources' | 'passages', wanted: (string | undefined)[], coming: readonly { id: string }[] | undefined) => {
      const keys = [...new Set(wanted.filter((k): k is string => k !== undefined))];
      const found = await readRecordsForSync(t, keys);
      return new Set([...keys.filter((_, i) => found[i] !== undefined), ...(coming ?? []).map((r) => r.id)]);
    };
    const sources = await has('sources', named.map((r) => r.sourceId), arriving.sources);
    const passages = await has('passages', named.map((r) => r.passageId), arriving.passages);
    const ready = named.filter((r) => (r.sourceId === undefined || sources.has(r.sourceId)) && (r.passageId === undefined || passages.has(r.passageId)));
    for (const r of named) {
      if (ready.includes(r)) waiting.delete(r.id);
      else waiting.add(r.id);
    }
    return { put: ready, remove };
  }

  /**
   * Figures with their SVG and PNG fetched by hash. A figure already stored
   * here keeps its pictures (a figure is only ever added whole: its pictures
   * never change); one whose blobs cannot be fetched yet waits for the next sync.
   */
  private async fetchFigures(shared: SharedRecords['figures'][]): Promise<FigureRecord[]> {
    const local = (await readRecordsForSync('figures', shared.map((f) => f.id))) as (FigureRecord | undefined)[];
    const fetched = await mapLimit(shared, BLOB_FETCHES, async (f, i): Promise<FigureRecord | null> => {
      const meta = { id: f.id, caseId: this.caseId, width: f.width, height: f.height, alt: f.alt, createdAt: f.createdAt };
      try {
        const have = local[i];
        const [svg, png] = have ? [have.svg, have.png] : await Promise.all([this.fetchBlob(f.svgBlob, 'A shared figure').then(figureSvgOf), this.fetchBlob(f.pngBlob, 'A shared figure')]);
        if (!figureIndexSchema.safeParse({ ...meta, svg }).success) throw new Error(`figure ${f.id} does not fit this Casefile`);
        this.figuresMissing.delete(f.id);
        return { ...meta, svg, png };
      } catch {
        this.figuresMissing.add(f.id);
        return null;
      }
    });
    return fetched.filter((f): f is FigureRecord => f !== null);
  }

  /** Sources with their snapshot and original fetched by hash; those whose blobs are not there yet wait for the next sync. */
  private async fetchSources(shared: SharedSourceRecord[]): Promise<{ sources: SourceRecord[]; blobs: SourceBlobRecord[] }> {
    const local = await readRecordsForSync('sources', shared.map((s) => s.id));
    const fetched = await mapLimit(shared, BLOB_FETCHES, async (s, i): Promise<{ source: SourceRecord; blob?: SourceBlobRecord } | null> => {
      const have = local[i] as Stored<SourceRecord> | undefined;
      const base = toLocal('sources', this.caseId, s as unknown as Record<string, unknown>);
      if (have && have.sha256 === s.sha256 && have.revision === s.revision) {
        return { source: { ...base, text: have.text, blocks: have.blocks, ...(have.html === undefined ? {} : { html: have.html }), ...(have.ocr === undefined ? {} : { ocr: have.ocr }) } as unknown as SourceRecord };
      }
      try {
        // The snapshot and the original at once: two requests in flight per source.
        const [snapshot, original] = await Promise.all([
          this.fetchBlob(s.snapshot, 'A shared source’s text'),
          // The original file is optional (a pasted text has none on the server).
          getBlob(this.link.server, this.caseId, this.link.token, s.sha256).catch(() => null),
        ]);
        const snap = decodeSnapshot(snapshot);
        this.blobsMissing.delete(s.id);
        return {
          source: { ...base, text: snap.text, blocks: snap.blocks, ...(snap.html === undefined ? {} : { html: snap.html }), ...(snap.ocr === undefined ? {} : { ocr: snap.ocr }) } as unknown as SourceRecord,
          ...(original ? { blob: { sourceId: s.id, bytes: original, mediaType: s.mediaType ?? 'application/octet-stream' } } : {}),
        };
      } catch {
        this.blobsMissing.add(s.id);
        return null;
      }
    });
    const sources: SourceRecord[] = [];
    const blobs: SourceBlobRecord[] = [];
    for (const item of fetched) {
      if (!item) continue;
      sources.push(item.source);
      if (item.blob) blobs.push(item.blob);
    }
    return { sources, blobs };
  }

  private async retryBlobs(): Promise<void> {
    const waiting = this.viewsWaiting.timelineEntries.size + this.viewsWaiting.entityTags.size;
    if (this.blobsMissing.size === 0 && this.figuresMissing.size === 0 && waiting === 0) return;
    // The views waiting for a source or passage come along with any pull.
    await this.pull({ sources: [...this.blobsMissing], figures: [...this.figuresMissing] }, false);
  }

  /**
   * The "changed at the same time by …" marker of a claim as `viewer` sees it, with the members' names;
   * null when there is none. Read from the document because the status log's authors and what each had
   * seen live only there (the app's records keep the changes, not who made them).
   */
  claimStatusMarker(claimId: string, viewer: string): (ConcurrentStatusMarker & { names: Map<string, string> }) | null {
    const info = readClaimStatus(this.doc, claimId);
    const marker = info ? concurrentStatusMarker(info.entries, viewer) : null;
    if (!marker) return null;
    const names = new Map([...readMembers(this.doc)].map(([id, member]) => [id, member.name]));
    return { ...marker, names };
  }

  private concurrentCache: { version: number; ids: string[] } | null = null;
  private docVersion = 0;
  private readonly countUpdate = () => void this.docVersion++;

  /** The claims marked "changed at the same time" (read once per change of the document, however many rows ask). */
  claimsChangedAtSameTime(): string[] {
    if (this.concurrentCache?.version !== this.docVersion) this.concurrentCache = { version: this.docVersion, ids: claimsWithConcurrentStatus(this.doc) };
    return this.concurrentCache.ids;
  }

  /** Notified after every change of the document (for views that read it, such as the status marker). */
  onDocUpdate(listener: () => void): () => void {
    this.doc.on('update', listener);
    return () => this.doc.off('update', listener);
  }

  /**
   * Confirm a claim's status after a concurrent change: an entry in the shared log (so it travels, and
   * clears the marker for everyone), written offline too. The status itself does not change.
   */
  async confirmClaimStatus(claimId: string): Promise<void> {
    if (this.state.readOnly) throw new Error(t('sync.readOnlyRefused'));
    const actor = await getActor();
    if (!confirmClaimStatus(this.doc, claimId, this.ctx(actor.id, Date.now()))) return;
    // Written straight into the document, so the database takes the claim's new stamps from it like any arrival.
    await this.enqueue(() => this.pull({ claims: [claimId] }, false));
  }

  private readPeers(): void {
    const awareness = this.provider?.awareness;
    if (!awareness) return;
    const peers: Peer[] = [];
    for (const [clientId, st] of awareness.getStates()) {
      if (clientId === this.doc.clientID) continue;
      const user = (st as { user?: { name?: string; color?: string } }).user;
      if (!user?.name) continue;
      const where = (st as { where?: string }).where;
      peers.push({ clientId, name: user.name, color: user.color ?? '#444', ...(where ? { where } : {}) });
    }
    peers.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId);
    this.set({ peers });
  }

  /** Tell the others where this person is ("Reading: Minutes of the council"). */
  setWhere(where: string | undefined): void {
    this.where = where;
    this.provider?.setAwarenessField('where', where ?? null);
  }

  /**
   * Whether this tab is the one of this profile that seeds the case's notes. A Yjs insert is not a
   * compare-and-set, so two tabs of the seeding member that each found a note empty would each write
   * its text; one Web Lock per case, held for the tab's life, elects one tab (the next takes over
   * when it closes). Without the Web Locks API every tab counts as the one.
   */
  private seedingTab: Promise<boolean> | null = null;
  private releaseSeeding: () => void = () => undefined;
  private isSeedingTab(): Promise<boolean> {
    if (this.seedingTab) return this.seedingTab;
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    if (!locks) return (this.seedingTab = Promise.resolve(true));
    const name = `casefile-seeding-tab:${this.caseId}`;
    // Held until this case's sync is destroyed.
    const hold = () => new Promise<void>((resolve) => (this.releaseSeeding = resolve));
    this.seedingTab = new Promise<boolean>((resolve) => {
      // `request` settles only when its callback's promise does, so the answer is passed out from inside.
      void locks
        .request(name, { ifAvailable: true }, (lock) => {
          resolve(lock !== null);
          if (lock) return hold();
          // Another tab seeds: wait in line to take over when it closes.
          void locks
            .request(name, () => {
              if (this.destroyed) return undefined;
              this.seedingTab = Promise.resolve(true);
              return hold();
            })
            .catch(() => undefined);
          return undefined;
        })
        .catch(() => resolve(true));
    });
    return this.seedingTab;
  }

  /** Whether this member seeds a note's empty document with its stored text (noteSeed.ts). */
  private memberSeeds(me: string, noteAuthor: string | undefined): boolean {
    const sharedHere = this.link.sharedHere ?? readCaseInfo(this.doc)?.createdBy === me;
    return seedsNote({ me, noteAuthor, sharedHere, members: new Set(readMembers(this.doc).keys()), readOnly: this.state.readOnly });
  }

  /** Whether this tab seeds the note: this member does, and this is their seeding tab. */
  private async seeds(me: string, noteAuthor: string | undefined): Promise<boolean> {
    return this.memberSeeds(me, noteAuthor) && (await this.isSeedingTab());
  }

  /**
   * Whether a mirror may store the team's text over a note's copy. Not while
   * the copy may hold text this member had before the case's notes were
   * shared and that is not kept yet: opening the note keeps it in a note of
   * its own first (and says so). A seeder's text is what the document started
   * from, and an empty copy has nothing to keep.
   */
  private async mayMirror(noteId: string): Promise<boolean> {
    if (await getMeta<boolean>(beforeSharingKey(noteId))) return true;
    const [stored] = (await readRecordsForSync('notes', [noteId])) as (Stored<NoteRecord> | undefined)[];
    if (!stored) return false;
    if (this.memberSeeds((await getActor()).id, stored.createdBy)) return true;
    if (!isEmptyNote(stored.content, stored.plainText)) return false;
    await setMeta(beforeSharingKey(noteId), true);
    return true;
  }

  /**
   * A note's shared text: its own Y.Doc on the case's WebSocket and token, and
   * whether this device seeds it with the note's stored text (noteSeed.ts).
   */
  async openNote(note: { id: string; createdBy?: string }): Promise<{ provider: NoteDocProvider; seeds: boolean; name: string; color: string }> {
    const caseProvider = await this.connected;
    const actor = await getActor();
    const seeds = await this.seeds(actor.id, note.createdBy);
    // The note's mirror (if any) lets go of the document first, and takes it back when this provider is destroyed.
    const release = await this.mirrors.hold(note.id);
    const provider = new NoteDocProvider(noteDocName(this.caseId, note.id), caseProvider.configuration.websocketProvider, this.link.token, release);
    return { provider, seeds, name: actor.name, color: colorFor(actor.id) };
  }

  /** Disconnect and stop listening; `forget` also drops the locally persisted document (Stop sharing). */
  async destroy(forget = false): Promise<void> {
    this.destroyed = true;
    this.releaseSeeding();
    for (const off of this.offs) off();
    this.offs = [];
    await this.mirrors.destroy();
    this.provider?.destroy();
    if (forget) {
      await this.persistence?.clearData();
      // The notes' local copies too (Chromium lists databases; elsewhere they stay, unused).
      const prefix = localDocName(`note/${this.caseId}/`);
      const names = typeof indexedDB.databases === 'function' ? (await indexedDB.databases()).map((d) => d.name ?? '') : [];
      for (const name of names.filter((n) => n.startsWith(prefix))) indexedDB.deleteDatabase(name);
    } else await this.persistence?.destroy();
    this.listeners.clear();
  }
}
