/**
 * Export and import of passages as W3C Web Annotations (JSON-LD), the format
 * Hypothesis, Recogito and most annotation tools read.
 *
 * Mapping, one annotation per passage:
 *   id                     `urn:uuid:<passage id>`, so a re-import recognises its own passages
 *   created / modified     xsd:dateTime in UTC (`toISOString()`), millisecond precision
 *   body                   one TextualBody per tag (purpose `tagging`, the tag's full
 *                          "parent/child" name) and one for the comment (purpose `commenting`)
 *   motivation             `commenting` when there is a comment, otherwise `highlighting`
 *   target.source          `urn:uuid:<source id>`
 *   target.dc:identifier   the source's web address, if any, and the SHA-256 of its
 *                          original bytes as an RFC 6920 `ni:` URI (the `dc` prefix is
 *                          defined by the anno.jsonld context)
 *   target.selector        [TextQuoteSelector, TextPositionSelector] against the
 *                          source's text snapshot
 */
import { z } from 'zod';
import { TagError, normaliseTagName, sameTagName } from '../claims/tags';
import { MessageError, type MessageRef } from '../i18n';
import { jsonSyntaxRef } from '../text/jsonSyntax';
import type { PassageRecord, SourceRecord, TagRecord, TextPositionSelector, TextQuoteSelector } from '../domain/types';
import { niToSha256Hex, sha256HexToNi } from './namedInformation';

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
const UUID_URN = 'urn:uuid:';

export interface TextualBody {
  type: 'TextualBody';
  purpose: 'tagging' | 'commenting';
  value: string;
  format?: 'text/plain';
}

/** A TextQuoteSelector as written: empty prefix and suffix are left out, as the model allows. */
export interface ExportedQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix?: string;
  suffix?: string;
}

export interface ExportedTarget {
  source: string;
  'dc:identifier'?: string[];
  selector: [ExportedQuoteSelector, TextPositionSelector];
}

export interface ExportedAnnotation {
  '@context': typeof ANNOTATION_CONTEXT;
  id: string;
  type: 'Annotation';
  motivation: 'highlighting' | 'commenting';
  created: string;
  modified: string;
  body?: TextualBody[];
  target: ExportedTarget;
}

export interface ExportedAnnotationCollection {
  '@context': typeof ANNOTATION_CONTEXT;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  /** When the export was made. */
  generated: string;
  first: { type: 'AnnotationPage'; startIndex: 0; items: ExportedAnnotation[] };
}

/**
 * Export a case's passages as one W3C `AnnotationCollection` with a single
 * inline page. Tag IDs are written as tag names (an ID means nothing outside
 * this case); items are ordered by source, then position, so the file diffs
 * cleanly between exports.
 */
export function toAnnotationCollection(
  caseName: string,
  sources: readonly SourceRecord[],
  passages: readonly PassageRecord[],
  tags: readonly TagRecord[],
  now: number,
): ExportedAnnotationCollection {
  const sourcesById = new Map(sources.map((source) => [source.id, source]));
  const tagNames = new Map(tags.map((tag) => [tag.id, tag.name]));
  const sourceRank = (passage: PassageRecord): number => sourcesById.get(passage.sourceId)?.order ?? Number.MAX_SAFE_INTEGER;
  const ordered = [...passages].sort(
    (a, b) =>
      sourceRank(a) - sourceRank(b) ||
      a.sourceId.localeCompare(b.sourceId) ||
      a.selectors[1].start - b.selectors[1].start ||
      a.id.localeCompare(b.id),
  );
  const items = ordered.map((passage) => toAnnotation(passage, sourcesById.get(passage.sourceId), tagNames));
  return {
    '@context': ANNOTATION_CONTEXT,
    type: 'AnnotationCollection',
    label: caseName,
    total: items.length,
    generated: isoDate(now),
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
}

function toAnnotation(
  passage: PassageRecord,
  source: SourceRecord | undefined,
  tagNames: ReadonlyMap<string, string>,
): ExportedAnnotation {
  const [quote, position] = passage.selectors;
  const body: TextualBody[] = [];
  for (const tagId of passage.tags) {
    const name = tagNames.get(tagId);
    if (name !== undefined) body.push({ type: 'TextualBody', purpose: 'tagging', value: name });
  }
  if (passage.comment !== '') {
    body.push({ type: 'TextualBody', purpose: 'commenting', value: passage.comment, format: 'text/plain' });
  }
  const target: ExportedTarget = {
    source: UUID_URN + passage.sourceId,
    selector: [
      {
        type: 'TextQuoteSelector',
        exact: quote.exact,
        ...(quote.prefix === '' ? {} : { prefix: quote.prefix }),
        ...(quote.suffix === '' ? {} : { suffix: quote.suffix }),
      },
      { type: 'TextPositionSelector', start: position.start, end: position.end },
    ],
  };
  const identifiers = sourceIdentifiers(source);
  if (identifiers.length > 0) target['dc:identifier'] = identifiers;
  return {
    '@context': ANNOTATION_CONTEXT,
    id: UUID_URN + passage.id,
    type: 'Annotation',
    motivation: passage.comment === '' ? 'highlighting' : 'commenting',
    created: isoDate(passage.createdAt),
    modified: isoDate(passage.updatedAt),
    ...(body.length > 0 ? { body } : {}),
    target,
  };
}

function sourceIdentifiers(source: SourceRecord | undefined): string[] {
  if (source === undefined) return [];
  const identifiers: string[] = [];
  const url = source.metadata.URL ?? source.fetched?.url;
  if (url) identifiers.push(url);
  const ni = sha256HexToNi(source.sha256);
  if (ni !== undefined) identifiers.push(ni);
  return identifiers;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}

// ---------------------------------------------------------------- import

export interface ParsedAnnotation {
  /** The passage ID when the annotation's id is `urn:uuid:…`, otherwise the id as written. */
  id: string;
  created: number;
  modified: number;
  /** The target's `source` IRI as written (`urn:uuid:<source id>` for Casefile exports). */
  sourceRef: string;
  /** The first http(s) address among the target's `dc:identifier`s. */
  sourceUrl?: string;
  /** The SHA-256 (hex) of the source's original bytes, from an `ni:` identifier. */
  sourceSha256?: string;
  quote: TextQuoteSelector;
  position?: TextPositionSelector;
  /** Normalised tag names, without duplicates. */
  tagNames: string[];
  /** Plain-text comment; several commenting bodies are joined by a blank line. */
  comment: string;
}

/**
 * A refusal names its reason as a catalogue message (`detail`, under `annotationFile.reason`) for the UI
 * to show in its language; `error` is that reason in English, for logs and tests.
 */
export type AnnotationImport = { ok: true; annotations: ParsedAnnotation[] } | { ok: false; error: string; detail: MessageRef };

export interface ImportOptions {
  /** Used as the date of annotations that carry none; without it such annotations are refused. */
  now?: number;
}

/** A reason's catalogue message. */
function reasonRef(name: string, values?: MessageRef['values']): MessageRef {
  return values === undefined ? { key: `annotationFile.reason.${name}` } : { key: `annotationFile.reason.${name}`, values };
}

// The schemas' error messages are reason names (`annotationFile.reason.<name>`); `itemIssue` makes them messages.
const text = (missing: string, wrong: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? missing : wrong) });

const annotationShape = z.object({
  id: text('noId', 'idNotText').min(1, { error: 'emptyId' }),
  type: z.union([z.string(), z.array(z.string())], { error: 'noType' }),
  created: text('', 'createdNotText').optional(),
  modified: text('', 'modifiedNotText').optional(),
  body: z.unknown().optional(),
  bodyValue: text('', 'bodyValueNotText').optional(),
  target: z.unknown().refine((value) => value !== undefined, { error: 'noTarget' }),
});

const quoteShape = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: text('quoteNoExact', 'quoteExactNotText').min(1, { error: 'quoteEmpty' }),
  prefix: text('', 'quotePrefixNotText').optional(),
  suffix: text('', 'quoteSuffixNotText').optional(),
});

const offset = z
  .number({ error: 'positionNotNumbers' })
  .int({ error: 'positionFractional' })
  .nonnegative({ error: 'positionNegative' });
const positionShape = z
  .object({ type: z.literal('TextPositionSelector'), start: offset, end: offset })
  .refine((selector) => selector.end >= selector.start, { error: 'positionBackwards' });

const ITEM_ISSUES = new Set([
  'noId', 'idNotText', 'emptyId', 'noType', 'createdNotText', 'modifiedNotText', 'bodyValueNotText', 'noTarget',
  'quoteNoExact', 'quoteExactNotText', 'quoteEmpty', 'quotePrefixNotText', 'quoteSuffixNotText',
  'positionNotNumbers', 'positionFractional', 'positionNegative', 'positionBackwards',
]);

/** Item `n`'s first schema problem, or `fallback` when zod names none of ours. */
function itemIssue(issues: readonly z.core.$ZodIssue[], n: number, fallback: string): ImportError {
  const name = issues[0]?.message;
  return new ImportError(reasonRef(name !== undefined && ITEM_ISSUES.has(name) ? name : fallback, { item: n }));
}

const bodyShape = z.object({
  type: z.string().optional(),
  purpose: z.union([z.string(), z.array(z.string())]).optional(),
  value: z.string().optional(),
  format: z.string().optional(),
});

class ImportError extends MessageError {}

/**
 * Read W3C Web Annotations: an `AnnotationCollection` with an inline first
 * page, an `AnnotationPage`, a single `Annotation`, a bare array of
 * annotations, or the JSON text of any of these. Everything is checked before
 * anything is returned, so a caller never stores half a file; the error names
 * the item (1-based) and what is wrong with it.
 */
export function fromAnnotationCollection(json: unknown, options: ImportOptions = {}): AnnotationImport {
  try {
    const items = annotationItems(typeof json === 'string' ? parseJson(json) : json);
    const annotations = items.map((item, index) => parseAnnotation(item, index + 1, options));
    const seen = new Map<string, number>();
    annotations.forEach((annotation, index) => {
      const earlier = seen.get(annotation.id);
      if (earlier !== undefined) throw new ImportError(reasonRef('sameId', { first: earlier, second: index + 1, id: annotation.id }));
      seen.set(annotation.id, index + 1);
    });
    return { ok: true, annotations };
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, error: error.message, detail: error.detail };
    throw error;
  }
}

function parseJson(source: string): unknown {
  try {
    return JSON.parse(source);
  } catch {
    throw new ImportError(reasonRef('notJson', { problem: jsonSyntaxRef(source) }));
  }
}

/** Find the list of annotations inside whatever container the file holds. */
function annotationItems(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (!isRecord(json)) {
    throw new ImportError(reasonRef('notObject', { kind: kindOf(json) }));
  }
  if (!hasAnnotationContext(json['@context'])) {
    throw new ImportError(reasonRef('noContext', { context: ANNOTATION_CONTEXT }));
  }
  if (hasType(json.type, 'Annotation')) return [json];
  if (hasType(json.type, 'AnnotationPage')) return pageItems(json, 'page');
  if (hasType(json.type, 'AnnotationCollection')) {
    const first = json.first;
    if (first === undefined) {
      if (json.total === 0) return [];
      throw new ImportError(reasonRef('noFirstPage'));
    }
    if (!isRecord(first)) {
      throw new ImportError(reasonRef('linkedPages'));
    }
    const items = pageItems(first, 'collection');
    if (first.next !== undefined) {
      throw new ImportError(reasonRef('severalPages'));
    }
    if (typeof json.total === 'number' && json.total !== items.length) {
      throw new ImportError(reasonRef('wrongTotal', { count: json.total, found: items.length }));
    }
    return items;
  }
  throw new ImportError(reasonRef('wrongType', { type: JSON.stringify(json.type ?? null) }));
}

function pageItems(page: Record<string, unknown>, where: 'page' | 'collection'): unknown[] {
  if (!Array.isArray(page.items)) {
    throw new ImportError(reasonRef(where === 'page' ? 'pageNoItems' : 'firstPageNoItems'));
  }
  return page.items;
}

function parseAnnotation(item: unknown, n: number, options: ImportOptions): ParsedAnnotation {
  if (!isRecord(item)) throw new ImportError(reasonRef('itemNotObject', { item: n }));
  const parsed = annotationShape.safeParse(item);
  if (!parsed.success) throw itemIssue(parsed.error.issues, n, 'notValid');
  const shape = parsed.data;
  if (!hasType(shape.type, 'Annotation')) {
    throw new ImportError(reasonRef('notAnnotation', { item: n, type: JSON.stringify(shape.type) }));
  }

  const created = dateOf(shape.created ?? shape.modified, 'created', n, options);
  const modified = shape.modified === undefined ? created : dateOf(shape.modified, 'modified', n, options);
  const target = targetOf(shape.target, n);
  const { tagNames, comment } = bodiesOf(shape.body, shape.bodyValue, n);
  return {
    id: shape.id.startsWith(UUID_URN) ? shape.id.slice(UUID_URN.length) : shape.id,
    created,
    modified,
    ...target,
    tagNames,
    comment,
  };
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/u;

function dateOf(value: string | undefined, field: 'created' | 'modified', n: number, options: ImportOptions): number {
  if (value === undefined) {
    if (options.now !== undefined) return options.now;
    throw new ImportError(reasonRef('noDate', { item: n }));
  }
  const ms = DATE_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new ImportError(reasonRef(field === 'created' ? 'badCreated' : 'badModified', { item: n, value }));
  }
  return ms;
}

type TargetFields = Pick<ParsedAnnotation, 'sourceRef' | 'sourceUrl' | 'sourceSha256' | 'quote' | 'position'>;

function targetOf(raw: unknown, n: number): TargetFields {
  const targets = (Array.isArray(raw) ? raw : [raw]).filter(isRecord);
  const target = targets.find((candidate) => candidate.selector !== undefined) ?? targets[0];
  if (target === undefined) throw new ImportError(reasonRef('onlyLink', { item: n }));
  const sourceRef = target.source ?? target.id;
  if (typeof sourceRef !== 'string' || sourceRef === '') throw new ImportError(reasonRef('noSource', { item: n }));

  const selectors = (Array.isArray(target.selector) ? target.selector : [target.selector]).filter(isRecord);
  const rawQuote = selectors.find((selector) => selector.type === 'TextQuoteSelector');
  if (rawQuote === undefined) throw new ImportError(reasonRef('noQuote', { item: n }));
  const quote = quoteShape.safeParse(rawQuote);
  if (!quote.success) throw itemIssue(quote.error.issues, n, 'quoteUnusable');

  const fields: TargetFields = {
    sourceRef,
    quote: { type: 'TextQuoteSelector', exact: quote.data.exact, prefix: quote.data.prefix ?? '', suffix: quote.data.suffix ?? '' },
  };
  const rawPosition = selectors.find((selector) => selector.type === 'TextPositionSelector');
  if (rawPosition !== undefined) {
    const position = positionShape.safeParse(rawPosition);
    if (!position.success) throw itemIssue(position.error.issues, n, 'positionUnusable');
    fields.position = { type: 'TextPositionSelector', start: position.data.start, end: position.data.end };
  }

  const identifiers = target['dc:identifier'];
  for (const identifier of Array.isArray(identifiers) ? identifiers : [identifiers]) {
    if (typeof identifier !== 'string') continue;
    if (fields.sourceUrl === undefined && /^https?:\/\//iu.test(identifier)) fields.sourceUrl = identifier;
    fields.sourceSha256 ??= niToSha256Hex(identifier);
  }
  if (fields.sourceSha256 === undefined) delete fields.sourceSha256;
  return fields;
}

function bodiesOf(raw: unknown, bodyValue: string | undefined, n: number): { tagNames: string[]; comment: string } {
  const tagNames: string[] = [];
  const comments: string[] = bodyValue !== undefined && bodyValue.trim() !== '' ? [bodyValue] : [];
  const bodies = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  for (const body of bodies) {
    const parsed = bodyShape.safeParse(body);
    // Links and other resource bodies have nothing Casefile can keep; they are left out.
    if (!parsed.success || parsed.data.value === undefined || (parsed.data.type ?? 'TextualBody') !== 'TextualBody') continue;
    const { value, format } = parsed.data;
    const purposes = parsed.data.purpose === undefined ? [] : [parsed.data.purpose].flat();
    if (purposes.includes('tagging')) {
      const name = tagNameOf(value, n);
      if (!tagNames.some((existing) => sameTagName(existing, name))) tagNames.push(name);
    } else if (purposes.length === 0 || purposes.includes('commenting') || purposes.includes('describing')) {
      if (format !== undefined && format !== 'text/plain') {
        throw new ImportError(reasonRef('commentFormat', { item: n, format }));
      }
      if (value.trim() !== '') comments.push(value);
    }
  }
  return { tagNames, comment: comments.join('\n\n') };
}

function tagNameOf(value: string, n: number): string {
  try {
    return normaliseTagName(value);
  } catch (error) {
    if (error instanceof TagError) throw new ImportError(reasonRef('badTag', { item: n, tag: value, reason: error.detail }));
    throw error;
  }
}

/** What a file holds instead of an object, as a message ("a number"). */
function kindOf(value: unknown): MessageRef {
  if (value === null) return { key: 'annotationFile.valueKind.null' };
  const kind = typeof value;
  return { key: `annotationFile.valueKind.${kind === 'number' || kind === 'string' || kind === 'boolean' ? kind : 'other'}` };
}

function hasAnnotationContext(context: unknown): boolean {
  const contexts = Array.isArray(context) ? context : [context];
  return contexts.some((entry) => typeof entry === 'string' && /^https?:\/\/www\.w3\.org\/ns\/anno\.jsonld$/u.test(entry));
}

function hasType(type: unknown, expected: string): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((entry) => entry === expected || entry === `oa:${expected}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
