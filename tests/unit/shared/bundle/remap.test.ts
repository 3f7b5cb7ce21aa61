import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BundleData } from '../../../../shared/bundle/format';
import { readBundle } from '../../../../shared/bundle/read';
import { remapBriefIds, remapIds } from '../../../../shared/bundle/remap';
import { writeBundle } from '../../../../shared/bundle/write';
import {
  NOTE_SCHEMA_VERSION,
  type ClaimRecord,
  type EntityTagRecord,
  type FigureRecord,
  type PassageRecord,
  type SourceRecord,
  type TagRecord,
  type TimelineEntryRecord,
} from '../../../../shared/domain/types';
import { generateCase, withViews } from '../../../fixtures/bundle/generateCase';

const OPTS = { appVersion: '0.1.0', includeOriginals: true, now: Date.UTC(2025, 3, 1) };
const HASH = 'a'.repeat(64);

/** Small cases built from index choices, so every reference is valid by construction. */
const smallCase: fc.Arbitrary<BundleData> = fc
  .record({
    ids: fc.uniqueArray(fc.uuid(), { minLength: 60, maxLength: 60 }),
    sources: fc.integer({ min: 1, max: 3 }),
    tags: fc.integer({ min: 0, max: 3 }),
    originals: fc.boolean(),
    passages: fc.array(fc.record({ source: fc.nat(), tags: fc.array(fc.nat(), { maxLength: 2 }), start: fc.nat(10) }), { maxLength: 8 }),
    claims: fc.array(fc.record({ evidence: fc.array(fc.nat(), { maxLength: 3 }), tags: fc.array(fc.nat(), { maxLength: 2 }) }), { maxLength: 4 }),
    citations: fc.array(fc.record({ passage: fc.nat(), claim: fc.option(fc.nat(), { nil: undefined }) }), { maxLength: 4 }),
    marks: fc.array(fc.nat(), { maxLength: 3 }),
    withBrief: fc.boolean(),
    entityTags: fc.array(fc.nat(), { maxLength: 3 }),
    found: fc.array(fc.nat(), { maxLength: 2 }),
    manual: fc.array(fc.nat(), { maxLength: 2 }),
    figures: fc.integer({ min: 0, max: 2 }),
  })
  .map((shape) => {
    const ids = [...shape.ids];
    const next = () => ids.pop() as string;
    const caseId = next();
    const text = 'The harbour authority confirmed the seizure.';
    const sources: SourceRecord[] = Array.from({ length: shape.sources }, (_, i) => ({
      id: next(),
      caseId,
      format: 'text',
      text,
      blocks: [{ start: 0, end: text.length, n: 1, kind: 'paragraph' }],
      sha256: HASH,
      fileName: `s${i}.txt`,
      byteLength: text.length,
      importedAt: 1,
      metadata: { type: 'document', title: `Source ${i}` },
      revision: 1,
      order: i,
    }));
    const tags: TagRecord[] = Array.from({ length: shape.tags }, (_, i) => ({ id: next(), caseId, name: `t${i}`, color: '#000', description: '', createdAt: 1 }));
    const tagIds = (picks: number[]) => (tags.length === 0 ? [] : [...new Set(picks.map((p) => (tags[p % tags.length] as TagRecord).id))]);
    const passages: PassageRecord[] = shape.passages.map((p) => ({
      id: next(),
      caseId,
      sourceId: (sources[p.source % sources.length] as SourceRecord).id,
      selectors: [
        { type: 'TextQuoteSelector', exact: text.slice(p.start, p.start + 5), prefix: text.slice(0, p.start), suffix: '' },
        { type: 'TextPositionSelector', start: p.start, end: p.start + 5 },
      ],
      tags: tagIds(p.tags),
      comment: '',
      locator: { kind: 'paragraph', value: 1 },
      anchor: 'exact',
      createdAt: 1,
      updatedAt: 1,
    }));
    const claims: ClaimRecord[] = shape.claims.map((c) => ({
      id: next(),
      caseId,
      statement: 'It was seized',
      claimant: 'Authority',
      status: 'unverified',
      tags: tagIds(c.tags),
      note: '',
      evidence: passages.length === 0 ? [] : c.evidence.map((e) => ({ passageId: (passages[e % passages.length] as PassageRecord).id, stance: 'supports', addedAt: 1 })),
      statusLog: [],
      createdAt: 1,
      updatedAt: 1,
    }));
    const citations = passages.length === 0 ? [] : shape.citations.map((c) => ({
      type: 'citation',
      version: 1,
      passageId: (passages[c.passage % passages.length] as PassageRecord).id,
      ...(c.claim !== undefined && claims.length > 0 ? { claimId: (claims[c.claim % claims.length] as ClaimRecord).id } : {}),
    }));
    const marks = claims.length === 0 ? [] : [{ type: 'mark', version: 1, ids: shape.marks.map((m) => (claims[m % claims.length] as ClaimRecord).id), children: [] }];
    const figures: FigureRecord[] = Array.from({ length: shape.figures }, () => ({ id: next(), caseId, svg: '<svg/>', png: new Uint8Array([1, 2, 3]), width: 10, height: 5, alt: 'Map', createdAt: 1 }));
    const figureNodes = figures.map((f) => ({ type: 'figure', version: 1, figureId: f.id, alt: f.alt, caption: '' }));
    const noteId = next();
    const notes = shape.withBrief
      ? [{ id: noteId, caseId, title: 'Brief', content: { root: { type: 'root', children: [{ type: 'paragraph', children: [...marks, ...citations] }, ...figureNodes] } }, schemaVersion: NOTE_SCHEMA_VERSION, plainText: 'x', createdAt: 1, updatedAt: 1, order: 0 }]
      : [];
    const passageOf = (n: number) => passages[n % passages.length] as PassageRecord;
    const entityTags: EntityTagRecord[] =
      passages.length === 0 ? [] : shape.entityTags.map((n) => ({ id: next(), caseId, passageId: passageOf(n).id, entity: `person:p${n}`, name: `P${n}`, kind: 'person', createdAt: 1 }));
    const position = { type: 'TextPositionSelector', start: 4, end: 11 } as const;
    const timelineEntries: TimelineEntryRecord[] = [
      ...shape.found.map((n): TimelineEntryRecord => ({
        id: next(),
        caseId,
        kind: 'confirmed',
        sourceId: (sources[n % sources.length] as SourceRecord).id,
        selectors: [{ type: 'TextQuoteSelector', exact: text.slice(4, 11), prefix: 'The ', suffix: '' }, position],
        createdAt: 1,
        updatedAt: 1,
      })),
      ...(passages.length === 0
        ? []
        : shape.manual.map((n): TimelineEntryRecord => ({ id: next(), caseId, kind: 'manual', sourceId: passageOf(n).sourceId, passageId: passageOf(n).id, date: { start: '2024', precision: 'year' }, createdAt: 1, updatedAt: 1 }))),
    ];
    const blobs = shape.originals ? sources.map((s) => ({ sourceId: s.id, mediaType: 'text/plain', bytes: new TextEncoder().encode(s.text) })) : [];
    return {
      case: { id: caseId, name: 'Case', createdAt: 1, updatedAt: 1, activeSourceId: (sources[0] as SourceRecord).id, ...(shape.withBrief ? { briefNoteId: noteId } : {}) },
      sources,
      blobs,
      passages,
      claims,
      tags,
      notes,
      timelineEntries,
      entityMerges: [{ id: next(), caseId, alias: 'organization:nca', into: 'organization:national crime agency', createdAt: 1 }],
      entityTags,
      figures,
    };
  });

/** Every record ID in a bundle. */
function recordIds(data: BundleData): string[] {
  return [
    data.case.id,
    ...[data.sources, data.passages, data.claims, data.tags, data.notes, data.timelineEntries, data.entityMerges, data.entityTags, data.figures].flatMap((table) =>
      table.map((record) => record.id),
    ),
  ];
}

/** The bundle with every ID replaced by its position in the first-seen order, so structure can be compared across remaps. */
function shapeOf(data: BundleData): string {
  const order = new Map<string, number>();
  const json = JSON.stringify({
    ...data,
    case: { ...data.case, name: '' },
    blobs: data.blobs.map((b) => ({ ...b, bytes: [...b.bytes] })),
    figures: data.figures.map((f) => ({ ...f, png: [...f.png] })),
  });
  return json.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
    if (!order.has(id)) order.set(id, order.size);
    return `#${order.get(id)}`;
  });
}

describe('remapIds', () => {
  it('keeps every reference valid and no old id survives (property)', async () => {
    await fc.assert(
      fc.asyncProperty(smallCase, async (data) => {
        const before = JSON.stringify(data, (_, v: unknown) => (v instanceof Uint8Array ? [...v] : v));
        const remapped = remapIds(data);
        const result = await readBundle(await writeBundle(remapped, OPTS));
        if (!result.ok) throw new Error(result.error.message);
        expect(result.data).toEqual(remapped);

        const after = JSON.stringify(remapped, (_, v: unknown) => (v instanceof Uint8Array ? [...v] : v));
        for (const id of recordIds(data)) expect(after).not.toContain(id);
        expect(shapeOf(remapped)).toBe(shapeOf(data));
        expect(remapped.case.name).toBe(`${data.case.name} (copy)`);
        // The input is left untouched.
        expect(JSON.stringify(data, (_, v: unknown) => (v instanceof Uint8Array ? [...v] : v))).toBe(before);
      }),
      { numRuns: 60 },
    );
  });

  it('rewrites citation and mark ids wherever they sit in a real brief', () => {
    const data = generateCase({ sources: 1, sourceChars: 2_000, passages: 6, claims: 3, tags: 1, originals: false, seed: 3 });
    const remapped = remapIds(data);
    const newIdOf = new Map(data.passages.map((p, i) => [p.id, remapped.passages[i]?.id]));
    data.claims.forEach((c, i) => newIdOf.set(c.id, remapped.claims[i]?.id));
    const nodes = (content: unknown): Record<string, unknown>[] => {
      const out: Record<string, unknown>[] = [];
      const walk = (v: unknown) => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (typeof v === 'object' && v !== null) {
          out.push(v as Record<string, unknown>);
          Object.values(v).forEach(walk);
        }
      };
      walk(content);
      return out;
    };
    const oldNodes = nodes(data.notes[0]?.content);
    const newNodes = nodes(remapped.notes[0]?.content);
    expect(newNodes).toHaveLength(oldNodes.length);
    const citations = oldNodes.filter((n) => n.type === 'citation');
    expect(citations.length).toBeGreaterThan(0);
    oldNodes.forEach((node, i) => {
      const copy = newNodes[i] as Record<string, unknown>;
      if (node.type === 'citation') {
        expect(copy.passageId).toBe(newIdOf.get(node.passageId as string));
        if (node.claimId !== undefined) expect(copy.claimId).toBe(newIdOf.get(node.claimId as string));
      } else if (node.type === 'mark') {
        expect(copy.ids).toEqual((node.ids as string[]).map((id) => newIdOf.get(id)));
      } else {
        expect(copy.type).toBe(node.type);
      }
    });
  });

  it('points the brief’s figure, the timeline and the entity tags at the copy’s records', async () => {
    const data = withViews(generateCase({ sources: 2, sourceChars: 2_000, passages: 6, claims: 2, tags: 1, originals: false, seed: 5 }));
    const copy = remapIds(data);
    const newIdOf = new Map<string, string>();
    for (const table of ['sources', 'passages', 'figures'] as const) data[table].forEach((record, i) => newIdOf.set(record.id, copy[table][i]!.id));
    const figureNodes = (content: unknown) => JSON.stringify(content).match(/"figureId":"[^"]+"/g);
    const figure = data.figures[0]!;
    expect(figureNodes(data.notes[0]!.content)).toEqual([`"figureId":"${figure.id}"`]);
    expect(figureNodes(copy.notes[0]!.content)).toEqual([`"figureId":"${newIdOf.get(figure.id)}"`]);
    expect(copy.figures[0]).toEqual({ ...figure, id: newIdOf.get(figure.id), caseId: copy.case.id });
    copy.timelineEntries.forEach((entry, i) => {
      const old = data.timelineEntries[i]!;
      expect(entry.id).not.toBe(old.id);
      expect(entry.sourceId).toBe(newIdOf.get(old.sourceId));
      expect(entry.passageId).toBe(old.passageId === undefined ? undefined : newIdOf.get(old.passageId));
      expect(entry.selectors).toEqual(old.selectors);
    });
    expect(copy.timelineEntries.some((entry) => entry.passageId !== undefined)).toBe(true);
    expect(copy.entityTags[0]).toMatchObject({ passageId: newIdOf.get(data.entityTags[0]!.passageId), caseId: copy.case.id, entity: data.entityTags[0]!.entity });
    expect(copy.entityMerges[0]).toMatchObject({ caseId: copy.case.id, alias: data.entityMerges[0]!.alias, into: data.entityMerges[0]!.into });
    // And the copy is a bundle that reads back whole.
    const result = await readBundle(await writeBundle(copy, OPTS));
    expect(result.ok && result.data).toEqual(copy);
  });

  it('gives a dangling citation a fresh id too, consistently', () => {
    const fresh = ['n1', 'n2', 'n3'];
    const content = { root: { children: [{ type: 'citation', passageId: 'deleted' }, { type: 'citation', passageId: 'deleted', claimId: 'c' }, { type: 'text', text: 'deleted' }] } };
    const table = new Map<string, string>();
    const map = (id: string) => table.get(id) ?? (table.set(id, fresh.shift() as string), table.get(id) as string);
    expect(remapBriefIds(content, map)).toEqual({
      root: { children: [{ type: 'citation', passageId: 'n1' }, { type: 'citation', passageId: 'n1', claimId: 'n2' }, { type: 'text', text: 'deleted' }] },
    });
    expect(content.root.children[0]).toEqual({ type: 'citation', passageId: 'deleted' });
  });

  it('copes with a brief nested deeper than the call stack would allow', () => {
    let content: Record<string, unknown> = { type: 'citation', passageId: 'p' };
    for (let i = 0; i < 50_000; i++) content = { type: 'paragraph', children: [content] };
    const out = remapBriefIds(content, () => 'q');
    let node = out as Record<string, unknown>;
    while (Array.isArray(node.children)) node = node.children[0] as Record<string, unknown>;
    expect(node).toEqual({ type: 'citation', passageId: 'q' });
  });
});
