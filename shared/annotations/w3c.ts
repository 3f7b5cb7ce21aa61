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

export type AnnotationImport = { ok: true; annotations: ParsedAnnotation[] } | { ok: false; error: string };

export interface ImportOptions {
  /** Used as the date of annotations that carry none; without it such annotations are refused. */
  now?: number;
}

const text = (missing: string, wrong: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? missing : wrong) });

const annotationShape = z.object({
  id: text('has no id', 'has an id that is not text').min(1, { error: 'has an empty id' }),
  type: z.union([z.string(), z.array(z.string())], { error: 'has no type' }),
  created: text('', 'has a created date that is not text').optional(),
  modified: text('', 'has a modified date that is not text').optional(),
  body: z.unknown().optional(),
  bodyValue: text('', 'has a bodyValue that is not text').optional(),
  target: z.unknown().refine((value) => value !== undefined, { error: 'has no target' }),
});

const quoteShape = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: text('has a TextQuoteSelector without exact text', 'has a TextQuoteSelector whose exact text is not text').min(1, {
    error: 'has a TextQuoteSelector with empty exact text',
  }),
  prefix: text('', 'has a TextQuoteSelector whose prefix is not text').optional(),
  suffix: text('', 'has a TextQuoteSelector whose suffix is not text').optional(),
});

const offset = z
  .number({ error: 'has a TextPositionSelector without numeric start and end' })
  .int({ error: 'has a TextPositionSelector with a fractional offset' })
  .nonnegative({ error: 'has a TextPositionSelector with a negative offset' });
const positionShape = z
  .object({ type: z.literal('TextPositionSelector'), start: offset, end: offset })
  .refine((selector) => selector.end >= selector.start, { error: 'has a TextPositionSelector that ends before it starts' });

const bodyShape = z.object({
  type: z.string().optional(),
  purpose: z.union([z.string(), z.array(z.string())]).optional(),
  value: z.string().optional(),
  format: z.string().optional(),
});

class ImportError extends Error {}

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
      if (earlier !== undefined) throw new ImportError(`Items ${earlier} and ${index + 1} have the same id (${annotation.id}).`);
      seen.set(annotation.id, index + 1);
    });
    return { ok: true, annotations };
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, error: error.message };
    throw error;
  }
}

function parseJson(source: string): unknown {
  try {
    return JSON.parse(source);
  } catch (error) {
    throw new ImportError(`This file is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
}

/** Find the list of annotations inside whatever container the file holds. */
function annotationItems(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (!isRecord(json)) {
    throw new ImportError(`This file is not a W3C annotation collection: it holds ${json === null ? 'null' : `a ${typeof json}`}, not a JSON object.`);
  }
  if (!hasAnnotationContext(json['@context'])) {
    throw new ImportError(`This file is not a W3C annotation collection (no @context "${ANNOTATION_CONTEXT}").`);
  }
  if (hasType(json.type, 'Annotation')) return [json];
  if (hasType(json.type, 'AnnotationPage')) return pageItems(json, 'page');
  if (hasType(json.type, 'AnnotationCollection')) {
    const first = json.first;
    if (first === undefined) {
      if (json.total === 0) return [];
      throw new ImportError('This annotation collection has no first page, so it holds no annotations to import.');
    }
    if (!isRecord(first)) {
      throw new ImportError('This annotation collection links to its pages instead of including them; export it with the annotations inline.');
    }
    const items = pageItems(first, 'collection');
    if (first.next !== undefined) {
      throw new ImportError('This annotation collection spans several pages; only the first is in the file. Export it as one page.');
    }
    if (typeof json.total === 'number' && json.total !== items.length) {
      throw new ImportError(`This annotation collection says it holds ${json.total} annotations but contains ${items.length}.`);
    }
    return items;
  }
  throw new ImportError(
    `This file uses the W3C annotation context but its type is ${JSON.stringify(json.type ?? null)}; expected AnnotationCollection, AnnotationPage or Annotation.`,
  );
}

function pageItems(page: Record<string, unknown>, where: 'page' | 'collection'): unknown[] {
  if (!Array.isArray(page.items)) {
    throw new ImportError(`This annotation ${where === 'page' ? 'page' : "collection's first page"} has no list of items.`);
  }
  return page.items;
}

function parseAnnotation(item: unknown, n: number, options: ImportOptions): ParsedAnnotation {
  if (!isRecord(item)) throw new ImportError(`Item ${n} is not an annotation object.`);
  const parsed = annotationShape.safeParse(item);
  if (!parsed.success) throw new ImportError(`Item ${n} ${parsed.error.issues[0]?.message ?? 'is not a valid annotation'}.`);
  const shape = parsed.data;
  if (!hasType(shape.type, 'Annotation')) {
    throw new ImportError(`Item ${n} is not an Annotation (its type is ${JSON.stringify(shape.type)}).`);
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
    throw new ImportError(`Item ${n} has no created or modified date.`);
  }
  const ms = DATE_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new ImportError(`Item ${n} has a ${field} date that is not an ISO 8601 date-time with a time zone: ${JSON.stringify(value)}.`);
  }
  return ms;
}

type TargetFields = Pick<ParsedAnnotation, 'sourceRef' | 'sourceUrl' | 'sourceSha256' | 'quote' | 'position'>;

function targetOf(raw: unknown, n: number): TargetFields {
  const targets = (Array.isArray(raw) ? raw : [raw]).filter(isRecord);
  const target = targets.find((candidate) => candidate.selector !== undefined) ?? targets[0];
  if (target === undefined) throw new ImportError(`Item ${n} has no TextQuoteSelector (its target is only a link).`);
  const sourceRef = target.source ?? target.id;
  if (typeof sourceRef !== 'string' || sourceRef === '') throw new ImportError(`Item ${n} has a target without a source.`);

  const selectors = (Array.isArray(target.selector) ? target.selector : [target.selector]).filter(isRecord);
  const rawQuote = selectors.find((selector) => selector.type === 'TextQuoteSelector');
  if (rawQuote === undefined) throw new ImportError(`Item ${n} has no TextQuoteSelector.`);
  const quote = quoteShape.safeParse(rawQuote);
  if (!quote.success) throw new ImportError(`Item ${n} ${quote.error.issues[0]?.message ?? 'has an unusable TextQuoteSelector'}.`);

  const fields: TargetFields = {
    sourceRef,
    quote: { type: 'TextQuoteSelector', exact: quote.data.exact, prefix: quote.data.prefix ?? '', suffix: quote.data.suffix ?? '' },
  };
  const rawPosition = selectors.find((selector) => selector.type === 'TextPositionSelector');
  if (rawPosition !== undefined) {
    const position = positionShape.safeParse(rawPosition);
    if (!position.success) throw new ImportError(`Item ${n} ${position.error.issues[0]?.message ?? 'has an unusable TextPositionSelector'}.`);
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
        throw new ImportError(`Item ${n} has a comment in ${format}; Casefile imports plain-text comments only.`);
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
    if (error instanceof TagError) throw new ImportError(`Item ${n} has an unusable tag ${JSON.stringify(value)}: ${error.message}`);
    throw error;
  }
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
