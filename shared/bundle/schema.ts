/**
 * Zod schemas for every record a bundle carries, mirroring
 * `shared/domain/types.ts` field for field. The `Same<…>` assertions at the
 * bottom fail to compile when a schema and its type drift apart in either
 * direction (a field added to the type but not the schema, or the reverse).
 *
 * Objects are strict: a field this version does not know is refused rather
 * than dropped, because dropping it on import and re-exporting would silently
 * lose data written by a newer Casefile. New fields therefore come with a new
 * bundle `formatVersion`.
 */
import { z } from 'zod';
import {
  CLAIM_STATUSES,
  ENTITY_KINDS,
  STANCES,
  type CaseRecord,
  type ClaimRecord,
  type EntityMergeRecord,
  type EntityTagRecord,
  type FigureRecord,
  type NoteRecord,
  type PassageRecord,
  type SourceBlobRecord,
  type SourceRecord,
  type TagRecord,
  type TimelineEntryRecord,
} from '../domain/types';
import { englishText, type MessageRef } from '../i18n';
import { groupDigits } from './errors';
import { MAX_FIELD_CHARS, MAX_SNAPSHOT_CHARS } from './limits';

/** Any text field: at most 25 MB of characters. */
function text(max = MAX_FIELD_CHARS) {
  return z.string().max(max);
}

/**
 * Record IDs are UUIDs in practice; the schema accepts any short token of
 * letters, digits and `_ - . :` (test fixtures use IDs like "p1"). It never
 * accepts a slash or a leading dot, because a source ID becomes the zip path
 * `blobs/<id>` and must not be able to climb out of that folder.
 */
export const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, { error: 'must be an ID of letters, digits, "-", "_", "." or ":" (at most 128)' });

/** A time in milliseconds since 1970, as `Date.now()` gives it. */
const time = z.number().int().nonnegative();
const count = z.number().int().nonnegative();
/** A position in a list; fractional values let a record move between two others. */
const order = z.number();

/** Who created and last changed a record, and when (`Stamps`); bundles of format 2 carry them, older ones do not. */
const stamps = {
  createdBy: idSchema.optional(),
  updatedBy: idSchema.optional(),
  changedAt: time.optional(),
};

const cslName = z.strictObject({
  family: text().optional(),
  given: text().optional(),
  literal: text().optional(),
});

const cslDate = z.strictObject({
  'date-parts': z.tuple([z.tuple([z.number().int(), z.number().int().optional(), z.number().int().optional()])]).optional(),
  raw: text().optional(),
});

const sourceMetadata = z.strictObject({
  type: z.enum(['article-newspaper', 'article-journal', 'report', 'webpage', 'document', 'interview', 'legal_case']),
  title: text(),
  author: z.array(cslName).optional(),
  'container-title': text().optional(),
  publisher: text().optional(),
  issued: cslDate.optional(),
  accessed: cslDate.optional(),
  URL: text().optional(),
  DOI: text().optional(),
  language: text().optional(),
});

export const caseSchema = z.strictObject({
  ...stamps,
  id: idSchema,
  name: text(),
  createdAt: time,
  updatedAt: time,
  briefNoteId: idSchema.optional(),
  activeSourceId: idSchema.optional(),
});

export const sourceBlock = z
  .strictObject({
    start: count,
    end: count,
    n: z.number().int().positive(),
    kind: z.enum(['paragraph', 'heading', 'quote', 'list-item', 'page']),
  })
  .refine((block) => block.end >= block.start, { error: 'ends before it starts', path: ['end'] });

const confidence = z.number().min(0).max(100);

/** Bundle format 2: the provenance of recognised text. Also part of a shared source's snapshot blob (shared/sync/snapshot.ts). */
export const sourceOcr = z.strictObject({
  engine: text(200),
  version: text(100),
  languages: z.array(z.string().regex(/^[a-z]{3}(?:_[a-z]{3,4})?$/, { error: 'must be a Tesseract language code such as "eng" or "chi_sim"' })).max(20),
  model: text(100),
  pages: z.array(z.number().int().positive()),
  blocks: z.array(z.strictObject({ index: count, confidence })),
  uncertain: z.array(z.strictObject({ start: count, end: count, confidence })),
});

/** What an OCR record says must fit its snapshot: every block it rates exists, every uncertain word lies inside the text. */
export function checkOcrFits(snapshot: { text: string; blocks: readonly unknown[]; ocr?: z.infer<typeof sourceOcr> | undefined }, ctx: z.RefinementCtx): void {
  const strayBlock = snapshot.ocr?.blocks.findIndex((block) => block.index >= snapshot.blocks.length) ?? -1;
  if (strayBlock >= 0) ctx.addIssue({ code: 'custom', path: ['ocr', 'blocks', strayBlock, 'index'], message: 'names a block the source does not have' });
  const strayWord = snapshot.ocr?.uncertain.findIndex((word) => word.end > snapshot.text.length || word.end < word.start) ?? -1;
  if (strayWord >= 0) ctx.addIssue({ code: 'custom', path: ['ocr', 'uncertain', strayWord], message: 'is not a range inside the source text' });
}
const encodingReport = z.strictObject({
  encoding: text(64),
  how: z.enum(['bom', 'server', 'declared', 'utf-8', 'utf-16-pattern', 'detected', 'fallback', 'chosen']),
  declared: text(64).optional(),
  confidence: z.number().min(0).max(100).optional(),
});

const importReport = z.strictObject({
  encoding: encodingReport.optional(),
  hidden: z.strictObject({ count, blocks: z.array(text()) }).optional(),
  metadataAuthors: z.array(text()).optional(),
});

export const sourceSchema = z
  .strictObject({
    ...stamps,
    id: idSchema,
    caseId: idSchema,
    format: z.enum(['text', 'markdown', 'html', 'pdf', 'docx', 'image']),
    text: text(MAX_SNAPSHOT_CHARS),
    blocks: z.array(sourceBlock),
    html: text(MAX_SNAPSHOT_CHARS).optional(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be a SHA-256 digest in lower-case hex' }),
    fileName: text(),
    byteLength: count,
    importedAt: time,
    metadata: sourceMetadata,
    revision: count,
    fetched: z.strictObject({ url: text(), finalUrl: text(), fetchedAt: time }).optional(),
    ocr: sourceOcr.optional(),
    importReport: importReport.optional(),
    order,
  })
  .superRefine((source, ctx) => {
    const outside = source.blocks.findIndex((block) => block.end > source.text.length);
    if (outside >= 0) {
      ctx.addIssue({ code: 'custom', path: ['blocks', outside, 'end'], message: `goes past the end of the source text (${groupDigits(source.text.length)} characters)` });
    }
    checkOcrFits(source, ctx);
  });

/** The description of an original file inside `blobs.json`; its bytes are the zip entry `blobs/<sourceId>`. */
export const blobIndexSchema = z.strictObject({
  sourceId: idSchema,
  mediaType: z.string().regex(/^[\w.+-]+\/[\w.+-]+(?:\s*;[^\r\n]{0,200})?$/, { error: 'must be a media type such as "application/pdf"' }),
});

const quoteSelector = z.strictObject({
  type: z.literal('TextQuoteSelector'),
  exact: text(),
  prefix: text(),
  suffix: text(),
});

const positionSelector = z
  .strictObject({ type: z.literal('TextPositionSelector'), start: count, end: count })
  .refine((selector) => selector.end >= selector.start, { error: 'ends before it starts', path: ['end'] });

export const passageSchema = z.strictObject({
  ...stamps,
  id: idSchema,
  caseId: idSchema,
  sourceId: idSchema,
  selectors: z.tuple([quoteSelector, positionSelector]),
  tags: z.array(idSchema),
  comment: text(),
  locator: z.strictObject({ kind: z.enum(['paragraph', 'page']), value: z.number().int().nonnegative() }),
  anchor: z.enum(['exact', 'moved', 'fuzzy', 'orphaned']),
  createdAt: time,
  updatedAt: time,
});

const claimStatus = z.enum(CLAIM_STATUSES as [ClaimRecord['status'], ...ClaimRecord['status'][]]);
const stance = z.enum(STANCES as [ClaimRecord['evidence'][number]['stance'], ...ClaimRecord['evidence'][number]['stance'][]]);

export const claimSchema = z.strictObject({
  ...stamps,
  id: idSchema,
  caseId: idSchema,
  statement: text(),
  claimant: text(),
  status: claimStatus,
  tags: z.array(idSchema),
  note: text(),
  evidence: z.array(z.strictObject({ passageId: idSchema, stance, addedAt: time })),
  statusLog: z.array(z.strictObject({ at: time, from: claimStatus, to: claimStatus, reason: text().optional() })),
  createdAt: time,
  updatedAt: time,
});

export const tagSchema = z.strictObject({
  ...stamps,
  id: idSchema,
  caseId: idSchema,
  name: text(),
  color: text(),
  description: text(),
  createdAt: time,
});

/** A serialised editor state is a JSON object; `null` means the note was never written. */
const noteContent = z.custom<unknown>((value) => value === null || (typeof value === 'object' && !Array.isArray(value)), {
  error: 'must be a saved editor state (a JSON object) or null',
});

export const noteSchema = z.strictObject({
  ...stamps,
  id: idSchema,
  caseId: idSchema,
  title: text(),
  content: noteContent,
  schemaVersion: z.number().int().positive(),
  plainText: text(),
  createdAt: time,
  updatedAt: time,
  order,
});

// ------------------------------------------------------ case views (format 3)

/** "2024", "2024-03" or "2024-03-05", as the chronology writes dates. */
const isoDate = z.string().regex(/^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/, {
  error: 'must be a date written as "2024", "2024-03" or "2024-03-05"',
});

const eventDate = z.strictObject({
  start: isoDate,
  end: isoDate.optional(),
  precision: z.enum(['day', 'month', 'year']),
});

/** A found date's decision names its words on the source; an event added by hand names its passage; both of those that carry a date need it. */
export const timelineEntrySchema = z
  .strictObject({
    id: idSchema,
    caseId: idSchema,
    kind: z.enum(['confirmed', 'corrected', 'dismissed', 'manual']),
    sourceId: idSchema,
    selectors: z.tuple([quoteSelector, positionSelector]).optional(),
    passageId: idSchema.optional(),
    date: eventDate.optional(),
    label: text().optional(),
    createdAt: time,
    updatedAt: time,
  })
  .superRefine((entry, ctx) => {
    if (entry.kind === 'manual' && entry.passageId === undefined) ctx.addIssue({ code: 'custom', path: ['passageId'], message: 'is missing (an event added by hand names its passage)' });
    if (entry.kind !== 'manual' && entry.selectors === undefined) ctx.addIssue({ code: 'custom', path: ['selectors'], message: 'is missing (a found date names its words on the source)' });
    if ((entry.kind === 'manual' || entry.kind === 'corrected') && entry.date === undefined) ctx.addIssue({ code: 'custom', path: ['date'], message: `is missing (a ${entry.kind} event needs its date)` });
  });

/** An entity key: its kind and folded name ("organization:national crime agency"). */
const entityKey = text();
const entityKind = z.enum(ENTITY_KINDS as [EntityTagRecord['kind'], ...EntityTagRecord['kind'][]]);

export const entityMergeSchema = z.strictObject({
  id: idSchema,
  caseId: idSchema,
  into: entityKey,
  alias: entityKey,
  createdAt: time,
});

export const entityTagSchema = z.strictObject({
  id: idSchema,
  caseId: idSchema,
  passageId: idSchema,
  entity: entityKey,
  name: text(),
  kind: entityKind,
  createdAt: time,
});

/** A figure in `figures.json`: everything but the PNG, whose bytes are the entry `figures/<id>.png`. */
export const figureIndexSchema = z.strictObject({
  id: idSchema,
  caseId: idSchema,
  svg: text(),
  width: z.number().nonnegative(),
  height: z.number().nonnegative(),
  alt: text(),
  createdAt: time,
});

// ------------------------------------------------------ drift assertions

type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Blob = Omit<SourceBlobRecord, 'bytes'>;

/** Each line fails to compile if the schema's output type is not exactly the domain type. */
export const SCHEMA_MATCHES_TYPES: {
  case: Same<z.output<typeof caseSchema>, CaseRecord>;
  source: Same<z.output<typeof sourceSchema>, SourceRecord>;
  blob: Same<z.output<typeof blobIndexSchema>, Blob>;
  passage: Same<z.output<typeof passageSchema>, PassageRecord>;
  claim: Same<z.output<typeof claimSchema>, ClaimRecord>;
  tag: Same<z.output<typeof tagSchema>, TagRecord>;
  note: Same<z.output<typeof noteSchema>, NoteRecord>;
  timelineEntry: Same<z.output<typeof timelineEntrySchema>, TimelineEntryRecord>;
  entityMerge: Same<z.output<typeof entityMergeSchema>, EntityMergeRecord>;
  entityTag: Same<z.output<typeof entityTagSchema>, EntityTagRecord>;
  figure: Same<z.output<typeof figureIndexSchema>, Omit<FigureRecord, 'png'>>;
} = { case: true, source: true, blob: true, passage: true, claim: true, tag: true, note: true, timelineEntry: true, entityMerge: true, entityTag: true, figure: true };

// ------------------------------------------------------ messages

/** `['selectors', 0, 'exact']` → `selectors[0].exact`, the way a person reading the JSON would find it. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** The types zod names, as messages name them. */
const TYPE_KEYS: Record<string, string> = { string: 'text', number: 'number', int: 'int', boolean: 'boolean', array: 'list', object: 'object', tuple: 'list', null: 'null', undefined: 'undefined', bigint: 'bigint', symbol: 'symbol', function: 'function' };

function issueRef(key: string, values?: MessageRef['values']): MessageRef {
  return { key: `bundleError.issue.${key}`, ...(values ? { values } : {}) };
}

function typeRef(type: string): MessageRef | string {
  const key = TYPE_KEYS[type];
  return key ? issueRef(`type.${key}`) : type;
}

function kindOf(value: unknown): MessageRef | string {
  if (value === null) return typeRef('null');
  if (Array.isArray(value)) return typeRef('array');
  return typeRef(typeof value);
}

function limitOf(n: number | bigint, origin: string): MessageRef {
  const count = Number(n);
  if (origin !== 'string') return issueRef('number', { count });
  return count >= 1024 * 1024 ? issueRef('charactersLarge', { size: count / (1024 * 1024), count }) : issueRef('characters', { count });
}

/** One zod issue as a message: `field “selectors[0].exact” must be text, not a number`. */
export function describeIssueRef(issue: z.core.$ZodIssue): MessageRef {
  const field = fieldPath(issue.path);
  const subject = field === '' ? issueRef('theRecord') : issueRef('field', { field });
  switch (issue.code) {
    case 'invalid_type': {
      const expected = typeRef(issue.expected);
      if (issue.input === undefined) return issueRef('missing', { subject, expected });
      return issueRef('wrongType', { subject, expected, found: kindOf(issue.input) });
    }
    case 'too_big':
      return issueRef(issue.origin === 'string' ? 'tooLong' : 'atMost', { subject, limit: limitOf(issue.maximum, issue.origin) });
    case 'too_small':
      if (issue.origin === 'string') return issueRef('empty', { subject });
      if (issue.origin === 'array') return issueRef('atLeastItems', { subject, limit: limitOf(issue.minimum, issue.origin) });
      return Number(issue.minimum) === 0 ? issueRef('negative', { subject }) : issueRef('atLeast', { subject, limit: limitOf(issue.minimum, issue.origin) });
    case 'invalid_value': {
      const values = issue.values.map((value) => JSON.stringify(value));
      const last = values.pop() ?? '';
      return issueRef('oneOf', { subject, values: values.length ? issueRef('or', { list: values.join(', '), last }) : last });
    }
    case 'unrecognized_keys':
      return issueRef('unknownFields', { subject, count: issue.keys.length, keys: issue.keys.map((key) => `“${key}”`).join(', ') });
    case 'invalid_format':
    case 'custom':
      return issueRef('custom', { subject, message: issue.message });
    default:
      return issueRef('invalid', { subject, message: issue.message });
  }
}

/** The same in English. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  return englishText(describeIssueRef(issue));
}
