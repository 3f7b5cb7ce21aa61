/**
 * Record-level checks shared by the reader (on what it found in the zip) and
 * the writer (on what it was asked to export, so a bundle that could not be
 * imported again is never produced). Every check throws a `BundleFailure`
 * whose message names the entry, the record (1-based, as people count) and
 * the field.
 */
import type { z } from 'zod';
import type { CaseRecord, SourceBlobRecord } from '../domain/types';
import type { MessageRef } from '../i18n';
import { BundleFailure, bundleRef, mb, shortId } from './errors';
import { ENTRY, type BundleData } from './format';
import { findOversizedString } from './jsonScan';
import { MAX_FIGURE_BYTES } from './limits';
import {
  blobIndexSchema,
  caseSchema,
  claimSchema,
  describeIssueRef,
  entityMergeSchema,
  entityTagSchema,
  fieldPath,
  figureIndexSchema,
  noteSchema,
  passageSchema,
  sourceSchema,
  tagSchema,
  timelineEntrySchema,
} from './schema';

export type BlobIndexItem = Omit<SourceBlobRecord, 'bytes'>;

/** The record tables of a bundle: the entry each lives in, the word for one record, and its schema. */
export const TABLES = {
  sources: { entry: ENTRY.sources, noun: 'source', schema: sourceSchema },
  passages: { entry: ENTRY.passages, noun: 'passage', schema: passageSchema },
  claims: { entry: ENTRY.claims, noun: 'claim', schema: claimSchema },
  tags: { entry: ENTRY.tags, noun: 'tag', schema: tagSchema },
  notes: { entry: ENTRY.notes, noun: 'note', schema: noteSchema },
  blobs: { entry: ENTRY.blobIndex, noun: 'original file', schema: blobIndexSchema, key: 'sourceId' },
  timelineEntries: { entry: ENTRY.timeline, noun: 'timeline entry', schema: timelineEntrySchema },
  entityMerges: { entry: ENTRY.entityMerges, noun: 'entity merge', schema: entityMergeSchema },
  entityTags: { entry: ENTRY.entityTags, noun: 'entity tag', schema: entityTagSchema },
  figures: { entry: ENTRY.figures, noun: 'figure', schema: figureIndexSchema },
} as const;

type Table = (typeof TABLES)[keyof typeof TABLES];

function idOf(record: unknown, key = 'id'): unknown {
  return typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[key] : undefined;
}

const TABLE_NAMES = new Map<Table, string>(Object.entries(TABLES).map(([name, table]) => [table, name]));

/** One record of a table as a message names it ("passage 12"). */
function recordRef(table: Table, index: number): MessageRef {
  return bundleRef('record', { noun: bundleRef(`noun.${TABLE_NAMES.get(table)}`), n: index + 1 });
}

/** "passages.json: passage 12 (id 3f2a9c1b…)"; an original file is known by its source. */
function whereRef(table: Table, index: number, id: unknown): MessageRef {
  return bundleRef('key' in table ? 'whereSource' : 'where', { entry: table.entry, record: recordRef(table, index), id: shortId(id) });
}


function invalid(location: MessageRef, issue: z.core.$ZodIssue | undefined): BundleFailure {
  return new BundleFailure('invalid-record', bundleRef('invalidRecord', { location, issue: issue ? describeIssueRef(issue) : bundleRef('notValid') }));
}

/** Check the case record. */
export function parseCase(raw: unknown): CaseRecord {
  const result = caseSchema.safeParse(raw, { reportInput: true });
  if (!result.success) throw invalid(bundleRef('caseRecord', { entry: ENTRY.case, id: shortId(idOf(raw)) }), result.error.issues[0]);
  return result.data;
}

/** Check one table's records against its schema, returning them typed. */
export function parseTable<T>(table: Table & { schema: z.ZodType<T> }, raw: unknown): T[] {
  if (!Array.isArray(raw)) {
    throw new BundleFailure('invalid-record', bundleRef(`notList.${TABLE_NAMES.get(table)}`, { entry: table.entry, found: raw === null ? 'null' : typeof raw }));
  }
  return raw.map((record, index) => {
    const result = table.schema.safeParse(record, { reportInput: true });
    if (!result.success) throw invalid(whereRef(table, index, idOf(record, 'key' in table ? table.key : 'id')), result.error.issues[0]);
    return result.data;
  });
}

/** A figure's size as the limit counts it: its SVG's characters and its PNG's bytes. */
export function figureSize(figure: { svg: string; png: Uint8Array }): number {
  return figure.svg.length + figure.png.byteLength;
}

/**
 * Check that IDs are unique and every reference resolves inside the bundle:
 * each record belongs to the bundle's case; passages point to sources and
 * tags; claims to passages and tags; the case to its brief note and its open
 * source; each original file to a source; timeline entries to their source
 * (and passage), entity tags to their passage. Each figure is within
 * `MAX_FIGURE_BYTES`. IDs are unique across all tables,
 * because the brief's citations and marks name passages and claims by ID
 * alone, and import remaps IDs through one table.
 */
export function checkIntegrity(data: BundleData): void {
  const caseId = data.case.id;
  const owners = new Map<string, MessageRef>([[caseId, bundleRef('theCaseIn', { entry: ENTRY.case })]]);
  const claim = (table: Table, index: number, id: string) => {
    const location = whereRef(table, index, id);
    const earlier = owners.get(id);
    if (earlier !== undefined) throw new BundleFailure('duplicate-id', bundleRef('sameId', { location, earlier }));
    owners.set(id, bundleRef('recordIn', { record: recordRef(table, index), entry: table.entry }));
  };
  const ownedByCase = (table: Table, index: number, record: { id: string; caseId: string }) => {
    if (record.caseId !== caseId) {
      throw new BundleFailure(
        'dangling-reference',
        bundleRef('otherCaseRecord', { location: whereRef(table, index, record.id), owner: shortId(record.caseId), caseId: shortId(caseId) }),
      );
    }
  };

  const tables = [
    [TABLES.sources, data.sources],
    [TABLES.passages, data.passages],
    [TABLES.claims, data.claims],
    [TABLES.tags, data.tags],
    [TABLES.notes, data.notes],
    [TABLES.timelineEntries, data.timelineEntries],
    [TABLES.entityMerges, data.entityMerges],
    [TABLES.entityTags, data.entityTags],
    [TABLES.figures, data.figures],
  ] as const;
  for (const [table, records] of tables) {
    records.forEach((record, index) => {
      claim(table, index, record.id);
      ownedByCase(table, index, record);
    });
  }

  const sourceIds = new Set(data.sources.map((source) => source.id));
  const passageIds = new Set(data.passages.map((passage) => passage.id));
  const tagIds = new Set(data.tags.map((tag) => tag.id));
  const noteIds = new Set(data.notes.map((note) => note.id));
  const missing = (location: MessageRef, kind: 'source' | 'passage' | 'tag' | 'note', id: string) =>
    new BundleFailure('dangling-reference', bundleRef(`dangling.${kind}`, { location, id: shortId(id) }));

  if (data.case.briefNoteId !== undefined && !noteIds.has(data.case.briefNoteId)) {
    throw missing(bundleRef('caseBrief', { entry: ENTRY.case }), 'note', data.case.briefNoteId);
  }
  if (data.case.activeSourceId !== undefined && !sourceIds.has(data.case.activeSourceId)) {
    throw missing(bundleRef('caseOpenSource', { entry: ENTRY.case }), 'source', data.case.activeSourceId);
  }
  data.passages.forEach((passage, index) => {
    const location = whereRef(TABLES.passages, index, passage.id);
    if (!sourceIds.has(passage.sourceId)) throw missing(location, 'source', passage.sourceId);
    for (const tag of passage.tags) if (!tagIds.has(tag)) throw missing(location, 'tag', tag);
  });
  data.claims.forEach((record, index) => {
    const location = whereRef(TABLES.claims, index, record.id);
    for (const item of record.evidence) if (!passageIds.has(item.passageId)) throw missing(bundleRef('itsEvidence', { location }), 'passage', item.passageId);
    for (const tag of record.tags) if (!tagIds.has(tag)) throw missing(location, 'tag', tag);
  });
  const blobSources = new Set<string>();
  data.blobs.forEach((blob, index) => {
    const location = whereRef(TABLES.blobs, index, blob.sourceId);
    if (blobSources.has(blob.sourceId)) throw new BundleFailure('duplicate-id', bundleRef('secondOriginal', { location }));
    blobSources.add(blob.sourceId);
    if (!sourceIds.has(blob.sourceId)) throw missing(location, 'source', blob.sourceId);
  });
  data.timelineEntries.forEach((entry, index) => {
    const location = whereRef(TABLES.timelineEntries, index, entry.id);
    if (!sourceIds.has(entry.sourceId)) throw missing(location, 'source', entry.sourceId);
    if (entry.passageId !== undefined && !passageIds.has(entry.passageId)) throw missing(location, 'passage', entry.passageId);
  });
  data.entityTags.forEach((tag, index) => {
    if (!passageIds.has(tag.passageId)) throw missing(whereRef(TABLES.entityTags, index, tag.id), 'passage', tag.passageId);
  });
  data.figures.forEach((figure, index) => {
    const size = figureSize(figure);
    if (size > MAX_FIGURE_BYTES) {
      throw new BundleFailure(
        'too-large',
        bundleRef('figureTooLarge', { location: whereRef(TABLES.figures, index, figure.id), size: mb(size), limit: mb(MAX_FIGURE_BYTES) }),
      );
    }
  });
}

/** The table a JSON entry holds, for messages about raw bytes ("source 3"). */
function tableOf(entry: string): Table | undefined {
  return Object.values(TABLES).find((table) => table.entry === entry);
}

/**
 * Refuse a JSON entry holding a string longer than the bundle-wide limit,
 * naming the record and field, before `JSON.parse` would build it. Entries
 * smaller than the limit cannot hold such a string and are not scanned.
 */
export function checkStringLengths(entry: string, bytes: Uint8Array, maxChars: number): void {
  if (bytes.length <= maxChars) return;
  const found = findOversizedString(bytes, maxChars);
  if (!found) return;
  const [first, ...rest] = found.path;
  const table = tableOf(entry);
  const record = typeof first === 'number' && table ? recordRef(table, first) : undefined;
  const field = fieldPath(record ? rest : found.path);
  const subject =
    record && field !== '' ? bundleRef('recordField', { record, field }) : (record ?? (field !== '' ? { key: 'bundleError.issue.field', values: { field } } : bundleRef('aText')));
  throw new BundleFailure('too-large', bundleRef('longText', { entry, subject, count: found.chars, size: mb(found.chars), limit: mb(maxChars) }));
}
