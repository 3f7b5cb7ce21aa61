import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { niToSha256Hex, sha256HexToNi } from '../../../../shared/annotations/namedInformation';
import { ANNOTATION_CONTEXT, fromAnnotationCollection, toAnnotationCollection, type AnnotationImport } from '../../../../shared/annotations/w3c';
import { CATALOGUES, createTranslator, englishText, translateRef, type MessageRef } from '../../../../shared/i18n';
import type { PassageRecord, SourceRecord, TagRecord } from '../../../../shared/domain/types';

const SOURCE_ID = '7b0c7a52-4d4c-4a53-9d3e-0d2f5d1f0a11';
const OTHER_SOURCE_ID = '0f3ad0a4-6f4e-4b7e-8d83-3b7e8f6c2b22';
const sha = createHash('sha256').update('port velden bulletin').digest('hex');
const T0 = Date.UTC(2026, 2, 3, 8, 15, 30, 123);

function source(id: string, order: number, overrides: Partial<SourceRecord> = {}): SourceRecord {
  return {
    id,
    caseId: 'case-1',
    format: 'text',
    text: 'Border officials said they intercepted 3.2 tonnes of cocaine.',
    blocks: [],
    sha256: sha,
    fileName: 'bulletin.txt',
    byteLength: 60,
    importedAt: T0,
    metadata: { type: 'report', title: 'Port bulletin' },
    revision: 1,
    order,
    ...overrides,
  };
}

function passage(id: string, sourceId: string, start: number, overrides: Partial<PassageRecord> = {}): PassageRecord {
  return {
    id,
    caseId: 'case-1',
    sourceId,
    selectors: [
      { type: 'TextQuoteSelector', exact: '3.2 tonnes', prefix: 'they intercepted ', suffix: ' of cocaine.' },
      { type: 'TextPositionSelector', start, end: start + 10 },
    ],
    tags: [],
    comment: '',
    locator: { kind: 'paragraph', value: 1 },
    anchor: 'exact',
    createdAt: T0,
    updatedAt: T0 + 5_000,
    ...overrides,
  };
}

const tags: TagRecord[] = [
  { id: 'tag-q', caseId: 'case-1', name: 'figures/quantities', color: '#4e79a7', description: '', createdAt: T0 },
  { id: 'tag-d', caseId: 'case-1', name: 'drugs', color: '#f28e2b', description: '', createdAt: T0 },
];
const sources = [source(SOURCE_ID, 0, { metadata: { type: 'report', title: 'Bulletin', URL: 'https://example.org/bulletin' } }), source(OTHER_SOURCE_ID, 1)];
const passages = [
  passage('a6a0f7de-0000-4000-8000-000000000003', OTHER_SOURCE_ID, 5),
  passage('a6a0f7de-0000-4000-8000-000000000002', SOURCE_ID, 40, { tags: ['tag-q', 'tag-d', 'tag-unknown'], comment: 'Check against the court file.\nLine two.' }),
  passage('a6a0f7de-0000-4000-8000-000000000001', SOURCE_ID, 12, {
    selectors: [
      { type: 'TextQuoteSelector', exact: 'Border', prefix: '', suffix: ' officials' },
      { type: 'TextPositionSelector', start: 0, end: 6 },
    ],
  }),
];

describe('toAnnotationCollection', () => {
  const collection = toAnnotationCollection('Port Velden seizure', sources, passages, tags, T0 + 60_000);

  it('writes an AnnotationCollection with one inline page', () => {
    expect(collection).toMatchObject({
      '@context': ANNOTATION_CONTEXT,
      type: 'AnnotationCollection',
      label: 'Port Velden seizure',
      total: 3,
      generated: '2026-03-03T08:16:30.123Z',
      first: { type: 'AnnotationPage', startIndex: 0 },
    });
  });

  it('orders items by source, then position', () => {
    expect(collection.first.items.map((item) => item.id)).toEqual([
      'urn:uuid:a6a0f7de-0000-4000-8000-000000000001',
      'urn:uuid:a6a0f7de-0000-4000-8000-000000000002',
      'urn:uuid:a6a0f7de-0000-4000-8000-000000000003',
    ]);
  });

  it('writes tags, comment, dates, selectors and source identifiers in W3C shape', () => {
    expect(collection.first.items[1]).toEqual({
      '@context': ANNOTATION_CONTEXT,
      id: 'urn:uuid:a6a0f7de-0000-4000-8000-000000000002',
      type: 'Annotation',
      motivation: 'commenting',
      created: '2026-03-03T08:15:30.123Z',
      modified: '2026-03-03T08:15:35.123Z',
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: 'figures/quantities' },
        { type: 'TextualBody', purpose: 'tagging', value: 'drugs' },
        { type: 'TextualBody', purpose: 'commenting', value: 'Check against the court file.\nLine two.', format: 'text/plain' },
      ],
      target: {
        source: `urn:uuid:${SOURCE_ID}`,
        'dc:identifier': ['https://example.org/bulletin', sha256HexToNi(sha)],
        selector: [
          { type: 'TextQuoteSelector', exact: '3.2 tonnes', prefix: 'they intercepted ', suffix: ' of cocaine.' },
          { type: 'TextPositionSelector', start: 40, end: 50 },
        ],
      },
    });
  });

  it('marks plain highlights and leaves out empty bodies and empty prefixes', () => {
    const plain = collection.first.items[0];
    expect(plain?.motivation).toBe('highlighting');
    expect(plain).not.toHaveProperty('body');
    expect(plain?.target.selector[0]).toEqual({ type: 'TextQuoteSelector', exact: 'Border', suffix: ' officials' });
  });

  it('survives JSON serialisation unchanged', () => {
    expect(JSON.parse(JSON.stringify(collection))).toEqual(collection);
  });
});

describe('round trip', () => {
  it('gives back the same ids, times, selectors, tag names and comments', () => {
    const exported = JSON.stringify(toAnnotationCollection('Case', sources, passages, tags, T0));
    const imported = fromAnnotationCollection(exported);
    if (!imported.ok) throw new Error(imported.error);
    const tagName = new Map(tags.map((tag) => [tag.id, tag.name]));
    for (const original of passages) {
      const back = imported.annotations.find((annotation) => annotation.id === original.id);
      expect(back).toEqual({
        id: original.id,
        created: original.createdAt,
        modified: original.updatedAt,
        sourceRef: `urn:uuid:${original.sourceId}`,
        ...(original.sourceId === SOURCE_ID ? { sourceUrl: 'https://example.org/bulletin' } : {}),
        sourceSha256: sha,
        quote: original.selectors[0],
        position: original.selectors[1],
        tagNames: original.tags.flatMap((id) => tagName.get(id) ?? []),
        comment: original.comment,
      });
    }
    expect(imported.annotations).toHaveLength(passages.length);
  });
});

const es = createTranslator('es');
/** The reasons the refusals below gave, to check every reason in the catalogue is reachable and tested. */
const reasonsSeen = new Set<string>();

/**
 * A refusal's reason: a catalogue message under `annotationFile.reason` (never plain text), whose English is
 * the `error` and whose Spanish is a translation, not the English or a missing key.
 */
function refused(result: AnnotationImport): { error: string; detail: MessageRef } {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('the file was accepted');
  const { error, detail } = result;
  expect(typeof detail, `a plain-text reason: ${error}`).toBe('object');
  expect(detail.key).toMatch(/^annotationFile\.reason\.\w+$/);
  expect(englishText(detail)).toBe(error);
  const spanish = translateRef(es, detail);
  expect(spanish).not.toBe(error);
  expect(spanish).not.toMatch(/annotationFile\.|\b(Item|This|has|is not)\b/);
  reasonsSeen.add(detail.key.slice('annotationFile.reason.'.length));
  return { error, detail };
}

describe('fromAnnotationCollection', () => {
  const annotation = (overrides: Record<string, unknown> = {}) => ({
    '@context': ANNOTATION_CONTEXT,
    id: 'https://hypothes.is/a/abc',
    type: 'Annotation',
    created: '2025-01-02T03:04:05+01:00',
    target: { source: 'https://example.org/a', selector: { type: 'TextQuoteSelector', exact: 'quoted words' } },
    ...overrides,
  });

  it('accepts a single annotation, a page and a bare array', () => {
    const single = fromAnnotationCollection(annotation({ bodyValue: 'A note' }));
    expect(single).toEqual({
      ok: true,
      annotations: [
        {
          id: 'https://hypothes.is/a/abc',
          created: Date.UTC(2025, 0, 2, 2, 4, 5),
          modified: Date.UTC(2025, 0, 2, 2, 4, 5),
          sourceRef: 'https://example.org/a',
          quote: { type: 'TextQuoteSelector', exact: 'quoted words', prefix: '', suffix: '' },
          tagNames: [],
          comment: 'A note',
        },
      ],
    });
    const page = fromAnnotationCollection({ '@context': ANNOTATION_CONTEXT, type: 'AnnotationPage', items: [annotation()] });
    expect(page.ok && page.annotations.length).toBe(1);
    const bare = fromAnnotationCollection([annotation({ id: 'urn:uuid:one' }), annotation({ id: 'urn:uuid:two' })]);
    expect(bare.ok && bare.annotations.map((item) => item.id)).toEqual(['one', 'two']);
  });

  it('reads untyped comment bodies, single bodies and dedupes tags', () => {
    const result = fromAnnotationCollection(
      annotation({
        body: [
          { type: 'TextualBody', purpose: 'tagging', value: 'Drugs / cocaine' },
          { type: 'TextualBody', purpose: 'tagging', value: 'drugs/Cocaine' },
          { type: 'TextualBody', value: 'First thought' },
          { type: 'SpecificResource', source: 'https://example.org/linked' },
          { type: 'TextualBody', purpose: 'commenting', value: 'Second thought' },
        ],
      }),
    );
    expect(result.ok && result.annotations[0]).toMatchObject({ tagNames: ['Drugs/cocaine'], comment: 'First thought\n\nSecond thought' });
  });

  it('fills missing dates only when told the time', () => {
    const undated = annotation({ created: undefined });
    expect(refused(fromAnnotationCollection(undated))).toEqual({
      error: 'Item 1 has no created or modified date.',
      detail: { key: 'annotationFile.reason.noDate', values: { item: 1 } },
    });
    const dated = fromAnnotationCollection(undated, { now: T0 });
    expect(dated.ok && dated.annotations[0]?.created).toBe(T0);
  });

  it.each<[string, unknown, string]>([
    ['not JSON', '{oops', 'This file is not valid JSON (unexpected text at line 1, column 2).'],
    ['cut-short JSON', '[{"id": "a"', 'This file is not valid JSON (it ends too early, as if a closing bracket, brace or quote were missing).'],
    ['a number', 42, 'it holds a number, not a JSON object'],
    ['null', 'null', 'it holds null, not a JSON object'],
    ['an object of the wrong type', JSON.stringify({ '@context': ANNOTATION_CONTEXT, type: 'Person' }), 'its type is "Person"'],
    ['an object without context', { type: 'AnnotationCollection' }, 'This file is not a W3C annotation collection (no @context “http://www.w3.org/ns/anno.jsonld”).'],
    ['another type', { '@context': ANNOTATION_CONTEXT, type: 'Person' }, 'its type is "Person"'],
    ['a linked first page', { '@context': ANNOTATION_CONTEXT, type: 'AnnotationCollection', first: 'https://example.org/page1' }, 'links to its pages'],
    [
      'a multi-page collection',
      { '@context': ANNOTATION_CONTEXT, type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: [], next: 'p2' } },
      'spans several pages',
    ],
    [
      'a wrong total',
      { '@context': ANNOTATION_CONTEXT, type: 'AnnotationCollection', total: 4, first: { type: 'AnnotationPage', items: [annotation()] } },
      'says it holds 4 annotations but contains 1',
    ],
    ['a page without items', { '@context': ANNOTATION_CONTEXT, type: 'AnnotationPage' }, 'This annotation page has no list of items.'],
    [
      'a first page without items',
      { '@context': ANNOTATION_CONTEXT, type: 'AnnotationCollection', first: { type: 'AnnotationPage' } },
      'This annotation collection’s first page has no list of items.',
    ],
    ['a collection without a first page', { '@context': ANNOTATION_CONTEXT, type: 'AnnotationCollection', total: 3 }, 'has no first page'],
  ])('refuses %s', (_label, input, message) => {
    expect(refused(fromAnnotationCollection(input)).error).toContain(message);
  });

  it('counts a claimed total with the plural its number takes, in English and Spanish', () => {
    const claiming = (total: number, items: unknown[]) => ({ '@context': ANNOTATION_CONTEXT, type: 'AnnotationCollection', total, first: { type: 'AnnotationPage', items } });
    const one = refused(fromAnnotationCollection(claiming(1, [])));
    expect(one.detail).toEqual({ key: 'annotationFile.reason.wrongTotal', values: { count: 1, found: 0 } });
    expect(one.error).toBe('This annotation collection says it holds 1 annotation but contains 0.');
    expect(translateRef(es, one.detail)).toBe('Esta colección de anotaciones dice que contiene 1 anotación, pero tiene 0.');
    const many = refused(fromAnnotationCollection(claiming(2500, [annotation()])));
    expect(many.error).toBe('This annotation collection says it holds 2,500 annotations but contains 1.');
    expect(translateRef(es, many.detail)).toBe('Esta colección de anotaciones dice que contiene 2500 anotaciones, pero tiene 1.');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no id', { id: undefined }, 'Item 3 has no id.'],
    ['a numeric id', { id: 7 }, 'Item 3 has an id that is not text.'],
    ['an empty id', { id: '' }, 'Item 3 has an empty id.'],
    ['no type', { type: undefined }, 'Item 3 has no type.'],
    ['a numeric created date', { created: 5 }, 'Item 3 has a created date that is not text.'],
    ['a numeric modified date', { modified: 5 }, 'Item 3 has a modified date that is not text.'],
    ['a numeric bodyValue', { bodyValue: 5 }, 'Item 3 has a bodyValue that is not text.'],
    ['a bad modified date', { modified: 'yesterday' }, 'Item 3 has a modified date that is not an ISO 8601 date-time with a time zone: “yesterday”.'],
    ['a quote without exact text', { target: { source: 's', selector: { type: 'TextQuoteSelector' } } }, 'Item 3 has a TextQuoteSelector without exact text.'],
    ['a numeric quote', { target: { source: 's', selector: { type: 'TextQuoteSelector', exact: 5 } } }, 'Item 3 has a TextQuoteSelector whose exact text is not text.'],
    ['a numeric prefix', { target: { source: 's', selector: { type: 'TextQuoteSelector', exact: 'x', prefix: 5 } } }, 'Item 3 has a TextQuoteSelector whose prefix is not text.'],
    ['a numeric suffix', { target: { source: 's', selector: { type: 'TextQuoteSelector', exact: 'x', suffix: 5 } } }, 'Item 3 has a TextQuoteSelector whose suffix is not text.'],
    [
      'a position in words',
      { target: { source: 's', selector: [{ type: 'TextQuoteSelector', exact: 'x' }, { type: 'TextPositionSelector', start: 'one', end: 2 }] } },
      'Item 3 has a TextPositionSelector without numeric start and end.',
    ],
    [
      'a fractional position',
      { target: { source: 's', selector: [{ type: 'TextQuoteSelector', exact: 'x' }, { type: 'TextPositionSelector', start: 1.5, end: 2 }] } },
      'Item 3 has a TextPositionSelector with a fractional offset.',
    ],
    ['another type', { type: 'Note' }, 'Item 3 is not an Annotation (its type is "Note").'],
    ['no target', { target: undefined }, 'Item 3 has no target.'],
    ['a link target', { target: 'https://example.org/a' }, 'Item 3 has no TextQuoteSelector (its target is only a link).'],
    ['no quote selector', { target: { source: 's', selector: { type: 'TextPositionSelector', start: 1, end: 2 } } }, 'Item 3 has no TextQuoteSelector.'],
    ['an empty quote', { target: { source: 's', selector: { type: 'TextQuoteSelector', exact: '' } } }, 'Item 3 has a TextQuoteSelector with empty exact text.'],
    [
      'a backwards position',
      { target: { source: 's', selector: [{ type: 'TextQuoteSelector', exact: 'x' }, { type: 'TextPositionSelector', start: 9, end: 2 }] } },
      'Item 3 has a TextPositionSelector that ends before it starts.',
    ],
    [
      'a negative position',
      { target: { source: 's', selector: [{ type: 'TextQuoteSelector', exact: 'x' }, { type: 'TextPositionSelector', start: -1, end: 2 }] } },
      'Item 3 has a TextPositionSelector with a negative offset.',
    ],
    ['a target without source', { target: { selector: { type: 'TextQuoteSelector', exact: 'x' } } }, 'Item 3 has a target without a source.'],
    ['a bad date', { created: '3 March 2026' }, 'Item 3 has a created date that is not an ISO 8601 date-time with a time zone: “3 March 2026”.'],
    ['an empty tag', { body: { type: 'TextualBody', purpose: 'tagging', value: ' / ' } }, 'Item 3 has an unusable tag “ / ”: A tag needs a name.'],
    ['an HTML comment', { body: { type: 'TextualBody', value: '<b>x</b>', format: 'text/html' } }, 'Item 3 has a comment in text/html; Casefile imports plain-text comments only.'],
  ])('names the item with %s', (_label, overrides, message) => {
    const items = [annotation({ id: 'urn:uuid:1' }), annotation({ id: 'urn:uuid:2' }), annotation({ id: 'urn:uuid:3', ...overrides })];
    const { error, detail } = refused(fromAnnotationCollection({ '@context': ANNOTATION_CONTEXT, type: 'AnnotationPage', items }));
    expect(error).toBe(message);
    expect(detail.values?.item).toBe(3);
  });

  it('refuses an item that is not an object', () => {
    const { detail } = refused(fromAnnotationCollection([annotation(), 'a string']));
    expect(translateRef(es, detail)).toBe('El elemento 2 no es un objeto de anotación.');
  });

  it('gives the tag’s own reason as a message too', () => {
    const { detail } = refused(fromAnnotationCollection(annotation({ body: { type: 'TextualBody', purpose: 'tagging', value: 'a//b' } })));
    expect(detail.values?.reason).toEqual({ key: 'tagError.emptyLevel', values: { name: 'a//b' } });
    expect(translateRef(es, detail)).toMatch(/^El elemento 1 tiene una etiqueta que no se puede usar, «a\/\/b»: «a\/\/b» tiene un nivel vacío/);
  });

  it('refuses duplicate ids instead of importing half the file', () => {
    const result = fromAnnotationCollection([annotation({ id: 'urn:uuid:1' }), annotation({ id: 'urn:uuid:2' }), annotation({ id: 'urn:uuid:1' })]);
    expect(refused(result)).toEqual({
      error: 'Items 1 and 3 have the same id (1).',
      detail: { key: 'annotationFile.reason.sameId', values: { first: 1, second: 3, id: '1' } },
    });
    expect(translateRef(es, refused(result).detail)).toBe('Los elementos 1 y 3 tienen el mismo id (1).');
  });

  it('has produced every reason in the catalogue (the fallbacks for schema problems zod names otherwise aside)', () => {
    // A plural message is one reason, whatever forms its language gives it (wrongTotal_one, _many, _other).
    const fallbacks = ['notValid', 'quoteUnusable', 'positionUnusable'];
    const names = (catalogue: object) => [...new Set(Object.keys(catalogue).map((name) => name.replace(/_(one|many|other)$/, '')))].sort();
    const reasons = names(CATALOGUES.en.annotationFile.reason).filter((name) => !fallbacks.includes(name));
    expect(reasons.filter((name) => !reasonsSeen.has(name))).toEqual([]);
    expect(names(CATALOGUES.es.annotationFile.reason)).toEqual(names(CATALOGUES.en.annotationFile.reason));
  });
});

describe('named information URIs', () => {
  it('match the RFC 6920 base64url form and decode back', () => {
    const digest = createHash('sha256').update('hello').digest();
    const ni = sha256HexToNi(digest.toString('hex'));
    expect(ni).toBe(`ni:///sha-256;${digest.toString('base64url')}`);
    expect(niToSha256Hex(ni ?? '')).toBe(digest.toString('hex'));
  });

  it('reject anything that is not a SHA-256 digest', () => {
    expect(sha256HexToNi('abc')).toBeUndefined();
    expect(niToSha256Hex('ni:///sha-256;short')).toBeUndefined();
    expect(niToSha256Hex('https://example.org')).toBeUndefined();
  });
});
