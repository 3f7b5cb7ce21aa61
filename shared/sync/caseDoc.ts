/**
 * The case Y.Doc: how one case's records live in Yjs so that everyone editing
 * it converges, nothing anyone did is lost, and every record says who made it
 * and who changed it last.
 *
 * Top-level shared types (document `case/<caseId>`):
 *
 *   case       Y.Map   v (format version), id, name, briefNoteId + stamps
 *   members    Y.Map   actorId → { name, color? }   (who the `…By` stamps name)
 *   sources    Y.Map   id → Y.Map  source metadata; the text lives in a blob
 *   passages   Y.Map   id → Y.Map  selectors, comment, locator, anchor, tags
 *   claims     Y.Map   id → Y.Map  statement, claimant, note, tags, evidence, statusLog
 *   tags       Y.Map   id → Y.Map  name, color, description
 *   tagMerges  Y.Map   "fromId>intoId" → { from, into, at, by }  (a set of redirects, see tagGraph.ts)
 *   notes      Y.Map   id → Y.Map  title, order, schemaVersion; the text is
 *                                  the note's own document (note/<caseId>/<noteId>)
 *   timelineEntries Y.Map  id → Y.Map  a found date's decision or a hand-added event
 *   entityMerges    Y.Map  id → Y.Map  an alias merged into an entity (Undo tombstones it)
 *   entityTags      Y.Map  id → Y.Map  a passage tagged with an entity
 *   figures         Y.Map  id → Y.Map  a picture the brief shows; its SVG and PNG
 *                                      are blobs (figureBlobs in blob.ts), the record holds their hashes
 *
 * Inside a record map, plain fields are JSON values, so concurrent edits of
 * different fields both survive and concurrent edits of one field converge on
 * one value. Fields that only ever change together are one value, so they
 * cannot end up half from one edit and half from another: a passage's
 * `place` (selectors, locator, anchor status: re-anchoring writes them as
 * one) and a source's `content` (the snapshot and the original file it came
 * from: "Update source…" replaces them as one). Collections that people grow
 * at the same time are nested types,
 * created with the record (never lazily, or two devices would each create one
 * and one would be dropped):
 *
 *   tags        Y.Map   tagId → position   (membership by ID; order by position, then ID)
 *   evidence    Y.Map   passageId → { stance, addedAt }
 *   statusLog   Y.Array StatusEntry, append-only (see statusLog.ts)
 *   metadata    Y.Map   CSL field → value (a source's bibliographic details)
 *
 * Stamps on every record: `created: { at, by }`, `updated: { at, by }` (actor
 * IDs), and `deleted: { at, by }` while the record is in the Trash. Records are
 * never removed from the document: a delete is a tombstone that `restoreRecord`
 * lifts, so a citation of a deleted passage can always be restored.
 *
 * Writers are diffs: they compare with what the document holds and write only
 * what differs, so writing back what a reader returned changes nothing and no
 * update is emitted (no echo loops). Run them inside `doc.transact(fn, origin)`
 * with an origin of your own to recognise your writes in observers. Values a
 * reader returns may be the document's own objects: do not mutate them.
 */
import * as Y from 'yjs';
import type { MessageRef } from '../i18n';
import type {
  ClaimRecord,
  ClaimStatus,
  EntityMergeRecord,
  EntityTagRecord,
  EvidenceItem,
  FigureRecord,
  NoteRecord,
  PassageRecord,
  SourceMetadata,
  SourceRecord,
  TagRecord,
  TimelineEntryRecord,
} from '../domain/types';
import { changeEntry, confirmEntry, compareEntries, concurrentChanges, currentStatus, toStatusChanges, type StatusEntry } from './statusLog';
import { lazy } from '../lib/lazy';
import { resolveTags, type TagResolution } from './tagGraph';

/**
 * Still 1 after the case views' tables (timelineEntries, entityMerges,
 * entityTags, figures) were added, on purpose: they are new top-level maps,
 * which a document from before simply does not have (Yjs gives an empty map,
 * so it opens as a case without view records), and which a Casefile from
 * before never reads nor writes (it observes only the maps it knows), so
 * nothing it does can damage them. A bump would make every Casefile from
 * before refuse each case shared from now on, for no gain: it would still
 * converge on everything it knows. Bump only for a change an older reader
 * would get wrong (a field that changes meaning, a record shape it would
 * overwrite).
 */
export const CASE_DOC_VERSION = 1;

export type TableName = 'sources' | 'passages' | 'claims' | 'tags' | 'notes' | ViewTableName;
/** The case views' tables (issue 14): local to one database until they were added here. */
export type ViewTableName = 'timelineEntries' | 'entityMerges' | 'entityTags' | 'figures';
export const VIEW_TABLES: readonly ViewTableName[] = ['timelineEntries', 'entityMerges', 'entityTags', 'figures'];
export const TABLES: readonly TableName[] = ['sources', 'passages', 'claims', 'tags', 'notes', ...VIEW_TABLES];

export function isViewTable(table: string): table is ViewTableName {
  return (VIEW_TABLES as readonly string[]).includes(table);
}

export interface Stamps {
  createdAt: number;
  createdBy?: string;
  updatedAt: number;
  updatedBy?: string;
  deletedAt?: number;
  deletedBy?: string;
}

export type SharedSource = Omit<SourceRecord, 'caseId' | 'text' | 'blocks' | 'html' | 'ocr'> & {
  /** SHA-256 of the snapshot blob (text, blocks, html, OCR record: see snapshot.ts). */
  snapshot: string;
  /** Media type of the original file, kept with its blob. */
  mediaType?: string;
} & Stamps;
export type SharedPassage = Omit<PassageRecord, 'caseId'> & Stamps;
export type SharedClaim = Omit<ClaimRecord, 'caseId'> & Stamps;
export type SharedTag = Omit<TagRecord, 'caseId'> & Stamps & {
  /** Set when this tag was merged into (or has the same name as) others: the tags it stands for. */
  mergedInto?: string[];
};
export type SharedNote = Omit<NoteRecord, 'caseId' | 'content' | 'plainText'> & Stamps;
/** `updatedAt` is the `updated` stamp's time, as for passages. */
export type SharedTimelineEntry = Omit<TimelineEntryRecord, 'caseId'> & Stamps;
export type SharedEntityMerge = Omit<EntityMergeRecord, 'caseId'> & Stamps;
export type SharedEntityTag = Omit<EntityTagRecord, 'caseId'> & Stamps;
export type SharedFigure = Omit<FigureRecord, 'caseId' | 'svg' | 'png'> & {
  /** SHA-256 of the SVG document's UTF-8 bytes, a blob on the server. */
  svgBlob: string;
  /** SHA-256 of the PNG's bytes, a blob on the server. */
  pngBlob: string;
} & Stamps;

export interface SharedRecords {
  sources: SharedSource;
  passages: SharedPassage;
  claims: SharedClaim;
  tags: SharedTag;
  notes: SharedNote;
  timelineEntries: SharedTimelineEntry;
  entityMerges: SharedEntityMerge;
  entityTags: SharedEntityTag;
  figures: SharedFigure;
}

type Optional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;
type InputStamps = Partial<Pick<Stamps, 'createdAt' | 'updatedAt' | 'deletedAt' | 'deletedBy'>>;

/** What writers take: the app's records (extra fields are ignored) with optional stamps. */
export interface RecordInputs {
  sources: Optional<SharedSource, keyof Stamps> & InputStamps;
  passages: Optional<SharedPassage, keyof Stamps> & InputStamps;
  /** `status` is ignored: the status is what the status log says. */
  claims: Optional<SharedClaim, keyof Stamps> & InputStamps;
  tags: Optional<SharedTag, keyof Stamps | 'mergedInto'> & InputStamps;
  notes: Optional<SharedNote, keyof Stamps> & InputStamps;
  timelineEntries: Optional<SharedTimelineEntry, keyof Stamps> & InputStamps;
  entityMerges: Optional<SharedEntityMerge, keyof Stamps> & InputStamps;
  entityTags: Optional<SharedEntityTag, keyof Stamps> & InputStamps;
  figures: Optional<SharedFigure, keyof Stamps> & InputStamps;
}

export interface WriteContext {
  /** Actor ID of the person writing (the `…By` stamps). */
  actor: string;
  /** Epoch ms. */
  now: number;
  /** Transaction origin, so observers can tell local writes from remote ones. */
  origin?: unknown;
  /** IDs for new status-log entries; defaults to crypto.randomUUID. */
  newId?: () => string;
}

/** The case was shared by a newer Casefile; the message is for the user. */
export class CaseDocVersionError extends Error {
  override name = 'CaseDocVersionError';
  /** The message for the UI to show in its language. */
  readonly detail: MessageRef = { key: 'sync.newerVersion' };
}

/** A record field stored as its own value, or fields that change together stored as one object under `key`. */
type FieldSpec = string | { key: string; fields: readonly string[] };

const VALUE_FIELDS: { [T in TableName]: readonly FieldSpec[] } = {
  sources: [{ key: 'content', fields: ['format', 'sha256', 'snapshot', 'mediaType', 'fileName', 'byteLength', 'importedAt', 'revision', 'fetched', 'importReport'] }, 'order'],
  passages: ['sourceId', { key: 'place', fields: ['selectors', 'locator', 'anchor'] }, 'comment'],
  claims: ['statement', 'claimant', 'note'],
  tags: ['name', 'color', 'description'],
  notes: ['title', 'order', 'schemaVersion'],
  // What a date or event refers to, and the decision about it (kind, corrected date and label: one decision, never half of two).
  timelineEntries: [
    { key: 'found', fields: ['sourceId', 'selectors', 'passageId'] },
    { key: 'decision', fields: ['kind', 'date', 'label'] },
  ],
  entityMerges: [{ key: 'merge', fields: ['alias', 'into'] }],
  entityTags: [{ key: 'tagging', fields: ['passageId', 'entity', 'name', 'kind'] }],
  figures: [{ key: 'picture', fields: ['svgBlob', 'pngBlob', 'width', 'height'] }, 'alt'],
};

const specKey = (spec: FieldSpec) => (typeof spec === 'string' ? spec : spec.key);
const specFields = (spec: FieldSpec) => (typeof spec === 'string' ? [spec] : spec.fields);

/** The value a record gives a field spec: the field itself, or the group's object (undefined members left out). */
function specValue(spec: FieldSpec, fields: Record<string, unknown>): unknown {
  if (typeof spec === 'string') return fields[spec];
  const out: Record<string, unknown> = {};
  for (const f of spec.fields) if (fields[f] !== undefined) out[f] = fields[f];
  return out;
}

interface Stamp {
  at: number;
  by: string;
}

const METADATA_FIELDS: readonly (keyof SourceMetadata)[] = ['type', 'title', 'author', 'container-title', 'publisher', 'issued', 'accessed', 'URL', 'language'];

type RecordMap = Y.Map<unknown>;

export function tableMap(doc: Y.Doc, table: TableName): Y.Map<RecordMap> {
  return doc.getMap<RecordMap>(table);
}

interface MergeValue {
  from: string;
  into: string;
  at: number;
  by: string;
}

function tagMergesMap(doc: Y.Doc): Y.Map<MergeValue> {
  return doc.getMap('tagMerges');
}

// ---------------------------------------------------------------- values

/** JSON equality that treats a missing key and an `undefined` value alike. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const key of keys) if (!sameValue(ao[key], bo[key])) return false;
  return true;
}

/** Set or delete one key when it differs; true when something was written. */
function put(map: Y.Map<unknown>, key: string, value: unknown): boolean {
  if (value === undefined) {
    if (!map.has(key)) return false;
    map.delete(key);
    return true;
  }
  if (map.has(key) && sameValue(map.get(key), value)) return false;
  map.set(key, value);
  return true;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type
function nested<T extends Y.AbstractType<any>>(record: RecordMap, key: string, make: () => T): T {
  const existing = record.get(key);
  if (existing instanceof Y.AbstractType) return existing as T;
  // Only reached for a record created without it (damaged or foreign); see the note at the top.
  const created = make();
  record.set(key, created);
  return created;
}

function stampsOf(record: Y.Map<unknown>): Stamps {
  const created = record.get('created') as Stamp | undefined;
  const updated = (record.get('updated') as Stamp | undefined) ?? created;
  const deleted = record.get('deleted') as Stamp | undefined;
  return {
    createdAt: created?.at ?? 0,
    ...(created ? { createdBy: created.by } : {}),
    updatedAt: updated?.at ?? 0,
    ...(updated ? { updatedBy: updated.by } : {}),
    ...(deleted ? { deletedAt: deleted.at, deletedBy: deleted.by } : {}),
  };
}

// ---------------------------------------------------------------- tags

/** How tag IDs resolve in this document now (merges, cycles, equal names). */
export function tagResolution(doc: Y.Doc): TagResolution {
  const nodes = [];
  for (const [id, tag] of tableMap(doc, 'tags')) {
    nodes.push({ id, name: String(tag.get('name') ?? ''), createdAt: (tag.get('created') as Stamp | undefined)?.at ?? 0, deleted: tag.has('deleted') });
  }
  return resolveTags(nodes, tagMergesMap(doc).values());
}

function canonicalOf(resolution: TagResolution, id: string): string[] {
  return resolution.canonical.get(id) ?? [id];
}

/** The live tags a membership key stands for. */
function liveOf(resolution: TagResolution, id: string): string[] {
  return canonicalOf(resolution, id).filter((c) => resolution.live.has(c));
}

function byPosition(a: [string, number], b: [string, number]): number {
  return a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

/** The tags a membership map stands for: canonical, live, in order, without duplicates. */
function readTagSet(set: Y.Map<number> | undefined, resolution: TagResolution): string[] {
  if (!set) return [];
  const entries: [string, number][] = [];
  for (const [id, pos] of set) for (const c of liveOf(resolution, id)) entries.push([c, typeof pos === 'number' ? pos : 0]);
  return [...new Set(entries.sort(byPosition).map(([c]) => c))];
}

/**
 * Make a membership map stand for `desired` (tag IDs, in order), touching as
 * little as possible:
 * - a membership stays while every live tag it stands for is wanted; one that
 *   stands for an unwanted tag goes (a tag merged two ways is split into its
 *   wanted parts);
 * - memberships of tags this device cannot show (deleted, or not arrived
 *   yet) stay, so restoring a tag brings it back everywhere it was;
 * - positions are rewritten only when the order differs from `desired`.
 */
function writeTagSet(set: Y.Map<number>, desired: readonly string[], resolution: TagResolution): boolean {
  let changed = false;
  const want = [...new Set(desired.flatMap((id) => canonicalOf(resolution, id)))];
  const wanted = new Set(want);
  const covered = new Set<string>();
  for (const id of [...set.keys()]) {
    const stands = liveOf(resolution, id);
    if (stands.some((c) => !wanted.has(c))) {
      set.delete(id);
      changed = true;
    } else for (const c of stands) covered.add(c);
  }
  want.forEach((c, pos) => {
    if (!covered.has(c)) {
      set.set(c, pos);
      changed = true;
    }
  });
  // Order: compare what the map now shows with what is wanted, and renumber only when they differ.
  const shown = readTagSet(set, resolution);
  const order = want.filter((c) => resolution.live.has(c));
  if (shown.length === order.length && shown.some((c, i) => c !== order[i])) {
    const rank = new Map(order.map((c, i) => [c, i]));
    for (const id of [...set.keys()]) {
      const first = Math.min(...liveOf(resolution, id).map((c) => rank.get(c) ?? Infinity));
      if (Number.isFinite(first) && set.get(id) !== first) {
        set.set(id, first);
        changed = true;
      }
    }
  }
  return changed;
}

function mergeKey(fromId: string, intoId: string): string {
  return `${fromId}>${intoId}`;
}

/** Record that `fromId` was merged into `intoId` (a redirect; see tagGraph.ts). */
export function mergeTag(doc: Y.Doc, fromId: string, intoId: string, ctx: WriteContext): boolean {
  if (fromId === intoId) return false;
  let changed = false;
  doc.transact(() => {
    const merges = tagMergesMap(doc);
    if (merges.has(mergeKey(fromId, intoId))) return;
    merges.set(mergeKey(fromId, intoId), { from: fromId, into: intoId, at: ctx.now, by: ctx.actor });
    changed = true;
  }, ctx.origin);
  return changed;
}

/** Undo the merges of `fromId` (into `intoId`, or into any tag): passages that had it show it again. */
export function unmergeTag(doc: Y.Doc, fromId: string, ctx: WriteContext, intoId?: string): boolean {
  let changed = false;
  doc.transact(() => {
    const merges = tagMergesMap(doc);
    for (const [key, merge] of [...merges.entries()]) {
      if (merge.from !== fromId || (intoId !== undefined && merge.into !== intoId)) continue;
      merges.delete(key);
      changed = true;
    }
  }, ctx.origin);
  return changed;
}

// ---------------------------------------------------------------- claims' status

function statusEntries(record: RecordMap): StatusEntry[] {
  const log = record.get('statusLog');
  return log instanceof Y.Array ? (log.toArray() as StatusEntry[]) : [];
}

function initialStatusOf(record: RecordMap): ClaimStatus {
  return (record.get('initialStatus') as ClaimStatus | undefined) ?? 'unverified';
}

export interface ClaimStatusInfo {
  status: ClaimStatus;
  /** Every entry, oldest first, with its author. */
  entries: StatusEntry[];
  /** The disagreeing heads while a "changed at the same time" is unconfirmed; null otherwise. */
  concurrent: StatusEntry[] | null;
}

export function readClaimStatus(doc: Y.Doc, claimId: string): ClaimStatusInfo | undefined {
  const record = tableMap(doc, 'claims').get(claimId);
  if (!record) return undefined;
  const entries = statusEntries(record).sort(compareEntries);
  return { status: currentStatus(entries, initialStatusOf(record)), entries, concurrent: concurrentChanges(entries) };
}

/** The live claims whose status was changed at the same time and not confirmed since (the claims list marks them). */
export function claimsWithConcurrentStatus(doc: Y.Doc): string[] {
  const ids: string[] = [];
  for (const [id, record] of tableMap(doc, 'claims')) {
    if (record.get('deleted')) continue;
    const log = record.get('statusLog');
    // Two entries at least: one change cannot be concurrent with anything.
    if (!(log instanceof Y.Array) || log.length < 2) continue;
    if (concurrentChanges(statusEntries(record).sort(compareEntries))) ids.push(id);
  }
  return ids.sort();
}

/** Append a status change; `from` is the status as this device sees it now. */
export function changeClaimStatus(doc: Y.Doc, claimId: string, change: { to: ClaimStatus; reason?: string }, ctx: WriteContext): boolean {
  return withRecord(doc, 'claims', claimId, ctx, (record) => {
    const entries = statusEntries(record);
    const initial = initialStatusOf(record);
    const log = nested(record, 'statusLog', () => new Y.Array<StatusEntry>());
    if (currentStatus(entries, initial) === change.to) {
      // Choosing the status it already has is a confirmation when people disagreed, else nothing.
      if (concurrentChanges(entries) === null) return false;
      log.push([confirmEntry(entries, initial, { id: newEntryId(ctx), at: ctx.now, by: ctx.actor })]);
      return true;
    }
    log.push([changeEntry(entries, initial, { id: newEntryId(ctx), at: ctx.now, by: ctx.actor, ...change })]);
    return true;
  });
}

/** Confirm the current status after a concurrent change, which clears the marker everywhere. */
export function confirmClaimStatus(doc: Y.Doc, claimId: string, ctx: WriteContext): boolean {
  return withRecord(doc, 'claims', claimId, ctx, (record) => {
    const entries = statusEntries(record);
    if (concurrentChanges(entries) === null) return false;
    const log = nested(record, 'statusLog', () => new Y.Array<StatusEntry>());
    log.push([confirmEntry(entries, initialStatusOf(record), { id: newEntryId(ctx), at: ctx.now, by: ctx.actor })]);
    return true;
  });
}

function newEntryId(ctx: WriteContext): string {
  return ctx.newId ? ctx.newId() : crypto.randomUUID();
}

function changeKey(c: { at: number; from: string; to: string; reason?: string | undefined }): string {
  return JSON.stringify([c.at, c.from, c.to, c.reason ?? null]);
}

/**
 * Append the record's status changes the log does not hold yet (matched by
 * time, from, to and reason). Never removes: the log is append-only.
 */
function writeStatusLog(record: RecordMap, changes: readonly ClaimRecord['statusLog'][number][], ctx: WriteContext): boolean {
  const entries = statusEntries(record);
  const have = new Map<string, number>();
  for (const e of entries) if (!e.confirms) have.set(changeKey(e), (have.get(changeKey(e)) ?? 0) + 1);
  const initial = initialStatusOf(record);
  const working = [...entries];
  const added: StatusEntry[] = [];
  for (const change of [...changes].sort((a, b) => a.at - b.at)) {
    const key = changeKey(change);
    const count = have.get(key) ?? 0;
    if (count > 0) {
      have.set(key, count - 1);
      continue;
    }
    const entry: StatusEntry = {
      ...changeEntry(working, initial, { id: newEntryId(ctx), at: change.at, by: ctx.actor, to: change.to, ...(change.reason === undefined ? {} : { reason: change.reason }) }),
      // The record's own `from`, so reading the log back gives the same change (no echo).
      from: change.from,
    };
    working.push(entry);
    added.push(entry);
  }
  if (added.length === 0) return false;
  nested(record, 'statusLog', () => new Y.Array<StatusEntry>()).push(added);
  return true;
}

// ---------------------------------------------------------------- evidence and metadata

function readEvidence(record: RecordMap): EvidenceItem[] {
  const evidence = record.get('evidence');
  if (!(evidence instanceof Y.Map)) return [];
  const items: EvidenceItem[] = [];
  for (const [passageId, value] of evidence as Y.Map<{ stance: EvidenceItem['stance']; addedAt: number }>) {
    items.push({ passageId, stance: value.stance, addedAt: value.addedAt });
  }
  return items.sort((a, b) => a.addedAt - b.addedAt || (a.passageId < b.passageId ? -1 : a.passageId > b.passageId ? 1 : 0));
}

function writeEvidence(record: RecordMap, items: readonly EvidenceItem[]): boolean {
  const evidence = nested(record, 'evidence', () => new Y.Map<unknown>());
  let changed = false;
  const wanted = new Set(items.map((i) => i.passageId));
  for (const key of [...evidence.keys()]) {
    if (!wanted.has(key)) {
      evidence.delete(key);
      changed = true;
    }
  }
  for (const item of items) changed = put(evidence, item.passageId, { stance: item.stance, addedAt: item.addedAt }) || changed;
  return changed;
}

function readMetadata(record: RecordMap): SourceMetadata {
  const meta = record.get('metadata');
  const out: Record<string, unknown> = {};
  if (meta instanceof Y.Map) for (const [key, value] of meta as Y.Map<unknown>) out[key] = value;
  return out as unknown as SourceMetadata;
}

function writeMetadata(record: RecordMap, metadata: SourceMetadata): boolean {
  const meta = nested(record, 'metadata', () => new Y.Map<unknown>());
  let changed = false;
  const given = metadata as unknown as Record<string, unknown>;
  const keys = new Set([...METADATA_FIELDS, ...Object.keys(given), ...meta.keys()]);
  for (const key of keys) changed = put(meta, key, given[key]) || changed;
  return changed;
}

// ---------------------------------------------------------------- records

function withRecord(doc: Y.Doc, table: TableName, id: string, ctx: WriteContext, fn: (record: RecordMap) => boolean): boolean {
  let changed = false;
  doc.transact(() => {
    const record = tableMap(doc, table).get(id);
    if (!record) return;
    changed = fn(record);
    if (changed) record.set('updated', { at: ctx.now, by: ctx.actor });
  }, ctx.origin);
  return changed;
}

function createRecordMap(table: TableName): RecordMap {
  const record = new Y.Map<unknown>();
  if (table === 'passages' || table === 'claims') record.set('tags', new Y.Map<number>());
  if (table === 'claims') {
    record.set('evidence', new Y.Map<unknown>());
    record.set('statusLog', new Y.Array<StatusEntry>());
  }
  if (table === 'sources') record.set('metadata', new Y.Map<unknown>());
  return record;
}

function createdAtOf(table: TableName, input: Record<string, unknown>, now: number): number {
  if (typeof input.createdAt === 'number') return input.createdAt;
  if (table === 'sources' && typeof input.importedAt === 'number') return input.importedAt;
  return now;
}

/**
 * Create or update one record from the app's version of it, writing only what
 * differs. Returns true when the document changed. A record that carries
 * `deletedAt` is moved to the Trash; lifting a tombstone is `restoreRecord`'s
 * job alone, so a stale copy can never bring a deleted record back by accident.
 *
 * `only` limits an update to the fields the change log says this device
 * changed (e.g. `['comment']`), so a field someone else changed a moment ago,
 * which this device's copy does not show yet, is not written back over.
 * A new record is always written whole.
 */
export function writeRecord<T extends TableName>(doc: Y.Doc, table: T, input: RecordInputs[T], ctx: WriteContext, only?: readonly string[]): boolean {
  return writeOne(doc, table, input, ctx, only, lazy(() => tagResolution(doc)));
}

/**
 * Write many records of one table in one transaction: what sharing a case
 * for the first time does. Tag resolution is worked out once for the batch
 * (write the tags before the passages and claims that use them). Returns how
 * many records changed.
 */
export function writeRecords<T extends TableName>(doc: Y.Doc, table: T, inputs: Iterable<RecordInputs[T]>, ctx: WriteContext): number {
  let count = 0;
  doc.transact(() => {
    const resolution = lazy(() => tagResolution(doc));
    for (const input of inputs) if (writeOne(doc, table, input, ctx, undefined, resolution)) count++;
  }, ctx.origin);
  return count;
}

function writeOne<T extends TableName>(doc: Y.Doc, table: T, input: RecordInputs[T], ctx: WriteContext, only: readonly string[] | undefined, resolution: () => TagResolution): boolean {
  const fields = input as unknown as Record<string, unknown> & { id: string };
  let changed = false;
  doc.transact(() => {
    const root = tableMap(doc, table);
    let record = root.get(fields.id);
    const creating = !record;
    if (!record) {
      record = createRecordMap(table);
      root.set(fields.id, record);
      record.set('created', { at: createdAtOf(table, fields, ctx.now), by: ctx.actor });
      if (table === 'claims') {
        const claim = input as RecordInputs['claims'];
        const first = [...claim.statusLog].sort((a, b) => a.at - b.at)[0];
        record.set('initialStatus', first ? first.from : claim.status);
      }
    }
    const wanted = creating || only === undefined ? () => true : (key: string) => only.includes(key);
    let edited = false;
    for (const spec of VALUE_FIELDS[table]) if (specFields(spec).some(wanted)) edited = put(record, specKey(spec), specValue(spec, fields)) || edited;
    if (table === 'sources' && wanted('metadata')) edited = writeMetadata(record, (input as RecordInputs['sources']).metadata) || edited;
    if ((table === 'passages' || table === 'claims') && wanted('tags')) {
      const tags = (input as RecordInputs['passages']).tags;
      edited = writeTagSet(nested(record, 'tags', () => new Y.Map<number>()), tags, resolution()) || edited;
    }
    if (table === 'claims') {
      const claim = input as RecordInputs['claims'];
      if (wanted('evidence')) edited = writeEvidence(record, claim.evidence) || edited;
      if (wanted('statusLog') || wanted('status')) edited = writeStatusLog(record, claim.statusLog, ctx) || edited;
    }
    if (edited || creating) {
      const at = typeof fields.updatedAt === 'number' ? fields.updatedAt : creating ? (record.get('created') as Stamp).at : ctx.now;
      put(record, 'updated', { at, by: ctx.actor });
    }
    // The app's database keeps `deletedAt: 0` on every live record (its indexes need a value), so only a time is a deletion.
    if (typeof fields.deletedAt === 'number' && fields.deletedAt > 0 && !record.has('deleted')) {
      record.set('deleted', { at: fields.deletedAt, by: typeof fields.deletedBy === 'string' ? fields.deletedBy : ctx.actor });
      edited = true;
    }
    changed = edited || creating;
  }, ctx.origin);
  return changed;
}

/** Move a record to the Trash (a tombstone; nothing is removed). */
export function deleteRecord(doc: Y.Doc, table: TableName, id: string, ctx: WriteContext): boolean {
  let changed = false;
  doc.transact(() => {
    const record = tableMap(doc, table).get(id);
    if (!record || record.has('deleted')) return;
    record.set('deleted', { at: ctx.now, by: ctx.actor });
    changed = true;
  }, ctx.origin);
  return changed;
}

/** Take a record out of the Trash. */
export function restoreRecord(doc: Y.Doc, table: TableName, id: string, ctx: WriteContext): boolean {
  return withRecord(doc, table, id, ctx, (record) => {
    if (!record.has('deleted')) return false;
    record.delete('deleted');
    return true;
  });
}

function readOne<T extends TableName>(table: T, id: string, record: RecordMap, resolution: () => TagResolution): SharedRecords[T] {
  const out: Record<string, unknown> = { id };
  for (const spec of VALUE_FIELDS[table]) {
    const value = record.get(specKey(spec));
    if (value === undefined) continue;
    if (typeof spec === 'string') out[spec] = value;
    else Object.assign(out, value);
  }
  Object.assign(out, stampsOf(record));
  if (table === 'sources') out.metadata = readMetadata(record);
  if (table === 'passages' || table === 'claims') out.tags = readTagSet(record.get('tags') as Y.Map<number> | undefined, resolution());
  if (table === 'claims') {
    const entries = statusEntries(record);
    out.status = currentStatus(entries, initialStatusOf(record));
    out.statusLog = toStatusChanges(entries);
    out.evidence = readEvidence(record);
  }
  if (table === 'tags') {
    const c = canonicalOf(resolution(), id);
    if (c.length !== 1 || c[0] !== id) out.mergedInto = c;
  }
  return out as unknown as SharedRecords[T];
}

/** One record, tombstoned or not; undefined when the document has none with this ID. */
export function readRecord<T extends TableName>(doc: Y.Doc, table: T, id: string): SharedRecords[T] | undefined {
  const record = tableMap(doc, table).get(id);
  return record ? readOne(table, id, record, lazy(() => tagResolution(doc))) : undefined;
}

/**
 * Several records of one table, in the order asked, skipping IDs the document
 * has no record for; the tag resolution is worked out once for them all (per
 * record it costs a join of 10,000 passages half a second).
 */
export function readRecords<T extends TableName>(doc: Y.Doc, table: T, ids: Iterable<string>): SharedRecords[T][] {
  const resolution = lazy(() => tagResolution(doc));
  const root = tableMap(doc, table);
  const out: SharedRecords[T][] = [];
  for (const id of ids) {
    const record = root.get(id);
    if (record) out.push(readOne(table, id, record, resolution));
  }
  return out;
}

/** Every record of a table, tombstoned ones included (they carry deletedAt), in ID order. */
export function readTable<T extends TableName>(doc: Y.Doc, table: T): SharedRecords[T][] {
  const resolution = lazy(() => tagResolution(doc));
  const ids = [...tableMap(doc, table).keys()].sort();
  return ids.map((id) => readOne(table, id, tableMap(doc, table).get(id)!, resolution));
}

// ---------------------------------------------------------------- the case and its members

export interface SharedCaseInfo {
  id: string;
  name: string;
  briefNoteId?: string;
  createdAt: number;
  createdBy?: string;
  updatedAt: number;
  updatedBy?: string;
}

function caseMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('case');
}

/** The document's format version; throws for one this Casefile cannot read. */
export function checkCaseDocVersion(doc: Y.Doc): number {
  const v = caseMap(doc).get('v');
  const version = typeof v === 'number' ? v : CASE_DOC_VERSION;
  if (version > CASE_DOC_VERSION) {
    throw new CaseDocVersionError('This case is shared by a newer version of Casefile. Update Casefile to open it; nothing was changed.');
  }
  return version;
}

export function readCaseInfo(doc: Y.Doc): SharedCaseInfo | undefined {
  checkCaseDocVersion(doc);
  const map = caseMap(doc);
  if (!map.has('id')) return undefined;
  const briefNoteId = map.get('briefNoteId') as string | undefined;
  const { createdAt, createdBy, updatedAt, updatedBy } = stampsOf(map);
  return {
    id: map.get('id') as string,
    name: (map.get('name') as string | undefined) ?? '',
    ...(briefNoteId === undefined ? {} : { briefNoteId }),
    createdAt,
    ...(createdBy === undefined ? {} : { createdBy }),
    updatedAt,
    ...(updatedBy === undefined ? {} : { updatedBy }),
  };
}

export function writeCaseInfo(
  doc: Y.Doc,
  info: { id: string; name: string; briefNoteId?: string; createdAt: number; updatedAt?: number },
  ctx: WriteContext,
): boolean {
  let changed = false;
  doc.transact(() => {
    checkCaseDocVersion(doc);
    const map = caseMap(doc);
    const creating = !map.has('id');
    if (creating) {
      map.set('v', CASE_DOC_VERSION);
      map.set('id', info.id);
      map.set('created', { at: info.createdAt, by: ctx.actor });
    }
    let edited = put(map, 'name', info.name);
    edited = put(map, 'briefNoteId', info.briefNoteId) || edited;
    if (edited || creating) {
      put(map, 'updated', { at: info.updatedAt ?? ctx.now, by: ctx.actor });
    }
    changed = edited || creating;
  }, ctx.origin);
  return changed;
}

export interface Member {
  name: string;
  color?: string;
}

export function writeMember(doc: Y.Doc, actorId: string, member: Member, ctx: WriteContext): boolean {
  let changed = false;
  doc.transact(() => {
    changed = put(doc.getMap('members'), actorId, { name: member.name, ...(member.color ? { color: member.color } : {}) });
  }, ctx.origin);
  return changed;
}

export function readMembers(doc: Y.Doc): Map<string, Member> {
  return new Map(doc.getMap<Member>('members').entries());
}

// ---------------------------------------------------------------- observing

export interface CaseDocChanges {
  /** The case's own fields changed. */
  caseInfo: boolean;
  members: boolean;
  /** A tag or a merge changed: every record's resolved tags may have changed. */
  tagResolution: boolean;
  /** IDs of records created or changed, per table. */
  records: { [T in TableName]: Set<string> };
}

/**
 * Call `listener` once per transaction that changed the case document, with
 * what changed. The transaction's origin tells the caller's own writes apart.
 * Returns the function that stops listening.
 */
export function observeCaseDoc(doc: Y.Doc, listener: (changes: CaseDocChanges, transaction: Y.Transaction) => void): () => void {
  let pending: CaseDocChanges | null = null;
  const fresh = (): CaseDocChanges => ({
    caseInfo: false,
    members: false,
    tagResolution: false,
    records: Object.fromEntries(TABLES.map((table) => [table, new Set<string>()])) as CaseDocChanges['records'],
  });
  const offs: (() => void)[] = [];
  for (const table of TABLES) {
    const root = tableMap(doc, table);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs event types are invariant
    const handler = (events: Y.YEvent<any>[]) => {
      pending ??= fresh();
      for (const event of events) {
        if (event.path.length === 0) for (const key of (event as Y.YMapEvent<unknown>).keysChanged) pending.records[table].add(key);
        else pending.records[table].add(String(event.path[0]));
      }
      if (table === 'tags') pending.tagResolution = true;
    };
    root.observeDeep(handler);
    offs.push(() => root.unobserveDeep(handler));
  }
  const flags: [Y.Map<unknown>, 'caseInfo' | 'members' | 'tagResolution'][] = [
    [caseMap(doc), 'caseInfo'],
    [doc.getMap('members'), 'members'],
    [tagMergesMap(doc) as Y.Map<unknown>, 'tagResolution'],
  ];
  for (const [type, flag] of flags) {
    const handler = () => {
      pending ??= fresh();
      pending[flag] = true;
    };
    type.observeDeep(handler);
    offs.push(() => type.unobserveDeep(handler));
  }
  const after = (transaction: Y.Transaction) => {
    if (!pending) return;
    const changes = pending;
    pending = null;
    listener(changes, transaction);
  };
  doc.on('afterTransaction', after);
  offs.push(() => doc.off('afterTransaction', after));
  return () => offs.forEach((off) => off());
}
