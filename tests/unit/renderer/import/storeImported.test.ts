// @vitest-environment jsdom
/**
 * Storing what the new formats produce: a PDF keeps its original bytes and
 * page blocks, a passage on it gets a page locator, and a fetched page keeps
 * where and when it was fetched (until a file replaces its text).
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { reanchorAll } from '../../../../shared/anchoring';
import type { ImportedSourceDraft } from '../../../../shared/import/draft';
import { addSource, createCase, createPassage, locatorAt, replaceSourceText } from '../../../../renderer/db/repositories';
import type { CasefileDB } from '../../../../renderer/db/db';
import { importFile } from '../../../../renderer/import/importFile';
import { importFetchedPage } from '../../../../renderer/import/importUrl';
import { freshDb } from '../db/helpers';
import { pdfjs } from '../../helpers/pdfjsNode';
import { flowPage, writePdf } from '../../helpers/pdfWriter';

let db: CasefileDB;
afterEach(() => db?.close());

const PAGE_TWO = 'The second inspection found the seals on all four containers intact.';

describe('storing imported PDFs and fetched pages', () => {
  it('stores a PDF with its original bytes, and a passage on page 2 is located on page 2', async () => {
    db = await freshDb();
    const bytes = writePdf([flowPage(['The first inspection was cut short by the weather.']), flowPage([PAGE_TWO])]);
    const draft = await importFile('inspections.pdf', bytes, { pdfjs });
    const owner = await createCase('Container seals');
    const source = await addSource(owner.id, draft);
    expect(source.format).toBe('pdf');
    expect(source.blocks.map((b) => [b.kind, b.n])).toEqual([
      ['page', 1],
      ['page', 2],
    ]);
    const blob = await db.sourceBlobs.get(source.id);
    expect(blob?.mediaType).toBe('application/pdf');
    expect(Array.from(blob?.bytes ?? [])).toEqual(Array.from(bytes));
    const start = source.text.indexOf(PAGE_TWO);
    const passage = await createPassage(source, start, start + PAGE_TWO.length);
    expect(passage.locator).toEqual({ kind: 'page', value: 2 });
  });

  it('keeps a fetched page’s provenance, and drops it when a file replaces the text', async () => {
    db = await freshDb();
    const html = '<!doctype html><title>Bridge tolls rise</title><h1>Bridge tolls rise</h1><p>Tolls on the estuary bridge go up by forty pence in April.</p>';
    const page = { bytes: new TextEncoder().encode(html), finalUrl: 'https://news.example/bridge-tolls', contentType: 'text/html', fetchedAt: Date.UTC(2026, 10, 28, 9, 30) };
    const draft = await importFetchedPage('https://news.example/b/123', page);
    const owner = await createCase('Bridge');
    const source = await addSource(owner.id, draft);
    const stored = await db.sources.get(source.id);
    expect(stored?.fetched).toEqual({ url: 'https://news.example/b/123', finalUrl: 'https://news.example/bridge-tolls', fetchedAt: page.fetchedAt });
    expect(stored?.metadata.URL).toBe('https://news.example/bridge-tolls');

    const revised: ImportedSourceDraft = await importFile('bridge.txt', new TextEncoder().encode('Bridge tolls rise\n\nTolls on the estuary bridge go up by fifty pence in April.'));
    await replaceSourceText(source.id, revised, reanchorAll, locatorAt);
    const updated = await db.sources.get(source.id);
    expect(updated?.revision).toBe(2);
    expect(updated?.fetched).toBeUndefined();
    // The citation URL is bibliographic metadata the user may keep; it is not touched.
    expect(updated?.metadata.URL).toBe('https://news.example/bridge-tolls');
  });
});
