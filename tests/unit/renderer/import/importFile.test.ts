// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importFailure } from '../../helpers/importFailure';
import { importFile, importPastedText, pastedFileName } from '../../../../renderer/import/importFile';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures');
const fixtureBytes = (relative: string) => new Uint8Array(readFileSync(join(FIXTURES, relative)));
const utf8 = (text: string) => new TextEncoder().encode(text);
const NOW = new Date(2026, 10, 28, 15, 47).getTime();

describe('importFile: bad input', () => {
  const latin1 = new Uint8Array([...utf8('Caf'), 0xe9, ...utf8(' au lait')]);
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const blankPage = '<!doctype html><html><head><title>x</title><script>var a = 1;</script></head><body><img src="x.png"><div>   </div></body></html>';
  it.each([
    ['empty.txt', new Uint8Array(), 'empty', /^“empty\.txt” is empty: there is no text to import\.$/],
    ['spaces.md', utf8('  \n\n\t'), 'empty', /^“spaces\.md” is empty/],
    ['nul.txt', utf8('text\u0000more'), 'binary', /^“nul\.txt” looks like a binary file, not text\./],
    ['photo.txt', png, 'binary', /^“photo\.txt” looks like a binary file \(a PNG image\), not text\./],
    ['legacy.txt', latin1, 'encoding', /^“legacy\.txt” is not valid UTF-8 text \(first bad byte at position 3\)\. Save it as UTF-8 and import it again\.$/],
    ['huge.html', new Uint8Array(21 * 1024 * 1024).fill(0x61), 'too-large', /^“huge\.html” is 21\.0 MB; Casefile imports sources up to 20 MB\.$/],
    ['budget.xlsx', utf8('PK\u0003\u0004'), 'unsupported', /^Casefile cannot import “\.xlsx” files\. Supported: \.txt, \.md, \.html, \.htm, \.pdf, \.docx, \.png, \.jpg, \.jpeg, \.tif, \.tiff\.$/],
    ['blank.html', utf8(blankPage), 'no-text', /^“blank\.html” has no readable text\./],
    ['image-only.md', utf8('![chart](https://example.org/chart.png)\n\n<script>alert(1)</script>'), 'no-text', /^“image-only\.md” has no readable text/],
    ['controls.txt', utf8('\u200b\u00ad\n\u2028'), 'empty', /^“controls\.txt” is empty/],
  ] as const)('%s → %s', async (name, bytes, code, message) => {
    expect(await importFailure(importFile(name, bytes, { now: NOW }), code)).toMatch(message);
  });
});

describe('importFile: plain text', () => {
  it('imports the harbour article with its headline as title', async () => {
    const bytes = fixtureBytes('articles/harbour-seizure.txt');
    const draft = await importFile('harbour-seizure.txt', bytes, { now: NOW });
    expect(draft).toMatchObject({
      format: 'text',
      fileName: 'harbour-seizure.txt',
      byteLength: bytes.byteLength,
      mediaType: 'text/plain',
      titleFromFirstLine: true,
      metadata: { type: 'document', title: 'Customs officers seize record haul at Port Velden', accessed: { 'date-parts': [[2026, 11, 28]] } },
    });
    expect(draft.html).toBeUndefined();
    expect(draft.bytes).toBe(bytes);
    expect(draft.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(draft.text.slice(draft.blocks[0]!.start, draft.blocks[0]!.end)).toBe('Customs officers seize record haul at Port Velden');
    expect(draft.blocks.map((b) => draft.text.slice(b.start, b.end)).join('\n\n')).toBe(draft.text);
  });

  it('keeps transcript line breaks from a CRLF file and titles it by file name', async () => {
    const draft = await importFile('C:\\cases\\transcript-crlf.txt', fixtureBytes('articles/transcript-crlf.txt'), { now: NOW });
    expect(draft.fileName).toBe('transcript-crlf.txt');
    expect(draft.metadata.title).toBe('transcript-crlf');
    expect(draft.titleFromFirstLine).toBe(false);
    expect(draft.text).not.toContain('\r');
    expect(draft.text).toContain('\nSpeaker A: We met on the quay at six.');
  });

  it('hashes the original bytes with SHA-256', async () => {
    const draft = await importFile('abc.txt', utf8('abc'));
    expect(draft.sha256).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('importFile: Markdown', () => {
  const md = [
    '---',
    'author: Ana Ruiz',
    'date: 2025-02-03',
    '---',
    '# Budget vote: what changed',
    '',
    'Councillors voted **11 to 8**, see [the report](https://harrowby.example/report) and [this](javascript:alert(1)).',
    '',
    '> We had no choice.',
    '',
    '- Libraries stay open',
    '- Tax up 3.9%',
    '',
    '<img src="https://evil.example/x.png" onerror="alert(1)"><script>alert(2)</script>',
    '## Next steps',
  ].join('\n');

  it('renders, sanitises and keeps structure; the first # heading is the title', async () => {
    const draft = await importFile('notes.md', utf8(md), { now: NOW });
    expect(draft.format).toBe('markdown');
    expect(draft.mediaType).toBe('text/markdown');
    expect(draft.blocks.map((b) => [b.kind, draft.text.slice(b.start, b.end)])).toEqual([
      ['heading', 'Budget vote: what changed'],
      ['paragraph', 'Councillors voted 11 to 8, see the report and this.'],
      ['quote', 'We had no choice.'],
      ['list-item', 'Libraries stay open'],
      ['list-item', 'Tax up 3.9%'],
      ['heading', 'Next steps'],
    ]);
    expect(draft.metadata).toMatchObject({
      type: 'document',
      title: 'Budget vote: what changed',
      author: [{ given: 'Ana', family: 'Ruiz' }],
      issued: { 'date-parts': [[2025, 2, 3]] },
    });
    expect(draft.titleFromFirstLine).toBe(true);
    expect(draft.html).toContain('<a href="https://harrowby.example/report" rel="noopener noreferrer">');
    expect(draft.html).not.toMatch(/javascript:|<script|<img|onerror/i);
  });
});

describe('importFile: HTML', () => {
  it('imports the hostile page inertly with its article text', async () => {
    const draft = await importFile('hostile.html', fixtureBytes('import/hostile.html'), { now: NOW });
    expect(draft.format).toBe('html');
    expect(draft.mediaType).toBe('text/html');
    expect(draft.metadata).toMatchObject({ type: 'webpage', title: 'Harrowby council approves budget after late-night vote', language: 'en' });
    expect(draft.titleFromFirstLine).toBe(false);
    expect(draft.text).toContain('Councillors voted 11 to 8 in favour of the plan');
    expect(draft.html).not.toMatch(/<script|<iframe|<img|<base|<meta|<link|javascript:|onerror|evil\.example/i);
  });

  it('titles a page without metadata by its first heading', async () => {
    const draft = await importFile('plain.htm', utf8('<h2>Depot fire</h2><p>The inquiry opened on Monday.</p>'));
    expect(draft.metadata.title).toBe('Depot fire');
    expect(draft.titleFromFirstLine).toBe(true);
  });

  it('falls back to the file name for a page with neither title nor heading', async () => {
    const draft = await importFile('Council minutes.html', utf8('<p>The inquiry opened on Monday.</p>'));
    expect(draft.metadata.title).toBe('Council minutes');
    expect(draft.titleFromFirstLine).toBe(false);
  });

  it('uses the fetch address for links and as the URL', async () => {
    const draft = await importFile('page.html', utf8('<p>See <a href="/minutes">the minutes</a>.</p>'), { baseUrl: 'https://harrowby.example/news/' });
    expect(draft.metadata.URL).toBe('https://harrowby.example/news/');
    expect(draft.html).toContain('href="https://harrowby.example/minutes"');
  });
});

describe('importPastedText', () => {
  it('imports pasted text under a dated name', async () => {
    const draft = await importPastedText('Pasted witness note\r\n\r\nThe van left the depot at 04:10.', { now: NOW });
    expect(draft.fileName).toBe('Pasted text 2026-11-28 15.47.txt');
    expect(draft.fileName).toBe(pastedFileName(NOW));
    expect(draft.text).toBe('Pasted witness note\n\nThe van left the depot at 04:10.');
    expect(draft.metadata.title).toBe('Pasted witness note');
    expect(draft.bytes).toEqual(utf8('Pasted witness note\r\n\r\nThe van left the depot at 04:10.'));
  });

  it('refuses empty and oversized text', async () => {
    expect(await importFailure(importPastedText(' \n\u200b '), 'empty')).toBe('The pasted text is empty: there is no text to import.');
    expect(await importFailure(importPastedText('a'.repeat(21 * 1024 * 1024)), 'too-large')).toBe(
      'The pasted text is 21.0 MB; Casefile imports sources up to 20 MB.',
    );
  });
});
