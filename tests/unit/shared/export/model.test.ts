import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { brief, citation, paragraph, text, TEXT_FORMAT } from '../../../../shared/brief/build';
import { toCaseJson } from '../../../../shared/export/caseJson';
import { buildExportModel, ExportError, locatorText, MISSING_PASSAGE, MISSING_SOURCE, safeUrl } from '../../../../shared/export/model';
import { harbourCase } from '../../../fixtures/export/harbourCase';
import { CASE_PATH, fixtureInput, fixtureModel, loadCase } from './helpers';

describe('the export fixture', () => {
  it('case.json is harbourCase() serialised (run tests/fixtures/export/write-case.mjs after editing it)', () => {
    const stored = JSON.parse(readFileSync(CASE_PATH, 'utf8')) as { exportedAt: string };
    const fresh = JSON.parse(toCaseJson(harbourCase(), new Date(stored.exportedAt))) as unknown;
    expect(stored).toEqual(fresh);
  });

  it('has the shape the export tests rely on', () => {
    const data = loadCase();
    expect([data.sources.length, data.passages.length, data.claims.length]).toEqual([3, 6, 2]);
  });
});

describe('buildExportModel', () => {
  it('makes one note per cited passage, numbered by first appearance', () => {
    const model = fixtureModel();
    expect(model.citationCount).toBe(6);
    expect(model.notes.map((n) => [n.n, n.passageId, n.occurrences])).toEqual([
      [1, 'p-gazette-1', 2],
      [2, 'p-gazette-2', 1],
      [3, 'p-gazette-3', 1],
      [4, 'p-report-1', 1],
      [5, 'p-interview-1', 1],
    ]);
  });

  it('gives each note the exact quote, the locator and the source reference', () => {
    const data = loadCase();
    const model = fixtureModel();
    for (const note of model.notes) {
      const passage = data.passages.find((p) => p.id === note.passageId);
      expect(note.quote).toBe(passage?.selectors[0].exact);
      expect(note.broken).toBe(false);
    }
    expect(model.notes.find((n) => n.passageId === 'p-report-1')?.locator).toBe('p. 3');
    expect(model.notes[0]?.locator).toBe('para. 1');
    expect(model.notes[0]?.referenceText).toBe(
      'Okafor, A. (2024, March 5). Forty tonnes of tobacco seized at Pier 9. Ellery Harbour Gazette. https://gazette.example/2024/03/05/pier-9-seizure',
    );
    expect(model.notes[0]?.reference.find((run) => run.italic)?.text).toBe('Ellery Harbour Gazette');
  });

  it('lists each cited source once in the bibliography, in the style’s order', () => {
    const apa = fixtureModel().bibliography.map((e) => e.id);
    expect(apa).toEqual(['src-report', 'src-gazette', 'src-interview']); // alphabetical by author
    const vancouver = fixtureModel({ style: 'vancouver' }).bibliography;
    expect(vancouver.map((e) => [e.id, e.label])).toEqual([
      ['src-gazette', '1.'],
      ['src-report', '2.'],
      ['src-interview', '3.'],
    ]);
    expect(fixtureModel({ include: { bibliography: false, claimsAppendix: false, evidenceTable: false } }).bibliography).toEqual([]);
  });

  it('reads the structure: headings, formatting, block quote, nested list, citation positions', () => {
    const [h1, para, quoteBlock, h2, list] = fixtureModel().blocks;
    expect(h1).toMatchObject({ kind: 'heading', level: 1 });
    expect(para?.kind === 'paragraph' && para.inlines.filter((i) => i.kind === 'citation').map((i) => i.kind === 'citation' && i.n)).toEqual([1, 2, 3]);
    expect(para?.kind === 'paragraph' && para.inlines.find((i) => i.kind === 'text' && i.marks.includes('bold'))).toMatchObject({ text: 'forty tonnes' });
    expect(quoteBlock?.kind).toBe('quote');
    expect(h2).toMatchObject({ kind: 'heading', level: 2 });
    expect(list?.kind === 'list' && list.items.length).toBe(2);
    expect(list?.kind === 'list' && list.items[0]?.lists[0]?.items.length).toBe(2);
  });

  it('marks notes whose passage or source is gone instead of failing', () => {
    const input = fixtureInput();
    input.passages = input.passages.filter((p) => p.id !== 'p-gazette-2');
    input.sources = input.sources.filter((s) => s.id !== 'src-report');
    const model = buildExportModel(input);
    const gone = model.notes.find((n) => n.passageId === 'p-gazette-2');
    expect(gone).toMatchObject({ broken: true, referenceText: MISSING_PASSAGE, quote: '', locator: '' });
    const orphan = model.notes.find((n) => n.passageId === 'p-report-1');
    expect(orphan).toMatchObject({ broken: true, referenceText: MISSING_SOURCE, locator: 'p. 3' });
    expect(orphan?.quote).toContain('Tobacco accounted for 61%');
    expect(model.bibliography.map((e) => e.id)).not.toContain('src-report');
  });

  it('builds the claims appendix and the evidence table', () => {
    const model = fixtureModel({ include: { bibliography: true, claimsAppendix: true, evidenceTable: true } });
    expect(model.claims).toEqual([
      {
        id: 'claim-seizure',
        statement: 'Customs seized 40 tonnes of undeclared tobacco at Pier 9',
        claimant: 'Ellery Harbour Customs Authority',
        status: 'supported',
        supports: 2,
        contradicts: 0,
        independentSources: 2,
        tags: ['goods/tobacco'],
      },
      {
        id: 'claim-inspected',
        statement: 'The container was inspected on the quay before the seizure',
        claimant: 'Harbour authority spokesperson',
        status: 'disputed',
        supports: 1,
        contradicts: 1,
        independentSources: 1,
        tags: ['paperwork'],
      },
    ]);
    expect(model.evidence).toHaveLength(5);
    expect(model.evidence?.[1]).toMatchObject({ stance: 'context', source: 'Annual enforcement report 2023', locator: 'p. 3' });
    expect(fixtureModel().claims).toBeNull();
  });

  it('gives a title, author and readable date, and refuses a malformed date with a sentence', () => {
    const model = fixtureModel({ author: '  Ada Okafor ', date: '2024-03-05T10:00:00Z' });
    expect([model.title, model.author, model.date, model.dateText]).toEqual(['Pier 9 tobacco seizure', 'Ada Okafor', '2024-03-05', 'March 5, 2024']);
    expect(() => fixtureModel({ date: '2024-02-30' })).toThrow(/not a valid ISO date.*YYYY-MM-DD/);
    expect(() => fixtureModel({ date: '5 March' })).toThrow(ExportError);
  });

  it('exports unknown nodes as their text, drops unsafe links, and splits newlines into breaks', () => {
    const input = fixtureInput();
    const unknownInline = { type: 'hashtag-v9', version: 1, text: '#harbour', children: [] };
    const unknownBlock = { type: 'collapsible', version: 1, direction: null, format: '', indent: 0, children: [paragraph(text('inside a future node'))] };
    const badLink = { type: 'link', version: 1, url: 'javascript:alert(1)', direction: null, format: '', indent: 0, children: [text('click')] };
    input.note = { ...input.note, content: brief(paragraph(unknownInline as never, badLink as never, text('one\ntwo', TEXT_FORMAT.code)), unknownBlock as never) };
    const model = buildExportModel(input);
    expect(model.blocks).toEqual([
      {
        kind: 'paragraph',
        inlines: [
          { kind: 'text', text: '#harbour', marks: [] },
          { kind: 'text', text: 'click', marks: [] },
          { kind: 'text', text: 'one', marks: ['code'] },
          { kind: 'break' },
          { kind: 'text', text: 'two', marks: ['code'] },
        ],
      },
      { kind: 'paragraph', inlines: [{ kind: 'text', text: 'inside a future node', marks: [] }] },
    ]);
  });

  it('refuses a brief saved by a newer Casefile', () => {
    const input = fixtureInput();
    input.note = { ...input.note, schemaVersion: 99 };
    expect(() => buildExportModel(input)).toThrow(/newer version of Casefile.*Update Casefile/);
  });

  it('handles an empty brief and a brief citing nothing', () => {
    const input = fixtureInput();
    input.note = { ...input.note, content: null };
    expect(buildExportModel(input)).toMatchObject({ blocks: [], notes: [], bibliography: [], citationCount: 0 });
    input.note = { ...input.note, content: brief(paragraph(text('No sources yet.'), citation('no-such-passage'))) };
    expect(buildExportModel(input).notes[0]).toMatchObject({ n: 1, broken: true, referenceText: MISSING_PASSAGE });
  });

  it('formats locators and screens link URLs', () => {
    expect(locatorText({ kind: 'paragraph', value: 7 })).toBe('para. 7');
    expect(locatorText({ kind: 'page', value: 2 })).toBe('p. 2');
    expect(safeUrl(' https://example.org/a?b=1 ')).toBe('https://example.org/a?b=1');
    expect(safeUrl('mailto:desk@example.org')).toBe('mailto:desk@example.org');
    expect(safeUrl('data:text/html,<script>')).toBeNull();
    expect(safeUrl('file:///etc/passwd')).toBeNull();
  });
});
